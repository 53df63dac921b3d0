package org.susong.funds.rest;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.susong.funds.rest.FundInvestmentsServiceTest.toJson;
import static org.susong.funds.rest.ValuationTest.as;
import static org.susong.funds.rest.ValuationTest.uscc;
import static org.susong.testing.TestBroker.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.susong.infra.local.Audit;
import org.susong.testing.CloudEventRecords;
import org.susong.testing.LocalInfraTestResource;
import org.susong.commons.money.Money;
import org.susong.funds.domain.CapitalMovement;
import org.susong.funds.persistence.CapitalMovementRepository;
import org.susong.funds.persistence.FundRepository;
import org.susong.testing.TestBroker;

/**
 * Issue 20 item 9 (spending the reserve): management fees and follow-ons are drawn from the fund's reserve (the share
 * of paid-in capital held back for them), each by one guarded, journaled write of the fund's counter, never beyond what
 * the reserve holds; a refusal is a problem+json naming the field and is published. Each test uses a fund of its own
 * (10 % reserve on 1,000,000,000 fen paid in: reserve 100,000,000, available 900,000,000), so the figures are exact.
 */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
@ExtendWith(org.susong.testing.ContractValidation.class)
@ExtendWith(TestBroker.class)
class ReserveSpendingTest {

    @jakarta.inject.Inject
    java.time.Clock clock;
    @jakarta.inject.Inject
    CapitalMovementRepository movements;
    @jakarta.inject.Inject
    FundRepository funds;

    static final ObjectMapper JSON = new ObjectMapper();
    static final long PAID_IN = 1_000_000_000L;
    static final long RESERVE = 100_000_000L;

    /** A new top-level fund with 1,000,000,000 fen paid in and a 10 % reserve. */
    static String fundWithReserve() {
        String id = ValuationTest.fundWithPaidIn(PAID_IN, 1000);
        JsonPath fund = fund(id);
        assertEquals(RESERVE, fund.getLong("reserveFen"));
        assertEquals(PAID_IN - RESERVE, fund.getLong("availableFen"));
        return id;
    }

    static JsonPath fund(String id) {
        return as("admin-1", "admin", null).get("/funds/" + id).then().statusCode(200).extract().jsonPath();
    }

    static String fee(long amountFen) {
        return toJson(Map.of("amountFen", amountFen, "dated", "2026-06-15", "reference", "GP fee 2026 H1"));
    }

    static Map<String, Object> investment(String uscc, long amountFen) {
        return new HashMap<>(Map.of("enterpriseUscc", uscc, "round", "Series A", "instrument", "EQUITY",
                "amountFen", amountFen, "stakePercent", 5, "investedOn", "2026-06-01", "stage", "GROWTH"));
    }

    static ConsumerRecord<String, String> published(String key, String type) {
        try (ConsumerTask<String, String> task = kafka().consumeStrings().fromTopics("fund-investments.events",
                records -> records.filter(r -> key.equals(r.key()) && type.equals(CloudEventRecords.header(r, "ce_type"))))) {
            return task.awaitRecords(1, Duration.ofSeconds(20)).getFirstRecord();
        }
    }

    static List<String> moneyBreaches() throws Exception {
        return Audit.read("http://localhost:" + RestAssured.port, "auditor").breachIds("fund-investments.money-adds-up");
    }

