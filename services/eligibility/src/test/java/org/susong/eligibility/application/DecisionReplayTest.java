package org.susong.eligibility.application;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.susong.eligibility.persistence.DecisionIds;
import org.susong.eligibility.persistence.DecisionRepository;
import org.susong.testing.LocalInfraTestResource;

/**
 * Issue 16 item 9, the decisions replay: every stored decision decided again from what it stores, under the rule
 * version it pinned, by the live path's code; its granted amount checked against its recorded cap shares. Business
 * date 2026-06-15 (%test).
 */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
class DecisionReplayTest {

    @Inject
    org.susong.eligibility.persistence.CertificationListRepository lists;
    @Inject
    DecisionService decisions;
    @Inject
    DecisionRepository repository;
    @Inject
    DecisionReplay replay;
    @Inject
    AppealService appeals;

    static DecisionService.Submission submission(String app, String uscc, String measure, Map<String, Object> facts) {
        return CapsAndReviewsTest.submission(app, uscc, measure, "HULI", facts);
    }

    static String app(String prefix) {
        return CapsAndReviewsTest.app(prefix);
    }

    static String id(String app) {
        return DecisionIds.forApplication(app);
    }

    /** Replays one decision and asserts it was replayed (not skipped) and nothing differs. */
    void replaysTheSame(String decisionId) {
        DecisionReplay.Report r = replay.replayOne(decisionId);
        assertEquals(1, r.replayed(), decisionId + " replayed, not skipped: " + r);
        assertEquals(List.of(), r.differences(), decisionId + ": " + repository.find(decisionId).orElseThrow().toJson());
    }

    static io.restassured.specification.RequestSpecification officer(String user) {
        return given().header("X-User", user).header("X-Roles", "officer").header("X-District", "HULI")
                .contentType(ContentType.JSON);
    }

    @Test
    void decisions_of_every_kind_replay_to_what_they_state() {
        String uscc = CapsAndReviewsTest.uscc();
        List<String> ids = new ArrayList<>();
        // batch path: B1 (a certificate cap), A4 (an annual cap), an unknown measure
        String b1 = app("RPB1");
        String a4 = app("RPA4");
        String none = app("RPZZ");
        CertificationFixture.listed(lists, uscc, "GR" + b1.substring(9));
        decisions.decideAll(List.of(
                submission(b1, uscc, "B1", Map.of("category", "HIGH_TECH_ENTERPRISE", "certificateNumber", "GR" + b1.substring(9),
                        "certificationYear", 2025, "certificationKind", "FIRST")),
                submission(a4, uscc, "A4", Map.of("centreName", "c", "operatingCostsFen", 100_000_000L, "performanceGrade", "B")),
                submission(none, uscc, "ZZ9", Map.of())));
        ids.addAll(List.of(id(b1), id(a4), id(none)));
        // single path: B2 (exclusion group), A1 (no amount formula: review), C1 (fund scope), a university on B1
        String b2 = app("RPB2");
        decisions.decide(submission(b2, uscc, "B2", Map.of("projectNumber", "2025YFB" + b2.substring(9), "programme",
                "NATIONAL_KEY_RD", "nationalFundingFen", 40_000_000L)));
        String a1 = app("RPA1");
        decisions.decide(submission(a1, uscc, "A1", Map.of()));
        String c1 = app("RPC1");
        decisions.decide(submission(c1, uscc, "C1", Map.of("stage", "GROWTH", "field", "AI", "requestedFen", 30_000_000L)));
        String university = app("RPUN");
        decisions.decide(submission(university, "12350200" + uscc.substring(8), "B1", Map.of("category",
                "HIGH_TECH_ENTERPRISE", "certificateNumber", "GR" + university.substring(9), "certificationYear", 2025,
                "certificationKind", "FIRST")));
        ids.addAll(List.of(id(b2), id(a1), id(c1), id(university)));
        // B3b against the registry: an invented contract (rejected), then the contract registered and the decision
        // appealed (approved on the registry's values, not the claimed ones)
        String number = "2026" + uscc.substring(10) + "0001";
        String b3b = app("RPB3");
        Map<String, Object> b3bFacts = Map.of("contractRegistrationNumber", number, "technicalTransactionAmountFen",
                3_000_000_000L, "registeredOn", "2026-05-02");
        decisions.decide(submission(b3b, uscc, "B3b", b3bFacts));
        assertEquals("REJECTED", repository.find(id(b3b)).orElseThrow().getString("outcome"));
        RegisteredContracts.register(number, uscc, 200_000_000L, "2026-05-01");
        appeals.appealed(new AppealService.Appeal(UUID.randomUUID().toString(), "hash-appeal-" + b3b, b3b, id(b3b),
                "the contract is registered"));
        ContractRegistryTest.decideAppeal(repository.findLatest(b3b).orElseThrow().getString("_id"), "APPROVED", "registered");
        Document appealed = repository.findLatest(b3b).orElseThrow();
        assertEquals("APPROVED", appealed.getString("outcome"), appealed.toJson());
        assertEquals(6_000_000L, appealed.get("amountFen", Number.class).longValue(), "3% of the registry's 2,000,000 CNY");
        ids.addAll(List.of(id(b3b), appealed.getString("_id")));
        // B3a above the automatic approval limit: an officer sets the amount (maker-checker)
        String b3a = app("RPBA");
        decisions.decide(submission(b3a, uscc, "B3a", Map.of("projectNumber", "2023YFA" + b3a.substring(9), "projectName",
                "x", "resultSource", "MAJOR_SCIENCE_2030", "investmentInXiamenFen", 30_000_000_000L)));
        officer("rp-1").body(Map.of("outcome", "APPROVED", "amountFen", 1_500_000_000L, "reason", "checked"))
                .post("/reviews/" + id(b3a) + "/decision").then().statusCode(200);
        officer("rp-2").body(Map.of("outcome", "APPROVED", "amountFen", 1_500_000_000L, "reason", "confirmed"))
                .post("/reviews/" + id(b3a) + "/decision").then().statusCode(200);
        assertEquals("APPROVED", repository.find(id(b3a)).orElseThrow().getString("outcome"));
        ids.add(id(b3a));

        for (String decisionId : ids) {
            replaysTheSame(decisionId);
        }
        Document b3bDecision = repository.find(appealed.getString("_id")).orElseThrow();
        assertEquals(200_000_000L, b3bDecision.get("basis", Document.class).get("contract", Document.class)
                .get("technicalTransactionAmountFen", Number.class).longValue(), "the registry's values are stored with it");
        assertTrue(repository.find(id(c1)).orElseThrow().get("basis", Document.class).containsKey("fundScope"),
                "the fund scope read is stored with it");

        // the whole store, paged three at a time: none of these differs
        DecisionReplay.Report all = replay.replayAll(3, 10_000);
        assertTrue(all.decisions() >= ids.size(), all.toString());
        assertEquals(all.decisions(), all.replayed() + all.skipped());
        assertTrue(all.differences().stream().noneMatch(d -> ids.contains(d.decisionId())), all.differences().toString());
        assertTrue(all.skips().stream().noneMatch(s -> ids.contains(s.decisionId())), all.skips().toString());
    }

