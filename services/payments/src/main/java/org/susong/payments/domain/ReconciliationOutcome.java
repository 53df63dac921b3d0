package org.susong.payments.domain;

/**
 * What an imported bank file's item did (issue 21 item 2: a classification, without moves; stored and answered as its
 * name, the strings of the reconciliation reports before it).
 */
public enum ReconciliationOutcome {
    /** A debit booked the order's transfer: the order is paid. */
    SETTLED,
    /** A credit returned the order's transfer: its money is back on the line. */
    RETURNED,
    /** A pain.002 rejection reopened the order (back to APPROVED, into the next batch). */
    REOPENED,
    /** The booking (or the rejection) was applied before: reported again, nothing applied. */
    ALREADY_BOOKED,
    /** It names no payment order (or none in a state it can apply to). */
    UNMATCHED,
    /** It names an order for another amount: nothing applied. */
    AMOUNT_MISMATCH,
    /** Not booked (a camt.053 entry's status other than BOOK) or not a rejection (a pain.002 status other than RJCT). */
    IGNORED,
    /** A pain.002 about a file the order is no longer in (voided and reissued): nothing applied. */
    STALE,
    /** A debit from another file than the order's own (an executed voided file): the order is paid twice. */
    DUPLICATE_PAYMENT,
    /**
     * A booked entry with no reference at all (no NtryRef, no servicer reference): it cannot be told from the booking
     * that settled an order, so nothing is applied; for an officer to look at with the bank.
     */
    NO_REFERENCE,
    /** A credit naming another file than the order's own: not a return of this order's payment; nothing applied. */
    OTHER_FILE
}
