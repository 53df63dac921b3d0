package org.susong.portal.client;

import java.util.List;

/**
 * Eligibility's {@code CallService.CallView} ({@code GET /calls/{callId}}, the items of {@code GET /calls}): a call of
 * a competitive measure (C1) as published, with its state ({@code OPEN}, {@code RANKING}, {@code AWARDED},
 * {@code REFUSED}, {@code CANCELLED}), its phase by the business date ({@code NOT_YET_OPEN}, {@code SUBMISSION},
 * {@code SCORING}, {@code RANKED}, {@code REFUSED}, {@code CANCELLED}) and how many applications it has.
 */
public record Call(String callId, int version, String measureCode, String ruleVersion, String titleEn,
                   String titleZh, long envelopeFen, String submissionFrom, String submissionTo,
                   List<EligibilityCriterion> eligibilityCriteria, List<ScoringCriterion> scoringCriteria,
                   boolean partialAwardAllowed, long secondScorerAboveFen, String tieBreakEn, String tieBreakZh,
                   String state, String phase, int applications, String disbursementMode) {

    public Call {
        eligibilityCriteria = eligibilityCriteria == null ? List.of() : List.copyOf(eligibilityCriteria);
        scoringCriteria = scoringCriteria == null ? List.of() : List.copyOf(scoringCriteria);
    }

    /** {@code Measure.CriterionSpec}: an eligibility criterion, its expression and its words in both languages. */
    public record EligibilityCriterion(String name, String expr, String en, String zh) {
    }

    /** {@code Call.ScoringCriterion}: a criterion officers score (0 to 100 points), its weight and words. */
    public record ScoringCriterion(String name, int weight, String en, String zh) {
    }
}
