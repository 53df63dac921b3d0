package org.susong.payments.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.susong.commons.money.Money;

class PaymentOrderTest {

    static final Instant T = Instant.parse("2026-06-15T02:00:00Z");
    static final Payee PAYEE = new Payee("Xiamen Test Co., Ltd.", "6222020200112233445", "102393000019", "ICBC Xiamen", T);

    static PaymentOrder open() {
        return PaymentOrder.open("D-APP-1", "APP-1", "91350100M000100Y43", "B1", 2026, "HULI", Money.ofYuan(300_000));
    }

    static PaymentOrder inNotice() {
        PaymentOrder o = open();
        return o.reserved(T.plusSeconds(7 * 86400), Ledger.reservation(o.id(), o.budgetLineId(), o.amount().fen(), T, "s")).order();
    }

    @Test
    void an_order_is_charged_to_the_line_of_its_year_and_measure_and_named_after_its_decision() {
        PaymentOrder order = open();
        assertEquals("PO-D-APP-1", order.id());
        assertEquals("2026:B1", order.budgetLineId());
        assertEquals(OrderState.RESERVING, order.state());
    }

    @Test
    void money_moves_through_notice_approval_batch_instruction_and_settlement() {
        PaymentOrder approved = inNotice().awaitingApproval().approve("finance-1", 1).order();
        PaymentOrder instructed = approved.batched("B-20260615-2026B1-1", PAYEE).instructed("PO-D-APP-1").order();
        PaymentEvent settled = instructed.confirmedByBank().settled(T, Ledger.disbursement(instructed.id(), "2026:B1",
                instructed.amount().fen(), T, "s", "booked"));
        assertInstanceOf(PaymentEvent.PaymentDisbursed.class, settled);
        assertEquals(OrderState.SETTLED, settled.order().state());
        assertEquals(PAYEE, settled.order().payee());
    }

    @Test
    void maker_checker_needs_two_different_officers_and_refuses_the_same_one_twice() {
        PaymentOrder.Approval first = inNotice().awaitingApproval().approve("finance-1", 2);
        assertNull(first.event(), "one approval of two completes nothing");
        assertEquals(OrderState.AWAITING_APPROVAL, first.order().state());
        assertThrows(PaymentOrder.SameOfficer.class, () -> first.order().approve("finance-1", 2));
        PaymentOrder.Approval second = first.order().approve("finance-2", 2);
        assertEquals(OrderState.APPROVED, second.order().state());
        assertEquals("finance-1,finance-2", second.event().approvedBy());
    }

    @Test
    void an_objection_holds_the_order_and_a_dismissal_returns_it_to_where_it_was() {
        PaymentEvent.PaymentOnHold held = inNotice().hold(new Hold("OB-1", "doubt", "citizen", T, null));
        assertEquals(OrderState.ON_HOLD, held.order().state());
        assertEquals(OrderState.IN_NOTICE, held.order().hold().from());
        assertThrows(PaymentOrder.IllegalTransition.class, () -> held.order().approve("finance-1", 1));
        assertEquals(OrderState.IN_NOTICE, held.order().dismissHold().state());
        PaymentOrder releasing = held.order().releasing(org.susong.payments.domain.ReleaseReason.OBJECTION_UPHELD);
        assertTrue(releasing.holdsReservation(), "the reservation is still on the line until the release is applied");
    }

    @Test
    void a_rejected_conversion_follows_its_fallback() {
        PaymentOrder c = PaymentOrder.open("D-C", "APP-C", "91350100M000100Y43", "C1", 2026, "HULI", Money.ofYuan(1_000_000),
                new Conversion("XM-ANGEL-1", Conversion.GRANT, "START_UP", "ai"));
        PaymentOrder approved = c.reserved(T, Ledger.reservation(c.id(), c.budgetLineId(), c.amount().fen(), T, "s")).order()
                .approve("system", 1).order();
        PaymentOrder converting = approved.conversionRequested(T).order();
        assertThrows(PaymentOrder.IllegalTransition.class, () -> approved.batched("B", PAYEE));
        PaymentOrder grant = converting.conversionRejected("FUND_CLOSED", T);
        assertEquals(OrderState.APPROVED, grant.state());
        assertEquals(DisbursementMode.GRANT, grant.mode());
        PaymentOrder held = PaymentOrder.open("D-H", "APP-H", "91350100M000100Y43", "C1", 2026, "HULI", Money.ofYuan(1),
                new Conversion("F", Conversion.HOLD, null, null));
        held = held.reserved(T, Ledger.reservation(held.id(), held.budgetLineId(), 100, T, "s")).order().approve("s", 1).order()
                .conversionRequested(T).order().conversionRejected("OUT_OF_SCOPE", T);
        assertEquals(OrderState.ON_HOLD, held.state());
        assertInstanceOf(PaymentEvent.PaymentConverted.class, converting.converted("INV-1").settled(T,
                Ledger.disbursement(c.id(), "2026:C1", c.amount().fen(), T, "s", "converted")));
    }

    @Test
    void journal_entries_balance_or_cannot_exist() {
        JournalEntry e = Ledger.reservation("PO-1", "2026:B1", 500, T, "s");
        assertEquals(0, e.postings().stream().mapToLong(Posting::fen).sum());
        assertEquals(500, e.amountFen());
        assertThrows(IllegalArgumentException.class, () -> new JournalEntry("x", "K", "d", "2026:B1", T, "s", "r",
                List.of(new Posting("2026:B1/available", -5), new Posting("2026:B1/reserved", 4))));
    }

    @Test
    void illegal_transitions_are_refused() {
        PaymentOrder order = open();
        assertThrows(PaymentOrder.IllegalTransition.class, () -> order.approve("finance-1", 1));
        assertThrows(PaymentOrder.IllegalTransition.class, () -> order.instructed("X"));
        PaymentOrder waitlisted = order.waitlisted("no money").order();
        assertThrows(PaymentOrder.IllegalTransition.class, () -> waitlisted.settled(T, null));
        assertThrows(IllegalArgumentException.class, () -> PaymentOrder.open("D", "A", "U", "B1", 2026, "HULI", Money.ZERO));
    }
}
