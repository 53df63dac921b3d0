package org.susong.funds.application;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.susong.commons.ids.Ids;
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
import org.susong.funds.domain.CapitalSource;
import org.susong.funds.domain.Fund;
import org.susong.funds.domain.InvestmentViolation;
import org.susong.funds.messaging.out.InvestmentEvents;
import org.susong.funds.persistence.CapitalMovementRepository;
import org.susong.funds.persistence.FundRepository;
import org.susong.funds.persistence.InvestmentRepository;

/**
 * Commitments, capital calls and paid-in capital by source, intent first (architecture rule 4, docs/architecture.md#rule-4):
 * insert the movement PENDING (leased), apply it to the fund's counter with a guarded update that
 * records its id, mark it APPLIED (with its {@code CapitalMoved} journal entry in its outbox) or
 * REFUSED. {@link InvestmentResumer} finishes movements a crash left PENDING. The fund keeps the ids
 * of its capital movements (they are few), so a lease that outlived a stalled request cannot make
 * the movement apply twice: the id on the counter is the fence.
 */
@ApplicationScoped
public class CapitalService {

    private final FundRepository funds;
    private final CapitalMovementRepository movements;
    private final InvestmentRepository investments;
    private final OutboxRelay relay;
    private final FundsConfig config;
    private final ObjectMapper json;
    private final Clock clock;

    CapitalService(FundRepository funds, CapitalMovementRepository movements, InvestmentRepository investments,
                   OutboxRelay relay, FundsConfig config, ObjectMapper json, Clock clock) {
        this.funds = funds;
        this.movements = movements;
        this.investments = investments;
        this.relay = relay;
        this.config = config;
        this.json = json;
        this.clock = clock;
    }

    /** A new commitment of a source; 422 naming {@code amountFen} beyond the fund's target size. */
    public CapitalMovement commit(Principal principal, String fundId, CapitalSource source, long amountFen, LocalDate dated,
                                  String reference) {
        return start(principal, fundId, CapitalMovement.Kind.COMMITMENT, source, amountFen, dated, reference);
    }

    /** A capital call on a source; 422 naming {@code amountFen} beyond what it committed and was not called. */
    public CapitalMovement call(Principal principal, String fundId, CapitalSource source, long amountFen, LocalDate dueOn,
                                String reference) {
        return start(principal, fundId, CapitalMovement.Kind.CALL, source, amountFen, dueOn, reference);
    }

    /**
     * A management fee paid from the fund's reserve (issue 20 item 9), intent first like every capital movement: 201
     * APPLIED, the reserve down by the fee; 422 naming {@code amountFen} (+ {@code reserveFen}) when the reserve holds
     * less, the refusal announced by {@code CapitalMovementRefused.v1} from the movement's outbox.
     */
    public CapitalMovement payManagementFee(Principal principal, String fundId, long amountFen, LocalDate dated,
                                            String reference) {
        FundScope.requireCapitalWrite(principal, fundId);
        funds.find(fundId).orElseThrow(() -> ProblemException.notFound("fund", fundId));
        Instant now = clock.instant();
        requireNotAfterToday(dated, "dated", now);
        CapitalMovement fee;
        try {
            fee = CapitalMovement.managementFee(Ids.newId("FEE", clock), fundId, Money.ofFen(amountFen), dated, reference,
                    principal.asActor(), now);
        } catch (InvestmentViolation e) {
            throw ProblemException.unprocessable(e.field(), e.getMessage());
        }
        String owner = UUID.randomUUID().toString();
        movements.insertPending(fee, owner, now.plus(config.resumeAfter()));
        return answer(finish(fee, owner));
    }

    /** The call paid in; a second payment of the same call is 409. */
    public CapitalMovement payIn(Principal principal, String fundId, String callId, LocalDate paidOn, String reference) {
        FundScope.requireCapitalWrite(principal, fundId);
        CapitalMovement call = movements.find(callId).filter(c -> c.fundId().equals(fundId))
                .orElseThrow(() -> ProblemException.notFound("capital call", callId));
        Instant now = clock.instant();
        requireNotAfterToday(paidOn, "paidOn", now);
        CapitalMovement payment;
        try {
            payment = CapitalMovement.paymentOf(call, paidOn, reference, principal.asActor(), now);
        } catch (InvestmentViolation e) {
            throw ProblemException.unprocessable(e.field(), e.getMessage());
        }
        String owner = UUID.randomUUID().toString();
        if (!movements.insertPending(payment, owner, now.plus(config.resumeAfter()))) {
            throw ProblemException.conflict("capital call " + callId + " is already paid in (" + payment.id() + ")")
                    .with("movementId", payment.id());
        }
        return answer(finish(payment, owner));
    }

