package org.susong.eligibility.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.susong.commons.money.Money;

/**
 * Issue 16 item 7, assumptions visible where they act: the computation an applicant reads is in words with the
 * numbers filled in, never the rule's CEL expression, and an amount resting on a placeholder says so in both
 * languages ("amount from placeholder tiers pending the implementing rules" / 金额按暂定档次计算，待实施细则公布).
 * The source gives B1 only 分别给予20万元至500万元不等的一次性奖励 and B3b only 单家企业每年最高100万元: the tiers and
 * brackets that fill the amount in are the platform's placeholders.
 */
public class ExplanationWordsTest {

    static final LocalDate DAY = LocalDate.of(2026, 6, 15);

    /** What CEL looks like: a fact or parameter reference, a helper call, a conversion, a ternary or a list literal. */
    public static final Pattern CEL = Pattern.compile("facts\\.|\\bp\\.|muldiv\\(|minFen\\(|maxFen\\(|\\bint\\(|\\bsize\\(|"
            + "\\bhas\\(|\\?|==|!=|&&|\\|\\||\\bin \\[|\\[facts");

    /** Facts that pass each seeded measure's criteria, with the amount each gives (fen). */
    static final Map<String, Map<String, Object>> FACTS = new LinkedHashMap<>();

    static {
        FACTS.put("A4", Map.of("operatingCostsFen", 123_456_789L, "performanceGrade", "B"));
        FACTS.put("B1", Map.of("category", "HIGH_TECH_ENTERPRISE", "certificateNumber", "GR202435100123",
                "certificationYear", 2025, "certificationKind", "FIRST"));
        FACTS.put("B2", Map.of("projectNumber", "2024YFB001", "programme", "NATIONAL_KEY_RD",
                "nationalFundingFen", 100_000_000L));
        FACTS.put("B3a", Map.of("projectNumber", "XM-2024-01", "resultSource", "NATIONAL_SCIENCE_AWARD",
                "investmentInXiamenFen", 300_000_000L));
        FACTS.put("B3b", Map.of("contractRegistrationNumber", "3502002024000123", "registeredOn", "2025-03-01",
                "technicalTransactionAmountFen", 1_500_000_000L));
        FACTS.put("C1", Map.of("requestedFen", 80_000_000L, "stage", "GROWTH", "field", "digitalisation"));
    }

    @Test
    void every_seeded_money_rule_explains_its_amount_in_words_with_the_numbers_and_no_cel() {
        List<String> automated = SeedCatalogue.MEASURES.values().stream().filter(m -> m.rule().automated())
                .map(Measure::code).toList();
        assertEquals(List.copyOf(FACTS.keySet()), automated, "every seeded measure with a money rule is exercised here");
        for (String code : automated) {
            CompiledRule.Result r = SeedCatalogue.rule(code).evaluate(FACTS.get(code), DAY);
            assertTrue(r.passed(), code + " " + r.criteria());
            String en = r.computationEn();
            String zh = r.computationZh();
            assertFalse(CEL.matcher(en).find(), code + " explains its amount with CEL: " + en);
            assertFalse(CEL.matcher(zh).find(), code + " explains its amount with CEL: " + zh);
            String amount = Money.ofFen(r.amountFen()).format();
            assertTrue(en.contains(amount) && zh.contains(amount), code + " states the amount " + amount + ": " + en + " / " + zh);
            // the decision and its notice, as the applicant reads them
            Evaluation e = new Evaluation(Outcome.APPROVED, Money.ofFen(r.amountFen()), r.criteria(), en, zh);
            Decision d = new Decision("D-" + code, code, "91350200MA0000000X", code, null, e, r.amountFen(), code + "@1",
                    DAY, FACTS.get(code), SeedCatalogue.measure(code), List.of(), null, null, null, 0, "ev", "h", "system");
            for (String text : List.of(e.explanationEn(), e.explanationZh(), d.notice(60).en(), d.notice(60).zh())) {
                assertFalse(CEL.matcher(text).find(), code + " decision text holds CEL: " + text);
            }
        }
    }

