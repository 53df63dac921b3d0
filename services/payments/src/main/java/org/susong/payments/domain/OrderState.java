package org.susong.payments.domain;

/** The states of a payment order, in the order money moves through them. */
public enum OrderState {
    /** Intent written; the budget line has not been charged yet (a resumer finishes it after a crash). */
    RESERVING,
    /** The line had not enough available: waiting, first in first out, for the line to grow. */
    WAITLISTED,
    /** Reserved on the line; published for public notice (公示) until the notice ends. */
    IN_NOTICE,
    /** Notice over; above the automatic threshold, waiting for a finance officer. */
    AWAITING_APPROVAL,
    APPROVED,
    /** In a bank instruction; not yet confirmed by the bank. */
    INSTRUCTED,
    /** The bank confirmed; the line is being moved from reserved to disbursed. */
    SETTLING,
    /** Paid and booked. */
    SETTLED
}
