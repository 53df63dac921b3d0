package org.susong.eligibility.application;

import static org.susong.testing.TestBroker.kafka;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.susong.commons.security.Principal;
import org.susong.commons.time.BusinessClock;
import org.susong.contracts.EventContracts;
import org.susong.eligibility.persistence.CallRepository;
import org.susong.eligibility.persistence.DecisionRepository;
import org.susong.testing.CloudEventRecords;
import org.susong.testing.ContractValidation;
import org.susong.testing.LocalInfraTestResource;
import org.susong.testing.TestBroker;

/**
 * Issue 19, C1 competitive allocation: a call with an envelope, a window and criteria; applications naming it await
 * scoring instead of being decided alone; officers score them after the window (conflicts excluded, two officers above
 * the configured amount); the ranking is stored first, then each application decided once: awards in rank order while
 * the envelope lasts, the rest not funded with their rank and the cut-off. Real store and broker; business date
 * 2026-06-15 (%test), moved to 2026-07-02 for scoring ({@link CallService#clock}).
 */
@QuarkusTest
@ExtendWith({ContractValidation.class, TestBroker.class})
@WithTestResource(LocalInfraTestResource.class)
class CallsTest extends DecisionStores {

    static final String DECIDED = "susong.eligibility.EligibilityDecided.v1";
    static final String OPENED = "susong.eligibility.CallOpened.v1";
    static final String CLOSED = "susong.eligibility.CallClosed.v1";
    static final long MILLION = 100_000_000L; // 1,000,000 CNY in fen

    @Inject
    CallService calls;
    @Inject
    CallRepository callRepository;
    @Inject
    Clock clock;
    @Inject
    DecisionReplay replay;
    @Inject
    com.mongodb.client.MongoClient mongo;
    @Inject
    AppealService appeals;
    @Inject
    LedgerService ledger;
    @Inject
    CallResumer resumer;
    @Inject
    IntentGauge gauge;
    @Inject
    io.micrometer.core.instrument.MeterRegistry registry;

    @AfterEach
    void restore() {
        calls.clock(clock);
        calls.crashPoint(step -> { });
    }

    void afterTheWindow() {
        calls.clock(Clock.fixed(Instant.parse("2026-07-02T02:00:00Z"), BusinessClock.ZONE));
    }

    static RequestSpecification admin() {
        return given().header("X-User", "call-admin").header("X-Roles", "admin").contentType(ContentType.JSON);
    }

    static RequestSpecification officer(String user) {
        return officer(user, "XIANGAN");
    }

    static RequestSpecification officer(String user, String district) {
        return given().header("X-User", user).header("X-Roles", "officer").header("X-District", district)
                .contentType(ContentType.JSON);
    }

    static Map<String, Object> callBody(long envelopeFen, boolean partial, int innovationWeight, String growthOnly) {
        Map<String, Object> body = new HashMap<>();
        body.put("measureCode", "C1");
        body.put("titleEn", "2026 competitive round");
        body.put("titleZh", "2026年竞争性分配");
        body.put("envelopeFen", envelopeFen);
        body.put("submissionFrom", "2026-06-01");
        body.put("submissionTo", "2026-06-30");
        body.put("eligibilityCriteria", List.of(Map.of("name", "growth", "expr", growthOnly, "en",
                "a growth-stage enterprise", "zh", "成长期企业")));
        body.put("scoringCriteria", List.of(
                Map.of("name", "innovation", "weight", innovationWeight, "en", "innovation", "zh", "创新性"),
                Map.of("name", "market", "weight", 40, "en", "market prospects", "zh", "市场前景")));
        body.put("partialAwardAllowed", partial);
        return body;
    }

    String openCall(long envelopeFen, boolean partial) {
        return admin().body(callBody(envelopeFen, partial, 60, "facts.stage == 'GROWTH'")).post("/calls").then()
                .statusCode(201).body("state", equalTo("OPEN")).body("phase", equalTo("SUBMISSION"))
                .extract().path("callId");
    }

    /** A C1 application to {@code callId} submitted at {@code submittedAt}, through the deciding path. */
    void apply(String applicationId, String callId, long requestedFen, String submittedAt, String stage) {
        Map<String, Object> facts = Map.of("stage", stage, "field", "new-energy", "requestedFen", requestedFen,
                "callId", callId);
        decisions.decideAll(List.of(new DecisionService.Submission(UUID.randomUUID().toString(), "hash-" + applicationId,
                applicationId, CapsAndReviewsTest.uscc(), "C1", "XIANGAN", facts, null, Instant.parse(submittedAt))));
    }

    ValidatableResponse score(String callId, String app, String officer, int innovation, int market) {
        return officer(officer).body(Map.of("scores", Map.of("innovation", innovation, "market", market),
                "comment", "read the plan")).post("/calls/" + callId + "/applications/" + app + "/scores").then();
    }

