package org.susong.eligibility.application;

import static org.susong.testing.TestBroker.kafka;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.susong.commons.time.BusinessClock;
import org.susong.contracts.EventContracts;
import org.susong.eligibility.domain.FundScope;
import org.susong.eligibility.persistence.CallRepository;
import org.susong.eligibility.persistence.FundScopeRepository;
import org.susong.testing.CloudEventRecords;
import org.susong.testing.ContractValidation;
import org.susong.testing.LocalInfraTestResource;
import org.susong.testing.TestBroker;

/**
 * Issue 19 item 4: a call's awards are grants or grants-to-investment, as the administrator chose when opening it. C1
 * (fiscal S&T funds 2024-2026: 推进科技扶持资金“拨改投” beside 扩大竞争性分配, docs/policy.md) pays by investment into
 * FUND-TECH-INNOVATION, whose scope is growth-stage enterprises in four fields (seeded here as
 * fund-investments publishes it): an INVESTMENT call decides as C1 always did (the scope checked, an award outside it a
 * grant saying why), a GRANT call decides grants (no fund, no fund-scope check), and a call stored before the choice
 * existed reads as the measure's mode. Business date 2026-06-15, moved after the window for scoring.
 */
@QuarkusTest
@ExtendWith({ContractValidation.class, TestBroker.class})
@WithTestResource(LocalInfraTestResource.class)
class CallModesTest extends DecisionStores {

    static final String FUND = "FUND-TECH-INNOVATION";
    static final long MILLION = CallsTest.MILLION;
    static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    CallService calls;
    @Inject
    CallRepository callRepository;
    @Inject
    FundScopeRepository scopes;
    @Inject
    DecisionReplay replay;
    @Inject
    AppealService appeals;
    @Inject
    Clock clock;
    @Inject
    com.mongodb.client.MongoClient mongo;

    @BeforeEach
    void fundScopeKnown() {
        // the technology-innovation fund's seeded scope (支持成长期企业; 数字化、智能化投入和技术转移), as FundScopeTest publishes it
        scopes.apply(new FundScope(FUND, List.of("GROWTH"), List.of("technology-innovation", "digitalisation",
                "intelligence", "technology-transfer"), 1));
    }

    @AfterEach
    void restore() {
        calls.clock(clock);
    }

    String open(String mode) {
        Map<String, Object> body = CallsTest.callBody(3 * MILLION, false, 60, "true");
        if (mode != null) {
            body.put("disbursementMode", mode);
        }
        return CallsTest.admin().body(body).post("/calls").then().statusCode(201).extract().path("callId");
    }

    /** A C1 application to {@code callId} of 1,000,000 CNY by a growth-stage enterprise in {@code field}. */
    String apply(String callId, String field, String day) {
        String app = CapsAndReviewsTest.app("MODE");
        decisions.decideAll(List.of(new DecisionService.Submission(UUID.randomUUID().toString(), "hash-" + app, app,
                CapsAndReviewsTest.uscc(), "C1", "XIANGAN", Map.of("stage", "GROWTH", "field", field, "requestedFen",
                MILLION, "callId", callId), null, Instant.parse("2026-06-" + day + "T01:00:00Z"))));
        return app;
    }

    /** Scores each application in order (90, 80, ... points) after the window and ranks the call. */
    void scoreAndRank(String callId, List<String> apps) {
        calls.clock(Clock.fixed(Instant.parse("2026-07-02T02:00:00Z"), BusinessClock.ZONE));
        for (int i = 0; i < apps.size(); i++) {
            CallsTest.officer("mode-scorer").body(Map.of("scores", Map.of("innovation", 90 - 10 * i, "market", 90 - 10 * i),
                    "comment", "read the plan")).post("/calls/" + callId + "/applications/" + apps.get(i) + "/scores")
                    .then().statusCode(200);
        }
        CallsTest.admin().post("/calls/" + callId + "/rank").then().statusCode(200);
    }

