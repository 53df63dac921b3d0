package org.susong.funds.domain;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.susong.commons.money.Money;

/**
 * A government fund of measure C2. Its money available to invest is
 * {@code paid-in - reserve - invested}, where the reserve (a share of paid-in capital, in basis
 * points, rounded up to the fen so that it never falls short) is kept for fees and follow-ons.
 *
 * @param names                  Chinese and English names
 * @param targetSize             the fund's target scale (every seeded figure is a placeholder, see {@link Provenance})
 * @param capital                committed and paid-in capital by source
 * @param reserveBasisPoints     share of paid-in capital held back for fees and follow-on investments
 * @param mandate                which stages, fields and instruments the fund invests in
 * @param inHundredBillionTarget whether it counts towards the 100-billion CNY scale target of measure C2
 * @param invested               committed investments so far
 */
public record Fund(String id, Names names, FundKind kind, String manager, Money targetSize,
                   Map<CapitalSource, Capital> capital, int reserveBasisPoints, Mandate mandate, FundStatus status,
                   boolean inHundredBillionTarget, Provenance provenance, Money invested) {

    public static final int FULL_BASIS_POINTS = 10_000;

    public record Names(String chinese, String english) {
    }

    /** What the fund may invest in; an investment outside it is refused. */
    public record Mandate(Set<Stage> stages, List<String> fields, Set<Instrument> instruments) {
        public Mandate {
            stages = Set.copyOf(stages);
            fields = List.copyOf(fields);
            instruments = Set.copyOf(instruments);
        }
    }

    /** Whether the figures are placeholders (domain.md gives no fund sizes) and why. */
    public record Provenance(boolean placeholder, String note) {
    }

    public Fund {
        capital = Map.copyOf(capital);
        if (reserveBasisPoints < 0 || reserveBasisPoints > FULL_BASIS_POINTS) {
            throw new IllegalArgumentException("reserve share of " + id + " must be 0..10000 basis points");
        }
        if (invested.isNegative()) {
            throw new IllegalArgumentException("invested amount of " + id + " cannot be negative");
        }
    }

    /**
     * Opens a fund with nothing invested yet.
     *
     * @throws IllegalArgumentException when the commitments exceed the target size or the fund has no mandate
     */
    public static Fund open(String id, Names names, FundKind kind, String manager, Money targetSize,
                            Map<CapitalSource, Capital> capital, int reserveBasisPoints, Mandate mandate,
                            boolean inHundredBillionTarget, Provenance provenance) {
        Map<CapitalSource, Capital> complete = new EnumMap<>(CapitalSource.class);
        for (CapitalSource source : CapitalSource.values()) {
            complete.put(source, capital.getOrDefault(source, Capital.of(0, 0)));
        }
        Fund fund = new Fund(id, names, kind, manager, targetSize, complete, reserveBasisPoints, mandate, FundStatus.OPEN,
                inHundredBillionTarget, provenance, Money.ZERO);
        if (fund.committed().greaterThan(targetSize)) {
            throw new IllegalArgumentException("commitments to " + id + " (" + fund.committed() + ") exceed its target size "
                    + targetSize);
        }
        if (mandate.stages().isEmpty() || mandate.instruments().isEmpty()) {
            throw new IllegalArgumentException("fund " + id + " needs at least one stage and one instrument");
        }
        return fund;
    }

    public Money committed() {
        return capital.values().stream().map(Capital::committed).reduce(Money.ZERO, Money::plus);
    }

    public Money paidIn() {
        return capital.values().stream().map(Capital::paidIn).reduce(Money.ZERO, Money::plus);
    }

    /** The reserve, rounded up to the fen: a fund must never invest money it holds back. */
    public Money reserve() {
        long scaled = Math.multiplyExact(paidIn().fen(), (long) reserveBasisPoints);
        return Money.ofFen((scaled + FULL_BASIS_POINTS - 1) / FULL_BASIS_POINTS);
    }

    /** Paid-in capital less the reserve: what the fund may invest over its life. */
    public Money investable() {
        return paidIn().minus(reserve());
    }

    /** Still available to invest: paid-in - reserve - invested. */
    public Money available() {
        return investable().minus(invested);
    }

    /**
     * Checks that the fund may take an investment on these terms (its amount is checked against the
     * fund's counter, atomically, not here).
     *
     * @throws FundNotOpen          when the fund takes no new investments
     * @throws InvestmentViolation  when the stage or instrument is outside the fund's mandate
     */
    public void accepts(InvestmentTerms terms) {
        if (status != FundStatus.OPEN) {
            throw new FundNotOpen(id, status);
        }
        if (!mandate.stages().contains(terms.stage())) {
            throw new InvestmentViolation("stage", "fund " + id + " invests in stages " + sorted(mandate.stages())
                    + ", not " + terms.stage());
        }
        if (!mandate.instruments().contains(terms.instrument())) {
            throw new InvestmentViolation("instrument", "fund " + id + " uses the instruments "
                    + sorted(mandate.instruments()) + ", not " + terms.instrument());
        }
    }

    private static <E extends Enum<E>> List<String> sorted(Set<E> values) {
        return values.stream().sorted().map(Enum::name).toList();
    }
}
