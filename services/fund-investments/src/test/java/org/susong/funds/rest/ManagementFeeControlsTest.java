package org.susong.funds.rest;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.susong.funds.rest.FundInvestmentsServiceTest.toJson;
import static org.susong.funds.rest.ReserveSpendingTest.JSON;
import static org.susong.funds.rest.ReserveSpendingTest.PAID_IN;
import static org.susong.funds.rest.ReserveSpendingTest.RESERVE;
import static org.susong.funds.rest.ReserveSpendingTest.fee;
import static org.susong.funds.rest.ReserveSpendingTest.fund;
import static org.susong.funds.rest.ReserveSpendingTest.moneyBreaches;
import static org.susong.funds.rest.ReserveSpendingTest.published;
import static org.susong.funds.rest.ValuationTest.as;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.susong.testing.LocalInfraTestResource;
import org.susong.testing.TestBroker;

/**
 * Issue 20 item 9, controls on management fees (money out of a fund's reserve): an {@code Idempotency-Key} makes a
 * repeat answer the first fee and move nothing; a fee above {@code fee-second-approval-above-fen} (100,000,000 fen in
 * the test profile) waits for a second principal; a fee is refunded into the reserve once, never beyond the fee. Each
 * test uses a fund of its own, so the reserve figures are exact.
 */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
@ExtendWith(org.susong.testing.ContractValidation.class)
@ExtendWith(TestBroker.class)
class ManagementFeeControlsTest {

    @jakarta.inject.Inject
    org.susong.funds.persistence.CapitalMovementRepository movements;
    @jakarta.inject.Inject
    java.time.Clock clock;

    private static ExtractableResponse<Response> payFee(String user, String fund, String key, long amountFen) {
        var spec = as(user, "fund-manager", fund).body(fee(amountFen));
        if (key != null) {
            spec = spec.header("Idempotency-Key", key);
        }
        return spec.post("/funds/" + fund + "/capital/fees").then().extract();
    }

    private static long feesInJournal(String fund) {
        List<Map<String, Object>> journal = as("fm-1", "fund-manager", fund).get("/funds/" + fund + "/capital").then()
                .statusCode(200).extract().jsonPath().getList("items");
        return journal.stream().filter(m -> "MANAGEMENT_FEE".equals(m.get("kind"))).count();
    }

    @Test
    void a_repeated_fee_under_the_same_key_answers_the_first_and_moves_nothing() {
        String fund = ValuationTest.fundWithPaidIn(PAID_IN, 1000);
        String other = ValuationTest.fundWithPaidIn(PAID_IN, 1000);
        ExtractableResponse<Response> first = payFee("fm-1", fund, "fee-2026-h1", 30_000_000L);
        assertEquals(201, first.statusCode());
        assertEquals("false", first.header("Idempotent-Replayed"));
        String feeId = first.path("id");
        ExtractableResponse<Response> repeat = payFee("fm-1", fund, "fee-2026-h1", 30_000_000L);
        assertEquals(201, repeat.statusCode());
        assertEquals("true", repeat.header("Idempotent-Replayed"));
        assertEquals(feeId, repeat.path("id"));
        assertEquals("APPLIED", repeat.path("state"));
        assertEquals(RESERVE - 30_000_000L, fund(fund).getLong("reserveFen"), "the repeat moved nothing");
        assertEquals(1, feesInJournal(fund));

        // the same key with another body, or on another fund: refused, naming the header and the first fee
        ExtractableResponse<Response> otherBody = payFee("fm-1", fund, "fee-2026-h1", 40_000_000L);
        assertEquals(422, otherBody.statusCode());
        assertEquals("Idempotency-Key", otherBody.path("field"));
        assertEquals(feeId, otherBody.path("movementId"));
        assertEquals(422, payFee("fm-1", other, "fee-2026-h1", 30_000_000L).statusCode(), "fm-1's key on another fund");
        assertEquals(RESERVE, fund(other).getLong("reserveFen"));
        assertEquals(201, as("admin-1", "admin", null).header("Idempotency-Key", "fee-2026-h1").body(fee(30_000_000L))
                .post("/funds/" + other + "/capital/fees").then().extract().statusCode(),
                "another user's key is another key: admin-1's first use");
        assertEquals(RESERVE - 30_000_000L, fund(other).getLong("reserveFen"));
        assertEquals(RESERVE - 30_000_000L, fund(fund).getLong("reserveFen"));

        // a refused fee repeated under its key: the same refusal, no second movement
        ExtractableResponse<Response> refused = payFee("fm-1", fund, "fee-too-big", 80_000_000L);
        assertEquals(422, refused.statusCode());
        assertEquals("amountFen", refused.path("field"));
        ExtractableResponse<Response> refusedAgain = payFee("fm-1", fund, "fee-too-big", 80_000_000L);
        assertEquals(422, refusedAgain.statusCode());
        assertEquals((String) refused.path("movementId"), refusedAgain.path("movementId"));
        assertEquals(2, feesInJournal(fund));
    }

