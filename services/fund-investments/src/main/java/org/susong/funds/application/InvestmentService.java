package org.susong.funds.application;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.susong.commons.ids.District;
import org.susong.commons.ids.Hashes;
import org.susong.commons.ids.Ids;
import org.susong.commons.ids.Uscc;
import org.susong.commons.messaging.NewEvent;
import org.susong.commons.messaging.Outbox;
import org.susong.commons.messaging.OutboxRelay;
import org.susong.commons.money.Money;
import org.susong.commons.persistence.GuardedCounter;
import org.susong.commons.rest.ProblemException;
import org.susong.commons.security.Principal;
import org.susong.commons.time.BusinessClock;
import org.susong.funds.config.FundsConfig;
import org.susong.funds.domain.CapitalMovement;
import org.susong.funds.domain.ExitKind;
import org.susong.funds.domain.Fund;
import org.susong.funds.domain.FundNotOpen;
import org.susong.funds.domain.IllegalTransition;
import org.susong.funds.domain.Instrument;
import org.susong.funds.domain.Investment;
import org.susong.funds.domain.InvestmentState;
import org.susong.funds.domain.InvestmentTerms;
import org.susong.funds.domain.InvestmentViolation;
import org.susong.funds.domain.Placement;
import org.susong.funds.domain.Stage;
import org.susong.funds.messaging.out.InvestmentEvents;
import org.susong.funds.persistence.CapitalMovementRepository;
import org.susong.funds.persistence.FundRepository;
import org.susong.funds.persistence.InvestmentRepository;
import org.susong.funds.persistence.PortfolioRepository;

/**
 * Investing fund money, intent first (architecture rule 4, docs/architecture.md#rule-4), so that no concurrency and no crash
 * can over-commit a fund:
 * <ol>
 *   <li>insert the investment PENDING, leased to this request;</li>
 *   <li>apply it to the fund's counter with a guarded update ({@code availableFen >= amount}, fund
 *       OPEN, investment id not yet recorded) that records the id on the fund;</li>
 *   <li>mark it COMMITTED in one update that also appends {@code InvestmentCommitted} to its outbox
 *       (or REFUSED when the guard said no);</li>
 *   <li>let the relay publish.</li>
 * </ol>
 * The investment's id stays in the fund's {@code applied} set for good (one short id per investment the
 * fund ever made, like capital movement ids; reads of the fund exclude the set): a writer that stalled
 * past its lease and goes on after the resumer committed the investment finds it already applied.
 * A crash between the steps leaves a PENDING investment that {@link InvestmentResumer} finishes.
 */
@ApplicationScoped
public class InvestmentService {

    /** What the caller asked for, already validated for shape by the REST layer. */
    /**
     * An investment as asked for; {@code fromReserve} TRUE for a follow-on drawn from the fund's reserve (issue 20 item
     * 9), null otherwise (left out of the request's hash, so an {@code Idempotency-Key} kept before it still matches).
     */
    public record InvestCommand(String fundId, String enterpriseUscc, String round, Instrument instrument, long amountFen,
                                int stakeBasisPoints, LocalDate investedOn, Stage stage, String usccCheckOverrideReason,
                                District district, String field, boolean followOn, String firstRoundId,
                                boolean c3ResearchInfrastructure, String infrastructure,
                                @com.fasterxml.jackson.annotation.JsonInclude(
                                        com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL) Boolean fromReserve) {

        /** An investment paid from the money available. */
        public InvestCommand(String fundId, String enterpriseUscc, String round, Instrument instrument, long amountFen,
                             int stakeBasisPoints, LocalDate investedOn, Stage stage, String usccCheckOverrideReason,
                             District district, String field, boolean followOn, String firstRoundId,
                             boolean c3ResearchInfrastructure, String infrastructure) {
            this(fundId, enterpriseUscc, round, instrument, amountFen, stakeBasisPoints, investedOn, stage,
                    usccCheckOverrideReason, district, field, followOn, firstRoundId, c3ResearchInfrastructure,
                    infrastructure, null);
        }

        public InvestCommand {
            fromReserve = Boolean.TRUE.equals(fromReserve) ? Boolean.TRUE : null;
        }
    }

    /**
     * An exit as asked for.
     *
     * @param exitedFen the part of the amount invested that leaves; null for all the fund still holds
     */
    public record ExitCommand(ExitKind kind, LocalDate exitedOn, long proceedsFen, String note, Long exitedFen) {