    @Test
    void the_b3b_computation_reads_in_words_with_its_brackets_filled_in() {
        // 15,000,000 CNY: 3% of 10,000,000 + 2% of 5,000,000 = 400,000 CNY
        CompiledRule.Result r = SeedCatalogue.rule("B3b").evaluate(FACTS.get("B3b"), DAY);
        assertEquals(40_000_000L, r.amountFen());
        String en = r.computationEn();
        assertTrue(en.contains("3%") && en.contains("10,000,000.00 CNY") && en.contains("2%")
                && en.contains("5,000,000.00 CNY") && en.contains("15,000,000.00 CNY"), en);
        String zh = r.computationZh();
        assertTrue(zh.contains("3%") && zh.contains("2%") && zh.contains("15,000,000.00 CNY"), zh);
    }

    @Test
    void every_amount_resting_on_a_placeholder_says_so_in_both_languages() {
        for (String code : FACTS.keySet()) {
            Measure m = SeedCatalogue.measure(code);
            assertFalse(m.placeholders().isEmpty(), code + " rests on placeholders in the seed");
            CompiledRule.Result r = SeedCatalogue.rule(code).evaluate(FACTS.get(code), DAY);
            assertTrue(r.computationEn().contains("placeholder") && r.computationEn().contains("pending the implementing rules"),
                    code + " does not say its amount rests on a placeholder: " + r.computationEn());
            assertTrue(r.computationZh().contains("暂定") && r.computationZh().contains("待实施细则公布"),
                    code + " does not say its amount rests on a placeholder: " + r.computationZh());
            // under review (above the automatic-approval limit) the applicant reads the same, in both languages
            Evaluation review = new Evaluation(Outcome.REVIEW_REQUIRED, Money.ZERO, List.of(new Criterion(
                    "automaticApprovalLimit", false, "above the limit", "金额超过自动审批上限")), r.computationEn(),
                    r.computationZh());
            assertTrue(review.explanationZh().contains("待实施细则公布"), review.explanationZh());
            assertTrue(review.explanationEn().contains("pending the implementing rules"), review.explanationEn());
        }
    }

    /**
     * Issue 16 item 1: A3's 给予经费资助 / 给予奖励 / 给予经费支持 carry no amount; an officer sets it, and the decision says
     * that a person set it, who and why, in both languages, from A3's templates with the holes filled in. An amount an
     * officer set under an automated rule (B3a above the automatic-approval limit) says the same in generic words.
     */
    @Test
    void an_amount_an_officer_set_says_a_person_set_it_who_and_why_in_both_languages() {
        Map<String, Object> facts = Map.of("strand", "TRANSFER_INSTITUTION_FUNDING", "projectName", "BRICS transfer centre",
                "bricsCountry", "South Africa");
        CompiledRule a3 = SeedCatalogue.rule("A3");
        CompiledRule.Result r = a3.evaluate(facts, DAY);
        assertTrue(r.passed(), r.criteria().toString());
        assertEquals(null, r.amountFen(), "A3 computes no amount: the source gives none");
        CompiledRule.Reviewed words = a3.reviewed(facts, DAY, 120_000_000L, "xa-1 (maker), xa-2 (checker)",
                "operating budget of the centre checked");
        assertTrue(words.en().contains("set by a person") && words.en().contains("xa-1 (maker), xa-2 (checker)")
                && words.en().contains("because: operating budget of the centre checked")
                && words.en().contains("1,200,000.00 CNY") && words.en().contains("technology-transfer institution"), words.en());
        assertTrue(words.en().contains("给予经费资助") && words.en().contains("pending the implementing rules"), words.en());
        assertTrue(words.zh().contains("由审核人员 xa-1 (maker), xa-2 (checker) 人工确定") && words.zh().contains("1,200,000.00 CNY")
                && words.zh().contains("理由：operating budget") && words.zh().contains("孵化园技术转移机构经费资助")
                && words.zh().contains("待实施细则公布"), words.zh());
        assertFalse(CEL.matcher(words.en()).find() || words.en().contains("{{") || words.en().contains("(n/a)"), words.en());
        assertFalse(CEL.matcher(words.zh()).find() || words.zh().contains("{{") || words.zh().contains("(n/a)"), words.zh());

        CompiledRule.Reviewed b3a = SeedCatalogue.rule("B3a").reviewed(FACTS.get("B3a"), DAY, 2_000_000_000L, "xa-1",
                "capped per project");
        assertTrue(b3a.en().contains("set by a person") && b3a.en().contains("xa-1") && b3a.en().contains("capped per project")
                && b3a.en().contains("20,000,000.00 CNY") && b3a.en().contains("pending the implementing rules"), b3a.en());
        assertTrue(b3a.zh().contains("由审核人员 xa-1 人工确定") && b3a.zh().contains("理由：capped per project"), b3a.zh());
    }

