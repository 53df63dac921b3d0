package org.susong.funds.rest;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.susong.funds.rest.InvestmentApprovalTest.as;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.susong.testing.ContractValidation;
import org.susong.testing.LocalInfraTestResource;

/**
 * Issue 23 (the fund target's maker-checker): raising a sub-fund's target size, which lets that much
 * more capital be committed to it, by more than {@code susong.funds.second-approval-above-fen} needs a
 * second administrator; until then the target does not change; the maker cannot approve it; a
 * repeated approval applies once.
 */
@QuarkusTest
@ExtendWith(ContractValidation.class)
@TestProfile(FundsAccessProfile.class)
@WithTestResource(LocalInfraTestResource.class)
class TargetApprovalTest {

    static final String FUND = "FUND-VENTURE-SUB-07";
    static final String URL = "/funds/" + FUND + "/target";

    static long target() {
        return as("auditor-1", "auditor").get("/funds/" + FUND).then().statusCode(200).extract().jsonPath()
                .getLong("targetSizeFen");
    }

    static JsonPath set(String admin, long targetFen, int status) {
        return as(admin, "admin").body(Map.of("targetSizeFen", targetFen)).post(URL).then().statusCode(status).extract()
                .jsonPath();
    }

    static ValidatableResponse approve(String admin, String changeId) {
        return as(admin, "admin").body(Map.of("changeId", changeId)).post(URL + "/approval").then();
    }

    @Test
    void a_target_raised_above_the_limit_waits_for_a_second_administrator() {
        long before = target();
        long raised = before + FundsAccessProfile.SECOND_APPROVAL_ABOVE_FEN + 1;

        JsonPath waiting = set("admin-maker", raised, 202);
        String change = waiting.getString("pendingTarget.id");
        assertEquals(raised, waiting.getLong("pendingTarget.targetSizeFen"));
        assertEquals("admin-maker", waiting.getString("pendingTarget.requestedBy"));
        set("admin-maker", raised, 409);
        assertEquals(before, target());

        // not by the maker, not by a fund manager
        approve("admin-maker", change).statusCode(409);
        as("fm-1", "fund-manager", FUND).body(Map.of("changeId", change)).post(URL + "/approval").then().statusCode(403);
        approve("admin-checker", "TGT-NOT-THIS-ONE").statusCode(409);
        assertEquals(before, target());

        // a second administrator approves: the target is set once; the repeat answers as it stands
        JsonPath approved = approve("admin-checker", change).statusCode(200).extract().jsonPath();
        assertEquals(raised, approved.getLong("targetSizeFen"));
        assertNull(approved.get("pendingTarget"));
        approve("admin-checker", change).statusCode(200).body("fundId", equalTo(FUND));
        approve("admin-other", change).statusCode(409);
        assertEquals(raised, target());

        // at the limit, or lowering it, one administrator sets it at once
        assertEquals(raised + FundsAccessProfile.SECOND_APPROVAL_ABOVE_FEN,
                set("admin-maker", raised + FundsAccessProfile.SECOND_APPROVAL_ABOVE_FEN, 200).getLong("targetSizeFen"));
        assertEquals(before, set("admin-maker", before, 200).getLong("targetSizeFen"));
    }

    /** Second reader: raises at the limit, one after another on one day, add up to a raise that needs a second admin. */
    @Test
    void raises_split_at_the_limit_on_one_day_wait_for_a_second_administrator() {
        String fund = "FUND-VENTURE-SUB-05";
        String url = "/funds/" + fund + "/target";
        long before = as("auditor-1", "auditor").get("/funds/" + fund).then().statusCode(200).extract().jsonPath()
                .getLong("targetSizeFen");
        long step = FundsAccessProfile.SECOND_APPROVAL_ABOVE_FEN;
        as("admin-a", "admin").body(Map.of("targetSizeFen", before + step)).post(url).then().statusCode(200);
        as("admin-b", "admin").body(Map.of("targetSizeFen", before + step + 1)).post(url).then().statusCode(202);
        assertEquals(before + step, as("auditor-1", "auditor").get("/funds/" + fund).then().statusCode(200).extract()
                .jsonPath().getLong("targetSizeFen"), "only the first raise applied");
    }
}
