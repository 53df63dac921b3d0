package org.susong.funds.rest;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.susong.funds.rest.FundInvestmentsServiceTest.toJson;
import static org.susong.funds.rest.ValuationTest.as;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.susong.testing.LocalInfraTestResource;
import org.susong.testing.TestBroker;

/**
 * Issue 20 item 9 (fund of funds): a parent's commitment to its sub-fund is counted on the parent, and the sub-fund's
 * PARENT_FUND call is paid from the parent's own money available, counted as the parent's investment, in one guarded
 * update of the parent before the sub-fund's paid-in; a parent without the money refuses it (problem+json, published)
 * and neither fund moves. A parent of its own (1,000,000,000 fen paid in, no reserve) and a sub-fund without reserve.
 */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
@ExtendWith(org.susong.testing.ContractValidation.class)
@ExtendWith(TestBroker.class)
class FundOfFundsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static String subFundOf(String parent, long targetFen) {
        String id = parent + "-S" + ThreadLocalRandom.current().nextInt(1_000);
        Map<String, Object> body = new HashMap<>(Map.of("id", id, "nameZh", "参股子基金", "nameEn", "Sub-fund",
                "parentFundId", parent, "manager", "Sub GP", "targetSizeFen", 0, "reserveBasisPoints", 0,
                "stages", List.of("GROWTH"), "instruments", List.of("EQUITY"), "placeholder", false));
        as("admin-1", "admin", null).body(toJson(body)).post("/funds").then().statusCode(201);
        as("admin-1", "admin", null).body(toJson(Map.of("targetSizeFen", targetFen))).post("/funds/" + id + "/target")
                .then().statusCode(200);
        return id;
    }

    static Map<String, Object> fromParent(long amountFen) {
        return Map.of("source", "PARENT_FUND", "amountFen", amountFen, "dated", "2026-06-15");
    }

    /** The sub-fund calls its parent for {@code amountFen} and pays the call in: the payment's answer. */
    static io.restassured.response.ValidatableResponse callAndPay(String sub, long amountFen) {
        String capital = "/funds/" + sub + "/capital";
        String call = as("fin-1", "finance", null).body(toJson(fromParent(amountFen))).post(capital + "/calls").then()
                .statusCode(201).extract().path("id");
        return as("fin-1", "finance", null).body(toJson(Map.of("paidOn", "2026-06-15")))
                .post(capital + "/calls/" + call + "/payment").then();
    }

    @Test
    void a_parents_commitment_to_its_sub_fund_is_counted_and_paid_from_the_parents_money_as_its_investment()
            throws Exception {
        String parent = ValuationTest.fundWithPaidIn(1_000_000_000L);
        String sub = subFundOf(parent, 500_000_000L);

        as("fin-1", "finance", null).body(toJson(fromParent(400_000_000L))).post("/funds/" + sub + "/capital/commitments")
                .then().statusCode(201);
        JsonPath committed = ReserveSpendingTest.fund(parent);
        assertEquals(400_000_000L, committed.getLong("subFundsCommittedFen"), "the parent's commitment to its sub-fund");
        assertEquals(1_000_000_000L, committed.getLong("availableFen"), "no money moves at commitment");
        assertEquals(0L, committed.getLong("investedFen"));

        callAndPay(sub, 300_000_000L).statusCode(201);
        JsonPath paid = ReserveSpendingTest.fund(parent);
        assertEquals(700_000_000L, paid.getLong("availableFen"), "the parent paid the call from its own money");
        assertEquals(300_000_000L, paid.getLong("investedFen"), "counted as the parent's investment");
        assertEquals(300_000_000L, paid.getLong("subFundsPaidInFen"));
        JsonPath subFund = ReserveSpendingTest.fund(sub);
        assertEquals(300_000_000L, subFund.getLong("paidInFen"));
        assertEquals(300_000_000L, subFund.getLong("availableFen"));
        // the family's scale counts the money once: the parent's capital, not the sub-fund's PARENT_FUND capital
        assertEquals(1_000_000_000L, as("auditor-1", "auditor", null).get("/figures/scale").then().statusCode(200)
                .extract().jsonPath().getLong("others.find { it.fundId == '" + parent + "' }.committedFen"));

        // each against its own target: the sub-fund 400,000,000 committed and 300,000,000 paid in of 500,000,000
        JsonPath scale = as("auditor-1", "auditor", null).get("/figures/scale").then().statusCode(200).extract().jsonPath();
        assertEquals(8_000L, scale.getLong("funds.find { it.fundId == '" + sub + "' }.committedOfTargetBasisPoints"));
        assertEquals(6_000L, scale.getLong("funds.find { it.fundId == '" + sub + "' }.paidInOfTargetBasisPoints"));
        assertEquals(parent, scale.getString("funds.find { it.fundId == '" + sub + "' }.parentFundId"));
        assertEquals(10_000L, scale.getLong("funds.find { it.fundId == '" + parent + "' }.committedOfTargetBasisPoints"));

        // the parent invests most of the rest in an enterprise: 50,000,000 left, a call of 100,000,000 is refused
        ValuationTest.invest(parent, 650_000_000L, "2026-06-01");
        JsonPath refused = callAndPay(sub, 100_000_000L).statusCode(422).body("field", equalTo("amountFen"))
                .extract().jsonPath();
        String movementId = refused.getString("movementId");
        JsonPath parentAfter = ReserveSpendingTest.fund(parent);
        assertEquals(50_000_000L, parentAfter.getLong("availableFen"));
        assertEquals(950_000_000L, parentAfter.getLong("investedFen"));
        assertEquals(300_000_000L, parentAfter.getLong("subFundsPaidInFen"));
        assertEquals(300_000_000L, ReserveSpendingTest.fund(sub).getLong("paidInFen"), "the sub-fund got nothing");
        JsonNode event = JSON.readTree(ReserveSpendingTest.published(movementId,
                "susong.fund-investments.CapitalMovementRefused.v1").value());
        assertEquals("PAID_IN", event.path("kind").asText());
        assertEquals("PARENT_FUND", event.path("source").asText());
        List<String> breaches = ReserveSpendingTest.moneyBreaches();
        assertFalse(breaches.contains(parent), breaches.toString());
        assertFalse(breaches.contains(sub), breaches.toString());
    }
}
