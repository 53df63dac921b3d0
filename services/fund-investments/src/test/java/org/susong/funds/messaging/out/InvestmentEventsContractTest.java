package org.susong.funds.messaging.out;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.susong.commons.messaging.EventHeaders;
import org.susong.commons.messaging.NewEvent;
import org.susong.commons.messaging.Outbox;
import org.susong.commons.money.Money;
import org.susong.contracts.EventContracts;
import org.susong.funds.domain.Conversion;
import org.susong.funds.domain.ConversionEvent;
import org.susong.funds.domain.ExitKind;
import org.susong.funds.domain.Instrument;
import org.susong.funds.domain.Investment;
import org.susong.funds.domain.InvestmentEvent;
import org.susong.funds.domain.Stage;

/** The wire contract of InvestmentCommitted.v1, checked from both sides. */
class InvestmentEventsContractTest {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Test
    void the_example_payload_conforms_and_parses_into_our_own_record() throws Exception {
        String example = EventContracts.example(InvestmentEvents.COMMITTED);
        assertEquals(List.of(), EventContracts.violations(InvestmentEvents.COMMITTED, example));

        InvestmentEvents.InvestmentCommittedV1 parsed = JSON.readValue(example, InvestmentEvents.InvestmentCommittedV1.class);
        assertEquals("FUND-VENTURE", parsed.fundId());
        assertEquals(1250, parsed.stakeBasisPoints());
        assertEquals(LocalDate.of(2026, 11, 27), parsed.investedOn());
    }

    @Test
    void a_committed_investment_maps_to_a_conforming_wire_event_with_its_extensions() {
        NewEvent event = InvestmentEvents.toWire(new InvestmentEvent.Committed("INV-20261129-AAAAAAAAAA", "FUND-VENTURE",
                "91350100M000100Y43", "Series A", Instrument.CONVERTIBLE, Money.ofFen(123_456), 10_000,
                LocalDate.of(2026, 1, 2), Stage.START_UP, Investment.Context.NONE, Instant.parse("2026-11-29T01:00:00Z")), "fm;officer;;", "request:1");

        assertEquals("susong.fund-investments.InvestmentCommitted.v1", event.type());
        assertEquals("INV-20261129-AAAAAAAAAA", event.subject());
        assertEquals("INV-20261129-AAAAAAAAAA", event.extensions().get(EventHeaders.CORRELATION));
        assertEquals("request:1", event.extensions().get(EventHeaders.CAUSATION));
        assertEquals("fm;officer;;", event.extensions().get(EventHeaders.ACTOR));
        String payload = Outbox.serialise(JSON, event.payload());
        assertEquals(List.of(), EventContracts.violations(event.type(), payload));
    }

    @Test
    void every_example_of_this_service_conforms_to_its_schema() {
        for (String type : List.of(InvestmentEvents.COMMITTED, InvestmentEvents.EXITED, InvestmentEvents.CONVERSION_COMPLETED,
                InvestmentEvents.CONVERSION_REJECTED, InvestmentEvents.CAPITAL_MOVED, InvestmentEvents.CAPITAL_REFUSED)) {
            assertEquals(List.of(), EventContracts.violations(type, EventContracts.example(type)), type);
        }
    }

    @Test
    void management_fees_applied_and_refused_map_to_conforming_wire_events() {
        Instant now = Instant.parse("2026-11-29T08:20:04Z");
        org.susong.funds.domain.CapitalMovement fee = org.susong.funds.domain.CapitalMovement.managementFee(
                "FEE-20261129-AAAAAAAAAA", "FUND-VENTURE", Money.ofFen(150_000_000), LocalDate.of(2026, 11, 29), "H2",
                "fm;fund-manager;;", now);
        NewEvent moved = InvestmentEvents.toWire(fee.applied(Money.ZERO, now).event(), "fm;fund-manager;;");
        assertEquals(List.of(), EventContracts.violations(moved.type(), Outbox.serialise(JSON, moved.payload())));
        NewEvent refused = InvestmentEvents.refused(fee.refused("the reserve holds less"), 1_000L, "fm;fund-manager;;", now);
        assertEquals("susong.fund-investments.CapitalMovementRefused.v1", refused.type());
        assertEquals("FEE-20261129-AAAAAAAAAA", refused.subject());
        assertEquals("FUND-VENTURE", refused.extensions().get(EventHeaders.CORRELATION));
        assertEquals(List.of(), EventContracts.violations(refused.type(), Outbox.serialise(JSON, refused.payload())));
    }

