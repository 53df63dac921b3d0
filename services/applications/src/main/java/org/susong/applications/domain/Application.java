package org.susong.applications.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.susong.commons.ids.District;

/**
 * An application of one applicant under one measure for one period. It decides nothing about
 * money: it records what the applicant claimed and, as a timeline, every fact about it - its own
 * commands and what eligibility and payments report. The status is derived from the timeline.
 */
public record Application(String id, String applicantUscc, String measureCode, District district, String period,
                          Map<String, Object> facts, List<Attachment> attachments, Instant createdAt, String createdBy,
                          String proposalId, List<Fact> timeline, List<PayeeSnapshot> payeeSnapshots) {

    /**
     * Orders facts for the status: a withdrawal ends every round; then round, rank, time, and the
     * producer's sequence for facts of one write (same time): never the order of arrival.
     */
    private static final Comparator<Fact> PRECEDENCE = Comparator
            .comparingInt((Fact f) -> f.status() == ApplicationStatus.WITHDRAWN ? 1 : 0)
            .thenComparingInt(Fact::round)
            .thenComparingInt(f -> f.status().rank())
            .thenComparing(Fact.CHRONOLOGICAL);

    public Application {
        facts = Map.copyOf(facts);
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
        timeline = List.copyOf(timeline);
        payeeSnapshots = payeeSnapshots == null ? List.of() : List.copyOf(payeeSnapshots);
    }

    /** A state change: the new application and what it announces (possibly nothing). */
    public record Transition(Application application, List<ApplicationEvent> events) {
    }

    /** Submission: the first fact of the timeline and the event that announces it. */
    public static Submission submit(String id, String applicantUscc, String measureCode, District district,
                                    Map<String, Object> facts, Instant now, String actor, String requestId) {
        return submit(id, applicantUscc, measureCode, district, String.valueOf(now.atZone(
                java.time.ZoneId.of("Asia/Shanghai")).getYear()), facts, List.of(), now, actor, requestId, null);
    }

    /** Submission, also of a system-initiated application (then {@code proposalId} names the award proposal). */
    public static Submission submit(String id, String applicantUscc, String measureCode, District district, String period,
                                    Map<String, Object> facts, List<Attachment> attachments, Instant now, String actor,
                                    String requestId, String proposalId) {
        Fact submitted = new Fact(requestId, FactKind.SUBMITTED.name(), ApplicationStatus.SUBMITTED, now, actor,
                (proposalId == null ? "submitted under measure " : "system-initiated from award proposal " + proposalId
                        + " under measure ") + measureCode);
        Application application = new Application(id, applicantUscc, measureCode, district, period, facts, attachments,
                now, actor, proposalId, List.of(submitted), List.of());
        return new Submission(application, application.submittedEvent(now));
    }

    /** A draft: kept, announced to nobody, checked only when submitted. */
    public static Application draft(String id, String applicantUscc, String measureCode, District district, String period,
                                    Map<String, Object> facts, List<Attachment> attachments, Instant now, String actor,
                                    String requestId) {
        Fact drafted = new Fact(requestId, "DRAFTED", ApplicationStatus.DRAFT, now, actor, "draft under measure " + measureCode);
        return new Application(id, applicantUscc, measureCode, district, period, facts, attachments, now, actor, null,
                List.of(drafted), List.of());
    }

    public record Submission(Application application, ApplicationEvent.Submitted event) {
    }

    /** DRAFT -> SUBMITTED. */
    public Submission submitDraft(Instant now, String actor, String requestId) {
        requireStatus("submitted", ApplicationStatus.DRAFT);
        Application next = record(new Fact(requestId, FactKind.SUBMITTED.name(), ApplicationStatus.SUBMITTED, now, actor,
                "submitted under measure " + measureCode));
        return new Submission(next, next.submittedEvent(now));
    }

    /** A draft's facts and attachments replaced (a corrected import row). */
    public Application correctDraft(Map<String, Object> newFacts, List<Attachment> newAttachments) {
        requireStatus("corrected", ApplicationStatus.DRAFT);
        return new Application(id, applicantUscc, measureCode, district, period, newFacts, newAttachments, createdAt,
                createdBy, proposalId, timeline, payeeSnapshots);
    }

    private ApplicationEvent.Submitted submittedEvent(Instant now) {
        return new ApplicationEvent.Submitted(id, applicantUscc, measureCode, district, period, facts, attachments, now,
                proposalId, proposalId != null, resubmissionOf().orElse(null));
    }

    /** Timeline kind on the rejected application: closed by its resubmission (its cause names the new one). */
    public static final String RESUBMITTED = "RESUBMITTED";
    /** Timeline kind on the new application: which rejected application it resubmits. */
    public static final String RESUBMISSION_OF = "RESUBMISSION_OF";
    private static final String RESUBMITTED_AS_CAUSE = "resubmitted-as:";
    private static final String RESUBMISSION_OF_CAUSE = "resubmission-of:";

    /**
     * A resubmission of a rejected application (issue 20 item 5): a new application, submitted, whose timeline says
     * which one it resubmits; its {@code ApplicationSubmitted} carries {@code resubmissionOf}.
     */
    public static Submission resubmit(String id, String rejectedId, String applicantUscc, String measureCode,
                                      District district, String period, Map<String, Object> facts,
                                      List<Attachment> attachments, Instant now, String actor, String requestId) {
        Application application = submit(id, applicantUscc, measureCode, district, period, facts, attachments, now, actor,
                requestId, null).application().record(new Fact(RESUBMISSION_OF_CAUSE + rejectedId, RESUBMISSION_OF, null,
                now, actor, "resubmission of " + rejectedId + " (rejected), decided anew under measure " + measureCode
                + " as it is now"));
        return new Submission(application, application.submittedEvent(now));
    }

    /** The rejected application this one resubmits, if it is a resubmission. */
    public Optional<String> resubmissionOf() {
        return timeline.stream().filter(f -> RESUBMISSION_OF.equals(f.kind())).findFirst()
                .map(f -> f.eventId().substring(RESUBMISSION_OF_CAUSE.length()));
    }

    /** The application this rejected one was resubmitted as, if it was. */
    public Optional<String> resubmittedAs() {
        return timeline.stream().filter(f -> RESUBMITTED.equals(f.kind())).findFirst()
                .map(f -> f.eventId().substring(RESUBMITTED_AS_CAUSE.length()));
    }

    /** Refuses, before anything is checked or written, an application that cannot be resubmitted (409). */
    public void requireResubmittable() {
        ApplicationStatus status = status();
        if (resubmittedAs().isPresent()) {
            throw new IllegalTransition(status, "application " + id + " was already resubmitted as "
                    + resubmittedAs().get() + "; a rejected application is resubmitted once");
        }
        if (status != ApplicationStatus.REJECTED) {
            throw new IllegalTransition(status, "only a REJECTED application can be resubmitted; this one is " + status);
        }
        if (withdrawalPending()) {
            throw new IllegalTransition(status, "a withdrawal of this application is waiting for payments' answer");
        }
        if (facts != null && facts.get("callId") != null) {
            // issue 19 item 3 (C1): a later round of its call may still fund it (an award released before payment passes
            // to the next in rank); a resubmission beside it could be funded too
            throw new IllegalTransition(status, "application " + id + " was ranked in call " + facts.get("callId")
                    + ", whose later rounds may still fund it: an application to a call is not resubmitted (appeal its"
                    + " decision, or submit a new application)");
        }
    }

    /**
     * REJECTED -> CLOSED by its resubmission as {@code newId}: the rejected application ends in its round (no appeal
     * after it) and frees its period, which the resubmission takes - an applicant never holds two live applications
     * for one measure and period. Announces nothing: the resubmission's {@code ApplicationSubmitted} names it.
     */
    public Transition closeByResubmission(String newId, Instant now, String actor) {
        requireResubmittable();
        return new Transition(record(new Fact(RESUBMITTED_AS_CAUSE + newId, RESUBMITTED, ApplicationStatus.CLOSED, now,
                actor, "resubmitted as " + newId + " (decided anew under the measure as it is now)", round(),
                latestDecisionId().orElse(null))), List.of());
    }

    public boolean systemInitiated() {
        return proposalId != null;
    }

    /** When it was submitted; empty for a draft. */
    public Optional<Instant> submittedAt() {
        return timeline.stream().filter(FactKind.SUBMITTED::of).map(Fact::at).findFirst();
    }

    /** The fact with the highest precedence decides; facts that only inform are ignored. */
    public ApplicationStatus status() {
        return timeline.stream().filter(f -> f.status() != null).max(PRECEDENCE).map(Fact::status)
                .orElse(ApplicationStatus.SUBMITTED);
    }

    /** The round the application is in: that of the fact deciding the status. */
    public int round() {
        return timeline.stream().filter(f -> f.status() != null).max(PRECEDENCE).map(Fact::round).orElse(0);
    }

    public boolean knows(String eventId) {
        return timeline.stream().anyMatch(f -> f.eventId().equals(eventId));
    }

    /** Records a fact once; a fact already known leaves the application as it is. */
    public Application record(Fact fact) {
        if (knows(fact.eventId())) {
            return this;
        }
        List<Fact> facts = new ArrayList<>(timeline);
        facts.add(fact);
        facts.sort(Fact.CHRONOLOGICAL);
        return new Application(id, applicantUscc, measureCode, district, period, this.facts, attachments, createdAt,
                createdBy, proposalId, facts, payeeSnapshots);
    }

    /** The latest decision (highest round), if any. */
    public Optional<String> latestDecisionId() {
        return timeline.stream().filter(f -> FactKind.decision(f) && f.decisionId() != null)
                .max(Comparator.comparingInt(Fact::round).thenComparing(Fact::at)).map(Fact::decisionId);
    }

    /**
     * A withdrawal was asked for and payments has not answered yet. Payments answers one withdrawal
     * per application ({@code W-<applicationId>}), so once it answered nothing is pending any more.
     */
    public boolean withdrawalPending() {
        return has("WITHDRAWAL_REQUESTED") && !has("WITHDRAWAL_REFUSED") && !has("WITHDRAWAL_ACCEPTED");
    }

    private boolean has(String kind) {
        return timeline.stream().anyMatch(f -> kind.equals(f.kind()));
    }

    /**
     * Withdrawal. A draft is withdrawn at once; otherwise it is a request that payments accepts or
     * refuses, since only payments knows whether money is already instructed.
     */
    public Transition requestWithdrawal(String reason, String actor, Instant now, String requestId) {
        ApplicationStatus status = status();
        if (status.settled()) {
            throw new IllegalTransition(status, "an application that is " + status + " cannot be withdrawn");
        }
        if (withdrawalPending()) {
            throw new IllegalTransition(status, "a withdrawal of this application is already waiting for payments' answer");
        }
        if (has("WITHDRAWAL_REFUSED")) {
            throw new IllegalTransition(status, "payments refused the withdrawal of this application (its money is already"
                    + " on its way); payments decides one withdrawal per application, so another request would never be"
                    + " answered");
        }
        if (status == ApplicationStatus.DRAFT) {
            return new Transition(record(new Fact(requestId, "WITHDRAWN", ApplicationStatus.WITHDRAWN, now, actor,
                    "draft withdrawn: " + reason)), List.of());
        }
        Application next = record(new Fact(requestId, "WITHDRAWAL_REQUESTED", null, now, actor, "withdrawal requested: "
                + reason, round(), latestDecisionId().orElse(null)));
        return new Transition(next, List.of(new ApplicationEvent.WithdrawalRequested(id, applicantUscc,
                latestDecisionId().orElse(null), reason, actor, now)));
    }

    /** What an appeal can contest: a final decision, before its money is paid out, converted or held by an objection. */
    private static final java.util.Set<ApplicationStatus> APPEALABLE = java.util.EnumSet.of(ApplicationStatus.REJECTED,
            ApplicationStatus.APPROVED, ApplicationStatus.WAITLISTED, ApplicationStatus.IN_PUBLIC_NOTICE,
            ApplicationStatus.PAYMENT_SCHEDULED);

    /**
     * Appeal of a decision (a rejection, or an approval whose amount is contested): opens the next round, which an
     * officer weighs in eligibility's review queue and decides as {@code D-<id>-R<n>}; {@code documents}: the
     * applicant's references for the officer. The deadline is checked by the caller on the business date
     * ({@link #appealDeadline()}).
     */
    public Transition appeal(String grounds, List<Attachment> documents, String actor, Instant now, String requestId) {
        ApplicationStatus status = status();
        if (!APPEALABLE.contains(status)) {
            throw new IllegalTransition(status, "only a decided application (REJECTED, or APPROVED and not yet paid) can"
                    + " be appealed; this one is " + status);
        }
        if (withdrawalPending()) {
            throw new IllegalTransition(status, "a withdrawal of this application is waiting for payments' answer");
        }
        String decisionId = latestDecisionId().orElseThrow(() -> new IllegalTransition(status,
                "the rejection names no decision to appeal"));
        Application next = record(new Fact(requestId, "APPEALED", ApplicationStatus.APPEALED, now, actor,
                "appealed decision " + decisionId + ": " + grounds, round() + 1, decisionId));
        return new Transition(next, List.of(new ApplicationEvent.Appealed(id, decisionId, grounds, now, List.copyOf(documents))));
    }

    /** The last day to appeal the latest decision, as its notice states it; empty when eligibility stated none. */
    public Optional<java.time.LocalDate> appealDeadline() {
        return timeline.stream().filter(f -> FactKind.decision(f) && f.decisionId() != null)
                .max(Comparator.comparingInt(Fact::round).thenComparing(Fact::at)).map(Fact::appealDeadline);
    }

    /** Timeline kind of an application that followed its applicant to another district (issue 20 item 6). */
    public static final String MOVED_WITH_APPLICANT = "DISTRICT_MOVED";

    /**
     * Follows the applicant's approved district change {@code changeId} from {@code from} to {@code to}: an application
     * not settled and still in {@code from} is now {@code to}'s, with a timeline entry (cause
     * {@code district-move:<changeId>}, once); any other is left as it is - a settled application keeps the district it
     * was decided and paid in. Announces nothing (the applicant's {@code ApplicantDistrictChanged} does).
     */
    public Transition moveDistrict(District from, District to, String changeId, String actor, Instant now) {
        if (district != from || status().settled() || knows("district-move:" + changeId)) {
            return new Transition(this, List.of());
        }
        Application moved = new Application(id, applicantUscc, measureCode, to, period, facts, attachments, createdAt,
                createdBy, proposalId, timeline, payeeSnapshots);
        return new Transition(moved.record(new Fact("district-move:" + changeId, MOVED_WITH_APPLICANT, null, now, actor,
                "moved from " + from.name() + " to " + to.name() + " with its applicant (registration change " + changeId
                + ")", round(), null)), List.of());
    }

    /** Approved decisions whose payee snapshot is not taken yet. */
    public List<String> approvedDecisionsWithoutSnapshot() {
        return timeline.stream().filter(f -> FactKind.DECIDED_APPROVED.of(f) && f.decisionId() != null)
                .map(Fact::decisionId).filter(d -> payeeSnapshots.stream().noneMatch(s -> s.decisionId().equals(d)))
                .distinct().toList();
    }

    /** Keeps the payee account for an approved decision, once per decision. */
    public Transition snapshotPayee(String decisionId, BankAccount account, Instant now) {
        if (payeeSnapshots.stream().anyMatch(s -> s.decisionId().equals(decisionId))) {
            return new Transition(this, List.of());
        }
        PayeeSnapshot snapshot = new PayeeSnapshot(decisionId, account.accountName(), account.accountNumber(),
                account.bankCode(), account.bankName(), now);
        List<PayeeSnapshot> snapshots = new ArrayList<>(payeeSnapshots);
        snapshots.add(snapshot);
        Application next = new Application(id, applicantUscc, measureCode, district, period, facts, attachments, createdAt,
                createdBy, proposalId, timeline, snapshots).record(new Fact("payee:" + decisionId, "PAYEE_SNAPSHOTTED", null,
                now, "system;system;;", "payee account " + account.bankCode() + " " + account.maskedNumber()
                + " kept for decision " + decisionId, Fact.roundOf(decisionId), decisionId));
        return new Transition(next, List.of(new ApplicationEvent.PayeeSnapshotted(id, applicantUscc, snapshot)));
    }

    /**
     * Decisions with a kept payee snapshot whose payment the bank returned and that were not sent, paid or withdrawn
     * since (issue 20 item 2): the latest of their payment outcomes is the return.
     */
    public List<String> decisionsReturnedUnpaid() {
        java.util.Map<String, FactKind> latest = new java.util.LinkedHashMap<>();
        for (Fact f : timeline) {
            FactKind outcome = FactKind.paymentOutcome(f);
            if (f.decisionId() != null && outcome != null) {
                latest.put(f.decisionId(), outcome);
            }
        }
        return latest.entrySet().stream().filter(e -> e.getValue() == FactKind.PAYMENT_RETURNED).map(java.util.Map.Entry::getKey)
                .filter(d -> payeeSnapshots.stream().anyMatch(s -> s.decisionId().equals(d))).toList();
    }

    /**
     * A new payee snapshot of a corrected account for a decision whose payment was returned (issue 20 item 2): it
     * replaces the kept one, strictly later than it (payments takes only a newer snapshot), under a timeline entry of
     * its own ({@code payee:<decisionId>:<n>}). Nothing when the payment was not returned (in flight or paid to the
     * kept account) or the kept snapshot is of this account already (once per effective account).
     */
    public Transition correctPayee(String decisionId, BankAccount account, Instant now) {
        PayeeSnapshot kept = payeeSnapshots.stream().filter(s -> s.decisionId().equals(decisionId)).findFirst().orElse(null);
        if (kept == null || !decisionsReturnedUnpaid().contains(decisionId) || (kept.accountNumber().equals(account.accountNumber())
                && kept.bankCode().equals(account.bankCode()) && kept.accountName().equals(account.accountName()))) {
            return new Transition(this, List.of());
        }
        Instant at = now.isAfter(kept.snapshottedAt()) ? now : kept.snapshottedAt().plusMillis(1);
        PayeeSnapshot snapshot = new PayeeSnapshot(decisionId, account.accountName(), account.accountNumber(),
                account.bankCode(), account.bankName(), at);
        List<PayeeSnapshot> snapshots = new ArrayList<>(payeeSnapshots);
        snapshots.set(snapshots.indexOf(kept), snapshot);
        long taken = timeline.stream().filter(f -> f.eventId().equals("payee:" + decisionId)
                || f.eventId().startsWith("payee:" + decisionId + ":")).count();
        Application next = new Application(id, applicantUscc, measureCode, district, period, facts, attachments, createdAt,
                createdBy, proposalId, timeline, snapshots).record(new Fact("payee:" + decisionId + ":" + (taken + 1),
                "PAYEE_SNAPSHOTTED", null, at, "system;system;;", "payee account corrected to " + account.bankCode() + " "
                + account.maskedNumber() + " for decision " + decisionId + " after the return", Fact.roundOf(decisionId),
                decisionId));
        return new Transition(next, List.of(new ApplicationEvent.PayeeSnapshotted(id, applicantUscc, snapshot)));
    }

    private void requireStatus(String pastTense, ApplicationStatus required) {
        ApplicationStatus status = status();
        if (status != required) {
            throw new IllegalTransition(status, "only a " + required + " application can be " + pastTense
                    + "; this one is " + status);
        }
    }
}
