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
 */
public record Decision(String decisionId, String applicationId, String applicantUscc, String measureCode,
                       District district, Evaluation evaluation, Long proposedFen, String ruleVersion,
                       LocalDate businessDate, Map<String, Object> inputs, Measure measure,
                       List<? extends Map<String, Object>> shares, Integer capYear, String proposalId, String supersedes,
                       int round, String sourceEventId, String sourceHash, String actor) {

    /** The notice of a final outcome: the reasons and the appeal deadline (en/zh). */
    public record Notice(String appealDeadline, String en, String zh) {
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