    /** An A4 application of a new centre: operating costs 1,000,000 CNY, grade B; its application id. */
    String decideA4(String prefix) {
        String app = app(prefix);
        decisions.decide(submission(app, CapsAndReviewsTest.uscc(), "A4", Map.of("centreName", "c", "operatingCostsFen",
                100_000_000L, "performanceGrade", "B")));
        return app;
    }

    @Test
    void a_decision_whose_stored_amount_was_changed_in_the_store_is_reported() {
        String a4 = decideA4("RPTA");
        replaysTheSame(id(a4));
        // 300,000 CNY (30%) + 500,000 CNY (grade B) = 800,000 CNY, stored as 900,000 CNY by hand
        assertEquals(80_000_000L, repository.find(id(a4)).orElseThrow().get("amountFen", Number.class).longValue());
        assertTrue(repository.update(id(a4), Filters.empty(), Updates.set("amountFen", 90_000_000L), List.of()));

        DecisionReplay.Report one = replay.replayOne(id(a4));
        assertEquals(1, one.differing());
        assertEquals(List.of(new DecisionReplay.Difference(id(a4), "amountFen", "90000000", "80000000")), one.differences());
        DecisionReplay.Report all = replay.replayAll(200, 10_000);
        assertTrue(all.differences().contains(new DecisionReplay.Difference(id(a4), "amountFen", "90000000", "80000000")),
                all.differences().toString());
        assertTrue(all.differing() >= 1);

        // a proposed amount changed too: reported as its own field
        assertTrue(repository.update(id(a4), Filters.empty(), Updates.set("proposedFen", 1L), List.of()));
        assertTrue(replay.replayOne(id(a4)).differences().contains(new DecisionReplay.Difference(id(a4), "proposedFen",
                "1", "80000000")));
    }

    @Test
    void a_decision_is_replayed_under_its_pinned_version_after_a_new_version_changed_the_rule() {
        String a4 = decideA4("RPVA");
        Document decided = repository.find(id(a4)).orElseThrow();
        Map<String, Object> original = RulesAbuseTest.definition("A4");
        Map<String, Object> changed = RulesAbuseTest.definition("A4");
        @SuppressWarnings("unchecked")
        Map<String, Object> params = (Map<String, Object>) RulesAbuseTest.rule(changed).get("params");
        params.put("subsidyPercent", 10);
        publish(changed);
        try {
            assertNotEquals(decided.getString("ruleVersion"), "A4@" + RulesAbuseTest.version("A4"));
            // under today's version the same facts give 600,000 CNY, not the 800,000 CNY stated
            String later = decideA4("RPVB");
            assertEquals(60_000_000L, repository.find(id(later)).orElseThrow().get("amountFen", Number.class).longValue());
            replaysTheSame(id(a4));
            replaysTheSame(id(later));
        } finally {
            publish(original); // the catalogue as the other tests expect it
        }
    }

    private static void publish(Map<String, Object> definition) {
        String proposal = RulesAbuseTest.admin("replay-maker").body(definition).post("/admin/measures/A4/versions").then()
                .statusCode(202).extract().path("proposalId");
        RulesAbuseTest.admin("replay-checker").post("/admin/measures/A4/proposals/" + proposal + "/approval").then()
                .statusCode(201);
    }

}
