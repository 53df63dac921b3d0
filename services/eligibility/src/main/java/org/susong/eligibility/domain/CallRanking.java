package org.susong.eligibility.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The ranking of a call's scored applications and its awards (issue 19), a pure function of the score sheets, the
 * envelope and whether a partial award is allowed, so that a retry computes the same one. Order: the weighted score
 * (the officers' mean, compared exactly as fractions), then the earlier submission, then the lower application id
 * ({@link Call#TIE_BREAK_EN}). Awards go from the top in rank order while the next amount fits in what remains of the
 * envelope; the first that does not fit gets what remains when the call allows a partial award, and no application
 * ranked below it is funded (the rank order is never jumped).
 */
public final class CallRanking {

    private CallRanking() {
    }

    /**
     * One application's score sheet: {@code weightedTotal} is the sum over its officers of their weighted sums (points
     * x weight, {@link Call#weighted}), {@code scorers} how many officers scored it; {@code amountFen} what it asks.
     */
    public record Sheet(String applicationId, Instant submittedAt, long amountFen, long weightedTotal, int scorers) {
        /** The score in points (0-100), two decimals, half up: for people; the order compares exactly. */
        public BigDecimal score() {
            return points(weightedTotal, scorers);
        }
    }

    /** One ranked application: its place (1 = first), score and what it is awarded (0: not funded). */
    public record Ranked(String applicationId, int rank, long weightedTotal, int scorers, BigDecimal score,
                         long amountFen, long awardedFen, Instant submittedAt) {
        public boolean funded() {
            return awardedFen > 0;
        }
    }

    /** The ranking: every application in rank order, the cut-off (the last funded one's score, null: none funded). */
    public record Result(List<Ranked> ranked, BigDecimal cutOffScore, long usedFen) {
        public int funded() {
            return (int) ranked.stream().filter(Ranked::funded).count();
        }
    }

    static BigDecimal points(long weightedTotal, int scorers) {
        return BigDecimal.valueOf(weightedTotal).divide(BigDecimal.valueOf(100L * scorers), 2, RoundingMode.HALF_UP);
    }

    /** Higher mean first (cross-multiplied, exact), then earlier submission, then the lower application id. */
    static final Comparator<Sheet> ORDER = ((Comparator<Sheet>) (a, b) -> Long.compare(
            b.weightedTotal() * a.scorers(), a.weightedTotal() * b.scorers()))
            .thenComparing(Sheet::submittedAt)
            .thenComparing(Sheet::applicationId);

    public static Result rank(List<Sheet> sheets, long envelopeFen, boolean partialAwardAllowed) {
        List<Sheet> ordered = new ArrayList<>(sheets);
        ordered.sort(ORDER);
        List<Ranked> unfunded = new ArrayList<>();
        for (int i = 0; i < ordered.size(); i++) {
            Sheet s = ordered.get(i);
            unfunded.add(new Ranked(s.applicationId(), i + 1, s.weightedTotal(), s.scorers(), s.score(), s.amountFen(), 0,
                    s.submittedAt()));
        }
        return rerank(unfunded, java.util.Map.of(), envelopeFen, partialAwardAllowed);
    }

    /**
     * A later round of a ranked call (issue 19 item 3, objections; 递补): the {@code previous} round's order, ranks and
     * awards kept, the {@code withdrawn} applications (an upheld objection or a withdrawal released their orders) awarded
     * what they keep ({@code withdrawn}'s value: 0 when the whole award was released, what earlier orders paid or pay
     * when only a later order was released), and what that frees handed to the applications the previous round did not
     * fund, in rank order under the rule of {@link #rank} (the next that fits is funded whole; the first that does not
     * gets what remains when the call allows a partial award, and none below it is funded). An award of the previous
     * round is never changed - not lowered, not grown (a partial award stays as decided): a round only funds applications
     * that had nothing, so it never re-decides an award whose order payments may be holding, paying or objecting to. With
     * every previous award 0 this is the first round's allocation ({@link #rank}).
     */
    public static Result rerank(List<Ranked> previous, java.util.Map<String, Long> withdrawn, long envelopeFen,
                                boolean partialAwardAllowed) {
        long committed = 0;
        for (Ranked r : previous) {
            committed += withdrawn.containsKey(r.applicationId()) ? withdrawn.get(r.applicationId()) : r.awardedFen();
        }
        long remaining = Math.max(0, envelopeFen - committed);
        List<Ranked> ranked = new ArrayList<>();
        boolean funding = remaining > 0;
        BigDecimal cutOff = null;
        for (Ranked r : previous) {
            long awarded = 0;
            if (withdrawn.containsKey(r.applicationId())) {
                awarded = withdrawn.get(r.applicationId());
            } else if (r.awardedFen() > 0) {
                awarded = r.awardedFen();
            } else if (funding && r.amountFen() <= remaining) {
                awarded = r.amountFen();
                remaining -= awarded;
            } else if (funding) {
                funding = false;
                awarded = partialAwardAllowed ? remaining : 0;
                remaining -= awarded;
            }
            if (remaining == 0) {
                funding = false;
            }
            if (awarded > 0) {
                cutOff = r.score();
            }
            ranked.add(new Ranked(r.applicationId(), r.rank(), r.weightedTotal(), r.scorers(), r.score(), r.amountFen(),
                    awarded, r.submittedAt()));
        }
        return new Result(List.copyOf(ranked), cutOff, ranked.stream().mapToLong(Ranked::awardedFen).sum());
    }
}
