package org.susong.eligibility.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The CEL rules of the seeded catalogue, version 1, each with its measure code and the source figure. */
class RuleEngineTest {

    static final LocalDate DAY = LocalDate.of(2026, 6, 15);

    @Test
    void every_measure_of_domain_md_is_in_the_catalogue_and_compiles() {
        assertEquals(List.of("A1", "A2", "A3", "A4", "B1", "B2", "B3a", "B3b", "B4", "B5", "C1", "C2", "C3", "C4", "D1",
                "D2", "D3"), List.copyOf(SeedCatalogue.MEASURES.keySet()));
        SeedCatalogue.MEASURES.values().forEach(RuleEngine::compile);
    }

    @Test
    void b1_tiers_lie_within_the_source_bounds_of_200000_to_5000000_cny() {
        Measure b1 = SeedCatalogue.measure("B1");
        assertEquals(20_000_000L, b1.rule().minFen(), "B1 lower bound: 200,000 CNY");
        assertEquals(500_000_000L, b1.rule().maxFen(), "B1 upper bound: 5,000,000 CNY");
        @SuppressWarnings("unchecked")
        Map<String, Number> tiers = (Map<String, Number>) b1.rule().params().get("tiers");
        assertEquals(4, tiers.size());
        tiers.values().forEach(t -> assertTrue(t.longValue() >= 20_000_000L && t.longValue() <= 500_000_000L));
        CompiledRule.Result result = SeedCatalogue.rule("B1").evaluate(Map.of("category", "HIGH_TECH_ENTERPRISE",
                "certificateNumber", "GR202435100123", "certificationYear", 2025, "certificationKind", "RENEWED"), DAY);
        assertTrue(result.passed(), result.criteria().toString());
        assertEquals(30_000_000L, result.amountFen(), "B1 high-tech enterprise tier (placeholder 300,000 CNY)");
        assertEquals(500_000_000L, SeedCatalogue.rule("B1").evaluate(Map.of("category", "SINGLE_CHAMPION",
                "certificateNumber", "SC1", "certificationYear", 2024, "certificationKind", "FIRST"), DAY).amountFen(),
                "B1 single champion: 5,000,000 CNY");
    }

    @Test
    void b1_refuses_a_renewed_little_giant_and_a_year_outside_the_measure() {
        CompiledRule b1 = SeedCatalogue.rule("B1");
        CompiledRule.Result renewed = b1.evaluate(Map.of("category", "LITTLE_GIANT", "certificateNumber", "LG1",
                "certificationYear", 2025, "certificationKind", "RENEWED"), DAY);
        assertFalse(renewed.passed());
        assertFalse(renewed.criteria().stream().filter(c -> c.name().equals("certificationKind")).findFirst().orElseThrow().passed());
        assertNull(renewed.amountFen());
        // 首次认定的国家级专精特新“小巨人”企业: a little giant whose kind is left out is not assumed first-time
        CompiledRule.Result unsaid = b1.evaluate(Map.of("category", "LITTLE_GIANT", "certificateNumber", "LG1",
                "certificationYear", 2025), DAY);
        assertFalse(unsaid.passed(), "a little giant counts only when first certified: the kind is never assumed");
        assertNull(unsaid.amountFen());
        assertTrue(b1.evaluate(Map.of("category", "LITTLE_GIANT", "certificateNumber", "LG1", "certificationYear", 2025,
                "certificationKind", "FIRST"), DAY).passed(), "a first-time little giant counts");
        assertFalse(b1.evaluate(Map.of("category", "HIGH_TECH_ENTERPRISE", "certificateNumber", "X",
                "certificationYear", 2023, "certificationKind", "FIRST"), DAY).passed(), "certified before 2024: outside the measure");
        assertEquals("HIGH_TECH_ENTERPRISE:GR1", b1.capKey(Map.of("category", "HIGH_TECH_ENTERPRISE",
                "certificateNumber", " gr1 "), DAY), "one award per certificate: the cap key is category + certificate");
    }

