package org.susong.eligibility.domain;

import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelEvaluationListener;
import dev.cel.runtime.CelRuntime;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.text.Normalizer;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.susong.commons.money.Money;

/**
 * A measure version's rule, compiled once: evaluates the criteria and the amount formula against an
 * application's facts on a business date. Thread-safe (CEL programs are immutable).
 */
public final class CompiledRule {

    /**
     * What a once-only key is spelled with but is not part of it: white space and Unicode spaces and line separators
     * (U+1680, U+2028), hyphens, dashes and the minus sign, format characters (zero-width space U+200B, soft hyphen
     * U+00AD, BOM U+FEFF, word joiner U+2060) and controls (NEL U+0085).
     */
    private static final Pattern SEPARATORS = Pattern.compile("[\\s\\p{Z}\\p{Pd}\\u2212\\p{Cf}\\p{Cc}]+");
    /**
     * A canonical key: parts of ASCII upper-case letters, digits and the underscores of enum values, joined by
     * colons; no part empty (B1's {@code category + ':' + number} of a number of separators only is no key).
     */
    private static final Pattern KEY = Pattern.compile("[A-Z0-9_]+(:[A-Z0-9_]+)*");

    /**
     * The CPU time of its thread one evaluation of a rule (criteria and amount, or a key) may take. CPU time, not
     * wall time: a loaded machine or a cold first evaluation must not fail a rule that is cheap.
     */
    public static final Duration BUDGET = Duration.ofSeconds(1);
    /** The budget is read every this many sub-expressions (reading a thread's CPU time costs about a microsecond). */
    private static final int CHECK_EVERY = 64;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** Thrown from the evaluation listener when the budget is spent: CEL stops at the next sub-expression. */
    static final class BudgetExceeded extends RuntimeException {
        BudgetExceeded() {
            super("the rule's evaluation budget of " + BUDGET.toMillis() + " ms was exceeded", null, false, false);
        }
    }

    /** An explanation template compiled: literal text and {@link Hole}s, filled in with an application's values. */
    static final class Words {
        private final List<Object> parts;

        Words(List<Object> parts) {
            this.parts = List.copyOf(parts);
        }

        String fill(Map<String, Object> vars) {
            CelEvaluationListener budget = budget();
            StringBuilder text = new StringBuilder();
            for (Object part : parts) {
                if (part instanceof Hole hole) {
                    text.append(hole.fill(vars, budget));
                } else {
                    text.append(part);
                }
            }
            return text.toString();
        }
    }

    /** A hole of a template: a CEL value, written as money when {@code fen}. */
    record Hole(CelRuntime.Program program, boolean fen) {
        String fill(Map<String, Object> vars, CelEvaluationListener budget) {
            Object value;
            try {
                value = program.trace(vars, budget);
            } catch (CelEvaluationException | BudgetExceeded e) {
                return "(n/a)";
            }
            if (fen && value instanceof Number n) {
                return Money.ofFen(n.longValue()).format();
            }
            if (value instanceof Long || value instanceof Integer) {
                return String.format(Locale.ROOT, "%,d", ((Number) value).longValue());
            }
            return String.valueOf(value);
        }
    }

    /**
     * Criteria results and, when they all pass and the rule is automated, the amount (rounded, in
     * fen). The computation's words are built only when asked for (evaluation stays cheap): the measure's
     * template in words with the application's numbers (issue 16 item 7), never the CEL expression, and the
     * statement of the placeholders the amount rests on.
     */
    public static final class Result {
        private final CompiledRule rule;
        private final List<Criterion> criteria;
        private final boolean passed;
        private final Long rawFen;
        private final Long amountFen;
        private final Map<String, Object> vars;

        Result(CompiledRule rule, List<Criterion> criteria, boolean passed, Long rawFen, Long amountFen,
               Map<String, Object> vars) {
            this.rule = rule;
            this.criteria = criteria;
            this.passed = passed;
            this.rawFen = rawFen;
            this.amountFen = amountFen;
            this.vars = vars;
        }

        public List<Criterion> criteria() {
            return criteria;
        }

        public boolean passed() {
            return passed;
        }

        public Long amountFen() {
            return amountFen;
        }

