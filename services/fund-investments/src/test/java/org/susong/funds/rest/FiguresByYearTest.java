package org.susong.funds.rest;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.susong.funds.rest.FundInvestmentsServiceTest.toJson;
import static org.susong.funds.rest.ValuationTest.as;
import static org.susong.funds.rest.ValuationTest.uscc;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.susong.testing.LocalInfraTestResource;

/**
 * Issue 20 item 9, figures by year: {@code /figures/*} with {@code year=} count what happened in that calendar year,
 * each by its own date (a commitment by the day it was made, paid-in capital by the day it was paid, a fee by the day
 * it was paid, an investment by {@code investedOn}, an exit by {@code exitedOn}); each fund against its own target and
 * its management fees are in the scale's JSON and CSV. The scenario is dated 1997-1999 (capital paid in is dated by
 * its payment, never before the call: 2026, the test's business year), years no other test writes in, so the year
 * totals are exact.
 */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
@ExtendWith(org.susong.testing.ContractValidation.class)
class FiguresByYearTest {

    private static final long TARGET = 2_000_000_000L;

    private static RequestSpecification auditor() {
        return as("auditor-1", "auditor", null);
    }

    /** A new top-level fund with a 2,000,000,000 fen target, a 10 % reserve and nothing committed. */
    private static String fund() {
        String id = "FUND-YEAR-" + ThreadLocalRandom.current().nextInt(100_000_000);
        Map<String, Object> body = new HashMap<>(Map.of("id", id, "nameZh", "年度测试基金", "nameEn", "Year test fund",
                "kind", "VENTURE", "vintageYear", 1996, "manager", "Test GP", "targetSizeFen", TARGET,
                "reserveBasisPoints", 1000, "stages", List.of("START_UP", "GROWTH"), "instruments", List.of("EQUITY")));
        body.put("placeholder", false);
        as("admin-1", "admin", null).body(toJson(body)).post("/funds").then().statusCode(201);
        return id;
    }

    private static String capital(String fund, String kind, String source, long amountFen, String dated) {
        return as("fin-1", "finance", null).body(toJson(Map.of("source", source, "amountFen", amountFen, "dated", dated)))
                .post("/funds/" + fund + "/capital/" + kind).then().statusCode(201).extract().path("id");
    }

    private static String invest(String fund, long amountFen, String investedOn) {
        Map<String, Object> body = Map.of("enterpriseUscc", uscc(), "round", "Series A", "instrument", "EQUITY",
                "amountFen", amountFen, "stakePercent", 5, "investedOn", investedOn, "stage", "GROWTH",
                "district", "SIMING", "field", "digitalisation");
        return as("fm-1", "fund-manager", fund).body(toJson(body)).post("/funds/" + fund + "/investments").then()
                .statusCode(201).extract().path("id");
    }

    private static void fee(String fund, long amountFen, String dated) {
        as("fm-1", "fund-manager", fund).body(toJson(Map.of("amountFen", amountFen, "dated", dated)))
                .post("/funds/" + fund + "/capital/fees").then().statusCode(201);
    }

    private static JsonPath own(String path, String fund) {
        return new JsonPath(toJson(auditor().get(path).then().statusCode(200).extract().jsonPath()
                .getList("funds.findAll { it.fundId == '" + fund + "' }").get(0)));
    }

