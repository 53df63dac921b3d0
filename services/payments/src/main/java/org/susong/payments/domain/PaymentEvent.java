package org.susong.payments.domain;

import java.time.Instant;

/** What a payment order announces; the events that move money carry their journal entry. */
public sealed interface PaymentEvent {

    PaymentOrder order();

    /** The journal entry of the money this event moved, or null when it moved none. */
    default JournalEntry journal() {
        return null;
    }

    /** Every journal entry of this event (a disbursement with an offset posts two). */
    default java.util.List<JournalEntry> journals() {
        return journal() == null ? java.util.List.of() : java.util.List.of(journal());
    }

    record BudgetReserved(PaymentOrder order, Instant noticeEndsAt, JournalEntry journal) implements PaymentEvent {
    }

    record BudgetWaitlisted(PaymentOrder order, String reason) implements PaymentEvent {
    }

    record PaymentApproved(PaymentOrder order, String approvedBy) implements PaymentEvent {
    }

    record PaymentOnHold(PaymentOrder order) implements PaymentEvent {
    }

    /**
     * Money back to the line: {@code releasedFen} is the whole order, or the revoked part of a partial release
     * ({@code cause}: the revocation id).
     */
    record BudgetReleased(PaymentOrder order, ReleaseReason reason, Instant releasedAt, JournalEntry journal, long releasedFen,
                          String cause)
            implements PaymentEvent {

        /** Whether the order goes on with the rest ({@code order().amount()}) after this release. */
        public boolean partial() {
            return order.state() != OrderState.RELEASED;
        }
    }

    record PaymentInstructed(PaymentOrder order, String bankReference) implements PaymentEvent {
    }

    /** Paid; {@code offset} is the repayment of the beneficiary's recovery withheld from it (or null). */
    record PaymentDisbursed(PaymentOrder order, Instant settledAt, JournalEntry journal, JournalEntry offset)
            implements PaymentEvent {
        public PaymentDisbursed(PaymentOrder order, Instant settledAt, JournalEntry journal) {
            this(order, settledAt, journal, null);
        }

        @Override
        public java.util.List<JournalEntry> journals() {
            return offset == null ? java.util.List.of(journal) : java.util.List.of(journal, offset);
        }
    }

    /** Returned by the bank; {@code offsetBack} (or null) gives the part withheld for a recovery back to the debt. */
    record PaymentReturned(PaymentOrder order, String reason, Instant returnedAt, JournalEntry journal, JournalEntry offsetBack)
            implements PaymentEvent {
        public PaymentReturned(PaymentOrder order, String reason, Instant returnedAt, JournalEntry journal) {
            this(order, reason, returnedAt, journal, null);
        }

        @Override
        public java.util.List<JournalEntry> journals() {
            return offsetBack == null ? java.util.List.of(journal) : java.util.List.of(journal, offsetBack);
        }
    }

    /**
     * Out of a bank instruction and back to APPROVED (issue 20 item 2): {@code reason} RETURNED (sent again after a
     * corrected account; {@code journal} its reservation), REJECTED, VOIDED or NOT_IN_FILE; {@code endToEndId} and
     * {@code batchId} name the instruction it left.
     */
    record OrderReopened(PaymentOrder order, String reason, String endToEndId, String batchId, Instant reopenedAt,
                         JournalEntry journal) implements PaymentEvent {
    }

    record ConversionRequested(PaymentOrder order, Instant requestedAt) implements PaymentEvent {
    }

    record PaymentConverted(PaymentOrder order, Instant convertedAt, JournalEntry journal) implements PaymentEvent {
    }

    /**
     * A year-end close carried the order over into the next year's line: {@code out} and {@code in} move its reservation
     * between the lines (both null for a waitlisted order, which holds no money).
     */
    record CarriedOver(PaymentOrder order, JournalEntry out, JournalEntry in) implements PaymentEvent {
        @Override
        public java.util.List<JournalEntry> journals() {
            return out == null ? java.util.List.of() : java.util.List.of(out, in);
        }
    }
}
