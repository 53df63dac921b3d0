package org.susong.eligibility.messaging;

import static org.susong.testing.TestBroker.kafka;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.susong.commons.time.BusinessClock;
import org.susong.contracts.EventContracts;
import org.susong.eligibility.application.DecisionService;
import org.susong.eligibility.persistence.DecisionRepository;
import org.susong.eligibility.persistence.LedgerRepository;
import org.susong.testing.CloudEventRecords;
import org.susong.testing.ContractValidation;
import org.susong.testing.LocalInfraTestResource;
import org.susong.testing.TestBroker;

/**
 * Issue 24 item 5, after 2026: an application submitted by 2026-12-31 (Asia/Shanghai) but decided in 2027 is judged
 * on its submission date (the {@code submittedAt} applications stamped when it took the application, not a date the
 * applicant typed): the measure's validity, the rule's business date, the cap year and the decision's fiscal year are
 * its submission's, so it is a 2026 award, capped in 2026 and paid from the 2026 line; the appeal deadline counts from
 * the day it was decided. The business clock reads 2027-01-04 (10:00 Shanghai).
 */
@QuarkusTest
@ExtendWith({ContractValidation.class, TestBroker.class})
@WithTestResource(LocalInfraTestResource.class)
@TestProfile(After2026DecisionsTest.On20270104.class)
class After2026DecisionsTest {