    @Test
    void a_version_without_words_still_never_shows_its_expression_and_names_its_placeholders() {
        Measure b3b = SeedCatalogue.measure("B3b");
        Measure.Rule rule = b3b.rule();
        Measure bare = new Measure(b3b.code(), 2, b3b.titleZh(), b3b.titleEn(), b3b.status(), b3b.beneficiaryTypes(),
                b3b.validFrom(), b3b.validTo(), b3b.requiredFacts(), b3b.factsSchema(), new Measure.Rule(rule.kind(),
                rule.criteria(), rule.amount(), rule.params(), rule.rounding(), rule.minFen(), rule.maxFen()),
                b3b.sourceRule(), b3b.capFen(), b3b.capPeriod(), b3b.capGroup(), b3b.capYearBasis(), b3b.capKey(),
                b3b.claimKey(), b3b.budgetLine(), b3b.disbursementMode(), b3b.fundCode(), b3b.fallback(),
                b3b.exclusionGroup(), b3b.placeholders());
        CompiledRule.Result r = RuleEngine.compile(bare).evaluate(FACTS.get("B3b"), DAY);
        assertNotNull(r.amountFen());
        assertFalse(CEL.matcher(r.computationEn()).find(), r.computationEn());
        assertFalse(CEL.matcher(r.computationZh()).find(), r.computationZh());
        assertTrue(r.computationEn().contains("pending the implementing rules"), r.computationEn());
        assertTrue(r.computationZh().contains("待实施细则公布"), r.computationZh());
    }

    @Test
    void a_template_hole_that_does_not_compile_is_refused_naming_it() {
        Measure b3b = SeedCatalogue.measure("B3b");
        Measure.Rule rule = b3b.rule();
        Measure bad = new Measure(b3b.code(), 2, b3b.titleZh(), b3b.titleEn(), b3b.status(), b3b.beneficiaryTypes(),
                b3b.validFrom(), b3b.validTo(), b3b.requiredFacts(), b3b.factsSchema(), new Measure.Rule(rule.kind(),
                rule.criteria(), rule.amount(), rule.params(), rule.rounding(), rule.minFen(), rule.maxFen(),
                new Measure.Explain("{{fen: facts.(}}", "{{p.firstPercent}}%", null, null)),
                b3b.sourceRule(), b3b.capFen(), b3b.capPeriod(), b3b.capGroup(), b3b.capYearBasis(), b3b.capKey(),
                b3b.claimKey(), b3b.budgetLine(), b3b.disbursementMode(), b3b.fundCode(), b3b.fallback(),
                b3b.exclusionGroup(), b3b.placeholders());
        RuleEngine.RuleCompileException e = org.junit.jupiter.api.Assertions.assertThrows(
                RuleEngine.RuleCompileException.class, () -> RuleEngine.compile(bad));
        assertEquals("rule.explain.en", e.field());
    }
}
