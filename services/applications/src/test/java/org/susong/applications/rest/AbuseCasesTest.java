package org.susong.applications.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.susong.testing.TestBroker.kafka;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.susong.commons.ids.Ids;
import org.susong.testing.CloudEventRecords;
import org.susong.testing.ContractValidation;
import org.susong.testing.LocalInfraTestResource;
import org.susong.testing.Usccs;
import org.susong.testing.TestBroker;

/**
 * Issue 23's abuse cases for applications (items 3, 4, 8, 10, 12): each one is what a principal tried
 * and must not get. Header-stub principals (test profile); the roles and scopes are the ones of
 * {@link AccessRulesTest}.
 */
@QuarkusTest
@ExtendWith(ContractValidation.class)
@WithTestResource(LocalInfraTestResource.class)
@ExtendWith(TestBroker.class)
class AbuseCasesTest {

    /** The service's business clock (%test: 2026-06-15): test dates read it, never the machine's. */
    @Inject
    java.time.Clock businessClock;

    static final String MEASURE = "AB1";

    @Inject
    com.mongodb.client.MongoClient mongo;

    @BeforeAll
    static void measure() {
        kafka().produceStrings().fromRecords(CloudEventRecords.event("eligibility.events",
                "susong.eligibility.MeasurePublished.v1", MEASURE, "{\"code\":\"" + MEASURE + "\",\"version\":1,"
                        + "\"status\":\"OPEN\",\"requiredFacts\":[]}")).awaitCompletion();
    }

    @BeforeEach
    void projectionReady() {
        await().atMost(Duration.ofSeconds(30)).until(() -> mongo.getDatabase("applications").getCollection("measures")
                .countDocuments(new org.bson.Document("_id", MEASURE)) == 1);
    }

    static String uscc(int n) {
        return Usccs.valid("MH", n);
    }

    static String name(String uscc) {
        return "Abuse Test Co " + uscc;
    }

    static RequestSpecification officer(String user, String district) {
        return given().header("X-User", user).header("X-Roles", "officer").header("X-District", district)
                .contentType(ContentType.JSON);
    }

    static RequestSpecification applicant(String uscc) {
        return given().header("X-User", "ent-" + uscc).header("X-Roles", "applicant").header("X-Acting-For", uscc)
                .contentType(ContentType.JSON);
    }

    static Map<String, Object> registration(String uscc, String district, boolean withAccount) {
        Map<String, Object> body = new HashMap<>(Map.of("uscc", uscc, "name", name(uscc), "type", "ENTERPRISE",
                "district", district));
        if (withAccount) {
            body.put("bankAccount", account(uscc));
        }
        return body;
    }

    static Map<String, Object> account(String uscc) {
        return Map.of("accountName", name(uscc), "accountNumber", "6222" + uscc.substring(10, 17) + "0000",
                "bankCode", "105393000015", "bankName", "CCB Xiamen");
    }

    static String register(String uscc, String district) {
        officer("o-" + district, district).body(registration(uscc, district, false)).post("/applicants").then()
                .statusCode(201);
        return uscc;
    }

    static Map<String, Object> application(String uscc) {
        return Map.of("applicantUscc", uscc, "measureCode", MEASURE, "facts", Map.of());
    }

    // item 3: district officers write only in their district

    @Test
    void a_siming_officer_cannot_submit_for_a_huli_applicant_nor_learn_its_open_application() {
        String huli = register(uscc(1), "HULI");
        String existing = officer("o-huli", "HULI").body(application(huli)).post("/applications").then().statusCode(201)
                .extract().path("id");
        // the duplicate rule would answer 409 naming the Huli application: the Siming officer learns neither
        officer("o-siming", "SIMING").body(application(huli)).post("/applications").then().statusCode(404)
                .contentType("application/problem+json").body(not(containsString(existing)));
        String other = register(uscc(2), "HULI");
        officer("o-siming", "SIMING").body(application(other)).post("/applications").then().statusCode(404);
        officer("o-huli", "HULI").body(Map.of("applicantUscc", other, "measureCode", MEASURE, "facts", Map.of(),
                "draft", true)).post("/applications").then().statusCode(201);
    }

