package org.susong.eligibility.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.susong.commons.money.Money;

/**
 * Issue 16 item 7, readings visible where they act. The source says 《若干措施》……提出16条措施,有效期3年 and gives the
 * money for 2024-2026年; that the three years are 2024-01-01..2026-12-31 (not from the day of issue) is the platform's
 * reading. For B3a it says 纳入市科技计划重大项目体系的给予最高2000万元资金支持; that the ceiling is per project is a
 * reading too. A decision whose outcome rests on one - a rejection outside the window, an award a per-project cap
 * reduced, a criterion whose condition is a reading - says so in both languages, quoting the phrase it reads.
 */
public class ReadingsTest {

    static final LocalDate DAY = LocalDate.of(2026, 6, 15);
    static final String READING_EN = "a reading of the source pending the implementing rules";
    static final String READING_ZH = "系对原文的理解，待实施细则明确";

    @Test
    void every_measure_marks_its_validity_dates_as_a_reading_of_the_three_years_and_quotes_the_source() throws IOException {
        String policy = Files.readString(PolicyTraceabilityTest.POLICY);
        for (Measure m : SeedCatalogue.MEASURES.values()) {
            List<Measure.Reading> validity = m.readingsOf("validFrom");
            assertEquals(1, validity.size(), m.code() + " marks validFrom as a reading: " + m.readings());
            assertEquals(validity, m.readingsOf("validTo"), m.code());
            assertEquals(validity, m.readingsOf("validity"), m.code() + ": the decision's validity criterion applies it");
            assertEquals("有效期3年", validity.get(0).sourceZh());
            assertTrue(validity.get(0).en().contains("2024") && validity.get(0).en().contains("2026"), m.code());
            assertTrue(validity.get(0).zh().contains("2024年1月1日至2026年12月31日"), m.code());
            for (Measure.Reading r : m.readings()) {
                // the phrase is the source's own, quoted in docs/policy.md (which quotes the source)
                assertTrue(policy.contains(r.sourceZh()), m.code() + "'s reading " + r.name() + " quotes '"
                        + r.sourceZh() + "', which docs/policy.md does not quote");
                assertFalse(r.en().isBlank() || r.zh().isBlank(), m.code() + " " + r.name());
            }
        }
        Measure b3a = SeedCatalogue.measure("B3a");
        List<Measure.Reading> perProject = b3a.readingsOf("projectCap");
        assertEquals(1, perProject.size(), b3a.readings().toString());
        assertTrue(perProject.get(0).sourceZh().contains("最高2000万元"), perProject.toString());
        assertEquals(perProject, b3a.readingsOf("capPeriod"));
        assertEquals(perProject, b3a.readingsOf("capFen"));
        assertEquals(1, SeedCatalogue.measure("B1").readingsOf("certificationYear").size());
        assertEquals(1, SeedCatalogue.measure("B3b").readingsOf("registeredInPeriod").size());
    }

    @Test
    void a_rejection_outside_the_validity_window_says_in_both_languages_that_the_window_is_a_reading() {
        Measure b1 = SeedCatalogue.measure("B1");
        LocalDate after = LocalDate.of(2027, 1, 1);
        assertFalse(b1.validOn(after));
        Criterion validity = new Criterion("validity", false, "measure B1 runs from 2024-01-01 to 2026-12-31, not on "
                + after, "B1 措施有效期为 2024-01-01 至 2026-12-31");
        Decision d = decision(b1, Evaluation.rejected(List.of(validity)), null, after);
        String en = d.evaluation().explanationEn();
        String zh = d.evaluation().explanationZh();
        assertTrue(en.contains("not on 2027-01-01") && en.contains(READING_EN) && en.contains("有效期3年")
                && en.contains("1 January 2024 to 31 December 2026"), en);
        assertTrue(zh.contains(READING_ZH) && zh.contains("有效期3年") && zh.contains("2024年1月1日至2026年12月31日"), zh);
        Decision.Notice notice = d.notice(60);
        assertTrue(notice.en().contains(READING_EN) && notice.zh().contains(READING_ZH), notice.toString());
    }

