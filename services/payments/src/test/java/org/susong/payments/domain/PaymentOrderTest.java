package org.susong.payments.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.susong.commons.money.Money;

class PaymentOrderTest {

    static final Instant T = Instant.parse("2026-06-15T02:00:00Z");

    static PaymentOrder open() {
        return PaymentOrder.open("D-APP-1", "APP-1", "91350100M000100Y43", "B1", 2026, "HULI", Money.ofYuan(300_000));
    }

    @Test
    void an_order_is_charged_to_the_line_of_its_year_and_measure_and_named_after_its_decision() {
        PaymentOrder order = open();
        assertEquals("PO-D-APP-1", order.id());
        assertEquals("2026:B1", order.budgetLineId());
        assertEquals(OrderState.RESERVING, order.state());
    }

    @Test
    void money_moves_through_notice_approval_instruction_and_settlement() {
        PaymentOrder inNotice = open().reserved(T.plusSeconds(7 * 86400)).order();
        PaymentOrder approved = inNotice.awaitingApproval().approve("finance-1").order();
        PaymentOrder instructed = approved.instructed("BANK-1").order();
        PaymentOrder settled = instructed.confirmedByBank().settled(T).order();
        assertEquals(OrderState.SETTLED, settled.state());
        assertEquals("BANK-1", settled.bankReference());
    }

    @Test
    void illegal_transitions_are_refused() {
        PaymentOrder order = open();
        assertThrows(PaymentOrder.IllegalTransition.class, () -> order.approve("finance-1"));
        assertThrows(PaymentOrder.IllegalTransition.class, () -> order.instructed("X"));
        PaymentOrder waitlisted = order.waitlisted("no money").order();
        assertThrows(PaymentOrder.IllegalTransition.class, () -> waitlisted.settled(T));
        assertThrows(IllegalArgumentException.class, () -> PaymentOrder.open("D", "A", "U", "B1", 2026, "HULI", Money.ZERO));
    }
}
