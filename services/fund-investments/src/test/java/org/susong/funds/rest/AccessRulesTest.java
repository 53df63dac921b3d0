package org.susong.funds.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;
import org.susong.funds.persistence.InvestmentRepository;
import org.susong.testing.AccessContract;
import org.susong.testing.AccessContract.Case;
import org.susong.testing.AccessContract.Rule;
import org.susong.testing.ContractValidation;
import org.susong.testing.LocalInfraTestResource;
import org.susong.testing.TestTokens;
import org.susong.testing.Usccs;

/**
 * Issues 13 and 23: every operation of the service's OpenAPI document x {no token, a wrong role,
 * another fund or another USCC, its own} -> 401 / 403 / 404 / 2xx, as the canvas lists them
 * (docs/services/fund-investments.md, "Access rules"). Funds are the scope of fund managers (claim
 * {@code funds}); an applicant's scope is its own USCC (its portfolio); admin, finance and auditor are
 * city-wide. The service runs as in production: OIDC bearer tokens, no header stub
 * ({@link FundsAccessProfile}: the OIDC test profile with a lower second-approval limit).
 */
@QuarkusTest
@ExtendWith(ContractValidation.class)
@TestProfile(FundsAccessProfile.class)
@WithTestResource(LocalInfraTestResource.class)
class AccessRulesTest {

    static final String OWN_FUND = "FUND-VENTURE";
    static final String OTHER_FUND = "FUND-TECH-INNOVATION";

    /** The day's running total of investments is per fund: the approval tests may have filled the own fund's. */
    @BeforeEach
    void forgetTheDaysInvestmentTotals() {
        InvestmentApprovalTest.forgetInvestmentTotals();
    }

    static String uscc() {
        return Usccs.random("MB");
    }

    static String today() {
        return FundInvestmentsServiceTest.today().toString();
    }

    static String investment(String uscc, long amountFen, String stage, String district, String field) {
        Map<String, Object> body = new HashMap<>(Map.of("enterpriseUscc", uscc, "round", "Seed", "instrument", "EQUITY",
                "amountFen", amountFen, "stakePercent", 1, "investedOn",
                FundInvestmentsServiceTest.today().minusDays(2).toString(), "stage", stage, "district", district));
        if (field != null) {
            body.put("field", field);
        }
        return FundInvestmentsServiceTest.toJson(body);
    }

