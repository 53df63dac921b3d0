package org.susong.payments.messaging.out;

import java.time.Instant;
import org.susong.commons.messaging.EventHeaders;
import org.susong.commons.messaging.NewEvent;
import org.susong.payments.domain.PaymentEvent;
import org.susong.payments.domain.PaymentOrder;

/**
 * Wire events of the payments service ({@code payments.events}), keyed by order id and mapped
 * explicitly from domain events. Schemas: services/event-contracts/src/main/resources/schemas/payments/.
 */
public final class PaymentEvents {

    public static final String SERVICE = "payments";
    public static final String RESERVED = EventHeaders.type(SERVICE, "BudgetReserved", 1);
    public static final String WAITLISTED = EventHeaders.type(SERVICE, "BudgetWaitlisted", 1);
    public static final String APPROVED = EventHeaders.type(SERVICE, "PaymentApproved", 1);
    public static final String INSTRUCTED = EventHeaders.type(SERVICE, "PaymentInstructed", 1);
    public static final String DISBURSED = EventHeaders.type(SERVICE, "PaymentDisbursed", 1);

    private PaymentEvents() {
    }

    public record BudgetReservedV1(String orderId, String decisionId, String applicationId, String beneficiaryUscc,
                                   String measureCode, int fiscalYear, String budgetLine, long amountFen,
                                   Instant noticeEndsAt) {
    }

    public record BudgetWaitlistedV1(String orderId, String decisionId, String applicationId, String measureCode,
                                     int fiscalYear, String budgetLine, long amountFen, String reason) {
    }

    public record PaymentApprovedV1(String orderId, String applicationId, long amountFen, String approvedBy) {
    }

    public record PaymentInstructedV1(String orderId, String applicationId, long amountFen, String bankReference) {
    }

    public record PaymentDisbursedV1(String orderId, String decisionId, String applicationId, String beneficiaryUscc,
                                     String measureCode, int fiscalYear, long amountFen, Instant settledAt) {
    }

    public static NewEvent toWire(PaymentEvent event, String actor, String causation) {
        PaymentOrder o = event.order();
        String type;
        Object payload;
        if (event instanceof PaymentEvent.BudgetReserved r) {
            type = RESERVED;
            payload = new BudgetReservedV1(o.id(), o.decisionId(), o.applicationId(), o.beneficiaryUscc(), o.measureCode(),
                    o.fiscalYear(), o.budgetLineId(), o.amount().fen(), r.noticeEndsAt());
        } else if (event instanceof PaymentEvent.BudgetWaitlisted w) {
            type = WAITLISTED;
            payload = new BudgetWaitlistedV1(o.id(), o.decisionId(), o.applicationId(), o.measureCode(), o.fiscalYear(),
                    o.budgetLineId(), o.amount().fen(), w.reason());
        } else if (event instanceof PaymentEvent.PaymentApproved a) {
            type = APPROVED;
            payload = new PaymentApprovedV1(o.id(), o.applicationId(), o.amount().fen(), a.approvedBy());
        } else if (event instanceof PaymentEvent.PaymentInstructed i) {
            type = INSTRUCTED;
            payload = new PaymentInstructedV1(o.id(), o.applicationId(), o.amount().fen(), i.bankReference());
        } else if (event instanceof PaymentEvent.PaymentDisbursed d) {
            type = DISBURSED;
            payload = new PaymentDisbursedV1(o.id(), o.decisionId(), o.applicationId(), o.beneficiaryUscc(), o.measureCode(),
                    o.fiscalYear(), o.amount().fen(), d.settledAt());
        } else {
            throw new IllegalArgumentException("no wire mapping for " + event);
        }
        return NewEvent.of(type, o.id(), payload).actor(actor).correlation(o.applicationId()).causation(causation)
                .district(o.district()).build();
    }
}
