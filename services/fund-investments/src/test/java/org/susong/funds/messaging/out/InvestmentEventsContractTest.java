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
}