    public static class On20270104 implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("susong.clock.fixed", "2027-01-04T02:00:00Z");
        }
    }

    static final String SUBMITTED = "susong.applications.ApplicationSubmitted.v1";
    static final String DECIDED = "susong.eligibility.EligibilityDecided.v1";
    static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    Clock clock;
    @Inject
    DecisionService decisions;
    @Inject
    DecisionRepository repository;
    @Inject
    org.susong.eligibility.persistence.CertificationListRepository lists;
    @Inject
    LedgerRepository ledgers;

    static String app(String prefix) {
        return "APP-" + prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** An A4 submission (cap per year, decided in a batch): 30% of 1,000,000 CNY + grade B. */
    static void submitA4(String applicationId, String uscc, String submittedAt) {
        String payload = "{\"applicationId\":\"" + applicationId + "\",\"applicantUscc\":\"" + uscc + "\",\"measureCode\":"
                + "\"A4\",\"district\":\"SIMING\",\"facts\":{\"centreName\":\"Shenzhen enclave\",\"operatingCostsFen\":"
                + "100000000,\"performanceGrade\":\"B\"},\"submittedAt\":\"" + submittedAt + "\",\"period\":\"2026\"}";
        assertEquals(List.of(), EventContracts.violations(SUBMITTED, payload));
        send(SUBMITTED, applicationId, payload);
    }

    static void send(String type, String key, String payload) {
        kafka().produceStrings().fromRecords(CloudEventRecords.event("applications.events", UUID.randomUUID().toString(),
                type, key, payload, Map.of())).awaitCompletion();
    }

    Document awaitDecision(String decisionId) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> repository.find(decisionId).orElse(null),
                d -> d != null);
    }

    static Document criterion(Document d, String name) {
        return d.getList("criteria", Document.class).stream().filter(c -> name.equals(c.getString("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no criterion " + name + " in " + d.toJson()));
    }

    static JsonNode published(String key) throws Exception {
        ConsumerRecord<String, String> r = await().atMost(Duration.ofSeconds(30)).until(() -> kafka().consumeStrings()
                        .fromTopics("eligibility.events", Duration.ofSeconds(2)).awaitCompletion().getRecords().stream()
                        .filter(x -> key.equals(x.key()) && DECIDED.equals(CloudEventRecords.header(x, "ce_type"))).toList(),
                l -> !l.isEmpty()).get(0);
        assertEquals(List.of(), EventContracts.violations(DECIDED, r.value()));
        return JSON.readTree(r.value());
    }

    @Test
    void the_clock_reads_2027() {
        assertEquals(LocalDate.of(2027, 1, 4), LocalDate.now(clock.withZone(BusinessClock.ZONE)));
    }

    @Test
    void submitted_on_2026_12_30_and_decided_on_2027_01_04_is_a_2026_award_and_an_appeal_keeps_its_date() throws Exception {
        String uscc = AwardsAndAppealsTest.uscc();
        String id = app("Y26");
        submitA4(id, uscc, "2026-12-30T03:00:00Z");
        Document d = awaitDecision("D-" + id);
        assertEquals("APPROVED", d.getString("outcome"), d.toJson());
        assertTrue(criterion(d, "validity").getBoolean("passed"));
        assertTrue(criterion(d, "validity").getString("en").contains("2026-12-30"), d.toJson());
        assertEquals("2027-01-04", d.getString("businessDate"), "the day it was decided");
        assertEquals("2026-12-30", d.getString("judgedOn"), "the day it was submitted (Asia/Shanghai)");
        assertEquals(2026, d.getInteger("capYear"));
        long amount = d.get("amountFen", Number.class).longValue();
        assertEquals(amount, ledgers.ledger("CAP|A4|" + uscc + "|2026").orElseThrow().get("usedFen", Number.class)
                .longValue(), "the 2026 cap holds it");
        assertTrue(ledgers.ledger("CAP|A4|" + uscc + "|2027").isEmpty());
        assertEquals("2027-03-05", d.getString("appealDeadline"), "60 days from the day it was decided");
        JsonNode event = published("D-" + id);
        assertEquals(2026, event.get("fiscalYear").asInt(), "paid from the 2026 line: " + event);
        assertEquals(2026, event.get("capYear").asInt());

        // an appeal in 2027 is decided again on the same date, not rejected on validity
        send("susong.applications.ApplicationAppealed.v1", id, "{\"applicationId\":\"" + id + "\",\"decisionId\":\"D-"
                + id + "\",\"grounds\":\"check again\",\"appealedAt\":\"2027-01-05T02:00:00Z\"}");
        assertEquals("REVIEW_REQUIRED", awaitDecision("D-" + id + "-R1").getString("outcome"));
        // an officer weighs it (issue 20 item 4): upheld, the 2026 award stands
        io.restassured.RestAssured.given().header("X-User", "sm-1").header("X-Roles", "officer").header("X-District", "SIMING")
                .contentType(io.restassured.http.ContentType.JSON).body(Map.of("outcome", "UPHELD", "reason", "as decided"))
                .post("/reviews/D-" + id + "-R1/decision").then().statusCode(200);
        Document r1 = awaitDecision("D-" + id + "-R1");
        assertEquals("APPROVED", r1.getString("outcome"), r1.toJson());
        assertEquals(amount, r1.get("amountFen", Number.class).longValue());
        assertEquals("2026-12-30", r1.getString("judgedOn"));
        assertEquals(2026, published("D-" + id + "-R1").get("fiscalYear").asInt());

        // the views show both days: the current decision (the appeal's re-decision) and the first by its id
        AwardsAndAppealsTest.user().get("/decisions/" + id).then().statusCode(200)
                .body("decisionId", equalTo("D-" + id + "-R1"))
                .body("judgedOn", equalTo("2026-12-30")).body("businessDate", equalTo("2027-01-04"));
        AwardsAndAppealsTest.user().get("/decisions/by-id/D-" + id).then().statusCode(200)
                .body("judgedOn", equalTo("2026-12-30")).body("businessDate", equalTo("2027-01-04"));
    }

    @Test
    void submitted_after_2026_12_31_in_shanghai_is_rejected_on_validity() {
        String id = app("Y27");
        // 2026-12-31T16:30Z is 2027-01-01 00:30 in Asia/Shanghai: after the measure's last day
        submitA4(id, AwardsAndAppealsTest.uscc(), "2026-12-31T16:30:00Z");
        Document d = awaitDecision("D-" + id);
        assertEquals("REJECTED", d.getString("outcome"));
        Document validity = criterion(d, "validity");
        assertEquals(false, validity.getBoolean("passed"));
        assertTrue(validity.getString("en").contains("2027-01-01"), validity.toJson());
        // the window is the reading of 有效期3年 as 2024-01-01..2026-12-31: the rejection says so (issue 16 item 7)
        assertTrue(d.getString("explanationEn").contains("a reading of the source pending the implementing rules")
                && d.getString("explanationEn").contains("有效期3年"), d.getString("explanationEn"));
        assertTrue(d.getString("explanationZh").contains("系对原文的理解，待实施细则明确")
                && d.getString("explanationZh").contains("2024年1月1日至2026年12月31日"), d.getString("explanationZh"));
        assertTrue(d.get("notice", Document.class).getString("zh").contains("有效期3年"), d.toJson());
        assertEquals("2027-01-01", d.getString("judgedOn"));
        AwardsAndAppealsTest.user().get("/decisions/by-id/D-" + id).then().statusCode(200)
                .body("judgedOn", equalTo("2027-01-01")).body("businessDate", equalTo("2027-01-04"));
    }

    @Test
    void the_single_path_reads_the_submission_date_too_and_a_submission_time_after_the_clock_is_not_believed() {
        String uscc = AwardsAndAppealsTest.uscc();
        String id = app("B1Y26");
        Map<String, Object> facts = Map.of("category", "HIGH_TECH_ENTERPRISE", "certificateNumber",
                "GR" + id.substring(9), "certificationYear", 2026, "certificationKind", "FIRST");
        org.susong.eligibility.application.CertificationFixture.listed(lists, "HIGH_TECH_ENTERPRISE", 2026, uscc,
                "GR" + id.substring(9), "FIRST");
        decisions.decide(new DecisionService.Submission(UUID.randomUUID().toString(), "hash-" + id, id, uscc, "B1",
                "HULI", facts, null, Instant.parse("2026-12-31T15:59:59Z")));
        Document d = repository.find("D-" + id).orElseThrow();
        assertEquals("APPROVED", d.getString("outcome"), d.toJson());
        assertEquals("2026-12-31", d.getString("judgedOn"));

        // a submission stamped after the business clock (clock skew, a wrong stamp) is judged on the decision day
        String later = app("B1LTR");
        decisions.decide(new DecisionService.Submission(UUID.randomUUID().toString(), "hash-" + later, later, uscc, "B1",
                "HULI", Map.of("category", "HIGH_TECH_ENTERPRISE", "certificateNumber", "GR" + later.substring(10),
                "certificationYear", 2026, "certificationKind", "FIRST"), null, Instant.parse("2027-02-01T00:00:00Z")));
        Document l = repository.find("D-" + later).orElseThrow();
        assertEquals("2027-01-04", l.getString("judgedOn"));
        assertEquals("REJECTED", l.getString("outcome"));
    }
}