    @Test
    void a_management_fee_is_paid_from_the_reserve_and_one_beyond_it_is_refused_named_and_published() throws Exception {
        String fund = fundWithReserve();
        JsonPath paid = as("fm-1", "fund-manager", fund).body(fee(30_000_000L)).post("/funds/" + fund + "/capital/fees")
                .then().statusCode(201).body("kind", equalTo("MANAGEMENT_FEE")).body("state", equalTo("APPLIED"))
                .body("source", equalTo(null)).extract().jsonPath();
        String feeId = paid.getString("id");
        assertTrue(feeId.startsWith("FEE-"), feeId);
        JsonPath after = fund(fund);
        assertEquals(RESERVE - 30_000_000L, after.getLong("reserveFen"), "the reserve paid the fee");
        assertEquals(30_000_000L, after.getLong("reserveFeesFen"));
        assertEquals(PAID_IN - RESERVE, after.getLong("availableFen"), "what the fund may invest does not change");
        JsonNode moved = JSON.readTree(published(feeId, "susong.fund-investments.CapitalMoved.v1").value());
        assertEquals("MANAGEMENT_FEE", moved.path("kind").asText());
        assertEquals(30_000_000L, moved.path("amountFen").asLong());

        // 80,000,000 fen asked, 70,000,000 held: refused, nothing moved
        JsonPath refused = as("fm-1", "fund-manager", fund).body(fee(80_000_000L)).post("/funds/" + fund + "/capital/fees")
                .then().statusCode(422).contentType("application/problem+json").body("field", equalTo("amountFen"))
                .extract().jsonPath();
        assertEquals(70_000_000L, refused.getLong("reserveFen"));
        String refusedId = refused.getString("movementId");
        JsonPath unchanged = fund(fund);
        assertEquals(70_000_000L, unchanged.getLong("reserveFen"));
        assertEquals(30_000_000L, unchanged.getLong("reserveFeesFen"));
        List<Map<String, Object>> journal = as("fm-1", "fund-manager", fund).get("/funds/" + fund + "/capital").then()
                .statusCode(200).extract().jsonPath().getList("items");
        assertEquals("REFUSED", journal.stream().filter(m -> refusedId.equals(m.get("id"))).findFirst().orElseThrow()
                .get("state"));
        JsonNode event = JSON.readTree(published(refusedId, "susong.fund-investments.CapitalMovementRefused.v1").value());
        assertEquals("MANAGEMENT_FEE", event.path("kind").asText());
        assertEquals(80_000_000L, event.path("amountFen").asLong());
        assertEquals(70_000_000L, event.path("reserveFen").asLong());
        assertEquals(fund, event.path("fundId").asText());

        // a fee in the future, and one of nothing, are refused before any intent
        as("fm-1", "fund-manager", fund).body(toJson(Map.of("amountFen", 1, "dated", "2026-06-16")))
                .post("/funds/" + fund + "/capital/fees").then().statusCode(422).body("field", equalTo("dated"));
        as("fm-1", "fund-manager", fund).body(toJson(Map.of("amountFen", 0, "dated", "2026-06-15")))
                .post("/funds/" + fund + "/capital/fees").then().statusCode(400);
        assertFalse(moneyBreaches().contains(fund), "available + invested = paid-in - reserve - fees + recycled");
    }

