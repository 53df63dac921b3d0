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
     * A later round of a ranked call (issue 19 item 3, objections): the first round's order and ranks kept, the awards of
     * the {@code withdrawn} applications (an upheld objection or a withdrawal released their orders) given to nobody
     * there, and the envelope handed out again from the top under the rule of {@link #rank}. The rank order is never
     * jumped and only ever loses applications, so no application that is not withdrawn gets less than in any earlier
     * round computed from a subset of {@code withdrawn}: what a round changes is awards that grow and applications that
     * become funded, never an award taken back. A withdrawn application keeps its rank and is awarded what it keeps
     * ({@code withdrawn}'s value: 0 when its whole award was released, what earlier orders paid or pay when only a
     * top-up's order was released), counted against the envelope before the rest is handed out; it never stops the
     * handing out. What it keeps is at most what it was awarded before, so the others' awards still only grow.
     */
    public static Result rerank(List<Ranked> first, java.util.Map<String, Long> withdrawn, long envelopeFen,
                                boolean partialAwardAllowed) {
        List<Ranked> ranked = new ArrayList<>();
        long remaining = envelopeFen;
        boolean funding = true;
        BigDecimal cutOff = null;
        for (Ranked r : first) {
            long awarded = 0;
            if (withdrawn.containsKey(r.applicationId())) {
                awarded = withdrawn.get(r.applicationId());
            } else if (funding && r.amountFen() <= remaining) {
                awarded = r.amountFen();
            } else if (funding) {
                funding = false;
                awarded = partialAwardAllowed ? remaining : 0;
            }
            remaining -= awarded;
            if (awarded > 0) {
                cutOff = r.score();
            }
            if (remaining == 0) {
                funding = false;
            }
            ranked.add(new Ranked(r.applicationId(), r.rank(), r.weightedTotal(), r.scorers(), r.score(), r.amountFen(),
                    awarded, r.submittedAt()));
        }
        return new Result(List.copyOf(ranked), cutOff, envelopeFen - remaining);
    }
}
