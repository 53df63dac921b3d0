package org.susong.funds.application;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.susong.commons.money.Money;
import org.susong.commons.rest.ProblemException;
import org.susong.commons.time.BusinessClock;
import org.susong.funds.domain.CapitalMovement;
import org.susong.funds.domain.CapitalSource;
import org.susong.funds.domain.Fund;
import org.susong.funds.domain.FundFigures;
import org.susong.funds.domain.Investment;
import org.susong.funds.domain.Placement;
import org.susong.funds.domain.Reading;
import org.susong.funds.domain.Tally;
import org.susong.funds.persistence.CapitalMovementRepository;
import org.susong.funds.persistence.FundRepository;
import org.susong.funds.persistence.InvestmentRepository;

/**
 * The figures of measures C1 and C2 (formulas in docs/services/fund-investments.md). The totals read
 * the fund documents only (a handful): the investment figures are kept on them by the same guarded
 * update that takes each investment, so no total scans the investments. A year's figures (issue 20
 * item 9) are summed from what is dated in it: the capital journal and the investments.
 */
@ApplicationScoped
public class FigureService {

    /** C2: the venture, credit-enhancement and technology-innovation funds are to reach 100 billion CNY. */
    public static final Money HUNDRED_BILLION_TARGET = Money.ofYuan(100_000_000_000L);
    /** C1: at least 30 billion CNY of fiscal S&T money over 2024-2026 ... */
    public static final Money C1_FISCAL_FEN = Money.ofYuan(30_000_000_000L);
    /** ... meant to mobilise 300 billion CNY: ten times. */
    public static final Money C1_MOBILISED_FEN = Money.ofYuan(300_000_000_000L);
    public static final long C1_LEVERAGE_GOAL = 10;

    /**
     * A top-level fund with its sub-funds rolled up; {@code readings} what the family's make-up rests on that the source
     * does not say (the venture fund as the parent of the eight sub-funds, issue 16 item 7).
     */
    public record FundFamily(String fundId, String nameEn, String kind, int subFunds, long targetSizeFen,
                             long committedFen, long paidInFen, long fiscalCommittedFen, long managementFeesFen,
                             boolean placeholder, List<Reading> readings) {
    }

    /**
     * C2 scale: the families in the 100-billion target against it; the other funds beside it; and every fund against its
     * own target ({@code funds}, issue 20 item 9).
     */
    public record Scale(Integer year, long targetFen, long inTargetCommittedFen, long inTargetPaidInFen,
                        long progressBasisPoints, List<FundFamily> inTarget, long otherCommittedFen, long otherPaidInFen,
                        List<FundFamily> others, long managementFeesFen, boolean placeholderFigures,
                        List<FundAgainstTarget> funds) {
    }

    /**
     * One fund (or sub-fund) against its own target size: everything committed to it and paid in (every source, its
     * parent's included: what its target bounds), as a share of {@code targetSizeFen} in basis points rounded down; null
     * while the fund has no target (0).
     */
    public record FundAgainstTarget(String fundId, String parentFundId, long targetSizeFen, long committedFen,
                                    long paidInFen, Long committedOfTargetBasisPoints, Long paidInOfTargetBasisPoints,
                                    long managementFeesFen, boolean placeholder) {
        static FundAgainstTarget of(Amounts a) {
            Fund f = a.fund();
            long target = f.targetSize().fen();
            long committed = a.committedFen();
            long paidIn = a.paidInFen();
            return new FundAgainstTarget(f.id(), f.parentFundId(), target, committed, paidIn,
                    target == 0 ? null : ratio(committed, target, 10_000), target == 0 ? null : ratio(paidIn, target, 10_000),
                    a.feesFen(), f.provenance().placeholder());
        }
    }

