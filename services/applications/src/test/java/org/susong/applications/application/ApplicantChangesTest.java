package org.susong.applications.application;

import static org.susong.testing.TestBroker.kafka;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.susong.contracts.EventContracts;
import org.susong.testing.CloudEventRecords;
import org.susong.testing.ContractValidation;
import org.susong.testing.LocalInfraTestResource;
import org.susong.testing.TestBroker;
import org.susong.testing.Usccs;

/**
 * Issue 20 item 6: an applicant's registered name or district changes through a command under maker-checker (one
 * officer proposes with a reason - and for a name, the evidence -, a different one approves), with the values kept in
 * a history with their effective dates. A name change puts an account under the old name on hold until it is
 * re-confirmed; a district change moves the applicant's open applications to the new district's officers, crash-safe.
 */
@QuarkusTest
@ExtendWith({ContractValidation.class, TestBroker.class})
@WithTestResource(LocalInfraTestResource.class)
class ApplicantChangesTest {

    static final String MEASURE = "AC1";
    static final String OTHER_MEASURE = "AC2";

    @Inject
    ApplicantService applicantService;
    @Inject
    com.mongodb.client.MongoClient mongo;

    static String uscc(int n) {
        return Usccs.valid("MN", n);
    }

    static RequestSpecification officer(String user, String district) {
        return given().header("X-User", user).header("X-Roles", "officer").header("X-District", district)
                .contentType(ContentType.JSON);
    }

    static RequestSpecification admin(String user) {
        return given().header("X-User", user).header("X-Roles", "admin").contentType(ContentType.JSON);
    }

    static String name(int n) {
        return "厦门变更科技有限公司" + n;
    }

    static String registered(int n, String district) {
        String uscc = uscc(n);
        officer("o-reg", district).body(Map.of("uscc", uscc, "name", name(n), "type", "ENTERPRISE", "district", district))
                .post("/applicants").then().statusCode(201);
        return uscc;
    }

    void measureReady() {
        for (String code : List.of(MEASURE, OTHER_MEASURE)) {
            kafka().produceStrings().fromRecords(CloudEventRecords.event("eligibility.events",
                    "susong.eligibility.MeasurePublished.v1", code, "{\"code\":\"" + code + "\",\"version\":1,"
                            + "\"status\":\"OPEN\",\"requiredFacts\":[\"project\"]}")).awaitCompletion();
            await().atMost(Duration.ofSeconds(30)).until(() -> mongo.getDatabase("applications").getCollection("measures")
                    .countDocuments(new Document("_id", code)) == 1);
        }
    }

    static String filed(String uscc, String district, boolean draft) {
        return filed(uscc, district, draft, MEASURE);
    }

    static String filed(String uscc, String district, boolean draft, String measure) {
        return officer("o-file", district).body(Map.of("applicantUscc", uscc, "measureCode", measure, "period", "2026",
                "facts", Map.of("project", "P"), "draft", draft)).post("/applications").then().statusCode(201)
                .extract().path("id");
    }

    static String proposed(RequestSpecification maker, String uscc, Map<String, Object> body) {
        return maker.body(body).post("/applicants/" + uscc + "/registration-changes").then().statusCode(202)
                .body("pendingRegistrationChange.id", notNullValue()).extract().path("pendingRegistrationChange.id");
    }