    /** The decision's event as payments reads it, checked against the event's schema. */
    JsonNode decided(String app) throws Exception {
        ConsumerRecord<String, String> r = await().atMost(Duration.ofSeconds(30)).until(() -> kafka().consumeStrings()
                .fromTopics("eligibility.events", Duration.ofSeconds(2)).awaitCompletion().getRecords().stream()
                .filter(x -> ("D-" + app).equals(x.key()) && CallsTest.DECIDED.equals(CloudEventRecords.header(x, "ce_type")))
                .toList(), l -> !l.isEmpty()).get(0);
        assertEquals(List.of(), EventContracts.violations(CallsTest.DECIDED, r.value()));
        return JSON.readTree(r.value());
    }

    JsonNode opened(String callId) throws Exception {
        ConsumerRecord<String, String> r = await().atMost(Duration.ofSeconds(30)).until(() -> kafka().consumeStrings()
                .fromTopics("eligibility.events", Duration.ofSeconds(2)).awaitCompletion().getRecords().stream()
                .filter(x -> callId.equals(x.key()) && CallsTest.OPENED.equals(CloudEventRecords.header(x, "ce_type")))
                .toList(), l -> !l.isEmpty()).get(0);
        assertEquals(List.of(), EventContracts.violations(CallsTest.OPENED, r.value()));
        return JSON.readTree(r.value());
    }

    com.mongodb.client.MongoCollection<Document> callsCollection() {
        return mongo.getDatabase(ConfigProvider.getConfig().getValue("quarkus.mongodb.database", String.class))
                .getCollection(CallRepository.COLLECTION);
    }

    static boolean has(JsonNode decided, String criterion) {
        for (JsonNode c : decided.get("criteria")) {
            if (criterion.equals(c.get("name").asText())) {
                return true;
            }
        }
        return false;
    }

    void replaysWithoutDifference(List<String> apps) {
        for (String app : apps) {
            DecisionReplay.Report r = replay.replayOne("D-" + app);
            assertEquals(1, r.replayed(), app + ": " + r);
            assertEquals(List.of(), r.differences(), app + ": " + repository.find("D-" + app).orElseThrow().toJson());
        }
    }

    /**
     * A GRANT call on C1: published and shown as GRANT; its awards (and its not funded) are grants - no fundCode, no
     * fallback, no fund-scope check, even for an applicant outside the fund's scope - and the replay finds no
     * difference; a decision's mode changed in the store is named by the replay.
     */
    @Test
    void a_grant_call_awards_grants_without_the_fund_scope_check() throws Exception {
        String callId = open("GRANT");
        CallsTest.admin().get("/calls/" + callId).then().statusCode(200).body("disbursementMode", equalTo("GRANT"));
        assertEquals("GRANT", opened(callId).path("disbursementMode").asText(), "CallOpened publishes the mode");
        String inScope = apply(callId, "digitalisation", "10");
        String outOfScope = apply(callId, "biotech", "11");
        String third = apply(callId, "digitalisation", "12");
        String fourth = apply(callId, "digitalisation", "13");
        scoreAndRank(callId, List.of(inScope, outOfScope, third, fourth));

        for (String app : List.of(inScope, outOfScope)) {
            JsonNode award = decided(app);
            assertEquals("APPROVED", award.get("outcome").asText());
            assertEquals(MILLION, award.get("amountFen").asLong());
            assertEquals("GRANT", award.get("disbursementMode").asText(), award.toString());
            assertNull(award.get("fundCode"), award.toString());
            assertNull(award.get("fallback"), award.toString());
            assertFalse(has(award, FundScope.CRITERION), "no fund-scope check in a grant call: " + award);
            Document stored = repository.find("D-" + app).orElseThrow();
            assertEquals("GRANT", stored.getString("disbursementMode"));
            assertNull(stored.getString("fundCode"));
        }
        JsonNode rejected = decided(fourth);
        assertEquals("REJECTED", rejected.get("outcome").asText());
        assertEquals("GRANT", rejected.get("disbursementMode").asText());
        replaysWithoutDifference(List.of(inScope, outOfScope, third, fourth));

        // an appeal of the grant call's decision is queued for the officer as a grant too, not under the measure's mode
        appeals.appealed(new AppealService.Appeal(UUID.randomUUID().toString(), "hash-appeal-" + fourth, fourth,
                "D-" + fourth, "my plan was scored too low"));
        Document queued = repository.find("D-" + fourth + "-R1").orElseThrow();
        assertEquals("REVIEW_REQUIRED", queued.getString("outcome"));
        assertEquals("GRANT", queued.getString("disbursementMode"), queued.toJson());
        assertNull(queued.getString("fundCode"), queued.toJson());
        DecisionReplay.Report queuedReplay = replay.replayOne("D-" + fourth + "-R1");
        assertEquals(List.of(), queuedReplay.differences(), queuedReplay.toString());
        // and the replay of an appeal's decision names a mode that does not follow from its measure and criteria
        assertTrue(repository.update("D-" + fourth + "-R1", com.mongodb.client.model.Filters.empty(),
                com.mongodb.client.model.Updates.set("disbursementMode", "INVESTMENT"), List.of()));
        assertEquals(List.of(new DecisionReplay.Difference("D-" + fourth + "-R1", "disbursementMode", "INVESTMENT",
                "GRANT")), replay.replayOne("D-" + fourth + "-R1").differences());

        assertTrue(repository.update("D-" + inScope, com.mongodb.client.model.Filters.empty(),
                com.mongodb.client.model.Updates.set("disbursementMode", "INVESTMENT"), List.of()));
        assertEquals(List.of(new DecisionReplay.Difference("D-" + inScope, "disbursementMode", "INVESTMENT", "GRANT")),
                replay.replayOne("D-" + inScope).differences());
    }

