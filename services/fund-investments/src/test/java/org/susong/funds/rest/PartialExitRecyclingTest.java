package org.susong.funds.rest;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.susong.funds.rest.FundInvestmentsServiceTest.admin;
import static org.susong.funds.rest.FundInvestmentsServiceTest.fund;
import static org.susong.funds.rest.FundInvestmentsServiceTest.investment;
import static org.susong.funds.rest.FundInvestmentsServiceTest.manager;
import static org.susong.funds.rest.FundInvestmentsServiceTest.toJson;
import static org.susong.funds.rest.FundInvestmentsServiceTest.today;
import static org.susong.funds.rest.FundInvestmentsServiceTest.uscc;
import static org.susong.testing.TestBroker.kafka;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.susong.commons.money.Money;
import org.susong.contracts.EventContracts;
import org.susong.funds.domain.CapitalMovement;
import org.susong.funds.domain.ExitKind;
import org.susong.funds.domain.Investment;
import org.susong.funds.domain.Stage;
import org.susong.funds.persistence.CapitalMovementRepository;
import org.susong.funds.persistence.InvestmentRepository;
import org.susong.testing.CloudEventRecords;
import org.susong.testing.ContractValidation;
import org.susong.testing.LocalInfraTestResource;
import org.susong.testing.TestBroker;

/** Partial exits and exit proceeds recycled into what the fund may invest (issue 20 item 9), on the real store and broker. */
@QuarkusTest
@ExtendWith(ContractValidation.class)
@WithTestResource(LocalInfraTestResource.class)
@ExtendWith(TestBroker.class)
class PartialExitRecyclingTest {

    @Inject
    Clock clock;
    @Inject
    CapitalMovementRepository movements;
    @Inject
    InvestmentRepository investments;

    static Map<String, Object> exit(String kind, long proceedsFen, Long exitedFen) {
        Map<String, Object> body = new HashMap<>(Map.of("kind", kind, "exitedOn", today().toString(),
                "proceedsFen", proceedsFen));
        if (exitedFen != null) {
            body.put("exitedFen", exitedFen);
        }
        return body;
    }

    static void assertMoneyAddsUp(JsonPath fund) {
        assertEquals(fund.getLong("paidInFen") - fund.getLong("reserveFen") + fund.getLong("recycledFen"),
                fund.getLong("availableFen") + fund.getLong("investedFen"), "available + invested = paid in - reserve"
                        + " + recycled");
    }

