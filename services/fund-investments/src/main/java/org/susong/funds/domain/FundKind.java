package org.susong.funds.domain;

/** The kinds of government fund measure C2 names. */
public enum FundKind {
    /** 科创风投基金: the S&T venture (guidance) fund, for start-ups; part of the 100-billion target. */
    VENTURE,
    /** 增信基金 / 科创增信子基金: credit enhancement for S&T lending; part of the 100-billion target. */
    CREDIT_ENHANCEMENT,
    /** 技术创新基金: growth-stage enterprises, digitalisation, intelligence, technology transfer; in the target. */
    TECHNOLOGY_INNOVATION,
    /** 政府产业引导基金: M&A, transformation, industrial chains; reported separately from the target. */
    INDUSTRY_GUIDANCE,
    /** 国企战略发展基金: SOE strategic funds; reported separately from the target. */
    SOE_STRATEGIC
}
