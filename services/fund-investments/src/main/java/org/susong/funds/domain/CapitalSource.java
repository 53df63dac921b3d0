package org.susong.funds.domain;

/** Who puts capital into a fund (measure C1/C3: fiscal money is meant to mobilise other money). */
public enum CapitalSource {
    CITY_FISCAL,
    DISTRICT,
    SOE,
    SOCIAL_CAPITAL
}