    @Test
    void a_partial_exit_keeps_the_rest_and_its_proceeds_become_available_to_invest_again() throws Exception {
        String fundId = "FUND-VENTURE";
        String url = "/funds/" + fundId + "/investments";
        String id = manager().body(investment(uscc(510), 10_000_000, "20", Stage.START_UP)).post(url).then()
                .statusCode(201).extract().path("id");
        String exitUrl = url + "/" + id + "/exit";
        JsonPath before = fund(fundId);

        // bad parts name the field; an unknown position and another fund's position are 404
        manager().body(exit("SALE", 1, 0L)).post(exitUrl).then().statusCode(400).body("field", equalTo("exitedFen"));
        manager().body(exit("SALE", 1, 10_000_001L)).post(exitUrl).then().statusCode(422)
                .body("field", equalTo("exitedFen"));
        manager().body(exit("SALE", 1, 1L)).post(url + "/INV-NOPE/exit").then().statusCode(404);
        admin().contentType("application/json").body(exit("SALE", 1, 1L))
                .post("/funds/FUND-TECH-INNOVATION/investments/" + id + "/exit").then().statusCode(404);
        assertEquals(before.getLong("availableFen"), fund(fundId).getLong("availableFen"), "a refused exit moves nothing");

        // 40 % of the position (4 million of 10 million invested) sold for 10 million: 2.5x on that part
        manager().body(exit("SALE", 10_000_000, 4_000_000L)).post(exitUrl).then().statusCode(200)
                .body("state", equalTo("COMMITTED")).body("heldFen", equalTo(6_000_000))
                .body("exitedFen", equalTo(4_000_000)).body("exits.size()", equalTo(1))
                .body("exits[0].exitedFen", equalTo(4_000_000))
                .body("exits[0].realisedMultipleBasisPoints", equalTo(25_000))
                .body("exits[0].recyclingMovementId", org.hamcrest.Matchers.startsWith("RCY-EXT-"));
        JsonPath afterFirst = fund(fundId);
        assertEquals(before.getLong("availableFen") + 10_000_000, afterFirst.getLong("availableFen"),
                "the proceeds are available to invest again");
        assertEquals(before.getLong("recycledFen") + 10_000_000, afterFirst.getLong("recycledFen"));
        assertEquals(before.getLong("investedFen"), afterFirst.getLong("investedFen"), "invested counts money invested");
        assertMoneyAddsUp(afterFirst);

        // the recycling is a movement of the fund's capital journal, announced as CapitalMoved RECYCLED
        JsonPath journal = manager().get("/funds/" + fundId + "/capital?limit=200").then().statusCode(200).extract()
                .jsonPath();
        List<Map<String, Object>> recycled = journal.getList("items.findAll { it.kind == 'RECYCLED' && it.reference == '"
                + id + "' }");
        assertEquals(1, recycled.size(), recycled.toString());
        assertEquals("APPLIED", recycled.get(0).get("state"));
        String movementId = (String) recycled.get(0).get("id");
        try (ConsumerTask<String, String> task = kafka().consumeStrings().fromTopics("fund-investments.events",
                records -> records.filter(r -> movementId.equals(r.key())))) {
            ConsumerRecord<String, String> moved = task.awaitRecords(1, Duration.ofSeconds(20)).getFirstRecord();
            assertEquals("susong.fund-investments.CapitalMoved.v1", CloudEventRecords.header(moved, "ce_type"));
            assertEquals(List.of(), EventContracts.violations("susong.fund-investments.CapitalMoved.v1", moved.value()));
            assertTrue(moved.value().contains("\"kind\":\"RECYCLED\""), moved.value());
        }
        ConsumerRecord<String, String> exited;
        try (ConsumerTask<String, String> task = kafka().consumeStrings().fromTopics("fund-investments.events",
                records -> records.filter(r -> id.equals(r.key()) && "2".equals(CloudEventRecords.header(r, "ce_sequence"))))) {
            exited = task.awaitRecords(1, Duration.ofSeconds(20)).getFirstRecord();
        }
        assertEquals(List.of(), EventContracts.violations("susong.fund-investments.InvestmentExited.v1", exited.value()));
        assertTrue(exited.value().contains("\"heldFen\":6000000"), exited.value());

        // a second partial exit cannot exceed what remains
        manager().body(exit("SALE", 1, 6_000_001L)).post(exitUrl).then().statusCode(422)
                .body("field", equalTo("exitedFen"));
        // the rest (no exitedFen: all that remains) for 3 million: 0.5x on 6 million; the position is left
        manager().body(exit("BUY_BACK", 3_000_000, null)).post(exitUrl).then().statusCode(200)
                .body("state", equalTo("EXITED")).body("heldFen", equalTo(0)).body("exits.size()", equalTo(2))
                .body("exit.exitedFen", equalTo(6_000_000)).body("exit.realisedMultipleBasisPoints", equalTo(5_000));
        manager().body(exit("SALE", 1, null)).post(exitUrl).then().statusCode(409);
        JsonPath afterAll = fund(fundId);
        assertEquals(before.getLong("recycledFen") + 13_000_000, afterAll.getLong("recycledFen"));
        assertMoneyAddsUp(afterAll);
        manager().get("/figures/portfolios/" + uscc(510)).then().statusCode(200).body("heldFen", equalTo(0))
                .body("proceedsFen", equalTo(13_000_000));
    }

