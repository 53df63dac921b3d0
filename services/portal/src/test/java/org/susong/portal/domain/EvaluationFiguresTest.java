package org.susong.portal.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The evaluation's definitions (measure D3) on small cases the integration test does not reach. */
class EvaluationFiguresTest {

    static final Instant SUBMITTED = Instant.parse("2026-07-01T00:00:00Z");

    static ApplicationFacts facts(List<ApplicationFacts.DecisionFact> decisions, List<ApplicationFacts.AppealFact> appeals,
                                  List<ApplicationFacts.PaymentFact> payments) {
        return new ApplicationFacts("APP-1", "B1", "HULI", SUBMITTED, false, decisions, appeals, payments);
    }

    static ApplicationFacts.DecisionFact decision(String id, String outcome, long fen, String at, String supersedes) {
        return new ApplicationFacts.DecisionFact(id, outcome, fen, Instant.parse(at), List.of(), supersedes, false);
    }

    static ApplicationFacts.PaymentFact payment(String kind, long fen, String at) {
        return new ApplicationFacts.PaymentFact("PO-D-APP-1", kind, fen, Instant.parse(at));
    }

    @Test
    void a_returned_payment_counts_again_once_paid_again_and_the_time_runs_to_the_first_payment() {
        ApplicationFacts f = facts(List.of(decision("D-APP-1", "APPROVED", 500_00L, "2026-07-01T01:00:00Z", null)),
                List.of(), List.of(payment("PAID", 500_00L, "2026-07-02T00:00:00Z"),
                        payment("RETURNED", 500_00L, "2026-07-03T00:00:00Z"),
                        payment("PAID", 500_00L, "2026-07-05T00:00:00Z")));
        EvaluationFigures.Row row = EvaluationFigures.totals(List.of(f));
        assertEquals(500_00L, row.paidFen());
        assertEquals(24 * 60L, row.medianMinutesToPayment());
        ApplicationFacts returned = facts(f.decisions(), List.of(), f.payments().subList(0, 2));
        assertEquals(0L, EvaluationFigures.totals(List.of(returned)).paidFen(), "returned and not paid again");
    }

    @Test
    void an_appeal_without_supersedes_is_answered_by_the_first_decision_after_it() {
        ApplicationFacts f = facts(List.of(decision("D-APP-1", "REJECTED", 0, "2026-07-01T01:00:00Z", null),
                        decision("D-APP-1-R1", "APPROVED", 100L, "2026-07-10T00:00:00Z", null)),
                List.of(new ApplicationFacts.AppealFact("D-APP-1", Instant.parse("2026-07-05T00:00:00Z"))), List.of());
        EvaluationFigures.Row row = EvaluationFigures.totals(List.of(f));
        assertEquals(1, row.approvals());
        assertEquals(1, row.appealsGranted());
        assertEquals(0, row.appealsPending());
    }

    @Test
    void rates_round_half_up_in_per_mille_and_percentiles_take_the_nearest_rank() {
        assertEquals(667L, EvaluationFigures.permille(2, 3));
        assertEquals(333L, EvaluationFigures.permille(1, 3));
        assertEquals(5L, EvaluationFigures.permille(1, 200), "0.5 per mille rounds up");
        assertNull(EvaluationFigures.permille(0, 0));
        List<Long> four = List.of(10L, 20L, 30L, 40L);
        assertEquals(20L, EvaluationFigures.nearestRank(four, 50), "the lower median of an even count");
        assertEquals(40L, EvaluationFigures.nearestRank(four, 90));
        assertEquals(10L, EvaluationFigures.nearestRank(List.of(10L), 90));
        assertNull(EvaluationFigures.nearestRank(List.of(), 50));
    }

    @Test
    void the_quarter_is_xiamens() {
        assertEquals(new EvaluationFigures.Quarter(2026, 3), EvaluationFigures.Quarter.of(Instant.parse("2026-06-30T16:00:00Z")));
        assertEquals(new EvaluationFigures.Quarter(2026, 2), EvaluationFigures.Quarter.of(Instant.parse("2026-06-30T15:59:59Z")));
        assertEquals(new EvaluationFigures.Quarter(2027, 1), EvaluationFigures.Quarter.of(Instant.parse("2026-12-31T16:00:00Z")));
    }
}
