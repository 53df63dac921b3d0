package org.susong.eligibility.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.bson.Document;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;
import org.susong.eligibility.application.CertificationFixture;
import org.susong.eligibility.application.DecisionService;
import org.susong.eligibility.persistence.CertificationListRepository;
import org.susong.eligibility.persistence.DecisionRepository;
import org.susong.testing.AccessContract;
import org.susong.testing.AccessContract.Case;
import org.susong.testing.AccessContract.Rule;
import org.susong.testing.ContractValidation;
import org.susong.testing.LocalInfraTestResource;
import org.susong.testing.OidcTestProfile;
import org.susong.testing.TestTokens;

/**
 * Issues 13 and 23: every operation of eligibility's OpenAPI document against its access rule (canvas "Access
 * rules"): no token 401, a wrong role 403, another district's or USCC's decision 404, its own 2xx. The service runs
 * as in production (bearer tokens verified by quarkus-oidc, the header stub off).
 */
@QuarkusTest
@ExtendWith(ContractValidation.class)
@TestProfile(OidcTestProfile.class)
@WithTestResource(LocalInfraTestResource.class)
class AccessRulesTest {

    static final String HULI_USCC = "91350206MA00ACC001";
    static final String SIMING_USCC = "91350203MA00ACC002";

    @Inject
    DecisionService decisions;
    @Inject
    DecisionRepository repository;
    @Inject
    CertificationListRepository lists;

    static final String HULI_OFFICER = TestTokens.subject("huli-officer").roles("officer").district("Huli").sign();
    static final String HULI_OFFICER_2 = TestTokens.subject("huli-officer-2").roles("officer").district("湖里区").sign();
    static final String SIMING_OFFICER = TestTokens.subject("siming-officer").roles("officer").district("Siming").sign();
    static final String APPLICANT = TestTokens.subject("huli-enterprise").roles("applicant").uscc(HULI_USCC).sign();
    static final String OTHER_APPLICANT = TestTokens.subject("siming-enterprise").roles("applicant").uscc(SIMING_USCC)
            .sign();
    static final String AUDITOR = TestTokens.subject("auditor-1").roles("auditor").sign();
    static final String ADMIN = TestTokens.subject("admin-1").roles("admin").sign();
    static final String ADMIN_2 = TestTokens.subject("admin-2").roles("admin").sign();
    static final String FINANCE = TestTokens.subject("finance-1").roles("finance").sign();
    static final String REGISTRAR = TestTokens.subject("registrar-1").roles("registrar").sign();
    static final String FUND_MANAGER = TestTokens.subject("fm-1").roles("fund-manager").funds("FUND-VENTURE").sign();
    static final String NO_ROLE = TestTokens.subject("nobody").sign();
    /** An enterprise with a valid check character, listed by the import of the access rules (a fresh one per run). */
    static final String ACCESS_LISTED = CertificationFixture.uscc();
    static final String LIST_FILE = "uscc,name,certificateNumber,certificationKind\n" + ACCESS_LISTED
            + ",Access Co.,SC2025ACC1,FIRST\n";

    static Case none() {
        return new Case("no token", null, 401);
    }

    static Case as(String who, String token, int expected) {
        return new Case(who, token, expected);
    }

    /** An approved B1 decision of {@code uscc} in {@code district}; its application id. */
    String approved(String district, String uscc) {
        String app = "APP-ACC-" + UUID.randomUUID().toString().substring(0, 8);
        CertificationFixture.listed(lists, uscc, "GR" + app.substring(8));
        decisions.decide(new DecisionService.Submission(UUID.randomUUID().toString(), "hash-" + app, app, uscc, "B1",
                district, Map.of("category", "HIGH_TECH_ENTERPRISE", "certificateNumber", "GR" + app.substring(8),
                "certificationYear", 2025, "certificationKind", "FIRST"), null));
        return app;
    }

