package org.susong.funds.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.susong.funds.rest.FundInvestmentsServiceTest.toJson;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.susong.testing.LocalInfraTestResource;
import org.susong.testing.Usccs;

/**
 * Issue 20 item 9 (valuations): a fund manager records fair values of an investment (history kept), the investment
 * shows its unrealised multiple (fair value of the remaining position / the cost still held) and the fund its DPI,
 * RVPI and TVPI on paid-in capital, in integer fen and basis points rounded half up. Each test uses a fund of its own,
 * created through the API, so the figures are exact.
 */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
@ExtendWith(org.susong.testing.ContractValidation.class)
class ValuationTest {

    static RequestSpecification as(String user, String role, String funds) {
        RequestSpecification spec = given().header("X-User", user).header("X-Roles", role).contentType(ContentType.JSON);
        return funds == null ? spec : spec.header("X-Funds", funds);
    }

    static String uscc() {
        return Usccs.random("MC");
    }

    /** A new top-level fund with {@code paidInFen} committed, called and paid in (reserve 0). */
    static String fundWithPaidIn(long paidInFen) {
        return fundWithPaidIn(paidInFen, 0);
    }

    /** A new top-level fund with {@code paidInFen} committed, called and paid in, holding back the reserve share given. */
    static String fundWithPaidIn(long paidInFen, int reserveBasisPoints) {
        String id = "FUND-VAL-" + ThreadLocalRandom.current().nextInt(100_000_000);
        Map<String, Object> body = new HashMap<>(Map.of("id", id, "nameZh", "估值测试基金", "nameEn", "Valuation test fund",
                "kind", "VENTURE", "vintageYear", 2024, "manager", "Test GP", "targetSizeFen", paidInFen,
                "reserveBasisPoints", reserveBasisPoints, "stages", List.of("START_UP", "GROWTH"),
                "instruments", List.of("EQUITY")));
        body.put("placeholder", false);
        as("admin-1", "admin", null).body(toJson(body)).post("/funds").then().statusCode(201);
        String capital = "/funds/" + id + "/capital";
        Map<String, Object> movement = Map.of("source", "SOCIAL_CAPITAL", "amountFen", paidInFen, "dated", "2026-01-05");
        as("fin-1", "finance", null).body(toJson(movement)).post(capital + "/commitments").then().statusCode(201);
        String call = as("fin-1", "finance", null).body(toJson(movement)).post(capital + "/calls").then().statusCode(201)
                .extract().path("id");
        as("fin-1", "finance", null).body(toJson(Map.of("paidOn", "2026-06-15"))).post(capital + "/calls/" + call + "/payment")
                .then().statusCode(201);
        return id;
    }

    static String invest(String fund, long amountFen, String investedOn) {
        Map<String, Object> body = Map.of("enterpriseUscc", uscc(), "round", "Series A", "instrument", "EQUITY",
                "amountFen", amountFen, "stakePercent", 5, "investedOn", investedOn, "stage", "GROWTH");
        return as("fm-1", "fund-manager", fund).body(toJson(body)).post("/funds/" + fund + "/investments").then()
                .statusCode(201).extract().path("id");
    }

    static Map<String, Object> valuation(long fairValueFen, String asOf) {
        return Map.of("fairValueFen", fairValueFen, "asOf", asOf, "source", "independent appraisal");
    }

    @Test
    void valuations_are_kept_and_the_latest_gives_the_unrealised_multiple_of_what_is_held() {
        String fund = fundWithPaidIn(1_000_000_000L);
        String investment = invest(fund, 300_000_000L, "2026-02-01");
        String url = "/funds/" + fund + "/investments/" + investment + "/valuations";
        as("fm-1", "fund-manager", fund).get(url).then().statusCode(200).body("latest", nullValue())
                .body("unrealisedMultiple", nullValue()).body("valuations.size()", equalTo(0));

        as("fm-1", "fund-manager", fund).body(toJson(valuation(450_000_000L, "2026-06-12"))).post(url).then()
                .statusCode(201).body("unrealisedMultipleBasisPoints", equalTo(15000))
                .body("unrealisedMultiple", equalTo(1.5f)).body("latest.recordedBy", equalTo("fm-1"));
        // an older valuation recorded later is history, not the one that counts
        as("admin-1", "admin", null).body(toJson(valuation(100_000_000L, "2026-03-31"))).post(url).then().statusCode(201)
                .body("latest.fairValueFen", equalTo(450_000_000)).body("valuations.size()", equalTo(2))
                .body("valuations[0].asOf", equalTo("2026-03-31"));

        // half the cost leaves (partial exit): the multiple is on what is held; a new valuation of the rest
        as("fm-1", "fund-manager", fund).body(toJson(Map.of("kind", "SALE", "exitedOn", "2026-06-13",
                "proceedsFen", 200_000_000L, "exitedFen", 150_000_000L))).post("/funds/" + fund + "/investments/"
                + investment + "/exit").then().statusCode(200);
        // 200,000,001 / 150,000,000 = 1.333333.. -> 13333 basis points (half up)
        JsonPath valued = as("auditor-1", "auditor", null).body(toJson(valuation(200_000_001L, "2026-06-14"))).post(url)
                .then().statusCode(403).extract().jsonPath();
        assertEquals(403, valued.getInt("status"));
        as("fm-1", "fund-manager", fund).body(toJson(valuation(200_000_001L, "2026-06-14"))).post(url).then()
                .statusCode(201).body("heldFen", equalTo(150_000_000)).body("unrealisedMultipleBasisPoints", equalTo(13333))
                .body("valuations.size()", equalTo(3));
        // 2/3 = 0.66666.. -> 6667 (half up)
        as("fm-1", "fund-manager", fund).body(toJson(valuation(100_000_000L, "2026-06-15"))).post(url).then()
                .statusCode(201).body("unrealisedMultipleBasisPoints", equalTo(6667));
    }

