package org.susong.eligibility.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.susong.commons.money.Money;
import org.susong.eligibility.domain.HighTechRewardRule.Category;

/** Measure B1 (domain.md): one-time reward between 200,000 and 5,000,000 CNY, one per certificate. */
class HighTechRewardRuleTest {

    static final LocalDate DAY = LocalDate.of(2026, 6, 15);
    static final Measure B1 = new Measure("B1", 1, "高新技术企业等一次性奖励", "One-time rewards", MeasureStatus.OPEN,
            List.of("ENTERPRISE"), LocalDate.of(2024, 1, 1), LocalDate.of(2026, 12, 31),
            List.of("category", "certificateNumber", "certificationYear"), "B1_TIERS", "200,000 to 5,000,000", 500000000L,
            "CERTIFICATE", "B1", "GRANT", List.of("tiers"));

    static Map<Category, Money> tiers(long hte, long giant, long champion, long demo) {
        Map<Category, Money> tiers = new EnumMap<>(Category.class);
        tiers.put(Category.HIGH_TECH_ENTERPRISE, Money.ofYuan(hte));
        tiers.put(Category.LITTLE_GIANT, Money.ofYuan(giant));
        tiers.put(Category.SINGLE_CHAMPION, Money.ofYuan(champion));
        tiers.put(Category.TECH_INNOVATION_DEMO, Money.ofYuan(demo));
        return tiers;
    }

    final HighTechRewardRule rule = new HighTechRewardRule(tiers(300_000, 500_000, 5_000_000, 1_000_000));

    @Test
    void tiers_must_lie_within_the_source_range_of_200000_to_5000000() {
        new HighTechRewardRule(tiers(200_000, 200_000, 5_000_000, 5_000_000)); // both bounds included
        assertThrows(IllegalArgumentException.class, () -> new HighTechRewardRule(tiers(199_999, 500_000, 5_000_000, 1_000_000)));
        assertThrows(IllegalArgumentException.class, () -> new HighTechRewardRule(tiers(300_000, 500_000, 5_000_001, 1_000_000)));
    }

    @Test
    void a_first_time_high_tech_certification_gets_its_category_tier() {
        Evaluation e = rule.evaluate(B1, Map.of("category", "HIGH_TECH_ENTERPRISE", "certificateNumber", "GR2025", "certificationYear",
                2025), DAY);
        assertEquals(Outcome.APPROVED, e.outcome());
        assertEquals(Money.ofYuan(300_000), e.amount());
    }

    @Test
    void a_renewed_high_tech_certification_is_rewarded_too_but_a_renewed_little_giant_is_not() {
        assertEquals(Outcome.APPROVED, rule.evaluate(B1, Map.of("category", "HIGH_TECH_ENTERPRISE", "certificateNumber", "GR2",
                "certificationYear", "2024", "certificationKind", "RENEWED"), DAY).outcome());
        Evaluation giant = rule.evaluate(B1, Map.of("category", "LITTLE_GIANT", "certificateNumber", "LG1", "certificationYear",
                2025, "certificationKind", "RENEWED"), DAY);
        assertEquals(Outcome.REJECTED, giant.outcome());
        assertEquals(Money.ZERO, giant.amount());
    }

    @Test
    void unknown_categories_years_outside_the_measure_and_dates_outside_validity_are_rejected_with_reasons() {
        Evaluation unknown = rule.evaluate(B1, Map.of("category", "UNICORN", "certificateNumber", "X", "certificationYear", 2025), DAY);
        assertEquals(Outcome.REJECTED, unknown.outcome());
        assertFalse(unknown.criteria().stream().filter(c -> c.name().equals("category")).findFirst().orElseThrow().passed());

        Evaluation old = rule.evaluate(B1, Map.of("category", "HIGH_TECH_ENTERPRISE", "certificateNumber", "X",
                "certificationYear", 2021), DAY);
        assertEquals(Outcome.REJECTED, old.outcome());

        Evaluation late = rule.evaluate(B1, Map.of("category", "HIGH_TECH_ENTERPRISE", "certificateNumber", "X",
                "certificationYear", 2026), LocalDate.of(2027, 1, 2));
        assertEquals(Outcome.REJECTED, late.outcome());
        assertEquals("validity", late.criteria().get(0).name());
    }

    @Test
    void the_award_key_is_per_certificate_not_per_enterprise() {
        assertEquals("B1:HIGH_TECH_ENTERPRISE:GR2025", HighTechRewardRule.certificateKey(Map.of("category",
                "HIGH_TECH_ENTERPRISE", "certificateNumber", " gr2025 ")));
    }
}