    /** A B3a decision awaiting an officer (30,000,000 CNY is above the automatic approval limit); its decision id. */
    String review(String district, String uscc) {
        String app = "APP-ACR-" + UUID.randomUUID().toString().substring(0, 8);
        decisions.decide(new DecisionService.Submission(UUID.randomUUID().toString(), "hash-" + app, app, uscc, "B3a",
                district, Map.of("projectNumber", "P-" + app, "projectName", "x", "resultSource", "MAJOR_SCIENCE_2030",
                "investmentInXiamenFen", 30_000_000_000L), null));
        return "D-" + app;
    }

    String measureDefinition() {
        return given().header("Authorization", "Bearer " + ADMIN).get("/measures/C1").then().statusCode(200)
                .extract().asString();
    }

    /** An open C1 call (issue 19) and a Huli application to it awaiting scoring; {callId, applicationId}. */
    String[] callWithApplication() {
        String callId = given().header("Authorization", "Bearer " + ADMIN).contentType("application/json").body(Map.of(
                        "measureCode", "C1", "titleEn", "access round", "titleZh", "权限测试", "envelopeFen", 100_000_000L,
                        "submissionFrom", "2026-06-01", "submissionTo", "2026-06-30",
                        "scoringCriteria", List.of(Map.of("name", "merit", "weight", 100, "en", "merit", "zh", "综合"))))
                .post("/calls").then().statusCode(201).extract().path("callId");
        String app = "APP-ACC-" + UUID.randomUUID().toString().substring(0, 8);
        decisions.decide(new DecisionService.Submission(UUID.randomUUID().toString(), "hash-" + app, app, HULI_USCC, "C1",
                "HULI", Map.of("stage", "GROWTH", "field", "new-energy", "requestedFen", 10_000_000L, "callId", callId), null));
        return new String[] {callId, app};
    }

