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
import org.susong.payments.domain.Conversion;
import org.susong.payments.domain.Hold;
import org.susong.payments.domain.Ledger;
import org.susong.payments.domain.Payee;
import org.susong.payments.domain.PaymentEvent;
import org.susong.payments.domain.PaymentOrder;

/** Producer contract test: every wire event payments emits conforms to its schema in event-contracts. */
class PaymentEventsTest {

    static final Instant T = Instant.parse("2026-11-29T08:00:00Z");
    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    static PaymentOrder order(Conversion conversion) {
        return PaymentOrder.open("D-APP-20261129-7K3M9Q2XWD", "APP-20261129-7K3M9Q2XWD", "91350200MA31G8Q17K",
                conversion == null ? "B1" : "C1", 2026, "HULI", Money.ofYuan(300_000), conversion);
    }

    @Test
    void every_wire_event_conforms_to_its_schema_and_a_notice_of_days_is_announced() throws Exception {
        PaymentOrder o = order(null);
        String line = o.budgetLineId();
        long fen = o.amount().fen();
        List<PaymentEvent> events = new ArrayList<>();
        PaymentEvent.BudgetReserved reserved = o.reserved(T.plusSeconds(7 * 86_400), Ledger.reservation(o.id(), line, fen, T, "s"));
        events.add(reserved);
        PaymentOrder inNotice = reserved.order();
        events.add(order(null).waitlisted("no money"));
        events.add(inNotice.hold(new Hold("OB-1", "doubt", "citizen", T, null)));
        PaymentOrder approved = inNotice.approve("finance-1", 1).order();
        events.add(inNotice.approve("finance-1", 1).event());
        events.add(inNotice.releasing(org.susong.payments.domain.ReleaseReason.WITHDRAWN).released(T, Ledger.release(o.id(), line, fen, T, "s", "WITHDRAWN")));
        PaymentOrder instructed = approved.batched("B-1", new Payee("n", "1", "102393000019", null, T)).instructed(o.id()).order();
        events.add(approved.batched("B-1", new Payee("n", "1", "102393000019", null, T)).instructed(o.id()));
        PaymentEvent settled = instructed.confirmedByBank().settled(T, Ledger.disbursement(o.id(), line, fen, T, "s", "booked"));
        events.add(settled);
        events.add(settled.order().returning("AC04").returned(T, Ledger.returned(o.id(), line, fen, T, "s", "AC04")));
        PaymentOrder c = order(new Conversion("XM-ANGEL-1", "GRANT", "START_UP", "digitalisation"));
        PaymentOrder converting = c.reserved(T, Ledger.reservation(c.id(), "2026:C1", fen, T, "s")).order().approve("s", 1).order()
                .conversionRequested(T).order();
        events.add(c.reserved(T, null).order().approve("s", 1).order().conversionRequested(T));
        events.add(converting.converted("INV-1").settled(T, Ledger.disbursement(c.id(), "2026:C1", fen, T, "s", "converted")));

        List<String> types = new ArrayList<>();
        for (PaymentEvent event : events) {
            for (NewEvent wire : PaymentEvents.toWire(event, "system;system;;", "cause", T)) {
                types.add(wire.type());
                String payload = JSON.writeValueAsString(wire.payload());
                assertEquals(List.of(), EventContracts.violations(wire.type(), payload), wire.type() + " " + payload);
            }
        }
        assertEquals(List.of("BudgetReserved", "PaymentInNotice", "LedgerEntryPosted", "BudgetWaitlisted", "PaymentOnHold",
                "PaymentApproved", "BudgetReleased", "WithdrawalAccepted", "LedgerEntryPosted", "PaymentInstructed",
                "PaymentDisbursed", "LedgerEntryPosted", "PaymentReturned", "LedgerEntryPosted", "ConversionRequested",
                "PaymentConverted", "LedgerEntryPosted"), types.stream().map(t -> t.replace("susong.payments.", "")
                .replace(".v1", "")).toList());
        NewEvent refused = PaymentEvents.withdrawalRefused(o, o.applicationId(), "already paid", T, "s", "c");
        assertEquals(List.of(), EventContracts.violations(refused.type(), JSON.writeValueAsString(refused.payload())));
        NewEvent opened = PaymentEvents.recoveryOpened(new PaymentEvents.RecoveryOpenedV1("RC-RV-1", "RV-1", o.decisionId(),
                o.applicationId(), o.beneficiaryUscc(), fen, T), "s", "c", "HULI");
        assertEquals(List.of(), EventContracts.violations(opened.type(), JSON.writeValueAsString(opened.payload())));
    }
}
