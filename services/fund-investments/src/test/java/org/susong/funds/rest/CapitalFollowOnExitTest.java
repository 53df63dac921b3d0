package org.susong.funds.rest;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.susong.funds.rest.FundInvestmentsServiceTest.admin;
import static org.susong.funds.rest.FundInvestmentsServiceTest.auditor;
import static org.susong.funds.rest.FundInvestmentsServiceTest.fund;
import static org.susong.funds.rest.FundInvestmentsServiceTest.investment;
import static org.susong.funds.rest.FundInvestmentsServiceTest.manager;
import static org.susong.funds.rest.FundInvestmentsServiceTest.toJson;
import static org.susong.funds.rest.FundInvestmentsServiceTest.today;
import static org.susong.funds.rest.FundInvestmentsServiceTest.uscc;
import static org.susong.funds.rest.FundInvestmentsServiceTest.with;
import static org.susong.testing.TestBroker.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.susong.commons.money.Money;
import org.susong.contracts.EventContracts;
import org.susong.funds.domain.CapitalMovement;
import org.susong.funds.domain.CapitalSource;
import org.susong.funds.domain.Stage;
import org.susong.funds.persistence.CapitalMovementRepository;
import org.susong.funds.persistence.FundRepository;
import org.susong.testing.CloudEventRecords;
import org.susong.testing.ContractValidation;
import org.susong.testing.LocalInfraTestResource;
import org.susong.testing.TestBroker;

/** Capital by source (C2 funds), follow-on rounds (incl. C3), exits and the enterprise portfolio, on the real store and broker. */
@QuarkusTest
@ExtendWith(ContractValidation.class)
@WithTestResource(LocalInfraTestResource.class)
@ExtendWith(TestBroker.class)
class CapitalFollowOnExitTest {

    @Inject
    Clock clock;

    static final ObjectMapper JSON = new ObjectMapper();

    static Map<String, Object> movement(String source, long amountFen) {
        return Map.of("source", source, "amountFen", amountFen, "dated", today().toString(), "reference", "test");
    }

    static long capital(JsonPath fund, String source, String field) {
        return fund.getLong("capital.find { it.source == '" + source + "' }." + field);
    }