    @TestFactory
    Stream<DynamicTest> every_operation_answers_as_the_canvas_lists() {
        String[] call = callWithApplication();
        String[] cancelled = callWithApplication(); // its own call: the admin's 200 cancels it
        String sheet = "/calls/" + call[0] + "/applications/" + call[1];
        String huliApp = approved("HULI", HULI_USCC);
        approved("SIMING", SIMING_USCC);
        String huliReview = review("HULI", HULI_USCC);
        String c1 = measureDefinition();
        CertificationFixture.listed(lists, "LITTLE_GIANT", 2025, ACCESS_LISTED, "LG2025ACC1", "FIRST");
        String listImport = given().header("Authorization", "Bearer " + ADMIN).contentType("text/csv").body(LIST_FILE)
                .post("/admin/certification-lists/SINGLE_CHAMPION/2025").then().statusCode(202).extract().path("importId");
        String proposal = given().header("Authorization", "Bearer " + ADMIN).contentType("application/json").body(c1)
                .post("/admin/measures/C1/versions").then().statusCode(202).extract().path("proposalId");
        List<Rule> rules = List.of(
                Rule.of("GET /measures", none(), as("no platform role", NO_ROLE, 403), as("applicant", APPLICANT, 200),
                        as("officer", HULI_OFFICER, 200), as("finance", FINANCE, 200), as("admin", ADMIN, 200),
                        as("auditor", AUDITOR, 200), as("registrar", REGISTRAR, 200),
                        as("fund-manager", FUND_MANAGER, 200)),
                Rule.of("GET /measures/{code}", "/measures/B1", null, none(), as("no platform role", NO_ROLE, 403),
                        as("applicant", APPLICANT, 200), as("registrar", REGISTRAR, 200)),
                Rule.of("GET /measures/{code}/versions/{version}", "/measures/B1/versions/1", null, none(),
                        as("no platform role", NO_ROLE, 403), as("fund-manager", FUND_MANAGER, 200),
                        as("auditor", AUDITOR, 200)),
                Rule.of("POST /admin/measures/{code}/versions", "/admin/measures/C1/versions", c1, none(),
                        as("auditor", AUDITOR, 403), as("officer", HULI_OFFICER, 403), as("admin", ADMIN, 202)),
                Rule.of("GET /admin/measures/{code}/proposals/{proposalId}", "/admin/measures/C1/proposals/" + proposal,
                        null, none(), as("officer", HULI_OFFICER, 403), as("applicant", APPLICANT, 403),
                        as("auditor", AUDITOR, 200), as("admin", ADMIN_2, 200)),
                // maker-checker: the proposer is refused (409), a second administrator publishes it
                Rule.of("POST /admin/measures/{code}/proposals/{proposalId}/approval", "/admin/measures/C1/proposals/"
                        + proposal + "/approval", null, none(), as("auditor", AUDITOR, 403),
                        as("officer", HULI_OFFICER, 403), as("the proposer", ADMIN, 409),
                        as("a second admin", ADMIN_2, 201)),
                Rule.of("POST /admin/seed", "/admin/seed", null, none(), as("auditor", AUDITOR, 403),
                        as("officer", HULI_OFFICER, 403), as("admin", ADMIN, 200)),
                // issue 16 item 3: administrators import the lists (免申即享); auditors read an entry
                new Rule(AccessContract.Operation.of("POST /admin/certification-lists/{list}/{year}"),
                        "/admin/certification-lists/SINGLE_CHAMPION/2025", LIST_FILE, "text/csv", List.of(none(),
                        as("auditor", AUDITOR, 403), as("officer", HULI_OFFICER, 403), as("applicant", APPLICANT, 403),
                        as("admin", ADMIN, 202))),
                Rule.of("GET /admin/certification-lists/imports/{importId}", "/admin/certification-lists/imports/"
                        + listImport, null, none(), as("officer", HULI_OFFICER, 403), as("applicant", APPLICANT, 403),
                        as("auditor", AUDITOR, 200), as("admin", ADMIN_2, 200)),
                // maker-checker: the proposer is refused (409), a second administrator lists and awards
                Rule.of("POST /admin/certification-lists/imports/{importId}/approval", "/admin/certification-lists/imports/"
                        + listImport + "/approval", null, none(), as("auditor", AUDITOR, 403),
                        as("officer", HULI_OFFICER, 403), as("the proposer", ADMIN, 409),
                        as("a second admin", ADMIN_2, 200)),
                Rule.of("GET /admin/certification-lists/{list}/{year}/{uscc}", "/admin/certification-lists/"
                        + "LITTLE_GIANT/2025/" + ACCESS_LISTED, null, none(), as("officer", HULI_OFFICER, 403),
                        as("applicant", APPLICANT, 403), as("finance", FINANCE, 403), as("auditor", AUDITOR, 200),
                        as("admin", ADMIN, 200)),
                Rule.of("GET /admin/audit", none(), as("officer", HULI_OFFICER, 403), as("applicant", APPLICANT, 403),
                        as("auditor", AUDITOR, 200), as("admin", ADMIN, 200)),
                // issue 16 item 9: the decisions replay reads every decision; auditors and admins only
                Rule.of("GET /admin/decisions/replay", "/admin/decisions/replay?limit=1", null, none(),
                        as("no platform role", NO_ROLE, 403), as("officer", HULI_OFFICER, 403),
                        as("applicant", APPLICANT, 403), as("finance", FINANCE, 403), as("auditor", AUDITOR, 200),
                        as("admin", ADMIN, 200)),
                Rule.of("GET /decisions/{applicationId}", "/decisions/" + huliApp, null, none(),
                        as("finance", FINANCE, 403), as("registrar", REGISTRAR, 403), as("no platform role", NO_ROLE, 403),
                        as("Siming officer", SIMING_OFFICER, 404), as("another USCC", OTHER_APPLICANT, 404),
                        as("Huli officer", HULI_OFFICER, 200), as("its applicant", APPLICANT, 200),
                        as("auditor", AUDITOR, 200)),
                Rule.of("GET /decisions/by-id/{decisionId}", "/decisions/by-id/D-" + huliApp, null, none(),
                        as("finance", FINANCE, 403), as("admin", ADMIN, 403),
                        as("Siming officer", SIMING_OFFICER, 404), as("another USCC", OTHER_APPLICANT, 404),
                        as("Huli officer", HULI_OFFICER_2, 200), as("its applicant", APPLICANT, 200),
                        as("auditor", AUDITOR, 200)),
                // a list: another district's officer is answered 200 without the Huli rows (see the test below)
                Rule.of("GET /reviews", none(), as("applicant", APPLICANT, 403), as("finance", FINANCE, 403),
                        as("Siming officer", SIMING_OFFICER, 200), as("Huli officer", HULI_OFFICER, 200),
                        as("auditor", AUDITOR, 200)),
                // issue 19: calls. Scoring and ranking answer 409 (phase: the window is open on 2026-06-15) once the access
                // check let the caller through; their 200s are CallsTest's
                Rule.of("POST /calls", "/calls", "{\"measureCode\":\"C1\",\"titleEn\":\"t\",\"titleZh\":\"t\","
                                + "\"envelopeFen\":100,\"submissionFrom\":\"2026-06-01\",\"submissionTo\":\"2026-06-30\","
                                + "\"scoringCriteria\":[{\"name\":\"m\",\"weight\":100,\"en\":\"m\",\"zh\":\"m\"}]}",
                        none(), as("officer", HULI_OFFICER, 403), as("auditor", AUDITOR, 403), as("applicant", APPLICANT, 403),
                        as("admin", ADMIN, 201)),
                Rule.of("GET /calls/{callId}", "/calls/" + call[0], null, none(), as("no platform role", NO_ROLE, 403),
                        as("registrar", REGISTRAR, 403), as("applicant", APPLICANT, 200), as("officer", HULI_OFFICER, 200),
                        as("finance", FINANCE, 200), as("auditor", AUDITOR, 200)),
                Rule.of("GET /calls/{callId}/applications/{applicationId}/scores", sheet + "/scores", null, none(),
                        as("applicant", APPLICANT, 403), as("finance", FINANCE, 403),
                        as("Siming officer", SIMING_OFFICER, 404), as("Huli officer", HULI_OFFICER, 200),
                        as("admin", ADMIN, 200), as("auditor", AUDITOR, 200)),
                Rule.of("POST /calls/{callId}/applications/{applicationId}/scores", sheet + "/scores",
                        "{\"scores\":{\"merit\":70},\"comment\":\"ok\"}", none(), as("admin", ADMIN, 403),
                        as("auditor", AUDITOR, 403), as("applicant", APPLICANT, 403),
                        as("Siming officer", SIMING_OFFICER, 404), as("Huli officer", HULI_OFFICER, 409))
                        .exempt2xx("scoring opens after the window (2026-06-30); the pinned date is 2026-06-15: CallsTest scores"),
                Rule.of("POST /calls/{callId}/applications/{applicationId}/conflicts", sheet + "/conflicts",
                        "{\"reason\":\"related\"}", none(), as("admin", ADMIN, 403), as("auditor", AUDITOR, 403),
                        as("applicant", APPLICANT, 403), as("Siming officer", SIMING_OFFICER, 404),
                        as("Huli officer", HULI_OFFICER_2, 200)),
                Rule.of("POST /calls/{callId}/rank", "/calls/" + call[0] + "/rank", null, none(),
                        as("officer", HULI_OFFICER, 403), as("auditor", AUDITOR, 403), as("admin", ADMIN, 409))
                        .exempt2xx("ranking opens after the window (2026-06-30); the pinned date is 2026-06-15: CallsTest ranks"),
                Rule.of("GET /calls", "/calls", null, none(), as("no platform role", NO_ROLE, 403),
                        as("registrar", REGISTRAR, 403), as("applicant", APPLICANT, 200), as("officer", HULI_OFFICER, 200),
                        as("finance", FINANCE, 200), as("admin", ADMIN, 200), as("auditor", AUDITOR, 200)),
                Rule.of("GET /calls/{callId}/applications", "/calls/" + call[0] + "/applications", null, none(),
                        as("no platform role", NO_ROLE, 403), as("applicant", APPLICANT, 403), as("finance", FINANCE, 403),
                        as("Huli officer", HULI_OFFICER, 200), as("admin", ADMIN, 200), as("auditor", AUDITOR, 200)),
                Rule.of("GET /calls/{callId}/ranking", "/calls/" + call[0] + "/ranking", null, none(),
                        as("no platform role", NO_ROLE, 403), as("applicant", APPLICANT, 403),
                        as("registrar", REGISTRAR, 403), as("officer", HULI_OFFICER, 409), as("finance", FINANCE, 409),
                        as("auditor", AUDITOR, 409), as("admin", ADMIN, 409))
                        .exempt2xx("the call is ranked after its window (2026-06-30); the pinned date is 2026-06-15: "
                                + "CallsTest reads a ranked call's ranking"),
                Rule.of("POST /calls/{callId}/cancellation", "/calls/" + cancelled[0] + "/cancellation",
                        "{\"reason\":\"withdrawn\"}", none(), as("officer", HULI_OFFICER, 403), as("auditor", AUDITOR, 403),
                        as("admin", ADMIN, 200)),
                Rule.of("POST /reviews/{decisionId}/decision", "/reviews/" + huliReview + "/decision",
                        "{\"outcome\":\"APPROVED\",\"amountFen\":50000000,\"reason\":\"checked\"}", none(),
                        as("auditor", AUDITOR, 403), as("applicant", APPLICANT, 403), as("admin", ADMIN, 403),
                        as("Siming officer", SIMING_OFFICER, 404), as("Huli officer", HULI_OFFICER, 200)));
        return AccessContract.check(RestAssured.port, rules);
    }

