package org.susong.funds.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.susong.funds.rest.ValuationTest.as;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.susong.testing.LocalInfraTestResource;

/**
 * Issue 16 item 7 (fund-investments' part): the 10x leverage goal and the venture fund as the parent of the eight
 * sub-funds are readings of the source, not its words, and every answer that shows them says so in both languages,
 * quoting the source's phrase: 统筹不少于300亿元的财政科技资金,带动各类资金3000亿元 (the two amounts; no ratio) and
 * 厦门科技创新创业引导基金首批参股子基金已有8只落地 (another guidance fund's name).
 */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
@ExtendWith(org.susong.testing.ContractValidation.class)
class ReadingsTest {

    private static final String LEVERAGE_PHRASE = "2024-2026年统筹不少于300亿元的财政科技资金,带动各类资金3000亿元";
    private static final String SUB_FUNDS_PHRASE = "厦门科技创新创业引导基金首批参股子基金已有8只落地";

    @Test
    void the_leverage_goal_of_10_is_marked_as_a_reading_of_the_two_amounts_the_source_names() {
        JsonPath leverage = as("auditor-1", "auditor", null).get("/figures/leverage").then().statusCode(200).extract()
                .jsonPath();
        assertEquals(10, leverage.getInt("leverageGoal"));
        assertEquals(List.of("c1-leverage-goal-10x"), leverage.getList("readings.id"));
        assertEquals(LEVERAGE_PHRASE, leverage.getString("readings[0].sourcePhrase"));
        assertTrue(leverage.getString("readings[0].en").startsWith("Reading, not the source's words"));
        assertTrue(leverage.getString("readings[0].zh").startsWith("解读，非原文"));

        String csv = as("auditor-1", "auditor", null).accept("text/csv").get("/figures/leverage").then().statusCode(200)
                .extract().asString();
        String[] lines = csv.split("\n");
        assertTrue(lines[0].endsWith(",leverageGoal,c1FiscalFen,c1MobilisedFen,fiscalShareOfC1Percent,placeholder,readings"),
                lines[0]);
        assertTrue(lines[1].endsWith(",c1-leverage-goal-10x"), lines[1]);
    }

    @Test
    void the_venture_fund_as_parent_of_the_eight_seeded_sub_funds_is_marked_as_a_reading_where_it_shows() {
        for (String id : List.of("FUND-VENTURE", "FUND-VENTURE-SUB-01", "FUND-VENTURE-SUB-08")) {
            JsonPath fund = as("admin-1", "admin", null).get("/funds/" + id).then().statusCode(200).extract().jsonPath();
            assertEquals(List.of("c2-sub-funds-parent-venture-fund"), fund.getList("readings.id"), id);
            assertEquals(SUB_FUNDS_PHRASE, fund.getString("readings[0].sourcePhrase"), id);
            assertTrue(fund.getString("readings[0].zh").contains("厦门科技创新创业引导基金"), id);
        }
        // a fund whose parent (none) and figures rest on no reading carries none; placeholders keep their own flag
        JsonPath tech = as("admin-1", "admin", null).get("/funds/FUND-TECH-INNOVATION").then().statusCode(200).extract()
                .jsonPath();
        assertEquals(List.of(), tech.getList("readings"));
        assertEquals(true, tech.getBoolean("placeholder"));
        // a sub-fund an administrator registers under the venture fund is the administrator's fact, not a reading
        String sub = "FUND-VENTURE-SUB-R" + System.nanoTime() % 100_000;
        as("admin-1", "admin", null).body(FundInvestmentsServiceTest.toJson(Map.of("id", sub, "nameZh", "测试子基金",
                "nameEn", "Test sub-fund", "parentFundId", "FUND-VENTURE", "manager", "Test GP", "targetSizeFen", 0,
                "stages", List.of("START_UP"), "instruments", List.of("EQUITY"), "placeholder", true))).post("/funds").then().statusCode(201);
        assertEquals(List.of(), as("admin-1", "admin", null).get("/funds/" + sub).then().statusCode(200).extract()
                .jsonPath().getList("readings"));

        JsonPath scale = as("auditor-1", "auditor", null).get("/figures/scale").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("c2-sub-funds-parent-venture-fund"),
                scale.getList("inTarget.find { it.fundId == 'FUND-VENTURE' }.readings.id"));
        assertEquals(List.of(), scale.getList("inTarget.find { it.fundId == 'FUND-TECH-INNOVATION' }.readings"));
        String csv = as("auditor-1", "auditor", null).accept("text/csv").get("/figures/scale").then().statusCode(200)
                .extract().asString();
        assertTrue(csv.startsWith("group,fundId,nameEn,kind,subFunds,targetSizeFen,committedFen,paidInFen,"
                + "fiscalCommittedFen,managementFeesFen,parentFundId,committedOfTargetPercent,paidInOfTargetPercent,placeholder,readings\n"), csv);
        assertTrue(csv.lines().anyMatch(l -> l.startsWith("IN_100_BILLION_TARGET,FUND-VENTURE,")
                && l.endsWith(",c2-sub-funds-parent-venture-fund")), csv);
        assertTrue(csv.lines().anyMatch(l -> l.startsWith("IN_100_BILLION_TARGET,FUND-TECH-INNOVATION,")
                && l.endsWith(",")), csv);
    }
}