    @Test
    void commitments_calls_and_paid_in_move_the_capital_by_source_within_their_limits() throws Exception {
        // given the credit-enhancement fund: target 5 bn, 3 bn committed, none of it social capital (placeholders)
        String id = "FUND-CREDIT-ENHANCEMENT";
        JsonPath before = fund(id);
        long room = before.getLong("targetSizeFen") - before.getLong("committedFen");
        String url = "/funds/" + id + "/capital";

        // a commitment beyond the target size is refused naming the amount; nothing moves
        manager().body(movement("SOCIAL_CAPITAL", room + 1)).post(url + "/commitments").then().statusCode(422)
                .body("field", equalTo("amountFen")).body("movementId", startsWith("CMT-"));
        assertEquals(before.getLong("committedFen"), fund(id).getLong("committedFen"));

        // social capital commits 1 bn CNY
        manager().body(movement("SOCIAL_CAPITAL", 100_000_000_000L)).post(url + "/commitments").then().statusCode(201)
                .body("state", equalTo("APPLIED"));
        JsonPath committed = fund(id);
        assertEquals(before.getLong("committedFen") + 100_000_000_000L, committed.getLong("committedFen"));
        assertEquals(100_000_000_000L, capital(committed, "SOCIAL_CAPITAL", "uncalledFen"));
        assertEquals(before.getLong("availableFen"), committed.getLong("availableFen"), "a commitment is not money in hand");

        // a call beyond what was committed and not called is refused; 600 million is called
        manager().body(movement("SOCIAL_CAPITAL", 100_000_000_001L)).post(url + "/calls").then().statusCode(422)
                .body("field", equalTo("amountFen"));
        String callId = manager().body(movement("SOCIAL_CAPITAL", 60_000_000_000L)).post(url + "/calls").then()
                .statusCode(201).body("kind", equalTo("CALL")).extract().path("id");
        assertEquals(before.getLong("availableFen"), fund(id).getLong("availableFen"), "a call is not money in hand");

        // when the call is paid in, paid-in grows by 600 million, the reserve by its 10 % share, available by the rest
        manager().body(Map.of("paidOn", today().toString())).post(url + "/calls/" + callId + "/payment").then()
                .statusCode(201).body("id", equalTo("PAY-" + callId)).body("kind", equalTo("PAID_IN"));
        JsonPath paid = fund(id);
        assertEquals(before.getLong("paidInFen") + 60_000_000_000L, paid.getLong("paidInFen"));
        assertEquals(before.getLong("reserveFen") + 6_000_000_000L, paid.getLong("reserveFen"));
        assertEquals(before.getLong("availableFen") + 54_000_000_000L, paid.getLong("availableFen"));
        assertEquals(60_000_000_000L, capital(paid, "SOCIAL_CAPITAL", "paidInFen"));
        assertEquals(paid.getLong("paidInFen") - paid.getLong("reserveFen") + paid.getLong("recycledFen")
                - paid.getLong("investedFen"),
                paid.getLong("availableFen"));

        // the payment is a journal entry of the fund's capital
        try (ConsumerTask<String, String> task = kafka().consumeStrings().fromTopics("fund-investments.events",
                records -> records.filter(r -> ("PAY-" + callId).equals(r.key())))) {
            ConsumerRecord<String, String> moved = task.awaitRecords(1, Duration.ofSeconds(20)).getFirstRecord();
            assertEquals("susong.fund-investments.CapitalMoved.v1", CloudEventRecords.header(moved, "ce_type"));
            assertEquals(id, CloudEventRecords.header(moved, "ce_correlationid"));
            assertEquals(List.of(), EventContracts.violations("susong.fund-investments.CapitalMoved.v1", moved.value()));
            JsonNode payload = JSON.readTree(moved.value());
            assertEquals(6_000_000_000L, payload.get("reserveFen").asLong());
            assertEquals(callId, payload.get("callId").asText());
        }

        // a call is paid in once
        manager().body(Map.of("paidOn", today().toString())).post(url + "/calls/" + callId + "/payment").then()
                .statusCode(409);
        manager().body(Map.of("paidOn", today().toString())).post(url + "/calls/CALL-NOPE/payment").then().statusCode(404);
        manager().get(url).then().statusCode(200).body("items.size()", equalTo(5));
        RestAssured.given().header("X-User", "someone").header("X-Roles", "applicant").contentType("application/json")
                .body(movement("SOCIAL_CAPITAL", 1)).post(url + "/commitments").then().statusCode(403);
    }

    @Inject
    CapitalMovementRepository movements;
    @Inject
    FundRepository funds;

    @Test
    void the_resumer_finishes_capital_movements_a_crash_left_pending_and_applies_each_once() {
        // given two commitments a crash left PENDING with expired leases, one of them already applied to the fund
        String id = "FUND-INDUSTRY-GUIDANCE";
        long committedBefore = fund(id).getLong("committedFen");
        Instant longAgo = clock.instant().minusSeconds(60);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            var movement = new CapitalMovement("CMT-CRASH-" + UUID.randomUUID(), id,
                    CapitalMovement.Kind.COMMITMENT, CapitalSource.SOE,
                    Money.ofFen(1_000_000), null, today(), "crash",
                    CapitalMovement.State.PENDING, "crash;officer;;", longAgo, null);
            movements.insertPending(movement, "crashed-request", longAgo.plusSeconds(5));
            ids.add(movement.id());
        }
        funds.applyCommitment(id, ids.get(0), CapitalSource.SOE,
                Money.ofFen(1_000_000));