    /**
     * What the scale and the leverage count of one fund: committed and paid in by source, fiscal money converted and
     * management fees net of their refunds, either in total (the fund's document, as of now) or in one year (its dated
     * capital journal and conversion positions, {@link #ofYear}).
     */
    record Amounts(Fund fund, Map<CapitalSource, Long> committed, Map<CapitalSource, Long> paidIn, long convertedFen,
                   long feesFen) {

        static Amounts total(Fund f) {
            Map<CapitalSource, Long> committed = new java.util.EnumMap<>(CapitalSource.class);
            Map<CapitalSource, Long> paidIn = new java.util.EnumMap<>(CapitalSource.class);
            f.capital().forEach((source, c) -> {
                committed.put(source, c.committed().fen());
                paidIn.put(source, c.paidIn().fen());
            });
            return new Amounts(f, committed, paidIn, f.converted().fen(), f.reserveSpent().fees().fen());
        }

        long committedFen() {
            return sum(committed, s -> true);
        }

        long paidInFen() {
            return sum(paidIn, s -> true);
        }

        long committedFromOutsideFen() {
            return sum(committed, CapitalSource::fromOutsideFamily);
        }

        long paidInFromOutsideFen() {
            return sum(paidIn, CapitalSource::fromOutsideFamily);
        }

        long fiscalCommittedFen() {
            return sum(committed, CapitalSource::fiscal);
        }

        private static long sum(Map<CapitalSource, Long> bySource, java.util.function.Predicate<CapitalSource> counted) {
            return bySource.entrySet().stream().filter(e -> counted.test(e.getKey())).mapToLong(Map.Entry::getValue).sum();
        }
    }

    /**
     * C1 leverage: fiscal money put into the funds against all money they mobilised; {@code readings} says that the
     * {@code leverageGoal} is a reading of the source ({@link Reading#LEVERAGE_GOAL}, issue 16 item 7).
     */
    public record Leverage(Integer year, long fiscalCommittedFen, long mobilisedCommittedFen, Long leverageHundredths,
                           long fiscalPaidInFen, long mobilisedPaidInFen, Long paidInLeverageHundredths,
                           long convertedFen, long leverageGoal, long c1FiscalFen, long c1MobilisedFen,
                           long fiscalShareOfC1BasisPoints, Map<CapitalSource, Long> committedBySource,
                           boolean placeholderFigures, List<Reading> readings) {
    }

    /** Investments by district, stage and field (count and amount), follow-ons and C3 follow-ons among them. */
    public record InvestmentFigures(Integer year, long count, long amountFen, Map<String, Tally> byDistrict,
                                    Map<String, Tally> byStage, Map<String, Tally> byField,
                                    Tally followOns, Tally c3FollowOns,
                                    Map<String, Tally> byFund, ExitFigures exits) {
    }

    /**
     * The exits of one year (issue 20 item 9): how many, the cost that left ({@code exitedFen}, a partial exit's part)
     * and what they brought in; by each exit's {@code exitedOn}.
     */
    public record ExitFigures(long count, long exitedFen, long proceedsFen) {
    }

    /** The first year the figures take: no fund of the programme has a vintage before it (as {@code POST /funds}). */
    public static final int FIRST_YEAR = 1990;

    private final FundRepository funds;
    private final CapitalMovementRepository movements;
    private final InvestmentRepository investments;
    private final Clock clock;

    FigureService(FundRepository funds, CapitalMovementRepository movements, InvestmentRepository investments,
                  Clock clock) {
        this.funds = funds;
        this.movements = movements;
        this.investments = investments;
        this.clock = clock;
    }

    /**
     * The {@code year} query parameter of the figures: null when not given (the totals since the start), else a
     * calendar year from {@link #FIRST_YEAR} to this business year (Asia/Shanghai); anything else 400 naming {@code year}.
     */
    public Integer year(String raw) {
        if (raw == null) {
            return null;
        }
        int thisYear = LocalDate.ofInstant(clock.instant(), BusinessClock.ZONE).getYear();
        if (!raw.matches("[0-9]{4}")) {
            throw ProblemException.badRequest("year", "year must be a calendar year of four digits (" + FIRST_YEAR
                    + " to " + thisYear + "), not '" + raw + "'");
        }
        int year = Integer.parseInt(raw);
        if (year < FIRST_YEAR || year > thisYear) {
            throw ProblemException.badRequest("year", "year must be from " + FIRST_YEAR + " to " + thisYear + " (this"
                    + " business year), not " + year);
        }
        return year;
    }

