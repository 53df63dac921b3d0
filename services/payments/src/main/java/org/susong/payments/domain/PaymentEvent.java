package org.susong.payments.domain;

import java.time.Instant;

/** What a payment order announces. */
public sealed interface PaymentEvent {

    PaymentOrder order();

    record BudgetReserved(PaymentOrder order, Instant noticeEndsAt) implements PaymentEvent {
    }

    record BudgetWaitlisted(PaymentOrder order, String reason) implements PaymentEvent {
    }

    record PaymentApproved(PaymentOrder order, String approvedBy) implements PaymentEvent {
    }

    record PaymentInstructed(PaymentOrder order, String bankReference) implements PaymentEvent {
    }

    record PaymentDisbursed(PaymentOrder order, Instant settledAt) implements PaymentEvent {
    }
}
