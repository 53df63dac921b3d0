package org.susong.funds.messaging.in;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.susong.testing.TestBroker.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.susong.commons.messaging.InboundEvent;
import org.susong.commons.money.Money;
import org.susong.contracts.EventContracts;
import org.susong.funds.domain.Conversion;
import org.susong.funds.domain.Placement;
import org.susong.funds.domain.Stage;
import org.susong.funds.persistence.ConversionRepository;
import org.susong.funds.persistence.FundRepository;
import org.susong.testing.CloudEventRecords;
import org.susong.testing.ContractValidation;
import org.susong.testing.LocalInfraTestResource;
import org.susong.testing.Usccs;
import org.susong.testing.TestBroker;

/**
 * Grant-to-investment (拨改投, C1/D1) end to end on the real broker: payments' ConversionRequested.v1
 * records (built from the agreed field list in docs/events.md) go onto payments.events; the answer
 * comes back on fund-investments.events.
 */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
@ExtendWith(ContractValidation.class)
@ExtendWith(TestBroker.class)
class ConversionSagaTest {

    @Inject
    Clock clock;

    static final String REQUESTED = "susong.payments.ConversionRequested.v1";
    static final String COMPLETED = "susong.fund-investments.ConversionCompleted.v1";
    static final String REJECTED = "susong.fund-investments.ConversionRejected.v1";
    static final String COMMITTED = "susong.fund-investments.InvestmentCommitted.v1";
    static final String TECH = "FUND-TECH-INNOVATION";
    static final ObjectMapper JSON = new ObjectMapper();

    /** Reads every fund, investment, portfolio and figure (auditor: city-wide, read only). */
    static RequestSpecification officer() {
        return given().header("X-User", "auditor-1").header("X-Roles", "auditor").contentType(ContentType.JSON);
    }

    static JsonPath fund(String id) {
        return officer().get("/funds/" + id).then().statusCode(200).extract().jsonPath();
    }

    static String uscc() {
        return Usccs.of("91350203", "MA", ThreadLocalRandom.current().nextInt(10_000_000));
    }

    /** A ConversionRequested.v1 payload with every agreed field (docs/events.md), for a fresh application. */
    static ObjectNode request(String fundCode, long amountFen, String stage, String field) {
        String applicationId = "APP-20261129-" + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase();
        String decisionId = "D-" + applicationId;
        ObjectNode body = JSON.createObjectNode()
                .put("conversionId", "CV-" + decisionId)
                .put("orderId", "PO-" + decisionId)
                .put("decisionId", decisionId)
                .put("applicationId", applicationId)
                .put("beneficiaryUscc", uscc())
                .put("measureCode", "C1")
                .put("fundCode", fundCode)
                .put("amountFen", amountFen)
                .put("district", "HULI")
                .put("fiscalYear", 2026)
                .put("requestedAt", Instant.now().toString()); // the payload's time (payments' clock); also read outside Quarkus
        if (stage != null) {
            body.put("beneficiaryStage", stage);
        }
        if (field != null) {
            body.put("beneficiaryField", field);
        }
        return body;
    }

    static ProducerRecord<String, String> record(String eventId, ObjectNode body, String key) {
        return CloudEventRecords.event("payments.events", eventId, REQUESTED, key, body.toString(), Map.of());
    }

    static ProducerRecord<String, String> record(ObjectNode body) {
        return record(UUID.randomUUID().toString(), body, body.get("orderId").asText());
    }

    static void send(List<ProducerRecord<String, String>> records) {
        kafka().produceStrings().fromRecords(records).awaitCompletion();
    }

    static ConsumerTask<String, String> answers(String key) {
        return kafka().consumeStrings().fromTopics("fund-investments.events", records -> records.filter(r -> key.equals(r.key())));
    }