    @Test
    void a_fee_refund_applied_and_refused_maps_to_conforming_wire_events() {
        Instant now = Instant.parse("2026-11-29T08:20:04Z");
        org.susong.funds.domain.CapitalMovement fee = org.susong.funds.domain.CapitalMovement.managementFee(
                "FEE-20261129-AAAAAAAAAA", "FUND-VENTURE", Money.ofFen(150_000_000), LocalDate.of(2026, 11, 29), "H2",
                "fm;fund-manager;;", now).applied(Money.ZERO, now).movement();
        org.susong.funds.domain.CapitalMovement refund = org.susong.funds.domain.CapitalMovement.refundOf(fee,
                Money.ofFen(50_000_000), LocalDate.of(2026, 11, 30), "overcharged", "fin;finance;;", now);
        assertEquals("RFD-FEE-20261129-AAAAAAAAAA", refund.id());
        NewEvent moved = InvestmentEvents.toWire(refund.applied(Money.ZERO, now).event(), "fin;finance;;");
        assertEquals(List.of(), EventContracts.violations(moved.type(), Outbox.serialise(JSON, moved.payload())));
        NewEvent refused = InvestmentEvents.refused(refund.refused("the fees paid are less"), null, "fin;finance;;", now);
        assertEquals(List.of(), EventContracts.violations(refused.type(), Outbox.serialise(JSON, refused.payload())));
    }

    @Test
    void conversion_answers_and_exits_map_to_conforming_wire_events() {
        Instant now = Instant.parse("2026-11-29T08:20:04Z");
        Conversion.Request request = new Conversion.Request("CV-D-APP-1", "PO-D-APP-1", "D-APP-1", "APP-1",
                "91350100M000100Y43", "C1", "FUND-TECH-INNOVATION", 30_000_000, "HULI", 2026, now, "GROWTH", null, "ce-1");
        NewEvent completed = InvestmentEvents.toWire(new ConversionEvent.Completed("CV-D-APP-1", request,
                "FUND-TECH-INNOVATION", "INV-CV-D-APP-1", now), "system;system;;");
        assertEquals("CV-D-APP-1", completed.subject());
        assertEquals("APP-1", completed.extensions().get(EventHeaders.CORRELATION));
        assertEquals("ce-1", completed.extensions().get(EventHeaders.CAUSATION));
        assertEquals(List.of(), EventContracts.violations(completed.type(), Outbox.serialise(JSON, completed.payload())));

        NewEvent rejected = InvestmentEvents.toWire(new ConversionEvent.Rejected("CV-D-APP-1", request,
                new Conversion.Rejection(Conversion.ReasonCode.OUT_OF_SCOPE, "not in scope"), now), "system;system;;");
        assertEquals(List.of(), EventContracts.violations(rejected.type(), Outbox.serialise(JSON, rejected.payload())));

        NewEvent exited = InvestmentEvents.toWire(new InvestmentEvent.Exited("INV-1", "FUND-VENTURE", "91350100M000100Y43",
                Money.ofFen(10), new Investment.Exit("EXT-1", ExitKind.SALE, LocalDate.of(2026, 11, 28), Money.ofFen(4),
                        Money.ofFen(10), 25_000, null), Money.ofFen(6), now), "fm;officer;;", "request:exit:EXT-1");
        String payload = Outbox.serialise(JSON, exited.payload());
        assertEquals(List.of(), EventContracts.violations(exited.type(), payload));
        assertEquals(false, payload.contains("null"), "optional fields are absent, never null: " + payload);
    }
}
