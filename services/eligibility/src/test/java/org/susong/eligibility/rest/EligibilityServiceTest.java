package org.susong.eligibility.rest;

import static org.susong.testing.TestBroker.kafka;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.susong.contracts.EventContracts;
import org.susong.testing.CloudEventRecords;
import org.susong.testing.LocalInfraTestResource;
import org.susong.testing.TestBroker;
import org.junit.jupiter.api.extension.ExtendWith;
import org.susong.testing.ContractValidation;

/** Eligibility on the real local broker and store; the business date is fixed at 2026-06-15 (%test). */
@QuarkusTest
@ExtendWith({ContractValidation.class, TestBroker.class})
@WithTestResource(LocalInfraTestResource.class)
class EligibilityServiceTest {

    static final String SUBMITTED = "susong.applications.ApplicationSubmitted.v1";
    static final String APPLICANT = "91350100M000100Y43";

    @jakarta.inject.Inject
    org.susong.eligibility.persistence.CertificationListRepository lists;

    static RequestSpecification user() {
        // decisions of every district: an auditor reads them all (a district officer would see only its own)
        return given().header("X-User", "auditor-1").header("X-Roles", "auditor");
    }

    static String submission(String applicationId, String measure, String certificate) {
        return "{\"applicationId\":\"" + applicationId + "\",\"applicantUscc\":\"91350100M000100Y43\",\"measureCode\":\""
                + measure + "\",\"district\":\"HULI\",\"facts\":{\"category\":\"HIGH_TECH_ENTERPRISE\",\"certificateNumber\":\""
                + certificate + "\",\"certificationYear\":2025,\"certificationKind\":\"FIRST\"},\"submittedAt\":\"2026-06-15T01:00:00Z\"}";
    }

    static void send(String eventId, String applicationId, String payload) {
        kafka().produceStrings().fromRecords(CloudEventRecords.event("applications.events", eventId, SUBMITTED, applicationId,
                payload, Map.of())).awaitCompletion();
    }

    @Test
    void the_whole_catalogue_is_listed_and_published_with_placeholders_named() {
        user().get("/measures").then().statusCode(200).body("items.size()", equalTo(17))
                .body("items.code", hasItems("A1", "A4", "B1", "B3a", "B3b", "C1", "D3"))
                .body("items.find { it.code == 'B1' }.status", equalTo("OPEN"))
                .body("items.find { it.code == 'B2' }.status", equalTo("OPEN"))
                .body("items.find { it.code == 'A1' }.status", equalTo("INFORMATIONAL"))
                .body("items.find { it.code == 'C1' }.disbursementMode", equalTo("INVESTMENT"))
                .body("items.find { it.code == 'C1' }.fundCode", equalTo("FUND-TECH-INNOVATION"))
                .body("items.find { it.code == 'B3b' }.capYearBasis", equalTo("registeredOn"))
                .body("items.find { it.code == 'B3b' }.factsSchema.required", hasItems("technicalTransactionAmountFen"))
                .body("items.find { it.code == 'B3b' }.capFen", equalTo(100000000));
        List<ConsumerRecord<String, String>> published = kafka().consumeStrings().fromTopics("eligibility.events")
                .awaitRecords(17, Duration.ofSeconds(20)).getRecords();
        for (ConsumerRecord<String, String> record : published.stream()
                .filter(r -> "susong.eligibility.MeasurePublished.v1".equals(CloudEventRecords.header(r, "ce_type"))).toList()) {
            assertEquals(List.of(), EventContracts.violations("susong.eligibility.MeasurePublished.v1", record.value()));
        }
        given().header("X-User", "someone").post("/admin/seed").then().statusCode(403);
        given().header("X-User", "root").header("X-Roles", "admin").post("/admin/seed").then().statusCode(200)
                .body("created.size()", equalTo(0)).body("existing.size()", equalTo(17));
    }

    @Test
    void b1_is_decided_with_its_tier_once_per_certificate_and_explained() {
        String first = "APP-B1-" + UUID.randomUUID().toString().substring(0, 8);
        String second = "APP-B1-" + UUID.randomUUID().toString().substring(0, 8);
        String certificate = "GR" + UUID.randomUUID().toString().substring(0, 6);
        org.susong.eligibility.application.CertificationFixture.listed(lists, APPLICANT, certificate);
        send(UUID.randomUUID().toString(), first, submission(first, "B1", certificate));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> user().get("/decisions/" + first).then().statusCode(200)
                .body("outcome", equalTo("APPROVED")).body("amountFen", equalTo(30000000))
                .body("ruleVersion", equalTo("B1@1")).body("businessDate", equalTo("2026-06-15"))
                .body("criteria.find { it.name == 'oncePerCertificate' }.passed", equalTo(true))
                .body("criteria.find { it.name == 'certificationListed' }.passed", equalTo(true)));