    @Test
    void a_conversion_becomes_fiscal_capital_and_one_equity_position_whatever_the_redelivery() throws Exception {
        // given an award of 300,000 CNY converted into the technology-innovation fund (C1: part of grants become investment)
        JsonPath before = fund(TECH);
        ObjectNode body = request(TECH, 30_000_000, "GROWTH", "Digitalisation");
        String conversionId = body.get("conversionId").asText();
        String positionId = "INV-" + conversionId;
        String eventId = UUID.randomUUID().toString();
        // and one without a stage: the position takes the fund's stage, flagged as assumed
        ObjectNode noStage = request(TECH, 10_000_000, null, null);

        // when payments' request arrives, is redelivered (same ce_id), re-published (new ce_id), and then another
        // conversion follows in the same partition
        String key = body.get("orderId").asText();
        send(List.of(record(eventId, body, key), record(eventId, body, key), record(UUID.randomUUID().toString(), body, key),
                record(UUID.randomUUID().toString(), noStage, key)));

        // then exactly one completion and one position are published
        try (ConsumerTask<String, String> completions = answers(conversionId);
             ConsumerTask<String, String> positions = answers(positionId)) {
            ConsumerRecord<String, String> completed = completions.awaitRecords(1, Duration.ofSeconds(30)).getFirstRecord();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> officer().get("/funds/" + TECH + "/investments/INV-"
                    + noStage.get("conversionId").asText()).then().statusCode(200).body("stageAssumed", equalTo(true))
                    .body("stage", equalTo("GROWTH")));
            positions.awaitRecords(1, Duration.ofSeconds(20));
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                    .until(() -> completions.count() == 1 && positions.count() == 1);

            assertEquals(COMPLETED, CloudEventRecords.header(completed, "ce_type"));
            assertEquals(conversionId, CloudEventRecords.header(completed, "ce_subject"));
            assertEquals(body.get("applicationId").asText(), CloudEventRecords.header(completed, "ce_correlationid"));
            assertEquals(eventId, CloudEventRecords.header(completed, "ce_causationid"));
            assertEquals(List.of(), EventContracts.violations(COMPLETED, completed.value()));
            JsonNode payload = JSON.readTree(completed.value());
            assertEquals(positionId, payload.get("investmentId").asText());
            assertEquals(TECH, payload.get("fundCode").asText());
            assertEquals(30_000_000, payload.get("amountFen").asLong());
            assertEquals(body.get("orderId").asText(), payload.get("orderId").asText());

            ConsumerRecord<String, String> position = positions.getFirstRecord();
            assertEquals(COMMITTED, CloudEventRecords.header(position, "ce_type"));
            assertEquals(List.of(), EventContracts.violations(COMMITTED, position.value()));
            assertEquals(conversionId, JSON.readTree(position.value()).get("conversionId").asText());
        }

