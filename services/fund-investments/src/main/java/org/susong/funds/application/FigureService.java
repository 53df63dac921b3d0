package org.susong.funds.application;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.susong.commons.money.Money;
import org.susong.funds.domain.CapitalSource;
import org.susong.funds.domain.Fund;
import org.susong.funds.domain.FundFigures;
import org.susong.funds.domain.Reading;
import org.susong.funds.domain.Tally;
import org.susong.funds.persistence.FundRepository;

/**
 * The figures of measures C1 and C2 (formulas in docs/services/fund-investments.md). Every figure
 * reads the fund documents only (a handful): the investment figures are kept on them by the same
 * guarded update that takes each investment, so no figure scans the investments.
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
                             long committedFen, long paidInFen, long fiscalCommittedFen, boolean placeholder,
                             List<Reading> readings) {
    }

    /**
     * C2 scale: the families in the 100-billion target against it; the other funds beside it; and every fund against its
     * own target ({@code funds}, issue 20 item 9).
     */
    public record Scale(long targetFen, long inTargetCommittedFen, long inTargetPaidInFen, long progressBasisPoints,
                        List<FundFamily> inTarget, long otherCommittedFen, long otherPaidInFen, List<FundFamily> others,
                        boolean placeholderFigures, List<FundAgainstTarget> funds) {
    }

    /**
     * One fund (or sub-fund) against its own target size: everything committed to it and paid in (every source, its
     * parent's included: what its target bounds), as a share of {@code targetSizeFen} in basis points rounded down; null
     * while the fund has no target (0).
     */
    public record FundAgainstTarget(String fundId, String parentFundId, long targetSizeFen, long committedFen,
                                    long paidInFen, Long committedOfTargetBasisPoints, Long paidInOfTargetBasisPoints,
                                    boolean placeholder) {
        static FundAgainstTarget of(Fund f) {
            long target = f.targetSize().fen();
            long committed = f.committed().fen();
            long paidIn = f.paidIn().fen();
            return new FundAgainstTarget(f.id(), f.parentFundId(), target, committed, paidIn,
                    target == 0 ? null : ratio(committed, target, 10_000), target == 0 ? null : ratio(paidIn, target, 10_000),
                    f.provenance().placeholder());
        }
    }

    /**
     * C1 leverage: fiscal money put into the funds against all money they mobilised; {@code readings} says that the
     * {@code leverageGoal} is a reading of the source ({@link Reading#LEVERAGE_GOAL}, issue 16 item 7).
     */
    public record Leverage(long fiscalCommittedFen, long mobilisedCommittedFen, Long leverageHundredths,
                           long fiscalPaidInFen, long mobilisedPaidInFen, Long paidInLeverageHundredths,
                           long convertedFen, long leverageGoal, long c1FiscalFen, long c1MobilisedFen,
                           long fiscalShareOfC1BasisPoints, Map<CapitalSource, Long> committedBySource,
                           boolean placeholderFigures, List<Reading> readings) {
    }

    /** Investments by district, stage and field (count and amount), follow-ons and C3 follow-ons among them. */
    public record InvestmentFigures(long count, long amountFen, Map<String, Tally> byDistrict,
                                    Map<String, Tally> byStage, Map<String, Tally> byField,
                                    Tally followOns, Tally c3FollowOns,
                                    Map<String, Tally> byFund) {
    }

    private final FundRepository funds;

    FigureService(FundRepository funds) {
        this.funds = funds;
    }

    public Scale scale() {
        return scale(funds.findAll());
    }

    public Leverage leverage() {
        return leverage(funds.findAll());
    }

    /** C2 scale of these funds (a sub-fund rolls up into its parent's family). */
    public static Scale scale(List<Fund> all) {
        Map<String, Fund> byId = new LinkedHashMap<>();
        all.forEach(f -> byId.put(f.id(), f));
        Map<String, List<Fund>> families = new TreeMap<>();
        for (Fund f : byId.values()) {
            String root = f.parentFundId() != null && byId.containsKey(f.parentFundId()) ? f.parentFundId() : f.id();
            families.computeIfAbsent(root, k -> new ArrayList<>()).add(f);
        }
        List<FundFamily> inTarget = new ArrayList<>();
        List<FundFamily> others = new ArrayList<>();
        boolean placeholder = false;
        for (Map.Entry<String, List<Fund>> e : families.entrySet()) {
            Fund root = byId.get(e.getKey());
            FundFamily family = family(root, e.getValue());
            placeholder |= family.placeholder();
            (root.inHundredBillionTarget() ? inTarget : others).add(family);
        }
        long inCommitted = inTarget.stream().mapToLong(FundFamily::committedFen).sum();
        long inPaid = inTarget.stream().mapToLong(FundFamily::paidInFen).sum();
        return new Scale(HUNDRED_BILLION_TARGET.fen(), inCommitted, inPaid,
                ratio(inCommitted, HUNDRED_BILLION_TARGET.fen(), 10_000), inTarget,
                others.stream().mapToLong(FundFamily::committedFen).sum(),
                others.stream().mapToLong(FundFamily::paidInFen).sum(), others, placeholder,
                byId.values().stream().sorted(java.util.Comparator.comparing(Fund::id)).map(FundAgainstTarget::of).toList());
    }

    /** C1 leverage of these funds. */
    public static Leverage leverage(List<Fund> all) {
        long fiscal = 0;
        long fiscalPaid = 0;
        long total = 0;
        long totalPaid = 0;
        long converted = 0;
        Map<CapitalSource, Long> bySource = new java.util.EnumMap<>(CapitalSource.class);
        for (Fund f : all) {
            for (Map.Entry<CapitalSource, org.susong.funds.domain.Capital> c : f.capital().entrySet()) {
                if (!c.getKey().fromOutsideFamily()) {
                    continue; // a parent's money to its sub-fund was mobilised once, as the parent's capital
                }
                long committed = c.getValue().committed().fen();
                bySource.merge(c.getKey(), committed, Long::sum);
                total += committed;
                totalPaid += c.getValue().paidIn().fen();
                if (c.getKey().fiscal()) {
                    fiscal += committed;
                    fiscalPaid += c.getValue().paidIn().fen();
                }
            }
            converted += f.converted().fen();
        }
        boolean placeholder = all.stream().anyMatch(f -> f.provenance().placeholder());
        return new Leverage(fiscal, total, fiscal == 0 ? null : ratio(total, fiscal, 100), fiscalPaid, totalPaid,
                fiscalPaid == 0 ? null : ratio(totalPaid, fiscalPaid, 100), converted, C1_LEVERAGE_GOAL,
                C1_FISCAL_FEN.fen(), C1_MOBILISED_FEN.fen(), ratio(fiscal, C1_FISCAL_FEN.fen(), 10_000), bySource,
                placeholder, List.of(Reading.LEVERAGE_GOAL));
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
        return new InvestmentFigures(all.count(), all.amountFen(), byDistrict, byStage, byField, followOns, c3, byFund);
    }

    private static FundFamily family(Fund root, List<Fund> members) {
        long target = 0;
        long committed = 0;
        long paidIn = 0;
        long fiscal = 0;
        boolean placeholder = false;
        java.util.Set<Reading> readings = new java.util.LinkedHashSet<>();
        for (Fund f : members) {
            readings.addAll(Reading.of(f));
            target += f.targetSize().fen();
            committed += f.committedFromOutside().fen();
            paidIn += f.paidInFromOutside().fen();
            fiscal += f.fiscalCommitted().fen();
            placeholder |= f.provenance().placeholder();
        }
        return new FundFamily(root.id(), root.names().english(), root.kind().name(), members.size() - 1, target, committed,
                paidIn, fiscal, placeholder, List.copyOf(readings));
    }

    /** numerator / denominator x scale, rounded down, integers only; 0 for a zero denominator. */
    static long ratio(long numerator, long denominator, long scale) {
        return denominator == 0 ? 0 : Math.multiplyExact(numerator, scale) / denominator;
    }
}