    /**
     * An INVESTMENT call (chosen explicitly) decides as C1 always did: an award inside the fund's scope is an investment
     * into FUND-TECH-INNOVATION with its fallback, one outside it a grant with the reason ({@code fundScope} failed).
     */
    @Test
    void an_investment_call_invests_within_the_funds_scope_and_grants_outside_it() throws Exception {
        String callId = open("INVESTMENT");
        CallsTest.admin().get("/calls/" + callId).then().statusCode(200).body("disbursementMode", equalTo("INVESTMENT"));
        assertEquals("INVESTMENT", opened(callId).path("disbursementMode").asText());
        String inScope = apply(callId, "digitalisation", "10");
        String outOfScope = apply(callId, "biotech", "11");
        scoreAndRank(callId, List.of(inScope, outOfScope));

        JsonNode invested = decided(inScope);
        assertEquals("APPROVED", invested.get("outcome").asText());
        assertEquals("INVESTMENT", invested.get("disbursementMode").asText(), invested.toString());
        assertEquals(FUND, invested.get("fundCode").asText());
        assertEquals("GRANT", invested.get("fallback").asText());
        JsonNode granted = decided(outOfScope);
        assertEquals("APPROVED", granted.get("outcome").asText());
        assertEquals("GRANT", granted.get("disbursementMode").asText(), granted.toString());
        assertNull(granted.get("fundCode"));
        assertTrue(granted.get("explanation").get("en").asText().contains("decided as a grant"), granted.toString());
        assertTrue(has(granted, FundScope.CRITERION));
        replaysWithoutDifference(List.of(inScope, outOfScope));
    }

    /**
     * A call is decided under the C1 version it was opened on (its pinned {@code ruleVersion}), whatever C1 publishes
     * while it is open (issue 19; C1 fiscal S&T funds, 拨改投 beside 竞争性分配, docs/policy.md): a GRANT call opened on
     * C1 as seeded (INVESTMENT into FUND-TECH-INNOVATION), then C1 published again through the maker-checker API as a
     * grant paying into no fund; its applications are assessed, entered, scored, ranked and decided under the pinned
     * version: every decision a grant (no fundCode, no fund-scope check) stating the pinned version, and the replay
     * finds no difference. C1 is published again as seeded at the end (the tests share the catalogue).
     */
    @Test
    void a_call_is_decided_under_its_pinned_version_after_its_measure_published_another() throws Exception {
        String callId = open("GRANT");
        String pinned = CallsTest.admin().get("/calls/" + callId).then().statusCode(200).extract().path("ruleVersion");
        Map<String, Object> original = RulesAbuseTest.definition("C1");
        Map<String, Object> changed = RulesAbuseTest.definition("C1");
        changed.put("disbursementMode", "GRANT");
        changed.put("fundCode", null);
        changed.put("fallback", null);
        publishC1(changed);
        try {
            String current = "C1@" + RulesAbuseTest.version("C1");
            assertFalse(pinned.equals(current), pinned + " is no longer C1's current version");
            String inScope = apply(callId, "digitalisation", "10");
            String outOfScope = apply(callId, "biotech", "11");
            String third = apply(callId, "digitalisation", "12");
            String fourth = apply(callId, "digitalisation", "13");
            List<String> apps = List.of(inScope, outOfScope, third, fourth);
            scoreAndRank(callId, apps);
            for (String app : apps) {
                JsonNode decided = decided(app);
                assertEquals(app.equals(fourth) ? "REJECTED" : "APPROVED", decided.get("outcome").asText(), app);
                assertEquals("GRANT", decided.get("disbursementMode").asText(), decided.toString());
                assertNull(decided.get("fundCode"), decided.toString());
                assertFalse(has(decided, FundScope.CRITERION), "no fund-scope check in a grant call: " + decided);
                assertEquals(pinned, decided.get("ruleVersion").asText(), decided.toString());
                Document stored = repository.find("D-" + app).orElseThrow();
                assertEquals(pinned, stored.getString("ruleVersion"));
                assertEquals("GRANT", stored.getString("disbursementMode"));
                assertNull(stored.getString("fundCode"));
            }
            replaysWithoutDifference(apps);
        } finally {
            publishC1(original); // C1 as seeded again (a further version): the catalogue as the other tests expect it
        }
    }

