package org.susong.payments.domain;

import java.util.EnumSet;
import java.util.Set;

/** The states of a payment order, in the order money moves through them. */
public enum OrderState {
    /** Intent written; the budget line has not been charged yet (a resumer finishes it after a crash). */
    RESERVING,
    /** The line had not enough available: waiting, first in first out, for the line to grow. */
    WAITLISTED,
    /** Reserved on the line; published for public notice (公示) until the notice ends. */
    IN_NOTICE,
    /** Notice over; above the automatic threshold, waiting for one or two finance officers. */
    AWAITING_APPROVAL,
    /** Held for review: an objection, or a rejected conversion whose fallback is HOLD. */
    ON_HOLD,
    /** Approved; goes into the next batch once its payee account snapshot is held. */
    APPROVED,
    /** Approved, but payments holds no payee account snapshot for its decision yet. */
    AWAITING_PAYEE,
    /** In an open disbursement batch (payee snapshot copied); not yet in an exported file. */
    BATCHED,
    /** In an exported bank file; not yet confirmed by the bank's statement. */
    INSTRUCTED,
    /** The statement booked it (or the fund converted it); the line moves from reserved to disbursed. */
    SETTLING,
    /** Paid and booked. */
    SETTLED,
    /** Investment mode: conversion requested from fund-investments. */
    CONVERTING,
    /** Closed as an investment (grant-to-investment, C1). */
    CONVERTED,
    /** The bank returned the money; it goes back to the line. */
    RETURNING,
    RETURNED,
    /**
     * Intent (issue 20 item 2): a returned order is instructed again, with a new end-to-end id, because a newer payee
     * snapshot (the corrected account) arrived; the line is charged again, then the order is APPROVED for the next batch.
     */
    RESENDING,
    /** Being released (withdrawal, objection upheld, waitlist lapse, conversion fallback, appeal, revocation). */
    RELEASING,
    RELEASED;

    /** States from which a release returns reserved money to the line. */
    public static final Set<OrderState> HOLDS_RESERVATION = EnumSet.of(IN_NOTICE, AWAITING_APPROVAL, ON_HOLD, APPROVED,
            AWAITING_PAYEE);
    /** States that can be released (withdrawn, upheld, revoked): the money has not gone to a bank file or fund. */
    public static final Set<OrderState> RELEASABLE = EnumSet.of(WAITLISTED, IN_NOTICE, AWAITING_APPROVAL, ON_HOLD, APPROVED,
            AWAITING_PAYEE);
    /**
     * States in which an order follows its applicant to another district (issue 20 item 6, {@code ApplicantDistrictChanged}):
     * its money has not been booked, released or converted, so it is still open work of a district officer (an
     * objection puts it on hold before an officer of its district) or can become so again (a voided file, a rejected
     * transfer or a rejected conversion reopen it). An order that was ever returned and sent again is not moved (its
     * application was paid, and applications keeps a paid application in its district; {@code resends} > 0).
     */
    public static final Set<OrderState> FOLLOWS_APPLICANT = EnumSet.of(RESERVING, WAITLISTED, IN_NOTICE, AWAITING_APPROVAL,
            ON_HOLD, APPROVED, AWAITING_PAYEE, BATCHED, INSTRUCTED, CONVERTING);
    /** States in which an objection can still hold the order. */
    public static final Set<OrderState> OBJECTABLE = EnumSet.of(IN_NOTICE, AWAITING_APPROVAL, APPROVED, AWAITING_PAYEE);
}
