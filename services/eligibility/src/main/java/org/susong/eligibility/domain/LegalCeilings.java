package org.susong.eligibility.domain;

import java.util.Map;
import java.util.Optional;

/**
 * The source's amounts (《若干措施》, Xiamen Daily 2024-02-26; docs/policy.md) as legal ceilings: no
 * measure version - seed or published - may exceed them. Each names the source's phrase, quoted in every
 * refusal. The cap period and group are part of the ceiling: "每年" (per year) and "单家企业" (per enterprise)
 * are YEAR caps on one ledger group, "一次性" (one-time) one award per certificate, B3a one amount per project.
 */
public final class LegalCeilings {

    /**
     * One measure's ceiling.
     *
     * @param minFen    the lowest award the source sets (B1), or null
     * @param maxFen    the most one award may be (rule.maxFen), or null
     * @param capFen    the most one beneficiary (per period) may receive
     * @param capPeriod YEAR, PROJECT or CERTIFICATE, as the source's wording reads
     */
    public record Ceiling(String code, String sourceZh, String sourceEn, Long minFen, Long maxFen, long capFen,
                         String capPeriod) {
    }

    private static final Map<String, Ceiling> CEILINGS = Map.of(
            "B1", new Ceiling("B1", "对首次或重新认定通过的国家级高新技术企业、首次认定的国家级专精特新“小巨人”企业、认定的国家级制造业单项冠军"
                    + "示范企业以及国家级技术创新示范企业，分别给予20万元至500万元不等的一次性奖励",
                    "one-time rewards of 200,000 to 5,000,000 CNY", 20_000_000L, 500_000_000L, 500_000_000L, "CERTIFICATE"),
            "B3a", new Ceiling("B3a", "纳入市科技计划重大项目体系的给予最高2000万元资金支持",
                    "up to 20,000,000 CNY for a project taken into the city's major-project system", null, 2_000_000_000L,
                    2_000_000_000L, "PROJECT"),
            "B3b", new Ceiling("B3b", "经认定登记的技术合同，给予单家企业每年最高100万元奖励",
                    "up to 1,000,000 CNY per enterprise per year for verified and registered technology contracts", null, null,
                    100_000_000L, "YEAR"),
            "A4", new Ceiling("A4", "以“运营补助+绩效奖励”相结合方式给予运营合作机构每年最高500万元资助",
                    "operating subsidy plus performance award, up to 5,000,000 CNY per year per operating institution", null,
                    500_000_000L, 500_000_000L, "YEAR"));

    private LegalCeilings() {
    }

    public static Optional<Ceiling> of(String code) {
        return Optional.ofNullable(CEILINGS.get(code));
    }

    /** Why {@code m} exceeds its legal ceiling: the field and the reason quoting the source, or empty when within. */
    public static Optional<Map.Entry<String, String>> exceeded(Measure m, String sourcedCapGroup) {
        Ceiling c = CEILINGS.get(m.code());
        if (c == null) {
            return Optional.empty();
        }
        String quote = m.code() + ": the source says 「" + c.sourceZh() + "」 (" + c.sourceEn() + "); ";
        Measure.Rule rule = m.rule();
        if (c.maxFen() != null && (rule.maxFen() == null || rule.maxFen() > c.maxFen())) {
            return Optional.of(Map.entry("rule.maxFen", quote + "one award may not exceed " + c.maxFen()
                    + " fen, and a version may not raise or drop rule.maxFen (was " + rule.maxFen() + ")"));
        }
        if (c.minFen() != null && (rule.minFen() == null || rule.minFen() < c.minFen())) {
            return Optional.of(Map.entry("rule.minFen", quote + "the lowest award is " + c.minFen()
                    + " fen, and a version may not lower or drop rule.minFen (was " + rule.minFen() + ")"));
        }
        if (m.capFen() == null || m.capFen() > c.capFen()) {
            return Optional.of(Map.entry("capFen", quote + "the cap is " + c.capFen() + " fen per " + c.capPeriod()
                    + ", and a version may not raise or drop it (was " + m.capFen() + ")"));
        }
        if (!c.capPeriod().equals(m.capPeriod())) {
            return Optional.of(Map.entry("capPeriod", quote + "the cap is per " + c.capPeriod()
                    + "; a version may not count it per " + m.capPeriod()));
        }
        if (sourcedCapGroup != null && !sourcedCapGroup.equals(m.capGroup())) {
            return Optional.of(Map.entry("capGroup", quote + "the cap counts on ledger group " + sourcedCapGroup
                    + "; a version on group " + m.capGroup() + " would start a second cap in the same period"));
        }
        return Optional.empty();
    }
}