        public ExitCommand(ExitKind kind, LocalDate exitedOn, long proceedsFen, String note) {
            this(kind, exitedOn, proceedsFen, note, null);
        }
    }

    /** How often an exit reads the position again after a concurrent exit changed it before giving up (409). */
    static final int EXIT_ATTEMPTS = 20;

    /** The investment as it stands, and whether this answers a repeat of an earlier request. */
    public record Invested(Investment investment, boolean replayed) {
    }

    private final FundRepository funds;
    private final InvestmentRepository investments;
    private final PortfolioRepository portfolios;
    private final OutboxRelay relay;
    private final FundsConfig config;
    private final ObjectMapper json;
    private final Clock clock;
    private final CapitalMovementRepository movements;
    private final CapitalService capital;

    InvestmentService(FundRepository funds, InvestmentRepository investments, PortfolioRepository portfolios,
                      OutboxRelay relay, FundsConfig config, ObjectMapper json, Clock clock,
                      CapitalMovementRepository movements, CapitalService capital) {
        this.movements = movements;
        this.capital = capital;
        this.funds = funds;
        this.investments = investments;
        this.portfolios = portfolios;
        this.relay = relay;
        this.config = config;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Invests; answers the COMMITTED (or, after losing a race with the resumer, still PENDING)
     * investment.
     *
     * @throws ProblemException 404 unknown fund, 409 fund not open, 422 invalid terms or not enough available
     */
    public Invested invest(Principal principal, InvestCommand command, String idempotencyKey) {
        FundScope.requireWrite(principal, command.fundId());
        Fund fund = funds.find(command.fundId()).orElseThrow(() -> ProblemException.notFound("fund", command.fundId()));
        String scopedKey = idempotencyKey == null ? null : principal.user() + ":" + idempotencyKey;
        String requestHash = Hashes.sha256(Outbox.serialise(json, command));
        if (scopedKey != null) {
            Optional<Invested> replay = replay(scopedKey, requestHash);
            if (replay.isPresent()) {
                return replay.get();
            }
        }
        Instant now = clock.instant();
        String id = Ids.newId("INV", clock);
        Investment investment = propose(principal, fund, command, id, idempotencyKey == null ? "request:" + id
                : "request:" + idempotencyKey, now);
        long limit = config.secondApprovalAboveFen();
        if (command.amountFen() > limit || !funds.addWithinDailyLimit("investments:" + fund.id(),
                LocalDate.ofInstant(now, BusinessClock.ZONE), command.amountFen(), limit)) {
            // maker-checker: above the limit, alone or with what every maker invested without a second approver in the
            // fund today (a total per fund: per maker, n managers would move n x limit), the intent waits for another
            // principal; nothing moves money until approve(). A waiting intent adds nothing to the total.
            Investment held = investment.awaitApproval(principal.user());
            if (!investments.insertAwaitingApproval(held, scopedKey, requestHash)) {
                return replay(scopedKey, requestHash).orElseThrow(() -> ProblemException.conflict(
                        "a request with this Idempotency-Key is still in progress"));
            }
            return answer(held, false);
        }
        String owner = UUID.randomUUID().toString();
        if (!investments.insertPending(investment, owner, now.plus(config.resumeAfter()), scopedKey, requestHash)) {
            // a concurrent request with the same key won the insert: answer as a replay of it
            return replay(scopedKey, requestHash).orElseThrow(() -> ProblemException.conflict(
                    "a request with this Idempotency-Key is still in progress"));
        }
        return answer(finish(investment, owner), false);
    }

    /**
     * The second approval of an investment above the limit (maker-checker: another principal than the
     * one who asked, a fund manager of the fund or an admin): it becomes PENDING, leased to this
     * request, in one conditional write, and is then applied like any intent (the fund's guard may
     * still refuse it). Idempotent by its own id ({@code APR-<investmentId>}, one per investment): the
     * approver's repeat answers the investment as it stands and moves nothing; a crash after the
     * approval leaves a PENDING intent the resumer finishes.
     *
     * @throws ProblemException 404 unknown (or another fund's), 409 not awaiting approval, the maker
     *                          approving, or approved by another; 422 when the fund could not take it
     */
    public Invested approve(Principal principal, String fundId, String investmentId) {
        FundScope.requireWrite(principal, fundId);
        Investment held = find(fundId, investmentId).orElseThrow(() -> ProblemException.notFound(
                "investment", investmentId));
        if (approvedBy(held, principal)) {
            return answer(held, true);
        }
        Instant now = clock.instant();
        Investment approved;
        try {
            approved = held.approve(principal.user(), now);
        } catch (IllegalTransition e) {
            throw ProblemException.conflict(e.getMessage()).with("investmentId", investmentId);
        }
        String owner = UUID.randomUUID().toString();
        if (!investments.approve(approved, owner, now.plus(config.resumeAfter()))) {
            Investment current = current(investmentId);
            if (approvedBy(current, principal)) {
                return answer(current, true); // this approver's concurrent repeat won
            }
            throw ProblemException.conflict("investment " + investmentId + " no longer awaits approval ("
                    + current.state() + ")").with("investmentId", investmentId);
        }
        return answer(finish(approved, owner), false);
    }

    /**
     * A second principal (a fund manager of the fund other than the maker, or an admin) rejects an investment
     * waiting for approval, with a reason: REJECTED in one conditional write, nothing moved. The waiting
     * investment holds no money and adds nothing to the day's total, so nothing is given back.
     *
     * @throws ProblemException 404 unknown (or another fund's), 409 not waiting (decided, expired) or the maker rejecting
     */
    public Investment reject(Principal principal, String fundId, String investmentId, String reason) {
        FundScope.requireWrite(principal, fundId);
        Investment held = find(fundId, investmentId).orElseThrow(() -> ProblemException.notFound(
                "investment", investmentId));
        Investment rejected;
        try {
            rejected = held.reject(principal.user(), reason, clock.instant());
        } catch (IllegalTransition e) {
            throw ProblemException.conflict(e.getMessage()).with("investmentId", investmentId);
        }
        var outbox = Outbox.entries(json, investments.lastSequence(rejected.id()), refusedEvent(rejected,
                principal.asActor(), "request:rejection:" + investmentId), clock.instant());
        if (!investments.endWaiting(rejected, outbox)) {
            throw ProblemException.conflict("investment " + investmentId + " no longer awaits approval ("
                    + current(investmentId).state() + ")").with("investmentId", investmentId);
        }
        relay.publishSoon(InvestmentRepository.COLLECTION, investmentId);
        return rejected;
    }

    private static boolean approvedBy(Investment investment, Principal principal) {
        return investment.approval() != null && principal.user().equals(investment.approval().approvedBy());
    }

    /** The fund's investment; 404 (a problem) for a fund the principal does not see ({@link FundScope}). */
    public Optional<Investment> find(Principal principal, String fundId, String investmentId) {
        FundScope.require(principal, fundId);
        return find(fundId, investmentId);
    }

    private Optional<Investment> find(String fundId, String investmentId) {
        return investments.find(investmentId).filter(i -> i.fundId().equals(fundId));
    }

    /**
     * Steps 2-4 for a PENDING investment leased to {@code owner}: the request that wrote it, or the
     * resumer that took it over. Returns the investment as it now stands.
     */
    Investment finish(Investment pending, String owner) {
        // the intent is written: re-read the chain's first round before any money moves (an exit may have come
        // since the request checked it); once the money moved (a crash after the fund's update), it is finished
        // A refusal is recorded on the fund first (unless the money moved meanwhile): a request that stalled past its
        // lease before the fund's update can then no longer apply it (the fund's guard excludes refused ids).
        Optional<String> leftChain = leftChain(pending);
        Money amount = pending.terms().amount();
        GuardedCounter.Outcome outcome;
        if (leftChain.isPresent()) {
            if (funds.recordInvestmentRefusal(pending.fundId(), pending.id())) {
                Investment refused = pending.refuseFollowOn(leftChain.get(), clock.instant());
                return refuse(refused, owner);
            }
            // the money moved before the exit was seen here (a crash after the fund's update, a stalled request): finish it
            outcome = funds.hasApplied(pending.fundId(), pending.id()) ? GuardedCounter.Outcome.ALREADY_APPLIED
                    : GuardedCounter.Outcome.NO_COUNTER;
        } else {
            outcome = funds.apply(pending.fundId(), pending.id(), amount, Placement.of(pending));
            if (outcome == GuardedCounter.Outcome.REFUSED && !funds.recordInvestmentRefusal(pending.fundId(), pending.id())) {
                // a request that stalled past its lease applied it after this guard said no: it is applied
                outcome = GuardedCounter.Outcome.ALREADY_APPLIED;
            }
        }
        Instant now = clock.instant();
        if (outcome == GuardedCounter.Outcome.APPLIED || outcome == GuardedCounter.Outcome.ALREADY_APPLIED) {
            // the enterprise's portfolio lists it before it shows COMMITTED (idempotent: $addToSet)
            portfolios.add(pending.terms().enterpriseUscc().value(), pending.id());
            Investment.Commitment commitment = pending.commit(now);
            var outbox = Outbox.entries(json, 0, List.of(InvestmentEvents.toWire(commitment.event(),
                    pending.actor(), pending.causation())), now);
            if (!investments.commit(commitment.investment(), owner, outbox)) {
                return current(pending.id());
            }
            // the id stays on the fund (never forgotten, as capital movement ids): a writer that stalled past its lease
            // before the fund's update (the request, the approver) finds it ALREADY_APPLIED instead of moving money again
            relay.publishSoon(InvestmentRepository.COLLECTION, pending.id());
            return commitment.investment();
        }
        boolean fromReserve = pending.context().fromReserve();
        // a follow-on drawn from the reserve is refused for what the reserve holds (reported as availableFen)
        Money available = (fromReserve ? funds.reserve(pending.fundId()) : funds.available(pending.fundId()))
                .orElse(Money.ZERO);
        String reason;
        if (outcome == GuardedCounter.Outcome.NO_COUNTER) {
            reason = "fund " + pending.fundId() + " does not exist";
        } else if (available.compareTo(amount) < 0) {
            reason = "fund " + pending.fundId() + " has only " + available + (fromReserve ? " in its reserve" : " available")
                    + ", less than " + amount;
        } else {
            reason = "fund " + pending.fundId() + " no longer takes new investments";
        }
        Investment refused = pending.refuse(reason, available, now);
        return refuse(refused, owner);
    }

    private Investment propose(Principal principal, Fund fund, InvestCommand command, String id, String causation,
                               Instant now) {
        Uscc uscc;
        try {
            uscc = Uscc.parse(command.enterpriseUscc());
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("enterpriseUscc", e.getMessage());
        }
        try {
            InvestmentTerms terms = new InvestmentTerms(uscc, command.round(), command.instrument(),
                    Money.ofFen(command.amountFen()), command.stakeBasisPoints(), command.investedOn(), command.stage());
            fund.accepts(terms, command.field());
            String firstRound = firstRound(principal, command, terms);
            boolean fromReserve = Boolean.TRUE.equals(command.fromReserve());
            if (fromReserve && firstRound != null
                    && !investments.find(firstRound).map(i -> i.fundId().equals(fund.id())).orElse(false)) {
                throw new InvestmentViolation("fromReserve", "a fund's reserve pays follow-ons of its own investments only:"
                        + " the first round " + firstRound + " is not fund " + fund.id() + "'s");
            }
            Investment.Context context = new Investment.Context(command.district(), command.field(), firstRound,
                    command.c3ResearchInfrastructure(), command.infrastructure(), null, false, fromReserve);
            return Investment.propose(id, fund.id(), terms, context, LocalDate.ofInstant(now, BusinessClock.ZONE),
                    command.usccCheckOverrideReason(), principal.hasAnyRole(Principal.FUND_MANAGER, Principal.ADMIN),
                    principal.asActor(),
                    causation, now);
        } catch (InvestmentViolation e) {
            throw ProblemException.unprocessable(e.field(), e.getMessage());
        } catch (FundNotOpen e) {
            throw ProblemException.conflict(e.getMessage());
        }
    }

    /**
     * The first round a follow-on links to (the root of its chain): the round it names and the chain's
     * first round must exist, be COMMITTED, be in the same enterprise and not be later than the
     * follow-on. Null for a first round. A round in a fund the principal does not see is as unknown
     * (a fund manager learns nothing of another fund's investments).
     */
    private String firstRound(Principal principal, InvestCommand command, InvestmentTerms terms) {
        if (command.firstRoundId() == null) {
            if (command.followOn()) {
                throw new InvestmentViolation("firstRoundId", "a follow-on round must name the first round it follows");
            }
            return null;
        }
        Investment first = investments.find(command.firstRoundId()).filter(i -> FundScope.covers(principal, i.fundId()))
                .orElseThrow(() -> new InvestmentViolation("firstRoundId", "there is no investment " + command.firstRoundId()));
        first.acceptsFollowOn(terms);
        if (!first.firstRound().equals(first.id())) {
            investments.find(first.firstRound()).filter(i -> FundScope.covers(principal, i.fundId()))
                    .orElseThrow(() -> new InvestmentViolation("firstRoundId",
                    "the first round " + first.firstRound() + " of the chain is missing")).acceptsFollowOn(terms);
        }
        return first.firstRound();
    }

    /** Why a follow-on can no longer be made: its chain's first round is no longer COMMITTED (the fund left it). */
    private Optional<String> leftChain(Investment pending) {
        if (!pending.context().followOn()) {
            return Optional.empty();
        }
        InvestmentState state = investments.find(pending.context().firstRoundId()).map(Investment::state)
                .orElse(InvestmentState.REFUSED);
        return state == InvestmentState.COMMITTED ? Optional.empty() : Optional.of("the first round "
                + pending.context().firstRoundId() + " of the chain is " + state + ": no follow-on on a position the fund"
                + " has left");
    }

    /**
     * Records the fund's exit from (a part of) a COMMITTED investment in one write with its InvestmentExited event, and
     * recycles its proceeds into what the fund may invest, intent first: the RECYCLED capital movement
     * {@code RCY-<exitId>} is written PENDING before the exit, and applied to the fund's counter once the exit is
     * recorded ({@link CapitalService#finish}; a crash leaves it to the resumer, which applies it only if the exit was
     * recorded and otherwise voids the exit id on the investment). The exit write is conditional on the part exited
     * this request read, so exits at once never take more than the position: a loser reads again and is refused
     * (422 {@code exitedFen}) when its part no longer fits.
     *
     * @throws ProblemException 404 unknown investment (or another fund's), 409 not COMMITTED, 422 naming the field
     */
    public Investment exit(Principal principal, String fundId, String investmentId, ExitCommand command) {
        return exit(principal, fundId, investmentId, command, null).investment();
    }

    /**
     * {@link #exit(Principal, String, String, ExitCommand)} with an {@code Idempotency-Key} (scoped to the principal and
     * the investment): the exit is recorded only if none of the investment has the key yet (in the same conditional
     * write), so a repeat records no second part. A repeat with the same body answers the investment as it stands
     * (replayed), another body under the key is refused (422), as for investments.
     */
    public Invested exit(Principal principal, String fundId, String investmentId, ExitCommand command,
                         String idempotencyKey) {
        FundScope.requireWrite(principal, fundId);
        Investment read = find(fundId, investmentId).orElseThrow(() -> ProblemException.notFound("investment",
                investmentId));
        String scopedKey = idempotencyKey == null ? null : principal.user() + ":" + idempotencyKey;
        String requestHash = scopedKey == null ? null : Hashes.sha256(Outbox.serialise(json, command));
        Optional<Invested> replay = replayExit(read, scopedKey, requestHash);
        if (replay.isPresent()) {
            return replay.get();
        }
        Instant now = clock.instant();
        String exitId = Ids.newId("EXT", clock);
        Investment.Exiting exiting = exiting(read, exitId, command, now);
        Money proceeds = Money.ofFen(command.proceedsFen());
        String owner = UUID.randomUUID().toString();
        CapitalMovement recycling = null;
        if (proceeds.isPositive()) {
            recycling = CapitalMovement.recycling(exitId, fundId, investmentId, proceeds, command.exitedOn(),
                    principal.asActor(), now);
            movements.insertPending(recycling, owner, now.plus(config.resumeAfter()));
        }
        for (int attempt = 1; ; attempt++) {
            long lastSequence = investments.lastSequence(investmentId);
            var outbox = Outbox.entries(json, lastSequence, List.of(InvestmentEvents.toWire(exiting.event(),
                    principal.asActor(), "request:exit:" + exitId)), now);
            if (investments.recordExit(read, exiting.investment(), outbox, scopedKey, requestHash)) {
                break;
            }
            // another exit came first: read again and check this part against what the fund still holds
            try {
                if (attempt >= EXIT_ATTEMPTS) {
                    throw ProblemException.conflict("investment " + investmentId + " changed " + attempt
                            + " times while this exit was recorded; try again");
                }
                read = current(investmentId);
                replay = replayExit(read, scopedKey, requestHash);
                if (replay.isPresent()) {
                    // a concurrent repeat under the same key recorded the exit: this one moves nothing
                    if (recycling != null) {
                        movements.finish(recycling.refused("a repeat of an exit already recorded under its"
                                + " Idempotency-Key"), owner, List.of());
                    }
                    return replay.get();
                }
                exiting = exiting(read, exitId, command, now);
            } catch (ProblemException e) {
                if (recycling != null) {
                    movements.finish(recycling.refused("the exit was refused: " + e.getMessage()), owner, List.of());
                }
                throw e;
            }
        }
        relay.publishSoon(InvestmentRepository.COLLECTION, investmentId);
        if (recycling != null) {
            capital.finish(recycling, owner);
        }
        return new Invested(exiting.investment(), false);
    }

    /** The investment as it stands when an exit under this key is recorded on it (same body), 422 for another body. */
    private Optional<Invested> replayExit(Investment investment, String scopedKey, String requestHash) {
        if (scopedKey == null) {
            return Optional.empty();
        }
        return investments.findExitByIdempotencyKey(investment.id(), scopedKey).map(stored -> {
            requireSameRequest(stored.requestHash(), requestHash, investment.id());
            return new Invested(current(investment.id()), true);
        });
    }

    /** An Idempotency-Key reused for a different request body: 422 naming the investment it was first used for. */
    private static void requireSameRequest(String storedHash, String requestHash, String investmentId) {
        if (!requestHash.equals(storedHash)) {
            throw ProblemException.unprocessable("Idempotency-Key", "this Idempotency-Key was used for a different"
                    + " request body").with("investmentId", investmentId);
        }
    }

    /** Marks the leased PENDING investment REFUSED with its InvestmentRefused event (the investment's own actor). */
    private Investment refuse(Investment refused, String owner) {
        var outbox = Outbox.entries(json, investments.lastSequence(refused.id()), refusedEvent(refused, refused.actor(),
                refused.causation()), clock.instant());
        if (!investments.refuse(refused, owner, outbox)) {
            return current(refused.id());
        }
        relay.publishSoon(InvestmentRepository.COLLECTION, refused.id());
        return refused;
    }

    /** The event of an investment that moved no money (refused, rejected, expired). */
    private static List<NewEvent> refusedEvent(Investment ended, String actor, String causation) {
        return List.of(InvestmentEvents.toWire(ended.refusedEvent(), actor, causation));
    }

    private Investment.Exiting exiting(Investment investment, String exitId, ExitCommand command, Instant now) {
        try {
            return investment.exit(exitId, command.kind(), command.exitedOn(),
                    command.exitedFen() == null ? null : Money.ofFen(command.exitedFen()),
                    Money.ofFen(command.proceedsFen()), command.note(), LocalDate.ofInstant(now, BusinessClock.ZONE), now);
        } catch (InvestmentViolation e) {
            ProblemException problem = ProblemException.unprocessable(e.field(), e.getMessage());
            throw "exitedFen".equals(e.field()) ? problem.with("heldFen", investment.held().fen()) : problem;
        } catch (IllegalTransition e) {
            throw ProblemException.conflict(e.getMessage());
        }
    }

    /**
     * An enterprise's investments across all funds (read from its maintained portfolio, by id), as far
     * as the principal may see them: all of them for admin, finance, auditor and the enterprise's own
     * applicant; a fund manager's funds' only; none for anyone else (the caller answers 404).
     */
    public List<Investment> portfolio(Principal principal, String enterpriseUscc) {
        boolean whole = principal.sees(null, enterpriseUscc, FundScope.CITY_WIDE);
        if (!whole && !principal.hasRole(Principal.FUND_MANAGER)) {
            return List.of();
        }
        return investments.findAll(portfolios.investmentIds(enterpriseUscc)).stream()
                .filter(i -> whole || principal.manages(i.fundId())).toList();
    }

    private Optional<Invested> replay(String scopedKey, String requestHash) {
        return investments.findByIdempotencyKey(scopedKey).map(stored -> {
            requireSameRequest(stored.requestHash(), requestHash, stored.investment().id());
            return answer(stored.investment(), true);
        });
    }

    private Invested answer(Investment investment, boolean replayed) {
        if (investment.state() == InvestmentState.REFUSED) {
            Investment.Refusal refusal = investment.refusal();
            ProblemException problem = ProblemException.unprocessable(refusal.field(), refusal.reason())
                    .with("investmentId", investment.id());
            throw refusal.available() == null ? problem : problem.with("availableFen", refusal.available().fen());
        }
        return new Invested(investment, replayed);
    }

    private Investment current(String id) {
        return investments.find(id).orElseThrow(() -> new IllegalStateException("investment " + id + " vanished"));
    }
}