        send(UUID.randomUUID().toString(), second, submission(second, "B1", certificate));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> user().get("/decisions/" + second).then().statusCode(200)
                .body("outcome", equalTo("REJECTED")).body("amountFen", equalTo(0))
                .body("criteria.find { it.name == 'oncePerCertificate' }.passed", equalTo(false)));

        ConsumerRecord<String, String> decided = kafka().consumeStrings().fromTopics("eligibility.events")
                .awaitRecords(19, Duration.ofSeconds(20)).getRecords().stream()
                .filter(r -> ("D-" + first).equals(r.key())).findFirst().orElseThrow();
        assertEquals("susong.eligibility.EligibilityDecided.v1", CloudEventRecords.header(decided, "ce_type"));
        assertEquals("B1@1", CloudEventRecords.header(decided, "ce_ruleversion"));
        assertEquals(first, CloudEventRecords.header(decided, "ce_correlationid"));
        assertEquals(List.of(), EventContracts.violations("susong.eligibility.EligibilityDecided.v1", decided.value()));
    }

    @Test
    void a_redelivery_decides_nothing_twice_and_a_modified_redelivery_is_dead_lettered() {
        String id = "APP-RE-" + UUID.randomUUID().toString().substring(0, 8);
        String eventId = UUID.randomUUID().toString();
        send(eventId, id, submission(id, "A4", "none"));
        send(eventId, id, submission(id, "A4", "none"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> user().get("/decisions/" + id).then().statusCode(200)
                .body("outcome", equalTo("REJECTED")).body("criteria.find { it.name == 'facts' }.passed", equalTo(false)));
        send(eventId, id, submission(id, "B1", "changed"));

        ConsumerRecord<String, String> dead = kafka().consumeStrings().fromTopics("eligibility.dlq")
                .awaitRecords(1, Duration.ofSeconds(20)).getRecords().stream()
                .filter(r -> id.equals(r.key())).findFirst().orElseThrow();
        assertTrue(CloudEventRecords.header(dead, "dead-letter-reason").contains("modified request"));
        long decisions = kafka().consumeStrings().fromTopics("eligibility.events", Duration.ofSeconds(3)).awaitCompletion()
                .getRecords().stream().filter(r -> ("D-" + id).equals(r.key())).count();
        assertEquals(1, decisions, "one decision event for the application, however often it was delivered");
    }

    @Test
    void unknown_measures_are_rejected_with_a_reason_and_unknown_decisions_are_404() {
        String id = "APP-UNK-" + UUID.randomUUID().toString().substring(0, 8);
        send(UUID.randomUUID().toString(), id, submission(id, "Z9", "x"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> user().get("/decisions/" + id).then().statusCode(200)
                .body("outcome", equalTo("REJECTED")).body("explanationEn", equalTo("measure 'Z9' does not exist")));
        user().get("/decisions/nope").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void c1_grant_to_investment_decisions_name_the_fund_the_fallback_and_the_scope_facts() throws Exception {
        String id = "APP-C1-" + UUID.randomUUID().toString().substring(0, 8);
        send(UUID.randomUUID().toString(), id, "{\"applicationId\":\"" + id + "\",\"applicantUscc\":\"91350100M000100Y43\","
                + "\"measureCode\":\"C1\",\"district\":\"TONGAN\",\"facts\":{\"stage\":\"GROWTH\",\"field\":"
                + "\"digitalisation\",\"requestedFen\":30000000},\"submittedAt\":\"2026-06-15T01:00:00Z\"}");
        ConsumerRecord<String, String> decided = await().atMost(Duration.ofSeconds(30)).until(() -> kafka().consumeStrings()
                .fromTopics("eligibility.events", Duration.ofSeconds(2)).awaitCompletion().getRecords().stream()
                .filter(r -> ("D-" + id).equals(r.key())).toList(), l -> !l.isEmpty()).get(0);
        assertEquals(List.of(), EventContracts.violations("susong.eligibility.EligibilityDecided.v1", decided.value()));
        var body = new com.fasterxml.jackson.databind.ObjectMapper().readTree(decided.value());
        assertEquals("APPROVED", body.get("outcome").asText());
        assertEquals(30_000_000L, body.get("amountFen").asLong(), "C1 placeholder rule: the requested amount up to 5,000,000 CNY");
        assertEquals("INVESTMENT", body.get("disbursementMode").asText());
        assertEquals("FUND-TECH-INNOVATION", body.get("fundCode").asText());
        assertEquals("GRANT", body.get("fallback").asText());
        // within the fund's scope (growth stage, digitalisation; FundScopeTest: outside it, a grant)
        assertEquals("GROWTH", body.get("beneficiaryStage").asText());
        assertEquals("digitalisation", body.get("beneficiaryField").asText());
        assertEquals("C1@" + body.get("ruleVersion").asText().substring(3), body.get("ruleVersion").asText());
    }

    @Test
    void the_contract_example_of_a_submission_is_read_by_this_consumer() {
        String example = EventContracts.example(SUBMITTED);
        String id = "APP-20261129-7K3M9Q2XWD";
        send(UUID.randomUUID().toString(), id, example);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> user().get("/decisions/" + id).then().statusCode(200)
                .body("measureCode", equalTo("B1")).body("inputs.certificateNumber", equalTo("GR202435100123")));
    }
}
