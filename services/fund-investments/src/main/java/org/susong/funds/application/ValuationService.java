package org.susong.funds.application;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.susong.commons.ids.Ids;
import org.susong.commons.money.Money;
import org.susong.commons.rest.ProblemException;
import org.susong.commons.security.Principal;
import org.susong.commons.time.BusinessClock;
import org.susong.funds.domain.Fund;
import org.susong.funds.domain.Investment;
import org.susong.funds.domain.InvestmentState;
import org.susong.funds.domain.Valuation;
import org.susong.funds.persistence.FundRepository;
import org.susong.funds.persistence.InvestmentRepository;
import org.susong.funds.persistence.ValuationRepository;

/**
 * Valuations of investments and the fund's multiples on paid-in capital (issue 20 item 9). A valuation moves no money:
 * it is a fact recorded once (its own id) and kept as history; the figures are computed from what is stored when read.
 */
@ApplicationScoped
public class ValuationService {

    /** A fair value of the remaining position as of a date, from a source. */
    public record ValuationCommand(long fairValueFen, LocalDate asOf, String source) {
    }

    /** An investment with its valuations (oldest first) and the one that counts. */
    public record Valued(Investment investment, List<Valuation> history) {
        public Optional<Valuation> latest() {
            return Valuation.latest(history);
        }

        /** Fair value of the remaining position / the remaining cost (held), basis points; null without both. */
        public Long unrealisedMultipleBasisPoints() {
            return latest().map(v -> Valuation.multipleBasisPoints(v.fairValue().fen(), investment.held().fen()))
                    .orElse(null);
        }
    }

    /**
     * A fund's money returned and still held against what was paid in.
     *
     * @param distributedFen   proceeds of every exit of the fund's investments (realised)
     * @param residualValueFen what the fund still holds: each COMMITTED investment at its latest fair value, or at the
     *                         cost still held when it has no valuation (unrealised)
     * @param valued           COMMITTED investments counted at a fair value
     * @param atCost           COMMITTED investments counted at cost (no valuation yet)
     */
    public record Performance(Fund fund, long distributedFen, long residualValueFen, int valued, int atCost) {
        public Long dpiBasisPoints() {
            return Valuation.multipleBasisPoints(distributedFen, fund.paidIn().fen());
        }

        public Long rvpiBasisPoints() {
            return Valuation.multipleBasisPoints(residualValueFen, fund.paidIn().fen());
        }

        public Long tvpiBasisPoints() {
            return Valuation.multipleBasisPoints(Math.addExact(distributedFen, residualValueFen), fund.paidIn().fen());
        }
    }

    private final ValuationRepository valuations;
    private final InvestmentRepository investments;
    private final InvestmentService investmentService;
    private final FundRepository funds;
    private final Clock clock;

    ValuationService(ValuationRepository valuations, InvestmentRepository investments, InvestmentService investmentService,
                     FundRepository funds, Clock clock) {
        this.valuations = valuations;
        this.investments = investments;
        this.investmentService = investmentService;
        this.funds = funds;
        this.clock = clock;
    }

    /**
     * Records a valuation of a COMMITTED investment (a fund manager of the fund, or an admin: {@link FundScope#requireWrite}).
     *
     * @throws ProblemException 404 unknown or another fund's; 409 not COMMITTED (nothing held, or not invested);
     *                          422 {@code asOf} after today or before the investment
     */
    public Valued record(Principal principal, String fundId, String investmentId, ValuationCommand command) {
        FundScope.requireWrite(principal, fundId);
        Investment investment = investmentService.find(principal, fundId, investmentId)
                .orElseThrow(() -> ProblemException.notFound("investment", investmentId));
        if (investment.state() != InvestmentState.COMMITTED) {
            throw ProblemException.conflict("investment " + investmentId + " is " + investment.state()
                    + ": only a position the fund holds (COMMITTED) is valued").with("currentStatus", investment.state().name());
        }
        LocalDate today = LocalDate.ofInstant(clock.instant(), BusinessClock.ZONE);
        if (command.asOf().isAfter(today)) {
            throw ProblemException.unprocessable("asOf", "a valuation cannot be as of a day after today (" + today + ")");
        }
        if (command.asOf().isBefore(investment.terms().investedOn())) {
            throw ProblemException.unprocessable("asOf", "a valuation cannot be as of a day before the investment ("
                    + investment.terms().investedOn() + ")");
        }
        valuations.insert(new Valuation(Ids.newId("VAL", clock), fundId, investmentId,
                Money.ofFen(command.fairValueFen()), command.asOf(), command.source(), principal.user(), clock.instant()));
        return new Valued(investment, valuations.ofInvestment(investmentId));
    }

    /** An investment with its valuations; empty when unknown or not the principal's to see ({@link FundScope}). */
    public Optional<Valued> valued(Principal principal, String fundId, String investmentId) {
        return investmentService.find(principal, fundId, investmentId)
                .map(i -> new Valued(i, valuations.ofInvestment(investmentId)));
    }

    /** The fund's DPI, RVPI and TVPI inputs; empty when unknown or not the principal's to see. */
    public Optional<Performance> performance(Principal principal, String fundId) {
        if (!FundScope.covers(principal, fundId)) {
            return Optional.empty();
        }
        return funds.find(fundId).map(fund -> {
            Map<String, Valuation> latest = new HashMap<>();
            for (Valuation v : valuations.ofFund(fundId)) { // oldest first: the last one kept is the latest
                latest.put(v.investmentId(), v);
            }
            long distributed = 0;
            long residual = 0;
            int valued = 0;
            int atCost = 0;
            for (Investment i : investments.findByFund(fundId)) {
                distributed = Math.addExact(distributed, i.proceeds().fen());
                if (i.state() == InvestmentState.COMMITTED) {
                    Valuation v = latest.get(i.id());
                    residual = Math.addExact(residual, v == null ? i.held().fen() : v.fairValue().fen());
                    if (v == null) {
                        atCost++;
                    } else {
                        valued++;
                    }
                }
            }
            return new Performance(fund, distributed, residual, valued, atCost);
        });
    }
}
