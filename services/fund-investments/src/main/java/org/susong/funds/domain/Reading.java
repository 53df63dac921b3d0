package org.susong.funds.domain;

import java.util.List;
import java.util.Set;

/**
 * A figure or a link the platform reads into the source (Xiamen Daily, 2024-02-26) rather than one the source states
 * (issue 16 item 7): shown wherever it acts, in English and Chinese, with the source's own phrase it interprets. The
 * shape of a placeholder's {@code placeholder} + {@code note}, for what is not a placeholder value but an interpretation.
 *
 * @param id           a stable code of the reading
 * @param en           what the platform reads, and that it is a reading, in English
 * @param zh           the same in Chinese
 * @param sourcePhrase the source's Chinese phrase the reading interprets, quoted as the source has it
 */
public record Reading(String id, String en, String zh, String sourcePhrase) {

    /** The 10x leverage goal of C1: the source names two amounts, not a ratio. */
    public static final Reading LEVERAGE_GOAL = new Reading("c1-leverage-goal-10x",
            "Reading, not the source's words: the leverage goal of 10 (30 bn CNY of fiscal money mobilising 300 bn CNY) is"
                    + " the ratio of the two amounts the source names; the source states no ratio and does not say whether"
                    + " the 300 bn includes the fiscal 30 bn.",
            "解读，非原文：杠杆目标10倍（300亿元财政资金带动3000亿元）是平台按原文所列两个金额之比作出的解读；原文未规定比例，"
                    + "也未说明3000亿元是否包含300亿元财政资金。",
            "2024-2026年统筹不少于300亿元的财政科技资金,带动各类资金3000亿元");

    /** The parent of the eight seeded sub-funds: the source names another guidance fund. */
    public static final Reading VENTURE_SUB_FUNDS_PARENT = new Reading("c2-sub-funds-parent-venture-fund",
            "Reading, not the source's words: the eight sub-funds that landed are attached to the S&T venture fund"
                    + " (FUND-VENTURE, 科创风投基金) of C2; the source says they are sub-funds of the Xiamen S&T innovation"
                    + " and entrepreneurship guidance fund (厦门科技创新创业引导基金), which the platform reads as that fund.",
            "解读，非原文：已落地的8只参股子基金挂在C2的科创风投基金（FUND-VENTURE）之下；原文称其为“厦门科技创新创业引导基金”的"
                    + "参股子基金，平台将该引导基金解读为科创风投基金。",
            "厦门科技创新创业引导基金首批参股子基金已有8只落地");

    /** The venture fund, parent of the eight sub-funds the source counts (seed: FUND-VENTURE-SUB-01..08). */
    public static final String VENTURE_FUND = "FUND-VENTURE";
    private static final Set<String> SEEDED_VENTURE_SUB_FUNDS = Set.of("FUND-VENTURE-SUB-01", "FUND-VENTURE-SUB-02",
            "FUND-VENTURE-SUB-03", "FUND-VENTURE-SUB-04", "FUND-VENTURE-SUB-05", "FUND-VENTURE-SUB-06",
            "FUND-VENTURE-SUB-07", "FUND-VENTURE-SUB-08");

    /**
     * The readings a fund's answer carries: the venture fund and each of the eight seeded sub-funds still attached to it
     * carry the parent reading (a sub-fund an administrator registers under it is the administrator's fact, not a
     * reading); others none.
     */
    public static List<Reading> of(Fund fund) {
        boolean parent = VENTURE_FUND.equals(fund.id()) && !fund.subFund();
        boolean seededSub = SEEDED_VENTURE_SUB_FUNDS.contains(fund.id()) && VENTURE_FUND.equals(fund.parentFundId());
        return parent || seededSub ? List.of(VENTURE_SUB_FUNDS_PARENT) : List.of();
    }

    /** The ids of these readings joined by {@code ;} (a CSV cell). */
    public static String ids(List<Reading> readings) {
        return String.join(";", readings.stream().map(Reading::id).toList());
    }
}
