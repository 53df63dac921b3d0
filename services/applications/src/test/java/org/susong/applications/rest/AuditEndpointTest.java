package org.susong.applications.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.bson.Document;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.susong.testing.CloudEventRecords;
import org.susong.infra.local.Audit;
import org.susong.testing.ContractValidation;
import org.susong.testing.AuditContract;
import org.susong.testing.LocalInfraTestResource;
import org.susong.testing.Usccs;

/**
 * Issue 12: the audit endpoint lists an accepted application that is not finished, with its status and
 * age, names one whose stored status is not what its timeline says, and only auditors and admins read it.
 */
@QuarkusTest
@ExtendWith(ContractValidation.class)
@WithTestResource(LocalInfraTestResource.class)
class AuditEndpointTest {

    static final AuditContract AUDIT = AuditContract.of("applications");

    @Test
    void an_open_application_is_listed_in_progress_and_a_status_set_by_hand_is_a_breach() throws Exception {
        AUDIT.readOnlyByAuditorsAndAdmins("officer");
        try (KafkaCompanion kafka = new KafkaCompanion(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers",
                String.class))) {
            kafka.produceStrings().fromRecords(CloudEventRecords.event("eligibility.events",
                    "susong.eligibility.MeasurePublished.v1", "B1", "{\"code\":\"B1\",\"version\":1,\"status\":\"OPEN\","
                            + "\"requiredFacts\":[\"category\",\"certificateNumber\"]}")).awaitCompletion();
        }
        String uscc = Usccs.valid("MA", 8_000_000 + ThreadLocalRandom.current().nextInt(1_000_000));
        officer().body(Map.of("uscc", uscc, "name", "Audit Test Co " + uscc, "type", "ENTERPRISE", "district", "Huli"))
                .post("/applicants").then().statusCode(201);
        List<String> ids = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> ids.add(officer().body(Map.of("applicantUscc", uscc,
                "measureCode", "B1", "facts", Map.of("category", "HIGH_TECH_ENTERPRISE", "certificateNumber",
                        "GR-AUDIT-" + uscc, "certificationYear", 2025))).post("/applications").then().statusCode(201)
                .extract().path("id")));
        String id = ids.get(ids.size() - 1);

        Audit.Reading report = AUDIT.read("auditor");
        assertEquals("SUBMITTED", report.item("inProgress", id).path("state").asText());
        assertTrue(report.item("inProgress", id).path("ageSeconds").asLong(Long.MAX_VALUE) < 60);

        MongoCollection<Document> applications = AUDIT.collection("applications");
        applications.updateOne(Filters.eq("_id", id), Updates.set("status", "PAID"));
        try {
            assertTrue(AUDIT.read("auditor").breachIds("applications.status-matches-timeline").contains(id));
        } finally {
            applications.updateOne(Filters.eq("_id", id), Updates.set("status", "SUBMITTED"));
        }
    }

    static io.restassured.specification.RequestSpecification officer() {
        return given().header("X-User", "officer-1").header("X-Roles", "officer").header("X-District", "HULI")
                .contentType(ContentType.JSON);
    }
}
