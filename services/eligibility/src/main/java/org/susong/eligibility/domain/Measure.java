package org.susong.eligibility.domain;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.susong.commons.states.StoredText;

/**
 * One version of a measure of the catalogue (docs/policy.md). Decisions pin the version they used
 * ({@link #ruleVersion()}), so publishing a new version never changes a decision already made.
 *
 * @param factsSchema      JSON Schema (2020-12) object the application's facts must satisfy
 * @param rule             criteria and amount formula in CEL, or none (informational measures)
 * @param sourceRule       the money rule as the source states it, in words
 * @param capFen           the most one beneficiary may receive per {@code capPeriod} (null: no cap)
 * @param capPeriod        {@code YEAR} (per beneficiary and cap year), {@code PROJECT} (per project),
 *                         {@code CERTIFICATE} (one award per certificate) or null
 * @param capGroup         the ledger group the cap counts in (measures sharing a group share the cap)
 * @param capYearBasis     which date decides a cap's year: {@code BUSINESS_DATE} or the name of a date fact
 * @param capKey           CEL expression naming the project or certificate for PROJECT / CERTIFICATE caps
 * @param claimKey         CEL expression naming what may be rewarded only once under the measure, whoever
 *                         asks (B3b: the registered contract), or null
 * @param disbursementMode {@code GRANT}, {@code INVESTMENT} (into {@code fundCode}) or {@code EITHER}
 * @param fallback         what payments does when a conversion is rejected: {@code GRANT} or {@code HOLD}
 * @param exclusionGroup   measures in one group do not stack (placeholder policy: the higher award applies)
 * @param placeholders     values the source does not give and the catalogue fills in, each named
 * @param readings         the source's words this version interprets (issue 16 item 7): the validity window, B3a's
 *                         ceiling per project, ...; each names the fields and criteria it governs, so a decision
 *                         resting on one says so ({@link Reading})
 */
