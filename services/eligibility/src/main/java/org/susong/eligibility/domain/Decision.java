package org.susong.eligibility.domain;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.susong.commons.ids.District;
import org.susong.commons.money.Money;

/**
 * Everything a decision states: the evaluation of an application's facts under a pinned rule
 * version on a business date, the amount proposed and granted, the cap ledger shares it holds
 * ({@code shares}, as the ledger records them), the event that caused it, and its notice. The
 * store's document is built from it in persistence. {@code measure} is null for an unknown measure.
 * {@code businessDate} is the day it was decided (the appeal deadline counts from it); {@code judgedOn} the date the
 * application is judged on: the day it was submitted (Asia/Shanghai), never after the decision day. The measure's
 * validity, the rule, the cap year and the fiscal year ({@link #fiscalYear}) read {@code judgedOn}, so an application
 * submitted by 2026-12-31 and decided in 2027 is a 2026 award, paid from the 2026 line (issue 24 item 5).
 * {@code basis}: what it read from the platform's own projections besides the facts (the registry's contract, the
 * fund's scope), stored so that the decision can be replayed on them (issue 16 item 9); null when not recorded.
 */
public record Decision(String decisionId, String applicationId, String applicantUscc, String measureCode,
                       District district, Evaluation evaluation, Long proposedFen, String ruleVersion,
                       LocalDate businessDate, Map<String, Object> inputs, Measure measure,
                       List<? extends Map<String, Object>> shares, Integer capYear, String proposalId, String supersedes,
                       int round, String sourceEventId, String sourceHash, String actor, LocalDate judgedOn,
                       Map<String, Object> basis) {

    /** The readings of its version marked where they act (issue 16 item 7, {@link Readings}). */
    public Decision {
        evaluation = Readings.mark(measure, evaluation, proposedFen);
    }

    /** A decision that records no registry values read ({@code basis} null: a review's or an award's write). */
    public Decision(String decisionId, String applicationId, String applicantUscc, String measureCode,
                    District district, Evaluation evaluation, Long proposedFen, String ruleVersion,
                    LocalDate businessDate, Map<String, Object> inputs, Measure measure,
                    List<? extends Map<String, Object>> shares, Integer capYear, String proposalId, String supersedes,
                    int round, String sourceEventId, String sourceHash, String actor, LocalDate judgedOn) {
        this(decisionId, applicationId, applicantUscc, measureCode, district, evaluation, proposedFen, ruleVersion,
                businessDate, inputs, measure, shares, capYear, proposalId, supersedes, round, sourceEventId, sourceHash,
                actor, judgedOn, null);
    }

    /** A decision judged on the day it is made. */
    public Decision(String decisionId, String applicationId, String applicantUscc, String measureCode,
                    District district, Evaluation evaluation, Long proposedFen, String ruleVersion,
                    LocalDate businessDate, Map<String, Object> inputs, Measure measure,
                    List<? extends Map<String, Object>> shares, Integer capYear, String proposalId, String supersedes,
                    int round, String sourceEventId, String sourceHash, String actor) {
        this(decisionId, applicationId, applicantUscc, measureCode, district, evaluation, proposedFen, ruleVersion,
                businessDate, inputs, measure, shares, capYear, proposalId, supersedes, round, sourceEventId, sourceHash,
                actor, businessDate);
    }

    /** The year whose budget pays it ({@code EligibilityDecided.fiscalYear}): the year it is judged in. */
    public int fiscalYear() {
        return judgedOn.getYear();
    }

    /** The notice of a final outcome: the reasons and the appeal deadline (en/zh). */
    public record Notice(String appealDeadline, String en, String zh) {
    }

    /**
     * The measure as this decision pays it: a grant-to-investment measure whose fund-scope check failed
     * ({@link FundScope#CRITERION}) is paid as a grant (issue 16 item 5), and so is a decision of a call that grants
     * (issue 19 item 4); null for an unknown measure.
     */
    public Measure disbursed() {
        return disbursed(measure, evaluation.criteria());
    }

    /**
     * {@link #disbursed} of a decision under {@code measure} stating {@code criteria}: as a grant when the fund-scope
     * check failed, or when its call grants ({@link Call#GRANT_CRITERION}, issue 19 item 4); the decisions replay
     * computes the mode of a call's decision again with it.
     */
    public static Measure disbursed(Measure measure, List<Criterion> criteria) {
        if (measure != null && criteria.stream().anyMatch(c -> Call.GRANT_CRITERION.equals(c.name()) && c.passed())) {
            return measure.asGrant();
        }
        if (measure != null && measure.fundCode() != null && criteria.stream()
                .anyMatch(c -> FundScope.CRITERION.equals(c.name()) && !c.passed())) {
            return measure.asGrant();
        }
        return measure;
    }

    /** The last day to appeal (business date + {@code appealDays}); null while an officer reviews it. */
    public String appealDeadline(int appealDays) {
        return evaluation.outcome() == Outcome.REVIEW_REQUIRED ? null : businessDate.plusDays(appealDays).toString();
    }

    /** The notice of a final outcome (Administrative Reconsideration Law: {@code appealDays}); null under review. */
    public Notice notice(int appealDays) {
        String deadline = appealDeadline(appealDays);
        if (deadline == null) {
            return null;
        }
        Evaluation e = evaluation;
        String what = e.outcome() == Outcome.APPROVED ? "approved: " + Money.ofFen(e.amount().fen()).format() : "rejected";
        return new Notice(deadline, "Decision " + decisionId + " on application " + applicationId + " under "
                + ruleVersion + ": " + what + ". Reasons: " + e.explanationEn() + ". You may appeal through"
                + " the platform (an appeal is decided again under " + ruleVersion + ") or apply for"
                + " administrative reconsideration within " + appealDays + " days, by " + deadline
                + " (Administrative Reconsideration Law of the PRC).",
                "决定 " + decisionId + "（" + ruleVersion + "）："
                        + (e.outcome() == Outcome.APPROVED ? "予以支持 " + Money.ofFen(e.amount().fen()).format() : "不予支持")
                        + "。理由：" + e.explanationZh() + "。如不服，可在 " + deadline + " 前（" + appealDays
                        + " 日内）通过平台申诉或依法申请行政复议。");
    }
}