        // the award is new city fiscal capital, committed, called and paid in, and invested at once
        JsonPath after = fund(TECH);
        long converted = 40_000_000;
        assertEquals(before.getLong("paidInFen") + converted, after.getLong("paidInFen"));
        assertEquals(before.getLong("committedFen") + converted, after.getLong("committedFen"));
        assertEquals(before.getLong("investedFen") + converted, after.getLong("investedFen"));
        assertEquals(before.getLong("convertedFen") + converted, after.getLong("convertedFen"));
        assertEquals(before.getLong("availableFen"), after.getLong("availableFen"), "what the fund may invest elsewhere");
        assertEquals(before.getLong("capital.find { it.source == 'CITY_FISCAL' }.paidInFen") + converted,
                after.getLong("capital.find { it.source == 'CITY_FISCAL' }.paidInFen"));
        officer().get("/funds/" + TECH + "/investments/" + positionId).then().statusCode(200)
                .body("state", equalTo("COMMITTED")).body("conversionId", equalTo(conversionId))
                .body("stakeBasisPoints", nullValue()).body("instrument", equalTo("EQUITY"))
                .body("field", equalTo("digitalisation")).body("district", equalTo("HULI"));
        officer().get("/figures/portfolios/" + body.get("beneficiaryUscc").asText()).then().statusCode(200)
                .body("positions", equalTo(1));
        officer().get("/figures/leverage").then().statusCode(200);
        assertTrue(officer().get("/figures/leverage").then().extract().jsonPath().getLong("convertedFen") >= converted);
    }

    @Test
    void a_conversion_the_fund_cannot_take_is_rejected_with_its_reason_and_nothing_is_recorded() throws Exception {
        // given a closed fund (a placeholder sub-fund of the venture fund, closed by an admin)
        given().header("X-User", "admin-1").header("X-Roles", "admin").contentType(ContentType.JSON)
                .body(Map.of("status", "CLOSED")).post("/funds/FUND-VENTURE-SUB-08/status").then().statusCode(200)
                .body("status", equalTo("CLOSED"));
        JsonPath techBefore = fund(TECH);
        JsonPath subBefore = fund("FUND-VENTURE-SUB-08");
        Map<String, ObjectNode> cases = Map.of(
                "UNKNOWN_FUND", request("FUND-NOPE", 30_000_000, "GROWTH", null),
                "FUND_CLOSED", request("FUND-VENTURE-SUB-08", 30_000_000, "START_UP", null),
                "OUT_OF_SCOPE", request(TECH, 30_000_000, "START_UP", "digitalisation"),
                "OUT_OF_SCOPE ", request(TECH, 30_000_000, "GROWTH", "real estate"),
                "INVALID", request(TECH, 30_000_000, "GROWTH", null).put("district", "GULANGYU"),
                "INVALID ", request(TECH, 30_000_000, "GROWTH", null).put("beneficiaryUscc", "not-a-code"));

        // when each is requested (and redelivered)
        for (ObjectNode body : cases.values()) {
            ProducerRecord<String, String> record = record(body);
            send(List.of(record, record));
        }

        // then each is rejected once with its reason code, and no capital and no position is recorded
        for (Map.Entry<String, ObjectNode> c : cases.entrySet()) {
            String conversionId = c.getValue().get("conversionId").asText();
            try (ConsumerTask<String, String> answers = answers(conversionId)) {
                ConsumerRecord<String, String> rejected = answers.awaitRecords(1, Duration.ofSeconds(30)).getFirstRecord();
                await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> answers.count() == 1);
                assertEquals(REJECTED, CloudEventRecords.header(rejected, "ce_type"), c.getKey());
                assertEquals(List.of(), EventContracts.violations(REJECTED, rejected.value()), c.getKey());
                JsonNode payload = JSON.readTree(rejected.value());
                assertEquals(c.getKey().trim(), payload.get("reasonCode").asText(), payload.toString());
                assertTrue(payload.get("reason").asText().length() > 5, payload.toString());
                assertEquals(c.getValue().get("fundCode").asText(), payload.get("fundCode").asText());
            }
            officer().get("/funds/" + c.getValue().get("fundCode").asText() + "/investments/INV-" + conversionId).then()
                    .statusCode(404);
        }
        JsonPath techAfter = fund(TECH);
        assertEquals(techBefore.getLong("paidInFen"), techAfter.getLong("paidInFen"));
        assertEquals(techBefore.getLong("convertedFen"), techAfter.getLong("convertedFen"));
        assertEquals(subBefore.getLong("paidInFen"), fund("FUND-VENTURE-SUB-08").getLong("paidInFen"));
    }

    @Inject
    ConversionRepository conversions;
    @Inject
    FundRepository funds;

    @Test
    void a_crash_after_the_money_moved_is_finished_by_the_redelivery_once_even_if_the_fund_closed_meanwhile() throws Exception {
        // given a conversion a crash left after its first two steps: recorded PENDING and applied to the fund
        String fund = "FUND-VENTURE-SUB-07";
        ObjectNode body = request(fund, 5_000_000, "START_UP", null);
        String eventId = UUID.randomUUID().toString();
        Conversion.Request crashed = PaymentEventsConsumer.request(new InboundEvent(eventId, REQUESTED, "/susong/payments", body.get("orderId").asText(), clock.instant(), Map.of(),
                body.toString(), "hash", body));
        long paidInBefore = fund(fund).getLong("paidInFen");
        conversions.insertIfAbsent(Conversion.requested(crashed), clock.instant());
        funds.applyConversion(fund, crashed.conversionId(), Money.ofFen(5_000_000),
                new Placement(Stage.START_UP, null, null, false, false), funds.conversionFence(fund));
        // and the fund closed before the request came again
        given().header("X-User", "admin-1").header("X-Roles", "admin").contentType(ContentType.JSON)
                .body(Map.of("status", "CLOSED")).post("/funds/" + fund + "/status").then().statusCode(200);

        // when Kafka redelivers the unacknowledged request
        send(List.of(record(eventId, body, body.get("orderId").asText())));

        // then the money that moved is not stranded: the conversion completes, and the fund counted it once
        try (ConsumerTask<String, String> answers = answers(crashed.conversionId())) {
            ConsumerRecord<String, String> answer = answers.awaitRecords(1, Duration.ofSeconds(30)).getFirstRecord();
            assertEquals(COMPLETED, CloudEventRecords.header(answer, "ce_type"));
        }
        assertEquals(paidInBefore + 5_000_000, fund(fund).getLong("paidInFen"));
        assertTrue(!funds.hasApplied(fund, crashed.conversionId()), "the conversion id is forgotten on the fund");
        officer().get("/funds/" + fund + "/investments/INV-" + crashed.conversionId()).then().statusCode(200)
                .body("state", equalTo("COMMITTED"));
    }

    @Test
    void malformed_and_modified_requests_go_to_the_dead_letter_topic_and_other_payments_events_are_skipped() {
        // a request without an agreed field, and a record that is no event at all
        ObjectNode noAmount = request(TECH, 30_000_000, "GROWTH", null);
        noAmount.remove("amountFen");
        String noAmountKey = noAmount.get("orderId").asText();
        // a conversion re-requested with another amount: the first is kept, the modified one is not applied
        ObjectNode original = request(TECH, 20_000_000, "GROWTH", null);
        ObjectNode modified = original.deepCopy().put("amountFen", 99_000_000);
        String modifiedKey = original.get("orderId").asText();
        send(List.of(record(noAmount), CloudEventRecords.poison("payments.events", "PO-POISON"),
                CloudEventRecords.event("payments.events", "susong.payments.PaymentDisbursed.v1", "PO-OTHER",
                        EventContracts.example("susong.payments.PaymentDisbursed.v1")),
                record(original), record(modified)));

        try (ConsumerTask<String, String> dead = kafka().consumeStrings().fromTopics("fund-investments.dlq",
                records -> records.filter(r -> List.of(noAmountKey, "PO-POISON", modifiedKey).contains(r.key())))) {
            dead.awaitRecords(3, Duration.ofSeconds(30));
            Map<String, String> reasons = new HashMap<>();
            dead.getRecords().forEach(r -> reasons.put(r.key(), CloudEventRecords.header(r, "dead-letter-reason")));
            assertTrue(reasons.get(noAmountKey).contains("amountFen"), reasons.toString());
            assertTrue(reasons.get("PO-POISON").contains("CloudEvents"), reasons.toString());
            assertTrue(reasons.get(modifiedKey).contains("other terms"), reasons.toString());
        }
        officer().get("/funds/" + TECH + "/investments/INV-" + original.get("conversionId").asText()).then()
                .statusCode(200).body("amountFen", equalTo(20_000_000));
    }

    @Test
    void a_batch_with_a_half_written_request_and_a_poison_record_applies_each_conversion_once_even_redelivered()
            throws Exception {
        // given a conversion a crash left half-written (recorded PENDING, money moved onto the fund, no position yet)
        JsonPath before = fund(TECH);
        String key = "PO-BATCH-" + UUID.randomUUID();
        ObjectNode crashedBody = request(TECH, 1_000_000, "GROWTH", null);
        String crashedEvent = UUID.randomUUID().toString();
        Conversion.Request crashed = PaymentEventsConsumer.request(new InboundEvent(crashedEvent, REQUESTED,
                "/susong/payments", key, clock.instant(), Map.of(), crashedBody.toString(), "hash", crashedBody));
        conversions.insertIfAbsent(Conversion.requested(crashed), clock.instant());
        funds.applyConversion(TECH, crashed.conversionId(), Money.ofFen(1_000_000),
                new Placement(Stage.GROWTH, null, null, false, false), funds.conversionFence(TECH));
        // and a batch in one partition (one key, so one order): the half-written request redelivered, a new conversion,
        // a record that is no event, a request without its amount, the new conversion redelivered, another conversion
        ObjectNode first = request(TECH, 2_000_000, "GROWTH", null);
        ObjectNode noAmount = request(TECH, 3_000_000, "GROWTH", null);
        noAmount.remove("amountFen");
        ObjectNode last = request(TECH, 4_000_000, "GROWTH", null);
        ProducerRecord<String, String> firstRecord = record(UUID.randomUUID().toString(), first, key);
        List<ProducerRecord<String, String>> batch = List.of(record(crashedEvent, crashedBody, key), firstRecord,
                CloudEventRecords.poison("payments.events", key), record(UUID.randomUUID().toString(), noAmount, key),
                firstRecord, record(UUID.randomUUID().toString(), last, key));
        List<String> applied = List.of(crashed.conversionId(), first.get("conversionId").asText(),
                last.get("conversionId").asText());
        long converted = 1_000_000 + 2_000_000 + 4_000_000;

        try (ConsumerTask<String, String> answers = kafka().consumeStrings().fromTopics("fund-investments.events",
                records -> records.filter(r -> applied.contains(r.key()) && COMPLETED.equals(CloudEventRecords.header(r, "ce_type"))));
             ConsumerTask<String, String> dead = kafka().consumeStrings().fromTopics("fund-investments.dlq",
                     records -> records.filter(r -> key.equals(r.key())))) {
            // when the batch is consumed
            send(batch);

            // then the poison record and the malformed request are dead-lettered alone, each with its reason
            dead.awaitRecords(2, Duration.ofSeconds(30));
            List<String> reasons = dead.getRecords().stream().map(r -> CloudEventRecords.header(r, "dead-letter-reason")).toList();
            assertTrue(reasons.stream().anyMatch(r -> r.contains("CloudEvents")), reasons.toString());
            assertTrue(reasons.stream().anyMatch(r -> r.contains("amountFen")), reasons.toString());
            // and every conversion around them, before and after, is completed once, the half-written one finished
            answers.awaitRecords(3, Duration.ofSeconds(30));
            assertEquals(applied.stream().sorted().toList(),
                    answers.getRecords().stream().map(ConsumerRecord::key).sorted().toList());
            assertEquals(before.getLong("paidInFen") + converted, fund(TECH).getLong("paidInFen"));

            // when the whole batch is delivered again (a consumer that crashed before its commit)
            send(batch);

            // then the bad records are dead-lettered again, and nothing is applied twice
            dead.awaitRecords(4, Duration.ofSeconds(30));
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> answers.count() == 3);
        }
        JsonPath after = fund(TECH);
        assertEquals(before.getLong("paidInFen") + converted, after.getLong("paidInFen"));
        assertEquals(before.getLong("investedFen") + converted, after.getLong("investedFen"));
        assertEquals(before.getLong("convertedFen") + converted, after.getLong("convertedFen"));
        assertTrue(!funds.hasApplied(TECH, crashed.conversionId()), "the half-written conversion's id is forgotten");
        for (String conversionId : applied) {
            officer().get("/funds/" + TECH + "/investments/INV-" + conversionId).then().statusCode(200)
                    .body("state", equalTo("COMMITTED"));
        }
        officer().get("/funds/" + TECH + "/investments/INV-" + noAmount.get("conversionId").asText()).then().statusCode(404);
    }
}