    @Test
    void repeats_of_a_keyed_fee_sent_at_once_pay_it_once() throws Exception {
        String fund = ValuationTest.fundWithPaidIn(PAID_IN, 1000);
        HttpClient client = HttpClient.newHttpClient();
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + "/funds/"
                            + fund + "/capital/fees"))
                    .header("Content-Type", "application/json").header("X-User", "fm-1").header("X-Roles", "fund-manager")
                    .header("X-Funds", fund).header("Idempotency-Key", "at-once")
                    .POST(HttpRequest.BodyPublishers.ofString(fee(10_000_000L))).build();
            answers.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
        }
        List<Integer> statuses = answers.stream().map(CompletableFuture::join).map(HttpResponse::statusCode).toList();
        assertTrue(statuses.stream().allMatch(s -> s == 201 || s == 409), statuses.toString());
        assertTrue(statuses.contains(201), statuses.toString());
        assertEquals(1, feesInJournal(fund));
        assertEquals(RESERVE - 10_000_000L, fund(fund).getLong("reserveFen"), "paid once: " + statuses);
        ExtractableResponse<Response> after = payFee("fm-1", fund, "at-once", 10_000_000L);
        assertEquals(201, after.statusCode());
        assertEquals("true", after.header("Idempotent-Replayed"));
    }

    @Test
    void a_fee_above_the_limit_waits_for_a_second_principal_and_its_maker_cannot_approve_it() throws Exception {
        String fund = ValuationTest.fundWithPaidIn(2 * PAID_IN, 1000); // reserve 200,000,000
        ExtractableResponse<Response> asked = payFee("fm-1", fund, null, 150_000_000L);
        assertEquals(202, asked.statusCode());
        assertEquals("AWAITING_APPROVAL", asked.path("state"));
        assertEquals("fm-1", asked.path("approval.requestedBy"));
        String feeId = asked.path("id");
        assertEquals(2 * RESERVE, fund(fund).getLong("reserveFen"), "nothing moves before the second principal");
        String approval = "/funds/" + fund + "/capital/fees/" + feeId + "/approval";

        as("fm-1", "fund-manager", fund).post(approval).then().statusCode(409)
                .contentType("application/problem+json");
        assertEquals(2 * RESERVE, fund(fund).getLong("reserveFen"));
        JsonPath approved = as("fm-2", "fund-manager", fund).post(approval).then().statusCode(200)
                .header("Idempotent-Replayed", "false").body("state", equalTo("APPLIED"))
                .body("approval.approvedBy", equalTo("fm-2")).extract().jsonPath();
        assertEquals(feeId, approved.getString("id"));
        assertEquals(2 * RESERVE - 150_000_000L, fund(fund).getLong("reserveFen"));
        JsonNode moved = JSON.readTree(published(feeId, "susong.fund-investments.CapitalMoved.v1").value());
        assertEquals(150_000_000L, moved.path("amountFen").asLong());
        // the approver's repeat answers as it stands; another principal finds it approved
        as("fm-2", "fund-manager", fund).post(approval).then().statusCode(200).header("Idempotent-Replayed", "true");
        as("admin-1", "admin", null).post(approval).then().statusCode(409).body("currentStatus", equalTo("APPLIED"));
        assertEquals(2 * RESERVE - 150_000_000L, fund(fund).getLong("reserveFen"));

        // approved when the reserve no longer holds it: refused, named, published
        String second = payFee("fm-1", fund, null, 120_000_000L).path("id");
        ExtractableResponse<Response> refused = as("fin-1", "finance", null)
                .post("/funds/" + fund + "/capital/fees/" + second + "/approval").then().extract();
        assertEquals(422, refused.statusCode());
        assertEquals("amountFen", refused.path("field"));
        assertEquals(50_000_000L, ((Number) refused.path("reserveFen")).longValue());
        JsonNode event = JSON.readTree(published(second, "susong.fund-investments.CapitalMovementRefused.v1").value());
        assertEquals("MANAGEMENT_FEE", event.path("kind").asText());
        assertEquals(2 * RESERVE - 150_000_000L, fund(fund).getLong("reserveFen"));
        // a fee at the limit does not wait; a fee of another fund is not found
        assertEquals(201, payFee("fm-1", fund, null, 10_000_000L).statusCode());
        as("fm-2", "fund-manager", fund).post("/funds/" + fund + "/capital/fees/FEE-NOPE/approval").then().statusCode(404);
        assertFalse(moneyBreaches().contains(fund));
    }

    @Test
    void a_fee_is_refunded_into_the_reserve_once_never_more_than_the_fee() throws Exception {
        String fund = ValuationTest.fundWithPaidIn(PAID_IN, 1000);
        String feeId = payFee("fm-1", fund, null, 30_000_000L).path("id");
        String refund = "/funds/" + fund + "/capital/fees/" + feeId + "/refund";

        as("fm-1", "fund-manager", fund).body(toJson(Map.of("amountFen", 40_000_000L, "dated", "2026-06-15")))
                .post(refund).then().statusCode(422).body("field", equalTo("amountFen"));
        as("fm-1", "fund-manager", fund).body(toJson(Map.of("amountFen", 10_000_000L, "dated", "2026-06-14")))
                .post(refund).then().statusCode(422).body("field", equalTo("dated"));
        as("fm-1", "fund-manager", fund).body(toJson(Map.of("amountFen", 0, "dated", "2026-06-15")))
                .post(refund).then().statusCode(400);
        assertEquals(RESERVE - 30_000_000L, fund(fund).getLong("reserveFen"));

        JsonPath refunded = as("fin-1", "finance", null).body(toJson(Map.of("amountFen", 20_000_000L, "dated",
                "2026-06-15", "reference", "overcharged"))).post(refund).then().statusCode(201)
                .body("kind", equalTo("FEE_REFUND")).body("state", equalTo("APPLIED")).body("reference", equalTo(feeId))
                .extract().jsonPath();
        assertEquals("RFD-" + feeId, refunded.getString("id"));
        JsonPath after = fund(fund);
        assertEquals(RESERVE - 10_000_000L, after.getLong("reserveFen"), "the refund is back in the reserve");
        assertEquals(10_000_000L, after.getLong("reserveFeesFen"));
        assertEquals(PAID_IN - RESERVE, after.getLong("availableFen"), "what the fund may invest does not change");
        JsonNode moved = JSON.readTree(published("RFD-" + feeId, "susong.fund-investments.CapitalMoved.v1").value());
        assertEquals("FEE_REFUND", moved.path("kind").asText());
        assertEquals(20_000_000L, moved.path("amountFen").asLong());

        // once: a second refund of the same fee (even of the rest) is 409
        as("fin-1", "finance", null).body(toJson(Map.of("amountFen", 10_000_000L, "dated", "2026-06-15"))).post(refund)
                .then().statusCode(409).contentType("application/problem+json");
        assertEquals(RESERVE - 10_000_000L, fund(fund).getLong("reserveFen"));
        // a waiting fee, or a refund, is no fee to refund; an unknown one 404
        String waiting = payFee("fm-1", fund, null, 101_000_000L).path("id");
        as("fm-1", "fund-manager", fund).body(toJson(Map.of("dated", "2026-06-15")))
                .post("/funds/" + fund + "/capital/fees/" + waiting + "/refund").then().statusCode(422)
                .body("field", equalTo("feeId"));
        as("fm-1", "fund-manager", fund).body(toJson(Map.of("dated", "2026-06-15")))
                .post("/funds/" + fund + "/capital/fees/RFD-" + feeId + "/refund").then().statusCode(404);
        // the year's fees are net of the refund
        JsonPath own = new JsonPath(toJson(as("auditor-1", "auditor", null).get("/figures/scale?year=2026").then()
                .statusCode(200).extract().jsonPath().getList("funds.findAll { it.fundId == '" + fund + "' }").get(0)));
        assertEquals(10_000_000L, own.getLong("managementFeesFen"));
        assertFalse(moneyBreaches().contains(fund));
    }

    @Test
    void an_approval_that_crashes_after_its_write_is_finished_by_the_resumer_once() throws Exception {
        String fund = ValuationTest.fundWithPaidIn(2 * PAID_IN, 1000); // reserve 200,000,000
        String feeId = payFee("fm-1", fund, null, 150_000_000L).path("id");
        // the approver's conditional write, then a crash: PENDING, leased to a request that is gone (lease expired)
        java.time.Instant now = clock.instant();
        assertTrue(movements.approve(feeId, "fm-2", "crashed-approver", now, now.minusSeconds(1)));
        assertFalse(movements.approve(feeId, "fm-3", "another-approver", now, now.plusSeconds(30)),
                "approved once: no second approval write");
        long deadline = System.currentTimeMillis() + 30_000;
        while (!"APPLIED".equals(movements.find(feeId).orElseThrow().state().name())
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
        }
        assertEquals("APPLIED", movements.find(feeId).orElseThrow().state().name(), "the resumer finished it");
        assertEquals("fm-2", movements.find(feeId).orElseThrow().approval().approvedBy());
        assertEquals(2 * RESERVE - 150_000_000L, fund(fund).getLong("reserveFen"), "applied once");
        JsonNode moved = JSON.readTree(published(feeId, "susong.fund-investments.CapitalMoved.v1").value());
        assertEquals(150_000_000L, moved.path("amountFen").asLong());
        // the approver comes back: its repeat answers as it stands and moves nothing
        as("fm-2", "fund-manager", fund).post("/funds/" + fund + "/capital/fees/" + feeId + "/approval").then()
                .statusCode(200).header("Idempotent-Replayed", "true");
        assertEquals(2 * RESERVE - 150_000_000L, fund(fund).getLong("reserveFen"));
        assertFalse(moneyBreaches().contains(fund));
    }
}