    public Scale scale() {
        return scale((Integer) null);
    }

    public Leverage leverage() {
        return leverage((Integer) null);
    }

    /** C2 scale in total ({@code year} null) or of what was committed and paid in during {@code year}. */
    public Scale scale(Integer year) {
        return scaleOf(amounts(year), year);
    }

    /** C1 leverage in total ({@code year} null) or of what was committed and paid in during {@code year}. */
    public Leverage leverage(Integer year) {
        return leverageOf(amounts(year), year);
    }

    /** C2 scale of these funds in total (a sub-fund rolls up into its parent's family). */
    public static Scale scale(List<Fund> all) {
        return scaleOf(all.stream().map(Amounts::total).toList(), null);
    }

    /** C1 leverage of these funds in total. */
    public static Leverage leverage(List<Fund> all) {
        return leverageOf(all.stream().map(Amounts::total).toList(), null);
    }

    private List<Amounts> amounts(Integer year) {
        List<Fund> all = funds.findAll();
        return year == null ? all.stream().map(Amounts::total).toList() : ofYear(all, year);
    }

    /**
     * The funds' amounts of one calendar year, each by its own date: commitments by the day they were made, paid-in
     * capital by the day it was paid in (a PAID_IN's {@code dated}), fees by the day they were paid and their refunds by
     * the day they were refunded (a year's fees are net of the refunds dated in it, so may be below 0), and a
     * grant-to-investment conversion, fiscal capital committed and paid in at once, by its position's {@code investedOn}
     * (the request's business day). Only APPLIED movements count. The seed's opening capital is dated by nothing and
     * counts in no year.
     */
    private List<Amounts> ofYear(List<Fund> all, int year) {
        LocalDate from = LocalDate.of(year, 1, 1);
        LocalDate to = LocalDate.of(year, 12, 31);
        Map<String, Map<CapitalSource, Long>> committed = new java.util.HashMap<>();
        Map<String, Map<CapitalSource, Long>> paidIn = new java.util.HashMap<>();
        Map<String, Long> converted = new java.util.HashMap<>();
        Map<String, Long> fees = new java.util.HashMap<>();
        for (CapitalMovement m : movements.appliedBetween(from, to)) {
            long fen = m.amount().fen();
            switch (m.kind()) {
                case COMMITMENT -> add(committed, m.fundId(), m.source(), fen);
                case PAID_IN -> add(paidIn, m.fundId(), m.source(), fen);
                case MANAGEMENT_FEE -> fees.merge(m.fundId(), fen, Long::sum);
                case FEE_REFUND -> fees.merge(m.fundId(), -fen, Long::sum);
                case CALL, RECYCLED -> {
                    // a call moves no money; recycled proceeds are not capital of a source (see the exits)
                }
            }
        }
        for (Investment i : investments.takenOrExitedBetween(from, to)) {
            if (i.context().conversionId() != null && i.terms().investedOn().getYear() == year) {
                long fen = i.terms().amount().fen();
                add(committed, i.fundId(), CapitalSource.CITY_FISCAL, fen);
                add(paidIn, i.fundId(), CapitalSource.CITY_FISCAL, fen);
                converted.merge(i.fundId(), fen, Long::sum);
            }
        }
        return all.stream().map(f -> new Amounts(f, committed.getOrDefault(f.id(), Map.of()),
                paidIn.getOrDefault(f.id(), Map.of()), converted.getOrDefault(f.id(), 0L), fees.getOrDefault(f.id(), 0L)))
                .toList();
    }

    private static void add(Map<String, Map<CapitalSource, Long>> byFund, String fundId, CapitalSource source, long fen) {
        byFund.computeIfAbsent(fundId, k -> new java.util.EnumMap<>(CapitalSource.class)).merge(source, fen, Long::sum);
    }