    static String created(String token, String body, String path) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).post(path).then().statusCode(201)
                .extract().path("id");
    }

    @TestFactory
    Stream<DynamicTest> every_operation_answers_401_403_404_or_its_own_status() {
        String admin = TestTokens.subject("admin-1").roles("admin").sign();
        String auditor = TestTokens.subject("auditor-1").roles("auditor").sign();
        String finance = TestTokens.subject("finance-1").roles("finance").sign();
        String officer = TestTokens.subject("officer-huli").roles("officer").district("Huli").sign();
        String noRole = TestTokens.subject("nobody").sign();
        String ownManager = TestTokens.subject("fm-venture").roles("fund-manager").funds(OWN_FUND).sign();
        String otherManager = TestTokens.subject("fm-tech").roles("fund-manager").funds(OTHER_FUND).sign();
        String ownUscc = uscc();
        String otherUscc = uscc();
        String applicant = TestTokens.subject("applicant-own").roles("applicant").uscc(ownUscc).sign();
        String otherApplicant = TestTokens.subject("applicant-other").roles("applicant").uscc(otherUscc).sign();

        // fixtures: an investment of the own fund in the own USCC (Huli), one of another fund in another USCC (Siming),
        // one to exit, a commitment whose capital is called, and a call to pay in
        String investmentPath = "/funds/" + OWN_FUND + "/investments";
        String ownInvestment = created(admin, investment(ownUscc, 1_000_000, "START_UP", "HULI", null), investmentPath);
        created(admin, investment(otherUscc, 1_000_000, "GROWTH", "SIMING", "digitalisation"),
                "/funds/" + OTHER_FUND + "/investments");
        String toExit = created(admin, investment(ownUscc, 1_000_000, "START_UP", "HULI", null), investmentPath);
        String capital = "/funds/" + OWN_FUND + "/capital";
        created(admin, movement(10_000), capital + "/commitments");
        String call = created(admin, movement(1_000), capital + "/calls");

        // an investment above the second-approval limit, asked for by admin-1: waiting for another principal
        String awaiting = given().auth().oauth2(admin).contentType(ContentType.JSON).body(investment(ownUscc,
                FundsAccessProfile.SECOND_APPROVAL_ABOVE_FEN + 1, "START_UP", "HULI", null)).post(investmentPath).then()
                .statusCode(202).extract().path("id");
        String toReject = given().auth().oauth2(admin).contentType(ContentType.JSON).body(investment(ownUscc,
                FundsAccessProfile.SECOND_APPROVAL_ABOVE_FEN + 1, "START_UP", "HULI", null)).post(investmentPath).then()
                .statusCode(202).extract().path("id");

        // a raise of a sub-fund's target above the limit, asked for by admin-1: waiting for a second administrator
        String change = given().auth().oauth2(admin).contentType(ContentType.JSON).body("{\"targetSizeFen\":"
                + (FundsAccessProfile.SECOND_APPROVAL_ABOVE_FEN + 1) + "}").post("/funds/FUND-VENTURE-SUB-06/target")
                .then().statusCode(202).extract().path("pendingTarget.id");
        String secondAdmin = TestTokens.subject("admin-2").roles("admin").sign();

        // a management fee above the fee limit, asked for by admin-1 (waiting for another principal), and one to refund
        String feeWaiting = given().auth().oauth2(admin).contentType(ContentType.JSON).body("{\"amountFen\":"
                + (FundsAccessProfile.FEE_SECOND_APPROVAL_ABOVE_FEN + 1) + ",\"dated\":\"" + today() + "\"}")
                .post("/funds/" + OWN_FUND + "/capital/fees").then().statusCode(202).extract().path("id");
        String feeToRefund = created(admin, "{\"amountFen\":100,\"dated\":\"" + today() + "\"}",
                "/funds/" + OWN_FUND + "/capital/fees");

        String subFund = "FUND-VENTURE-SUB-AR" + ThreadLocalRandom.current().nextInt(1_000_000);
        List<Rule> rules = new ArrayList<>();
        rules.add(Rule.of("GET /funds", none(), new Case("no role", noRole, 403),
                new Case("applicant", applicant, 403), new Case("officer", officer, 403),
                new Case("fund manager (its funds only)", ownManager, 200), new Case("auditor", auditor, 200),
                new Case("finance", finance, 200)));
        rules.add(Rule.of("POST /funds", "/funds", subFundBody(subFund), none(),
                new Case("fund manager", ownManager, 403), new Case("auditor", auditor, 403),
                new Case("admin", admin, 201)));
        rules.add(new Rule(AccessContract.Operation.of("GET /funds/{id}"), "/funds/" + OWN_FUND, null, "application/json",
                List.of(none(), new Case("applicant", applicant, 403), new Case("officer", officer, 403),
                        new Case("another fund's manager", otherManager, 404),
                        new Case("its manager", ownManager, 200), new Case("auditor", auditor, 200))));
        rules.add(Rule.of("PATCH /funds/{id}", "/funds/" + OWN_FUND, "{\"manager\":\"TBD\"}", none(),
                new Case("its manager", ownManager, 403), new Case("finance", finance, 403),
                new Case("auditor", auditor, 403), new Case("admin", admin, 200)));
        rules.add(Rule.of("POST /funds/{id}/status", "/funds/" + OWN_FUND + "/status", "{\"status\":\"OPEN\"}", none(),
                new Case("its manager", ownManager, 403), new Case("auditor", auditor, 403),
                new Case("admin", admin, 200)));
        rules.add(Rule.of("POST /funds/{id}/target", "/funds/FUND-VENTURE-SUB-08/target", "{\"targetSizeFen\":0}", none(),
                new Case("its manager", ownManager, 403), new Case("auditor", auditor, 403),
                new Case("admin", admin, 200)));
        rules.add(Rule.of("POST /funds/{id}/target/approval", "/funds/FUND-VENTURE-SUB-06/target/approval",
                "{\"changeId\":\"" + change + "\"}", none(), new Case("a fund manager", ownManager, 403),
                new Case("finance", finance, 403), new Case("auditor", auditor, 403),
                new Case("the admin who asked for it (maker-checker)", admin, 409),
                new Case("a second administrator", secondAdmin, 200)));
        rules.add(new Rule(AccessContract.Operation.of("GET /funds/{fundId}/capital"), capital, null, "application/json",
                List.of(none(), new Case("applicant", applicant, 403), new Case("another fund's manager", otherManager, 404),
                        new Case("its manager", ownManager, 200), new Case("auditor", auditor, 200))));
        rules.add(Rule.of("POST /funds/{fundId}/capital/commitments", capital + "/commitments", movement(100), none(),
                new Case("applicant", applicant, 403), new Case("officer", officer, 403),
                new Case("auditor", auditor, 403), new Case("another fund's manager", otherManager, 404),
                new Case("its manager", ownManager, 201), new Case("finance", finance, 201)));
        rules.add(Rule.of("POST /funds/{fundId}/capital/calls", capital + "/calls", movement(100), none(),
                new Case("applicant", applicant, 403), new Case("auditor", auditor, 403),
                new Case("another fund's manager", otherManager, 404), new Case("its manager", ownManager, 201)));
        rules.add(Rule.of("POST /funds/{fundId}/capital/calls/{callId}/payment", capital + "/calls/" + call + "/payment",
                "{\"paidOn\":\"" + today() + "\"}", none(), new Case("applicant", applicant, 403),
                new Case("auditor", auditor, 403), new Case("another fund's manager", otherManager, 404),
                new Case("its manager", ownManager, 201)));
        rules.add(Rule.of("POST /funds/{fundId}/capital/fees", capital + "/fees",
                "{\"amountFen\":100,\"dated\":\"" + today() + "\"}", none(), new Case("applicant", applicant, 403),
                new Case("officer", officer, 403), new Case("auditor", auditor, 403),
                new Case("another fund's manager", otherManager, 404), new Case("its manager", ownManager, 201),
                new Case("finance", finance, 201)));
        rules.add(Rule.of("POST /funds/{fundId}/capital/fees/{feeId}/approval", capital + "/fees/" + feeWaiting + "/approval",
                null, none(), new Case("applicant", applicant, 403), new Case("officer", officer, 403),
                new Case("auditor", auditor, 403), new Case("another fund's manager", otherManager, 404),
                new Case("the admin who asked for it (maker-checker)", admin, 409),
                new Case("its manager, a second principal", ownManager, 200)));
        rules.add(Rule.of("POST /funds/{fundId}/capital/fees/{feeId}/refund", capital + "/fees/" + feeToRefund + "/refund",
                "{\"dated\":\"" + today() + "\"}", none(), new Case("applicant", applicant, 403),
                new Case("officer", officer, 403), new Case("auditor", auditor, 403),
                new Case("another fund's manager", otherManager, 404), new Case("its manager", ownManager, 201)));
        String body = investment(ownUscc, 1_000_000, "START_UP", "HULI", null);
        rules.add(Rule.of("POST /funds/{id}/investments", investmentPath, body, none(), new Case("no role", noRole, 403),
                new Case("applicant for its own USCC", applicant, 403), new Case("officer", officer, 403),
                new Case("finance", finance, 403), new Case("auditor", auditor, 403),
                new Case("another fund's manager", otherManager, 404), new Case("its manager", ownManager, 201),
                new Case("admin", admin, 201)));
        rules.add(new Rule(AccessContract.Operation.of("GET /funds/{id}/investments/{investmentId}"),
                investmentPath + "/" + ownInvestment, null, "application/json", List.of(none(),
                new Case("applicant", applicant, 403), new Case("another fund's manager", otherManager, 404),
                new Case("its manager", ownManager, 200), new Case("auditor", auditor, 200))));
        rules.add(Rule.of("POST /funds/{id}/investments/{investmentId}/exit", investmentPath + "/" + toExit + "/exit",
                "{\"kind\":\"SALE\",\"exitedOn\":\"" + today() + "\",\"proceedsFen\":2000000}", none(),
                new Case("applicant", applicant, 403), new Case("officer", officer, 403),
                new Case("auditor", auditor, 403), new Case("another fund's manager", otherManager, 404),
                new Case("its manager", ownManager, 200)));
        rules.add(Rule.of("POST /funds/{id}/investments/{investmentId}/approval",
                investmentPath + "/" + awaiting + "/approval", null, none(), new Case("applicant", applicant, 403),
                new Case("officer", officer, 403), new Case("finance", finance, 403), new Case("auditor", auditor, 403),
                new Case("another fund's manager", otherManager, 404),
                new Case("the admin who asked for it (maker-checker)", admin, 409),
                new Case("its manager, a second principal", ownManager, 200)));
        rules.add(Rule.of("POST /funds/{id}/investments/{investmentId}/rejection",
                investmentPath + "/" + toReject + "/rejection", "{\"reason\":\"access test\"}", none(),
                new Case("applicant", applicant, 403), new Case("officer", officer, 403), new Case("finance", finance, 403),
                new Case("auditor", auditor, 403), new Case("another fund's manager", otherManager, 404),
                new Case("the admin who asked for it (maker-checker)", admin, 409),
                new Case("its manager, a second principal", ownManager, 200)));
        String valuations = investmentPath + "/" + ownInvestment + "/valuations";
        rules.add(Rule.of("POST /funds/{id}/investments/{investmentId}/valuations", valuations,
                "{\"fairValueFen\":1500000,\"asOf\":\"" + today() + "\",\"source\":\"access test\"}", none(),
                new Case("applicant", applicant, 403), new Case("officer", officer, 403), new Case("finance", finance, 403),
                new Case("auditor", auditor, 403), new Case("another fund's manager", otherManager, 404),
                new Case("its manager", ownManager, 201), new Case("admin", admin, 201)));
        rules.add(new Rule(AccessContract.Operation.of("GET /funds/{id}/investments/{investmentId}/valuations"), valuations,
                null, "application/json", List.of(none(), new Case("applicant", applicant, 403),
                new Case("another fund's manager", otherManager, 404), new Case("its manager", ownManager, 200),
                new Case("auditor", auditor, 200))));
        rules.add(new Rule(AccessContract.Operation.of("GET /funds/{id}/performance"), "/funds/" + OWN_FUND + "/performance",
                null, "application/json", List.of(none(), new Case("applicant", applicant, 403),
                new Case("officer", officer, 403), new Case("another fund's manager", otherManager, 404),
                new Case("its manager", ownManager, 200), new Case("auditor", auditor, 200))));
        rules.add(Rule.of("POST /admin/seed", "/admin/seed", null, none(), new Case("fund manager", ownManager, 403),
                new Case("auditor", auditor, 403), new Case("admin", admin, 200)));
        rules.add(Rule.of("GET /admin/audit", none(), new Case("fund manager", ownManager, 403),
                new Case("finance", finance, 403), new Case("auditor", auditor, 200)));
        for (String figures : List.of("/figures/scale", "/figures/leverage", "/figures/investments")) {
            rules.add(Rule.of("GET " + figures, none(), new Case("no role", noRole, 403),
                    new Case("applicant", applicant, 403), new Case("officer", officer, 403),
                    new Case("fund manager", ownManager, 403), new Case("auditor", auditor, 200),
                    new Case("finance", finance, 200)));
        }
        rules.add(new Rule(AccessContract.Operation.of("GET /figures/portfolios/{uscc}"), "/figures/portfolios/" + ownUscc,
                null, "application/json", List.of(none(), new Case("no role", noRole, 403),
                new Case("officer", officer, 403), new Case("another USCC's applicant", otherApplicant, 404),
                new Case("a manager of a fund without a position in it", otherManager, 404),
                new Case("its own applicant", applicant, 200), new Case("a manager of a fund in it", ownManager, 200),
                new Case("auditor", auditor, 200))));
        return AccessContract.check(RestAssured.port, rules);
    }

    @Test
    void a_fund_managers_list_holds_its_own_funds_only() {
        String manager = TestTokens.subject("fm-venture").roles("fund-manager").funds(OWN_FUND).sign();
        given().auth().oauth2(manager).get("/funds").then().statusCode(200).body("items.id", equalTo(List.of(OWN_FUND)));
        String none = TestTokens.subject("fm-none").roles("fund-manager").sign();
        given().auth().oauth2(none).get("/funds").then().statusCode(200).body("items.size()", equalTo(0));
    }

    @Test
    void a_portfolio_shows_a_fund_manager_its_funds_positions_only() {
        String admin = TestTokens.subject("admin-1").roles("admin").sign();
        String enterprise = uscc();
        created(admin, investment(enterprise, 1_000_000, "START_UP", "HULI", null), "/funds/" + OWN_FUND + "/investments");
        created(admin, investment(enterprise, 1_000_000, "GROWTH", "HULI", "digitalisation"),
                "/funds/" + OTHER_FUND + "/investments");
        String manager = TestTokens.subject("fm-venture").roles("fund-manager").funds(OWN_FUND).sign();
        given().auth().oauth2(manager).get("/figures/portfolios/" + enterprise).then().statusCode(200)
                .body("positions", equalTo(1)).body("investments.fundId", equalTo(List.of(OWN_FUND)));
        String applicant = TestTokens.subject("applicant-x").roles("applicant").uscc(enterprise).sign();
        given().auth().oauth2(applicant).get("/figures/portfolios/" + enterprise).then().statusCode(200)
                .body("positions", equalTo(2));
    }

    /**
     * A read-only role beside fund-manager must not widen what the manager writes: finance and auditor see
     * every fund, but investing, approving and exiting need admin or the fund in the {@code funds} claim.
     */
    @Test
    void a_fund_manager_who_is_also_auditor_or_finance_writes_only_its_own_funds() {
        String admin = TestTokens.subject("admin-1").roles("admin").sign();
        String otherPath = "/funds/" + OTHER_FUND + "/investments";
        String toExit = created(admin, investment(uscc(), 1_000_000, "GROWTH", "SIMING", "digitalisation"), otherPath);
        String awaiting = given().auth().oauth2(admin).contentType(ContentType.JSON).body(investment(uscc(),
                FundsAccessProfile.SECOND_APPROVAL_ABOVE_FEN + 1, "GROWTH", "SIMING", "digitalisation")).post(otherPath)
                .then().statusCode(202).extract().path("id");
        long available = ((Number) given().auth().oauth2(admin).get("/funds/" + OTHER_FUND).then().statusCode(200)
                .extract().path("availableFen")).longValue();
        for (String readRole : List.of("auditor", "finance")) {
            String token = TestTokens.subject("fm-venture-" + readRole).roles("fund-manager", readRole).funds(OWN_FUND)
                    .sign();
            given().auth().oauth2(token).contentType(ContentType.JSON).body(investment(uscc(), 1_000_000, "GROWTH",
                    "SIMING", "digitalisation")).post(otherPath).then().statusCode(404);
            given().auth().oauth2(token).contentType(ContentType.JSON).post(otherPath + "/" + awaiting + "/approval")
                    .then().statusCode(404);
            given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"kind\":\"SALE\",\"exitedOn\":\""
                    + today() + "\",\"proceedsFen\":2000000}").post(otherPath + "/" + toExit + "/exit").then()
                    .statusCode(404);
            // reading stays city-wide for the read role
            given().auth().oauth2(token).get("/funds/" + OTHER_FUND).then().statusCode(200);
        }
        assertEquals(available, ((Number) given().auth().oauth2(admin).get("/funds/" + OTHER_FUND).then()
                .statusCode(200).extract().path("availableFen")).longValue(), "nothing moved in the other fund");
        given().auth().oauth2(admin).get(otherPath + "/" + awaiting).then().statusCode(200)
                .body("state", equalTo("AWAITING_APPROVAL"));
        given().auth().oauth2(admin).get(otherPath + "/" + toExit).then().statusCode(200)
                .body("state", equalTo("COMMITTED"));
        // an auditor who manages a fund records no capital on another fund (finance may: capital is its work)
        String managerAuditor = TestTokens.subject("fm-venture-auditor").roles("fund-manager", "auditor")
                .funds(OWN_FUND).sign();
        given().auth().oauth2(managerAuditor).contentType(ContentType.JSON).body(movement(100))
                .post("/funds/" + OTHER_FUND + "/capital/commitments").then().statusCode(404);
    }

    @Inject
    InvestmentRepository investments;

    @Test
    void the_actor_recorded_is_the_tokens_subject_never_a_header() {
        String manager = TestTokens.subject("fm-venture").roles("fund-manager").funds(OWN_FUND).sign();
        String id = given().auth().oauth2(manager).header("X-User", "someone-else").header("X-Roles", "admin")
                .contentType(ContentType.JSON).body(investment(uscc(), 1_000_000, "START_UP", "HULI", null))
                .post("/funds/" + OWN_FUND + "/investments").then().statusCode(201).extract().path("id");
        String actor = investments.find(id).orElseThrow().actor();
        assertTrue(actor.startsWith("fm-venture;fund-manager;"), actor);
    }

    static Case none() {
        return new Case("no token", null, 401);
    }

    static String movement(long amountFen) {
        return "{\"source\":\"SOCIAL_CAPITAL\",\"amountFen\":" + amountFen + ",\"dated\":\"" + today()
                + "\",\"reference\":\"access test\"}";
    }

    static String subFundBody(String id) {
        return FundInvestmentsServiceTest.toJson(Map.of("id", id, "nameZh", "访问测试子基金", "nameEn", "Access test sub-fund",
                "parentFundId", "FUND-VENTURE", "manager", "Test GP", "targetSizeFen", 0, "stages", List.of("START_UP"),
                "instruments", List.of("EQUITY"), "placeholder", true, "note", "test data"));
    }
}