        // then the resumer finishes both, and the fund counts each once
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            for (String movementId : ids) {
                assertEquals(CapitalMovement.State.APPLIED, movements.find(movementId).orElseThrow()
                        .state());
            }
        });
        assertEquals(committedBefore + 2_000_000, fund(id).getLong("committedFen"));
        assertTrue(funds.hasApplied(id, ids.get(0)) && funds.hasApplied(id, ids.get(1)),
                "capital movement ids stay on the fund: the fence against a stalled request");
    }

    @Test
    void concurrent_capital_calls_never_call_more_than_was_committed() {
        // given 400 million of district capital newly committed to the SOE strategic fund (which had none: placeholder)
        String id = "FUND-SOE-STRATEGIC";
        String url = "/funds/" + id + "/capital";
        long uncalled = capital(fund(id), "DISTRICT", "uncalledFen");
        manager().body(movement("DISTRICT", 40_000_000_000L)).post(url + "/commitments").then().statusCode(201);
        assertEquals(uncalled + 40_000_000_000L, capital(fund(id), "DISTRICT", "uncalledFen"));
        long room = uncalled + 40_000_000_000L;

        // when 10 calls of 150 million arrive at once
        HttpClient http = HttpClient.newHttpClient();
        List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String body = toJson(movement("DISTRICT", 15_000_000_000L));
            HttpRequest request = HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port + url
                            + "/calls")).header("Content-Type", "application/json").header("X-User", "m" + i)
                    .header("X-Roles", "fund-manager").header("X-Funds", id).POST(HttpRequest.BodyPublishers.ofString(body))
                    .build();
            responses.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                    .thenApply(response -> ContractValidation.checked(request, body, response)));
        }
        List<Integer> statuses = responses.stream().map(CompletableFuture::join).map(HttpResponse::statusCode).toList();

        // then exactly as many as fit are applied and the rest refused
        long applied = statuses.stream().filter(s -> s == 201).count();
        assertEquals(10, applied + statuses.stream().filter(s -> s == 422).count(), statuses.toString());
        assertEquals(room / 15_000_000_000L, applied);
        assertEquals(room - applied * 15_000_000_000L, capital(fund(id), "DISTRICT", "uncalledFen"));
    }

    @Test
    void money_a_sub_fund_receives_from_its_parent_is_counted_once_and_an_admin_sets_a_sub_funds_target() {
        // given a seeded sub-fund of the venture fund: target 0 (placeholder), so every commitment is refused
        String id = "FUND-VENTURE-SUB-02";
        String url = "/funds/" + id + "/capital";
        manager().body(movement("SOCIAL_CAPITAL", 1)).post(url + "/commitments").then().statusCode(422)
                .body("field", equalTo("amountFen"));

        // an administrator sets its target (only an administrator; never below what is committed)
        manager().body(Map.of("targetSizeFen", 200_000_000_000L)).post("/funds/" + id + "/target").then().statusCode(403);
        admin().contentType("application/json").body(Map.of("targetSizeFen", -1)).post("/funds/" + id + "/target").then()
                .statusCode(400).body("field", equalTo("targetSizeFen"));
        admin().contentType("application/json").body(Map.of("targetSizeFen", 200_000_000_000L))
                .post("/funds/" + id + "/target").then().statusCode(200).body("targetSizeFen", equalTo(200_000_000_000L));
        // (a top-level fund's target is changed the same way since issue 20 item 9: FundAdministrationTest)

        JsonPath scaleBefore = auditor().get("/figures/scale").then().statusCode(200).extract().jsonPath();
        JsonPath leverageBefore = auditor().get("/figures/leverage").then().statusCode(200).extract().jsonPath();
        String venture = "inTarget.find { it.fundId == 'FUND-VENTURE' }.committedFen";

        // when the parent fund commits 600 million CNY to it and social capital 1 billion
        String fromParent = manager().body(movement("PARENT_FUND", 60_000_000_000L)).post(url + "/commitments").then()
                .statusCode(201).body("source", equalTo("PARENT_FUND")).extract().path("id");
        manager().body(movement("SOCIAL_CAPITAL", 100_000_000_000L)).post(url + "/commitments").then().statusCode(201);

        // then the sub-fund shows both, and the family, the target group and the C1 leverage count only the money
        // from outside the family: the parent's money is already the parent's capital
        JsonPath sub = fund(id);
        assertEquals(160_000_000_000L, sub.getLong("committedFen"));
        assertEquals(60_000_000_000L, capital(sub, "PARENT_FUND", "committedFen"));
        JsonPath scaleAfter = auditor().get("/figures/scale").then().statusCode(200).extract().jsonPath();
        assertEquals(scaleBefore.getLong(venture) + 100_000_000_000L, scaleAfter.getLong(venture));
        assertEquals(scaleBefore.getLong("inTargetCommittedFen") + 100_000_000_000L,
                scaleAfter.getLong("inTargetCommittedFen"));
        JsonPath leverageAfter = auditor().get("/figures/leverage").then().statusCode(200).extract().jsonPath();
        assertEquals(leverageBefore.getLong("fiscalCommittedFen"), leverageAfter.getLong("fiscalCommittedFen"));
        assertEquals(leverageBefore.getLong("mobilisedCommittedFen") + 100_000_000_000L,
                leverageAfter.getLong("mobilisedCommittedFen"));

        // its journal entry names the new source (an additive value of CapitalMoved.v1)
        try (ConsumerTask<String, String> task = kafka().consumeStrings().fromTopics("fund-investments.events",
                records -> records.filter(r -> fromParent.equals(r.key())))) {
            assertEquals(List.of(), EventContracts.violations("susong.fund-investments.CapitalMoved.v1",
                    task.awaitRecords(1, Duration.ofSeconds(20)).getFirstRecord().value()));
        }

        // a parent's money goes only to a sub-fund; a target below what is committed is refused
        manager().body(movement("PARENT_FUND", 1)).post("/funds/FUND-VENTURE/capital/commitments").then().statusCode(422)
                .body("field", equalTo("source"));
        admin().contentType("application/json").body(Map.of("targetSizeFen", 159_999_999_999L))
                .post("/funds/" + id + "/target").then().statusCode(422).body("field", equalTo("targetSizeFen"));
        assertEquals(200_000_000_000L, fund(id).getLong("targetSizeFen"));
        // the commitments' guard follows the new target: 400 million CNY of room, not a fen more
        manager().body(movement("SOCIAL_CAPITAL", 40_000_000_001L)).post(url + "/commitments").then().statusCode(422)
                .body("field", equalTo("amountFen"));
        manager().body(movement("SOCIAL_CAPITAL", 40_000_000_000L)).post(url + "/commitments").then().statusCode(201);
    }

    @Test
    void follow_on_rounds_link_to_their_first_round_and_c3_follow_ons_are_marked() throws Exception {
        String enterprise = uscc(200);
        String url = "/funds/FUND-VENTURE/investments";
        Map<String, Object> first = with(with(investment(enterprise, 10_000_000, "20", Stage.START_UP), "district", "HULI"),
                "field", "Artificial Intelligence");
        String firstId = manager().body(first).post(url).then().statusCode(201).body("field", equalTo("artificial-intelligence"))
                .body("followOn", equalTo(false)).extract().path("id");

        Map<String, Object> followOn = with(with(investment(enterprise, 5_000_000, "5", Stage.START_UP), "round", "Series B"),
                "followOn", true);
        // a follow-on without its first round names the field
        manager().body(followOn).post(url).then().statusCode(422).body("field", equalTo("firstRoundId"));
        manager().body(with(followOn, "firstRoundId", "INV-20260101-NOSUCHROUND")).post(url).then().statusCode(422)
                .body("field", equalTo("firstRoundId"));
        // ... in another enterprise
        manager().body(with(with(followOn, "firstRoundId", firstId), "enterpriseUscc", uscc(201))).post(url).then()
                .statusCode(422).body("field", equalTo("firstRoundId"));
        // C3 is a follow-on: marked without a first round it names the field
        manager().body(with(investment(enterprise, 1_000_000, "1", Stage.START_UP), "c3ResearchInfrastructure", true))
                .post(url).then().statusCode(422).body("field", equalTo("c3ResearchInfrastructure"));

        // a C3 follow-on for a result of large research infrastructure (measure C3)
        String secondId = manager().body(with(with(with(followOn, "firstRoundId", firstId), "c3ResearchInfrastructure", true),
                        "infrastructure", "Xiamen energy-storage facility (placeholder name)")).post(url).then().statusCode(201)
                .body("followOn", equalTo(true)).body("firstRoundId", equalTo(firstId))
                .body("c3ResearchInfrastructure", equalTo(true)).extract().path("id");
        // a follow-on of the follow-on links to the first round of the chain
        manager().body(with(with(followOn, "firstRoundId", secondId), "round", "Series C")).post(url).then().statusCode(201)
                .body("firstRoundId", equalTo(firstId));

        ConsumerRecord<String, String> event = published(secondId, 1);
        assertEquals(List.of(), EventContracts.violations(FundInvestmentsServiceTest.COMMITTED, event.value()));
        JsonNode payload = JSON.readTree(event.value());
        assertEquals(firstId, payload.get("firstRoundId").asText());
        assertTrue(payload.get("c3ResearchInfrastructure").asBoolean());
    }

    @Test
    void an_exit_records_proceeds_and_the_realised_multiple_once_and_shows_in_the_portfolio() throws Exception {
        String enterprise = uscc(300);
        String url = "/funds/FUND-VENTURE/investments";
        String firstId = manager().body(with(investment(enterprise, 10_000_000, "15", Stage.START_UP), "district", "JIMEI"))
                .post(url).then().statusCode(201).extract().path("id");
        String otherId = manager().body(investment(enterprise, 4_000_000, "2", Stage.START_UP)).post(url).then()
                .statusCode(201).extract().path("id");
        String exit = url + "/" + firstId + "/exit";

        // an exit dated before the investment, or with negative proceeds, names the field
        manager().body(Map.of("kind", "SALE", "exitedOn", today().minusYears(1).toString(), "proceedsFen", 1))
                .post(exit).then().statusCode(422).body("field", equalTo("exitedOn"));
        manager().body(Map.of("kind", "SALE", "exitedOn", today().toString(), "proceedsFen", -1))
                .post(exit).then().statusCode(400).body("field", equalTo("proceedsFen"));

        // a sale for 23.5 million on 10 million invested: 2.35x
        manager().body(Map.of("kind", "SALE", "exitedOn", today().toString(), "proceedsFen", 23_500_000)).post(exit).then()
                .statusCode(200).body("state", equalTo("EXITED")).body("exit.realisedMultipleBasisPoints", equalTo(23_500))
                .body("exit.realisedMultiple", equalTo(2.35f));
        // once only; and a follow-on cannot follow a round the fund has left
        manager().body(Map.of("kind", "SALE", "exitedOn", today().toString(), "proceedsFen", 1)).post(exit).then()
                .statusCode(409);
        manager().body(with(with(investment(enterprise, 1_000_000, "1", Stage.START_UP), "followOn", true), "firstRoundId",
                firstId)).post(url).then().statusCode(422).body("field", equalTo("firstRoundId"));
        // a write-off returns nothing: 0x
        manager().body(Map.of("kind", "WRITE_OFF", "exitedOn", today().toString(), "proceedsFen", 0))
                .post(url + "/" + otherId + "/exit").then().statusCode(200).body("exit.realisedMultipleBasisPoints", equalTo(0));

        ConsumerRecord<String, String> exited = published(firstId, 2);
        assertEquals("susong.fund-investments.InvestmentExited.v1", CloudEventRecords.header(exited, "ce_type"));
        assertEquals("2", CloudEventRecords.header(exited, "ce_sequence"));
        assertEquals(List.of(), EventContracts.violations("susong.fund-investments.InvestmentExited.v1", exited.value()));

        // the enterprise's portfolio across all funds
        manager().get("/figures/portfolios/" + enterprise).then().statusCode(200).body("positions", equalTo(2))
                .body("investedFen", equalTo(14_000_000)).body("heldFen", equalTo(0))
                .body("proceedsFen", equalTo(23_500_000)).body("investments.id", equalTo(List.of(firstId, otherId)));
        String csv = manager().accept("text/csv").get("/figures/portfolios/" + enterprise).then().statusCode(200)
                .contentType(startsWith("text/csv")).extract().asString();
        assertTrue(csv.startsWith("investmentId,fundId,state,"), csv);
        assertTrue(csv.contains(firstId + ",FUND-VENTURE,EXITED,Series A,EQUITY,10000000,15.00,"), csv);
        manager().get("/figures/portfolios/" + uscc(399)).then().statusCode(404);
        manager().get("/figures/portfolios/NOT-A-CODE").then().statusCode(400).body("field", equalTo("uscc"));
    }

    @Test
    void investments_by_district_stage_and_field_move_with_each_investment_and_come_as_csv() {
        JsonPath before = auditor().get("/figures/investments").then().statusCode(200).extract().jsonPath();
        long xiangan = orZero(before, "byDistrict.XIANGAN.count");
        long growthFen = orZero(before, "byStage.GROWTH.amountFen");

        manager().body(with(with(investment(uscc(400), 7_000_000, "3", Stage.GROWTH), "district", "XIANGAN"), "field",
                "digitalisation")).post("/funds/FUND-TECH-INNOVATION/investments").then().statusCode(201);
        // outside the technology-innovation fund's fields: refused naming the field
        manager().body(with(investment(uscc(401), 7_000_000, "3", Stage.GROWTH), "field", "real estate"))
                .post("/funds/FUND-TECH-INNOVATION/investments").then().statusCode(422).body("field", equalTo("field"));

        JsonPath after = auditor().get("/figures/investments").then().statusCode(200).extract().jsonPath();
        assertEquals(xiangan + 1, after.getLong("byDistrict.XIANGAN.count"));
        assertEquals(growthFen + 7_000_000, after.getLong("byStage.GROWTH.amountFen"));
        assertTrue(after.getLong("byField.digitalisation.count") >= 1);
        Map<String, Map<String, Number>> byStage = after.getMap("byStage");
        assertEquals(after.getLong("amountFen"), byStage.values().stream().mapToLong(b -> b.get("amountFen").longValue()).sum());
        String csv = auditor().accept("text/csv").get("/figures/investments").then().statusCode(200).extract().asString();
        assertTrue(csv.startsWith("dimension,key,count,amountFen\n"), csv);
        assertTrue(csv.contains("\ndistrict,XIANGAN," + (xiangan + 1) + ","), csv);
        assertTrue(auditor().accept("text/csv").get("/figures/scale").then().statusCode(200).extract().asString()
                .contains("REPORTED_SEPARATELY,FUND-INDUSTRY-GUIDANCE,"));
        assertTrue(auditor().accept("text/csv").get("/figures/leverage").then().statusCode(200).extract().asString()
                .startsWith("fiscalCommittedFen,mobilisedCommittedFen,leverage,"));
        admin().get("/figures/scale").then().statusCode(200).body("targetFen", equalTo(10_000_000_000_000L));
    }

    static long orZero(JsonPath json, String path) {
        Number n = json.get(path);
        return n == null ? 0 : n.longValue();
    }

    static ConsumerRecord<String, String> published(String investmentId, int sequence) {
        try (ConsumerTask<String, String> task = kafka().consumeStrings().fromTopics("fund-investments.events",
                records -> records.filter(r -> investmentId.equals(r.key())
                        && String.valueOf(sequence).equals(CloudEventRecords.header(r, "ce_sequence"))))) {
            return task.awaitRecords(1, Duration.ofSeconds(20)).getFirstRecord();
        }
    }
}
