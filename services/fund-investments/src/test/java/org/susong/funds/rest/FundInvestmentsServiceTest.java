package org.susong.funds.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.susong.testing.TestBroker.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.model.Filters;
import io.quarkus.arc.Arc;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.susong.commons.ids.Uscc;
import org.susong.commons.money.Money;
import org.susong.commons.time.BusinessClock;
import org.susong.contracts.EventContracts;
import org.susong.funds.domain.Instrument;
import org.susong.funds.domain.Investment;
import org.susong.funds.domain.InvestmentTerms;
import org.susong.funds.domain.Placement;
import org.susong.funds.domain.Stage;
import org.susong.funds.persistence.FundRepository;
import org.susong.funds.persistence.InvestmentRepository;
import org.susong.testing.CloudEventRecords;
import org.susong.testing.LocalInfraTestResource;
import org.junit.jupiter.api.extension.ExtendWith;
import org.susong.testing.ContractValidation;
import org.susong.testing.Usccs;
import org.susong.testing.TestBroker;

/** The fund-investments service on the real local broker and store; funds seeded at start-up (%test). */
@QuarkusTest
@ExtendWith(ContractValidation.class)
@WithTestResource(LocalInfraTestResource.class)
@ExtendWith(TestBroker.class)
class FundInvestmentsServiceTest {

    static final String COMMITTED = "susong.fund-investments.InvestmentCommitted.v1";
    static final List<String> SEEDED = List.of("FUND-CREDIT-ENHANCEMENT", "FUND-INDUSTRY-GUIDANCE", "FUND-SOE-STRATEGIC",
            "FUND-TECH-INNOVATION", "FUND-VENTURE");
    static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    InvestmentRepository investments;
    @Inject
    FundRepository funds;
    @Inject
    MongoClient mongo;
    @ConfigProperty(name = "quarkus.mongodb.database")
    String database;

    /** Every fund these tests use: a fund manager acts for the funds of its {@code funds} claim only. */
    static final String ALL_FUNDS = "FUND-VENTURE,FUND-CREDIT-ENHANCEMENT,FUND-CREDIT-ENHANCEMENT-ST,FUND-TECH-INNOVATION,"
            + "FUND-INDUSTRY-GUIDANCE,FUND-SOE-STRATEGIC,FUND-VENTURE-SUB-XM01,FUND-VENTURE-SUB-01,FUND-VENTURE-SUB-02,"
            + "FUND-VENTURE-SUB-03,FUND-VENTURE-SUB-04,FUND-VENTURE-SUB-05,FUND-VENTURE-SUB-06,FUND-VENTURE-SUB-07,"
            + "FUND-VENTURE-SUB-08";

    static RequestSpecification manager() {
        return given().header("X-User", "fund-manager-1").header("X-Roles", "fund-manager").header("X-Funds", ALL_FUNDS)
                .contentType(ContentType.JSON);
    }

    /** Reads the programme's figures (city-wide: admin, finance, auditor). */
    static RequestSpecification auditor() {
        return given().header("X-User", "auditor-1").header("X-Roles", "auditor");
    }

    static String uscc(int n) {
        return Usccs.valid("MA", n);
    }

    /** The service's clock (commons BusinessClock; the %test profile runs on the business date 2026-06-15). */
    static Clock clock() {
        return Arc.container().instance(Clock.class).get();
    }

    static LocalDate today() {
        return LocalDate.now(clock().withZone(BusinessClock.ZONE));
    }

    static Map<String, Object> investment(String uscc, long amountFen, Object stakePercent, Stage stage) {
        Map<String, Object> body = new HashMap<>();
        body.put("enterpriseUscc", uscc);
        body.put("round", "Series A");
        body.put("instrument", "EQUITY");
        body.put("amountFen", amountFen);
        body.put("stakePercent", stakePercent);
        body.put("investedOn", today().minusDays(2).toString());
        body.put("stage", stage.name());
        return body;
    }

