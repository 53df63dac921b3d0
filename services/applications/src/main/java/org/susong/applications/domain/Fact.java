package org.susong.applications.domain;

import java.time.Instant;

/**
 * Something that happened to an application, kept once by its event id: the timeline is the list
 * of facts, and the status follows from them.
 *
 * @param eventId    the CloudEvents id (or the request id of a command), which makes receiving the same fact twice harmless
 * @param kind       what happened, e.g. {@code DECIDED_APPROVED}, {@code PAYMENT_DISBURSED}
 * @param status     the status this fact establishes; null for a fact that only informs (a withdrawal request, a refusal)
 * @param at         when it happened
 * @param actor      who acted
 * @param detail     a line for people reading the timeline
 * @param round      0 for the first decision and what follows it; n after the n-th appeal
 * @param decisionId the decision the fact is about, when it names one
 * @param sequence   the producer's aggregate sequence ({@code ce_sequence}), 0 when none: it orders facts of one
 *                   outbox write, which share their time (payments' BudgetReserved and PaymentInNotice)
 * @param hash       the hash of the event's payload, null for commands: the same event id with another payload is a
 *                   modified request, refused
 */
public record Fact(String eventId, String kind, ApplicationStatus status, Instant at, String actor, String detail,
                   int round, String decisionId, long sequence, String hash, java.time.LocalDate appealDeadline) {

    /**
     * A fact without an appeal deadline ({@code appealDeadline}: the last day to appeal a decision, as eligibility's
     * {@code EligibilityDecided} states it; only on {@code DECIDED_*} facts).
     */
    public Fact(String eventId, String kind, ApplicationStatus status, Instant at, String actor, String detail,
                int round, String decisionId, long sequence, String hash) {
        this(eventId, kind, status, at, actor, detail, round, decisionId, sequence, hash, null);
    }

    public Fact(String eventId, String kind, ApplicationStatus status, Instant at, String actor, String detail) {
        this(eventId, kind, status, at, actor, detail, 0, null);
    }

    public Fact(String eventId, String kind, ApplicationStatus status, Instant at, String actor, String detail,
                int round, String decisionId) {
        this(eventId, kind, status, at, actor, detail, round, decisionId, 0, null);
    }

    public Fact(String eventId, String kind, ApplicationStatus status, Instant at, String actor, String detail,
                int round, String decisionId, long sequence) {
        this(eventId, kind, status, at, actor, detail, round, decisionId, sequence, null);
    }

    /** Another fact under this one's event id whose payload differs: a modified redelivery. */
    public boolean modifiedBy(Fact other) {
        return eventId.equals(other.eventId) && hash != null && other.hash != null && !hash.equals(other.hash);
    }

    /** Time, then the producer's sequence: the order in which the facts happened. */
    static final java.util.Comparator<Fact> CHRONOLOGICAL = java.util.Comparator.comparing(Fact::at)
            .thenComparingLong(Fact::sequence);

    /** The round of a decision or order id: {@code D-APP-...-R2} and {@code PO-D-APP-...-R2} are round 2. */
    public static int roundOf(String decisionOrOrderId) {
        if (decisionOrOrderId == null) {
            return 0;
        }
        int r = decisionOrOrderId.lastIndexOf("-R");
        if (r < 0 || r + 2 >= decisionOrOrderId.length()) {
            return 0;
        }
        String digits = decisionOrOrderId.substring(r + 2);
        return digits.chars().allMatch(Character::isDigit) && digits.length() < 4 ? Integer.parseInt(digits) : 0;
    }
}
