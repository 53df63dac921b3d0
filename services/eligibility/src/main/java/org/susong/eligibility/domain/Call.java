package org.susong.eligibility.domain;

import java.time.LocalDate;
import java.util.List;

/**
 * A call for proposals under a measure (issue 19, C1 competitive allocation 竞争性分配): a budget envelope, a
 * submission window, eligibility criteria in CEL (compiled with the measure version's variables, {@link CallRules})
 * and scoring criteria whose weights add up to 100. Immutable once opened ({@code version} 1); its ranking is stored
 * with it ({@link CallRanking}).
 *
 * @param envelopeFen          the most the call awards, in fen
 * @param submissionFrom       first day (Asia/Shanghai) an application may be submitted to it
 * @param submissionTo         last day; scoring starts the day after
 * @param partialAwardAllowed  whether the last application reached may get what remains of the envelope
 * @param disbursementMode     how its awards are paid, chosen when it was opened (issue 19 item 4): GRANT, or the
 *                             measure's INVESTMENT into its fund; null for a call stored before the choice existed (it
 *                             pays as its measure does, {@link #paying})
 */
public record Call(String callId, int version, String measureCode, int measureVersion, String titleEn, String titleZh,
                   long envelopeFen, LocalDate submissionFrom, LocalDate submissionTo,
                   List<Measure.CriterionSpec> eligibilityCriteria, List<ScoringCriterion> scoringCriteria,
                   boolean partialAwardAllowed, long secondScorerAboveFen, String openedBy,
                   DisbursementMode disbursementMode) {

    /**
     * The criterion on each decision of a call that grants what its measure invests (C1 拨改投): the decision is paid as
     * a grant ({@link Decision#disbursed}), also when it is re-decided on appeal, which copies its criteria.
     */
    public static final String GRANT_CRITERION = "callGrant";

    /** The published tie-break, in words (also in {@code CallOpened.v1}). */
    public static final String TIE_BREAK_EN = "higher weighted score first; on equal scores the earlier submission, then "
            + "the lower application id";
    public static final String TIE_BREAK_ZH = "加权得分高者在前；得分相同的，提交时间早者在前，再按申请编号从小到大";

    public Call {
        eligibilityCriteria = List.copyOf(eligibilityCriteria);
        scoringCriteria = List.copyOf(scoringCriteria);
    }

    /**
     * The measure as this call pays its awards: as a grant when the call grants ({@link #grants}), otherwise as the
     * measure does (C1: investment into its fund, the fund's scope checked, a grant outside it).
     */
    public Measure paying(Measure measure) {
        return grants(measure) ? measure.asGrant() : measure;
    }

    /** Whether the call grants what its measure would pay otherwise (an investment into a fund). */
    public boolean grants(Measure measure) {
        return disbursementMode == DisbursementMode.GRANT
                && (measure.disbursement() != DisbursementMode.GRANT || measure.fundCode() != null);
    }

    /** The mode its awards are decided with: the one chosen, or (a call stored before the choice) the measure's. */
    public String disbursementMode(Measure measure) {
        return disbursementMode != null ? disbursementMode.stored() : measure.disbursementMode();
    }

    /** The passed criterion {@link #GRANT_CRITERION} of an application to a call that {@link #grants}. */
    public Criterion grantCriterion(Measure measure) {
        return new Criterion(GRANT_CRITERION, true, "call " + callId + " awards grants (its disbursement mode, chosen when "
                + "it was opened): not an investment into fund " + measure.fundCode() + ", whose scope is not checked",
                "征集 " + callId + " 以资助方式支持（开放征集时确定），不采用“拨改投”方式，不核对基金 " + measure.fundCode()
                        + " 的投资范围");
    }

    /**
     * The passed {@link #GRANT_CRITERION} among a decision's criteria: a decision taken from a GRANT call's decision (an
     * appeal queued for the officer) carries it, so that it is a grant too.
     */
    public static java.util.Optional<Criterion> grantAmong(java.util.List<Criterion> criteria) {
        return criteria.stream().filter(c -> GRANT_CRITERION.equals(c.name()) && c.passed()).findFirst();
    }

    /** One scoring criterion: each officer gives 0-100 points; its weight (percent) counts in the weighted score. */
    public record ScoringCriterion(String name, int weight, String en, String zh) {
    }

    /**
     * Where the call stands on {@code today}: taking applications, being scored (window closed), ranked; REFUSED when
     * payments could not reserve its envelope on the measure's budget line (it takes nothing and is never ranked);
     * CANCELLED when an administrator cancelled it before its ranking (its applications are not funded).
     */
    public enum Phase {
        NOT_YET_OPEN, SUBMISSION, SCORING, RANKED, REFUSED, CANCELLED
    }

    public Phase phase(LocalDate today, boolean ranked) {
        if (ranked) {
            return Phase.RANKED;
        }
        if (today.isBefore(submissionFrom)) {
            return Phase.NOT_YET_OPEN;
        }
        return today.isAfter(submissionTo) ? Phase.SCORING : Phase.SUBMISSION;
    }

    public boolean takes(LocalDate judgedOn) {
        return !judgedOn.isBefore(submissionFrom) && !judgedOn.isAfter(submissionTo);
    }

    /** How many different officers must score an application asking for {@code amountFen}. */
    public int scorersFor(long amountFen) {
        return amountFen > secondScorerAboveFen ? 2 : 1;
    }

    /** An officer's weighted sum over the criteria: sum of points x weight (0-10,000; / 100 gives 0-100 points). */
    public long weighted(java.util.Map<String, Integer> points) {
        long sum = 0;
        for (ScoringCriterion c : scoringCriteria) {
            sum += (long) points.get(c.name()) * c.weight();
        }
        return sum;
    }
}