    @Test
    void a_criterion_whose_condition_is_a_reading_names_it_when_it_rejects() {
        // B1: 首次或重新认定通过的国家级高新技术企业 - a certification of 2023 is before the measures' years
        Measure b1 = SeedCatalogue.measure("B1");
        CompiledRule.Result r = RuleEngine.compile(b1).evaluate(Map.of("category", "HIGH_TECH_ENTERPRISE",
                "certificateNumber", "GR202335100001", "certificationYear", 2023, "certificationKind", "FIRST"), DAY);
        assertFalse(r.passed());
        Decision d = decision(b1, Evaluation.rejected(r.criteria()), null, DAY);
        assertTrue(d.evaluation().explanationEn().contains(READING_EN)
                && d.evaluation().explanationEn().contains("首次或重新认定通过的国家级高新技术企业"), d.evaluation().explanationEn());
        assertTrue(d.evaluation().explanationZh().contains(READING_ZH), d.evaluation().explanationZh());
        // B3b: 经认定登记的技术合同 - registered before 2024
        Measure b3b = SeedCatalogue.measure("B3b");
        CompiledRule.Result early = RuleEngine.compile(b3b).evaluate(Map.of("contractRegistrationNumber",
                "3502002023000123", "registeredOn", "2023-12-31", "technicalTransactionAmountFen", 1_500_000_000L), DAY);
        assertFalse(early.passed());
        Decision rejected = decision(b3b, Evaluation.rejected(early.criteria()), null, DAY);
        assertTrue(rejected.evaluation().explanationEn().contains(READING_EN)
                && rejected.evaluation().explanationEn().contains("经认定登记的技术合同"), rejected.evaluation().explanationEn());
        assertTrue(rejected.evaluation().explanationZh().contains(READING_ZH), rejected.evaluation().explanationZh());
    }

    @Test
    void a_b3a_award_the_per_project_cap_reduced_says_the_cap_is_a_reading_of_the_2000_wan_ceiling() {
        Measure b3a = SeedCatalogue.measure("B3a");
        CompiledRule.Result r = RuleEngine.compile(b3a).evaluate(Map.of("projectNumber", "XM-2024-01", "projectName", "x",
                "resultSource", "NATIONAL_SCIENCE_AWARD", "investmentInXiamenFen", 1_000_000_000L), DAY);
        assertTrue(r.passed(), r.criteria().toString());
        long computed = r.amountFen(); // 10% of 10,000,000 CNY = 1,000,000 CNY
        List<Criterion> criteria = new ArrayList<>(r.criteria());
        criteria.add(new Criterion("projectCap", true, "project XM202401: cap 20,000,000.00 CNY per project: only "
                + Money.ofFen(40_000_000L) + " remained, so " + Money.ofFen(40_000_000L) + " is granted instead of "
                + Money.ofFen(computed) + " (" + Readings.PARTIAL + ")", "项目上限仅剩 400,000.00 CNY，按剩余额度部分支持"));
        Evaluation partial = new Evaluation(Outcome.APPROVED, Money.ofFen(40_000_000L), criteria,
                r.computationEn() + "; limited to 400,000.00 CNY by projectCap (see criteria)",
                r.computationZh() + "；受上限或互斥规则限制，支持 400,000.00 CNY");
        Decision d = decision(b3a, partial, computed, DAY);
        String en = d.evaluation().explanationEn();
        String zh = d.evaluation().explanationZh();
        assertTrue(en.contains("the cap applied is " + READING_EN) && en.contains("per project")
                && en.contains("最高2000万元"), en);
        assertTrue(zh.contains("所适用的上限") && zh.contains(READING_ZH) && zh.contains("最高2000万元"), zh);
        Criterion cap = d.evaluation().criteria().stream().filter(c -> c.name().equals("projectCap")).findFirst().orElseThrow();
        assertTrue(cap.en().contains(READING_EN) && cap.zh().contains(READING_ZH), cap.toString());
        assertTrue(d.notice(60).en().contains("最高2000万元"), d.notice(60).en());

        // granted in full: the criterion still says its cap is a reading, the computation adds no reduction statement
        List<Criterion> full = new ArrayList<>(r.criteria());
        full.add(new Criterion("projectCap", true, "project XM202401: cap 20,000,000.00 CNY per project: "
                + "20,000,000.00 CNY remained, 1,000,000.00 CNY granted in full", "项目上限剩余 20,000,000.00 CNY，全额支持"));
        Decision award = decision(b3a, new Evaluation(Outcome.APPROVED, Money.ofFen(computed), full, r.computationEn(),
                r.computationZh()), computed, DAY);
        assertEquals(r.computationEn(), award.evaluation().explanationEn());
        assertTrue(award.evaluation().criteria().get(award.evaluation().criteria().size() - 1).en().contains("最高2000万元"));
    }

