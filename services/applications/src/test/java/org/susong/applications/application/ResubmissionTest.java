package org.susong.applications.application;

import static org.susong.testing.TestBroker.kafka;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.susong.contracts.EventContracts;
import org.susong.testing.CloudEventRecords;
import org.susong.testing.ContractValidation;
import org.susong.testing.LocalInfraTestResource;
import org.susong.testing.TestBroker;
import org.susong.testing.Usccs;

/**
 * Issue 20 item 5: a REJECTED application is resubmitted as a new application linked both ways
 * ({@code resubmissionOf} / {@code resubmittedAs}), checked under the measure as it is now (its current version's
 * facts, window and periods), once per rejected application, idempotent by {@code Idempotency-Key}; the rejected one is
 * CLOSED by it, so the applicant never holds two live applications for the same measure and period.
 */
@QuarkusTest
@ExtendWith({ContractValidation.class, TestBroker.class})
@WithTestResource(LocalInfraTestResource.class)
class ResubmissionTest {

    static final String MEASURE = "susong.eligibility.MeasurePublished.v1";

    @Inject
    ResubmissionService resubmissions;
    @Inject
    com.mongodb.client.MongoClient mongo;

    static String uscc(int n) {
        return Usccs.valid("MR", n);
    }

    static RequestSpecification officer(String district) {
        return given().header("X-User", "officer-rs").header("X-Roles", "officer").header("X-District", district)
                .contentType(ContentType.JSON);
    }

    static RequestSpecification applicant(String uscc) {
        return given().header("X-User", "ent-" + uscc).header("X-Roles", "applicant").header("X-Acting-For", uscc)
                .contentType(ContentType.JSON);
    }

    void publish(String code, int version, String window, String requiredFacts) {
        kafka().produceStrings().fromRecords(CloudEventRecords.event("eligibility.events", MEASURE, code, "{\"code\":\""
                + code + "\",\"version\":" + version + ",\"status\":\"OPEN\"," + window + "\"requiredFacts\":["
                + requiredFacts + "]}")).awaitCompletion();
        await().atMost(Duration.ofSeconds(30)).until(() -> mongo.getDatabase("applications").getCollection("measures")
                .countDocuments(new org.bson.Document("_id", code).append("version", version)) == 1);
    }

    static String registered(int n) {
        String uscc = uscc(n);
        officer("Huli").body(Map.of("uscc", uscc, "name", "厦门重报科技有限公司" + n, "type", "ENTERPRISE",
                "district", "Huli")).post("/applicants").then().statusCode(201);
        return uscc;
    }

    static String filed(String uscc, String measure, String period) {
        return applicant(uscc).body(Map.of("applicantUscc", uscc, "measureCode", measure, "period", period,
                "facts", Map.of("project", "P-1"))).post("/applications").then().statusCode(201).extract().path("id");
    }

