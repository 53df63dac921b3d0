package org.susong.portal.rest;

import io.quarkus.qute.TemplateExtension;
import java.math.BigDecimal;
import org.susong.portal.client.CallEntry;
import org.susong.portal.client.Ranking;
import org.susong.portal.client.ScoreSheet;

/**
 * How the call pages show a call's amounts, scores and times: yuan with two decimals ({@link Formats#yuan(long)}),
 * scores as the service wrote them (points, two decimals), times in Xiamen's zone; empty for what is not there yet.
 */
public final class CallFormats {

    private CallFormats() {
    }

    @TemplateExtension
    static String scoreText(CallEntry entry) {
        return points(entry.score());
    }

    @TemplateExtension
    static String scoreText(Ranking.Line line) {
        return points(line.score());
    }

    /** {@code {ranking.cutOff}}: the lowest funded score; empty when none was funded. */
    @TemplateExtension
    static String cutOff(Ranking ranking) {
        return points(ranking.cutOffScore());
    }

    @TemplateExtension
    static String cutOff(Ranking.Round round) {
        return points(round.cutOffScore());
    }

    @TemplateExtension
    static String when(Ranking.Round round) {
        return Formats.time(round.at());
    }

    /** {@code {round.releasedId}}, {@code {round.awardsId}}: the ids of a round's two tables. */
    @TemplateExtension
    static String releasedId(Ranking.Round round) {
        return "released-" + round.round();
    }

    @TemplateExtension
    static String awardsId(Ranking.Round round) {
        return "awards-" + round.round();
    }

    /** {@code {sheet.scoreText}}: the officers' mean weighted score; empty until complete. */
    @TemplateExtension
    static String scoreText(ScoreSheet sheet) {
        return points(sheet.score());
    }

    /** {@code {score.pointsFor(name)}}: the officer's points on a criterion; empty when it gave none. */
    @TemplateExtension
    static String pointsFor(ScoreSheet.OfficerScore score, String criterion) {
        Integer points = score.points().get(criterion);
        return points == null ? "" : points.toString();
    }

    @TemplateExtension
    static String weighted(ScoreSheet.OfficerScore score) {
        return points(score.weightedScore());
    }

    @TemplateExtension
    static String scored(ScoreSheet.OfficerScore score) {
        return Formats.time(score.scoredAt());
    }

    @TemplateExtension
    static String declared(ScoreSheet.Conflict conflict) {
        return Formats.time(conflict.declaredAt());
    }

    /** A score in points as the service computed it, never in exponent notation; empty when there is none. */
    static String points(BigDecimal score) {
        return score == null ? "" : score.toPlainString();
    }
}
