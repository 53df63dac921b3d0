package org.susong.eligibility.domain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.susong.commons.money.Money;

/**
 * Measure B1: one-time rewards for a first-time or renewed national high-tech enterprise
 * certification (one award per certificate, not once per enterprise), a first-time national
 * "little giant", a manufacturing single champion, a technology-innovation demonstration
 * enterprise. The source gives only the range, 200,000 to 5,000,000 CNY; the tier of each category
 * is configuration (a placeholder until the city publishes it) and must lie inside that range.
 */
public final class HighTechRewardRule {

    public static final String CODE = "B1";
    /** B1 lower bound in the source: 200,000 CNY. */
    public static final Money MIN = Money.ofYuan(200_000);
    /** B1 upper bound in the source: 5,000,000 CNY. */
    public static final Money MAX = Money.ofYuan(5_000_000);

    public enum Category { HIGH_TECH_ENTERPRISE, LITTLE_GIANT, SINGLE_CHAMPION, TECH_INNOVATION_DEMO }

    private final Map<Category, Money> tiers;

    public HighTechRewardRule(Map<Category, Money> tiers) {
        for (Category category : Category.values()) {
            Money tier = tiers.get(category);
            if (tier == null) {
                throw new IllegalArgumentException("B1 has no tier for " + category);
            }
            if (tier.compareTo(MIN) < 0 || tier.compareTo(MAX) > 0) {
                throw new IllegalArgumentException("B1 tier " + category + " = " + tier + " lies outside the source's range "
                        + MIN + " to " + MAX);
            }
        }
        this.tiers = Map.copyOf(tiers);
    }

    /**
     * Evaluates the claimed facts on a business date. Whether the certificate was already rewarded
     * is not known here; the caller claims the certificate and adds that criterion.
     */
    public Evaluation evaluate(Measure measure, Map<String, Object> facts, LocalDate businessDate) {
        List<Criterion> criteria = new ArrayList<>();
        criteria.add(measure.validOn(businessDate)
                ? new Criterion("validity", true, "measure B1 is valid on " + businessDate, "B1 措施在 " + businessDate + " 有效")
                : new Criterion("validity", false, "measure B1 runs from " + measure.validFrom() + " to " + measure.validTo()
                + ", not on " + businessDate, "B1 措施有效期为 " + measure.validFrom() + " 至 " + measure.validTo()));
        Category category = parseCategory(facts.get("category"));
        if (category == null) {
            criteria.add(new Criterion("category", false, "category '" + facts.get("category") + "' is not one of "
                    + List.of(Category.values()), "认定类别不在 B1 范围内"));
            return Evaluation.rejected(criteria);
        }
        criteria.add(new Criterion("category", true, "category " + category + " is rewarded under B1",
                "认定类别 " + category + " 属于 B1 奖励范围"));
        String kind = String.valueOf(facts.getOrDefault("certificationKind", "FIRST"));
        boolean kindOk = category == Category.HIGH_TECH_ENTERPRISE ? kind.equals("FIRST") || kind.equals("RENEWED")
                : category != Category.LITTLE_GIANT || kind.equals("FIRST");
        criteria.add(kindOk ? new Criterion("certificationKind", true, kind.toLowerCase() + " certification qualifies",
                "认定类型符合")
                : new Criterion("certificationKind", false, "a " + kind.toLowerCase() + " " + category
                + " certification does not qualify (first-time only)", "仅首次认定可获奖励"));
        Integer year = parseYear(facts.get("certificationYear"));
        boolean yearOk = year != null && year >= measure.validFrom().getYear() && year <= measure.validTo().getYear()
                && year <= businessDate.getYear();
        criteria.add(yearOk ? new Criterion("certificationYear", true, "certified in " + year + ", within the measure's"
                + " years", year + " 年认定，在措施期内")
                : new Criterion("certificationYear", false, "certification year " + facts.get("certificationYear")
                + " is not within " + measure.validFrom().getYear() + "-" + Math.min(measure.validTo().getYear(),
                businessDate.getYear()), "认定年份不在措施期内"));
        if (criteria.stream().anyMatch(c -> !c.passed())) {
            return Evaluation.rejected(criteria);
        }
        Money amount = tiers.get(category);
        return new Evaluation(Outcome.APPROVED, amount, criteria,
                "B1 one-time reward for " + category + ": tier " + amount + " (configured tier; the source bounds B1 to "
                        + MIN + "-" + MAX + ")",
                "B1 一次性奖励（" + category + "）：" + amount.fen() / 100 + " 元");
    }

    /** The key that makes the award once per certificate: category and certificate number. */
    public static String certificateKey(Map<String, Object> facts) {
        return CODE + ":" + facts.get("category") + ":" + String.valueOf(facts.get("certificateNumber")).trim().toUpperCase();
    }

    private static Category parseCategory(Object value) {
        try {
            return value == null ? null : Category.valueOf(value.toString());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Integer parseYear(Object value) {
        if (value instanceof Number number) {
            return number.intValue();
        }
        try {
            return value == null ? null : Integer.valueOf(value.toString().trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
