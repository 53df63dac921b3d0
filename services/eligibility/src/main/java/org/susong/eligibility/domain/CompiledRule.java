package org.susong.eligibility.domain;

import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.susong.commons.money.Money;

/**
 * A measure version's rule, compiled once: evaluates the criteria and the amount formula against an
 * application's facts on a business date. Thread-safe (CEL programs are immutable).
 */
public final class CompiledRule {

    /** Criteria results and, when they all pass and the rule is automated, the amount (rounded, in fen). */
    public record Result(List<Criterion> criteria, boolean passed, Long amountFen, String computationEn,
                         String computationZh) {
    }

    private final Measure measure;
    private final List<CelRuntime.Program> criteria;
    private final CelRuntime.Program amount;
    private final CelRuntime.Program capKey;
    private final Map<String, Object> params;
    private final Rounding rounding;

    CompiledRule(Measure measure, List<CelRuntime.Program> criteria, CelRuntime.Program amount, CelRuntime.Program capKey,
                 Map<String, Object> params) {
        this.measure = measure;
        this.criteria = List.copyOf(criteria);
        this.amount = amount;
        this.capKey = capKey;
        this.params = params;
        this.rounding = Rounding.valueOf(measure.rule().rounding());
    }

    public Measure measure() {
        return measure;
    }

    public Result evaluate(Map<String, Object> facts, LocalDate businessDate) {
        Map<String, Object> vars = variables(facts, businessDate);
        List<Criterion> results = new ArrayList<>();
        boolean passed = true;
        for (int i = 0; i < criteria.size(); i++) {
            Measure.CriterionSpec spec = measure.rule().criteria().get(i);
            boolean ok;
            String why = "";
            try {
                ok = Boolean.TRUE.equals(criteria.get(i).eval(vars));
            } catch (CelEvaluationException e) {
                ok = false;
                why = " (" + e.getMessage() + ")";
            }
            passed &= ok;
            results.add(ok ? new Criterion(spec.name(), true, spec.en(), "符合：" + spec.zh())
                    : new Criterion(spec.name(), false, "not met: " + spec.en() + why, "不符合：" + spec.zh()));
        }
        if (!passed || amount == null) {
            return new Result(results, passed, null, amount == null ? "the amount is set by an officer (no formula)"
                    : "no amount: a criterion is not met", amount == null ? "金额由审核人员确定" : "不予支持：有条件未满足");
        }
        long raw;
        try {
            raw = ((Number) amount.eval(vars)).longValue();
        } catch (CelEvaluationException | ArithmeticException e) {
            results.add(new Criterion("amount", false, "the amount formula cannot be computed from the facts: "
                    + e.getMessage(), "金额无法根据所填事实计算"));
            return new Result(results, false, null, "no amount: the formula failed", "不予支持：金额公式无法计算");
        }
        long rounded = rounding.apply(raw);
        String en = measure.code() + " amount = " + measure.rule().amount() + " with " + params + " = "
                + Money.ofFen(raw).format() + "; " + rounding.describe() + " -> " + Money.ofFen(rounded).format();
        String zh = measure.code() + " 金额 = " + measure.rule().amount() + " = " + Money.ofFen(raw).format() + "，取整规则 "
                + rounding.name() + " -> " + Money.ofFen(rounded).format();
        return new Result(results, true, rounded, en, zh);
    }

    /** The project or certificate a PROJECT / CERTIFICATE cap is kept for (without blanks, upper case). */
    public String capKey(Map<String, Object> facts, LocalDate businessDate) {
        if (capKey == null) {
            return null;
        }
        try {
            return String.valueOf(capKey.eval(variables(facts, businessDate))).replaceAll("\\s+", "").toUpperCase();
        } catch (CelEvaluationException e) {
            return null;
        }
    }

    private Map<String, Object> variables(Map<String, Object> facts, LocalDate businessDate) {
        Map<String, Object> vars = new HashMap<>(4);
        vars.put("facts", RuleEngine.normalise(facts));
        vars.put("p", params);
        vars.put("businessYear", (long) businessDate.getYear());
        vars.put("businessDate", businessDate.toString());
        return vars;
    }
}
