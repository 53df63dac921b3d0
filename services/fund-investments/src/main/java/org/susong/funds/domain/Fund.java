package org.susong.funds.domain;

import org.susong.commons.ids.FieldCodes;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.susong.commons.money.Money;

/**
 * A government fund of measure C2, or a sub-fund of one ({@code parentFundId}). Its money available
 * to invest is {@code paid-in - reserve - fees paid + recycled - invested}. The reserve is kept for fees and
 * follow-ons: each paid-in increment holds back {@code ceil(increment x reserveBasisPoints / 10000)} fen; a management
 * fee or a follow-on drawn from the reserve ({@link ReserveSpent}, issue 20 item 9) takes it out again, so
 * {@code reserve} is what is held back and not yet spent.
 *
 * @param parentFundId           the guidance fund a sub-fund belongs to; null for a top-level fund
 * @param targetSize             the fund's target scale (every seeded figure is a placeholder, see {@link Provenance})
 * @param capital                committed, called and paid-in capital by source
 * @param reserveBasisPoints     share of paid-in capital held back for fees and follow-on investments
 * @param reserve                the money held back and not spent: the sum over paid-in increments, each rounded up, less
 *                               what fees and follow-ons drew from it ({@code reserveSpent})
 * @param mandate                which stages, fields and instruments the fund invests in
 * @param inHundredBillionTarget whether it counts towards the 100-billion CNY scale target of measure C2
 * @param invested               committed investments so far (grant-to-investment positions included)
 * @param converted              fiscal money paid in by grant-to-investment conversions (C1/D1); also in {@code invested}
 * @param recycled               exit proceeds recycled into what the fund may invest (RECYCLED capital movements)
 * @param vintageYear            the year of the fund's first close, given when a fund is created through the API; null
 *                               for the seeded funds (the source gives none) and where not given
 * @param reserveSpent           what the reserve paid out: management fees (money that left the fund) and follow-ons
 *                               (also in {@code invested})
 * @param subFunds               a parent fund's commitments to its sub-funds and what it paid into them (fund of funds,
 *                               issue 20 item 9; the paid-in part is also in {@code invested})
 */
