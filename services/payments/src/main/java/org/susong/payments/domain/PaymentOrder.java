package org.susong.payments.domain;

import java.time.Instant;
import org.susong.commons.money.Money;

/**
 * The one payment order of an approved decision (id {@code PO-<decisionId>}): the reservation on
 * the budget line and the payment that follows. Transitions are explicit; an illegal one throws.
 */
public record PaymentOrder(String id, String decisionId, String applicationId, String beneficiaryUscc,
                           String measureCode, int fiscalYear, String district, Money amount, OrderState state,
                           Instant noticeEndsAt, String bankReference) {

    public static String idFor(String decisionId) {
        return "PO-" + decisionId;
    }

    public static PaymentOrder open(String decisionId, String applicationId, String beneficiaryUscc, String measureCode,
                                    int fiscalYear, String district, Money amount) {
        if (!amount.isPositive()) {
            throw new IllegalArgumentException("a payment order needs a positive amount, not " + amount);
        }
        return new PaymentOrder(idFor(decisionId), decisionId, applicationId, beneficiaryUscc, measureCode, fiscalYear,
                district, amount, OrderState.RESERVING, null, null);
    }

    /** The budget line this order is charged to: fiscal year and measure. */
    public String budgetLineId() {
        return fiscalYear + ":" + measureCode;
    }

    public PaymentEvent.BudgetReserved reserved(Instant noticeEndsAt) {
        require(OrderState.RESERVING, OrderState.WAITLISTED);
        return new PaymentEvent.BudgetReserved(with(OrderState.IN_NOTICE, noticeEndsAt, bankReference), noticeEndsAt);
    }

    public PaymentEvent.BudgetWaitlisted waitlisted(String reason) {
        require(OrderState.RESERVING);
        return new PaymentEvent.BudgetWaitlisted(with(OrderState.WAITLISTED, noticeEndsAt, bankReference), reason);
    }

    /** After the notice: automatic approval below the threshold, otherwise a finance officer's. */
    public PaymentOrder awaitingApproval() {
        require(OrderState.IN_NOTICE);
        return with(OrderState.AWAITING_APPROVAL, noticeEndsAt, bankReference);
    }

    public PaymentEvent.PaymentApproved approve(String approvedBy) {
        require(OrderState.IN_NOTICE, OrderState.AWAITING_APPROVAL);
        return new PaymentEvent.PaymentApproved(with(OrderState.APPROVED, noticeEndsAt, bankReference), approvedBy);
    }

    public PaymentEvent.PaymentInstructed instructed(String reference) {
        require(OrderState.APPROVED);
        return new PaymentEvent.PaymentInstructed(with(OrderState.INSTRUCTED, noticeEndsAt, reference), reference);
    }

    public PaymentOrder confirmedByBank() {
        require(OrderState.INSTRUCTED);
        return with(OrderState.SETTLING, noticeEndsAt, bankReference);
    }

    public PaymentEvent.PaymentDisbursed settled(Instant at) {
        require(OrderState.SETTLING);
        return new PaymentEvent.PaymentDisbursed(with(OrderState.SETTLED, noticeEndsAt, bankReference), at);
    }

    private void require(OrderState... allowed) {
        for (OrderState state : allowed) {
            if (this.state == state) {
                return;
            }
        }
        throw new IllegalTransition(id, state, allowed);
    }

    private PaymentOrder with(OrderState next, Instant notice, String reference) {
        return new PaymentOrder(id, decisionId, applicationId, beneficiaryUscc, measureCode, fiscalYear, district, amount,
                next, notice, reference);
    }

    /** A transition the order's state does not allow; REST answers 409. */
    public static final class IllegalTransition extends RuntimeException {
        public IllegalTransition(String id, OrderState state, OrderState... allowed) {
            super("payment order " + id + " is " + state + "; this needs " + java.util.Arrays.toString(allowed));
        }
    }
}