    @Test
    void a_siming_officer_cannot_request_or_approve_a_bank_account_change_of_a_huli_applicant() {
        String huli = register(uscc(3), "HULI");
        officer("o-siming", "SIMING").body(account(huli)).post("/applicants/" + huli + "/bank-account-changes").then()
                .statusCode(404);
        String changeId = officer("o-huli", "HULI").body(account(huli)).post("/applicants/" + huli
                + "/bank-account-changes").then().statusCode(202).extract().path("pendingBankAccountChange.id");
        officer("o-siming", "SIMING").post("/applicants/" + huli + "/bank-account-changes/" + changeId + "/approval")
                .then().statusCode(404);
        officer("o-huli", "HULI").get("/applicants/" + huli).then().body("pendingBankAccountChange.approvedBy", nullValue());
    }

    // item 4: who may register, and the first bank account

    @Test
    void an_applicant_registers_only_itself_and_other_roles_not_at_all() {
        String mine = uscc(10);
        String someoneElse = uscc(11);
        applicant(mine).body(registration(someoneElse, "HULI", true)).post("/applicants").then().statusCode(403)
                .contentType("application/problem+json");
        given().header("X-User", "fin-1").header("X-Roles", "finance").contentType(ContentType.JSON)
                .body(registration(someoneElse, "HULI", true)).post("/applicants").then().statusCode(403);
        officer("o-siming", "SIMING").body(registration(someoneElse, "HULI", false)).post("/applicants").then()
                .statusCode(403);
        officer("o-huli", "HULI").get("/applicants/" + someoneElse).then().statusCode(404); // nothing written
        applicant(mine).body(registration(mine, "HULI", false)).post("/applicants").then().statusCode(201);
    }

    @Test
    void the_first_bank_account_goes_through_maker_checker_and_cooling_off_before_waiting_awards_are_released() {
        String seller = uscc(12);
        String proposalId = "AP-ABUSE-" + System.nanoTime() % 1_000_000;
        kafka().produceStrings().fromRecords(CloudEventRecords.event("eligibility.events",
                "susong.eligibility.AwardProposed.v1", proposalId, PortalAndAwardsTest.proposal(proposalId, seller)
                        .replace("\"HAICANG\"", "\"HULI\""))).awaitCompletion();
        await().atMost(Duration.ofSeconds(30)).until(() -> mongo.getDatabase("applications")
                .getCollection("pending_proposals").countDocuments(new org.bson.Document("_id", proposalId)) == 1);
        String id = Ids.derivedId("APP", LocalDate.of(2026, 11, 29), proposalId);

        // someone registers the seller with its real name and their own account: nothing is effective yet
        String changeId = officer("o-maker", "HULI").body(registration(seller, "HULI", true)).post("/applicants").then()
                .statusCode(201).body("bankAccount", nullValue()).body("pendingBankAccountChange.id", notNullValue())
                .extract().path("pendingBankAccountChange.id");
        officer("o-maker", "HULI").get("/applications/" + id).then().statusCode(404); // the award still waits
        officer("o-maker", "HULI").post("/applicants/" + seller + "/bank-account-changes/" + changeId + "/approval")
                .then().statusCode(403); // maker-checker

        officer("o-checker", "HULI").post("/applicants/" + seller + "/bank-account-changes/" + changeId + "/approval")
                .then().statusCode(200); // effective after the cooling-off (PT2S in tests)
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> officer("o-maker", "HULI").get("/applications/" + id)
                .then().statusCode(200).body("systemInitiated", equalTo(true)));
        officer("o-maker", "HULI").get("/applicants/" + seller).then().body("bankAccount.bankCode",
                equalTo("105393000015"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertEquals("BANK_ACCOUNT_EFFECTIVE",
                officer("o-maker", "HULI").get("/applicants/" + seller + "/history").then().extract().jsonPath()
                        .getString("items.action[-1]")));
    }

