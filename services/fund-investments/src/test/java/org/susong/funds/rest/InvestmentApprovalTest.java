package org.susong.funds.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.susong.funds.rest.AccessRulesTest.investment;
import static org.susong.funds.rest.AccessRulesTest.uscc;

import com.mongodb.client.MongoClient;
import com.mongodb.client.model.Filters;
import io.quarkus.arc.Arc;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.susong.funds.application.InvestmentResumer;
import org.susong.testing.ContractValidation;
import org.susong.testing.LocalInfraTestResource;
import org.susong.testing.TestTokens;

/**
 * Issue 23 item 2 (abuse case): investing fund money needs a fund manager of that fund (or admin),
 * and above {@code susong.funds.second-approval-above-fen} a second approver, another principal: until
 * then no money moves, whatever the resumer does; the maker cannot approve its own investment; a
 * repeated approval applies once.
 */
@QuarkusTest
@ExtendWith(ContractValidation.class)
@TestProfile(FundsAccessProfile.class)
@WithTestResource(LocalInfraTestResource.class)
class InvestmentApprovalTest {

    static final String FUND = "FUND-VENTURE";
    static final String URL = "/funds/" + FUND + "/investments";

    @Inject
    InvestmentResumer resumer;

    /** Each test starts the day's running totals of investments afresh (other tests invest in the same funds). */
    @BeforeEach
    void forgetTheDaysInvestmentTotals() {
        forgetInvestmentTotals();
    }

    static void forgetInvestmentTotals() {
        Arc.container().instance(MongoClient.class).get()
                .getDatabase(ConfigProvider.getConfig().getValue("quarkus.mongodb.database", String.class))
                .getCollection("daily_totals").deleteMany(Filters.regex("_id", "^investments:"));
    }

    static RequestSpecification as(String subject, String role, String... funds) {
        return given().auth().oauth2(TestTokens.subject(subject).roles(role).funds(funds).sign())
                .contentType(ContentType.JSON);
    }

    static long available() {
        return as("auditor-1", "auditor").get("/funds/" + FUND).then().statusCode(200).extract().jsonPath()
                .getLong("availableFen");
    }

    @Test
    void an_applicant_cannot_invest_fund_money_in_its_own_enterprise() {
        String own = uscc();
        long before = available();
        given().auth().oauth2(TestTokens.subject("applicant-1").roles("applicant").uscc(own).sign())
                .contentType(ContentType.JSON).body(investment(own, 1_000_000, "START_UP", "HULI", null)).post(URL)
                .then().statusCode(403);
        as("fm-tech", "fund-manager", "FUND-TECH-INNOVATION").body(investment(own, 1_000_000, "START_UP", "HULI", null))
                .post(URL).then().statusCode(404);
        assertEquals(before, available());
    }

    @Test
    void above_the_limit_an_investment_waits_for_a_second_approver_and_moves_money_once() {
        long amount = FundsAccessProfile.SECOND_APPROVAL_ABOVE_FEN + 1;
        long before = available();

        // a fund manager of the fund invests above the limit: accepted, waiting, no money moved
        String id = as("fm-maker", "fund-manager", FUND).body(investment(uscc(), amount, "START_UP", "HULI", null))
                .post(URL).then().statusCode(202).body("state", equalTo("AWAITING_APPROVAL"))
                .body("approval.requestedBy", equalTo("fm-maker")).extract().path("id");
        resumer.resumeStale();
        as("auditor-1", "auditor").get(URL + "/" + id).then().statusCode(200).body("state", equalTo("AWAITING_APPROVAL"));
        assertEquals(before, available());

        // the maker cannot approve it, nor can another fund's manager (404) or an auditor (403)
        as("fm-maker", "fund-manager", FUND).post(URL + "/" + id + "/approval").then().statusCode(409);
        as("fm-tech", "fund-manager", "FUND-TECH-INNOVATION").post(URL + "/" + id + "/approval").then().statusCode(404);
        as("auditor-1", "auditor").post(URL + "/" + id + "/approval").then().statusCode(403);
        assertEquals(before, available());

        // a second manager of the fund approves: committed, the money moves once
        as("fm-checker", "fund-manager", FUND).post(URL + "/" + id + "/approval").then().statusCode(200)
                .body("state", equalTo("COMMITTED")).body("approval.approvedBy", equalTo("fm-checker"));
        assertEquals(before - amount, available());

        // the same approval again is answered as it stands and moves nothing; another approver is refused
        as("fm-checker", "fund-manager", FUND).post(URL + "/" + id + "/approval").then().statusCode(200)
                .body("state", equalTo("COMMITTED"));
        as("admin-1", "admin").post(URL + "/" + id + "/approval").then().statusCode(409);
        resumer.resumeStale();
        assertEquals(before - amount, available());
    }