        public String computationEn() {
            if (amountFen == null) {
                return rule.amount == null ? "the amount is set by an officer (no formula)" : "no amount: a criterion is not met";
            }
            Measure m = rule.measure;
            String words = rule.wordsEn == null ? m.code() + " amount under rule " + m.ruleVersion() + " on the facts given"
                    : rule.wordsEn.fill(vars);
            String rounded = rawFen.equals(amountFen) ? "" : ", " + rule.rounding.wordsEn() + ": " + Money.ofFen(amountFen).format();
            return words + " = " + Money.ofFen(rawFen).format() + rounded + rule.placeholderEn();
        }

        public String computationZh() {
            if (amountFen == null) {
                return rule.amount == null ? "金额由审核人员确定" : "不予支持：有条件未满足";
            }
            Measure m = rule.measure;
            String words = rule.wordsZh == null ? m.code() + " 按规则 " + m.ruleVersion() + " 根据所填事实计算的金额"
                    : rule.wordsZh.fill(vars);
            String rounded = rawFen.equals(amountFen) ? "" : "，" + rule.rounding.wordsZh() + "：" + Money.ofFen(amountFen).format();
            return words + " = " + Money.ofFen(rawFen).format() + rounded + rule.placeholderZh();
        }
    }

    private final Measure measure;
    private final List<CelRuntime.Program> criteria;
    private final List<Criterion> met;
    private final List<Criterion> notMet;
    private final CelRuntime.Program amount;
    private final CelRuntime.Program capKey;
    private final CelRuntime.Program claimKey;
    private final Map<String, Object> params;
    private final Rounding rounding;
    private final Words wordsEn;
    private final Words wordsZh;

    CompiledRule(Measure measure, List<CelRuntime.Program> criteria, CelRuntime.Program amount, CelRuntime.Program capKey,
                 CelRuntime.Program claimKey, Map<String, Object> params, Words wordsEn, Words wordsZh) {
        this.measure = measure;
        this.wordsEn = wordsEn;
        this.wordsZh = wordsZh;
        this.criteria = List.copyOf(criteria);
        this.amount = amount;
        this.capKey = capKey;
        this.claimKey = claimKey;
        this.params = params;
        this.rounding = Rounding.valueOf(measure.rule().rounding());
        this.met = measure.rule().criteria().stream().map(c -> new Criterion(c.name(), true, c.en(), "符合：" + c.zh())).toList();
        this.notMet = measure.rule().criteria().stream()
                .map(c -> new Criterion(c.name(), false, "not met: " + c.en(), "不符合：" + c.zh())).toList();
    }

    public Measure measure() {
        return measure;
    }

    /** The statement of what the amount rests on that the source does not give (en), empty for none. */
    String placeholderEn() {
        Measure.Explain explain = measure.rule().explain();
        if (explain != null && explain.placeholderEn() != null && !explain.placeholderEn().isBlank()) {
            return ". " + explain.placeholderEn();
        }
        return measure.placeholders().isEmpty() ? "" : ". Placeholder values pending the implementing rules: "
                + String.join("; ", measure.placeholders());
    }

    /** {@link #placeholderEn} in Chinese. */
    String placeholderZh() {
        Measure.Explain explain = measure.rule().explain();
        if (explain != null && explain.placeholderZh() != null && !explain.placeholderZh().isBlank()) {
            return "。" + explain.placeholderZh();
        }
        return measure.placeholders().isEmpty() ? "" : "。本金额或条件所依据的数值为暂定口径，待实施细则公布";
    }

    /** The words of an amount a person set in review: English and Chinese. */
    public record Reviewed(String en, String zh) {
    }