public record Fund(String id, Names names, FundKind kind, String parentFundId, String manager, Money targetSize,
                   Map<CapitalSource, Capital> capital, int reserveBasisPoints, Money reserve, Mandate mandate,
                   FundStatus status, boolean inHundredBillionTarget, Provenance provenance, Money invested,
                   Money converted, Money recycled, Integer vintageYear, ReserveSpent reserveSpent, SubFunds subFunds) {

    /**
     * A parent fund's stake in its sub-funds (fund of funds, issue 20 item 9): what it committed to them (their
     * {@code PARENT_FUND} commitments) and what it paid into them (their {@code PARENT_FUND} calls paid in: money out of
     * the parent's available, counted as the parent's investment).
     */
    public record SubFunds(Money committed, Money paidIn) {
        public static final SubFunds NONE = new SubFunds(Money.ZERO, Money.ZERO);

        public SubFunds {
            if (committed.isNegative() || paidIn.isNegative()) {
                throw new IllegalArgumentException("a parent's stake in its sub-funds cannot be negative");
            }
        }
    }

    /** A fund whose reserve paid nothing out and that put nothing into sub-funds yet. */
    public Fund(String id, Names names, FundKind kind, String parentFundId, String manager, Money targetSize,
                Map<CapitalSource, Capital> capital, int reserveBasisPoints, Money reserve, Mandate mandate,
                FundStatus status, boolean inHundredBillionTarget, Provenance provenance, Money invested,
                Money converted, Money recycled, Integer vintageYear) {
        this(id, names, kind, parentFundId, manager, targetSize, capital, reserveBasisPoints, reserve, mandate, status,
                inHundredBillionTarget, provenance, invested, converted, recycled, vintageYear, ReserveSpent.NONE,
                SubFunds.NONE);
    }

    /**
     * What a fund's reserve paid out (issue 20 item 9), each by its own guarded update of the fund's counter.
     *
     * @param fees      management fees drawn from the reserve (MANAGEMENT_FEE capital movements): they left the fund
     * @param followOns follow-on investments drawn from the reserve instead of the money available (counted in invested)
     */
    public record ReserveSpent(Money fees, Money followOns) {
        public static final ReserveSpent NONE = new ReserveSpent(Money.ZERO, Money.ZERO);

        public ReserveSpent {
            if (fees.isNegative() || followOns.isNegative()) {
                throw new IllegalArgumentException("what a reserve paid out cannot be negative");
            }
        }
    }

    /** A fund without a vintage year. */
    public Fund(String id, Names names, FundKind kind, String parentFundId, String manager, Money targetSize,
                Map<CapitalSource, Capital> capital, int reserveBasisPoints, Money reserve, Mandate mandate,
                FundStatus status, boolean inHundredBillionTarget, Provenance provenance, Money invested,
                Money converted, Money recycled) {
        this(id, names, kind, parentFundId, manager, targetSize, capital, reserveBasisPoints, reserve, mandate, status,
                inHundredBillionTarget, provenance, invested, converted, recycled, null);
    }

    /** A fund that recycled no exit proceeds yet. */
    public Fund(String id, Names names, FundKind kind, String parentFundId, String manager, Money targetSize,
                Map<CapitalSource, Capital> capital, int reserveBasisPoints, Money reserve, Mandate mandate,
                FundStatus status, boolean inHundredBillionTarget, Provenance provenance, Money invested,
                Money converted) {
        this(id, names, kind, parentFundId, manager, targetSize, capital, reserveBasisPoints, reserve, mandate, status,
                inHundredBillionTarget, provenance, invested, converted, Money.ZERO, null);
    }

    public static final int FULL_BASIS_POINTS = 10_000;

    public record Names(String chinese, String english) {
    }

    /**
     * What the fund may invest in; an investment outside it is refused.
     *
     * @param fields field codes (lower case, words joined by '-', e.g. {@code digitalisation}); empty = any field
     */
    public record Mandate(Set<Stage> stages, List<String> fields, Set<Instrument> instruments) {
        public Mandate {
            stages = Set.copyOf(stages);
            fields = fields.stream().map(FieldCodes::of).toList();
            instruments = Set.copyOf(instruments);
        }

        public boolean coversField(String field) {
            return fields.isEmpty() || fields.contains(FieldCodes.of(field));
        }
    }

    /** Whether the figures are placeholders (docs/policy.md gives no fund sizes) and why. */
    public record Provenance(boolean placeholder, String note) {
    }

    public Fund {
        capital = Map.copyOf(capital);
        reserveSpent = reserveSpent == null ? ReserveSpent.NONE : reserveSpent;
        subFunds = subFunds == null ? SubFunds.NONE : subFunds;
        if (reserveBasisPoints < 0 || reserveBasisPoints > FULL_BASIS_POINTS) {
            throw new IllegalArgumentException("reserve share of " + id + " must be 0..10000 basis points");
        }
        if (invested.isNegative() || reserve.isNegative() || converted.isNegative() || recycled.isNegative()) {
            throw new IllegalArgumentException("invested, reserve and converted amounts of " + id + " cannot be negative");
        }
    }

    /**
     * Opens a fund with nothing invested yet.
     *
     * @param parentFundId the guidance fund a sub-fund belongs to, or null
     * @throws IllegalArgumentException when the commitments exceed the target size or the fund has no mandate
     */
    public static Fund open(String id, Names names, FundKind kind, String parentFundId, String manager, Money targetSize,
                            Map<CapitalSource, Capital> capital, int reserveBasisPoints, Mandate mandate,
                            boolean inHundredBillionTarget, Provenance provenance) {
        Map<CapitalSource, Capital> complete = new EnumMap<>(CapitalSource.class);
        for (CapitalSource source : CapitalSource.values()) {
            if (source.fromOutsideFamily() || parentFundId != null) {
                complete.put(source, capital.getOrDefault(source, Capital.of(0, 0)));
            }
        }
        Money paidIn = complete.values().stream().map(Capital::paidIn).reduce(Money.ZERO, Money::plus);
        Fund fund = new Fund(id, names, kind, parentFundId, manager, targetSize, complete, reserveBasisPoints,
                reserveFor(paidIn, reserveBasisPoints), mandate, FundStatus.OPEN, inHundredBillionTarget, provenance,
                Money.ZERO, Money.ZERO);
        if (fund.committed().greaterThan(targetSize)) {
            throw new IllegalArgumentException("commitments to " + id + " (" + fund.committed() + ") exceed its target size "
                    + targetSize);
        }
        if (mandate.stages().isEmpty() || mandate.instruments().isEmpty()) {
            throw new IllegalArgumentException("fund " + id + " needs at least one stage and one instrument");
        }
        if (id.equals(parentFundId)) {
            throw new IllegalArgumentException("fund " + id + " cannot be its own parent");
        }
        return fund;
    }

    /** The same fund with its vintage year (the year of its first close). */
    public Fund withVintageYear(Integer year) {
        return new Fund(id, names, kind, parentFundId, manager, targetSize, capital, reserveBasisPoints, reserve, mandate,
                status, inHundredBillionTarget, provenance, invested, converted, recycled, year, reserveSpent, subFunds);
    }

    /** The reserve a paid-in increment holds back, rounded up to the fen: a fund must never invest money it holds back. */
    public static Money reserveFor(Money paidInIncrement, int reserveBasisPoints) {
        long scaled = Math.multiplyExact(paidInIncrement.fen(), (long) reserveBasisPoints);
        return Money.ofFen((scaled + FULL_BASIS_POINTS - 1) / FULL_BASIS_POINTS);
    }

    public Money reserveFor(Money paidInIncrement) {
        return reserveFor(paidInIncrement, reserveBasisPoints);
    }

    public boolean subFund() {
        return parentFundId != null;
    }

    public Money committed() {
        return capital.values().stream().map(Capital::committed).reduce(Money.ZERO, Money::plus);
    }

    public Money called() {
        return capital.values().stream().map(Capital::called).reduce(Money.ZERO, Money::plus);
    }

    public Money paidIn() {
        return capital.values().stream().map(Capital::paidIn).reduce(Money.ZERO, Money::plus);
    }

    /** Committed by sources outside the fund's family (all but its parent fund): what a family's totals count. */
    public Money committedFromOutside() {
        return capital.entrySet().stream().filter(e -> e.getKey().fromOutsideFamily()).map(e -> e.getValue().committed())
                .reduce(Money.ZERO, Money::plus);
    }

    /** Paid in by sources outside the fund's family. */
    public Money paidInFromOutside() {
        return capital.entrySet().stream().filter(e -> e.getKey().fromOutsideFamily()).map(e -> e.getValue().paidIn())
                .reduce(Money.ZERO, Money::plus);
    }

    /** Committed by the city and district budgets (see {@link CapitalSource#FISCAL}). */
    public Money fiscalCommitted() {
        return capital.entrySet().stream().filter(e -> e.getKey().fiscal()).map(e -> e.getValue().committed())
                .reduce(Money.ZERO, Money::plus);
    }

    /** Government (fiscal) share of the commitments in basis points, rounded down; 0 for a fund without commitments. */
    public int governmentShareBasisPoints() {
        long committed = committed().fen();
        return committed == 0 ? 0 : (int) (Math.multiplyExact(fiscalCommitted().fen(), (long) FULL_BASIS_POINTS) / committed);
    }

    /**
     * Paid-in capital less the reserve held and the fees paid from it, plus recycled exit proceeds: what the fund may
     * invest over its life (a follow-on drawn from the reserve moves its amount from the reserve into invested).
     */
    public Money investable() {
        return paidIn().minus(reserve).minus(reserveSpent.fees()).plus(recycled);
    }

    /** Still available to invest: paid-in - reserve - fees paid + recycled - invested. */
    public Money available() {
        return investable().minus(invested);
    }

    /**
     * Checks that the fund may take an investment on these terms (its amount is checked against the
     * fund's counter, atomically, not here).
     *
     * @param field the enterprise's field, or null when not given
     * @throws FundNotOpen          when the fund takes no new investments
     * @throws InvestmentViolation  when the stage, field or instrument is outside the fund's mandate
     */
    public void accepts(InvestmentTerms terms, String field) {
        if (status != FundStatus.OPEN) {
            throw new FundNotOpen(id, status);
        }
        scopeProblem(terms.stage(), field).ifPresent(problem -> {
            throw new InvestmentViolation(problem.field(), problem.reason());
        });
        if (!mandate.instruments().contains(terms.instrument())) {
            throw new InvestmentViolation("instrument", "fund " + id + " uses the instruments "
                    + sorted(mandate.instruments()) + ", not " + terms.instrument());
        }
    }

    public void accepts(InvestmentTerms terms) {
        accepts(terms, null);
    }

    /** Why an enterprise of this stage and field lies outside the fund's investment scope, if it does. */
    public record ScopeProblem(String field, String reason) {
    }

    /**
     * Whether the stage and field (either may be null: not known) lie inside the fund's scope.
     * Used by investments and by grant-to-investment conversions alike.
     */
    public Optional<ScopeProblem> scopeProblem(Stage stage, String field) {
        if (stage != null && !mandate.stages().contains(stage)) {
            return Optional.of(new ScopeProblem("stage", "fund " + id + " invests in stages " + sorted(mandate.stages())
                    + ", not " + stage));
        }
        if (field != null && !mandate.coversField(field)) {
            return Optional.of(new ScopeProblem("field", "fund " + id + " invests in the fields " + mandate.fields()
                    + ", not '" + FieldCodes.of(field) + "'"));
        }
        return Optional.empty();
    }

    /**
     * The stage a position takes when the enterprise's stage is not given: the fund's earliest
     * stage (a platform assumption, flagged on the position).
     */
    public Stage defaultStage() {
        return mandate.stages().stream().sorted().findFirst().orElseThrow();
    }


    private static <E extends Enum<E>> List<String> sorted(Set<E> values) {
        return values.stream().sorted().map(Enum::name).toList();
    }
}
