package org.susong.portal.client;

import java.util.List;
import java.util.Map;

/**
 * Eligibility's {@code DecisionView} ({@code GET /decisions/{applicationId}}, and the items of {@code GET /reviews}):
 * the outcome, the amount decided (or proposed, under review), the rule version, each criterion's result in both
 * languages, the explanation and the computation in words (which state the placeholders the amount rests on) and the
 * appeal deadline. The inputs, cap shares and notice are ignored when read; {@code appeal} is present on an appeal's
 * decision (which a review may then uphold).
 */
public record Decision(String decisionId, String applicationId, String applicantUscc, String district,
                       String measureCode, String outcome, long amountFen, Long proposedFen, String ruleVersion,
                       String businessDate, String judgedOn, List<Criterion> criteria, String explanationEn,
                       String explanationZh, String computationEn, String computationZh, String reviewState,
                       String decidedAt, String appealDeadline, Map<String, Object> appeal) {

    public Decision {
        criteria = criteria == null ? List.of() : List.copyOf(criteria);
    }

    /** {@code DecisionResource.CriterionView}: a criterion's name, whether it was met, and its words in both languages. */
    public record Criterion(String name, boolean passed, String en, String zh) {
    }

    /** Whether an officer's review decision is awaited: REVIEW_REQUIRED and not DONE. */
    public boolean awaitsReview() {
        return "REVIEW_REQUIRED".equals(outcome) && !"DONE".equals(reviewState);
    }

    /** The measure code and version of {@code ruleVersion} ({@code B3a@1}); null when it is not of that form. */
    public RuleVersion rule() {
        if (ruleVersion == null) {
            return null;
        }
        int at = ruleVersion.lastIndexOf('@');
        if (at <= 0 || at == ruleVersion.length() - 1) {
            return null;
        }
        try {
            return new RuleVersion(ruleVersion.substring(0, at), Integer.parseInt(ruleVersion.substring(at + 1)));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A decision's pinned rule: the measure's code and the published version it was made with. */
    public record RuleVersion(String code, int version) {
    }
}