    @Test
    void a_valuation_is_of_a_held_position_within_its_dates_and_of_the_fund_managers_own_fund() {
        String fund = fundWithPaidIn(1_000_000_000L);
        String investment = invest(fund, 100_000_000L, "2026-02-01");
        String url = "/funds/" + fund + "/investments/" + investment + "/valuations";
        as("fm-1", "fund-manager", fund).body(toJson(valuation(1, "2026-06-16"))).post(url).then().statusCode(422)
                .body("field", equalTo("asOf"));
        as("fm-1", "fund-manager", fund).body(toJson(valuation(1, "2026-01-31"))).post(url).then().statusCode(422)
                .body("field", equalTo("asOf"));
        as("fm-1", "fund-manager", fund).body(toJson(valuation(-1, "2026-06-01"))).post(url).then().statusCode(400)
                .body("field", equalTo("fairValueFen"));
        as("fm-1", "fund-manager", fund).body(toJson(Map.of("fairValueFen", 1, "asOf", "2026-06-01"))).post(url).then()
                .statusCode(400).body("field", equalTo("source"));
        as("fm-2", "fund-manager", "FUND-VENTURE").body(toJson(valuation(1, "2026-06-01"))).post(url).then()
                .statusCode(404);
        as("fm-2", "fund-manager", "FUND-VENTURE").get(url).then().statusCode(404);
        as("fm-1", "fund-manager", fund).body(toJson(Map.of("kind", "WRITE_OFF", "exitedOn", "2026-06-13",
                "proceedsFen", 0))).post("/funds/" + fund + "/investments/" + investment + "/exit").then().statusCode(200);
        as("fm-1", "fund-manager", fund).body(toJson(valuation(1, "2026-06-14"))).post(url).then().statusCode(409);
    }

    @Test
    void the_fund_shows_dpi_rvpi_and_tvpi_on_paid_in_capital() {
        String fund = fundWithPaidIn(1_000_000_000L);
        String perf = "/funds/" + fund + "/performance";
        as("auditor-1", "auditor", null).get(perf).then().statusCode(200).body("paidInFen", equalTo(1_000_000_000))
                .body("tvpiBasisPoints", equalTo(0)).body("positionsAtCost", equalTo(0));
        String a = invest(fund, 300_000_000L, "2026-02-01");
        String b = invest(fund, 200_000_000L, "2026-03-01");
        String c = invest(fund, 100_000_000L, "2026-03-02");
        // a: valued at 600,000,000; b: half sold for 250,000,000, the rest not valued (at cost 100,000,000);
        // c: written off (0)
        as("fm-1", "fund-manager", fund).body(toJson(valuation(600_000_000L, "2026-06-10")))
                .post("/funds/" + fund + "/investments/" + a + "/valuations").then().statusCode(201);
        as("fm-1", "fund-manager", fund).body(toJson(Map.of("kind", "SALE", "exitedOn", "2026-06-11",
                "proceedsFen", 250_000_000L, "exitedFen", 100_000_000L))).post("/funds/" + fund + "/investments/" + b
                + "/exit").then().statusCode(200);
        as("fm-1", "fund-manager", fund).body(toJson(Map.of("kind", "WRITE_OFF", "exitedOn", "2026-06-11",
                "proceedsFen", 0))).post("/funds/" + fund + "/investments/" + c + "/exit").then().statusCode(200);

        // DPI 250/1000 = 0.25, RVPI (600 + 100)/1000 = 0.7, TVPI 0.95
        as("fm-1", "fund-manager", fund).get(perf).then().statusCode(200).body("distributedFen", equalTo(250_000_000))
                .body("residualValueFen", equalTo(700_000_000)).body("positionsValued", equalTo(1))
                .body("positionsAtCost", equalTo(1)).body("dpiBasisPoints", equalTo(2500))
                .body("rvpiBasisPoints", equalTo(7000)).body("tvpiBasisPoints", equalTo(9500))
                .body("tvpi", equalTo(0.95f));
        as("fm-2", "fund-manager", "FUND-VENTURE").get(perf).then().statusCode(404);
        as("auditor-1", "auditor", null).get("/funds/FUND-NO-SUCH/performance").then().statusCode(404);
    }
}