    /**
     * How an amount an officer set reads (issue 16 item 1): the measure's template filled in with the application's
     * facts and {@code review} ({@code amountFen}, {@code by}: the officer or officers, {@code reason}) when the rule
     * is {@code MANUAL_REVIEW} and has words; otherwise generic words saying the same. Either way it says that a
     * person set the amount, who, and why, and ends with the statement of what the amount rests on that the source
     * does not give. Never the rule's expression.
     */
    public Reviewed reviewed(Map<String, Object> facts, LocalDate businessDate, long amountFen, String by, String reason) {
        Map<String, Object> vars = variables(facts, businessDate);
        vars.put("review", Map.of("amountFen", amountFen, "by", by, "reason", reason));
        String amount = Money.ofFen(amountFen).format();
        boolean manual = measure.rule().ruleKind() == RuleKind.MANUAL_REVIEW;
        String en = manual && wordsEn != null ? wordsEn.fill(vars) : measure.code() + " amount " + amount
                + " set by a person in review, not computed: by " + by + ", because: " + reason;
        String zh = manual && wordsZh != null ? wordsZh.fill(vars) : measure.code() + " 金额 " + amount + " 由审核人员 " + by
                + " 人工确定，非公式计算，理由：" + reason;
        return new Reviewed(en + placeholderEn(), zh + placeholderZh());
    }

    public Result evaluate(Map<String, Object> facts, LocalDate businessDate) {
        Map<String, Object> vars = variables(facts, businessDate);
        CelEvaluationListener budget = budget();
        List<Criterion> results = new ArrayList<>(criteria.size() + 1);
        boolean passed = true;
        for (int i = 0; i < criteria.size(); i++) {
            boolean ok;
            try {
                ok = Boolean.TRUE.equals(criteria.get(i).trace(vars, budget));
                results.add(ok ? met.get(i) : notMet.get(i));
            } catch (CelEvaluationException | BudgetExceeded e) {
                ok = false;
                Criterion c = notMet.get(i);
                results.add(new Criterion(c.name(), false, c.en() + " (" + e.getMessage() + ")", c.zh()));
            }
            passed &= ok;
        }
        if (!passed || amount == null) {
            return new Result(this, results, passed, null, null, vars);
        }
        long raw;
        try {
            raw = ((Number) amount.trace(vars, budget)).longValue();
        } catch (CelEvaluationException | ArithmeticException | BudgetExceeded e) {
            results.add(new Criterion("amount", false, "the amount formula cannot be computed from the facts: "
                    + e.getMessage(), "金额无法根据所填事实计算"));
            return new Result(this, results, false, null, null, vars);
        }
        return new Result(this, results, true, raw, rounding.apply(raw), vars);
    }

    /** The project or certificate a PROJECT / CERTIFICATE cap is kept for ({@link #canonical}), or null. */
    public String capKey(Map<String, Object> facts, LocalDate businessDate) {
        return key(capKey, facts, businessDate);
    }

    /** What may be rewarded only once under the measure (B3b: the contract), or null. */
    public String claimKey(Map<String, Object> facts, LocalDate businessDate) {
        return key(claimKey, facts, businessDate);
    }

    private String key(CelRuntime.Program program, Map<String, Object> facts, LocalDate businessDate) {
        if (program == null) {
            return null;
        }
        try {
            return canonical(String.valueOf(program.trace(variables(facts, businessDate), budget())));
        } catch (CelEvaluationException | BudgetExceeded e) {
            return null;
        }
    }

    /**
     * A once-only key as one spelling (issue 23): Unicode NFKC (full-width letters and digits become ASCII),
     * without {@link #SEPARATORS}, upper case. Null (no key: the decision is refused) when nothing remains, when a
     * colon-separated part is empty, or when anything else than {@link #KEY}'s characters remains (a combining mark, an emoji, a letter of another script):
     * never a second spelling of a key.
     */
    public static String canonical(String raw) {
        String key = SEPARATORS.matcher(Normalizer.normalize(raw, Normalizer.Form.NFKC)).replaceAll("")
                .toUpperCase(Locale.ROOT);
        return KEY.matcher(key).matches() ? key : null;
    }

    /** A listener called after each sub-expression that stops the evaluation once {@link #BUDGET} is spent. */
    private static CelEvaluationListener budget() {
        boolean cpu = THREADS.isCurrentThreadCpuTimeSupported();
        long deadline = (cpu ? THREADS.getCurrentThreadCpuTime() : System.nanoTime()) + BUDGET.toNanos();
        int[] calls = {0};
        return (expr, value) -> {
            if (++calls[0] % CHECK_EVERY == 0
                    && (cpu ? THREADS.getCurrentThreadCpuTime() : System.nanoTime()) - deadline > 0) {
                throw new BudgetExceeded();
            }
        };
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
