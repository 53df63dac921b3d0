package org.susong.applications.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.susong.testing.TestBroker.kafka;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.susong.commons.ids.Ids;
import org.susong.contracts.EventContracts;
import org.susong.testing.CloudEventRecords;
import org.susong.testing.LocalInfraTestResource;
import org.junit.jupiter.api.extension.ExtendWith;
import org.susong.testing.ContractValidation;
import org.susong.testing.Usccs;
import org.susong.testing.TestBroker;

/** District portal queries (isolation, cursor, counts, CSV) and automatic awards becoming applications. */
@QuarkusTest
@ExtendWith(ContractValidation.class)
@WithTestResource(LocalInfraTestResource.class)
@ExtendWith(TestBroker.class)
class PortalAndAwardsTest {

    /** The service's business clock (%test: 2026-06-15): test dates read it, never the machine's. */
    @Inject
    java.time.Clock businessClock;

    static final String MEASURE = "susong.eligibility.MeasurePublished.v1";
    static final String AWARD = "susong.eligibility.AwardProposed.v1";

    @Inject
    com.mongodb.client.MongoClient mongo;

    @BeforeAll
    static void measures() {
        kafka().produceStrings().fromRecords(CloudEventRecords.event("eligibility.events", MEASURE, "D7",
                "{\"code\":\"D7\",\"version\":1,\"status\":\"OPEN\",\"requiredFacts\":[]}")).awaitCompletion();
    }

    @BeforeEach
    void projectionReady() {
        await().atMost(Duration.ofSeconds(20)).until(() -> mongo.getDatabase("applications").getCollection("measures")
                .countDocuments(new org.bson.Document("_id", "D7")) == 1);
    }

    static RequestSpecification as(String user, String roles, String district) {
        RequestSpecification spec = given().header("X-User", user).header("X-Roles", roles).contentType(ContentType.JSON);
        return district == null ? spec : spec.header("X-District", district);
    }

    static RequestSpecification admin() {
        return as("admin-1", "admin", null);
    }

    static String uscc(int n) {
        return Usccs.valid("MC", n);
    }

    /** The district of each applicant registered here: its officer submits for it. */
    static final Map<String, String> DISTRICTS = new java.util.concurrent.ConcurrentHashMap<>();

    static void register(String uscc, String district) {
        DISTRICTS.put(uscc, district);
        as("officer-1", "officer", district).body(Map.of("uscc", uscc, "name", "Portal Co " + uscc, "type", "ENTERPRISE",
                "district", district)).post("/applicants").then().statusCode(201);
    }

    static String submit(String uscc, String period) {
        return as("officer-1", "officer", DISTRICTS.get(uscc)).body(Map.of("applicantUscc", uscc, "measureCode", "D7", "period", period,
                "facts", Map.of())).post("/applications").then().statusCode(201).extract().path("id");
    }

    @Test
    void district_officers_list_count_and_export_only_their_district_with_a_stable_cursor() {
        List<String> huli = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            String uscc = uscc(i);
            register(uscc, "Huli");
            huli.add(submit(uscc, "2026"));
        }
        for (int i = 6; i <= 7; i++) {
            register(uscc(i), "Jimei");
            submit(uscc(i), "2026");
        }
        RequestSpecification huliOfficer = as("o-huli", "officer", "HULI");
        huliOfficer.queryParam("measure", "D7").get("/applications").then().statusCode(200)
                .body("items.size()", equalTo(5)).body("items.district", everyItem(equalTo("HULI")));
        as("o-huli", "officer", "HULI").queryParam("district", "Jimei").get("/applications").then().statusCode(403)
                .contentType("application/problem+json").body("field", equalTo("district"));
        as("o-jimei", "officer", "JIMEI").queryParam("measure", "D7").get("/applications").then()
                .body("items.size()", equalTo(2));
        as("x", "applicant", null).header("X-Acting-For", uscc(6)).queryParam("measure", "D7").get("/applications")
                .then().body("items.size()", equalTo(1));

