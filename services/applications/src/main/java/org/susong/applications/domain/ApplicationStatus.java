package org.susong.applications.domain;

/**
 * Where an application stands. The status is derived from the facts received, never set by
 * whoever arrives last (events from different services arrive in any order, architecture rule 5, docs/architecture.md#rule-5):
 * the fact with the highest (round, rank, time) wins - see {@link Application#status()}.
 *
 * <p>Ranks: the decision steps are strictly ordered; the money steps after a decision share one
 * rank (40) and follow payments' own order of events by time (a returned payment may be paid
 * again); {@link #WITHDRAWN} ends an application in any round. A round is a decision and what
 * follows it: an appeal opens round n+1, decided by {@code D-<applicationId>-R<n+1>}.
 */
public enum ApplicationStatus {
    DRAFT(0),
    SUBMITTED(10),
    UNDER_REVIEW(20),
    APPEALED(25),
    REJECTED(30),
    APPROVED(30),
    WAITLISTED(35),
    IN_PUBLIC_NOTICE(40),
    ON_HOLD(40),
    PAYMENT_SCHEDULED(40),
    PAID(40),
    PAYMENT_RETURNED(40),
    CONVERTED(70),
    CLOSED(80),
    WITHDRAWN(100);

    private final int rank;

    ApplicationStatus(int rank) {
        this.rank = rank;
    }

    public int rank() {
        return rank;
    }

    /** Still open for the duplicate rule: another application of the same applicant, measure and period is refused. */
    public boolean open() {
        return this != WITHDRAWN && this != CLOSED;
    }

    /** Nothing can follow: paid out, converted, withdrawn or closed. */
    public boolean settled() {
        return this == PAID || this == CONVERTED || this == WITHDRAWN || this == CLOSED;
    }
}