public record Measure(String code, int version, String titleZh, String titleEn, MeasureStatus status,
                      List<String> beneficiaryTypes, LocalDate validFrom, LocalDate validTo, List<String> requiredFacts,
                      Map<String, Object> factsSchema, Rule rule, String sourceRule, Long capFen, String capPeriod,
                      String capGroup, String capYearBasis, String capKey, String claimKey, String budgetLine,
                      String disbursementMode,
                      String fundCode, String fallback, String exclusionGroup, List<String> placeholders,
                      List<Reading> readings) {

    public static final String BUSINESS_DATE = "BUSINESS_DATE";

    public Measure {
        beneficiaryTypes = List.copyOf(beneficiaryTypes);
        requiredFacts = List.copyOf(requiredFacts);
        placeholders = List.copyOf(placeholders);
        // a version stored before readings existed has none (versions are immutable: it states none)
        readings = readings == null ? List.of() : List.copyOf(readings);
        factsSchema = factsSchema == null ? Map.of() : factsSchema;
        rule = rule == null ? Rule.NONE : rule;
    }

    /** A version without readings. */
    public Measure(String code, int version, String titleZh, String titleEn, MeasureStatus status,
                   List<String> beneficiaryTypes, LocalDate validFrom, LocalDate validTo, List<String> requiredFacts,
                   Map<String, Object> factsSchema, Rule rule, String sourceRule, Long capFen, String capPeriod,
                   String capGroup, String capYearBasis, String capKey, String claimKey, String budgetLine,
                   String disbursementMode, String fundCode, String fallback, String exclusionGroup,
                   List<String> placeholders) {
        this(code, version, titleZh, titleEn, status, beneficiaryTypes, validFrom, validTo, requiredFacts, factsSchema,
                rule, sourceRule, capFen, capPeriod, capGroup, capYearBasis, capKey, claimKey, budgetLine,
                disbursementMode, fundCode, fallback, exclusionGroup, placeholders, List.of());
    }

    public String ruleVersion() {
        return code + "@" + version;
    }

    public boolean validOn(LocalDate date) {
        return !date.isBefore(validFrom) && !date.isAfter(validTo);
    }

    /** This version paid as a grant: no fund, no fallback (a grant-to-investment award outside the fund's scope). */
    public Measure asGrant() {
        return new Measure(code, version, titleZh, titleEn, status, beneficiaryTypes, validFrom, validTo, requiredFacts,
                factsSchema, rule, sourceRule, capFen, capPeriod, capGroup, capYearBasis, capKey, claimKey, budgetLine,
                "GRANT", null, null, exclusionGroup, placeholders, readings);
    }

    public Measure withVersion(int newVersion) {
        return new Measure(code, newVersion, titleZh, titleEn, status, beneficiaryTypes, validFrom, validTo, requiredFacts,
                factsSchema, rule, sourceRule, capFen, capPeriod, capGroup, capYearBasis, capKey, claimKey, budgetLine,
                disbursementMode, fundCode, fallback, exclusionGroup, placeholders, readings);
    }

    /** The readings of this version that govern {@code name} (a field such as {@code validFrom}, or a criterion). */
    public List<Reading> readingsOf(String name) {
        return readings.stream().filter(r -> r.governs().contains(name)).toList();
    }

    /** The period of {@code capPeriod}; empty for none or a text no period is stored as (a definition's 400). */
    public Optional<CapPeriod> knownCapPeriod() {
        return StoredText.find(CapPeriod.class, capPeriod);
    }

    /** The period of {@code capPeriod}; null for none or a text no period is stored as. */
    public CapPeriod period() {
        return knownCapPeriod().orElse(null);
    }

    /** The mode of {@code disbursementMode}; null for none or a text no mode is stored as. */
    public DisbursementMode disbursement() {
        return StoredText.find(DisbursementMode.class, disbursementMode).orElse(null);
    }

    /**
     * The measure's rule in CEL. {@code kind}: {@code NONE} (no money rule: informational),
     * {@code CEL} (criteria and amount automated), {@code MANUAL_REVIEW} (criteria automated, the
     * amount set by an officer).
     *
     * @param criteria  boolean CEL expressions over {@code facts}, {@code p} (params), {@code businessYear}
     * @param amount    CEL expression giving the amount in integer fen
     * @param params    the rule's parameters (tiers, percentages, brackets), visible to CEL as {@code p}
     * @param rounding  the versioned rounding rule applied to the amount ({@link Rounding})
     * @param minFen    lower bound the source gives (null: none); an amount outside the bounds is an error
     * @param maxFen    upper bound the source gives for one award (null: none)
     * @param explain   the amount in words (en/zh) for the applicant, and what in it is a placeholder (null: a
     *                  generic wording, never the expression)
     */
    public record Rule(String kind, List<CriterionSpec> criteria, String amount, Map<String, Object> params,
                       String rounding, Long minFen, Long maxFen, Explain explain) {

        public static final Rule NONE = new Rule("NONE", List.of(), null, Map.of(), Rounding.HALF_UP_FEN_V1.name(), null, null);

        public Rule {
            criteria = List.copyOf(criteria);
            params = params == null ? Map.of() : params;
            rounding = rounding == null ? Rounding.HALF_UP_FEN_V1.name() : rounding;
        }

        /** A rule without words for its amount (the generic wording applies). */
        public Rule(String kind, List<CriterionSpec> criteria, String amount, Map<String, Object> params,
                    String rounding, Long minFen, Long maxFen) {
            this(kind, criteria, amount, params, rounding, minFen, maxFen, null);
        }

        public boolean automated() {
            return ruleKind() == RuleKind.CEL;
        }

        /** The kind of {@code kind}; empty for a text no kind is stored as (a definition's 400). */
        public Optional<RuleKind> knownKind() {
            return StoredText.find(RuleKind.class, kind);
        }

        /** The kind of {@code kind}; null for a text no kind is stored as. */
        public RuleKind ruleKind() {
            return knownKind().orElse(null);
        }
    }

    /**
     * How the amount reads for the applicant (issue 16 item 7): {@code en} / {@code zh} templates in words whose holes
     * {@code {{expr}}} (a value) and {@code {{fen: expr}}} (an amount in fen, written as money) are CEL over the rule's
     * variables, filled in with the application's numbers; the applicant never reads the expression itself.
     * {@code placeholderEn} / {@code placeholderZh}: what of the amount or its conditions is a placeholder pending the
     * implementing rules (null: the measure's {@code placeholders} are named instead).
     */
    public record Explain(String en, String zh, String placeholderEn, String placeholderZh) {
    }

    /**
     * A reading (issue 16 item 7): the platform's interpretation of words of the source that the implementing rules
     * have not settled, as distinct from a placeholder (a value the source does not give). {@code sourceZh} quotes the
     * source's phrase it interprets; {@code en} / {@code zh} say how it is read; {@code governs} names the measure's
     * fields ({@code validFrom}, {@code capPeriod}, ...) and the criteria ({@code validity}, {@code projectCap}, ...)
     * that apply it. A decision's criterion named here says that its condition is a reading, and a rejection or a cap
     * reduction on it says so in its explanation (both languages; {@link Readings}).
     */
    public record Reading(String name, List<String> governs, String sourceZh, String en, String zh) {
        public Reading {
            governs = governs == null ? List.of() : List.copyOf(governs);
        }
    }

    /** One criterion: a CEL expression and what it means in English and Chinese. */
    public record CriterionSpec(String name, String expr, String en, String zh) {
    }
}