    private static Scale scaleOf(List<Amounts> all, Integer year) {
        Map<String, Amounts> byId = new LinkedHashMap<>();
        all.forEach(a -> byId.put(a.fund().id(), a));
        Map<String, List<Amounts>> families = new TreeMap<>();
        for (Amounts a : byId.values()) {
            String parent = a.fund().parentFundId();
            String root = parent != null && byId.containsKey(parent) ? parent : a.fund().id();
            families.computeIfAbsent(root, k -> new ArrayList<>()).add(a);
        }
        List<FundFamily> inTarget = new ArrayList<>();
        List<FundFamily> others = new ArrayList<>();
        boolean placeholder = false;
        for (Map.Entry<String, List<Amounts>> e : families.entrySet()) {
            Fund root = byId.get(e.getKey()).fund();
            FundFamily family = family(root, e.getValue());
            placeholder |= family.placeholder();
            (root.inHundredBillionTarget() ? inTarget : others).add(family);
        }
        long inCommitted = inTarget.stream().mapToLong(FundFamily::committedFen).sum();
        long inPaid = inTarget.stream().mapToLong(FundFamily::paidInFen).sum();
        return new Scale(year, HUNDRED_BILLION_TARGET.fen(), inCommitted, inPaid,
                ratio(inCommitted, HUNDRED_BILLION_TARGET.fen(), 10_000), inTarget,
                others.stream().mapToLong(FundFamily::committedFen).sum(),
                others.stream().mapToLong(FundFamily::paidInFen).sum(), others,
                byId.values().stream().mapToLong(Amounts::feesFen).sum(), placeholder,
                byId.values().stream().sorted(java.util.Comparator.comparing(a -> a.fund().id()))
                        .map(FundAgainstTarget::of).toList());
    }

    private static Leverage leverageOf(List<Amounts> all, Integer year) {
        long fiscal = 0;
        long fiscalPaid = 0;
        long total = 0;
        long totalPaid = 0;
        long converted = 0;
        Map<CapitalSource, Long> bySource = new java.util.EnumMap<>(CapitalSource.class);
        for (Amounts a : all) {
            for (CapitalSource source : a.fund().capital().keySet()) {
                if (!source.fromOutsideFamily()) {
                    continue; // a parent's money to its sub-fund was mobilised once, as the parent's capital
                }
                long committed = a.committed().getOrDefault(source, 0L);
                long paid = a.paidIn().getOrDefault(source, 0L);
                bySource.merge(source, committed, Long::sum);
                total += committed;
                totalPaid += paid;
                if (source.fiscal()) {
                    fiscal += committed;
                    fiscalPaid += paid;
                }
            }
            converted += a.convertedFen();
        }
        boolean placeholder = all.stream().anyMatch(a -> a.fund().provenance().placeholder());
        return new Leverage(year, fiscal, total, fiscal == 0 ? null : ratio(total, fiscal, 100), fiscalPaid, totalPaid,
                fiscalPaid == 0 ? null : ratio(totalPaid, fiscalPaid, 100), converted, C1_LEVERAGE_GOAL,
                C1_FISCAL_FEN.fen(), C1_MOBILISED_FEN.fen(), ratio(fiscal, C1_FISCAL_FEN.fen(), 10_000), bySource,
                placeholder, List.of(Reading.LEVERAGE_GOAL));
    }

