package org.susong.applications.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.susong.testing.TestBroker.kafka;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.susong.contracts.EventContracts;
import org.susong.testing.CloudEventRecords;
import org.susong.testing.LocalInfraTestResource;
import org.junit.jupiter.api.extension.ExtendWith;
import org.susong.testing.ContractValidation;
import org.susong.testing.Usccs;
import org.susong.testing.TestBroker;

/** The applications service on the real local broker and store. */
@QuarkusTest
@ExtendWith(ContractValidation.class)
@WithTestResource(LocalInfraTestResource.class)
@ExtendWith(TestBroker.class)
class ApplicationsServiceTest {

    /** The service's business clock (%test: 2026-06-15): test dates read it, never the machine's. */
    @Inject
    java.time.Clock businessClock;

    static final String VALID = "91350100M000100Y43";
    static final String MEASURE = "susong.eligibility.MeasurePublished.v1";

    @BeforeAll
    static void measures() {
        kafka().produceStrings().fromRecords(CloudEventRecords.event("eligibility.events", MEASURE, "B1",
                "{\"code\":\"B1\",\"version\":1,\"status\":\"OPEN\",\"requiredFacts\":[\"category\",\"certificateNumber\"]}"),
                CloudEventRecords.event("eligibility.events", MEASURE, "A1",
                "{\"code\":\"A1\",\"version\":1,\"status\":\"INFORMATIONAL\",\"requiredFacts\":[]}")).awaitCompletion();
    }

    static RequestSpecification officer() {
        return given().header("X-User", "officer-1").header("X-Roles", "officer").header("X-District", "HULI")
                .contentType(ContentType.JSON);
    }

    static String registered(String uscc) {
        officer().body(Map.of("uscc", uscc, "name", "Xiamen Test Co " + uscc, "type", "ENTERPRISE", "district", "Huli"))
                .post("/applicants").then().statusCode(201);
        return uscc;
    }

    static String uscc(int n) {
        return Usccs.valid("MA", n);
    }

    static Map<String, Object> b1(String uscc, String certificate) {
        return Map.of("applicantUscc", uscc, "measureCode", "B1", "facts",
                Map.of("category", "HIGH_TECH_ENTERPRISE", "certificateNumber", certificate, "certificationYear", 2025));
    }

    @Test
    void a_failed_check_character_names_the_expected_one_and_an_officer_may_override_it() {
        // the applicant itself may register, but only an officer may override a failed check
        given().header("X-User", "someone").header("X-Roles", "applicant").header("X-Acting-For", "91350100M000100Y44")
                .contentType(ContentType.JSON).body(Map.of("uscc", "91350100M000100Y44", "name", "Pilot Co", "type", "ENTERPRISE", "district", "Siming"))
                .post("/applicants")
                .then().statusCode(422).contentType("application/problem+json")
                .body("field", equalTo("uscc")).body("expectedCheckCharacter", equalTo("3"));
        given().header("X-User", "officer-2").header("X-Roles", "officer").header("X-District", "SIMING")
                .contentType(ContentType.JSON).body(Map.of("uscc", "91350100M000100Y44", "name", "Pilot Co", "type",
                        "ENTERPRISE", "district", "Siming",
                        "checkOverrideReason", "pilot-era code printed on the 2015 licence"))
                .post("/applicants").then().statusCode(201).body("checkCharacterValid", equalTo(false));
    }

    @Test
    void bad_requests_get_problems_naming_the_field() {
        officer().body("{\"uscc\": ").post("/applicants").then().statusCode(400)
                .contentType("application/problem+json").body("title", equalTo("Malformed JSON"));
        officer().body(Map.of("uscc", VALID, "name", "X", "type", "SPACESHIP", "district", "Huli")).post("/applicants")
                .then().statusCode(400).body("field", equalTo("type"));
        officer().body(Map.of("uscc", VALID, "name", "X", "type", "ENTERPRISE", "district", "Atlantis")).post("/applicants")
                .then().statusCode(400).body("field", equalTo("district"));
        officer().body(Map.of("name", "X", "type", "ENTERPRISE", "district", "Huli")).post("/applicants")
                .then().statusCode(400).body("field", equalTo("uscc"));
        given().contentType(ContentType.JSON).body(b1(VALID, "GR1")).post("/applications").then().statusCode(401);
        String applicant = registered(uscc(1));
        officer().body(Map.of("applicantUscc", applicant, "measureCode", "Z9", "facts", Map.of())).post("/applications")
                .then().statusCode(422).body("field", equalTo("measureCode"));
        officer().body(Map.of("applicantUscc", applicant, "measureCode", "A1", "facts", Map.of())).post("/applications")
                .then().statusCode(422).body("field", equalTo("measureCode"));
        officer().body(Map.of("applicantUscc", applicant, "measureCode", "B1", "facts", Map.of("category", "X")))
                .post("/applications").then().statusCode(422).body("field", equalTo("facts.certificateNumber"));
        officer().body("{\"applicantUscc\":\"" + applicant + "\",\"measureCode\":\"B1\",\"facts\":\"" + "x".repeat(1_100_000)
                + "\"}").post("/applications").then().statusCode(413)
                .contentType("application/problem+json").body("status", equalTo(413));
    }

