package org.susong.funds.messaging.in;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.susong.commons.messaging.InboundEvent;
import org.susong.contracts.EventContracts;
import org.susong.funds.domain.Conversion;

/**
 * The consumer side of payments' ConversionRequested.v1. Payments owns its schema and example; until
 * they are on the class path (payments' branch merged) these checks are skipped, then they run.
 */
class ConversionRequestedContractTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Optional<String> example() {
        try {
            return Optional.of(EventContracts.example(ConversionSagaTest.REQUESTED));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Test
    void payments_example_is_read_into_a_conversion_request() throws Exception {
        Optional<String> example = example();
        assumeTrue(example.isPresent(), "payments' ConversionRequested.v1 example is not on the class path yet");
        JsonNode body = JSON.readTree(example.get());

        Conversion.Request request = PaymentEventsConsumer.request(new InboundEvent("ce-1", ConversionSagaTest.REQUESTED,
                "/susong/payments", body.get("orderId").asText(), Instant.now(), Map.of(), example.get(), "h", body));

        assertEquals(body.get("conversionId").asText(), request.conversionId());
        assertEquals("CV-" + request.decisionId(), request.conversionId());
        assertEquals(body.get("amountFen").asLong(), request.amountFen());
        assertEquals(Optional.empty(), request.invalidity(), "the example's values are valid");
    }

    @Test
    void the_saga_tests_payload_conforms_to_payments_schema() {
        assumeTrue(example().isPresent(), "payments' ConversionRequested.v1 schema is not on the class path yet");
        assertEquals(List.of(), EventContracts.violations(ConversionSagaTest.REQUESTED,
                ConversionSagaTest.request("FUND-TECH-INNOVATION", 30_000_000, "GROWTH", "digitalisation").toString()));
    }
}
