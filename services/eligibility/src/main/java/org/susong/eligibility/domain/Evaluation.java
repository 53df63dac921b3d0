package org.susong.eligibility.domain;

import java.util.List;
import org.susong.commons.money.Money;

/**
 * The result of applying a measure's rule to an application: outcome, amount, each criterion's
 * result and how the amount was computed.
 */
public record Evaluation(Outcome outcome, Money amount, List<Criterion> criteria, String computationEn,
                         String computationZh) {

    public Evaluation {
        criteria = List.copyOf(criteria);
    }

    public static Evaluation rejected(List<Criterion> criteria) {
        return new Evaluation(Outcome.REJECTED, Money.ZERO, criteria, "no amount: a criterion is not met",
                "不予支持：有条件未满足");
    }

    public static Evaluation review(List<Criterion> criteria, String why) {
        return new Evaluation(Outcome.REVIEW_REQUIRED, Money.ZERO, criteria, why, "需人工审核");
    }

    /** The failed criteria, or the computation, in one English paragraph. */
    public String explanationEn() {
        if (outcome == Outcome.APPROVED) {
            return computationEn;
        }
        return String.join("; ", criteria.stream().filter(c -> !c.passed()).map(Criterion::en).toList())
                + (outcome == Outcome.REVIEW_REQUIRED ? (criteria.stream().allMatch(Criterion::passed) ? "" : "; ")
                + computationEn : "");
    }

    public String explanationZh() {
        if (outcome == Outcome.APPROVED) {
            return computationZh;
        }
        return String.join("；", criteria.stream().filter(c -> !c.passed()).map(Criterion::zh).toList())
                + (outcome == Outcome.REVIEW_REQUIRED ? (criteria.stream().allMatch(Criterion::passed) ? "" : "；")
                + computationZh : "");
    }
}
