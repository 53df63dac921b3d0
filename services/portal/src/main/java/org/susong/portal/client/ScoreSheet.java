package org.susong.portal.client;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Eligibility's {@code CallService.Sheet} ({@code GET /calls/{callId}/applications/{applicationId}/scores}): each
 * officer's points per scoring criterion with the weighted score, the declared conflicts of interest, and the mean
 * score once the required officers have scored (null before).
 */
public record ScoreSheet(String callId, String applicationId, String applicantUscc, String district, String state,
                         long amountFen, int requiredScorers, List<OfficerScore> scores, List<Conflict> conflicts,
                         BigDecimal score) {

    public ScoreSheet {
        scores = scores == null ? List.of() : List.copyOf(scores);
        conflicts = conflicts == null ? List.of() : List.copyOf(conflicts);
    }

    /** {@code CallService.OfficerScore}: one officer's points per criterion name, comment and weighted score. */
    public record OfficerScore(String officer, Map<String, Integer> points, String comment, BigDecimal weightedScore,
                               String scoredAt) {

        public OfficerScore {
            points = points == null ? Map.of() : Map.copyOf(points);
        }
    }

    /** {@code CallService.Conflict}: an officer excluded from scoring the application, and why. */
    public record Conflict(String officer, String reason, String declaredAt) {
    }
}
