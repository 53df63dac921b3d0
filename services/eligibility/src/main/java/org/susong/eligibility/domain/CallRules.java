package org.susong.eligibility.domain;

import java.util.List;

/**
 * A call's eligibility criteria compiled as the measure version's own criteria are ({@link RuleEngine#compile}): the
 * same CEL environment ({@code facts}, {@code p}, {@code businessYear}, {@code businessDate}), limits and time budget;
 * no second compiler. The result evaluates only the call's criteria (no amount).
 */
public final class CallRules {

    private CallRules() {
    }

    /** Throws {@link RuleEngine.RuleCompileException} naming {@code eligibilityCriteria[i].expr}. */
    public static CompiledRule compile(Measure measure, List<Measure.CriterionSpec> criteria) {
        Measure.Rule rule = new Measure.Rule("MANUAL_REVIEW", criteria, null, measure.rule().params(),
                measure.rule().rounding(), null, null);
        Measure only = new Measure(measure.code(), measure.version(), measure.titleZh(), measure.titleEn(),
                measure.status(), measure.beneficiaryTypes(), measure.validFrom(), measure.validTo(),
                measure.requiredFacts(), measure.factsSchema(), rule, measure.sourceRule(), null, null, null, null, null,
                null, measure.budgetLine(), measure.disbursementMode(), measure.fundCode(), measure.fallback(), null,
                measure.placeholders(), measure.readings());
        try {
            return RuleEngine.compile(only);
        } catch (RuleEngine.RuleCompileException e) {
            String field = e.field().startsWith("rule.criteria") ? e.field().replace("rule.criteria", "eligibilityCriteria")
                    : "eligibilityCriteria";
            throw new RuleEngine.RuleCompileException(field, e.getMessage().substring(e.field().length() + 2));
        }
    }
}
