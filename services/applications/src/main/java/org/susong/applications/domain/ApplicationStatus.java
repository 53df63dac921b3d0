package org.susong.applications.domain;

/**
 * Where an application stands. The status is derived from the facts received, never set by
 * whoever arrives last: each status has a rank and a later fact can only move it forward
 * (events from different services arrive in any order, architecture rule 5).
 */
public enum ApplicationStatus {
    SUBMITTED(10),
    UNDER_REVIEW(20),
    REJECTED(30),
    APPROVED(30),
    WAITLISTED(35),
    PAYMENT_SCHEDULED(40),
    PAID(60);

    private final int rank;

    ApplicationStatus(int rank) {
        this.rank = rank;
    }

    public int rank() {
        return rank;
    }
}