    @Test
    void concurrent_partial_exits_never_exit_more_than_the_position_and_recycle_each_once() {
        String fundId = "FUND-TECH-INNOVATION";
        String url = "/funds/" + fundId + "/investments";
        String id = manager().body(investment(uscc(511), 10_000_000, "20", Stage.GROWTH)).post(url).then()
                .statusCode(201).extract().path("id");
        JsonPath before = fund(fundId);

        // ten exits of 3 million each (proceeds 1 million each) at once on a 10 million position
        List<Integer> statuses = exitsAtOnce(url + "/" + id + "/exit", fundId, 10, i -> "m" + i, null, exit("SALE",
                1_000_000, 3_000_000L)).stream().map(HttpResponse::statusCode).toList();

        // three fit, the others are refused naming the part; the position keeps 1 million
        assertEquals(3, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
        assertEquals(7, statuses.stream().filter(s -> s == 422).count(), statuses.toString());
        manager().get(url + "/" + id).then().statusCode(200).body("heldFen", equalTo(1_000_000))
                .body("exits.size()", equalTo(3)).body("state", equalTo("COMMITTED"));
        JsonPath after = fund(fundId);
        assertEquals(before.getLong("recycledFen") + 3_000_000, after.getLong("recycledFen"));
        assertEquals(before.getLong("availableFen") + 3_000_000, after.getLong("availableFen"));
        assertMoneyAddsUp(after);
    }

    @Test
    void a_partial_exit_repeated_with_the_same_idempotency_key_records_one_part() {
        String fundId = "FUND-VENTURE";
        String url = "/funds/" + fundId + "/investments";
        String id = position(url, 513, Stage.START_UP);
        String exitUrl = url + "/" + id + "/exit";
        JsonPath before = fund(fundId);

        String exitId = manager().header("Idempotency-Key", "exit-513-a").body(exit("SALE", 5_000_000, 4_000_000L))
                .post(exitUrl).then().statusCode(200).header("Idempotent-Replayed", "false")
                .body("heldFen", equalTo(6_000_000)).body("exits.size()", equalTo(1)).extract().path("exits[0].id");
        // the answer was lost: the client repeats the same request under the same key
        manager().header("Idempotency-Key", "exit-513-a").body(exit("SALE", 5_000_000, 4_000_000L)).post(exitUrl).then()
                .statusCode(200).header("Idempotent-Replayed", "true")
                .body("heldFen", equalTo(6_000_000)).body("exits.size()", equalTo(1)).body("exits[0].id", equalTo(exitId));
        // another body under the same key is refused and moves nothing
        manager().header("Idempotency-Key", "exit-513-a").body(exit("SALE", 5_000_000, 3_000_000L)).post(exitUrl).then()
                .statusCode(422).body("field", equalTo("Idempotency-Key"));

        manager().get(url + "/" + id).then().statusCode(200).body("heldFen", equalTo(6_000_000))
                .body("exits.size()", equalTo(1));
        JsonPath after = fund(fundId);
        assertEquals(before.getLong("recycledFen") + 5_000_000, after.getLong("recycledFen"), "recycled once");
        assertEquals(before.getLong("availableFen") + 5_000_000, after.getLong("availableFen"));
        assertMoneyAddsUp(after);
        // another principal's key is its own: the same key by someone else is another exit
        admin().contentType("application/json").header("Idempotency-Key", "exit-513-a")
                .body(exit("SALE", 1_000_000, 1_000_000L)).post(exitUrl).then().statusCode(200)
                .header("Idempotent-Replayed", "false").body("exits.size()", equalTo(2));
    }

    @Test
    void concurrent_repeats_of_an_exit_under_one_key_record_one_part() {
        String fundId = "FUND-TECH-INNOVATION";
        String url = "/funds/" + fundId + "/investments";
        String id = position(url, 514, Stage.GROWTH);
        JsonPath before = fund(fundId);

        List<HttpResponse<String>> answers = exitsAtOnce(url + "/" + id + "/exit", fundId, 6, i -> "fund-manager-9",
                "exit-514", exit("SALE", 1_000_000, 3_000_000L));
        assertTrue(answers.stream().allMatch(r -> r.statusCode() == 200), answers.stream().map(HttpResponse::body).toList()
                .toString());
        assertEquals(1, answers.stream().filter(r -> "false".equals(r.headers().firstValue("Idempotent-Replayed")
                .orElse(null))).count(), "one answer is the original, the others replay it");
        manager().get(url + "/" + id).then().statusCode(200).body("heldFen", equalTo(7_000_000))
                .body("exits.size()", equalTo(1));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertEquals(before.getLong("recycledFen") + 1_000_000, fund(fundId).getLong("recycledFen")));
        assertMoneyAddsUp(fund(fundId));
    }