    static ConsumerRecord<String, String> published(String key, String type) {
        ConsumerRecord<String, String>[] found = new ConsumerRecord[1];
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            found[0] = kafka().consumeStrings().fromTopics("applications.events", Duration.ofSeconds(2)).awaitCompletion()
                    .getRecords().stream().filter(r -> key.equals(r.key()))
                    .filter(r -> type.equals(CloudEventRecords.header(r, "ce_type"))).findFirst().orElse(null);
            assertNotNull(found[0], "no " + type + " for " + key);
        });
        return found[0];
    }

    @Test
    void a_name_change_is_proposed_by_one_officer_approved_by_another_and_kept_in_the_history() {
        String uscc = registered(1, "Huli");
        String changeId = proposed(officer("o-maker", "Huli"), uscc, Map.of("name", "厦门新名科技有限公司",
                "reason", "renamed by the market regulator", "evidenceRef", "XM-AMR-2026-000123"));
        // proposed only: the registered name stays until a second person approves
        officer("o-maker", "Huli").get("/applicants/" + uscc).then().statusCode(200).body("name", equalTo(name(1)))
                .body("pendingRegistrationChange.name", equalTo("厦门新名科技有限公司"))
                .body("pendingRegistrationChange.evidenceRef", equalTo("XM-AMR-2026-000123"));
        // the proposer cannot approve its own change, as in the service's other maker-checker flows (409)
        officer("o-maker", "Huli").post("/applicants/" + uscc + "/registration-changes/" + changeId + "/approval")
                .then().statusCode(409).contentType("application/problem+json");
        officer("o-maker", "Huli").get("/applicants/" + uscc).then().body("name", equalTo(name(1)));

        officer("o-checker", "Huli").post("/applicants/" + uscc + "/registration-changes/" + changeId + "/approval")
                .then().statusCode(200).body("name", equalTo("厦门新名科技有限公司"))
                .body("pendingRegistrationChange", nullValue())
                .body("registrationHistory.findAll { it.field == 'name' }.value", equalTo(List.of(name(1),
                        "厦门新名科技有限公司")))
                .body("registrationHistory.find { it.value == '" + name(1) + "' }.effectiveUntil", notNullValue())
                .body("registrationHistory.find { it.value == '厦门新名科技有限公司' }.changeId", equalTo(changeId))
                .body("registrationHistory.find { it.value == '厦门新名科技有限公司' }.effectiveUntil", nullValue());
        officer("o-checker", "Huli").get("/applicants/" + uscc + "/history").then().statusCode(200)
                .body("items.action", hasItem("REGISTRATION_CHANGE_PROPOSED"))
                .body("items.action", hasItem("REGISTRATION_CHANGE_APPROVED"));
        // a second approval finds nothing pending
        officer("o-checker", "Huli").post("/applicants/" + uscc + "/registration-changes/" + changeId + "/approval")
                .then().statusCode(409);

        ConsumerRecord<String, String> renamed = published(uscc, "susong.applications.ApplicantRenamed.v1");
        assertEquals(List.of(), EventContracts.violations("susong.applications.ApplicantRenamed.v1", renamed.value()));
        assertTrue(renamed.value().contains("\"previousName\":\"" + name(1) + "\""), renamed.value());
        assertTrue(renamed.value().contains("\"evidenceRef\":\"XM-AMR-2026-000123\""), renamed.value());
    }

    @Test
    void bad_input_is_refused_as_problem_json_and_nothing_is_applied() {
        String uscc = registered(2, "Huli");
        long version = officer("o-maker", "Huli").get("/applicants/" + uscc).then().extract().<Integer>path("version");
        officer("o-maker", "Huli").body(Map.of("district", "Siming", "reason", "moved"))
                .post("/applicants/" + uscc(99) + "/registration-changes").then().statusCode(404)
                .contentType("application/problem+json");
        officer("o-maker", "Huli").body(Map.of("district", "Atlantis", "reason", "moved"))
                .post("/applicants/" + uscc + "/registration-changes").then().statusCode(400)
                .contentType("application/problem+json").body("field", equalTo("district"));
        officer("o-maker", "Huli").body(Map.of("name", " " + name(2) + " ", "reason", "typo", "evidenceRef", "E-1"))
                .post("/applicants/" + uscc + "/registration-changes").then().statusCode(422)
                .body("field", equalTo("name"));
        officer("o-maker", "Huli").body(Map.of("district", "Siming", "reason", "  "))
                .post("/applicants/" + uscc + "/registration-changes").then().statusCode(422)
                .body("field", equalTo("reason"));
        officer("o-maker", "Huli").body(Map.of("name", "厦门另名有限公司", "reason", "renamed"))
                .post("/applicants/" + uscc + "/registration-changes").then().statusCode(422)
                .body("field", equalTo("evidenceRef"));
        officer("o-maker", "Huli").get("/applicants/" + uscc).then().body("version", equalTo((int) version))
                .body("pendingRegistrationChange", nullValue()).body("district", equalTo("HULI"));
        // an officer of another district cannot propose (the applicant is not visible to it: 404, as an unknown one)
        officer("o-siming", "Siming").body(Map.of("district", "Siming", "reason", "moved"))
                .post("/applicants/" + uscc + "/registration-changes").then().statusCode(404);
        // a rejection is kept in the history and leaves the district as it was
        String changeId = proposed(admin("admin-1"), uscc, Map.of("district", "Siming", "reason", "moved"));
        officer("o-checker", "Huli").body(Map.of("reason", "the move is not registered yet"))
                .post("/applicants/" + uscc + "/registration-changes/" + changeId + "/rejection").then().statusCode(200)
                .body("pendingRegistrationChange", nullValue()).body("district", equalTo("HULI"));
    }

    @Test
    void a_name_change_holds_payee_snapshots_until_the_account_is_reconfirmed_under_the_new_name() throws Exception {
        measureReady();
        String uscc = uscc(3);
        officer("o-reg", "Huli").body(Map.of("uscc", uscc, "name", name(3), "type", "ENTERPRISE", "district", "Huli",
                "bankAccount", Map.of("accountName", name(3), "accountNumber", "35150198010100003003",
                        "bankCode", "105393000015"))).post("/applicants").then().statusCode(201);
        String first = officer("o-reg", "Huli").get("/applicants/" + uscc).then().extract()
                .path("pendingBankAccountChange.id");
        officer("o-checker", "Huli").post("/applicants/" + uscc + "/bank-account-changes/" + first + "/approval")
                .then().statusCode(200);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> officer("o-reg", "Huli").get("/applicants/" + uscc)
                .then().body("bankAccount.accountName", equalTo(name(3))));

        String changeId = proposed(officer("o-maker", "Huli"), uscc, Map.of("name", "厦门改名科技有限公司",
                "reason", "renamed", "evidenceRef", "XM-AMR-2026-000300"));
        officer("o-checker", "Huli").post("/applicants/" + uscc + "/registration-changes/" + changeId + "/approval")
                .then().statusCode(200).body("bankAccountReconfirmationRequired", equalTo(true));

        String id = filed(uscc, "Huli", false);
        approved(id);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> officer("o-reg", "Huli").get("/applications/" + id)
                .then().body("status", equalTo("APPROVED")));
        Thread.sleep(2500); // the follow-up sweep (every second in tests) has had its chances
        officer("o-reg", "Huli").get("/applications/" + id).then().body("payeeSnapshots", hasSize(0));

        // re-confirmed: the account under the new name, through maker-checker and its cooling-off
        String reconfirmation = officer("o-maker", "Huli").body(Map.of("accountName", "厦门改名科技有限公司",
                        "accountNumber", "35150198010100003003", "bankCode", "105393000015"))
                .post("/applicants/" + uscc + "/bank-account-changes").then().statusCode(202).extract()
                .path("pendingBankAccountChange.id");
        officer("o-checker", "Huli").post("/applicants/" + uscc + "/bank-account-changes/" + reconfirmation + "/approval")
                .then().statusCode(200);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> officer("o-reg", "Huli").get("/applications/" + id)
                .then().body("payeeSnapshots", hasSize(1))
                .body("payeeSnapshots[0].accountName", equalTo("厦门改名科技有限公司")));
        officer("o-reg", "Huli").get("/applicants/" + uscc).then().body("bankAccountReconfirmationRequired", equalTo(false));
    }

    @Test
    void a_district_move_makes_the_open_application_visible_to_the_new_districts_officer_and_not_the_old_ones() {
        measureReady();
        String uscc = registered(4, "Huli");
        String open = filed(uscc, "Huli", false);
        String draft = filed(uscc, "Huli", true, OTHER_MEASURE);
        officer("o-file", "Huli").body(Map.of("reason", "not needed")).post("/applications/" + draft + "/withdrawal")
                .then().statusCode(200);
        String changeId = proposed(officer("o-maker", "Huli"), uscc, Map.of("district", "Siming",
                "reason", "the enterprise moved its registered office"));
        officer("o-checker", "Huli").post("/applicants/" + uscc + "/registration-changes/" + changeId + "/approval")
                .then().statusCode(200).body("district", equalTo("SIMING"));

        officer("o-siming", "Siming").get("/applications/" + open).then().statusCode(200)
                .body("district", equalTo("SIMING"))
                .body("timeline.find { it.kind == 'DISTRICT_MOVED' }.detail", containsString("HULI"));
        officer("o-huli", "Huli").get("/applications/" + open).then().statusCode(404);
        officer("o-siming", "Siming").get("/applications?district=Siming&applicant=" + uscc).then().statusCode(200)
                .body("items.id", hasItem(open));
        // a withdrawn application is settled: it keeps the district it was filed in
        officer("o-huli", "Huli").get("/applications/" + draft).then().statusCode(200).body("district", equalTo("HULI"));
        // the applicant now belongs to Siming's officers
        officer("o-siming", "Siming").get("/applicants/" + uscc).then().statusCode(200)
                .body("registrationHistory.findAll { it.field == 'district' }.value", equalTo(List.of("HULI", "SIMING")));
        officer("o-huli", "Huli").get("/applicants/" + uscc).then().statusCode(404);

        ConsumerRecord<String, String> moved = published(uscc, "susong.applications.ApplicantDistrictChanged.v1");
        assertEquals(List.of(), EventContracts.violations("susong.applications.ApplicantDistrictChanged.v1", moved.value()));
        assertTrue(moved.value().contains("\"fromDistrict\":\"HULI\""), moved.value());
        assertEquals("SIMING", CloudEventRecords.header(moved, "ce_district"));
    }

    @Test
    void a_crash_between_the_applicants_change_and_moving_its_applications_is_finished_by_the_resumer() {
        measureReady();
        String uscc = registered(5, "Huli");
        String open = filed(uscc, "Huli", false);
        String changeId = proposed(officer("o-maker", "Huli"), uscc, Map.of("district", "Jimei", "reason", "moved"));
        ApplicantService target = io.quarkus.arc.ClientProxy.unwrap(applicantService);
        target.afterRegistrationChange = () -> {
            throw new org.susong.commons.messaging.TransientFailure("the process dies after the applicant's write");
        };
        try {
            officer("o-checker", "Huli").post("/applicants/" + uscc + "/registration-changes/" + changeId + "/approval")
                    .then().statusCode(503);
        } finally {
            target.afterRegistrationChange = () -> { };
        }
        // the applicant's change is committed with its intent; the resumer (the follow-up sweep, every second in
        // tests, on every replica) moves the open application and then forgets the intent
        officer("o-jimei", "Jimei").get("/applicants/" + uscc).then().statusCode(200).body("district", equalTo("JIMEI"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> officer("o-jimei", "Jimei")
                .get("/applications/" + open).then().statusCode(200).body("district", equalTo("JIMEI")));
        officer("o-huli", "Huli").get("/applications/" + open).then().statusCode(404);
        await().atMost(Duration.ofSeconds(10)).until(() -> mongo.getDatabase("applications").getCollection("applicants")
                .find(new Document("_id", uscc)).first().get("districtMove") == null);
        officer("o-jimei", "Jimei").get("/applications/" + open).then()
                .body("timeline.findAll { it.kind == 'DISTRICT_MOVED' }", hasSize(1));
    }

    // issue 18: the officers' queue of changes waiting for their checker (the portal's approval page)
    @Test
    void the_officers_queue_lists_its_districts_waiting_changes_oldest_first_paged_without_repeats() {
        String first = registered(60, "Huli");
        String second = registered(61, "Huli");
        String siming = registered(62, "Siming");
        String third = registered(63, "Huli");
        String firstChange = officer("o-maker", "Huli").body(account(60)).post("/applicants/" + first
                + "/bank-account-changes").then().statusCode(202).extract().path("pendingBankAccountChange.id");
        officer("o-maker", "Huli").body(account(61)).post("/applicants/" + second + "/bank-account-changes").then()
                .statusCode(202);
        officer("o-maker", "Siming").body(account(62)).post("/applicants/" + siming + "/bank-account-changes").then()
                .statusCode(202);
        officer("o-maker", "Huli").body(account(63)).post("/applicants/" + third + "/bank-account-changes").then()
                .statusCode(202);

        List<String> huli = pending(() -> officer("o-queue", "Huli"), "BANK_ACCOUNT");
        assertEquals(huli.size(), new java.util.HashSet<>(huli).size(), "a row repeated across pages: " + huli);
        // three of them at least, two a page: the cursor (on the embedded requestedAt) carries the order across pages
        assertEquals(List.of(first, second, third), huli.stream().filter(List.of(first, second, third)::contains).toList());
        assertTrue(!huli.contains(siming), "a Siming applicant in the Huli queue");
        assertTrue(pending(() -> admin("a-queue"), "BANK_ACCOUNT").containsAll(List.of(first, second, siming)));
        officer("o-queue", "Huli").queryParam("kind", "bank_account").queryParam("limit", 200).get("/applicants/pending-changes")
                .then().statusCode(200).body(not(containsString(accountNumber(60))))
                .body("items.find { it.uscc == '" + first + "' }.pendingBankAccountChange.id", equalTo(firstChange))
                .body("items.find { it.uscc == '" + first + "' }.pendingBankAccountChange.account.accountNumberMasked",
                        notNullValue());

        // approved by a second officer, then effective after the cooling-off (PT2S here): no longer waiting
        officer("o-checker", "Huli").post("/applicants/" + first + "/bank-account-changes/" + firstChange + "/approval")
                .then().statusCode(200);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertTrue(!pending(() -> officer("o-queue", "Huli"), "BANK_ACCOUNT").contains(first)));

        // a registration change is in the other queue only
        proposed(officer("o-maker", "Huli"), second, Map.of("name", name(61) + "新", "reason", "renamed",
                "evidenceRef", "XM-AMR-2026-61"));
        assertTrue(pending(() -> officer("o-queue", "Huli"), "REGISTRATION").contains(second));
        assertTrue(!pending(() -> officer("o-queue", "Siming"), "REGISTRATION").contains(second));

        officer("o-queue", "Huli").get("/applicants/pending-changes").then().statusCode(400).body("field", equalTo("kind"));
        officer("o-queue", "Huli").queryParam("kind", "EVERYTHING").get("/applicants/pending-changes").then()
                .statusCode(400).body("field", equalTo("kind"));
    }

    /** Every page of the queue, two rows a page, in order: the USCCs. */
    static List<String> pending(java.util.function.Supplier<RequestSpecification> as, String kind) {
        List<String> usccs = new java.util.ArrayList<>();
        String cursor = null;
        do {
            RequestSpecification request = as.get().queryParam("kind", kind).queryParam("limit", 2);
            if (cursor != null) {
                request = request.queryParam("cursor", cursor);
            }
            var page = request.get("/applicants/pending-changes").then().statusCode(200).extract().jsonPath();
            usccs.addAll(page.getList("items.uscc", String.class));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        return usccs;
    }

    static String accountNumber(int n) {
        return "62220000" + String.format("%08d", n);
    }

    static Map<String, Object> account(int n) {
        return Map.of("accountName", name(n), "accountNumber", accountNumber(n), "bankCode", "105393000015");
    }

    /** Eligibility's approval of an application, as its topic carries it. */
    static void approved(String id) {
        kafka().produceStrings().fromRecords(CloudEventRecords.event("eligibility.events",
                "susong.eligibility.EligibilityDecided.v1", "D-" + id, "{\"decisionId\":\"D-" + id
                        + "\",\"applicationId\":\"" + id + "\",\"outcome\":\"APPROVED\",\"amountFen\":10000000,"
                        + "\"ruleVersion\":\"" + MEASURE + "@1\",\"explanation\":{\"en\":\"approved\"}}"))
                .awaitCompletion();
    }
}
