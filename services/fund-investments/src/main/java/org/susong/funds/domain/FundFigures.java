package org.susong.funds.domain;

import java.util.Map;

/** A fund's share of the investment figures: tallies per district, stage and field, follow-ons and C3 follow-ons. */
public record FundFigures(Map<String, Tally> byDistrict, Map<String, Tally> byStage, Map<String, Tally> byField,
                          Tally followOns, Tally c3FollowOns) {
}