    static Map<String, Object> with(Map<String, Object> body, String field, Object value) {
        Map<String, Object> changed = new HashMap<>(body);
        changed.put(field, value);
        return changed;
    }

    static JsonPath fund(String id) {
        return manager().get("/funds/" + id).then().statusCode(200).extract().jsonPath();
    }

    static long available(String id) {
        return fund(id).getLong("availableFen");
    }

    static ConsumerRecord<String, String> published(String investmentId) {
        try (ConsumerTask<String, String> task = kafka().consumeStrings().fromTopics("fund-investments.events",
                records -> records.filter(r -> investmentId.equals(r.key())))) {
            return task.awaitRecords(1, Duration.ofSeconds(20)).getFirstRecord();
        }
    }

    @Test
    void the_seeded_funds_are_listed_with_their_capital_and_what_they_may_still_invest() {
        manager().queryParam("limit", 200).get("/funds").then().statusCode(200)
                .body("items.id", hasItems(SEEDED.toArray()));
        JsonPath venture = fund("FUND-VENTURE");
        // placeholder figures of the seed file: 6,000,000,000 CNY paid in, 10% reserve
        assertEquals(true, venture.getBoolean("placeholder"));
        assertEquals(true, venture.getBoolean("inHundredBillionTarget"));
        assertEquals(600_000_000_000L, venture.getLong("paidInFen"));
        assertEquals(60_000_000_000L, venture.getLong("reserveFen"));
        assertEquals(venture.getLong("paidInFen") - venture.getLong("reserveFen") + venture.getLong("recycledFen")
                - venture.getLong("investedFen"),
                venture.getLong("availableFen"));
        assertEquals(4, venture.getList("capital").size());
        assertEquals(false, fund("FUND-INDUSTRY-GUIDANCE").getBoolean("inHundredBillionTarget"));
        manager().get("/funds/FUND-NOPE").then().statusCode(404).contentType("application/problem+json");
        given().get("/funds").then().statusCode(401);
    }

    @Test
    void an_investment_commits_reduces_what_is_available_and_is_published() throws Exception {
        long before = available("FUND-VENTURE");
        long amount = 3_000_000_000L;

        String id = manager().body(investment(uscc(1), amount, "12.5", Stage.START_UP)).post("/funds/FUND-VENTURE/investments")
                .then().statusCode(201).body("state", equalTo("COMMITTED")).body("stakeBasisPoints", equalTo(1250))
                .body("id", startsWith("INV-")).extract().path("id");

        assertEquals(before - amount, available("FUND-VENTURE"));
        manager().get("/funds/FUND-VENTURE/investments/" + id).then().statusCode(200).body("amountFen", equalTo(amount));
        manager().get("/funds/FUND-TECH-INNOVATION/investments/" + id).then().statusCode(404);

        ConsumerRecord<String, String> event = published(id);
        assertEquals(COMMITTED, CloudEventRecords.header(event, "ce_type"));
        assertEquals(id, CloudEventRecords.header(event, "ce_subject"));
        assertEquals("1", CloudEventRecords.header(event, "ce_sequence"));
        assertEquals(id, CloudEventRecords.header(event, "ce_correlationid"));
        assertEquals("request:" + id, CloudEventRecords.header(event, "ce_causationid"));
        assertTrue(CloudEventRecords.header(event, "ce_actor").startsWith("fund-manager-1;fund-manager;"));
        assertEquals(List.of(), EventContracts.violations(COMMITTED, event.value()));
        JsonNode payload = JSON.readTree(event.value());
        assertEquals(amount, payload.get("amountFen").asLong());
        assertEquals(1250, payload.get("stakeBasisPoints").asInt());
        assertEquals(today().minusDays(2).toString(), payload.get("investedOn").asText());
    }