    @Test
    void the_same_idempotency_key_gives_the_same_answer_and_a_different_body_is_refused() {
        String applicant = registered(uscc(2));
        String key = UUID.randomUUID().toString();
        String first = officer().header("Idempotency-Key", key).body(b1(applicant, "GR-IDEM")).post("/applications")
                .then().statusCode(201).header("Idempotent-Replayed", "false").extract().path("id");
        officer().header("Idempotency-Key", key).body(b1(applicant, "GR-IDEM")).post("/applications")
                .then().statusCode(201).header("Idempotent-Replayed", "true").body("id", equalTo(first));
        officer().header("Idempotency-Key", key).body(b1(applicant, "GR-OTHER")).post("/applications")
                .then().statusCode(422).body("field", equalTo("Idempotency-Key"));
    }

    @Test
    void submission_is_published_and_facts_in_any_order_lead_to_paid() {
        String applicant = registered(uscc(3));
        String id = officer().body(b1(applicant, "GR-FLOW")).post("/applications").then().statusCode(201)
                .body("status", equalTo("SUBMITTED")).extract().path("id");

        ConsumerRecord<String, String> published = kafka().consumeStrings().fromTopics("applications.events")
                .awaitRecords(1, Duration.ofSeconds(20)).getRecords().stream().filter(r -> r.key().equals(id))
                .findFirst().orElseThrow();
        assertEquals("susong.applications.ApplicationSubmitted.v1", CloudEventRecords.header(published, "ce_type"));
        assertEquals(id, CloudEventRecords.header(published, "ce_subject"));
        assertEquals(id, CloudEventRecords.header(published, "ce_correlationid"));
        assertEquals("1", CloudEventRecords.header(published, "ce_sequence"));
        assertEquals(List.of(), EventContracts.violations("susong.applications.ApplicationSubmitted.v1", published.value()));

        // payments reports the money before eligibility's decision arrives: kept, not dead-lettered
        kafka().produceStrings().fromRecords(
                CloudEventRecords.event("payments.events", "susong.payments.PaymentDisbursed.v1", "PO-" + id,
                        "{\"orderId\":\"PO-" + id + "\",\"applicationId\":\"" + id + "\",\"amountFen\":50000000}"))
                .awaitCompletion();
        String decisionId = UUID.randomUUID().toString();
        var decided = CloudEventRecords.event("eligibility.events", decisionId, "susong.eligibility.EligibilityDecided.v1", id,
                "{\"decisionId\":\"" + id + "\",\"applicationId\":\"" + id + "\",\"outcome\":\"APPROVED\",\"amountFen\":50000000,"
                        + "\"ruleVersion\":\"B1@1\"}", Map.of());
        kafka().produceStrings().fromRecords(decided, decided).awaitCompletion(); // redelivered: recorded once

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> officer().get("/applications/" + id).then()
                .statusCode(200).body("status", equalTo("PAID"))
                .body("timeline.kind", hasItem("DECIDED_APPROVED")).body("timeline.size()", equalTo(3)));
    }

    @Test
    void the_contract_examples_of_payment_events_are_read_by_this_consumer() {
        String applicant = registered(uscc(6));
        String id = officer().body(b1(applicant, "GR-EXAMPLES")).post("/applications").then().statusCode(201)
                .extract().path("id");
        for (String type : List.of("susong.payments.BudgetReserved.v1", "susong.payments.PaymentDisbursed.v1")) {
            String example = EventContracts.example(type).replace("APP-20261129-7K3M9Q2XWD", id);
            kafka().produceStrings().fromRecords(CloudEventRecords.event("payments.events", type, "PO-D-" + id, example))
                    .awaitCompletion();
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> officer().get("/applications/" + id).then()
                .body("status", equalTo("PAID")).body("timeline.kind", hasItem("BUDGET_RESERVED")));
    }

    @Test
    void a_poison_record_goes_to_the_dead_letter_topic_and_the_next_record_is_processed() {
        kafka().produceStrings().fromRecords(CloudEventRecords.poison("eligibility.events", "B1")).awaitCompletion();
        kafka().produceStrings().fromRecords(CloudEventRecords.event("eligibility.events", MEASURE, "B1",
                "{\"code\":\"B1\",\"version\":1,\"status\":\"OPEN\",\"requiredFacts\":[\"category\"]}"),
                CloudEventRecords.event("eligibility.events", "susong.eligibility.SomethingNew.v7", "B1", "{}"),
                CloudEventRecords.event("eligibility.events", MEASURE, "B9",
                        "{\"code\":\"B9\",\"version\":1,\"status\":\"OPEN\",\"requiredFacts\":[]}")).awaitCompletion();

        ConsumerRecord<String, String> dead = kafka().consumeStrings().fromTopics("applications.dlq")
                .awaitRecords(1, Duration.ofSeconds(20)).getFirstRecord();
        assertTrue(CloudEventRecords.header(dead, "dead-letter-reason").contains("CloudEvents"),
                CloudEventRecords.header(dead, "dead-letter-reason"));
        String applicant = registered(uscc(4));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> officer()
                .body(Map.of("applicantUscc", applicant, "measureCode", "B9", "facts", Map.of()))
                .post("/applications").then().statusCode(201).body("id", startsWith("APP-")));
    }

    @jakarta.inject.Inject
    com.mongodb.client.MongoClient mongo;
    @jakarta.inject.Inject
    com.fasterxml.jackson.databind.ObjectMapper json;

    @Test
    void events_a_crash_left_in_an_outbox_are_published_once_by_the_sweeper_in_sequence() {
        // a writer that died between its write and its publish: the document holds two unpublished events
        String id = "APP-CRASHED-" + UUID.randomUUID().toString().substring(0, 6);
        var events = List.of(
                org.susong.commons.messaging.NewEvent.of("susong.applications.Test.v1", id, Map.of("n", 1)).build(),
                org.susong.commons.messaging.NewEvent.of("susong.applications.Test.v1", id, Map.of("n", 2)).build());
        var outbox = org.susong.commons.messaging.Outbox.entries(json, 0, events, businessClock.instant());
        mongo.getDatabase("applications").getCollection("applications").insertOne(new org.bson.Document("_id", id)
                .append(org.susong.commons.messaging.Outbox.FIELD, outbox).append("eventSeq", 2L));

        List<ConsumerRecord<String, String>> published = new java.util.ArrayList<>();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            published.clear();
            published.addAll(kafka().consumeStrings().fromTopics("applications.events", Duration.ofSeconds(2)).awaitCompletion()
                    .getRecords().stream().filter(r -> id.equals(r.key())).toList());
            assertEquals(2, published.size());
        });
        assertEquals(List.of("1", "2"), published.stream().map(r -> CloudEventRecords.header(r, "ce_sequence")).toList());
        assertEquals(List.of(outbox.get(0).getString("id"), outbox.get(1).getString("id")),
                published.stream().map(r -> CloudEventRecords.header(r, "ce_id")).toList(), "ids fixed at write time");
        await().atMost(Duration.ofSeconds(10)).until(() -> mongo.getDatabase("applications").getCollection("applications")
                .find(new org.bson.Document("_id", id)).first().getList("outbox", Object.class).isEmpty());
    }

    @Test
    void district_officers_only_see_their_own_district() {
        String applicant = registered(uscc(5));
        String id = officer().body(b1(applicant, "GR-DISTRICT")).post("/applications").then().statusCode(201)
                .extract().path("id");
        given().header("X-User", "o-huli").header("X-Roles", "officer").header("X-District", "HULI").get("/applications/" + id)
                .then().statusCode(200);
        given().header("X-User", "o-jimei").header("X-Roles", "officer").header("X-District", "JIMEI")
                .get("/applications/" + id).then().statusCode(404);
    }
}
