package org.susong.eligibility.domain;

import com.google.common.collect.ImmutableList;
import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOptions;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.CelType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;
import dev.cel.runtime.CelRuntime;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compiles a measure version's CEL expressions once (criteria, amount formula, cap key) into
 * {@link CompiledRule}s. The environment: {@code facts} (map of the application's facts),
 * {@code p} (the rule's parameters), {@code businessYear} (int) and {@code businessDate}
 * ("yyyy-MM-dd"), {@code review} (only in the explanation of an amount an officer set, {@link CompiledRule#reviewed}:
 * {@code amountFen}, {@code by}, {@code reason}), plus integer-fen helpers {@code muldiv(a, n, d)} (exact, half up to the fen),
 * {@code minFen(a, b)} and {@code maxFen(a, b)}. Amounts are CEL {@code int} (64-bit; overflow is an
 * error, never a wrap). A comprehension runs at most {@link #MAX_ITERATIONS} times and one evaluation of a
 * rule has a time budget ({@link CompiledRule#BUDGET}): either exceeded fails the criterion, it never hangs.
 */
public final class RuleEngine {

    /** A measure's expression does not compile; {@code field} names it (e.g. {@code rule.criteria[1].expr}). */
    public static final class RuleCompileException extends RuntimeException {
        private final String field;

        public RuleCompileException(String field, String message) {
            super(field + ": " + message);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    /** Most iterations one comprehension ({@code all}, {@code exists}, {@code map}, ...) may run. */
    public static final int MAX_ITERATIONS = 1_000;
    /** Longest expression a measure version may carry, in code points. */
    public static final int MAX_EXPRESSION_LENGTH = 4_000;

    private static final CelType FACTS = MapType.create(SimpleType.STRING, SimpleType.DYN);
    private static final Cel CEL = CelFactory.standardCelBuilder()
            .setOptions(CelOptions.current().errorOnIntWrap(true).comprehensionMaxIterations(MAX_ITERATIONS)
                    .maxExpressionCodePointSize(MAX_EXPRESSION_LENGTH).build())
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addVar("facts", FACTS)
            .addVar("p", FACTS)
            .addVar("businessYear", SimpleType.INT)
            .addVar("businessDate", SimpleType.STRING)
            .addVar("review", FACTS)
            .addFunctionDeclarations(
                    CelFunctionDecl.newFunctionDeclaration("muldiv", CelOverloadDecl.newGlobalOverload("muldiv_int_int_int",
                            SimpleType.INT, SimpleType.INT, SimpleType.INT, SimpleType.INT)),
                    CelFunctionDecl.newFunctionDeclaration("minFen", CelOverloadDecl.newGlobalOverload("minFen_int_int",
                            SimpleType.INT, SimpleType.INT, SimpleType.INT)),
                    CelFunctionDecl.newFunctionDeclaration("maxFen", CelOverloadDecl.newGlobalOverload("maxFen_int_int",
                            SimpleType.INT, SimpleType.INT, SimpleType.INT)))
            .addFunctionBindings(
                    CelFunctionBinding.from("muldiv_int_int_int", ImmutableList.of(Long.class, Long.class, Long.class),
                            args -> Rounding.muldiv((Long) args[0], (Long) args[1], (Long) args[2])),
                    CelFunctionBinding.from("minFen_int_int", Long.class, Long.class, Math::min),
                    CelFunctionBinding.from("maxFen_int_int", Long.class, Long.class, Math::max))
            .build();

    private RuleEngine() {
    }

    /** Compiles every expression of the measure version; throws {@link RuleCompileException} naming the first bad one. */
    public static CompiledRule compile(Measure measure) {
        Measure.Rule rule = measure.rule();
        try {
            Rounding.valueOf(rule.rounding());
        } catch (IllegalArgumentException e) {
            throw new RuleCompileException("rule.rounding", "unknown rounding rule '" + rule.rounding() + "'");
        }
        List<CelRuntime.Program> criteria = new ArrayList<>();
        for (int i = 0; i < rule.criteria().size(); i++) {
            criteria.add(program("rule.criteria[" + i + "].expr", rule.criteria().get(i).expr(), SimpleType.BOOL));
        }
        CelRuntime.Program amount = rule.amount() == null || rule.amount().isBlank() ? null
                : program("rule.amount", rule.amount(), SimpleType.INT);
        CelRuntime.Program capKey = measure.capKey() == null || measure.capKey().isBlank() ? null
                : program("capKey", measure.capKey(), SimpleType.STRING);
        CelRuntime.Program claimKey = measure.claimKey() == null || measure.claimKey().isBlank() ? null
                : program("claimKey", measure.claimKey(), SimpleType.STRING);
        if (rule.automated() && amount == null) {
            throw new RuleCompileException("rule.amount", "an automated (CEL) rule needs an amount formula");
        }
        Measure.Explain explain = rule.explain();
        CompiledRule.Words en = explain == null ? null : words("rule.explain.en", explain.en());
        CompiledRule.Words zh = explain == null ? null : words("rule.explain.zh", explain.zh());
        return new CompiledRule(measure, criteria, amount, capKey, claimKey, normalise(rule.params()), en, zh);
    }

    /** A hole of an explanation template: {@code {{expr}}} or {@code {{fen: expr}}}. */
    private static final Pattern HOLE = Pattern.compile("\\{\\{\\s*(fen:)?(.+?)\\}\\}");

    /** Compiles an explanation template's holes ({@link Measure.Explain}); null for no template. */
    private static CompiledRule.Words words(String field, String template) {
        if (template == null || template.isBlank()) {
            return null;
        }
        List<Object> parts = new ArrayList<>();
        Matcher m = HOLE.matcher(template);
        int at = 0;
        while (m.find()) {
            parts.add(template.substring(at, m.start()));
            CelValidationResult result = CEL.compile(m.group(2).strip());
            if (result.hasError()) {
                throw new RuleCompileException(field, "{{" + m.group(2) + "}}: " + result.getErrorString());
            }
            try {
                parts.add(new CompiledRule.Hole(CEL.createProgram(result.getAst()), m.group(1) != null));
            } catch (dev.cel.common.CelValidationException | CelEvaluationException e) {
                throw new RuleCompileException(field, e.getMessage());
            }
            at = m.end();
        }
        parts.add(template.substring(at));
        if (parts.stream().anyMatch(p -> p instanceof String text && (text.contains("{{") || text.contains("}}")))) {
            throw new RuleCompileException(field, "an unclosed {{ hole");
        }
        return new CompiledRule.Words(parts);
    }

    private static CelRuntime.Program program(String field, String expression, CelType expected) {
        if (expression == null || expression.isBlank()) {
            throw new RuleCompileException(field, "the expression is empty");
        }
        CelValidationResult result = CEL.compile(expression);
        if (result.hasError()) {
            throw new RuleCompileException(field, result.getErrorString());
        }
        try {
            CelAbstractSyntaxTree ast = result.getAst();
            if (!ast.getResultType().equals(expected) && !ast.getResultType().equals(SimpleType.DYN)) {
                throw new RuleCompileException(field, "gives " + ast.getResultType().name() + ", needs " + expected.name());
            }
            return CEL.createProgram(ast);
        } catch (dev.cel.common.CelValidationException | CelEvaluationException e) {
            throw new RuleCompileException(field, e.getMessage());
        }
    }

    /** JSON numbers arrive as Integer / BigDecimal; CEL knows int (Long), double, string, bool, list, map. */
    @SuppressWarnings("unchecked")
    public static Object normaliseValue(Object value) {
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof BigInteger big) {
            return big.longValueExact();
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.stripTrailingZeros().scale() <= 0 ? decimal.longValueExact() : decimal.doubleValue();
        }
        if (value instanceof Float f) {
            return f.doubleValue();
        }
        if (value instanceof Map<?, ?> map) {
            return normalise((Map<String, Object>) map);
        }
        if (value instanceof List<?> list) {
            return list.stream().map(RuleEngine::normaliseValue).toList();
        }
        return value;
    }

    public static Map<String, Object> normalise(Map<String, Object> map) {
        Map<String, Object> result = new LinkedHashMap<>();
        map.forEach((k, v) -> {
            if (v != null) {
                result.put(k, normaliseValue(v));
            }
        });
        return result;
    }
}