    @Test
    void concurrent_investments_never_over_commit_the_fund() {
        // given a fund that can take 6 of 20 concurrent investments
        String fund = "FUND-SOE-STRATEGIC";
        long before = available(fund);
        long amount = before / 7 + 1;
        HttpClient http = HttpClient.newHttpClient();
        String url = RestAssured.baseURI + ":" + RestAssured.port + "/funds/" + fund + "/investments";

        // when 20 arrive at once
        List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String body = toJson(investment(uscc(100 + i), amount, 5, Stage.MATURE));
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                    .header("X-User", "fund-manager-" + i)
                    .header("X-Roles", "fund-manager").header("X-Funds", fund).POST(HttpRequest.BodyPublishers.ofString(body)).build();
            responses.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                    .thenApply(response -> ContractValidation.checked(request, body, response)));
        }
        List<Integer> statuses = responses.stream().map(CompletableFuture::join).map(HttpResponse::statusCode).toList();

        // then exactly as many commit as fit, the rest are refused, and the fund is never over-committed
        long committed = statuses.stream().filter(s -> s == 201).count();
        long refused = statuses.stream().filter(s -> s == 422).count();
        assertEquals(20, committed + refused, statuses.toString());
        assertEquals(before / amount, committed);
        assertTrue(committed * amount <= before);
        assertEquals(before - committed * amount, available(fund));
        JsonPath after = fund(fund);
        assertEquals(after.getLong("paidInFen") - after.getLong("reserveFen") + after.getLong("recycledFen")
                - after.getLong("investedFen"),
                after.getLong("availableFen"));
    }

    @Test
    void an_investment_above_what_is_available_is_refused_with_the_available_amount() {
        String fund = "FUND-TECH-INNOVATION";
        long available = available(fund);

        manager().body(investment(uscc(2), available + 1, 30, Stage.GROWTH)).post("/funds/" + fund + "/investments")
                .then().statusCode(422).contentType("application/problem+json")
                .body("field", equalTo("amountFen")).body("availableFen", equalTo(available))
                .body("investmentId", startsWith("INV-"));
        assertEquals(available, available(fund));
    }

    @Test
    void bad_requests_get_problems_naming_the_field() {
        String url = "/funds/FUND-VENTURE/investments";
        Map<String, Object> good = investment(uscc(3), 1_000_000, 10, Stage.START_UP);
        manager().body("{\"enterpriseUscc\": ").post(url).then().statusCode(400)
                .contentType("application/problem+json").body("title", equalTo("Malformed JSON"));
        manager().body(with(good, "stakePercent", 0)).post(url).then().statusCode(400).body("field", equalTo("stakePercent"));
        manager().body(with(good, "stakePercent", 101)).post(url).then().statusCode(400).body("field", equalTo("stakePercent"));
        manager().body(with(good, "stakePercent", "12.345")).post(url).then().statusCode(400)
                .body("field", equalTo("stakePercent"));
        manager().body(with(good, "amountFen", -5)).post(url).then().statusCode(400).body("field", equalTo("amountFen"));
        manager().body(with(good, "instrument", "TULIP_BULBS")).post(url).then().statusCode(400)
                .body("field", equalTo("instrument"));
        manager().body(with(good, "investedOn", "29/11/2026")).post(url).then().statusCode(400)
                .body("field", equalTo("investedOn"));
        manager().body(with(good, "enterpriseUscc", "91350100M000100YI3")).post(url).then().statusCode(400)
                .body("field", equalTo("enterpriseUscc"));
        manager().body(good).post("/funds/FUND-NOPE/investments").then().statusCode(404);
        given().contentType(ContentType.JSON).body(good).post(url).then().statusCode(401);

        // rules of the domain: 422 naming the field
        manager().body(with(good, "enterpriseUscc", "91350100M000100Y44")).post(url).then().statusCode(422)
                .body("field", equalTo("enterpriseUscc")).body("expectedCheckCharacter", equalTo("3"));
        manager().body(with(good, "investedOn", today().plusDays(1).toString())).post(url).then().statusCode(422)
                .body("field", equalTo("investedOn"));
        manager().body(with(good, "stage", "MATURE")).post(url).then().statusCode(422).body("field", equalTo("stage"));
        manager().body(with(good, "instrument", "CREDIT_ENHANCEMENT_GUARANTEE")).post(url).then().statusCode(422)
                .body("field", equalTo("instrument"));
    }

    @Test
    void the_same_idempotency_key_gives_the_same_investment_and_a_different_body_is_refused() {
        String url = "/funds/FUND-VENTURE/investments";
        String key = UUID.randomUUID().toString();
        long before = available("FUND-VENTURE");
        String first = manager().header("Idempotency-Key", key).body(investment(uscc(4), 5_000_000, 1, Stage.START_UP))
                .post(url).then().statusCode(201).header("Idempotent-Replayed", "false").extract().path("id");
        manager().header("Idempotency-Key", key).body(investment(uscc(4), 5_000_000, 1, Stage.START_UP))
                .post(url).then().statusCode(201).header("Idempotent-Replayed", "true").body("id", equalTo(first));
        manager().header("Idempotency-Key", key).body(investment(uscc(4), 6_000_000, 1, Stage.START_UP))
                .post(url).then().statusCode(422).body("field", equalTo("Idempotency-Key"));
        assertEquals(before - 5_000_000, available("FUND-VENTURE"));
    }

    @Test
    void the_resumer_finishes_investments_a_crash_left_pending() {
        // given three investments a crash left PENDING with expired leases: one before and one after the
        // fund's counter took it, one the fund cannot take
        String fund = "FUND-INDUSTRY-GUIDANCE";
        long before = available(fund);
        Investment notApplied = crashed(fund, 7_000_000);
        Investment applied = crashed(fund, 8_000_000);
        Investment tooLarge = crashed(fund, before + 1);
        funds.apply(fund, applied.id(), applied.terms().amount(), new Placement(Stage.MATURE, null, null,
                false, false));

        // then the resumer commits the first two (the second once only) and refuses the third
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            manager().get("/funds/" + fund + "/investments/" + notApplied.id()).then().body("state", equalTo("COMMITTED"));
            manager().get("/funds/" + fund + "/investments/" + applied.id()).then().body("state", equalTo("COMMITTED"));
            manager().get("/funds/" + fund + "/investments/" + tooLarge.id()).then().body("state", equalTo("REFUSED"));
        });
        assertEquals(before - 15_000_000, available(fund));
        ConsumerRecord<String, String> event = published(applied.id());
        assertEquals("crash-test;officer;;", CloudEventRecords.header(event, "ce_actor"));
        assertEquals(List.of(), EventContracts.violations(COMMITTED, event.value()));
        List<String> kept = mongo.getDatabase(database).getCollection(FundRepository.COLLECTION)
                .find(Filters.eq("_id", fund)).first().getList("applied", String.class);
        assertTrue(kept.containsAll(List.of(notApplied.id(), applied.id())),
                "applied investment ids stay on the fund (a stalled writer finds them applied): " + kept);
    }

    private Investment crashed(String fund, long amountFen) {
        Instant longAgo = clock().instant().minusSeconds(60);
        String id = "INV-CRASH-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        Investment investment = Investment.propose(id, fund, new InvestmentTerms(Uscc.parse(uscc(50)), "Series C",
                Instrument.EQUITY, Money.ofFen(amountFen), 2_000, today(), Stage.MATURE), Investment.Context.NONE, today(), null, false,
                "crash-test;officer;;", "request:" + id, longAgo);
        investments.insertPending(investment, "crashed-request", longAgo.plusSeconds(5), null, "hash");
        return investment;
    }

    @Test
    void seeding_twice_creates_nothing_the_second_time_even_from_two_replicas() {
        given().post("/admin/seed").then().statusCode(401);
        manager().post("/admin/seed").then().statusCode(403);
        admin().post("/admin/seed").then().statusCode(200).body("created", empty()).body("existing", hasItems(SEEDED.toArray()));

        // given a fund missing (a fresh store), when two replicas seed at once, then exactly one creates it
        mongo.getDatabase(database).getCollection(FundRepository.COLLECTION).deleteOne(Filters.eq("_id", "FUND-CREDIT-ENHANCEMENT"));
        List<CompletableFuture<List<String>>> runs = List.of(
                CompletableFuture.supplyAsync(() -> admin().post("/admin/seed").then().statusCode(200).extract().path("created")),
                CompletableFuture.supplyAsync(() -> admin().post("/admin/seed").then().statusCode(200).extract().path("created")));
        List<String> created = runs.stream().map(CompletableFuture::join).flatMap(List::stream).toList();
        assertEquals(List.of("FUND-CREDIT-ENHANCEMENT"), created);
        admin().post("/admin/seed").then().statusCode(200).body("created", empty());
        manager().queryParam("limit", 200).get("/funds").then()
                .body("items.findAll { it.parentFundId != null && it.id.startsWith('FUND-VENTURE-SUB-') }.size()", equalTo(8))
                .body("items.findAll { it.parentFundId == null && it.placeholder }.size()", equalTo(SEEDED.size()));
    }

    @Test
    void an_admin_registers_a_sub_fund_under_a_top_level_fund_within_its_mandate() {
        Map<String, Object> body = new HashMap<>(Map.of("id", "FUND-VENTURE-SUB-XM01", "nameZh", "测试子基金",
                "nameEn", "Test sub-fund", "parentFundId", "FUND-VENTURE", "manager", "Test GP", "targetSizeFen", 50_000_000_000L,
                "stages", List.of("START_UP"), "instruments", List.of("EQUITY"), "placeholder", true));
        body.put("note", "test data, placeholder figures");
        manager().body(body).post("/funds").then().statusCode(403);
        admin().contentType(ContentType.JSON).body(with(body, "parentFundId", "FUND-VENTURE-SUB-01")).post("/funds").then()
                .statusCode(422).body("field", equalTo("parentFundId"));
        admin().contentType(ContentType.JSON).body(with(body, "stages", List.of("MATURE"))).post("/funds").then()
                .statusCode(422).body("field", equalTo("stages"));
        admin().contentType(ContentType.JSON).body(with(body, "id", "not-a-fund-id")).post("/funds").then().statusCode(400)
                .body("field", equalTo("id"));

        admin().contentType(ContentType.JSON).body(body).post("/funds").then().statusCode(201)
                .body("parentFundId", equalTo("FUND-VENTURE")).body("kind", equalTo("VENTURE"))
                .body("inHundredBillionTarget", equalTo(true)).body("committedFen", equalTo(0))
                .body("reserveBasisPoints", equalTo(1000));
        admin().contentType(ContentType.JSON).body(body).post("/funds").then().statusCode(409);
        // it takes commitments up to its target through the capital API, and rolls up into its parent's family
        manager().body(Map.of("source", "SOCIAL_CAPITAL", "amountFen", 50_000_000_001L, "dated", today().toString()))
                .post("/funds/FUND-VENTURE-SUB-XM01/capital/commitments").then().statusCode(422);
        manager().body(Map.of("source", "SOCIAL_CAPITAL", "amountFen", 30_000_000_000L, "dated", today().toString()))
                .post("/funds/FUND-VENTURE-SUB-XM01/capital/commitments").then().statusCode(201);
        JsonPath scale = auditor().get("/figures/scale").then().statusCode(200).extract().jsonPath();
        assertTrue(scale.getInt("inTarget.find { it.fundId == 'FUND-VENTURE' }.subFunds") >= 9);
        assertTrue(scale.getLong("inTarget.find { it.fundId == 'FUND-VENTURE' }.committedFen")
                >= fund("FUND-VENTURE").getLong("committedFen") + 30_000_000_000L);
    }

    static RequestSpecification admin() {
        return given().header("X-User", "admin-1").header("X-Roles", "admin");
    }

    static String toJson(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