    @Test
    void the_resumer_recycles_a_recorded_exit_once_and_refuses_one_that_was_never_recorded() {
        String fundId = "FUND-VENTURE";
        String url = "/funds/" + fundId + "/investments";
        String id = manager().body(investment(uscc(512), 10_000_000, "20", Stage.START_UP)).post(url).then()
                .statusCode(201).extract().path("id");
        long recycledBefore = fund(fundId).getLong("recycledFen");
        Instant longAgo = clock.instant().minusSeconds(60);

        // a request crashed after its recycling intent and before the exit write: the exit never happened
        CapitalMovement orphan = CapitalMovement.recycling("EXT-CRASH-A", fundId, id, Money.ofFen(2_000_000), today(),
                "crash;fund-manager;;", longAgo);
        movements.insertPending(orphan, "crashed-request", longAgo.plusSeconds(5));
        // another crashed after its exit write and before the fund's counter moved
        CapitalMovement due = CapitalMovement.recycling("EXT-CRASH-B", fundId, id, Money.ofFen(1_000_000), today(),
                "crash;fund-manager;;", longAgo);
        movements.insertPending(due, "crashed-request", longAgo.plusSeconds(5));
        assertTrue(recordExit(id, "EXT-CRASH-B", 2_000_000, 1_000_000));

        // the resumer applies the recorded one and refuses the other
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertEquals(CapitalMovement.State.APPLIED, movements.find(due.id()).orElseThrow().state());
            assertEquals(CapitalMovement.State.REFUSED, movements.find(orphan.id()).orElseThrow().state());
        });
        assertEquals(recycledBefore + 1_000_000, fund(fundId).getLong("recycledFen"));
        // and the stalled request can no longer record the exit it was refused for
        assertFalse(recordExit(id, "EXT-CRASH-A", 1_000_000, 2_000_000));
        manager().get(url + "/" + id).then().statusCode(200).body("heldFen", equalTo(8_000_000));
        assertMoneyAddsUp(fund(fundId));
    }

    /** A committed position of 10 million (20 %) in enterprise {@code uscc(n)}; its id. */
    private static String position(String investmentsUrl, int n, Stage stage) {
        return manager().body(investment(uscc(n), 10_000_000, "20", stage)).post(investmentsUrl).then().statusCode(201)
                .extract().path("id");
    }

    /** {@code n} exit requests sent at once, the i-th by fund manager {@code user(i)}, with {@code key} if any. */
    private static List<HttpResponse<String>> exitsAtOnce(String exitUrl, String fundId, int n,
                                                          IntFunction<String> user, String key, Map<String, Object> body) {
        HttpClient http = HttpClient.newHttpClient();
        List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port
                            + exitUrl)).header("Content-Type", "application/json")
                    .header("X-User", user.apply(i)).header("X-Roles", "fund-manager").header("X-Funds", fundId);
            if (key != null) {
                request.header("Idempotency-Key", key);
            }
            String json = toJson(body);
            HttpRequest sent = request.POST(HttpRequest.BodyPublishers.ofString(json)).build();
            responses.add(http.sendAsync(sent, HttpResponse.BodyHandlers.ofString())
                    .thenApply(response -> ContractValidation.checked(sent, json, response)));
        }
        return responses.stream().map(CompletableFuture::join).toList();
    }

    /** The exit write of a request, alone (what a request does between its recycling intent and the fund's counter). */
    private boolean recordExit(String investmentId, String exitId, long exitedFen, long proceedsFen) {
        Investment before = investments.find(investmentId).orElseThrow();
        Investment after = before.exit(exitId, ExitKind.SALE, today(), Money.ofFen(exitedFen), Money.ofFen(proceedsFen),
                null, today(), clock.instant()).investment();
        return investments.recordExit(before, after, List.of());
    }
}