        // three pages of two: every application once, newest first
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            RequestSpecification request = as("o-huli", "officer", "HULI").queryParam("measure", "D7").queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get("/applications").then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("items.id"));
            cursor = page.getString("nextCursor");
            pages++;
        } while (cursor != null);
        assertEquals(3, pages);
        assertEquals(5, new HashSet<>(seen).size());
        List<String> newestFirst = new ArrayList<>(huli);
        java.util.Collections.reverse(newestFirst);
        assertEquals(newestFirst, seen);
        as("o-huli", "officer", "HULI").queryParam("cursor", "not-a-cursor").get("/applications").then().statusCode(400)
                .body("field", equalTo("cursor"));

        as("o-huli", "officer", "HULI").queryParam("measure", "D7").get("/applications/counts").then().statusCode(200)
                .body("total", equalTo(5)).body("byStatus.SUBMITTED", equalTo(5)).body("byMeasure.D7", equalTo(5));
        admin().queryParam("measure", "D7").get("/applications/counts").then().body("total", equalTo(7));
        admin().queryParam("measure", "D7").queryParam("district", "Jimei").queryParam("year", LocalDate.now(businessClock).getYear())
                .get("/applications/counts").then().body("total", equalTo(2));

        String csv = as("o-huli", "officer", "HULI").queryParam("measure", "D7").get("/applications/export.csv").then()
                .statusCode(200).contentType("text/csv").extract().asString();
        List<String> lines = csv.lines().toList();
        assertEquals(6, lines.size(), csv);
        assertTrue(lines.get(0).startsWith("\uFEFFid,applicantUscc"));
        assertTrue(lines.stream().skip(1).allMatch(l -> l.contains(",HULI,")), csv);
        as("o-huli", "officer", "HULI").queryParam("district", "Jimei").get("/applications/export.csv").then()
                .statusCode(403);
    }

    static String proposal(String proposalId, String uscc) {
        return "{\"proposalId\":\"" + proposalId + "\",\"measureCode\":\"B3b\",\"ruleVersion\":\"B3b@1\","
                + "\"beneficiaryUscc\":\"" + uscc + "\",\"beneficiaryName\":\"Award Co\",\"district\":\"HAICANG\","
                + "\"contractId\":\"TC-2026-000123\",\"registrationNumber\":\"3502002026000123\",\"basisFen\":500000000,"
                + "\"amountFen\":5000000,\"fiscalYear\":2026,\"explanation\":{\"en\":\"1% of the contract amount\","
                + "\"zh\":\"合同额的1%\"},\"proposedAt\":\"2026-11-29T08:00:00Z\"}";
    }

    @Test
    void an_award_proposal_redelivered_creates_one_system_initiated_application() {
        String uscc = uscc(20);
        LifecycleFlowsTest.registered(uscc, "Haicang", LifecycleFlowsTest.account(uscc, "35150198010100002020"));
        String proposalId = "AP-TC-2026-000123-" + System.nanoTime() % 1_000_000;
        assertEquals(List.of(), EventContracts.violations(AWARD, proposal(proposalId, uscc)));
        var record = CloudEventRecords.event("eligibility.events", UUID.randomUUID().toString(), AWARD, proposalId,
                proposal(proposalId, uscc), Map.of("actor", "system;system;;"));
        kafka().produceStrings().fromRecords(record, record, CloudEventRecords.event("eligibility.events", AWARD, proposalId,
                proposal(proposalId, uscc))).awaitCompletion(); // redelivered, and re-sent under another event id
        String id = Ids.derivedId("APP", LocalDate.of(2026, 11, 29), proposalId);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> admin().get("/applications/" + id).then().statusCode(200)
                .body("status", equalTo("SUBMITTED")).body("systemInitiated", equalTo(true))
                .body("proposalId", equalTo(proposalId)).body("timeline[0].actor", equalTo("system;system;;"))
                .body("district", equalTo("HAICANG")).body("facts.contractId", equalTo("TC-2026-000123")));
        List<ConsumerRecord<String, String>> submitted = submittedEvents(id);
        assertEquals(1, submitted.size(), "one application, one announcement");
        assertEquals(List.of(), EventContracts.violations("susong.applications.ApplicationSubmitted.v1",
                submitted.get(0).value()));
        assertTrue(submitted.get(0).value().contains("\"systemInitiated\":true"));
        assertTrue(submitted.get(0).value().contains("\"proposalId\":\"" + proposalId + "\""));
        assertEquals(1, mongo.getDatabase("applications").getCollection("applications")
                .countDocuments(new org.bson.Document("proposalId", proposalId)));
    }

    @Test
    void a_proposal_for_an_unregistered_beneficiary_waits_and_becomes_an_application_once_its_account_is_effective() {
        String uscc = uscc(21);
        String proposalId = "AP-TC-2026-000456-" + System.nanoTime() % 1_000_000;
        // beneficiaryName is optional (a registered contract may not name its party; found end to end)
        String withoutName = proposal(proposalId, uscc).replace("\"beneficiaryName\":\"Award Co\",", "");
        assertEquals(List.of(), EventContracts.violations(AWARD, withoutName));
        kafka().produceStrings().fromRecords(CloudEventRecords.event("eligibility.events", AWARD, proposalId,
                withoutName)).awaitCompletion();
        String id = Ids.derivedId("APP", LocalDate.of(2026, 11, 29), proposalId);
        await().atMost(Duration.ofSeconds(20)).until(() -> mongo.getDatabase("applications").getCollection("pending_proposals")
                .countDocuments(new org.bson.Document("_id", proposalId)) == 1);
        admin().get("/applications/" + id).then().statusCode(404);

        register(uscc, "Haicang"); // registered without an account: the award still waits (issue 23 item 4)
        admin().get("/applications/" + id).then().statusCode(404);
        as("officer-1", "officer", "Haicang").body(Map.of("accountName", "Portal Co " + uscc, "accountNumber",
                        "35150198010100002121", "bankCode", "105393000015"))
                .post("/applicants/" + uscc + "/bank-account-changes").then().statusCode(202);
        LifecycleFlowsTest.approveFirstAccount(uscc, "Haicang");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> admin().get("/applications/" + id).then()
                .statusCode(200).body("systemInitiated", equalTo(true)).body("status", equalTo("SUBMITTED")));
        assertEquals(1, submittedEvents(id).size());
    }

    static List<ConsumerRecord<String, String>> submittedEvents(String id) {
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            found.clear();
            found.addAll(kafka().consumeStrings().fromTopics("applications.events", Duration.ofSeconds(3)).awaitCompletion()
                    .getRecords().stream().filter(r -> id.equals(r.key())).toList());
            assertTrue(!found.isEmpty());
        });
        return found;
    }
}