    static Document criterion(Document d, String name) {
        return d.getList("criteria", Document.class).stream().filter(c -> name.equals(c.getString("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no criterion " + name + " in " + d.toJson()));
    }

    /**
     * The done-when of issue 19: ten applications, an envelope for four awards: exactly four awards in rank order, the
     * other six told their rank and the cut-off; the tie at the cut-off (80 points each) goes to the earlier
     * submission although its id sorts later; a tie on score and submission time goes to the lower application id.
     */
    @Test
    void ten_applications_and_an_envelope_for_four_give_four_awards_in_rank_order_and_tell_the_six_their_rank()
            throws Exception {
        String callId = openCall(4 * MILLION, false);
        String tag = UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        // points (innovation 60%, market 40%) giving weighted scores 95, 90, 85, 80, 80, 70, 60, 60, 50, 40
        List<String> apps = new ArrayList<>();
        int[][] points = {{95, 95}, {90, 90}, {85, 85}, {80, 80}, {80, 80}, {70, 70}, {60, 60}, {60, 60}, {50, 50}, {40, 40}};
        String[] ids = {"APP-CALL-" + tag + "-A", "APP-CALL-" + tag + "-B", "APP-CALL-" + tag + "-C",
                "APP-CALL-" + tag + "-Z" /* tie at the cut-off, submitted first */, "APP-CALL-" + tag + "-D",
                "APP-CALL-" + tag + "-E", "APP-CALL-" + tag + "-F" /* tie on score and time: the lower id first */,
                "APP-CALL-" + tag + "-G", "APP-CALL-" + tag + "-H", "APP-CALL-" + tag + "-I"};
        String[] submitted = {"2026-06-05T02:00:00Z", "2026-06-05T03:00:00Z", "2026-06-06T02:00:00Z",
                "2026-06-02T02:00:00Z", "2026-06-03T02:00:00Z", "2026-06-07T02:00:00Z", "2026-06-08T02:00:00Z",
                "2026-06-08T02:00:00Z", "2026-06-09T02:00:00Z", "2026-06-10T02:00:00Z"};
        for (int i = 9; i >= 0; i--) { // submitted to eligibility out of rank order
            apply(ids[i], callId, MILLION, submitted[i], "GROWTH");
            apps.add(0, ids[i]);
        }
        for (String app : apps) {
            assertTrue(repository.find("D-" + app).isEmpty(), "an application to a call is not decided alone");
            admin().get("/calls/" + callId + "/applications/" + app + "/scores").then().statusCode(200)
                    .body("state", equalTo("AWAITING_SCORING")).body("requiredScorers", equalTo(1));
        }
        afterTheWindow();
        for (int i = 0; i < 10; i++) {
            score(callId, apps.get(i), "scorer-" + (i % 3), points[i][0], points[i][1]).statusCode(200)
                    .body("score", equalTo((float) points[i][0]));
        }
        ValidatableResponse ranked = admin().post("/calls/" + callId + "/rank").then().statusCode(200)
                .body("usedFen", equalTo((int) (4 * MILLION))).body("cutOffScore", equalTo(80.0f));
        List<String> order = ranked.extract().path("ranking.applicationId");
        assertEquals(apps, order, "rank order: score, then earlier submission (Z before D), then id (F before G)");
        List<String> outcomes = ranked.extract().path("ranking.outcome");
        assertEquals(List.of("APPROVED", "APPROVED", "APPROVED", "APPROVED", "NOT_FUNDED", "NOT_FUNDED", "NOT_FUNDED",
                "NOT_FUNDED", "NOT_FUNDED", "NOT_FUNDED"), outcomes);
        for (int i = 0; i < 10; i++) {
            Document d = repository.find("D-" + apps.get(i)).orElseThrow();
            Document ranking = criterion(d, "callRanking");
            if (i < 4) {
                assertEquals("APPROVED", d.getString("outcome"));
                assertEquals(MILLION, d.get("amountFen", Number.class).longValue());
                assertTrue(ranking.getBoolean("passed"));
                assertTrue(d.getString("explanationEn").contains("ranked " + (i + 1) + " of 10"), d.getString("explanationEn"));
            } else {
                assertEquals("REJECTED", d.getString("outcome"));
                assertEquals(0L, d.get("amountFen", Number.class).longValue());
                assertFalse(ranking.getBoolean("passed"));
                assertTrue(ranking.getString("en").startsWith("not funded: ranked " + (i + 1) + " of 10 in call " + callId
                        + " with " + String.format("%d.00", points[i][0]) + " points"), ranking.getString("en"));
                assertTrue(ranking.getString("en").contains("funds the applications ranked 1 to 4, cut-off score 80.00 points"),
                        ranking.getString("en"));
                assertTrue(ranking.getString("zh").contains("排名第 " + (i + 1) + " 位") && ranking.getString("zh")
                        .contains("入围分数线 80.00 分"), ranking.getString("zh"));
                assertTrue(d.get("notice", Document.class).getString("en").contains("cut-off score 80.00"),
                        "the notice carries the reasons");
            }
            assertEquals(org.susong.eligibility.persistence.DecisionRepository.judgedOn(d).toString(), submitted[i].substring(0, 10));
        }
        // the awards are ordinary decisions on the decisions topic, as payments reads them
        ConsumerRecord<String, String> award = await().atMost(Duration.ofSeconds(30)).until(() -> kafka().consumeStrings()
                .fromTopics("eligibility.events", Duration.ofSeconds(2)).awaitCompletion().getRecords().stream()
                .filter(r -> ("D-" + apps.get(0)).equals(r.key()) && DECIDED.equals(CloudEventRecords.header(r, "ce_type")))
                .toList(), l -> !l.isEmpty()).get(0);
        assertEquals(List.of(), EventContracts.violations(DECIDED, award.value()));
        assertTrue(award.value().contains("\"outcome\":\"APPROVED\"") && award.value().contains("\"budgetLine\":\"C1\""),
                award.value());
        ConsumerRecord<String, String> opened = await().atMost(Duration.ofSeconds(30)).until(() -> kafka().consumeStrings()
                .fromTopics("eligibility.events", Duration.ofSeconds(2)).awaitCompletion().getRecords().stream()
                .filter(r -> callId.equals(r.key()) && OPENED.equals(CloudEventRecords.header(r, "ce_type"))).toList(),
                l -> !l.isEmpty()).get(0);
        assertEquals(List.of(), EventContracts.violations(OPENED, opened.value()));
        // the call is closed for scoring and ranking changes nothing more
        score(callId, apps.get(0), "late-scorer", 10, 10).statusCode(409).body("field", equalTo("phase"));
        admin().post("/calls/" + callId + "/rank").then().statusCode(200).body("ranking.applicationId", equalTo(apps));
        admin().get("/calls/" + callId + "/applications/" + apps.get(5) + "/scores").then().statusCode(200)
                .body("state", equalTo("AWARDED")).body("score", equalTo(70.0f));
    }

    /**
     * A crash between the decisions of a ranking: run again, the same ranking, the missing decisions, none twice, and one
     * {@code CallClosed} (issue 19) with the envelope and what was awarded, for payments to give the rest back.
     */
    @Test
    void a_crash_during_the_ranking_leaves_the_same_ranking_and_no_second_decision() {
        String callId = openCall(2 * MILLION + MILLION / 2, false);
        List<String> apps = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String app = CapsAndReviewsTest.app("CRASH");
            apply(app, callId, MILLION, "2026-06-1" + i + "T01:00:00Z", "GROWTH");
            apps.add(app);
        }
        afterTheWindow();
        for (int i = 0; i < 5; i++) {
            score(callId, apps.get(i), "crash-scorer", 50 + 10 * i, 50).statusCode(200);
        }
        AtomicInteger written = new AtomicInteger();
        calls.crashPoint(step -> {
            if (written.incrementAndGet() == 3) {
                throw new IllegalStateException("killed after the third decision");
            }
        });
        Principal admin = new Principal("call-admin", Set.of(Principal.ADMIN), Optional.empty(), Optional.empty());
        assertThrows(IllegalStateException.class, () -> calls.rank(callId, admin));
        Document intent = callRepository.find(callId).orElseThrow();
        assertEquals("RANKING", intent.getString("state"), "the ranking is stored before any decision");
        List<String> stored = intent.getList("ranking", Document.class).stream().map(r -> r.getString("applicationId")).toList();
        assertEquals(List.of(apps.get(4), apps.get(3), apps.get(2), apps.get(1), apps.get(0)), stored);
        assertEquals(3, apps.stream().filter(a -> repository.find("D-" + a).isPresent()).count(), "a partial write");
        Map<String, Object> firstWritten = new HashMap<>();
        apps.forEach(a -> repository.find("D-" + a).ifPresent(d -> firstWritten.put(a, d.get("decidedAt"))));

        calls.crashPoint(step -> { });
        admin().post("/calls/" + callId + "/rank").then().statusCode(200).body("ranking.applicationId", equalTo(stored))
                .body("ranking.outcome", equalTo(List.of("APPROVED", "APPROVED", "NOT_FUNDED", "NOT_FUNDED", "NOT_FUNDED")));
        assertEquals("AWARDED", callRepository.find(callId).orElseThrow().getString("state"));
        admin().post("/calls/" + callId + "/rank").then().statusCode(200); // a third run: no second CallClosed
        List<ConsumerRecord<String, String>> closed = await().atMost(Duration.ofSeconds(30)).until(() -> kafka().consumeStrings()
                .fromTopics("eligibility.events", Duration.ofSeconds(3)).awaitCompletion().getRecords().stream()
                .filter(r -> callId.equals(r.key()) && CLOSED.equals(CloudEventRecords.header(r, "ce_type"))).toList(),
                l -> !l.isEmpty());
        assertEquals(1, closed.size(), "one CallClosed");
        assertEquals(List.of(), EventContracts.violations(CLOSED, closed.get(0).value()));
        assertTrue(closed.get(0).value().contains("\"envelopeFen\":250000000") && closed.get(0).value()
                .contains("\"usedFen\":200000000") && closed.get(0).value().contains("\"awards\":2"), closed.get(0).value());
        for (String app : apps) {
            Document d = repository.find("D-" + app).orElseThrow();
            assertEquals(1, d.get("eventSeq", Number.class).intValue(), "one event per decision: " + d.toJson());
            if (firstWritten.containsKey(app)) {
                assertEquals(firstWritten.get(app), d.get("decidedAt"), "the decision written before the crash is kept");
            }
        }
        assertEquals(2, apps.stream().map(a -> repository.find("D-" + a).orElseThrow())
                .filter(d -> "APPROVED".equals(d.getString("outcome"))).count());
        // a redelivered submission after the ranking changes nothing
        apply(apps.get(0), callId, MILLION, "2026-06-10T01:00:00Z", "GROWTH");
        assertEquals(firstWritten.getOrDefault(apps.get(0), repository.find("D-" + apps.get(0)).orElseThrow()
                .get("decidedAt")), repository.find("D-" + apps.get(0)).orElseThrow().get("decidedAt"));
    }

    /**
     * The request of {@code POST /calls} as the code before {@code disbursementMode} existed read it (main at 774560e5):
     * its request hash was taken over this shape, so a call stored then keeps its Idempotency-Key's hash.
     */
    record OpenCommandBeforeTheMode(String measureCode, String titleEn, String titleZh, Long envelopeFen,
                                    String submissionFrom, String submissionTo,
                                    List<org.susong.eligibility.domain.Measure.CriterionSpec> eligibilityCriteria,
                                    List<org.susong.eligibility.domain.Call.ScoringCriterion> scoringCriteria,
                                    Boolean partialAwardAllowed) {
    }

    static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    /** The canonical request of {@link #callBody}(3,000,000 CNY, no partial award, 60, growth only), without a mode. */
    static final String REQUEST_BEFORE_THE_MODE = "{\"measureCode\":\"C1\",\"titleEn\":\"2026 competitive round\","
            + "\"titleZh\":\"2026年竞争性分配\",\"envelopeFen\":300000000,\"submissionFrom\":\"2026-06-01\","
            + "\"submissionTo\":\"2026-06-30\",\"eligibilityCriteria\":[{\"name\":\"growth\","
            + "\"expr\":\"facts.stage == 'GROWTH'\",\"en\":\"a growth-stage enterprise\",\"zh\":\"成长期企业\"}],"
            + "\"scoringCriteria\":[{\"name\":\"innovation\",\"weight\":60,\"en\":\"innovation\",\"zh\":\"创新性\"},"
            + "{\"name\":\"market\",\"weight\":40,\"en\":\"market prospects\",\"zh\":\"市场前景\"}],"
            + "\"partialAwardAllowed\":false}";

    /** Its SHA-256 (taken outside Java: {@code printf '%s' "$json" | sha256sum}). */
    static final String HASH_BEFORE_THE_MODE = "58eed5f823e02ecf8be8b870a759cf28f8fbae9acebde1f319a7b5ba2857a796";

    /**
     * A body without {@code disbursementMode} hashes as it did before the mode existed (issue 19 item 4): the canonical
     * JSON of the earlier shape is the text spelled out, its hash the pinned one; today's command without a mode gives
     * the same text; a call opened with an Idempotency-Key stores that hash, and the same old-style body retried with
     * the key is answered with the same call (replayed), not 422.
     */
    @Test
    void a_body_without_a_disbursement_mode_keeps_the_request_hash_of_before_the_mode() {
        Map<String, Object> body = callBody(3 * MILLION, false, 60, "facts.stage == 'GROWTH'");
        OpenCommandBeforeTheMode before = JSON.convertValue(body, OpenCommandBeforeTheMode.class);
        assertEquals(REQUEST_BEFORE_THE_MODE, org.susong.commons.ids.CanonicalJson.of(before));
        assertEquals(HASH_BEFORE_THE_MODE, org.susong.commons.ids.Hashes.sha256(REQUEST_BEFORE_THE_MODE));
        CallService.OpenCommand now = JSON.convertValue(body, CallService.OpenCommand.class);
        assertNull(now.disbursementMode());
        assertEquals(REQUEST_BEFORE_THE_MODE, org.susong.commons.ids.CanonicalJson.of(now));

        String key = UUID.randomUUID().toString();
        String callId = admin().header("Idempotency-Key", key).body(body).post("/calls").then().statusCode(201)
                .header("Idempotent-Replayed", "false").extract().path("callId");
        assertEquals(HASH_BEFORE_THE_MODE, callRepository.stored(callId).orElseThrow().requestHash());
        admin().header("Idempotency-Key", key).body(body).post("/calls").then().statusCode(201)
                .header("Idempotent-Replayed", "true").body("callId", equalTo(callId));
    }