    @Test
    void fees_asked_for_at_once_never_take_more_than_the_reserve_holds() throws Exception {
        String fund = fundWithReserve();
        HttpClient client = HttpClient.newHttpClient();
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < 10; i++) { // 10 x 15,000,000 against 100,000,000: six fit
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + "/funds/"
                            + fund + "/capital/fees"))
                    .header("Content-Type", "application/json").header("X-User", "fin-" + i).header("X-Roles", "finance")
                    .POST(HttpRequest.BodyPublishers.ofString(fee(15_000_000L))).build();
            answers.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
        }
        List<Integer> statuses = answers.stream().map(CompletableFuture::join).map(HttpResponse::statusCode).toList();
        assertEquals(6, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
        assertEquals(4, statuses.stream().filter(s -> s == 422).count(), statuses.toString());
        JsonPath after = fund(fund);
        assertEquals(10_000_000L, after.getLong("reserveFen"));
        assertEquals(90_000_000L, after.getLong("reserveFeesFen"));
        assertEquals(PAID_IN - RESERVE, after.getLong("availableFen"));
        assertFalse(moneyBreaches().contains(fund));
    }

    @Test
    void a_follow_on_is_drawn_from_the_reserve_leaving_the_money_available_and_never_beyond_the_reserve() throws Exception {
        String fund = fundWithReserve();
        String enterprise = uscc();
        String invest = "/funds/" + fund + "/investments";
        String first = as("fm-1", "fund-manager", fund).body(toJson(investment(enterprise, 200_000_000L))).post(invest)
                .then().statusCode(201).extract().path("id");

        // a first round cannot be drawn from the reserve
        Map<String, Object> notFollowOn = investment(uscc(), 1_000_000L);
        notFollowOn.put("fromReserve", true);
        as("fm-1", "fund-manager", fund).body(toJson(notFollowOn)).post(invest).then().statusCode(422)
                .body("field", equalTo("fromReserve"));

        Map<String, Object> followOn = investment(enterprise, 60_000_000L);
        followOn.put("round", "Series B");
        followOn.put("firstRoundId", first);
        followOn.put("fromReserve", true);
        String second = as("fm-1", "fund-manager", fund).body(toJson(followOn)).post(invest).then().statusCode(201)
                .body("fromReserve", equalTo(true)).body("followOn", equalTo(true)).extract().path("id");
        JsonPath after = fund(fund);
        assertEquals(RESERVE - 60_000_000L, after.getLong("reserveFen"), "the reserve paid the follow-on");
        assertEquals(60_000_000L, after.getLong("reserveFollowOnsFen"));
        assertEquals(260_000_000L, after.getLong("investedFen"));
        assertEquals(PAID_IN - RESERVE - 200_000_000L, after.getLong("availableFen"),
                "the money available paid the first round only");
        JsonNode committed = JSON.readTree(published(second, "susong.fund-investments.InvestmentCommitted.v1").value());
        assertTrue(committed.path("fromReserve").asBoolean());

        // 50,000,000 asked from a reserve of 40,000,000 (while 700,000,000 are available): refused, nothing moved
        followOn.put("amountFen", 50_000_000L);
        followOn.put("round", "Series C");
        JsonPath refused = as("fm-1", "fund-manager", fund).body(toJson(followOn)).post(invest).then().statusCode(422)
                .body("field", equalTo("amountFen")).extract().jsonPath();
        assertEquals(40_000_000L, refused.getLong("availableFen"), "for a follow-on from the reserve: what the reserve holds");
        String refusedId = refused.getString("investmentId");
        JsonNode event = JSON.readTree(published(refusedId, "susong.fund-investments.InvestmentRefused.v1").value());
        assertEquals("REFUSED", event.path("outcome").asText());
        JsonPath unchanged = fund(fund);
        assertEquals(40_000_000L, unchanged.getLong("reserveFen"));
        assertEquals(260_000_000L, unchanged.getLong("investedFen"));
        assertEquals(PAID_IN - RESERVE - 200_000_000L, unchanged.getLong("availableFen"));
        assertFalse(moneyBreaches().contains(fund));
    }

    @Test
    void the_resumer_finishes_fees_a_crash_left_pending_and_the_reserve_pays_each_once() throws Exception {
        // two fees a crash left PENDING with expired leases, the first one after the fund's update, the second before it
        String fund = fundWithReserve();
        java.time.Instant longAgo = clock.instant().minusSeconds(60);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            CapitalMovement fee = CapitalMovement.managementFee("FEE-CRASH-" + java.util.UUID.randomUUID(), fund,
                    Money.ofFen(20_000_000L), java.time.LocalDate.of(2026, 6, 15), "crash", "crash;fund-manager;;", longAgo);
            movements.insertPending(fee, "crashed-request", longAgo.plusSeconds(5));
            ids.add(fee.id());
        }
        funds.applyManagementFee(fund, ids.get(0), Money.ofFen(20_000_000L));

        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (String id : ids) {
                assertEquals(CapitalMovement.State.APPLIED, movements.find(id).orElseThrow().state(), id);
            }
        });
        JsonPath after = fund(fund);
        assertEquals(RESERVE - 40_000_000L, after.getLong("reserveFen"), "each fee once");
        assertEquals(40_000_000L, after.getLong("reserveFeesFen"));
        for (String id : ids) {
            assertEquals(20_000_000L, JSON.readTree(published(id, "susong.fund-investments.CapitalMoved.v1").value())
                    .path("amountFen").asLong());
        }
        assertFalse(moneyBreaches().contains(fund));
    }
}
