package org.susong.eligibility.domain;

import org.susong.commons.ids.FieldCodes;

import java.util.List;
import java.util.Optional;

/**
 * A fund's investment scope as fund-investments publishes it ({@code FundScopePublished.v1}): the stages it invests
 * in and the field codes it covers (empty: any field), at the fund's event {@code sequence}. A grant-to-investment
 * award (拨改投, C1) is decided as an investment only when the beneficiary's stage and field lie inside it; the fund
 * checks the same on conversion ({@code Fund.scopeProblem}), so an award outside it would be refused there.
 */
public record FundScope(String fundId, List<String> stages, List<String> fields, long sequence) {

    /** The criterion that records the scope check on a decision. */
    public static final String CRITERION = "fundScope";

    public FundScope {
        stages = List.copyOf(stages);
        fields = fields.stream().map(FieldCodes::of).toList();
    }


    /**
     * Why the fund would refuse an enterprise of this stage and field (either null: not known, not checked), as a
     * failed criterion {@link #CRITERION} saying the award is decided as a grant; empty when inside the scope.
     */
    public Optional<Criterion> outside(String stage, String field) {
        String scope = "stages " + stages + (fields.isEmpty() ? "; any field" : "; fields " + fields);
        String scopeZh = "阶段 " + stages + (fields.isEmpty() ? "；领域不限" : "；领域 " + fields);
        if (stage != null && !stages.contains(stage)) {
            return Optional.of(new Criterion(CRITERION, false, "stage " + stage + " is outside the scope of fund " + fundId
                    + " (" + scope + "): decided as a grant, not as an investment the fund would refuse",
                    "企业阶段 " + stage + " 不在基金 " + fundId + " 的投资范围（" + scopeZh + "）内，无法“拨改投”，按资助方式支持"));
        }
        if (field != null && !fields.isEmpty() && !fields.contains(FieldCodes.of(field))) {
            return Optional.of(new Criterion(CRITERION, false, "field '" + FieldCodes.of(field) + "' is outside the scope of fund "
                    + fundId + " (" + scope + "): decided as a grant, not as an investment the fund would refuse",
                    "领域 " + FieldCodes.of(field) + " 不在基金 " + fundId + " 的投资范围（" + scopeZh + "）内，无法“拨改投”，按资助方式支持"));
        }
        return Optional.empty();
    }

    /** The criterion of an award inside the scope: decided as an investment into the fund. */
    public Criterion within(String stage, String field) {
        return new Criterion(CRITERION, true, "stage " + stage + " and field '" + (field == null ? "-" : FieldCodes.of(field))
                + "' are within the scope of fund " + fundId + ": decided as an investment into the fund",
                "企业阶段与领域在基金 " + fundId + " 的投资范围内，按“拨改投”方式支持");
    }

    /** The criterion of an award whose fund's scope eligibility has not received: the fund checks it on conversion. */
    public static Criterion unknown(String fundId, String fallback) {
        return new Criterion(CRITERION, true, "the scope of fund " + fundId + " is not known here yet (no FundScopePublished"
                + " received): decided as an investment; the fund checks its scope on conversion (fallback " + fallback + ")",
                "尚未获知基金 " + fundId + " 的投资范围，按“拨改投”方式决定，由基金在转换时核对");
    }
}