    @Test
    void at_the_limit_one_fund_manager_invests_alone() {
        long before = available();
        as("fm-alone", "fund-manager", FUND).body(investment(uscc(), FundsAccessProfile.SECOND_APPROVAL_ABOVE_FEN,
                "START_UP", "HULI", null)).post(URL).then().statusCode(201).body("state", equalTo("COMMITTED"));
        assertEquals(before - FundsAccessProfile.SECOND_APPROVAL_ABOVE_FEN, available());
    }

    /**
     * Second reader of issue 23 item 2: the limit is the maker's running total in the fund per business day, so
     * splitting a large investment into requests at the limit does not avoid the second approver.
     */
    @Test
    void investments_split_at_the_limit_by_one_maker_on_one_day_wait_for_a_second_approver() {
        long before = available();
        String enterprise = uscc();
        as("fm-splitter", "fund-manager", FUND).body(investment(enterprise, FundsAccessProfile.SECOND_APPROVAL_ABOVE_FEN,
                "START_UP", "HULI", null)).post(URL).then().statusCode(201).body("state", equalTo("COMMITTED"));
        as("fm-splitter", "fund-manager", FUND).body(investment(enterprise, 1, "START_UP", "HULI", null)).post(URL)
                .then().statusCode(202).body("state", equalTo("AWAITING_APPROVAL"));
        assertEquals(before - FundsAccessProfile.SECOND_APPROVAL_ABOVE_FEN, available(), "only the first moved money");
    }

    /**
     * Second reader of issue 23 item 2: the limit is the fund's running total per business day, all makers together.
     * Before, it was each maker's own: two managers of the same fund each invested up to the limit alone on the same
     * day, the fund moving (managers x limit) without a second look.
     */
    @Test
    void two_fund_managers_whose_investments_together_cross_the_limit_on_one_day_need_a_second_approver() {
        long before = available();
        long half = FundsAccessProfile.SECOND_APPROVAL_ABOVE_FEN / 2 + 1;
        as("fm-first", "fund-manager", FUND).body(investment(uscc(), half, "START_UP", "HULI", null)).post(URL)
                .then().statusCode(201).body("state", equalTo("COMMITTED"));
        as("fm-second", "fund-manager", FUND).body(investment(uscc(), half, "START_UP", "HULI", null)).post(URL)
                .then().statusCode(202).body("state", equalTo("AWAITING_APPROVAL"));
        assertEquals(before - half, available(), "only the first moved money");
    }

    /**
     * Second reader of issue 23 item 2: a waiting investment can be rejected by a second principal (a fund manager of the
     * fund other than the maker, or admin), with a reason, once; it can then no longer be approved. Before, there was
     * no way to turn it down.
     */
    @Test
    void a_second_principal_rejects_a_waiting_investment_once_with_a_reason() {
        long before = available();
        String id = as("fm-maker", "fund-manager", FUND).body(investment(uscc(),
                FundsAccessProfile.SECOND_APPROVAL_ABOVE_FEN + 1, "START_UP", "HULI", null)).post(URL).then()
                .statusCode(202).extract().path("id");
        String rejection = URL + "/" + id + "/rejection";
        String reason = "{\"reason\":\"valuation not supported by the due diligence\"}";

        as("fm-maker", "fund-manager", FUND).body(reason).post(rejection).then().statusCode(409);
        as("fm-tech", "fund-manager", "FUND-TECH-INNOVATION").body(reason).post(rejection).then().statusCode(404);
        as("auditor-1", "auditor").body(reason).post(rejection).then().statusCode(403);
        as("fm-checker", "fund-manager", FUND).body("{}").post(rejection).then().statusCode(400)
                .body("field", equalTo("reason"));

        as("fm-checker", "fund-manager", FUND).body(reason).post(rejection).then().statusCode(200)
                .body("state", equalTo("REJECTED")).body("approval.rejectedBy", equalTo("fm-checker"))
                .body("refusal", equalTo("valuation not supported by the due diligence"));
        as("admin-1", "admin").body(reason).post(rejection).then().statusCode(409);
        as("fm-checker", "fund-manager", FUND).post(URL + "/" + id + "/approval").then().statusCode(409);
        resumer.resumeStale();
        as("auditor-1", "auditor").get(URL + "/" + id).then().statusCode(200).body("state", equalTo("REJECTED"));
        assertEquals(before, available(), "no money moved");
    }
}