    /** Publishes {@code definition} as C1's next version: proposed by one administrator, approved by a second. */
    static void publishC1(Map<String, Object> definition) {
        String proposal = RulesAbuseTest.admin("c1-maker").body(definition).post("/admin/measures/C1/versions").then()
                .statusCode(202).extract().path("proposalId");
        RulesAbuseTest.admin("c1-checker").post("/admin/measures/C1/proposals/" + proposal + "/approval").then()
                .statusCode(201);
    }

    /** Bad input: a mode that is neither GRANT nor INVESTMENT, 400; INVESTMENT where the measure has no fund, 422. */
    @Test
    void a_bad_disbursement_mode_is_refused_naming_the_field_and_nothing_is_stored() {
        long before = callsCollection().countDocuments();
        for (String bad : List.of("LOAN", "grant", "EITHER", "")) {
            Map<String, Object> body = CallsTest.callBody(MILLION, false, 60, "true");
            body.put("disbursementMode", bad);
            CallsTest.admin().body(body).post("/calls").then().statusCode(400)
                    .contentType("application/problem+json").body("field", equalTo("disbursementMode"));
        }
        Map<String, Object> b1 = CallsTest.callBody(MILLION, false, 60, "true");
        b1.put("measureCode", "B1"); // a grant measure paying into no fund
        b1.put("disbursementMode", "INVESTMENT");
        CallsTest.admin().body(b1).post("/calls").then().statusCode(422).contentType("application/problem+json")
                .body("field", equalTo("disbursementMode"));
        assertEquals(before, callsCollection().countDocuments(), "nothing stored");
    }

    /**
     * A call stored by a version before the mode existed (no {@code disbursementMode} in its document) reads as C1's
     * mode: shown as INVESTMENT, and its award inside the fund's scope is an investment into the fund; replayed alike.
     */
    @Test
    void a_call_stored_without_a_mode_ranks_with_the_measures_mode() throws Exception {
        String callId = open(null);
        callsCollection().updateOne(com.mongodb.client.model.Filters.eq("_id", callId),
                        com.mongodb.client.model.Updates.unset("disbursementMode"));
        assertFalse(callRepository.find(callId).orElseThrow().containsKey("disbursementMode"), "as an older version wrote it");
        CallsTest.admin().get("/calls/" + callId).then().statusCode(200).body("disbursementMode", equalTo("INVESTMENT"));
        String inScope = apply(callId, "intelligence", "10");
        String outOfScope = apply(callId, "biotech", "11");
        scoreAndRank(callId, List.of(inScope, outOfScope));
        JsonNode invested = decided(inScope);
        assertEquals("INVESTMENT", invested.get("disbursementMode").asText(), invested.toString());
        assertEquals(FUND, invested.get("fundCode").asText());
        assertEquals("GRANT", decided(outOfScope).get("disbursementMode").asText());
        replaysWithoutDifference(List.of(inScope, outOfScope));
    }
}
