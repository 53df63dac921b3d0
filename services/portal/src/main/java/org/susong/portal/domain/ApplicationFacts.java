package org.susong.portal.domain;

import java.time.Instant;
import java.util.List;

/**
 * What the evaluation read model knows of one application, gathered from the public events (issue 18 item 4, measure
 * D3): its submission ({@code ApplicationSubmitted}; null fields until it is read), every decision published for it
 * ({@code EligibilityDecided}), its appeals ({@code ApplicationAppealed}) and its payment orders' outcomes
 * ({@code PaymentDisbursed}, {@code PaymentConverted}, {@code PaymentReturned}).
 */
public record ApplicationFacts(String applicationId, String measure, String district, Instant submittedAt,
                               boolean automatic, List<DecisionFact> decisions, List<AppealFact> appeals,
                               List<PaymentFact> payments) {

    /** One published decision: its outcome, amount (fen), when, the criteria not met, the decision it supersedes. */
    public record DecisionFact(String decisionId, String outcome, long amountFen, Instant decidedAt,
                               List<String> failedCriteria, String supersedes, boolean proposal) {

        boolean finalOutcome() {
            return "APPROVED".equals(outcome) || "REJECTED".equals(outcome);
        }
    }

    /** An appeal of a decision, filed when. */
    public record AppealFact(String decisionId, Instant appealedAt) {
    }

    /** A payment order's outcome: {@code PAID} (disbursed), {@code CONVERTED} (into a fund), or {@code RETURNED}. */
    public record PaymentFact(String orderId, String kind, long amountFen, Instant at) {

        boolean paid() {
            return !"RETURNED".equals(kind);
        }
    }
}