    /**
     * 对企业承担国家重点研发计划 (B2) and 单家企业每年最高100万元奖励 (B3b) say enterprise; that an enterprise is a code of
     * category 91 is a reading. B1's 一次性奖励 read as once per certificate is one too.
     */
    @Test
    void a_rejection_on_the_enterprise_reading_or_once_per_certificate_says_it_is_a_reading() {
        for (String code : List.of("B1", "B2", "B3b")) {
            Measure m = SeedCatalogue.measure(code);
            Criterion type = BeneficiaryKinds.criterion(m, "92350200MA00000001").orElseThrow();
            assertFalse(type.passed());
            Decision d = decision(m, Evaluation.rejected(List.of(type)), null, DAY);
            String en = d.evaluation().explanationEn();
            assertTrue(en.contains(READING_EN) && en.contains("begins with 91")
                    && en.contains(m.readingsOf("beneficiaryType").get(0).sourceZh()), code + ": " + en);
            assertTrue(d.evaluation().explanationZh().contains(READING_ZH), d.evaluation().explanationZh());
        }
        Measure b1 = SeedCatalogue.measure("B1");
        Criterion taken = new Criterion("oncePerCertificate", false, "certificate HIGH_TECH_ENTERPRISE:GR1 was already"
                + " rewarded by D-APP-0", "该证书已获奖励（D-APP-0）");
        Decision d = decision(b1, Evaluation.rejected(List.of(taken)), null, DAY);
        assertTrue(d.evaluation().explanationEn().contains("once per certificate")
                && d.evaluation().explanationEn().contains("一次性奖励"), d.evaluation().explanationEn());
    }

    @Test
    void marking_is_idempotent_and_a_version_without_readings_states_none() {
        Measure b1 = SeedCatalogue.measure("B1");
        Criterion validity = new Criterion("validity", false, "measure B1 runs from 2024-01-01 to 2026-12-31, not on"
                + " 2027-01-01", "B1 措施有效期为 2024-01-01 至 2026-12-31");
        Decision once = decision(b1, Evaluation.rejected(List.of(validity)), null, DAY);
        // a decision rebuilt from a stored one (a review, an appeal, an award's proposal) is not marked twice
        Decision again = decision(b1, once.evaluation(), null, DAY);
        assertSame(once.evaluation(), again.evaluation());
        Measure old = new Measure(b1.code(), b1.version(), b1.titleZh(), b1.titleEn(), b1.status(), b1.beneficiaryTypes(),
                b1.validFrom(), b1.validTo(), b1.requiredFacts(), b1.factsSchema(), b1.rule(), b1.sourceRule(),
                b1.capFen(), b1.capPeriod(), b1.capGroup(), b1.capYearBasis(), b1.capKey(), b1.claimKey(),
                b1.budgetLine(), b1.disbursementMode(), b1.fundCode(), b1.fallback(), b1.exclusionGroup(),
                b1.placeholders());
        Evaluation plain = Evaluation.rejected(List.of(validity));
        assertSame(plain, decision(old, plain, null, DAY).evaluation(), "a version stored before readings states none");
    }

    static Decision decision(Measure m, Evaluation e, Long proposedFen, LocalDate judgedOn) {
        return new Decision("D-APP-1", "APP-1", "91350200MA00000001", m.code(), null, e, proposedFen, m.ruleVersion(),
                DAY, Map.of(), m, List.of(), null, null, null, 0, "event-1", "hash-1", "system", judgedOn);
    }

    /** An automatic award's proposal states the readings its conditions rest on, once each, after its own words. */
    @Test
    void a_proposal_states_each_reading_its_conditions_rest_on_once() {
        Measure b3b = SeedCatalogue.measure("B3b");
        Measure.Reading period = b3b.readingsOf("registeredInPeriod").get(0);
        List<Criterion> criteria = List.of(new Criterion("registeredInPeriod", true, "registered 2026-03-01", "登记于2026-03-01"),
                new Criterion("registeredInPeriod", true, "again", "再次"), new Criterion("amount", true, "x", "x"));
        Readings.Words words = Readings.proposal(b3b, criteria, "10% of 5,000,000.00 CNY", "按500万元的10%");
        assertEquals("10% of 5,000,000.00 CNY; " + Readings.en(period), words.en());
        assertEquals("按500万元的10%；" + Readings.zh(period), words.zh());
        assertTrue(words.en().contains(READING_EN) && words.zh().contains(READING_ZH), words.toString());
        // no governed criterion, or a version without readings: the words unchanged
        Readings.Words none = Readings.proposal(b3b, List.of(new Criterion("amount", true, "x", "x")), "en", "zh");
        assertEquals(new Readings.Words("en", "zh"), none);
        assertEquals(new Readings.Words("en", "zh"), Readings.proposal(null, criteria, "en", "zh"));
    }
}