    /**
     * The investments of one year (issue 20 item 9): every investment a fund's counter took (COMMITTED or EXITED,
     * conversion positions included) whose {@code investedOn} falls in it, in the same buckets as the totals, and the
     * exits dated in it ({@code exitedOn}). Read from the investments (a scan), not from the funds' tallies, which are
     * totals.
     */
    public InvestmentFigures investments(Integer year) {
        if (year == null) {
            return investments();
        }
        LocalDate from = LocalDate.of(year, 1, 1);
        LocalDate to = LocalDate.of(year, 12, 31);
        Map<String, Tally> byDistrict = new TreeMap<>();
        Map<String, Tally> byStage = new TreeMap<>();
        Map<String, Tally> byField = new TreeMap<>();
        Map<String, Tally> byFund = new TreeMap<>();
        Tally followOns = Tally.ZERO;
        Tally c3 = Tally.ZERO;
        long exits = 0;
        long exited = 0;
        long proceeds = 0;
        for (Investment i : investments.takenOrExitedBetween(from, to)) {
            if (i.terms().investedOn().getYear() == year) {
                Tally one = new Tally(1, i.terms().amount().fen());
                Placement p = Placement.of(i);
                byDistrict.merge(p.districtKey(), one, Tally::plus);
                byStage.merge(p.stage().name(), one, Tally::plus);
                byField.merge(p.fieldKey(), one, Tally::plus);
                byFund.merge(i.fundId(), one, Tally::plus);
                followOns = p.followOn() ? followOns.plus(one) : followOns;
                c3 = p.c3() ? c3.plus(one) : c3;
            }
            for (Investment.Exit x : i.exits()) {
                if (x.exitedOn().getYear() == year) {
                    exits++;
                    exited += (x.exitedAmount() == null ? i.terms().amount() : x.exitedAmount()).fen();
                    proceeds += x.proceeds().fen();
                }
            }
        }
        Tally all = byStage.values().stream().reduce(Tally.ZERO, Tally::plus);
        return new InvestmentFigures(year, all.count(), all.amountFen(), byDistrict, byStage, byField, followOns, c3,
                byFund, new ExitFigures(exits, exited, proceeds));
    }

    public InvestmentFigures investments() {
        Map<String, Tally> byDistrict = new TreeMap<>();
        Map<String, Tally> byStage = new TreeMap<>();
        Map<String, Tally> byField = new TreeMap<>();
        Map<String, Tally> byFund = new TreeMap<>();
        Tally followOns = new Tally(0, 0);
        Tally c3 = new Tally(0, 0);
        for (Map.Entry<String, FundFigures> e : funds.figures().entrySet()) {
            FundFigures f = e.getValue();
            f.byDistrict().forEach((k, v) -> byDistrict.merge(k, v, Tally::plus));
            f.byStage().forEach((k, v) -> byStage.merge(k, v, Tally::plus));
            f.byField().forEach((k, v) -> byField.merge(k, v, Tally::plus));
            byFund.put(e.getKey(), f.byStage().values().stream().reduce(new Tally(0, 0),
                    Tally::plus));
            followOns = followOns.plus(f.followOns());
            c3 = c3.plus(f.c3FollowOns());
        }
        Tally all = byStage.values().stream().reduce(new Tally(0, 0),
                Tally::plus);
        return new InvestmentFigures(null, all.count(), all.amountFen(), byDistrict, byStage, byField, followOns, c3,
                byFund, null);
    }

    private static FundFamily family(Fund root, List<Amounts> members) {
        long target = 0;
        long committed = 0;
        long paidIn = 0;
        long fiscal = 0;
        long fees = 0;
        boolean placeholder = false;
        java.util.Set<Reading> readings = new java.util.LinkedHashSet<>();
        for (Amounts a : members) {
            Fund f = a.fund();
            readings.addAll(Reading.of(f));
            target += f.targetSize().fen();
            committed += a.committedFromOutsideFen();
            paidIn += a.paidInFromOutsideFen();
            fiscal += a.fiscalCommittedFen();
            fees += a.feesFen();
            placeholder |= f.provenance().placeholder();
        }
        return new FundFamily(root.id(), root.names().english(), root.kind().name(), members.size() - 1, target, committed,
                paidIn, fiscal, fees, placeholder, List.copyOf(readings));
    }

    /** numerator / denominator x scale, rounded down, integers only; 0 for a zero denominator. */
    static long ratio(long numerator, long denominator, long scale) {
        return denominator == 0 ? 0 : Math.multiplyExact(numerator, scale) / denominator;
    }
}