    /** A retried POST with the same Idempotency-Key answers the call the first one opened, never a second call. */
    @Test
    void opening_a_call_again_with_the_same_idempotency_key_answers_the_same_call() {
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = callBody(3 * MILLION, false, 60, "facts.stage == 'GROWTH'");
        String callId = admin().header("Idempotency-Key", key).body(body).post("/calls").then().statusCode(201)
                .header("Idempotent-Replayed", "false").extract().path("callId");
        admin().header("Idempotency-Key", key).body(body).post("/calls").then().statusCode(201)
                .header("Idempotent-Replayed", "true").header("Location", org.hamcrest.Matchers.endsWith("/calls/" + callId))
                .body("callId", equalTo(callId)).body("envelopeFen", equalTo((int) (3 * MILLION)));
        Map<String, Object> other = callBody(4 * MILLION, false, 60, "facts.stage == 'GROWTH'");
        admin().header("Idempotency-Key", key).body(other).post("/calls").then().statusCode(422)
                .body("field", equalTo("Idempotency-Key")).body("callId", equalTo(callId));
        String second = admin().header("Idempotency-Key", UUID.randomUUID().toString()).body(body).post("/calls").then()
                .statusCode(201).extract().path("callId");
        assertFalse(callId.equals(second), "another key opens another call");
        List<ConsumerRecord<String, String>> opened = await().atMost(Duration.ofSeconds(30)).until(() -> kafka().consumeStrings()
                .fromTopics("eligibility.events", Duration.ofSeconds(3)).awaitCompletion().getRecords().stream()
                .filter(r -> callId.equals(r.key()) && OPENED.equals(CloudEventRecords.header(r, "ce_type"))).toList(),
                l -> !l.isEmpty());
        assertEquals(1, opened.size(), "one CallOpened: one envelope reserved");
    }

    /**
     * Payments could not reserve the envelope on the C1 line ({@code CallEnvelopeRefused}, issue 19): the call is
     * REFUSED, takes no application (rejected naming the call) and is never ranked; a redelivery changes nothing.
     */
    @Test
    void a_call_whose_envelope_payments_refused_takes_no_application_and_is_not_ranked() {
        String callId = openCall(3 * MILLION, false);
        String refused = "{\"callId\":\"" + callId + "\",\"measureCode\":\"C1\",\"budgetLine\":\"2026:C1\","
                + "\"envelopeFen\":300000000,\"availableFen\":100,\"reason\":\"budget line 2026:C1 has 100 fen available\","
                + "\"refusedAt\":\"2026-06-15T02:00:01Z\"}";
        assertEquals(List.of(), EventContracts.violations("susong.payments.CallEnvelopeRefused.v1", refused));
        for (int i = 0; i < 2; i++) { // the same fact twice
            kafka().produceStrings().fromRecords(CloudEventRecords.event("payments.events", UUID.randomUUID().toString(),
                    "susong.payments.CallEnvelopeRefused.v1", callId, refused, Map.of())).awaitCompletion();
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> admin().get("/calls/" + callId).then().statusCode(200)
                .body("state", equalTo("REFUSED")).body("phase", equalTo("REFUSED")));
        String why = lateApplicationRejected(callId, "REFUSEDCALL");
        assertTrue(why.contains("envelope could not be reserved"), why);
        afterTheWindow();
        admin().post("/calls/" + callId + "/rank").then().statusCode(409).body("field", equalTo("phase"))
                .body("currentStatus", equalTo("REFUSED"));
    }

    /**
     * Issue 19's done-when "the ranking is reproduced by the decisions replay": ten scored applications ranked under an
     * envelope of 3.5 awards with partial awards allowed (three whole, one partial) and one rejected on entering the
     * call: the replay ranks the call again from the stored score sheets and finds no difference; a decision's amount
     * changed in the store and a rank changed in the call's stored ranking are each reported naming the application's
     * decision and the field.
     */
    @Test
    void the_decisions_replay_ranks_the_call_again_and_names_a_tampered_amount_or_rank() {
        String callId = openCall(3 * MILLION + MILLION / 2, true);
        List<String> apps = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String app = CapsAndReviewsTest.app("RPC");
            apply(app, callId, MILLION, "2026-06-" + (10 + i) + "T01:00:00Z", "GROWTH");
            apps.add(app);
        }
        String startUp = CapsAndReviewsTest.app("RPC");
        apply(startUp, callId, MILLION, "2026-06-20T01:00:00Z", "START_UP");
        afterTheWindow();
        int[] points = {55, 90, 70, 90, 40, 85, 60, 75, 65, 80}; // a tie at 90: the earlier submission first
        for (int i = 0; i < 10; i++) {
            score(callId, apps.get(i), "replay-scorer", points[i], points[i]).statusCode(200);
        }
        admin().post("/calls/" + callId + "/rank").then().statusCode(200)
                .body("ranking.applicationId", equalTo(List.of(apps.get(1), apps.get(3), apps.get(5), apps.get(9),
                        apps.get(7), apps.get(2), apps.get(8), apps.get(6), apps.get(0), apps.get(4))))
                .body("ranking.awardedFen", equalTo(List.of((int) MILLION, (int) MILLION, (int) MILLION,
                        (int) (MILLION / 2), 0, 0, 0, 0, 0, 0)))
                .body("cutOffScore", equalTo(80.0f));
        List<String> all = new ArrayList<>(apps);
        all.add(startUp);
        for (String app : all) {
            DecisionReplay.Report r = replay.replayOne("D-" + app);
            assertEquals(1, r.replayed(), app + " replayed, not skipped: " + r);
            assertEquals(List.of(), r.differences(), app + ": " + repository.find("D-" + app).orElseThrow().toJson());
        }

