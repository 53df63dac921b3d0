package org.susong.eligibility.application;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.susong.commons.validation.FactsSchemas;
import org.susong.eligibility.domain.CompiledRule;
import org.susong.eligibility.domain.Measure;
import org.susong.eligibility.domain.RuleEngine;
import org.susong.testing.ContractValidation;
import org.susong.testing.LocalInfraTestResource;

/**
 * Issue 23 item 9, abuse cases of rules and schemas: one administrator publishing alone, ceilings typed into the
 * request, a JSON Schema pattern that backtracks for ever, a CEL rule that loops for ever, facts of any size, an
 * officer's amount without a ceiling. Business date 2026-06-15 (%test).
 */
@QuarkusTest
@ExtendWith(ContractValidation.class)
@WithTestResource(LocalInfraTestResource.class)
class RulesAbuseTest extends DecisionStores {

    @Inject
    CatalogueService catalogue;

    static RequestSpecification admin(String user) {
        return given().header("X-User", user).header("X-Roles", "admin").contentType(ContentType.JSON);
    }

    static Map<String, Object> definition(String code) {
        return given().header("X-User", "reader").header("X-Roles", "auditor").get("/measures/" + code).then()
                .statusCode(200).extract().jsonPath().getMap("");
    }

    static int version(String code) {
        return given().header("X-User", "reader").header("X-Roles", "auditor").get("/measures/" + code).then()
                .statusCode(200).extract().path("version");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> rule(Map<String, Object> definition) {
        return (Map<String, Object>) definition.get("rule");
    }

    @Test
    void publishing_a_measure_version_needs_a_second_administrator() {
        int before = version("A4");
        Map<String, Object> a4 = definition("A4");
        a4.put("titleEn", a4.get("titleEn") + " (reworded)");
        String proposal = admin("admin-maker").body(a4).post("/admin/measures/A4/versions").then().statusCode(202)
                .body("state", equalTo("PROPOSED")).body("proposedBy", equalTo("admin-maker"))
                .extract().path("proposalId");
        assertEquals(before, version("A4"), "one administrator alone publishes nothing");
        admin("admin-maker").post("/admin/measures/A4/proposals/" + proposal + "/approval").then().statusCode(409);
        // a user id that only looks like the maker's in a joined actor string is another person; the same id is not
        admin("admin-maker;admin").post("/admin/measures/A4/proposals/" + proposal + "/approval").then().statusCode(201)
                .body("version", equalTo(before + 1));
        assertEquals(before + 1, version("A4"));
        admin("admin-checker").post("/admin/measures/A4/proposals/" + proposal + "/approval").then().statusCode(409);
        assertEquals(before + 1, version("A4"), "a proposal is published once");
    }

    @Test
    void ceilings_come_from_the_catalogue_not_from_the_request() {
        // B1's source bounds are 200,000-5,000,000 CNY; the request raises its own ceiling to 6,000,000 CNY
        Map<String, Object> b1 = definition("B1");
        rule(b1).put("maxFen", 600_000_000L);
        rule(b1).put("params", Map.of("tiers", Map.of("HIGH_TECH_ENTERPRISE", 30_000_000L, "LITTLE_GIANT", 50_000_000L,
                "SINGLE_CHAMPION", 600_000_000L, "TECH_INNOVATION_DEMO", 100_000_000L), "firstYear", 2024, "lastYear", 2026));
        admin("admin-maker").body(b1).post("/admin/measures/B1/versions").then().statusCode(400)
                .body("field", equalTo("rule.maxFen"));
        // B3a's cap is 20,000,000 CNY per project (source); a version may not raise it
        Map<String, Object> b3a = definition("B3a");
        b3a.put("capFen", 5_000_000_000L);
        admin("admin-maker").body(b3a).post("/admin/measures/B3a/versions").then().statusCode(400)
                .body("field", equalTo("capFen"));
        Map<String, Object> uncapped = definition("B3a");
        uncapped.put("capFen", null);
        admin("admin-maker").body(uncapped).post("/admin/measures/B3a/versions").then().statusCode(400)
                .body("field", equalTo("capFen"));
    }

    @Test
    void json_schema_patterns_run_on_a_linear_time_engine() {
        // catastrophic backtracking on java.util.regex: several seconds for 22 characters (O(n^16)), RE2J linear
        String schema = "{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\",\"type\":\"object\","
                + "\"properties\":{\"code\":{\"type\":\"string\",\"pattern\":\"^(.*a){16}$\"}}}";
        String facts = "{\"code\":\"" + "a".repeat(22) + "!\"}";
        FactsSchemas schemas = new FactsSchemas();
        List<FactsSchemas.Violation> violations = assertTimeoutPreemptively(Duration.ofMillis(1500),
                () -> schemas.violations("REGEX@1", schema, facts));
        assertEquals(1, violations.size());
        assertEquals("facts.code", violations.get(0).field());
        // a pattern the linear-time engine cannot run (a backreference) is refused at publication
        try {
            FactsSchemas.requireUsable("{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\",\"type\":\"object\","
                    + "\"properties\":{\"code\":{\"type\":\"string\",\"pattern\":\"^(a)\\\\1$\"}}}");
            throw new AssertionError("a backreference pattern was accepted");
        } catch (IllegalArgumentException expected) {
            assertTrue(expected.getMessage().contains("pattern"), expected.getMessage());
        }
    }

    @Test
    void cel_rules_have_a_comprehension_limit_and_a_time_budget() {
        Measure c1 = catalogue.find("C1").orElseThrow();
        Measure.Rule r = c1.rule();
        Measure looping = withRule(c1, new Measure.Rule(r.kind(), List.of(new Measure.CriterionSpec("loop",
                "facts.xs.all(x, facts.xs.all(y, facts.xs.all(z, x + y + z >= 0)))", "loops", "循环")), r.amount(),
                r.params(), r.rounding(), r.minFen(), r.maxFen()));
        CompiledRule rule = RuleEngine.compile(looping);
        // 300^3 = 27,000,000 iterations: each comprehension is under the limit, the whole is not under the budget
        Map<String, Object> facts = Map.of("stage", "GROWTH", "field", "x", "requestedFen", 100L,
                "xs", LongStream.range(0, 300).boxed().toList());
        // the budget is CPU time: a loaded test machine may take several times that on the clock
        CompiledRule.Result result = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> rule.evaluate(facts, LocalDate.of(2026, 6, 15)));
        assertEquals(false, result.passed());
        assertTrue(result.criteria().get(0).en().contains("budget"), result.criteria().get(0).en());

        Measure wide = withRule(c1, new Measure.Rule(r.kind(), List.of(new Measure.CriterionSpec("wide",
                "facts.xs.all(x, x >= 0)", "wide", "宽")), r.amount(), r.params(), r.rounding(), r.minFen(), r.maxFen()));
        CompiledRule.Result tooMany = RuleEngine.compile(wide).evaluate(Map.of("xs",
                LongStream.range(0, 20_000).boxed().toList()), LocalDate.of(2026, 6, 15));
        assertEquals(false, tooMany.passed(), "20,000 iterations of one comprehension are above the limit");
    }