    /** The fund's movements, oldest first; 404 for a fund the principal does not see ({@link FundScope}). */
    public List<CapitalMovement> ofFund(Principal principal, String fundId) {
        FundScope.require(principal, fundId);
        return movements.ofFund(fundId);
    }

    private CapitalMovement start(Principal principal, String fundId, CapitalMovement.Kind kind, CapitalSource source,
                                  long amountFen, LocalDate dated, String reference) {
        FundScope.requireCapitalWrite(principal, fundId);
        Fund fund = funds.find(fundId).orElseThrow(() -> ProblemException.notFound("fund", fundId));
        if (!source.fromOutsideFamily() && !fund.subFund()) {
            throw ProblemException.unprocessable("source", "fund " + fundId + " is a top-level fund: only a sub-fund"
                    + " receives money from its parent fund (" + source + ")");
        }
        Instant now = clock.instant();
        if (kind == CapitalMovement.Kind.COMMITMENT) {
            requireNotAfterToday(dated, "dated", now);
        }
        CapitalMovement movement;
        try {
            movement = new CapitalMovement(Ids.newId(kind == CapitalMovement.Kind.CALL ? "CALL" : "CMT", clock), fundId,
                    kind, source, Money.ofFen(amountFen), null, dated, reference, CapitalMovement.State.PENDING,
                    principal.asActor(), now, null);
        } catch (InvestmentViolation e) {
            throw ProblemException.unprocessable(e.field(), e.getMessage());
        }
        String owner = UUID.randomUUID().toString();
        movements.insertPending(movement, owner, now.plus(config.resumeAfter()));
        return answer(finish(movement, owner));
    }

