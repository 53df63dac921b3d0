package org.susong.funds.domain;

import java.util.EnumSet;
import java.util.Set;

/** Who puts capital into a fund (measure C1: fiscal money is meant to mobilise ten times as much). */
public enum CapitalSource {
    CITY_FISCAL,
    DISTRICT,
    SOE,
    SOCIAL_CAPITAL,
    /**
     * The sub-fund's parent fund (only a sub-fund receives it). The money is already the parent's
     * capital, so a family's totals and the C1 leverage leave it out: counted again it would be
     * counted twice. It is not fiscal either (the parent's own fiscal sources are).
     */
    PARENT_FUND;

    /**
     * Fiscal money: the city's and the districts' budgets. The government share of a fund and the
     * fiscal input of the C1 leverage figure count these two (SOE capital is state-owned but not
     * fiscal; it counts as money mobilised).
     */
    public static final Set<CapitalSource> FISCAL = EnumSet.of(CITY_FISCAL, DISTRICT);

    public boolean fiscal() {
        return FISCAL.contains(this);
    }

    /** Money from outside the fund's family: every source but the parent fund. */
    public boolean fromOutsideFamily() {
        return this != PARENT_FUND;
    }
}