    @Test
    void a_year_counts_what_is_dated_in_it_each_by_its_own_date_and_without_a_year_the_totals_stay() {
        String fund = fund();
        capital(fund, "commitments", "SOCIAL_CAPITAL", 500_000_000L, "1997-03-01");
        capital(fund, "commitments", "CITY_FISCAL", 300_000_000L, "1998-01-10");
        String call = capital(fund, "calls", "SOCIAL_CAPITAL", 500_000_000L, "1998-02-01");
        as("fin-1", "finance", null).body(toJson(Map.of("paidOn", "2026-06-15")))
                .post("/funds/" + fund + "/capital/calls/" + call + "/payment").then().statusCode(201);
        // paid in 500,000,000: reserve 50,000,000, available 450,000,000
        String first = invest(fund, 100_000_000L, "1997-05-01");
        invest(fund, 50_000_000L, "1998-03-01");
        as("fm-1", "fund-manager", fund).body(toJson(Map.of("kind", "SALE", "exitedOn", "1999-02-01",
                "proceedsFen", 60_000_000L, "exitedFen", 40_000_000L)))
                .post("/funds/" + fund + "/investments/" + first + "/exit").then().statusCode(200);
        fee(fund, 10_000_000L, "1997-12-01");
        fee(fund, 5_000_000L, "1998-06-01");

        // 1997: the SOCIAL_CAPITAL commitment, the fee of 1997; nothing paid in (that was 2026)
        JsonPath y1997 = own("/figures/scale?year=1997", fund);
        assertEquals(500_000_000L, y1997.getLong("committedFen"));
        assertEquals(0L, y1997.getLong("paidInFen"));
        assertEquals(2500L, y1997.getLong("committedOfTargetBasisPoints"), "25.00 % of its own target, committed in 1997");
        assertEquals(10_000_000L, y1997.getLong("managementFeesFen"));
        assertEquals(1997, auditor().get("/figures/scale?year=1997").then().statusCode(200).extract().jsonPath()
                .getInt("year"));
        // 1998: the fiscal commitment and the second fee
        JsonPath y1998 = own("/figures/scale?year=1998", fund);
        assertEquals(300_000_000L, y1998.getLong("committedFen"));
        assertEquals(5_000_000L, y1998.getLong("managementFeesFen"));
        // 2026: the payment, by the day it was paid in
        JsonPath y2026 = own("/figures/scale?year=2026", fund);
        assertEquals(0L, y2026.getLong("committedFen"));
        assertEquals(500_000_000L, y2026.getLong("paidInFen"));
        assertEquals(2500L, y2026.getLong("paidInOfTargetBasisPoints"));
        assertEquals(0L, y2026.getLong("managementFeesFen"));
        // without a year: the totals as of now, as before (fees: what the reserve paid)
        JsonPath total = own("/figures/scale", fund);
        assertEquals(800_000_000L, total.getLong("committedFen"));
        assertEquals(500_000_000L, total.getLong("paidInFen"));
        assertEquals(15_000_000L, total.getLong("managementFeesFen"));
        assertNull(auditor().get("/figures/scale").then().statusCode(200).extract().jsonPath().get("year"));

        // the leverage of 1998 counts the fiscal commitment of that year only (no other test writes in 1998)
        JsonPath leverage = auditor().get("/figures/leverage?year=1998").then().statusCode(200).extract().jsonPath();
        assertEquals(1998, leverage.getInt("year"));
        assertEquals(300_000_000L, leverage.getLong("fiscalCommittedFen"));
        assertEquals(300_000_000L, leverage.getLong("mobilisedCommittedFen"));
        assertEquals(100L, leverage.getLong("leverageHundredths"));
        assertEquals(500_000_000L, auditor().get("/figures/leverage?year=1997").then().statusCode(200).extract()
                .jsonPath().getLong("mobilisedCommittedFen"));

        // investments by investedOn, exits by exitedOn
        JsonPath i1997 = auditor().get("/figures/investments?year=1997").then().statusCode(200).extract().jsonPath();
        assertEquals(1, i1997.getInt("count"));
        assertEquals(100_000_000L, i1997.getLong("amountFen"));
        Map<String, Map<String, Number>> byFund = i1997.getMap("byFund");
        assertEquals(100_000_000L, byFund.get(fund).get("amountFen").longValue(), "by fund");
        assertEquals(1, i1997.getInt("byDistrict.SIMING.count"));
        assertEquals(1, i1997.getInt("byField.digitalisation.count"));
        assertEquals(0, i1997.getInt("exits.count"), "the exit of that investment came in 1999");
        JsonPath i1998 = auditor().get("/figures/investments?year=1998").then().statusCode(200).extract().jsonPath();
        assertEquals(1, i1998.getInt("count"));
        assertEquals(50_000_000L, i1998.getLong("amountFen"));
        JsonPath i1999 = auditor().get("/figures/investments?year=1999").then().statusCode(200).extract().jsonPath();
        assertEquals(0, i1999.getInt("count"));
        assertEquals(1, i1999.getInt("exits.count"));
        assertEquals(40_000_000L, i1999.getLong("exits.exitedFen"));
        assertEquals(60_000_000L, i1999.getLong("exits.proceedsFen"));
        assertNull(auditor().get("/figures/investments").then().statusCode(200).extract().jsonPath().get("exits"),
                "the totals keep no exit tallies");

        // the CSVs take the year too
        String scaleCsv = auditor().accept("text/csv").get("/figures/scale?year=1997").then().statusCode(200).extract()
                .asString();
        assertTrue(scaleCsv.startsWith(FigureResource.SCALE_HEADER), scaleCsv);
        assertTrue(scaleCsv.lines().anyMatch(l -> l.equals("OWN_TARGET," + fund + ",,,," + TARGET
                + ",500000000,0,,10000000,,25.00,0.00,false,")), scaleCsv);
        String investmentsCsv = auditor().accept("text/csv").get("/figures/investments?year=1999").then().statusCode(200)
                .extract().asString();
        assertTrue(investmentsCsv.contains("\nexits,EXITED,1,40000000\nexits,PROCEEDS,1,60000000\n"), investmentsCsv);
        assertTrue(investmentsCsv.contains("\ntotal,ALL,0,0\n"), investmentsCsv);
        String leverageCsv = auditor().accept("text/csv").get("/figures/leverage?year=1998").then().statusCode(200)
                .extract().asString();
        assertTrue(leverageCsv.lines().skip(1).findFirst().orElseThrow().startsWith("300000000,300000000,1.00,"),
                leverageCsv);
    }