    static void rejected(String id) {
        kafka().produceStrings().fromRecords(CloudEventRecords.event("eligibility.events",
                "susong.eligibility.EligibilityDecided.v1", "D-" + id, "{\"decisionId\":\"D-" + id
                        + "\",\"applicationId\":\"" + id + "\",\"outcome\":\"REJECTED\",\"amountFen\":0,"
                        + "\"ruleVersion\":\"C5@1\",\"explanation\":{\"en\":\"no certificate\"}}")).awaitCompletion();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> officer("Huli").get("/applications/" + id).then()
                .body("status", equalTo("REJECTED")));
    }

    static ConsumerRecord<String, String> submittedEvent(String id) {
        ConsumerRecord<String, String>[] found = new ConsumerRecord[1];
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            found[0] = kafka().consumeStrings().fromTopics("applications.events", Duration.ofSeconds(2)).awaitCompletion()
                    .getRecords().stream().filter(r -> id.equals(r.key()))
                    .filter(r -> "susong.applications.ApplicationSubmitted.v1".equals(CloudEventRecords.header(r, "ce_type")))
                    .findFirst().orElse(null);
            assertTrue(found[0] != null, "no ApplicationSubmitted for " + id);
        });
        return found[0];
    }

    @Test
    void a_rejected_application_is_resubmitted_once_under_the_current_version_and_linked_on_both_timelines() {
        publish("C5", 1, "", "\"project\"");
        String uscc = registered(1);
        String first = filed(uscc, "C5", "2026");
        applicant(uscc).body(Map.of()).post("/applications/" + first + "/resubmission").then().statusCode(409)
                .body("currentStatus", equalTo("SUBMITTED"));
        rejected(first);
        // the measure's current version asks for one more fact: the resubmission is checked against it, not version 1
        publish("C5", 2, "", "\"project\",\"employees\"");
        applicant(uscc).body(Map.of()).post("/applications/" + first + "/resubmission").then().statusCode(422)
                .body("field", equalTo("facts.employees"));
        officer("Siming").body(Map.of()).post("/applications/" + first + "/resubmission").then().statusCode(404);
        applicant(uscc(2)).body(Map.of()).post("/applications/" + first + "/resubmission").then().statusCode(404);

        Map<String, Object> corrected = Map.of("facts", Map.of("project", "P-1", "employees", 12));
        String second = applicant(uscc).header("Idempotency-Key", "resubmit-1").body(corrected)
                .post("/applications/" + first + "/resubmission").then().statusCode(201)
                .header("Idempotent-Replayed", "false").body("status", equalTo("SUBMITTED"))
                .body("resubmissionOf", equalTo(first)).body("id", not(equalTo(first))).extract().path("id");
        applicant(uscc).header("Idempotency-Key", "resubmit-1").body(corrected)
                .post("/applications/" + first + "/resubmission").then().statusCode(201)
                .header("Idempotent-Replayed", "true").body("id", equalTo(second));
        // once per rejected application: another request names the first resubmission
        officer("Huli").body(corrected).post("/applications/" + first + "/resubmission").then().statusCode(409)
                .body("resubmittedAs", equalTo(second));

        officer("Huli").get("/applications/" + first).then().statusCode(200).body("status", equalTo("CLOSED"))
                .body("resubmittedAs", equalTo(second)).body("resubmissionOf", nullValue())
                .body("timeline.kind", hasItem("RESUBMITTED"))
                .body("timeline.find { it.kind == 'RESUBMITTED' }.detail", containsString("resubmitted as " + second));
        officer("Huli").get("/applications/" + second).then().statusCode(200).body("status", equalTo("SUBMITTED"))
                .body("resubmissionOf", equalTo(first)).body("period", equalTo("2026"))
                .body("facts.employees", equalTo(12))
                .body("timeline.find { it.kind == 'RESUBMISSION_OF' }.detail", containsString("resubmission of " + first));
        // the rejected one is closed by its resubmission: no appeal, and the period is held by the resubmission only
        applicant(uscc).body(Map.of("grounds", "too late")).post("/applications/" + first + "/appeal").then()
                .statusCode(409).body("currentStatus", equalTo("CLOSED"));
        applicant(uscc).body(Map.of("applicantUscc", uscc, "measureCode", "C5", "period", "2026", "facts",
                Map.of("project", "P-2", "employees", 3))).post("/applications").then().statusCode(409)
                .body("existingApplicationId", equalTo(second));

        ConsumerRecord<String, String> event = submittedEvent(second);
        assertEquals(List.of(), EventContracts.violations("susong.applications.ApplicationSubmitted.v1", event.value()));
        assertTrue(event.value().contains("\"resubmissionOf\":\"" + first + "\""), event.value());
    }

    @Test
    void a_resubmission_keeps_the_period_rules_and_window_of_new_applications() {
        publish("C6", 1, "\"validFrom\":\"2024-01-01\",\"validTo\":\"2026-12-31\",", "\"project\"");
        String uscc = registered(3);
        String of2025 = filed(uscc, "C6", "2025");
        rejected(of2025);
        String of2026 = filed(uscc, "C6", "2026");
        rejected(of2026);
        // the measure now takes 2026 only: the 2025 application is not resubmitted (its period is not offered any more)
        publish("C6", 2, "\"validFrom\":\"2026-01-01\",\"validTo\":\"2026-12-31\",", "\"project\"");
        applicant(uscc).body(Map.of()).post("/applications/" + of2025 + "/resubmission").then().statusCode(422)
                .body("field", equalTo("period"));
        officer("Huli").get("/applications/" + of2025).then().body("status", equalTo("REJECTED"));
        // closed early (2026-05-31, the business date is 2026-06-15): no resubmission, as no new application
        publish("C6", 3, "\"validFrom\":\"2026-01-01\",\"validTo\":\"2026-05-31\",", "\"project\"");
        applicant(uscc).body(Map.of()).post("/applications/" + of2026 + "/resubmission").then().statusCode(422)
                .body("field", equalTo("measureCode"));
        officer("Huli").get("/applications/" + of2026).then().body("status", equalTo("REJECTED"));
    }

    @Test
    void a_resubmission_interrupted_after_closing_the_rejected_application_is_finished_by_its_retry() {
        publish("C7", 1, "", "\"project\"");
        String uscc = registered(4);
        String first = filed(uscc, "C7", "2026");
        rejected(first);
        ResubmissionService target = io.quarkus.arc.ClientProxy.unwrap(resubmissions); // the seam is the bean's, not its proxy's
        target.afterClosing = () -> {
            // the store goes away after the first write: the request answers 503, the new application is not stored
            throw new org.susong.commons.messaging.TransientFailure("store unavailable after closing the application");
        };
        Map<String, Object> body = Map.of("facts", Map.of("project", "P-corrected"));
        try {
            applicant(uscc).header("Idempotency-Key", "resubmit-crash").body(body)
                    .post("/applications/" + first + "/resubmission").then().statusCode(503);
        } finally {
            target.afterClosing = () -> { };
        }
        String second = officer("Huli").get("/applications/" + first).then().body("status", equalTo("CLOSED"))
                .extract().path("resubmittedAs");
        officer("Huli").get("/applications/" + second).then().statusCode(404);
        // the retry finishes the resubmission the first request named, under the same id
        applicant(uscc).header("Idempotency-Key", "resubmit-crash").body(body)
                .post("/applications/" + first + "/resubmission").then().statusCode(201).body("id", equalTo(second))
                .body("resubmissionOf", equalTo(first));
        officer("Huli").get("/applications/" + second).then().statusCode(200).body("facts.project", equalTo("P-corrected"))
                .body("resubmissionOf", equalTo(first));
        assertTrue(submittedEvent(second).value().contains("\"resubmissionOf\":\"" + first + "\""));
    }
}