    // issue 18: the applicant requests its own account change (the portal's form); an officer of its district checks it
    @Test
    void an_applicant_requests_its_own_account_change_and_only_an_officer_of_its_district_makes_it_effective() {
        String own = uscc(43);
        String other = uscc(44);
        register(own, "HULI");
        register(other, "HULI");
        applicant(own).body(account(other)).post("/applicants/" + other + "/bank-account-changes").then()
                .statusCode(404); // not its own: as if it did not exist
        String changeId = applicant(own).body(account(own)).post("/applicants/" + own + "/bank-account-changes").then()
                .statusCode(202).body("bankAccount", nullValue())
                .body("pendingBankAccountChange.requestedBy", containsString("ent-" + own))
                .body("pendingBankAccountChange.approvedBy", nullValue())
                .extract().path("pendingBankAccountChange.id");
        applicant(own).post("/applicants/" + own + "/bank-account-changes/" + changeId + "/approval").then()
                .statusCode(403); // the maker is never its checker, and an applicant checks nothing
        officer("o-siming", "SIMING").post("/applicants/" + own + "/bank-account-changes/" + changeId + "/approval")
                .then().statusCode(404);
        officer("o-huli", "HULI").post("/applicants/" + own + "/bank-account-changes/" + changeId + "/approval").then()
                .statusCode(200).body("pendingBankAccountChange.approvedBy", containsString("o-huli"))
                .body("bankAccount", nullValue()); // approved, not yet the account: the cooling-off runs first
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> applicant(own).get("/applicants/" + own).then()
                .statusCode(200).body("bankAccount.bankCode", equalTo("105393000015"))
                .body("pendingBankAccountChange", nullValue()));
        // the applicant's request is in the history under its own name
        var requested = officer("o-huli", "HULI").get("/applicants/" + own + "/history").then().extract().jsonPath();
        assertEquals("BANK_ACCOUNT_CHANGE_REQUESTED", requested.getString("items.find { it.changes.changeId == '"
                + changeId + "' }.action"));
        assertTrue(requested.getString("items.find { it.changes.changeId == '" + changeId + "' }.actor")
                .startsWith("ent-" + own + ";applicant;"));
    }

    // issue 18, second readings: an officer's pending change is never swapped silently nor undone by the applicant (a
    // stolen login would block every correction); the applicant withdraws its own request before it takes effect
    @Test
    void an_applicant_neither_swaps_nor_undoes_an_officers_pending_change_and_withdraws_only_its_own() {
        String own = uscc(45);
        register(own, "HULI");
        String officers = officer("o-maker", "HULI").body(account(own)).post("/applicants/" + own
                + "/bank-account-changes").then().statusCode(202).extract().path("pendingBankAccountChange.id");
        applicant(own).body(account(own)).post("/applicants/" + own + "/bank-account-changes").then().statusCode(409)
                .body("field", equalTo("bankAccount"));
        officer("o-maker", "HULI").get("/applicants/" + own).then()
                .body("pendingBankAccountChange.id", equalTo(officers)); // still the officer's
        // nor undoes it: an officer's correction is rejected by an officer, the applicant asks one
        applicant(own).body(Map.of("reason", "we did not ask for this account")).post("/applicants/" + own
                + "/bank-account-changes/" + officers + "/rejection").then().statusCode(403)
                .body("field", equalTo("changeId"));
        officer("o-huli", "HULI").body(Map.of("reason", "the applicant did not ask for this account")).post("/applicants/"
                + own + "/bank-account-changes/" + officers + "/rejection").then().statusCode(200);
        String mine = applicant(own).body(account(own)).post("/applicants/" + own + "/bank-account-changes").then()
                .statusCode(202).extract().path("pendingBankAccountChange.id");
        // its own request it withdraws (a reason required), and requests again
        applicant(own).body(Map.of()).post("/applicants/" + own + "/bank-account-changes/" + mine + "/rejection")
                .then().statusCode(422).body("field", equalTo("reason"));
        applicant(own).body(Map.of("reason", "wrong branch")).post("/applicants/" + own + "/bank-account-changes/" + mine
                + "/rejection").then().statusCode(200).body("pendingBankAccountChange", nullValue());
        mine = applicant(own).body(account(own)).post("/applicants/" + own + "/bank-account-changes").then()
                .statusCode(202).extract().path("pendingBankAccountChange.id");
        // its own pending request it may replace
        String again = applicant(own).body(account(own)).post("/applicants/" + own + "/bank-account-changes").then()
                .statusCode(202).extract().path("pendingBankAccountChange.id");
        org.junit.jupiter.api.Assertions.assertNotEquals(mine, again);
        applicant(uscc(43)).body(Map.of("reason", "x")).post("/applicants/" + own + "/bank-account-changes/" + again
                + "/rejection").then().statusCode(404); // another applicant
    }

    // a wrong or hostile first account must not block the applicant until someone approves it

    @Test
    void a_pending_bank_account_change_can_be_rejected_or_replaced_and_both_are_in_the_history() {
        String victim = uscc(40);
        String hostile = officer("o-maker", "HULI").body(registration(victim, "HULI", true)).post("/applicants").then()
                .statusCode(201).extract().path("pendingBankAccountChange.id");
        officer("o-huli", "HULI").body(Map.of()).post("/applicants/" + victim + "/bank-account-changes/" + hostile
                + "/rejection").then().statusCode(422).body("field", equalTo("reason"));
        officer("o-siming", "SIMING").body(Map.of("reason", "x")).post("/applicants/" + victim
                + "/bank-account-changes/" + hostile + "/rejection").then().statusCode(404);
        officer("o-huli", "HULI").body(Map.of("reason", "the applicant never gave this account")).post("/applicants/"
                + victim + "/bank-account-changes/" + hostile + "/rejection").then().statusCode(200)
                .body("pendingBankAccountChange", nullValue()).body("bankAccount", nullValue());
        officer("o-checker", "HULI").post("/applicants/" + victim + "/bank-account-changes/" + hostile + "/approval")
                .then().statusCode(409); // gone: nobody can approve it any more

        String wrong = officer("o-huli", "HULI").body(account(victim)).post("/applicants/" + victim
                + "/bank-account-changes").then().statusCode(202).extract().path("pendingBankAccountChange.id");
        String right = officer("o-huli", "HULI").body(account(victim)).post("/applicants/" + victim
                + "/bank-account-changes").then().statusCode(202).extract().path("pendingBankAccountChange.id");
        officer("o-checker", "HULI").post("/applicants/" + victim + "/bank-account-changes/" + wrong + "/approval")
                .then().statusCode(409); // superseded
        officer("o-checker", "HULI").post("/applicants/" + victim + "/bank-account-changes/" + right + "/approval")
                .then().statusCode(200);
        // approved, in its cooling-off: a new request does not replace it, a rejection cancels it
        officer("o-huli", "HULI").body(account(victim)).post("/applicants/" + victim + "/bank-account-changes").then()
                .statusCode(409);
        officer("o-huli", "HULI").body(Map.of("reason", "the applicant objected in the cooling-off")).post("/applicants/"
                + victim + "/bank-account-changes/" + right + "/rejection").then().statusCode(200)
                .body("pendingBankAccountChange", nullValue());

        var history = officer("o-huli", "HULI").get("/applicants/" + victim + "/history").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(java.util.List.of("REGISTERED", "BANK_ACCOUNT_CHANGE_REJECTED", "BANK_ACCOUNT_CHANGE_REQUESTED",
                "BANK_ACCOUNT_CHANGE_REQUESTED", "BANK_ACCOUNT_CHANGE_APPROVED", "BANK_ACCOUNT_CHANGE_REJECTED"),
                history.getList("items.action"));
        assertEquals("the applicant never gave this account", history.getString("items[1].changes.reason"));
        assertEquals(wrong, history.getString("items[3].changes.supersedes"));
        assertEquals(right, history.getString("items[5].changes.changeId"));
    }

    // the maker is compared by its user id, never by a part of the joined actor string

    @Test
    void a_maker_whose_token_carries_a_role_with_a_semicolon_still_cannot_approve_its_own_change() {
        String target = uscc(41);
        String changeId = given().header("X-User", "o-odd").header("X-Roles", "officer,x;y").header("X-District", "HULI")
                .contentType(ContentType.JSON).body(registration(target, "HULI", true)).post("/applicants").then()
                .statusCode(201).extract().path("pendingBankAccountChange.id");
        officer("o-odd", "HULI").post("/applicants/" + target + "/bank-account-changes/" + changeId + "/approval")
                .then().statusCode(403);
    }

    /**
     * Second reader: a change stored before {@code requestedByUser} existed had its maker parsed out of the joined
     * actor string, wrong when the maker's roles held a ';' - here the maker o-legacy (roles "officer", "x;y") parses
     * as "o-legacy;officer,x", so o-legacy could approve its own change. Such a change is refused: it is re-requested.
     */
    @Test
    void a_legacy_change_without_its_makers_id_cannot_be_approved_and_must_be_requested_again() {
        String target = register(uscc(42), "HULI");
        Map<String, Object> account = account(target);
        mongo.getDatabase("applications").getCollection("applicants").updateOne(new org.bson.Document("_id", target),
                new org.bson.Document("$set", new org.bson.Document("pendingChange", new org.bson.Document("id",
                        "BAC-LEGACY-42").append("account", new org.bson.Document(account))
                        .append("requestedBy", "o-legacy;officer,x;y;HULI;")
                        .append("requestedAt", java.util.Date.from(businessClock.instant().minusSeconds(3600))))));
        officer("o-legacy", "HULI").post("/applicants/" + target + "/bank-account-changes/BAC-LEGACY-42/approval").then()
                .statusCode(409).contentType("application/problem+json").body("detail", containsString("again"));
        officer("o-other", "HULI").post("/applicants/" + target + "/bank-account-changes/BAC-LEGACY-42/approval").then()
                .statusCode(409); // nobody can tell who made it: nobody approves it
        officer("o-huli", "HULI").get("/applicants/" + target).then().body("pendingBankAccountChange.approvedBy",
                nullValue());
        officer("o-huli", "HULI").body(Map.of("reason", "stored before the maker's id; requested again"))
                .post("/applicants/" + target + "/bank-account-changes/BAC-LEGACY-42/rejection").then().statusCode(200);
    }

    // item 8: once-only keys are canonical

    @Test
    void a_uscc_typed_with_spaces_hyphens_full_width_or_lower_case_is_one_key() {
        String canonical = uscc(30);
        // full-width digits and letters, an ideographic space, a hyphen, lower case: the same enterprise
        String typed = " " + toFullWidth(canonical.substring(0, 4)) + "\u3000" + canonical.substring(4, 8) + "-"
                + canonical.substring(8).toLowerCase() + " ";
        officer("o-huli", "HULI").body(registration(typed, "HULI", false)).post("/applicants").then().statusCode(201)
                .body("uscc", equalTo(canonical));
        officer("o-huli", "HULI").body(registration(canonical, "HULI", false)).post("/applicants").then().statusCode(409);
        officer("o-huli", "HULI").get("/applicants/" + canonical.substring(0, 8) + "-" + canonical.substring(8).toLowerCase())
                .then().statusCode(200).body("uscc", equalTo(canonical));

        String id = officer("o-huli", "HULI").body(application(typed)).post("/applications").then().statusCode(201)
                .extract().path("id");
        officer("o-huli", "HULI").get("/applications/" + id).then().body("applicantUscc", equalTo(canonical));
        officer("o-huli", "HULI").body(application(canonical)).post("/applications").then().statusCode(409)
                .body("existingApplicationId", equalTo(id)); // one duplicate slot, whatever the spelling
        assertEquals(1, officer("o-huli", "HULI").queryParam("applicant", canonical.toLowerCase()).get("/applications")
                .then().statusCode(200).extract().jsonPath().getList("items").size());
    }

    static String toFullWidth(String ascii) {
        StringBuilder wide = new StringBuilder();
        ascii.chars().forEach(c -> wide.append((char) (c + 0xFEE0)));
        return wide.toString();
    }

    // item 10: every list is paged; the role is checked before a bulk body is read

    @Test
    void the_views_and_the_history_are_paged_lists() {
        String uscc = register(uscc(20), "HULI");
        String id = officer("o-huli", "HULI").body(application(uscc)).post("/applications").then().statusCode(201)
                .extract().path("id");
        for (int i = 0; i < 55; i++) {
            officer("o-huli", "HULI").get("/applications/" + id).then().statusCode(200);
        }
        io.restassured.path.json.JsonPath first = officer("o-huli", "HULI").get("/applications/" + id + "/views").then()
                .statusCode(200).extract().jsonPath();
        assertEquals(50, first.getList("items").size(), "the default page");
        io.restassured.path.json.JsonPath rest = officer("o-huli", "HULI").queryParam("cursor", first.getString("nextCursor"))
                .get("/applications/" + id + "/views").then().statusCode(200).extract().jsonPath();
        assertEquals(5, rest.getList("items").size());
        assertEquals(null, rest.getString("nextCursor"));
        officer("o-huli", "HULI").queryParam("limit", 100_000).get("/applications/" + id + "/views").then().statusCode(400)
                .body("field", equalTo("limit"));

        for (String phone : new String[] {"0592-1000001", "0592-1000002", "0592-1000003"}) {
            officer("o-huli", "HULI").body(Map.of("contact", Map.of("person", "Li", "phone", phone)))
                    .patch("/applicants/" + uscc).then().statusCode(200);
        }
        io.restassured.path.json.JsonPath history = officer("o-huli", "HULI").queryParam("limit", 2)
                .get("/applicants/" + uscc + "/history").then().statusCode(200).extract().jsonPath();
        assertEquals(java.util.List.of(1, 2), history.getList("items.version"));
        assertEquals(java.util.List.of(3, 4), officer("o-huli", "HULI").queryParam("limit", 2)
                .queryParam("cursor", history.getString("nextCursor")).get("/applicants/" + uscc + "/history").then()
                .statusCode(200).extract().jsonPath().getList("items.version"));
    }

    /**
     * An applicant sends an import whose body never finishes: the 403 must come from the headers alone (before, the
     * whole body was read into memory first and the role checked after).
     */
    @Test
    void an_import_by_a_principal_without_the_role_is_refused_before_its_body_is_read() throws Exception {
        int port = io.restassured.RestAssured.port;
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(15_000);
            java.io.OutputStream out = socket.getOutputStream();
            out.write(("POST /imports/applicants HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nX-User: ent-1\r\n"
                    + "X-Roles: applicant\r\nContent-Type: text/csv\r\nContent-Length: 900000\r\n\r\n"
                    + "uscc,name,type,district\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.flush(); // and nothing more: the rest of the body never comes
            String status = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    java.nio.charset.StandardCharsets.US_ASCII)).readLine();
            assertEquals("HTTP/1.1 403 Forbidden", status);
        }
    }
}
