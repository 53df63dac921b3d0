package org.susong.portal.client;

import java.math.BigDecimal;
import java.util.List;

/**
 * Eligibility's {@code CallService.RankResult} ({@code GET /calls/{callId}/ranking}): the ranking as the first round
 * decided it (each line {@code APPROVED} or {@code NOT_FUNDED}), the cut-off score (null: none funded) and the
 * envelope used; {@code round} the latest round (1 when none since) and {@code rounds} each later round: the awards
 * released before payment and what every ranked application is awarded then (issue 19 item 3).
 */
public record Ranking(String callId, String state, long envelopeFen, long usedFen, BigDecimal cutOffScore,
                      String tieBreakEn, List<Line> ranking, int round, List<Round> rounds) {

    public Ranking {
        ranking = ranking == null ? List.of() : List.copyOf(ranking);
        rounds = rounds == null ? List.of() : List.copyOf(rounds);
    }

    /** {@code CallService.RankedView}: one line of the ranking. */
    public record Line(String applicationId, int rank, BigDecimal score, long amountFen, long awardedFen,
                       String outcome, String decisionId) {
    }

    /** {@code CallService.RoundView}: a later round, its released awards and every application's award in it. */
    public record Round(int round, List<Released> withdrawn, List<Award> awards, BigDecimal cutOffScore, long usedFen,
                        String at) {

        public Round {
            withdrawn = withdrawn == null ? List.of() : List.copyOf(withdrawn);
            awards = awards == null ? List.of() : List.copyOf(awards);
        }
    }

    /**
     * {@code CallService.WithdrawnView}: an award released before payment, its decision and payments' reason
     * ({@code OBJECTION_UPHELD}, {@code WITHDRAWN}).
     */
    public record Released(String applicationId, String decisionId, String reason) {
    }

    /** {@code CallService.AwardView}: what a ranked application is awarded in a round. */
    public record Award(String applicationId, long awardedFen) {
    }
}