    @Test
    void facts_have_a_size_limit_and_no_unknown_properties() {
        String big = CapsAndReviewsTest.app("BIG");
        decisions.decide(CapsAndReviewsTest.submission(big, CapsAndReviewsTest.uscc(), "C1", "HULI", Map.of("stage",
                "GROWTH", "field", "x".repeat(90), "requestedFen", 100_000L, "notes", "n".repeat(200_000))));
        Document d = repository.findLatest(big).orElseThrow();
        assertEquals("REJECTED", d.getString("outcome"));
        assertTrue(d.getString("explanationEn").contains("bytes"), d.getString("explanationEn"));

        String unknown = CapsAndReviewsTest.app("UNK");
        decisions.decide(CapsAndReviewsTest.submission(unknown, CapsAndReviewsTest.uscc(), "B1", "HULI", Map.of("category",
                "HIGH_TECH_ENTERPRISE", "certificateNumber", "GR" + unknown.substring(8), "certificationYear", 2025,
                "bonusMultiplier", 10)));
        Document u = repository.findLatest(unknown).orElseThrow();
        assertEquals("REJECTED", u.getString("outcome"));
        assertTrue(u.getString("explanationEn").contains("bonusMultiplier"), u.getString("explanationEn"));
    }

    @Test
    void an_officers_amount_is_bounded_also_for_a_measure_without_a_cap() {
        // B2 (no cap, no source ceiling): half of 12,000,000 CNY = 6,000,000 CNY, above the automatic approval limit
        String app = CapsAndReviewsTest.app("B2R");
        String uscc = CapsAndReviewsTest.uscc();
        decisions.decide(CapsAndReviewsTest.submission(app, uscc, "B2", "JIMEI", Map.of("projectNumber", "2024YFC" + uscc
                .substring(10), "programme", "NATIONAL_KEY_RD", "nationalFundingFen", 1_200_000_000L)));
        Document review = repository.findLatest(app).orElseThrow();
        assertEquals("REVIEW_REQUIRED", review.getString("outcome"));
        given().header("X-User", "jm-1").header("X-Roles", "officer").header("X-District", "JIMEI")
                .contentType(ContentType.JSON).body(Map.of("outcome", "APPROVED", "amountFen", 90_000_000_000L, "reason", "x"))
                .post("/reviews/" + review.getString("_id") + "/decision").then().statusCode(422)
                .body("field", equalTo("amountFen"));
    }

    static Measure withRule(Measure m, Measure.Rule rule) {
        return new Measure(m.code(), 901, m.titleZh(), m.titleEn(), m.status(),
                m.beneficiaryTypes(), m.validFrom(), m.validTo(), m.requiredFacts(), Map.of(), rule, m.sourceRule(),
                m.capFen(), m.capPeriod(), m.capGroup(), m.capYearBasis(), m.capKey(), m.claimKey(), m.budgetLine(),
                m.disbursementMode(), m.fundCode(), m.fallback(), m.exclusionGroup(), m.placeholders());
    }
}