    /**
     * Applies a PENDING movement leased to {@code owner} and records the outcome. A RECYCLED movement is applied only
     * once its exit is recorded on the investment; otherwise the exit's id is voided there (a stalled request can no
     * longer record it) and the movement is REFUSED.
     */
    CapitalMovement finish(CapitalMovement pending, String owner) {
        if (pending.kind() == CapitalMovement.Kind.RECYCLED
                && !investments.recordedOrVoided(pending.reference(), pending.exitId())) {
            CapitalMovement refused = pending.refused("exit " + pending.exitId() + " of investment " + pending.reference()
                    + " was not recorded: there are no proceeds to recycle");
            return movements.finish(refused, owner, List.of()) ? refused : movements.find(pending.id()).orElseThrow();
        }
        Money reserve = pending.kind() == CapitalMovement.Kind.PAID_IN ? reserveOf(pending) : Money.ZERO;
        boolean fromParent = pending.source() == CapitalSource.PARENT_FUND;
        String parentRefusal = null;
        if (fromParent && pending.kind() == CapitalMovement.Kind.PAID_IN) {
            // fund of funds (issue 20 item 9): the parent pays the call from its own available money first, guarded and
            // recorded on the parent under the movement's id; the sub-fund's paid-in below cannot refuse after it
            String parent = parentOf(pending.fundId());
            GuardedCounter.Outcome paid = parent == null ? GuardedCounter.Outcome.NO_COUNTER
                    : funds.applyParentPayment(parent, pending.id(), pending.fundId(), pending.amount());
            if (paid == GuardedCounter.Outcome.NO_COUNTER
                    || (paid == GuardedCounter.Outcome.REFUSED && funds.recordCapitalRefusal(parent, pending.id()))) {
                parentRefusal = "parent fund " + parent + " has only " + funds.available(parent).orElse(Money.ZERO)
                        + " available, less than " + pending.amount() + " to pay into sub-fund " + pending.fundId();
            }
            // REFUSED but the refusal not recorded: a request that stalled past its lease paid it meanwhile: go on
        }
        GuardedCounter.Outcome outcome = parentRefusal != null ? GuardedCounter.Outcome.REFUSED : switch (pending.kind()) {
            case COMMITMENT -> funds.applyCommitment(pending.fundId(), pending.id(), pending.source(), pending.amount());
            case CALL -> funds.applyCall(pending.fundId(), pending.id(), pending.source(), pending.amount());
            case PAID_IN -> funds.applyPaidIn(pending.fundId(), pending.id(), pending.source(), pending.amount(), reserve);
            case RECYCLED -> funds.applyRecycled(pending.fundId(), pending.id(), pending.amount());
            case MANAGEMENT_FEE -> funds.applyManagementFee(pending.fundId(), pending.id(), pending.amount());
            case FEE_REFUND -> funds.applyFeeRefund(pending.fundId(), pending.id(), pending.amount());
        };
        if (outcome == GuardedCounter.Outcome.REFUSED && !funds.recordCapitalRefusal(pending.fundId(), pending.id())) {
            // a request that stalled past its lease applied it after this guard said no: it is applied
            outcome = GuardedCounter.Outcome.ALREADY_APPLIED;
        }
        CapitalMovement finished;
        List<NewEvent> events = List.of();
        if (parentRefusal != null) {
            // its refusal is recorded on the sub-fund too (above), so a stalled request cannot pay it in there later
            finished = pending.refused(parentRefusal);
        } else if (outcome == GuardedCounter.Outcome.APPLIED || outcome == GuardedCounter.Outcome.ALREADY_APPLIED) {
            if (fromParent && pending.kind() == CapitalMovement.Kind.COMMITMENT) {
                // fund of funds: the parent's commitment to its sub-fund is counted on the parent, once per movement id
                String parent = parentOf(pending.fundId());
                if (parent != null) {
                    funds.countSubFundCommitment(parent, pending.id(), pending.fundId(), pending.amount());
                }
            }
            CapitalMovement.Applied applied = pending.applied(reserve, clock.instant());
            finished = applied.movement();
            events = List.of(InvestmentEvents.toWire(applied.event(), pending.actor()));
        } else if (outcome == GuardedCounter.Outcome.NO_COUNTER) {
            finished = pending.refused("fund " + pending.fundId() + " does not exist");
        } else if (pending.kind() == CapitalMovement.Kind.RECYCLED) {
            finished = pending.refused("the recycling of " + pending.exitId() + " was refused on fund " + pending.fundId());
        } else if (pending.kind() == CapitalMovement.Kind.COMMITMENT) {
            finished = pending.refused("the commitment would take fund " + pending.fundId() + " beyond its target size");
        } else if (pending.kind() == CapitalMovement.Kind.MANAGEMENT_FEE) {
            Money held = funds.reserve(pending.fundId()).orElse(Money.ZERO);
            finished = pending.refused("the reserve of fund " + pending.fundId() + " holds only " + held
                    + ", less than the fee of " + pending.amount());
            events = List.of(InvestmentEvents.refused(finished, held.fen(), pending.actor(), clock.instant()));
        } else {
            finished = pending.refused("source " + pending.source() + " has less committed and not yet called than "
                    + pending.amount());
        }
        if (finished.state() == CapitalMovement.State.REFUSED && events.isEmpty()
                && pending.kind() != CapitalMovement.Kind.RECYCLED) {
            // a refusal the fund's counter made is announced like the fund's other refusals (a recycling refused because
            // its exit was not recorded is the exit's own failure, not a refusal of a request)
            events = List.of(InvestmentEvents.refused(finished, null, pending.actor(), clock.instant()));
        }
        var outbox = Outbox.entries(json, 0, events, clock.instant());
        if (!movements.finish(finished, owner, outbox)) {
            return movements.find(pending.id()).orElseThrow();
        }
        // the id stays on the fund (capital movements are few): a request that stalled past its lease while the
        // resumer finished the movement finds it ALREADY_APPLIED - a forgotten id would let it apply again
        if (!outbox.isEmpty()) {
            relay.publishSoon(CapitalMovementRepository.COLLECTION, pending.id());
        }
        return finished;
    }

    private String parentOf(String subFundId) {
        return funds.find(subFundId).map(Fund::parentFundId).orElse(null);
    }

    private Money reserveOf(CapitalMovement paidIn) {
        Fund fund = funds.find(paidIn.fundId()).orElseThrow(() -> ProblemException.notFound("fund", paidIn.fundId()));
        return fund.reserveFor(paidIn.amount());
    }

    private CapitalMovement answer(CapitalMovement movement) {
        if (movement.state() == CapitalMovement.State.REFUSED) {
            ProblemException problem = ProblemException.unprocessable("amountFen", movement.refusal())
                    .with("movementId", movement.id());
            if (movement.kind() == CapitalMovement.Kind.MANAGEMENT_FEE) {
                problem = problem.with("reserveFen", funds.reserve(movement.fundId()).orElse(Money.ZERO).fen());
            }
            throw problem;
        }
        return movement;
    }

    private static void requireNotAfterToday(LocalDate date, String field, Instant now) {
        if (date.isAfter(LocalDate.ofInstant(now, BusinessClock.ZONE))) {
            throw ProblemException.unprocessable(field, "the date cannot be after today (Asia/Shanghai)");
        }
    }
}
