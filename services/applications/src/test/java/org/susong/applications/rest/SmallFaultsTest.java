package org.susong.applications.rest;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.susong.applications.rest.LifecycleFlowsTest.officer;
import static org.susong.applications.rest.LifecycleFlowsTest.registered;
import static org.susong.applications.rest.LifecycleFlowsTest.submit;
import static org.susong.applications.rest.LifecycleFlowsTest.uscc;
import static org.susong.testing.TestBroker.kafka;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.susong.applications.application.LifecycleService;
import org.susong.applications.domain.ApplicationStatus;
import org.susong.applications.domain.Fact;
import org.susong.applications.persistence.LegacyApplications;
import org.susong.commons.persistence.migrations.MigrationRunner;
import org.susong.commons.persistence.migrations.SchemaMigrations;
import org.susong.testing.CloudEventRecords;
import org.susong.testing.ContractValidation;
import org.susong.testing.LocalInfraTestResource;
import org.susong.testing.TestBroker;

/** Small faults of issue 25: outbox bound, modified redeliveries, idempotency hashing and expiry, old documents. */
@QuarkusTest
@ExtendWith(ContractValidation.class)
@WithTestResource(LocalInfraTestResource.class)
@ExtendWith(TestBroker.class)
class SmallFaultsTest {

    /** The service's business clock (%test: 2026-06-15, running on): retention is counted on it. */
    @Inject
    java.time.Clock clock;
    @Inject
    MongoClient mongo;
    @Inject
    LifecycleService lifecycle;
    @Inject
    LegacyApplications legacy;
    @Inject
    SchemaMigrations schema;

    @BeforeAll
    static void measure() {
        kafka().produceStrings().fromRecords(CloudEventRecords.event("eligibility.events", LifecycleFlowsTest.MEASURE, "C1",
                "{\"code\":\"C1\",\"version\":1,\"status\":\"OPEN\",\"validFrom\":\"2024-01-01\",\"validTo\":\"2026-12-31\","
                        + "\"requiredFacts\":[\"project\"]}")).awaitCompletion();
    }

    @BeforeEach
    void projectionReady() {
        await().atMost(Duration.ofSeconds(20)).until(() -> mongo.getDatabase("applications").getCollection("measures")
                .countDocuments(new Document("_id", "C1")) == 1);
    }

    MongoCollection<Document> applications() {
        return mongo.getDatabase("applications").getCollection("applications");
    }

    String businessYear() {
        return String.valueOf(clock.instant().atZone(java.time.ZoneId.of("Asia/Shanghai")).getYear());
    }