    @Test
    void each_fund_against_its_own_target_and_its_fees_are_in_the_scale_csv_without_a_year_too() {
        String fund = fund();
        capital(fund, "commitments", "SOCIAL_CAPITAL", 1_500_000_000L, "2026-01-05");
        String csv = auditor().accept("text/csv").get("/figures/scale").then().statusCode(200).extract().asString();
        assertTrue(csv.lines().anyMatch(l -> l.equals("OWN_TARGET," + fund + ",,,," + TARGET
                + ",1500000000,0,,0,,75.00,0.00,false,")), csv);
        assertTrue(csv.lines().anyMatch(l -> l.startsWith("OWN_TARGET,FUND-VENTURE-SUB-01,,,,")
                && l.contains(",FUND-VENTURE,")), "a sub-fund names its parent: " + csv);
        assertTrue(csv.lines().anyMatch(l -> l.startsWith("TOTAL_FEES,")), csv);
    }

    @Test
    void a_mistyped_or_out_of_range_year_is_400_naming_year_as_json_and_as_csv() {
        for (String path : List.of("/figures/scale", "/figures/leverage", "/figures/investments")) {
            for (String year : List.of("20x5", "1989", "2027", "", "02026", "-2020")) {
                auditor().queryParam("year", year).get(path).then().statusCode(400)
                        .contentType("application/problem+json").body("field", equalTo("year"));
                auditor().accept("text/csv").queryParam("year", year).get(path).then().statusCode(400)
                        .contentType("application/problem+json").body("field", equalTo("year"));
            }
            auditor().queryParam("year", "2026").get(path).then().statusCode(200).body("year", equalTo(2026));
            auditor().queryParam("year", "1990").get(path).then().statusCode(200).body("year", equalTo(1990));
        }
    }
}
