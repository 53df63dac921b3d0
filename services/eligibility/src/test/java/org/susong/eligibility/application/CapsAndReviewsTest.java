package org.susong.eligibility.application;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.susong.eligibility.domain.Measure;
import org.susong.testing.ContractValidation;
import org.susong.testing.LocalInfraTestResource;

/**
 * Money rules on the real store, decided directly (many threads at once) - caps (B3b, A4, B3a),
 * exclusion groups, versions pinned, reviews with maker-checker. Business date 2026-06-15 (%test).
 */
@QuarkusTest
@ExtendWith(ContractValidation.class)
@WithTestResource(LocalInfraTestResource.class)
class CapsAndReviewsTest extends DecisionStores {

    @Inject
    LedgerService ledgerService;
    @Inject
    CatalogueService catalogue;
    @Inject
    ReleaseService releases;

    static String uscc() {
        StringBuilder b = new StringBuilder("91350200");
        for (int i = 0; i < 10; i++) {
            b.append(ThreadLocalRandom.current().nextInt(10));
        }
        return b.toString();
    }

    static String app(String prefix) {
        return "APP-" + prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static DecisionService.Submission submission(String applicationId, String uscc, String measure, String district,
                                                 Map<String, Object> facts) {
        return new DecisionService.Submission(UUID.randomUUID().toString(), "hash-" + applicationId, applicationId, uscc,
                measure, district, facts, null);
    }

    Document decided(String applicationId) {
        return repository.findLatest(applicationId).orElseThrow();
    }

    static long amount(Document d) {
        return d.get("amountFen", Number.class).longValue();
    }

    static Document criterion(Document d, String name) {
        return d.getList("criteria", Document.class).stream().filter(c -> name.equals(c.getString("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no criterion " + name + " in " + d.toJson()));
    }

    @Test
    void b3b_annual_cap_of_1000000_cny_holds_for_50_concurrent_applications_of_one_enterprise() throws Exception {
        String uscc = uscc();
        // each: technical transaction amount 2,000,000 CNY -> 3% = 60,000 CNY (placeholder brackets)
        List<DecisionService.Submission> submissions = new ArrayList<>();
        String prefix = String.format("%04d", ThreadLocalRandom.current().nextInt(10_000));
        for (int i = 0; i < 50; i++) {
            String number = "2026" + prefix + String.format("%08d", i);
            RegisteredContracts.register(number, uscc, 200_000_000L, "2026-05-02");
            submissions.add(submission(app("B3B"), uscc, "B3b", "JIMEI", Map.of("contractRegistrationNumber",
                    number, "technicalTransactionAmountFen", 200_000_000L, "registeredOn", "2026-05-02")));
        }
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<?>> futures = new ArrayList<>();
            submissions.forEach(s -> futures.add(pool.submit(() -> decisions.decide(s))));
            for (Future<?> f : futures) {
                f.get();
            }
            // a redelivery of every submission, again concurrently, consumes nothing twice
            futures.clear();
            submissions.forEach(s -> futures.add(pool.submit(() -> decisions.decide(s))));
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        long total = 0;
        int full = 0;
        int partial = 0;
        int refused = 0;
        for (DecisionService.Submission s : submissions) {
            Document d = decided(s.applicationId());
            total += amount(d);
            if (amount(d) == 6_000_000L) {
                full++;
            } else if (amount(d) > 0) {
                partial++;
                assertTrue(criterion(d, "annualCap").getString("en").contains("partial grant up to the remaining cap"));
                assertEquals(4_000_000L, amount(d), "what remained of the 1,000,000 CNY after 16 full awards");
            } else {
                refused++;
                assertEquals("REJECTED", d.getString("outcome"));
                assertEquals(false, criterion(d, "annualCap").getBoolean("passed"));
            }
        }
        assertEquals(100_000_000L, total, "B3b: never more than 1,000,000 CNY per enterprise per year in total");
        assertEquals(16, full);
        assertEquals(1, partial);
        assertEquals(33, refused);
        Document ledger = ledgers.ledger("CAP|B3b|" + uscc + "|2026").orElseThrow();
        assertEquals(100_000_000L, ledger.get("usedFen", Number.class).longValue());
        assertEquals(17, ledger.get("consumers", Document.class).size());
    }

    /**
     * Issue 12: payments releases the unpaid order of a decision an approved appeal re-decided (SUPERSEDED); the
     * re-decision inherited that decision's cap shares, so the cap is not given back for it.
     */
    @Test
    void a_superseded_order_release_keeps_the_cap_the_re_decision_inherited() {
        String uscc = uscc();
        String app = app("SUP");
        String number = "2026" + uscc.substring(6);
        RegisteredContracts.register(number, uscc, 200_000_000L, "2026-05-02");
        decisions.decide(submission(app, uscc, "B3b", "JIMEI", Map.of("contractRegistrationNumber", number,
                "technicalTransactionAmountFen", 200_000_000L, "registeredOn", "2026-05-02")));
        String decisionId = decided(app).getString("_id");
        String cap = "CAP|B3b|" + uscc + "|2026";
        assertEquals(6_000_000L, ledgers.ledger(cap).orElseThrow().get("usedFen", Number.class).longValue());

        assertEquals(0, releases.released(decisionId, "SUPERSEDED", UUID.randomUUID().toString()));
        assertEquals(6_000_000L, ledgers.ledger(cap).orElseThrow().get("usedFen", Number.class).longValue(),
                "the re-decision holds the cap now");
        // any other reason gives it back, once
        assertTrue(releases.released(decisionId, "WITHDRAWN", UUID.randomUUID().toString()) >= 6_000_000L);
        assertEquals(0L, ledgers.ledger(cap).orElseThrow().get("usedFen", Number.class).longValue());
    }

    @Test
    void a4_operating_subsidy_and_award_stop_at_5000000_cny_per_year() {
        String uscc = uscc();
        String first = app("A4");
        String second = app("A4");
        // 30% of 10,000,000 CNY + grade A 1,000,000 CNY = 4,000,000 CNY
        decisions.decide(submission(first, uscc, "A4", "SIMING", Map.of("centreName", "Shanghai enclave",
                "operatingCostsFen", 1_000_000_000L, "performanceGrade", "A")));
        // 30% of 4,000,000 CNY + grade A = 2,200,000 CNY, but only 1,000,000 CNY of the year's 5,000,000 remain
        decisions.decide(submission(second, uscc, "A4", "SIMING", Map.of("centreName", "Shanghai enclave",
                "operatingCostsFen", 400_000_000L, "performanceGrade", "A")));
        assertEquals(400_000_000L, amount(decided(first)));
        Document d = decided(second);
        assertEquals("APPROVED", d.getString("outcome"));
        assertEquals(100_000_000L, amount(d), "A4 cap 5,000,000 CNY per year");
        assertEquals(220_000_000L, d.get("proposedFen", Number.class).longValue());
        assertTrue(criterion(d, "annualCap").getString("en").contains("only 1,000,000.00 CNY remained"));
        assertEquals(2026, d.getInteger("capYear"));
    }

    @Test
    void exclusion_group_b2_b3a_pays_the_higher_award_once_with_a_top_up() {
        String uscc = uscc();
        String b2 = app("B2");
        String b3a = app("B3A");
        // B2: half of 2,000,000 CNY national funding (placeholder 1:2) = 1,000,000 CNY
        decisions.decide(submission(b2, uscc, "B2", "HAICANG", Map.of("projectNumber", "2024YFB" + uscc.substring(12),
                "programme", "NATIONAL_KEY_RD", "nationalFundingFen", 200_000_000L)));
        assertEquals(100_000_000L, amount(decided(b2)));
        // B3a later: 10% of 30,000,000 CNY = 3,000,000 CNY; the higher applies, so the top-up is 2,000,000 CNY
        decisions.decide(submission(b3a, uscc, "B3a", "HAICANG", Map.of("projectNumber", "P-" + uscc, "projectName", "x",
                "resultSource", "NATIONAL_KEY_RD", "investmentInXiamenFen", 3_000_000_000L)));
        Document topUp = decided(b3a);
        assertEquals(200_000_000L, amount(topUp));
        assertTrue(criterion(topUp, "exclusionGroup").getString("en").contains("top-up"));

        String other = uscc();
        String higherFirst = app("B3A");
        String lowerLater = app("B2");
        decisions.decide(submission(higherFirst, other, "B3a", "HAICANG", Map.of("projectNumber", "P-" + other,
                "projectName", "x", "resultSource", "NATIONAL_SCIENCE_AWARD", "investmentInXiamenFen", 3_000_000_000L)));
        decisions.decide(submission(lowerLater, other, "B2", "HAICANG", Map.of("projectNumber", "Q-" + other,
                "programme", "MAJOR_SCIENCE_2030", "nationalFundingFen", 200_000_000L)));
        assertEquals(300_000_000L, amount(decided(higherFirst)));
        Document none = decided(lowerLater);
        assertEquals("REJECTED", none.getString("outcome"));
        assertEquals(false, criterion(none, "exclusionGroup").getBoolean("passed"));
    }

    @Test
    void b3a_cap_of_20000000_cny_per_project_with_maker_checker_review() {
        String uscc = uscc();
        String project = "2023YFA" + uscc.substring(10);
        String big = app("B3A");
        // 10% of 300,000,000 CNY = 30,000,000 CNY: above the automatic approval limit, an officer decides
        decisions.decide(submission(big, uscc, "B3a", "XIANGAN", Map.of("projectNumber", project, "projectName", "x",
                "resultSource", "MAJOR_SCIENCE_2030", "investmentInXiamenFen", 30_000_000_000L)));
        Document review = decided(big);
        assertEquals("REVIEW_REQUIRED", review.getString("outcome"));
        String id = review.getString("_id");
        given().header("X-User", "xa-1").header("X-Roles", "officer").header("X-District", "XIANGAN").queryParam("limit", 200)
                .get("/reviews").then().statusCode(200).body("items.decisionId", hasItem(id))
                .body("items.applicationId", everyItem(not(equalTo("x"))));
        given().header("X-User", "hl-1").header("X-Roles", "officer").header("X-District", "HULI").queryParam("limit", 200)
                .get("/reviews").then().statusCode(200).body("items.decisionId", not(hasItem(id)));
        given().header("X-User", "hl-1").header("X-Roles", "officer").header("X-District", "HULI")
                .contentType(ContentType.JSON).body(Map.of("outcome", "APPROVED", "reason", "ok"))
                .post("/reviews/" + id + "/decision").then().statusCode(404); // another district's: never its existence
        // over the B3a cap of 20,000,000 CNY per project: refused naming the field
        officer("xa-1").body(Map.of("outcome", "APPROVED", "amountFen", 3_000_000_000L, "reason", "as computed"))
                .post("/reviews/" + id + "/decision").then().statusCode(422).body("field", equalTo("amountFen"));
        officer("xa-1").body(Map.of("outcome", "APPROVED", "amountFen", 2_000_000_000L, "reason", "capped per project"))
                .post("/reviews/" + id + "/decision").then().statusCode(200).body("reviewState", equalTo("AWAITING_SECOND"));
        officer("xa-1").body(Map.of("outcome", "APPROVED", "amountFen", 2_000_000_000L, "reason", "again"))
                .post("/reviews/" + id + "/decision").then().statusCode(409);
        officer("xa-2").body(Map.of("outcome", "APPROVED", "amountFen", 2_000_000_000L, "reason", "confirmed"))
                .post("/reviews/" + id + "/decision").then().statusCode(200).body("reviewState", equalTo("DONE"))
                .body("outcome", equalTo("APPROVED")).body("amountFen", equalTo(2_000_000_000));
        officer("xa-2").body(Map.of("outcome", "REJECTED", "reason", "late")).post("/reviews/" + id + "/decision")
                .then().statusCode(409);
        // the same project again: the 20,000,000 CNY are used up
        String again = app("B3A");
        decisions.decide(submission(again, uscc(), "B3a", "XIANGAN", Map.of("projectNumber", project, "projectName", "x",
                "resultSource", "MAJOR_SCIENCE_2030", "investmentInXiamenFen", 100_000_000L)));
        Document refused = decided(again);
        assertEquals("REJECTED", refused.getString("outcome"));
        assertEquals(false, criterion(refused, "projectCap").getBoolean("passed"));
        // the cap is per project because the source's 最高2000万元 is read so: the refusal says it (issue 16 item 7)
        assertTrue(refused.getString("explanationEn").contains("a reading of the source pending the implementing rules")
                && refused.getString("explanationEn").contains("最高2000万元"), refused.getString("explanationEn"));
        assertTrue(refused.getString("explanationZh").contains("系对原文的理解，待实施细则明确"), refused.getString("explanationZh"));
    }

    /**
     * Issue 16 item 7: the source says 纳入市科技计划重大项目体系的给予最高2000万元资金支持; that the ceiling is per
     * project is a reading. The catalogue answer marks it where the cap appears, and an award the per-project cap
     * reduced says, in both languages and in its notice, that the cap applied is a reading.
     */
    @Test
    void a_b3a_award_reduced_by_the_per_project_cap_says_the_cap_is_a_reading_and_the_catalogue_marks_it() {
        given().header("X-User", "o").header("X-Roles", "officer").get("/measures/B3a").then().statusCode(200)
                .body("readings.find { it.name == 'perProject' }.sourceZh", equalTo("纳入市科技计划重大项目体系的给予最高2000万元资金支持"))
                .body("readings.find { it.name == 'perProject' }.governs", hasItem("capPeriod"))
                .body("readings.find { it.name == 'validity' }.sourceZh", equalTo("有效期3年"))
                .body("readings.find { it.name == 'validity' }.governs", hasItem("validFrom"));
        String project = "2024YFC" + uscc().substring(10);
        // four applicants of one project take 4 x 4,900,000 CNY (10% of 49,000,000 CNY each) of its 20,000,000 CNY
        for (int i = 0; i < 4; i++) {
            String id = app("B3AP");
            decisions.decide(submission(id, uscc(), "B3a", "XIANGAN", Map.of("projectNumber", project, "projectName", "x",
                    "resultSource", "NATIONAL_KEY_RD", "investmentInXiamenFen", 4_900_000_000L)));
            assertEquals(490_000_000L, amount(decided(id)), decided(id).toJson());
            assertTrue(criterion(decided(id), "projectCap").getString("en").contains("最高2000万元"), decided(id).toJson());
        }
        String fifth = app("B3AP");
        decisions.decide(submission(fifth, uscc(), "B3a", "XIANGAN", Map.of("projectNumber", project, "projectName", "x",
                "resultSource", "NATIONAL_KEY_RD", "investmentInXiamenFen", 4_900_000_000L)));
        Document d = decided(fifth);
        assertEquals("APPROVED", d.getString("outcome"), d.toJson());
        assertEquals(40_000_000L, amount(d), "the 400,000 CNY left of the project's cap");
        assertTrue(d.getString("explanationEn").contains("limited to 400,000.00 CNY")
                && d.getString("explanationEn").contains("the cap applied is a reading of the source pending the"
                + " implementing rules") && d.getString("explanationEn").contains("per project"), d.getString("explanationEn"));
        assertTrue(d.getString("explanationZh").contains("所适用的上限") && d.getString("explanationZh").contains("最高2000万元"),
                d.getString("explanationZh"));
        Document notice = d.get("notice", Document.class);
        assertTrue(notice.getString("en").contains("最高2000万元") && notice.getString("zh").contains("系对原文的理解"),
                notice.toJson());
        given().header("X-User", "xa-1").header("X-Roles", "officer").header("X-District", "XIANGAN")
                .get("/decisions/by-id/" + d.getString("_id"))
                .then().statusCode(200).body("explanationEn", equalTo(d.getString("explanationEn")));
    }

    @Test
    void a_new_version_decides_new_applications_and_old_decisions_keep_theirs() {
        String before = app("C1");
        Map<String, Object> facts = Map.of("stage", "GROWTH", "field", "digitalisation", "requestedFen", 900_000_000L);
        decisions.decide(submission(before, uscc(), "C1", "TONGAN", facts));
        // C1's current version: 1 as seeded, or later when another test published one first (CallModesTest does)
        int current = RulesAbuseTest.version("C1");
        assertEquals("C1@" + current, decided(before).getString("ruleVersion"));
        assertEquals(500_000_000L, amount(decided(before)));
        Map<String, Object> definition = given().header("X-User", "o").header("X-Roles", "officer").get("/measures/C1").then().statusCode(200)
                .extract().jsonPath().getMap("");
        @SuppressWarnings("unchecked")
        Map<String, Object> rule = (Map<String, Object>) definition.get("rule");
        rule.put("params", Map.of("perApplicationMaxFen", 100_000_000L));
        given().header("X-User", "o").header("X-Roles", "officer").contentType(ContentType.JSON).body(definition)
                .post("/admin/measures/C1/versions").then().statusCode(403);
        rule.put("amount", "minFen(int(facts.requestedFen), ");
        admin().body(definition).post("/admin/measures/C1/versions").then().statusCode(400)
                .body("field", equalTo("rule.amount"));
        rule.put("amount", "minFen(int(facts.requestedFen), p.perApplicationMaxFen)");
        String proposal = admin().body(definition).post("/admin/measures/C1/versions").then().statusCode(202)
                .extract().path("proposalId");
        given().header("X-User", "root-2").header("X-Roles", "admin").post("/admin/measures/C1/proposals/" + proposal
                + "/approval").then().statusCode(201).body("version", equalTo(current + 1));
        String after = app("C1");
        decisions.decide(submission(after, uscc(), "C1", "TONGAN", facts));
        assertEquals("C1@" + (current + 1), decided(after).getString("ruleVersion"));
        assertEquals(100_000_000L, amount(decided(after)));
        assertEquals(500_000_000L, amount(decided(before)), "the earlier decision keeps its version");
        given().header("X-User", "o").header("X-Roles", "officer").get("/measures/C1/versions/" + current).then().statusCode(200)
                .body("rule.params.perApplicationMaxFen", equalTo(500000000));
    }

    @Test
    void b1_tiers_outside_200000_to_5000000_cny_are_refused_at_publication() {
        Map<String, Object> definition = given().header("X-User", "o").header("X-Roles", "officer").get("/measures/B1").then().statusCode(200)
                .extract().jsonPath().getMap("");
        @SuppressWarnings("unchecked")
        Map<String, Object> rule = (Map<String, Object>) definition.get("rule");
        rule.put("params", Map.of("tiers", Map.of("HIGH_TECH_ENTERPRISE", 30_000_000L, "LITTLE_GIANT", 50_000_000L,
                "SINGLE_CHAMPION", 600_000_000L, "TECH_INNOVATION_DEMO", 100_000_000L), "firstYear", 2024, "lastYear", 2026));
        admin().body(definition).post("/admin/measures/B1/versions").then().statusCode(400)
                .body("field", equalTo("rule.params.tiers.SINGLE_CHAMPION"));
        given().header("X-User", "o").header("X-Roles", "officer").get("/measures/B1").then().body("version", equalTo(1));
    }

    @Test
    void the_resumer_completes_an_intent_whose_counter_moved_before_a_crash_and_leaves_the_others() {
        String key = "CAP|B3b|" + uscc() + "|2026";
        String crashed = "D-APP-CRASH-" + UUID.randomUUID().toString().substring(0, 6);
        String waiting = "D-APP-WAIT-" + UUID.randomUUID().toString().substring(0, 6);
        java.util.Date longAgo = java.util.Date.from(java.time.Instant.parse("2026-06-15T00:00:00Z"));
        // the state a crash leaves: the counter moved (share + applied id) but the intent is still PENDING
        ledgers.ensureLedger(new Document("_id", key).append("kind", "CAP").append("limitFen", 100_000_000L)
                .append("usedFen", 6_000_000L).append("consumers", new Document(crashed, new Document("fen", 6_000_000L)
                        .append("requestedFen", 6_000_000L).append("seenFen", 100_000_000L)))
                .append("applied", List.of(crashed)));
        for (String owner : List.of(crashed, waiting)) {
            ledgers.insertIntent(new Document("_id", owner + "|" + key).append("owner", owner).append("ledgerKey", key)
                    .append("kind", "CAP").append("requestedFen", 6_000_000L).append("state", "PENDING").append("at", longAgo));
        }
        ledgerService.resumePending();
        assertEquals("APPLIED", ledgers.intent(crashed + "|" + key).orElseThrow().getString("state"));
        assertEquals(6_000_000L, ledgers.intent(crashed + "|" + key).orElseThrow().get("result", Document.class)
                .get("grantedFen", Number.class).longValue());
        assertEquals(List.of(), ledgers.ledger(key).orElseThrow().getList("applied", String.class), "applied id forgotten");
        assertEquals("PENDING", ledgers.intent(waiting + "|" + key).orElseThrow().getString("state"),
                "no share on the ledger: its redelivered event finishes it");
        assertEquals(6_000_000L, ledgers.ledger(key).orElseThrow().get("usedFen", Number.class).longValue());
    }

    @Test
    void bad_input_is_rejected_with_reasons_naming_the_fact() {
        String schema = app("BAD");
        decisions.decide(submission(schema, uscc(), "B1", "HULI", Map.of("category", "GRANDMASTER",
                "certificateNumber", "X1", "certificationYear", "last year")));
        Document d = decided(schema);
        assertEquals("REJECTED", d.getString("outcome"));
        assertTrue(d.getString("explanationEn").contains("facts.category"), d.getString("explanationEn"));
        assertTrue(d.getString("explanationEn").contains("facts.certificationYear"), d.getString("explanationEn"));

        // B3a: 10% of 10,000,000,000,000 CNY is 50,000 times the 20,000,000 CNY cap: not plausible
        String absurd = app("BAD");
        decisions.decide(submission(absurd, uscc(), "B3a", "HULI", Map.of("projectNumber", "P-" + absurd,
                "projectName", "x", "resultSource", "NATIONAL_KEY_RD", "investmentInXiamenFen", 1_000_000_000_000_000L)));
        assertEquals(false, criterion(decided(absurd), "amount").getBoolean("passed"));
        assertTrue(criterion(decided(absurd), "amount").getString("en").contains("orders of magnitude"));

        // A4: 30% of 0.01 CNY rounds to nothing, grade NONE adds nothing
        String zero = app("BAD");
        decisions.decide(submission(zero, uscc(), "A4", "HULI", Map.of("centreName", "x", "operatingCostsFen", 1L,
                "performanceGrade", "NONE")));
        assertEquals("REJECTED", decided(zero).getString("outcome"));
        assertTrue(criterion(decided(zero), "amount").getString("en").contains("not positive"));

        Measure b1 = catalogue.find("B1").orElseThrow();
        Measure ended = new Measure(b1.code(), b1.version(), b1.titleZh(), b1.titleEn(), b1.status(), b1.beneficiaryTypes(),
                b1.validFrom(), java.time.LocalDate.of(2025, 12, 31), b1.requiredFacts(), b1.factsSchema(), b1.rule(),
                b1.sourceRule(), b1.capFen(), b1.capPeriod(), b1.capGroup(), b1.capYearBasis(), b1.capKey(), b1.claimKey(), b1.budgetLine(),
                b1.disbursementMode(), b1.fundCode(), b1.fallback(), b1.exclusionGroup(), b1.placeholders());
        DecisionService.Determination outside = decisions.determine(ended, Map.of("category", "LITTLE_GIANT",
                "certificateNumber", "LG-" + zero, "certificationYear", 2025), java.time.LocalDate.of(2026, 6, 15),
                "D-" + zero + "-X", uscc(), 0);
        assertEquals(org.susong.eligibility.domain.Outcome.REJECTED, outside.evaluation().outcome());
        assertEquals("validity", outside.evaluation().criteria().get(0).name());
        assertEquals(false, outside.evaluation().criteria().get(0).passed());
    }

    static io.restassured.specification.RequestSpecification officer(String user) {
        return given().header("X-User", user).header("X-Roles", "officer").header("X-District", "XIANGAN")
                .contentType(ContentType.JSON);
    }

    static io.restassured.specification.RequestSpecification admin() {
        return given().header("X-User", "root").header("X-Roles", "admin").contentType(ContentType.JSON);
    }
}