    @Test
    void a_full_outbox_refuses_the_next_event_with_503_instead_of_growing() {
        String id = submit(registered(uscc(60), "Huli", null), "C1", businessYear());
        await().atMost(Duration.ofSeconds(20)).until(() -> applications().find(new Document("_id", id)).first()
                .getList("outbox", Document.class, List.of()).isEmpty());
        // the broker is down: 100 events wait (the bound), a relay of another instance holds the lease
        List<Document> waiting = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            waiting.add(new Document("id", UUID.randomUUID().toString()).append("type", "susong.applications.Test.v1")
                    .append("subject", id).append("seq", 100L + i).append("payload", "{}").append("hash", "x")
                    .append("at", Date.from(clock.instant())).append("ext", new Document()));
        }
        applications().updateOne(Filters.eq("_id", id), Updates.combine(Updates.pushEach("outbox", waiting),
                Updates.set("outboxLease", new Document("owner", "another-instance")
                        .append("until", Date.from(clock.instant().plus(Duration.ofDays(1)))))));
        officer().body(Map.of("reason", "r")).post("/applications/" + id + "/withdrawal").then().statusCode(503)
                .contentType("application/problem+json").header("Retry-After", org.hamcrest.Matchers.notNullValue());
        assertEquals(100, applications().find(new Document("_id", id)).first().getList("outbox", Document.class).size());
        officer().get("/applications/" + id).then().body("withdrawalPending", equalTo(false));
    }

    static double metric(String name, String type) {
        String text = RestAssured.given().get("/q/metrics").then().statusCode(200).extract().asString();
        return text.lines().filter(l -> l.startsWith(name + "{") && l.contains("type=\"" + type + "\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    @Test
    void a_redelivered_fact_with_another_payload_is_refused_as_a_modified_request_and_counted() {
        String id = submit(registered(uscc(61), "Huli", null), "C1", businessYear());
        String eventId = UUID.randomUUID().toString();
        String type = "susong.payments.PaymentOnHold.v1";
        String payload = "{\"orderId\":\"PO-D-" + id + "\",\"decisionId\":\"D-" + id + "\",\"applicationId\":\"" + id
                + "\",\"objectionId\":\"OB-1\",\"reason\":\"%s\",\"heldAt\":\"" + clock.instant() + "\"}";
        kafka().produceStrings().fromRecords(CloudEventRecords.event("payments.events", eventId, type, "PO-D-" + id,
                String.format(payload, "first objection"), Map.of())).awaitCompletion();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> officer().get("/applications/" + id).then()
                .body("timeline.kind", hasItem("PAYMENT_ON_HOLD")));
        kafka().produceStrings().fromRecords(CloudEventRecords.event("payments.events", eventId, type, "PO-D-" + id,
                String.format(payload, "tampered"), Map.of())).awaitCompletion();
        await().atMost(Duration.ofSeconds(20)).until(() -> metric("susong_events_modified_total", type) >= 1);
        officer().get("/applications/" + id).then().body("timeline.detail", hasItem(org.hamcrest.Matchers
                .containsString("first objection")));
    }

    @Test
    void the_request_hash_of_an_idempotency_key_does_not_depend_on_the_order_of_the_facts() {
        String uscc = registered(uscc(62), "Huli", null);
        String key = UUID.randomUUID().toString();
        String id = officer().header("Idempotency-Key", key).body("{\"applicantUscc\":\"" + uscc + "\",\"measureCode\":\"C1\","
                + "\"facts\":{\"project\":\"P\",\"staff\":3}}").post("/applications").then().statusCode(201).extract().path("id");
        officer().header("Idempotency-Key", key).body("{\"applicantUscc\":\"" + uscc + "\",\"measureCode\":\"C1\","
                        + "\"facts\":{\"staff\":3,\"project\":\"P\"}}").post("/applications").then().statusCode(201)
                .header("Idempotent-Replayed", "true").body("id", equalTo(id));
    }

    @Inject
    com.fasterxml.jackson.databind.ObjectMapper json;

    @Test
    void a_key_kept_before_the_hash_became_canonical_still_replays_the_same_request() {
        String uscc = registered(uscc(66), "Huli", null);
        String key = UUID.randomUUID().toString();
        Map<String, Object> facts = Map.of("project", "P");
        String id = officer().header("Idempotency-Key", key).body(Map.of("applicantUscc", uscc, "measureCode", "C1",
                "facts", facts)).post("/applications").then().statusCode(201).extract().path("id");
        // the record as the earlier code kept it: the hash of the command's plain serialisation
        String plain = org.susong.commons.ids.Hashes.sha256(org.susong.commons.messaging.Outbox.serialise(json,
                new org.susong.applications.application.ApplicationService.SubmitCommand(uscc, "C1", null, facts, List.of(),
                        false)));
        applications().updateOne(Filters.eq("_id", id), Updates.set("requestHash", plain));
        officer().header("Idempotency-Key", key).body(Map.of("applicantUscc", uscc, "measureCode", "C1", "facts", facts))
                .post("/applications").then().statusCode(201).header("Idempotent-Replayed", "true").body("id", equalTo(id));
    }

    @Test
    void a_key_past_its_retention_is_not_replayed_although_the_purge_has_not_run_yet() {
        String uscc = registered(uscc(63), "Huli", null);
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Map.of("applicantUscc", uscc, "measureCode", "C1", "facts", Map.of("project", "P"));
        String id = officer().header("Idempotency-Key", key).body(body).post("/applications").then().statusCode(201)
                .extract().path("id");
        applications().updateOne(Filters.eq("_id", id), Updates.set("idempotencyExpiresAt",
                Date.from(clock.instant().minusSeconds(60)))); // 24 h and a minute later; the hourly purge has not run
        officer().header("Idempotency-Key", key).body(body).post("/applications").then().statusCode(409)
                .body("existingApplicationId", equalTo(id)); // a new request: the duplicate rule answers
    }

    @Test
    void a_document_written_before_open_slot_and_created_at_existed_is_migrated_once_at_start_and_read_through_the_api() {
        String uscc = registered(uscc(64), "Huli", null);
        String id = "APP-20260101-OLD" + UUID.randomUUID().toString().substring(0, 7).toUpperCase();
        Date submittedAt = Date.from(clock.instant());
        applications().insertOne(new Document("_id", id).append("applicantUscc", uscc).append("measureCode", "C1")
                .append("district", "HULI").append("facts", new Document("project", "old"))
                .append("submittedAt", submittedAt).append("submittedBy", "officer-1;officer;;").append("status", "SUBMITTED")
                .append("timeline", List.of(new Document("eventId", "request:" + id).append("kind", "SUBMITTED")
                        .append("status", "SUBMITTED").append("at", submittedAt).append("actor", "officer-1;officer;;")
                        .append("detail", "submitted under measure C1")))
                .append("version", 1L).append("requestHash", "h").append("response", new Document("id", id))
                .append("idempotencyKey", "officer-1:old-" + id).append("outbox", List.of()).append("eventSeq", 1L));
        // the store comes from a build before the migration runner: nothing recorded in schema_migrations
        mongo.getDatabase("applications").getCollection(MigrationRunner.COLLECTION)
                .deleteOne(Filters.eq("_id", "0001-application-created-at-open-slot"));
        MigrationRunner.Report started = schema.run(); // what the start-up runs, before consumers and schedulers
        assertEquals(List.of("0001-application-created-at-open-slot"), started.ran());
        Document recorded = mongo.getDatabase("applications").getCollection(MigrationRunner.COLLECTION)
                .find(Filters.eq("_id", "0001-application-created-at-open-slot")).first();
        assertEquals("DONE", recorded.getString("state"));
        assertTrue(recorded.getLong("changed") >= 1);
        assertEquals(List.of(), schema.run().ran(), "a second start-up runs nothing");
        assertEquals(0, legacy.migrate(), "the step run again (a crash before it was recorded) changes nothing");
        RestAssured.given().get("/q/health/ready").then()
                .body("checks.find { it.name == 'schema-migrations' }.status", equalTo("UP"));
        Document migrated = applications().find(new Document("_id", id)).first();
        assertEquals(submittedAt, migrated.getDate("createdAt"));
        assertEquals(uscc + "|C1|" + businessYear(), migrated.getString("openSlot"));
        assertTrue(migrated.containsKey("idempotencyExpiresAt"), "its idempotency record can be purged now");
        officer().body(Map.of("applicantUscc", uscc, "measureCode", "C1", "facts", Map.of("project", "new")))
                .post("/applications").then().statusCode(409).body("existingApplicationId", equalTo(id));
        officer().queryParam("applicant", uscc).get("/applications").then().body("items.id", hasItem(id));
        officer().get("/applications/" + id).then().statusCode(200).body("status", equalTo("SUBMITTED"))
                .body("measureCode", equalTo("C1")).body("applicantUscc", equalTo(uscc));
    }

    @Test
    void a_fact_that_reopens_an_application_whose_slot_another_took_is_kept_not_dead_lettered() {
        String uscc = registered(uscc(65), "Huli", null);
        String first = submit(uscc, "C1", businessYear());
        Instant now = clock.instant();
        lifecycle.record(first, new Fact(UUID.randomUUID().toString(), "DECIDED_APPROVED", ApplicationStatus.APPROVED, now,
                "eligibility", "approved", 0, "D-" + first));
        lifecycle.record(first, new Fact(UUID.randomUUID().toString(), "BUDGET_RELEASED", ApplicationStatus.CLOSED,
                now.plusMillis(1), "payments", "budget released (OBJECTION_UPHELD)", 0, "D-" + first));
        String second = submit(uscc, "C1", businessYear()); // the period was free again
        String redecided = UUID.randomUUID().toString();   // a later round's decision reopens the first
        lifecycle.record(first, new Fact(redecided, "DECIDED_APPROVED", ApplicationStatus.APPROVED, now.plusMillis(2),
                "eligibility", "approved again", 1, "D-" + first + "-R1"));
        officer().get("/applications/" + first).then().body("status", equalTo("APPROVED"))
                .body("timeline.cause", hasItem(redecided));
        assertEquals(uscc + "|C1|" + businessYear(), applications().find(new Document("_id", second)).first()
                .getString("openSlot"));
    }
}