    /** Issue 13: the actor recorded is the token's subject, whatever header a caller adds. */
    @Test
    void the_actor_recorded_is_the_tokens_subject_never_a_header() {
        String id = review("HULI", HULI_USCC);
        given().header("Authorization", "Bearer " + HULI_OFFICER).header("X-User", "someone-else")
                .contentType("application/json").body("{\"outcome\":\"REJECTED\",\"reason\":\"not plausible\"}")
                .post("/reviews/" + id + "/decision").then().statusCode(200);
        Document decided = repository.find(id).orElseThrow();
        assertEquals("huli-officer", decided.getList("reviews", Document.class).get(0).getString("officer"));
        assertTrue(decided.getList("criteria", Document.class).stream()
                .anyMatch(c -> c.getString("en").contains("rejected by huli-officer")), decided.toJson());
    }

    @Test
    void lists_hold_only_the_callers_district() {
        String huli = review("HULI", HULI_USCC);
        String siming = review("SIMING", SIMING_USCC);
        given().header("Authorization", "Bearer " + SIMING_OFFICER).queryParam("limit", 200).get("/reviews").then().statusCode(200)
                .body("items.decisionId", hasItem(siming)).body("items.decisionId", not(hasItem(huli)))
                .body("items.district", everyItem(equalTo("SIMING")));
        given().header("Authorization", "Bearer " + SIMING_OFFICER).queryParam("district", "HULI").queryParam("limit", 200).get("/reviews").then()
                .statusCode(200).body("items.decisionId", not(hasItem(huli)));
        given().header("Authorization", "Bearer " + HULI_OFFICER).queryParam("limit", 200).get("/reviews").then().statusCode(200)
                .body("items.decisionId", hasItem(huli)).body("items.decisionId", not(hasItem(siming)));
        given().header("Authorization", "Bearer " + AUDITOR).queryParam("limit", 200).get("/reviews").then().statusCode(200)
                .body("items.decisionId", hasItem(huli)).body("items.decisionId", hasItem(siming));
        given().header("Authorization", "Bearer " + AUDITOR).queryParam("district", "Siming").queryParam("limit", 200).get("/reviews").then()
                .statusCode(200).body("items.decisionId", hasItem(siming)).body("items.decisionId", not(hasItem(huli)));
    }
}