    @Test
    void b3b_brackets_are_placeholders_below_the_annual_cap_of_1000000_cny() {
        Measure b3b = SeedCatalogue.measure("B3b");
        assertEquals(100_000_000L, b3b.capFen(), "B3b: 1,000,000 CNY per enterprise per year");
        assertEquals("YEAR", b3b.capPeriod());
        CompiledRule rule = RuleEngine.compile(b3b);
        // 2,100,000 CNY technical amount: 3% (placeholder) = 63,000 CNY
        assertEquals(6_300_000L, rule.evaluate(facts(210_000_000L), DAY).amountFen());
        // 15,000,000 CNY: 3% of 10,000,000 + 2% of 5,000,000 = 400,000 CNY (the cap is applied by the ledger)
        assertEquals(40_000_000L, rule.evaluate(facts(1_500_000_000L), DAY).amountFen());
        // rounding: 3% of 333.50 CNY = 10.005 CNY; muldiv half up -> 10.01 CNY; DOWN_TO_YUAN_V1 -> 10 CNY
        assertEquals(1_000L, rule.evaluate(facts(33_350L), DAY).amountFen());
        assertFalse(rule.evaluate(Map.of("contractRegistrationNumber", "12", "technicalTransactionAmountFen", 5,
                "registeredOn", "2026-01-02"), DAY).passed());
    }

    @Test
    void a4_is_an_operating_subsidy_plus_a_performance_award_capped_at_5000000_cny_per_year() {
        Measure a4 = SeedCatalogue.measure("A4");
        assertEquals(500_000_000L, a4.capFen(), "A4: 5,000,000 CNY per year");
        CompiledRule.Result r = RuleEngine.compile(a4).evaluate(Map.of("centreName", "Shenzhen enclave",
                "operatingCostsFen", 400_000_000L, "performanceGrade", "A"), DAY);
        // 30% of 4,000,000 CNY + grade A 1,000,000 CNY (both placeholders) = 2,200,000 CNY
        assertEquals(220_000_000L, r.amountFen());
    }

    @Test
    void b2_matches_by_ratio_and_b3a_pays_a_share_of_the_investment_with_a_20000000_cny_cap_per_project() {
        assertEquals(50_000_000L, SeedCatalogue.rule("B2").evaluate(Map.of("projectNumber", "2024YFB001",
                "programme", "NATIONAL_KEY_RD", "nationalFundingFen", 100_000_000L), DAY).amountFen(), "B2 1:2 placeholder");
        Measure b3a = SeedCatalogue.measure("B3a");
        assertEquals(2_000_000_000L, b3a.capFen(), "B3a: 20,000,000 CNY per project");
        assertEquals("PROJECT", b3a.capPeriod());
        assertEquals("NATIONAL_PROJECT", b3a.exclusionGroup());
        assertEquals("NATIONAL_PROJECT", SeedCatalogue.measure("B2").exclusionGroup());
    }

    @Test
    void c1_is_a_grant_to_investment_measure_with_a_placeholder_amount() {
        Measure c1 = SeedCatalogue.measure("C1");
        assertEquals(MeasureStatus.OPEN, c1.status());
        assertEquals("INVESTMENT", c1.disbursementMode());
        assertEquals("FUND-TECH-INNOVATION", c1.fundCode());
        assertEquals("GRANT", c1.fallback());
        assertTrue(c1.placeholders().stream().anyMatch(p -> p.contains("PLACEHOLDER amount rule")));
        assertEquals(500_000_000L, RuleEngine.compile(c1).evaluate(Map.of("stage", "GROWTH", "field", "digitalisation",
                "requestedFen", 900_000_000L), DAY).amountFen());
    }

    @Test
    void informational_measures_have_no_rule_and_a_bad_expression_is_named() {
        assertEquals("NONE", SeedCatalogue.measure("A1").rule().kind());
        Measure bad = new Measure("B9", 1, "x", "x", MeasureStatus.OPEN, List.of(), DAY, DAY, List.of(), Map.of(),
                new Measure.Rule("CEL", List.of(new Measure.CriterionSpec("c", "facts.x >", "x", "x")), "1", Map.of(),
                        null, null, null), "", null, null, null, null, null, null, "B9", "GRANT", null, null, null, List.of());
        assertEquals("rule.criteria[0].expr", assertThrows(RuleEngine.RuleCompileException.class,
                () -> RuleEngine.compile(bad)).field());
    }

    @Test
    void muldiv_rounds_half_up_to_the_fen() {
        assertEquals(2L, Rounding.muldiv(3, 1, 2));
        assertEquals(1L, Rounding.muldiv(5, 1, 4));
        assertEquals(-2L, Rounding.muldiv(-3, 1, 2));
        assertNotNull(Rounding.valueOf("DOWN_TO_YUAN_V1"));
    }

    static Map<String, Object> facts(long technicalFen) {
        return Map.of("contractRegistrationNumber", "2026350200008026", "technicalTransactionAmountFen", technicalFen,
                "registeredOn", "2026-05-02");
    }
}