        // tampered: the amount of the award ranked 2nd (apps[3]) in its decision, the rank of the 6th (apps[2]) on the call
        assertTrue(repository.update("D-" + apps.get(3), com.mongodb.client.model.Filters.empty(),
                com.mongodb.client.model.Updates.set("amountFen", 1L), List.of()));
        mongo.getDatabase(ConfigProvider.getConfig().getValue("quarkus.mongodb.database", String.class))
                .getCollection(CallRepository.COLLECTION).updateOne(com.mongodb.client.model.Filters.eq("_id", callId),
                        com.mongodb.client.model.Updates.set("ranking.5.rank", 9));
        assertEquals(List.of(new DecisionReplay.Difference("D-" + apps.get(3), "amountFen", "1", String.valueOf(MILLION))),
                replay.replayOne("D-" + apps.get(3)).differences());
        assertEquals(List.of(new DecisionReplay.Difference("D-" + apps.get(2), "rank", "9", "6")),
                replay.replayOne("D-" + apps.get(2)).differences());
        DecisionReplay.Report whole = replay.replayAll(200, 10_000);
        List<DecisionReplay.Difference> ofThisCall = whole.differences().stream()
                .filter(d -> all.stream().anyMatch(a -> d.decisionId().equals("D-" + a))).toList();
        assertEquals(Set.of(new DecisionReplay.Difference("D-" + apps.get(3), "amountFen", "1", String.valueOf(MILLION)),
                new DecisionReplay.Difference("D-" + apps.get(2), "rank", "9", "6")), Set.copyOf(ofThisCall),
                ofThisCall.toString());
    }

    /** The last application reached gets what remains of the envelope only when the call allows it. */
    @Test
    void a_partial_award_for_the_last_only_when_the_call_allows_it() {
        for (boolean partial : new boolean[] {true, false}) {
            calls.clock(clock);
            String callId = openCall(2 * MILLION + MILLION / 2, partial);
            List<String> apps = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                String app = CapsAndReviewsTest.app("PART");
                apply(app, callId, MILLION, "2026-06-1" + i + "T01:00:00Z", "GROWTH");
                apps.add(app);
            }
            afterTheWindow();
            for (int i = 0; i < 4; i++) {
                score(callId, apps.get(i), "part-scorer", 90 - 10 * i, 90 - 10 * i).statusCode(200);
            }
            admin().post("/calls/" + callId + "/rank").then().statusCode(200)
                    .body("ranking.awardedFen", equalTo(partial ? List.of((int) MILLION, (int) MILLION, (int) (MILLION / 2), 0)
                            : List.of((int) MILLION, (int) MILLION, 0, 0)))
                    .body("usedFen", equalTo((int) (partial ? 2 * MILLION + MILLION / 2 : 2 * MILLION)));
            Document third = repository.find("D-" + apps.get(2)).orElseThrow();
            assertEquals(partial ? "APPROVED" : "REJECTED", third.getString("outcome"));
            if (partial) {
                assertTrue(third.getString("explanationEn").contains("a partial award"), third.getString("explanationEn"));
            }
        }
    }

    /** Bad input is refused naming the field, nothing applied; scoring is the officers' in its phase only. */
    @Test
    void bad_input_and_scoring_out_of_turn_are_refused_naming_the_field() {
        admin().body(callBody(MILLION, false, 50, "true")).post("/calls").then().statusCode(422)
                .body("field", equalTo("scoringCriteria"));
        admin().body(callBody(MILLION, false, 60, "facts.stage ==")).post("/calls").then().statusCode(400)
                .body("field", equalTo("eligibilityCriteria[0].expr"));
        Map<String, Object> noEnvelope = callBody(MILLION, false, 60, "true");
        noEnvelope.put("envelopeFen", 0);
        admin().body(noEnvelope).post("/calls").then().statusCode(400).body("field", equalTo("envelopeFen"));
        Map<String, Object> past = callBody(MILLION, false, 60, "true");
        past.put("submissionFrom", "2026-05-01");
        past.put("submissionTo", "2026-05-31");
        admin().body(past).post("/calls").then().statusCode(422).body("field", equalTo("submissionTo"));
        officer("not-an-admin").body(callBody(MILLION, false, 60, "true")).post("/calls").then().statusCode(403);

        String callId = openCall(10 * MILLION, false);
        String big = CapsAndReviewsTest.app("BIG");
        apply(big, callId, 2 * MILLION, "2026-06-10T01:00:00Z", "GROWTH"); // above 1,000,000 CNY: two officers
        String startUp = CapsAndReviewsTest.app("START");
        apply(startUp, callId, MILLION, "2026-06-10T01:00:00Z", "START_UP");
        Document rejected = repository.find("D-" + startUp).orElseThrow();
        assertEquals("REJECTED", rejected.getString("outcome"));
        assertFalse(criterion(rejected, "growth").getBoolean("passed"), "the call's own CEL criterion");
        String early = CapsAndReviewsTest.app("EARLY");
        apply(early, callId, MILLION, "2026-05-20T01:00:00Z", "GROWTH");
        assertFalse(criterion(repository.find("D-" + early).orElseThrow(), "callWindow").getBoolean("passed"));
        String unknown = CapsAndReviewsTest.app("NOCALL");
        apply(unknown, "CALL-C1-NOSUCH", MILLION, "2026-06-10T01:00:00Z", "GROWTH");
        assertFalse(criterion(repository.find("D-" + unknown).orElseThrow(), "call").getBoolean("passed"));

        score(callId, big, "officer-a", 80, 80).statusCode(409).body("field", equalTo("phase"))
                .body("currentStatus", equalTo("SUBMISSION"));
        officer("officer-c").body(Map.of("reason", "my brother-in-law runs it"))
                .post("/calls/" + callId + "/applications/" + big + "/conflicts").then().statusCode(200)
                .body("conflicts[0].officer", equalTo("officer-c"));
        afterTheWindow();
        score(callId, big, "officer-c", 80, 80).statusCode(403).body("field", equalTo("officer"));
        officer("officer-a").body(Map.of("scores", Map.of("innovation", 80), "comment", "x"))
                .post("/calls/" + callId + "/applications/" + big + "/scores").then().statusCode(400)
                .body("field", equalTo("scores.market"));
        score(callId, big, "officer-a", 101, 80).statusCode(400).body("field", equalTo("scores.innovation"));
        officer("other-district", "HULI").body(Map.of("scores", Map.of("innovation", 80, "market", 80), "comment", "x"))
                .post("/calls/" + callId + "/applications/" + big + "/scores").then().statusCode(404);
        admin().get("/calls/" + callId + "/applications/" + big + "/scores").then().statusCode(200)
                .body("scores.size()", equalTo(0)).body("requiredScorers", equalTo(2));

        score(callId, big, "officer-a", 80, 70).statusCode(200).body("scores.size()", equalTo(1));
        score(callId, big, "officer-a", 90, 90).statusCode(409).body("field", equalTo("officer"));
        admin().post("/calls/" + callId + "/rank").then().statusCode(409).body("field", equalTo("scores"));
        officer("officer-a").body(Map.of("reason", "late")).post("/calls/" + callId + "/applications/" + big + "/conflicts")
                .then().statusCode(409).body("field", equalTo("officer"));
        score(callId, big, "officer-b", 60, 50).statusCode(200).body("score", equalTo(66.0f)); // (76 + 56) / 2
        score(callId, big, "officer-d", 60, 50).statusCode(409).body("field", equalTo("scores"));
        admin().post("/calls/" + callId + "/rank").then().statusCode(200).body("ranking.applicationId", equalTo(List.of(big)))
                .body("ranking[0].awardedFen", equalTo((int) (2 * MILLION)));
    }

    /** A decision as decided, without its outbox (the relay drains it meanwhile). */
    static Document withoutOutbox(Document d) {
        Document copy = new Document(d);
        copy.remove("outbox");
        copy.remove("outboxLease");
        return copy;
    }

    /** An eligible application to a call that takes none any more: REJECTED, the criterion {@code call}'s reason. */
    String lateApplicationRejected(String callId, String tag) {
        String app = CapsAndReviewsTest.app(tag);
        apply(app, callId, MILLION, "2026-06-15T01:00:00Z", "GROWTH");
        Document d = repository.find("D-" + app).orElseThrow();
        assertEquals("REJECTED", d.getString("outcome"));
        Document call = criterion(d, "call");
        assertFalse(call.getBoolean("passed"));
        return call.getString("en");
    }

    /** {@code n} eligible applications of 1,000,000 CNY to {@code callId}, submitted on the 10th, 11th, ... of June. */
    List<String> applyEach(String callId, int n, String tag) {
        List<String> apps = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String app = CapsAndReviewsTest.app(tag);
            apply(app, callId, MILLION, "2026-06-1" + i + "T01:00:00Z", "GROWTH");
            apps.add(app);
        }
        return apps;
    }

        List<ConsumerRecord<String, String>> closedOf(String callId) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> kafka().consumeStrings()
                .fromTopics("eligibility.events", Duration.ofSeconds(3)).awaitCompletion().getRecords().stream()
                .filter(r -> callId.equals(r.key()) && CLOSED.equals(CloudEventRecords.header(r, "ce_type"))).toList(),
                l -> !l.isEmpty());
    }

    /**
     * A call never ranked is cancelled (issue 19): CANCELLED, every application decided not funded saying the call was
     * cancelled (en/zh), one {@code CallClosed} with usedFen 0 so payments gives the whole envelope back; a second cancel,
     * scoring, ranking and a late application find it cancelled.
     */
    @Test
    void cancelling_an_open_call_decides_its_applications_not_funded_and_closes_it_with_nothing_used() {
        String callId = openCall(3 * MILLION, false);
        List<String> apps = applyEach(callId, 3, "CANCEL");
        admin().body(Map.of("reason", "the measure's budget was withdrawn")).post("/calls/" + callId + "/cancellation")
                .then().statusCode(200).body("state", equalTo("CANCELLED")).body("phase", equalTo("CANCELLED"))
                .body("applications", equalTo(3));
        for (String app : apps) {
            Document d = repository.find("D-" + app).orElseThrow();
            assertEquals("REJECTED", d.getString("outcome"));
            Document call = criterion(d, "call");
            assertFalse(call.getBoolean("passed"));
            assertTrue(call.getString("en").contains("not funded: call " + callId + " was cancelled")
                    && call.getString("en").contains("the measure's budget was withdrawn"), call.getString("en"));
            assertTrue(call.getString("zh").contains("已撤销"), call.getString("zh"));
            assertEquals(1, d.get("eventSeq", Number.class).intValue());
        }
        List<ConsumerRecord<String, String>> closed = closedOf(callId);
        assertEquals(1, closed.size(), "one CallClosed");
        assertEquals(List.of(), EventContracts.violations(CLOSED, closed.get(0).value()));
        assertTrue(closed.get(0).value().contains("\"envelopeFen\":300000000") && closed.get(0).value()
                .contains("\"usedFen\":0") && closed.get(0).value().contains("\"awards\":0")
                && closed.get(0).value().contains("\"applications\":3")
                && closed.get(0).value().contains("\"cancelReason\":\"the measure's budget was withdrawn\""),
                closed.get(0).value());

        admin().body(Map.of("reason", "again")).post("/calls/" + callId + "/cancellation").then().statusCode(409)
                .body("field", equalTo("phase")).body("currentStatus", equalTo("CANCELLED"));
        String why = lateApplicationRejected(callId, "LATE");
        assertTrue(why.contains("not funded: call " + callId + " was cancelled"), why);
        afterTheWindow();
        score(callId, apps.get(0), "cancel-scorer", 80, 80).statusCode(409).body("field", equalTo("phase"))
                .body("currentStatus", equalTo("CANCELLED"));
        admin().post("/calls/" + callId + "/rank").then().statusCode(409).body("field", equalTo("phase"))
                .body("currentStatus", equalTo("CANCELLED"));
        assertEquals(1, closedOf(callId).size(), "still one CallClosed");
    }

    /** A crash after the call's write and before its decisions: the cancel retried writes them, once each. */
    @Test
    void a_crash_between_the_cancel_and_its_decisions_is_finished_by_the_cancel_retried() {
        String callId = openCall(2 * MILLION, false);
        List<String> apps = crashedCancel(callId, 2, "CCRASH", "withdrawn");
        admin().body(Map.of("reason", "withdrawn")).post("/calls/" + callId + "/cancellation").then().statusCode(409)
                .body("currentStatus", equalTo("CANCELLED"));
        assertCancelledOnce(callId, apps, "withdrawn");
    }

    /**
     * Runs {@code runs} together from one start: the resumer on two replicas and a retried request (issue 19); each
     * run's exception, if any, is collected (a retried cancel answers 409 CANCELLED).
     */
    static List<Throwable> together(List<Runnable> runs) throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(runs.size());
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        try {
            List<java.util.concurrent.Future<Throwable>> done = new ArrayList<>();
            for (Runnable run : runs) {
                done.add(pool.submit(() -> {
                    start.await();
                    try {
                        run.run();
                        return null;
                    } catch (RuntimeException e) {
                        return e;
                    }
                }));
            }
            start.countDown();
            List<Throwable> failed = new ArrayList<>();
            for (java.util.concurrent.Future<Throwable> f : done) {
                Throwable t = f.get(60, java.util.concurrent.TimeUnit.SECONDS);
                if (t != null) {
                    failed.add(t);
                }
            }
            return failed;
        } finally {
            pool.shutdownNow();
        }
    }

    /** The decisions stored for {@code applicationId} (by its id, not only {@code D-<applicationId>}). */
    long decisionsOf(String applicationId) {
        return mongo.getDatabase(ConfigProvider.getConfig().getValue("quarkus.mongodb.database", String.class))
                .getCollection(DecisionRepository.COLLECTION)
                .countDocuments(com.mongodb.client.model.Filters.eq("applicationId", applicationId));
    }

    /** A call with {@code n} applications whose cancel crashed after the call's write (issue 19): CANCELLED, no decision. */
    List<String> crashedCancel(String callId, int n, String tag, String reason) {
        List<String> apps = applyEach(callId, n, tag);
        calls.crashPoint(step -> {
            if ("call-cancelled".equals(step)) {
                throw new IllegalStateException("killed after the call's write");
            }
        });
        assertThrows(IllegalStateException.class, () -> calls.cancel(callId, callAdmin(), reason));
        calls.crashPoint(step -> { });
        assertEquals("CANCELLED", callRepository.find(callId).orElseThrow().getString("state"));
        assertTrue(apps.stream().allMatch(a -> repository.find("D-" + a).isEmpty()), "no decision yet");
        return apps;
    }

    static Principal callAdmin() {
        return new Principal("call-admin", Set.of(Principal.ADMIN), Optional.empty(), Optional.empty());
    }

    /** Every application of the cancelled call REJECTED once with the cancel's reason, one event each, one CallClosed. */
    void assertCancelledOnce(String callId, List<String> apps, String reason) {
        for (String app : apps) {
            Document d = repository.find("D-" + app).orElseThrow(() -> new AssertionError("no decision for " + app));
            assertEquals("REJECTED", d.getString("outcome"));
            assertTrue(criterion(d, "call").getString("en").contains("was cancelled (" + reason + ")"), d.toJson());
            assertEquals(1, d.get("eventSeq", Number.class).intValue(), "one event: " + d.toJson());
            assertEquals(1, decisionsOf(app), "one decision for " + app);
        }
        Document call = callRepository.find(callId).orElseThrow();
        assertFalse(call.containsKey("decisionsPending"), call.toJson());
        assertTrue(call.get("decisionsAt") instanceof java.util.Date, call.toJson());
        assertEquals(1, closedOf(callId).size(), "one CallClosed, written with the call's state");
    }

    /**
     * A crash after the cancel's write and before its decisions, and nobody retries (issue 19): the resumer leaves a
     * call cancelled less than its grace ago alone, then (on two replicas at once) finishes it: every application
     * REJECTED once with the cancel's reason, one event each, one CallClosed in total; a later round changes nothing.
     * A second call: the resumer on two replicas and a retried cancel racing them still write one decision and one
     * event per application.
     */
    @Test
    void a_crash_between_the_cancel_and_its_decisions_left_unretried_is_finished_by_the_resumer() throws Exception {
        String callId = openCall(2 * MILLION, false);
        List<String> apps = crashedCancel(callId, 3, "CRESUME", "the council withdrew the round");
        resumer.resume(clock.instant().minusSeconds(60)); // cancelled within the grace: a request may still be writing
        assertTrue(apps.stream().allMatch(a -> repository.find("D-" + a).isEmpty()), "not resumed within the grace");
        Instant after = clock.instant().plusSeconds(1);
        assertEquals(List.of(), together(List.of(() -> resumer.resume(after), () -> resumer.resume(after))));
        assertCancelledOnce(callId, apps, "the council withdrew the round");
        Map<String, Object> decidedAt = new HashMap<>();
        apps.forEach(a -> decidedAt.put(a, repository.find("D-" + a).orElseThrow().get("decidedAt")));
        resumer.resume(after); // a later round finds nothing to do
        apps.forEach(a -> assertEquals(decidedAt.get(a), repository.find("D-" + a).orElseThrow().get("decidedAt")));

        String raced = openCall(2 * MILLION, false);
        List<String> racedApps = crashedCancel(raced, 3, "CRACE", "withdrawn");
        List<Throwable> failed = together(List.of(() -> resumer.resume(after), () -> resumer.resume(after),
                () -> calls.cancel(raced, callAdmin(), "withdrawn")));
        assertEquals(1, failed.size(), failed.toString());
        assertTrue(failed.get(0) instanceof org.susong.commons.rest.ProblemException, failed.toString()); // 409 CANCELLED
        assertCancelledOnce(raced, racedApps, "withdrawn");
    }

    /**
     * The resumer reads only calls in a state it can finish (CANCELLED, RANKING): a call marked {@code decisionsPending}
     * in another state (here one stored AWARDED with the mark, as no build writes it) would otherwise sit at the head of
     * every batch, oldest first, and starve the newer ones behind it; the gauge {@code
     * susong_intents_oldest_pending_seconds{collection="calls"}} shows it for a person, whatever its state.
     */
    @Test
    void a_marked_call_the_resumer_cannot_finish_starves_no_other_and_shows_on_the_gauge() {
        com.mongodb.client.MongoCollection<org.bson.Document> stored = mongo.getDatabase(ConfigProvider.getConfig()
                .getValue("quarkus.mongodb.database", String.class)).getCollection(CallRepository.COLLECTION);
        String stuck = openCall(MILLION, false);
        java.util.Date dayBefore = java.util.Date.from(clock.instant().minus(java.time.Duration.ofDays(1)));
        stored.updateOne(com.mongodb.client.model.Filters.eq("_id", stuck), com.mongodb.client.model.Updates.combine(
                com.mongodb.client.model.Updates.set("state", "AWARDED"),
                com.mongodb.client.model.Updates.set(CallRepository.DECISIONS_PENDING, dayBefore)));
        try {
            String callId = openCall(2 * MILLION, false);
            List<String> apps = crashedCancel(callId, 2, "CSTARVE", "withdrawn");
            Instant after = clock.instant().plusSeconds(1);
            // the stuck call is the oldest marked, yet the resumer's read leaves it out and finds the finishable one
            List<String> read = callRepository.undecided(java.util.EnumSet.of(
                    org.susong.eligibility.domain.CallState.CANCELLED, org.susong.eligibility.domain.CallState.RANKING),
                    java.util.Date.from(after), 100);
            assertTrue(read.contains(callId) && !read.contains(stuck), read.toString());
            resumer.resume(after);
            assertCancelledOnce(callId, apps, "withdrawn");
            gauge.refresh();
            double age = registry.find("susong.intents.oldest.pending.seconds").tag("collection", "calls").gauge().value();
            assertTrue(age >= 86_400, "the stuck call's day shows on the gauge: " + age);
        } finally {
            // as it was: an open call, unmarked (the replay and the other tests read every call)
            stored.updateOne(com.mongodb.client.model.Filters.eq("_id", stuck), com.mongodb.client.model.Updates.combine(
                    com.mongodb.client.model.Updates.set("state", "OPEN"),
                    com.mongodb.client.model.Updates.unset(CallRepository.DECISIONS_PENDING)));
        }
    }

    /** A call of five scored applications (envelope 2.5 awards) whose ranking crashed after two decisions: RANKING. */
    String crashedRanking(List<String> apps, Map<String, Object> firstWritten, String tag) {
        calls.clock(clock);
        String callId = openCall(2 * MILLION + MILLION / 2, false);
        apps.addAll(applyEach(callId, 5, tag));
        afterTheWindow();
        for (int i = 0; i < 5; i++) {
            score(callId, apps.get(i), "resume-scorer", 50 + 10 * i, 50).statusCode(200);
        }
        AtomicInteger written = new AtomicInteger();
        calls.crashPoint(step -> {
            if (written.incrementAndGet() == 2) {
                throw new IllegalStateException("killed after the second decision");
            }
        });
        assertThrows(IllegalStateException.class, () -> calls.rank(callId, callAdmin()));
        calls.crashPoint(step -> { });
        assertEquals("RANKING", callRepository.find(callId).orElseThrow().getString("state"));
        apps.forEach(a -> repository.find("D-" + a).ifPresent(d -> firstWritten.put(a, d.get("decidedAt"))));
        assertEquals(2, firstWritten.size(), "a partial write");
        return callId;
    }

    /**
     * The ranking finished once: AWARDED, one decision and one event per application in the stored ranking's order, the
     * decisions written before the crash kept, the awards funded exactly once (C1, competitive allocation within the
     * call's envelope: two of 1,000,000 CNY), one CallClosed using 2,000,000 of 2,500,000.
     */
    void assertRankedOnce(String callId, List<String> apps, Map<String, Object> firstWritten) {
        Document call = callRepository.find(callId).orElseThrow();
        assertEquals("AWARDED", call.getString("state"));
        assertFalse(call.containsKey("decisionsPending"), call.toJson());
        long awardedFen = 0;
        for (String app : apps) {
            Document d = repository.find("D-" + app).orElseThrow(() -> new AssertionError("no decision for " + app));
            assertEquals(1, d.get("eventSeq", Number.class).intValue(), "one event: " + d.toJson());
            assertEquals(1, decisionsOf(app), "one decision for " + app);
            if (firstWritten.containsKey(app)) {
                assertEquals(firstWritten.get(app), d.get("decidedAt"), "the decision written before the crash is kept");
            }
            awardedFen += "APPROVED".equals(d.getString("outcome")) ? d.get("amountFen", Number.class).longValue() : 0;
        }
        assertEquals(List.of("APPROVED", "APPROVED", "REJECTED", "REJECTED", "REJECTED"), List.of(apps.get(4), apps.get(3),
                apps.get(2), apps.get(1), apps.get(0)).stream().map(a -> repository.find("D-" + a).orElseThrow()
                .getString("outcome")).toList(), "the stored ranking's order");
        assertEquals(2 * MILLION, awardedFen, "C1: each award funded once, within the envelope");
        List<ConsumerRecord<String, String>> closed = closedOf(callId);
        assertEquals(1, closed.size(), "one CallClosed");
        assertTrue(closed.get(0).value().contains("\"usedFen\":200000000") && closed.get(0).value().contains("\"awards\":2"),
                closed.get(0).value());
    }

    /**
     * A crash in the middle of a ranking's decisions, nobody ranks again (issue 19): the resumer (two replicas at once)
     * writes the missing decisions from the stored ranking and closes the call, once; a second call: the resumer on
     * two replicas and a retried ranking racing them, still once.
     */
    @Test
    void a_crash_during_the_ranking_left_unretried_is_finished_by_the_resumer_and_funds_each_award_once() throws Exception {
        List<String> apps = new ArrayList<>();
        Map<String, Object> firstWritten = new HashMap<>();
        String callId = crashedRanking(apps, firstWritten, "RRESUME");
        Instant after = Instant.parse("2026-07-02T03:00:00Z"); // the ranking was stored at 02:00 (afterTheWindow)
        assertEquals(List.of(), together(List.of(() -> resumer.resume(after), () -> resumer.resume(after))));
        assertRankedOnce(callId, apps, firstWritten);

        List<String> racedApps = new ArrayList<>();
        Map<String, Object> racedFirst = new HashMap<>();
        String raced = crashedRanking(racedApps, racedFirst, "RRACE");
        assertEquals(List.of(), together(List.of(() -> resumer.resume(after), () -> resumer.resume(after),
                () -> calls.rank(raced, callAdmin()))));
        assertRankedOnce(raced, racedApps, racedFirst);
    }

    /**
     * A call cancelled by a build before the marker (no {@code decisionsPending}, no {@code decisionsAt}) whose decisions
     * a crash left unwritten: the start-up migration marks it, and the resumer finishes it.
     */
    @Test
    void a_call_cancelled_before_the_marker_existed_is_marked_by_the_migration_and_finished_by_the_resumer() {
        String callId = openCall(MILLION, false);
        List<String> apps = crashedCancel(callId, 2, "CLEGACY", "an older build");
        com.mongodb.client.MongoDatabase db = mongo.getDatabase(ConfigProvider.getConfig()
                .getValue("quarkus.mongodb.database", String.class));
        db.getCollection(CallRepository.COLLECTION).updateOne(com.mongodb.client.model.Filters.eq("_id", callId),
                com.mongodb.client.model.Updates.unset("decisionsPending")); // as an older build stored it
        Instant after = clock.instant().plusSeconds(1);
        resumer.resume(after);
        assertTrue(apps.stream().allMatch(a -> repository.find("D-" + a).isEmpty()), "unmarked: not found");
        assertTrue(org.susong.eligibility.persistence.EligibilityMigrations.callDecisionsPending(db) >= 1);
        assertEquals(0, org.susong.eligibility.persistence.EligibilityMigrations.callDecisionsPending(db),
                "the step run again changes nothing");
        resumer.resume(after);
        for (String app : apps) {
            Document d = repository.find("D-" + app).orElseThrow();
            assertTrue(criterion(d, "call").getString("en").contains("was cancelled (an older build)"), d.toJson());
            assertEquals(1, d.get("eventSeq", Number.class).intValue());
        }
        assertTrue(callRepository.find(callId).orElseThrow().containsKey("decisionsAt"));
    }

    /**
     * The resumer counts and logs only what it wrote (issue 19): a call cancelled by a build before the marker whose
     * decisions were all written (the migration marks it all the same) is finished writing nothing, and says so
     * ({@code wrote()} false: the resumer neither counts it nor logs it as written), only marked decided; a call whose
     * cancel crashed before its decisions says how many it wrote.
     */
    @Test
    void finishing_a_call_whose_decisions_were_all_written_says_it_wrote_nothing() {
        String callId = openCall(MILLION, false);
        List<String> apps = applyEach(callId, 2, "CNOTHING");
        calls.cancel(callId, callAdmin(), "written in full");
        com.mongodb.client.MongoDatabase db = mongo.getDatabase(ConfigProvider.getConfig()
                .getValue("quarkus.mongodb.database", String.class));
        db.getCollection(CallRepository.COLLECTION).updateOne(com.mongodb.client.model.Filters.eq("_id", callId),
                com.mongodb.client.model.Updates.combine(com.mongodb.client.model.Updates.unset("decisionsPending"),
                        com.mongodb.client.model.Updates.unset("decisionsAt"))); // as an older build stored it
        assertTrue(org.susong.eligibility.persistence.EligibilityMigrations.callDecisionsPending(db) >= 1);
        CallService.Finished nothing = calls.finishDecisions(callId).orElseThrow();
        assertEquals(new CallService.Finished(org.susong.eligibility.domain.CallState.CANCELLED, 0, false), nothing);
        assertFalse(nothing.wrote());
        assertTrue(callRepository.find(callId).orElseThrow().containsKey("decisionsAt"), "marked decided");
        apps.forEach(a -> assertEquals(1, decisionsOf(a)));

        String crashed = openCall(MILLION, false);
        List<String> crashedApps = crashedCancel(crashed, 2, "CWROTE", "withdrawn");
        CallService.Finished wrote = calls.finishDecisions(crashed).orElseThrow();
        assertEquals(new CallService.Finished(org.susong.eligibility.domain.CallState.CANCELLED, 2, false), wrote);
        assertTrue(wrote.wrote());
        assertCancelledOnce(crashed, crashedApps, "withdrawn");
    }

    /** A ranked call cannot be cancelled: 409, nothing changed; bad input names the field. */
    @Test
    void a_ranked_call_is_not_cancelled_and_bad_input_is_refused() {
        String callId = openCall(MILLION, false);
        String app = CapsAndReviewsTest.app("RANKED");
        apply(app, callId, MILLION, "2026-06-10T01:00:00Z", "GROWTH");
        admin().body(Map.of()).post("/calls/" + callId + "/cancellation").then().statusCode(400)
                .body("field", equalTo("reason"));
        admin().body(Map.of("reason", "x".repeat(501))).post("/calls/" + callId + "/cancellation").then().statusCode(400)
                .body("field", equalTo("reason"));
        officer("not-an-admin").body(Map.of("reason", "no")).post("/calls/" + callId + "/cancellation").then()
                .statusCode(403);
        admin().body(Map.of("reason", "no")).post("/calls/CALL-C1-NOSUCH/cancellation").then().statusCode(404);
        assertEquals("OPEN", callRepository.find(callId).orElseThrow().getString("state"), "nothing applied");
        afterTheWindow();
        score(callId, app, "ranked-scorer", 80, 80).statusCode(200);
        admin().post("/calls/" + callId + "/rank").then().statusCode(200);
        Document before = repository.find("D-" + app).orElseThrow();
        admin().body(Map.of("reason", "too late")).post("/calls/" + callId + "/cancellation").then().statusCode(409)
                .body("field", equalTo("phase")).body("currentStatus", equalTo("RANKED"));
        Document call = callRepository.find(callId).orElseThrow();
        assertEquals("AWARDED", call.getString("state"));
        assertFalse(call.containsKey("cancelReason"));
        assertEquals(withoutOutbox(before), withoutOutbox(repository.find("D-" + app).orElseThrow()),
                "the award is unchanged");
        List<ConsumerRecord<String, String>> closed = closedOf(callId);
        assertEquals(1, closed.size());
        assertTrue(closed.get(0).value().contains("\"usedFen\":100000000"), closed.get(0).value());
    }

    /**
     * Issue 19 (found by the second reader of the call replay): an appeal of a call's decision is weighed by an
     * officer like any appeal, but its ranking within the closed envelope is what decided it - an approval of the
     * NOT_FUNDED one would be money outside the envelope and the ranking, a rejection of the award would take a ranked
     * award back on the applicant's own appeal. Only UPHELD is taken (409 `outcome` otherwise, nothing written).
     */
    @Test
    void an_appeal_of_a_calls_decision_is_only_upheld_never_re_decided_outside_the_ranking() {
        String callId = openCall(MILLION, false);
        String tag = UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        String funded = "APP-CAP-" + tag + "-A";
        String notFunded = "APP-CAP-" + tag + "-B";
        apply(funded, callId, MILLION, "2026-06-03T02:00:00Z", "GROWTH");
        apply(notFunded, callId, MILLION, "2026-06-04T02:00:00Z", "GROWTH");
        afterTheWindow();
        score(callId, funded, "scorer-a", 90, 90).statusCode(200);
        score(callId, notFunded, "scorer-a", 70, 70).statusCode(200);
        admin().post("/calls/" + callId + "/rank").then().statusCode(200).body("usedFen", equalTo((int) MILLION));
        assertEquals("REJECTED", repository.find("D-" + notFunded).orElseThrow().getString("outcome"));

        for (String app : List.of(notFunded, funded)) {
            appeals.appealed(new AppealService.Appeal(UUID.randomUUID().toString(), "hash-appeal-" + app, app, "D-" + app,
                    "my plan was scored too low"));
            String queued = "D-" + app + "-R1";
            Document before = repository.find(queued).orElseThrow();
            assertEquals("REVIEW_REQUIRED", before.getString("outcome"));
            String path = "/reviews/" + queued + "/decision";
            officer("xa-1").body(Map.of("outcome", "APPROVED", "amountFen", MILLION, "reason", "a better plan")).post(path)
                    .then().statusCode(409).body("field", equalTo("outcome")).body("callId", equalTo(callId));
            officer("xa-1").body(Map.of("outcome", "REJECTED", "reason", "not convinced")).post(path)
                    .then().statusCode(409).body("field", equalTo("outcome")).body("callId", equalTo(callId));
            Document after = repository.find(queued).orElseThrow();
            assertTrue(ledger.askedBy(queued).isEmpty(), "no cap taken by a refused re-decision");
            assertEquals("OPEN", after.getString("reviewState"), "nothing written by a refused re-decision");
            assertEquals(withoutOutbox(before).toJson(), withoutOutbox(after).toJson());
            // upheld: the ranking's decision stands, its amount too
            officer("xa-1").body(Map.of("outcome", "UPHELD", "reason", "scored as published")).post(path)
                    .then().statusCode(200).body("outcome", equalTo("UPHELD"));
            Document done = repository.find(queued).orElseThrow();
            assertEquals(app.equals(funded) ? "APPROVED" : "REJECTED", done.getString("outcome"));
            assertEquals(app.equals(funded) ? MILLION : 0L, done.get("amountFen", Number.class).longValue());
        }
    }

    // ---- later rounds (issue 19 item 3: an objection upheld on an award reopens the allocation)

    @Inject
    CallRounds rounds;

    /** payments' {@code BudgetReleased} of the order of {@code decisionId} for {@code reason}, on its topic. */
    void released(String decisionId, String reason) {
        released(decisionId, reason, amount(repository.find(decisionId).orElseThrow()));
    }

    /** The release of an order of {@code releasedFen} (a top-up's order: less than its decision's amount). */
    void released(String decisionId, String reason, long releasedFen) {
        Document d = repository.find(decisionId).orElseThrow();
        String app = d.getString("applicationId");
        String payload = "{\"orderId\":\"PO-" + decisionId + "\",\"decisionId\":\"" + decisionId + "\",\"applicationId\":\""
                + app + "\",\"beneficiaryUscc\":\"" + d.getString("applicantUscc") + "\",\"measureCode\":\"C1\","
                + "\"fiscalYear\":2026,\"budgetLine\":\"2026:C1\",\"amountFen\":" + releasedFen
                + ",\"reason\":\"" + reason + "\",\"releasedAt\":\"2026-07-20T03:00:00Z\"}";
        assertEquals(List.of(), EventContracts.violations("susong.payments.BudgetReleased.v1", payload));
        kafka().produceStrings().fromRecords(CloudEventRecords.event("payments.events", UUID.randomUUID().toString(),
                "susong.payments.BudgetReleased.v1", "PO-" + decisionId, payload, Map.of())).awaitCompletion();
    }

    Document storedCall(String callId) {
        return mongo.getDatabase(ConfigProvider.getConfig().getValue("quarkus.mongodb.database", String.class))
                .getCollection(CallRepository.COLLECTION).find(com.mongodb.client.model.Filters.eq("_id", callId)).first();
    }

    /** Five applications of 1,000,000 asking one envelope of 2,500,000 (partial allowed), ranked A to E by score. */
    List<String> rankedFive(String tag) {
        String callId = openCall(2 * MILLION + MILLION / 2, true);
        List<String> apps = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String app = CapsAndReviewsTest.app(tag);
            apply(app, callId, MILLION, "2026-06-1" + i + "T01:00:00Z", "GROWTH");
            apps.add(app);
        }
        afterTheWindow();
        for (int i = 0; i < 5; i++) {
            score(callId, apps.get(i), "round-scorer", 90 - 10 * i, 90 - 10 * i).statusCode(200);
        }
        admin().post("/calls/" + callId + "/rank").then().statusCode(200).body("ranking.awardedFen",
                equalTo(List.of((int) MILLION, (int) MILLION, (int) (MILLION / 2), 0, 0)));
        apps.add(0, callId);
        return apps;
    }

    static long amount(Document d) {
        return d.get("amountFen", Number.class).longValue();
    }

    /**
     * Issue 19 item 3 (C1, 递补): an objection upheld in the public notice of the award ranked 2nd releases its order
     * (payments' {@code BudgetReleased} OBJECTION_UPHELD); the call's round 2 hands that 1,000,000 to the applications
     * it left unfunded, in rank order: the 4th is funded with its whole 1,000,000, the 5th stays not funded, and no award
     * changes (the 1st untouched, the partial 3rd stays at its 500,000). The new award is a decision superseding the
     * application's latest, published for payments; a redelivered release changes nothing; a withdrawal of the 4th's new
     * award makes round 3, which funds the 5th; the decisions replay reproduces both rounds.
     */
    @Test
    void an_upheld_objection_hands_the_award_to_the_next_not_funded_and_no_round_changes_an_award() throws Exception {
        List<String> ranked = rankedFive("ROUND");
        String callId = ranked.get(0);
        List<String> apps = ranked.subList(1, 6);
        String a = apps.get(0), b = apps.get(1), c = apps.get(2), d = apps.get(3), e = apps.get(4);

        released("D-" + b, "OBJECTION_UPHELD");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertTrue(repository.find("D-" + d + "-R1").isPresent()));
        Document newlyFunded = repository.find("D-" + d + "-R1").orElseThrow();
        assertEquals("APPROVED", newlyFunded.getString("outcome"));
        assertEquals(MILLION, amount(newlyFunded), "the 4th gets the released 1,000,000: what it asked");
        assertEquals("D-" + d, newlyFunded.getString("supersedes"));
        assertEquals("D-" + d + "-R1", repository.find("D-" + d).orElseThrow().getString("supersededBy"));
        Document roundWords = criterion(newlyFunded, "callRound");
        assertTrue(roundWords.getString("en").startsWith("round 2 of call " + callId + ": the awards of " + b
                + " (an objection upheld in its public notice)"), roundWords.getString("en"));
        assertTrue(roundWords.getString("zh").contains("公示异议成立"), roundWords.getString("zh"));
        assertTrue(criterion(newlyFunded, "callRanking").getString("en").startsWith("ranked 4 of 5 in call " + callId),
                criterion(newlyFunded, "callRanking").getString("en"));
        assertTrue(repository.find("D-" + e + "-R1").isEmpty(), "the 5th is still beyond the envelope");
        assertTrue(repository.find("D-" + c + "-R1").isEmpty(), "the partial award stays as decided");
        assertNull(repository.find("D-" + a).orElseThrow().getString("supersededBy"), "the 1st award is untouched");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertNull(storedCall(callId).get(CallRepository.ROUNDS_PENDING)));
        Document round2 = storedCall(callId).getList("rounds", Document.class).get(0);
        assertEquals(2, round2.getInteger("round"));
        assertEquals(List.of(b), round2.getList("withdrawn", String.class));
        assertEquals(2 * MILLION + MILLION / 2, round2.get("usedFen", Number.class).longValue());
        // published for payments as a decision superseding the ranking's, naming the call
        ConsumerRecord<String, String> event = await().atMost(Duration.ofSeconds(30)).until(() -> kafka().consumeStrings()
                .fromTopics("eligibility.events", Duration.ofSeconds(2)).awaitCompletion().getRecords().stream()
                .filter(r -> ("D-" + d + "-R1").equals(r.key()) && DECIDED.equals(CloudEventRecords.header(r, "ce_type")))
                .toList(), l -> !l.isEmpty()).get(0);
        assertEquals(List.of(), EventContracts.violations(DECIDED, event.value()));
        assertTrue(event.value().contains("\"supersedes\":\"D-" + d + "\"") && event.value().contains("\"callId\":\"" + callId
                + "\"") && event.value().contains("\"amountFen\":" + MILLION), event.value());

        // the same release again (a redelivery under another event id): nothing more
        released("D-" + b, "OBJECTION_UPHELD");
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(6)).untilAsserted(() -> {
            assertEquals(1L, storedCall(callId).get("withdrawalsCount", Number.class).longValue());
            assertTrue(repository.find("D-" + d + "-R2").isEmpty() && repository.find("D-" + e + "-R1").isEmpty());
        });

        // the 4th withdraws before payment: round 3 funds the 5th with the 1,000,000 it gave back
        released("D-" + d + "-R1", "WITHDRAWN");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertTrue(repository.find("D-" + e + "-R1").isPresent()));
        assertEquals(MILLION, amount(repository.find("D-" + e + "-R1").orElseThrow()));
        assertTrue(repository.find("D-" + c + "-R1").isEmpty(), "the 3rd keeps its partial award, no new decision");
        assertTrue(repository.find("D-" + d + "-R2").isEmpty(), "the withdrawn gets no decision from the round");
        assertEquals(3, storedCall(callId).getList("rounds", Document.class).get(1).getInteger("round"));
        assertTrue(criterion(repository.find("D-" + e + "-R1").orElseThrow(), "callRound").getString("en")
                .contains(d + " (withdrawn by the applicant)"));

        // the call's applications as an officer of their district reads them: sheet, rank and the latest round's award
        officer("xa-1").get("/calls/" + callId + "/applications").then().statusCode(200)
                .body("items.applicationId", equalTo(apps))
                .body("items.rank", equalTo(List.of(1, 2, 3, 4, 5)))
                .body("items.awardedFen", equalTo(List.of((int) MILLION, 0, (int) (MILLION / 2), 0, (int) MILLION)))
                .body("items.state", equalTo(List.of("AWARDED", "AWARDED", "AWARDED", "AWARDED", "AWARDED")))
                .body("items[0].scorers", equalTo(1)).body("items[0].score", equalTo(90.0f));
        officer("hl-1", "HULI").get("/calls/" + callId + "/applications").then().statusCode(200)
                .body("items", equalTo(List.of()));
        officer("xa-1").get("/calls/" + callId + "/applications?limit=2").then().statusCode(200)
                .body("items.applicationId", equalTo(apps.subList(0, 2))).body("nextCursor", org.hamcrest.Matchers.notNullValue());
        admin().get("/calls/NO-SUCH-CALL/applications").then().statusCode(404);
        // the published ranking shows the rounds: what was released and why, and what each is awarded in each round
        officer("xa-1").get("/calls/" + callId + "/ranking").then().statusCode(200).body("round", equalTo(3))
                .body("ranking.awardedFen", equalTo(List.of((int) MILLION, (int) MILLION, (int) (MILLION / 2), 0, 0)))
                .body("rounds.round", equalTo(List.of(2, 3)))
                .body("rounds[0].withdrawn.applicationId", equalTo(List.of(b)))
                .body("rounds[0].withdrawn.reason", equalTo(List.of("OBJECTION_UPHELD")))
                .body("rounds[0].awards.awardedFen", equalTo(List.of((int) MILLION, 0, (int) (MILLION / 2), (int) MILLION, 0)))
                .body("rounds[1].withdrawn.reason", equalTo(List.of("OBJECTION_UPHELD", "WITHDRAWN")))
                .body("rounds[1].awards.awardedFen", equalTo(List.of((int) MILLION, 0, (int) (MILLION / 2), 0, (int) MILLION)))
                .body("rounds[1].usedFen", equalTo((int) (2 * MILLION + MILLION / 2)));
        given().header("X-User", "someone").header("X-Roles", "applicant").header("X-Acting-For", CapsAndReviewsTest.uscc())
                .get("/calls/" + callId + "/ranking").then().statusCode(403);
        calls.clock(clock);
        String unranked = openCall(MILLION, false);
        admin().get("/calls/" + unranked + "/ranking").then().statusCode(409).body("field", equalTo("phase"));
        List<String> awarded = officer("xa-1").get("/calls?state=AWARDED&measureCode=C1&limit=200").then().statusCode(200)
                .extract().path("items.callId");
        assertTrue(awarded.contains(callId) && !awarded.contains(unranked), awarded.toString());
        officer("xa-1").get("/calls?state=OPEN&limit=1").then().statusCode(200).body("items[0].state", equalTo("OPEN"));
        admin().get("/calls?state=SLEEPING").then().statusCode(400).body("field", equalTo("state"));

        for (String id : List.of("D-" + d + "-R1", "D-" + e + "-R1", "D-" + a, "D-" + b, "D-" + c)) {
            DecisionReplay.Report r = replay.replayOne(id);
            assertEquals(1, r.replayed(), id + " replayed: " + r);
            assertEquals(List.of(), r.differences(), id + ": " + repository.find(id).orElseThrow().toJson());
        }
        assertTrue(repository.update("D-" + e + "-R1", com.mongodb.client.model.Filters.empty(),
                com.mongodb.client.model.Updates.set("amountFen", MILLION / 2), List.of()));
        assertEquals(List.of(new DecisionReplay.Difference("D-" + e + "-R1", "amountFen", String.valueOf(MILLION / 2),
                String.valueOf(MILLION))), replay.replayOne("D-" + e + "-R1").differences());
    }

    /**
     * A crash after a round's decision was inserted and before the decision it supersedes was marked: the release's run
     * stops there (its failure left to the resumer), the call stays marked; the resumer, beside a second resumer, marks
     * it, writes nothing twice and clears the mark.
     */
    @Test
    void a_crash_during_a_round_is_finished_by_the_resumer_each_decision_once() throws Exception {
        List<String> ranked = rankedFive("RCRASH");
        String callId = ranked.get(0);
        List<String> apps = ranked.subList(1, 6);
        rounds.crashPoint(step -> {
            if ("round-decided".equals(step)) {
                throw new IllegalStateException("killed after the round's decision");
            }
        });
        try {
            assertTrue(rounds.released("D-" + apps.get(1), "OBJECTION_UPHELD", MILLION, UUID.randomUUID().toString()).isEmpty(),
                    "the round failed and was left to the resumer");
        } finally {
            rounds.crashPoint(step -> { });
        }
        Document marked = storedCall(callId);
        assertTrue(marked.get(CallRepository.ROUNDS_PENDING) != null, "still marked: " + marked.toJson());
        assertTrue(repository.find("D-" + apps.get(3) + "-R1").isPresent(), "the decision was written");
        assertNull(repository.find("D-" + apps.get(3)).orElseThrow().getString("supersededBy"), "not yet marked");
        Instant later = clock.instant().plus(Duration.ofDays(1));
        assertEquals(List.of(), together(List.of(() -> resumer.resume(later), () -> resumer.resume(later))));
        assertEquals(MILLION, amount(repository.find("D-" + apps.get(3) + "-R1").orElseThrow()));
        assertEquals("D-" + apps.get(3) + "-R1", repository.find("D-" + apps.get(3)).orElseThrow().getString("supersededBy"),
                "the crash between the insert and the mark is mended");
        for (String app : apps) {
            assertTrue(repository.find("D-" + app + "-R2").isEmpty(), app + " decided once in the round");
        }
        assertTrue(repository.find("D-" + apps.get(4) + "-R1").isEmpty());
        assertNull(storedCall(callId).get(CallRepository.ROUNDS_PENDING));
        assertEquals(1, storedCall(callId).getList("rounds", Document.class).size(), "one round 2, whoever stored it");
    }

    /**
     * An application whose latest decision is an appeal awaiting an officer is not re-decided by a round beside it: the
     * round waits (the call stays marked) and, once the officer upheld the appeal, the resumer supersedes the upheld
     * decision. A release that is not a call's award, or not before payment (RECOVERED), starts no round.
     */
    @Test
    void a_round_waits_for_an_open_appeal_and_only_a_calls_award_released_before_payment_starts_one() {
        List<String> ranked = rankedFive("RAPPEAL");
        String callId = ranked.get(0);
        List<String> apps = ranked.subList(1, 6);
        String fourth = apps.get(3);
        assertTrue(rounds.released("D-" + apps.get(0), "RECOVERED", MILLION, UUID.randomUUID().toString()).isEmpty());
        assertNull(storedCall(callId).get("withdrawals"), "a recovery (after payment) starts no round");
        appeals.appealed(new AppealService.Appeal(UUID.randomUUID().toString(), "hash-appeal-" + fourth, fourth,
                "D-" + fourth, "scored too low"));
        // an appeal of the ranking's own award (the partial 3rd's) under review beside it: a round does not read it
        appeals.appealed(new AppealService.Appeal(UUID.randomUUID().toString(), "hash-appeal-" + apps.get(2), apps.get(2),
                "D-" + apps.get(2), "I asked for the whole amount"));
        var run = rounds.released("D-" + apps.get(1), "OBJECTION_UPHELD", MILLION, UUID.randomUUID().toString()).orElseThrow();
        assertEquals(0, run.written());
        assertEquals(1, run.waiting(), "the 4th waits for the officer");
        assertEquals(1, run.forOfficer());
        assertTrue(repository.find("D-" + fourth + "-R2").isEmpty());
        assertTrue(storedCall(callId).get(CallRepository.ROUNDS_PENDING) != null);
        officer("xa-1").body(Map.of("outcome", "UPHELD", "reason", "scored as published"))
                .post("/reviews/D-" + fourth + "-R1/decision").then().statusCode(200);
        resumer.resume(clock.instant().plus(Duration.ofDays(1)));
        Document funded = repository.find("D-" + fourth + "-R2").orElseThrow();
        assertEquals("D-" + fourth + "-R1", funded.getString("supersedes"));
        assertEquals(MILLION, amount(funded));
        assertNull(storedCall(callId).get(CallRepository.ROUNDS_PENDING));

        // the 4th appeals the award round 2 gave it (under review); round 3 (the 1st's award released) funds the 5th and
        // is not held up by that appeal: the award stands, a call's award appealed is only upheld
        appeals.appealed(new AppealService.Appeal(UUID.randomUUID().toString(), "hash-appeal-2-" + fourth, fourth,
                "D-" + fourth + "-R2", "the award is too low"));
        assertEquals("REVIEW_REQUIRED", repository.find("D-" + fourth + "-R3").orElseThrow().getString("outcome"));
        var round3 = rounds.released("D-" + apps.get(0), "OBJECTION_UPHELD", MILLION, UUID.randomUUID().toString())
                .orElseThrow();
        assertEquals(1, round3.written(), "the 5th funded");
        assertEquals(0, round3.waiting(), "an appeal of an award holds no round up");
        assertEquals(MILLION, amount(repository.find("D-" + apps.get(4) + "-R1").orElseThrow()));
        assertTrue(repository.find("D-" + fourth + "-R4").isEmpty());
        assertNull(storedCall(callId).get(CallRepository.ROUNDS_PENDING));
    }

    /**
     * A release of less than the award (the decision states 1,000,000, the released order 600,000: a partial revocation
     * shrank it before): the 400,000 stays the application's and only the 600,000 is freed. A later round funds whole
     * requests only (a partial award is the ranking's own), so 600,000 funds nobody asking 1,000,000; the next release
     * (the 2nd's whole 1,000,000) brings 1,600,000: the 4th is funded whole, the 5th does not fit and nothing is split.
     * The rounds come out as one round with both releases would (the order of releases does not matter), and the
     * replay reproduces round 3 computed from round 2.
     */
    @Test
    void a_release_of_less_than_the_award_frees_only_that_and_later_rounds_fund_whole_requests() {
        List<String> ranked = rankedFive("RPART");
        String callId = ranked.get(0);
        List<String> apps = ranked.subList(1, 6);
        rounds.released("D-" + apps.get(0), "OBJECTION_UPHELD", 600_000_00L, UUID.randomUUID().toString());
        Map<String, Long> round2 = awards(storedCall(callId).getList("rounds", Document.class).get(0));
        assertEquals(400_000_00L, round2.get(apps.get(0)), "the 1st keeps what the release did not give back");
        assertEquals(0L, round2.get(apps.get(3)), "600,000 funds no request of 1,000,000: no partial award in a later round");
        assertTrue(repository.find("D-" + apps.get(3) + "-R1").isEmpty());
        assertTrue(repository.find("D-" + apps.get(0) + "-R1").isEmpty(), "the withdrawn gets no decision from the round");
        rounds.released("D-" + apps.get(1), "OBJECTION_UPHELD", MILLION, UUID.randomUUID().toString());
        Document round3Stored = storedCall(callId).getList("rounds", Document.class).get(1);
        Map<String, Long> round3 = awards(round3Stored);
        assertEquals(List.of(400_000_00L, 0L, MILLION / 2, MILLION, 0L), apps.stream().map(round3::get).toList());
        assertEquals(400_000_00L + MILLION / 2 + MILLION, round3Stored.get("usedFen", Number.class).longValue());
        assertEquals(MILLION, amount(repository.find("D-" + apps.get(3) + "-R1").orElseThrow()));
        assertTrue(repository.find("D-" + apps.get(4) + "-R1").isEmpty(), "the 5th does not fit whole: nothing split");
        assertEquals(List.of(), replay.replayOne("D-" + apps.get(3) + "-R1").differences());
        assertTrue(criterion(repository.find("D-" + apps.get(3) + "-R1").orElseThrow(), "callRound").getString("en")
                .contains("given in rank order to the applications not funded, each its whole request, until one did not"
                        + " fit; no other award changed"));
    }

    static Map<String, Long> awards(Document round) {
        Map<String, Long> awards = new HashMap<>();
        round.getList("awards", Document.class).forEach(x -> awards.put(x.getString("applicationId"),
                x.get("awardedFen", Number.class).longValue()));
        return awards;
    }
}
