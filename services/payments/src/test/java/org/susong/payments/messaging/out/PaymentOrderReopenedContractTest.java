package org.susong.payments.messaging.out;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.susong.commons.messaging.NewEvent;
import org.susong.commons.money.Money;
import org.susong.contracts.EventContracts;
import org.susong.payments.domain.Ledger;
import org.susong.payments.domain.Payee;
import org.susong.payments.domain.PaymentEvent;
import org.susong.payments.domain.PaymentOrder;

/**
 * Producer contract of {@code PaymentOrderReopened.v1} (issue 20 item 2): every way an order leaves a bank instruction
 * and is APPROVED again is announced, and conforms to its schema in event-contracts; a return with an offset carries both
 * journal entries.
 */
class PaymentOrderReopenedContractTest {

    static final Instant T = Instant.parse("2026-06-15T08:00:00Z");
    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Test
    void a_returned_rejected_voided_or_straggling_order_is_announced_as_reopened() throws Exception {
        PaymentOrder o = PaymentOrder.open("D-APP-20260615-7K3M9Q2XWD", "APP-20260615-7K3M9Q2XWD", "91350200MA31G8Q17K", "B1",
                2026, "HULI", Money.ofYuan(300_000));
        String line = o.budgetLineId();
        long fen = o.amount().fen();
        Payee payee = new Payee("n", "6222020200110000001", "102393000019", null, T);
        PaymentOrder approved = o.reserved(T, Ledger.reservation(o.id(), line, fen, T, "s")).order().approve("f-1", 1).order();
        PaymentOrder instructed = approved.batched("B-1", payee, "RC-1", 100_000).instructed(o.endToEndId()).order();
        PaymentEvent.PaymentReturned returned = ((PaymentEvent.PaymentDisbursed) instructed.confirmedByBank("BK-1")
                .settled(T, Ledger.disbursement(o.id(), line, fen, T, "s", "booked"))).order().returning("AC04").returned(T,
                Ledger.returned(o.id(), o.attemptKey(), line, fen, T, "s", "AC04"), Ledger.offsetBack(o.id(), o.attemptKey(),
                        "2025:B2", 100_000, T, "s", "back"));
        assertEquals(2, returned.journals().size(), "the return and the offset given back");
        assertEquals(0, returned.order().offsetFen(), "the offset is no longer on the order");
        assertEquals(fen - 100_000, returned.order().returnedInstruction(o.id()).orElseThrow().transferFen());
        PaymentOrder resending = returned.order().resending();
        PaymentEvent.OrderReopened resent = resending.resent(T, Ledger.reservation(o.id(), resending.attemptKey(), line, fen, T,
                "s", "again"));
        List<PaymentEvent> events = List.of(resent, instructed.reopened(PaymentOrder.REOPENED_REJECTED, T),
                approved.batched("B-2", payee).reopened(PaymentOrder.REOPENED_NOT_IN_FILE, T),
                instructed.reopened(PaymentOrder.REOPENED_VOIDED, T));
        List<String> reasons = new ArrayList<>();
        for (PaymentEvent event : events) {
            for (NewEvent wire : PaymentEvents.toWire(event, "system;system;;", "cause", T)) {
                String payload = JSON.writeValueAsString(wire.payload());
                assertEquals(List.of(), EventContracts.violations(wire.type(), payload), wire.type() + " " + payload);
                if (wire.type().equals(PaymentEvents.REOPENED)) {
                    reasons.add(JSON.readTree(payload).get("reason").asText());
                }
            }
        }
        assertEquals(List.of("RETURNED", "REJECTED", "NOT_IN_FILE", "VOIDED"), reasons);
        var wire = JSON.readTree(JSON.writeValueAsString(PaymentEvents.toWire(resent, "s", "c", T).get(0).payload()));
        assertEquals(o.id(), wire.get("endToEndId").asText(), "the instruction it left");
        assertEquals(resending.endToEndId(), wire.get("nextEndToEndId").asText());
        assertEquals(true, resending.endToEndId().startsWith("RS1-") && resending.endToEndId().length() <= 35);
        assertEquals(o.id() + ":R1", resending.attemptKey());
    }
}
