package org.susong.funds.application;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.susong.commons.idempotency.IdempotencyInFlight;
import org.susong.commons.idempotency.IdempotencyRecords;
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
    private final IdempotencyInFlight inFlight;

    CapitalService(FundRepository funds, CapitalMovementRepository movements, InvestmentRepository investments,
                   OutboxRelay relay, FundsConfig config, ObjectMapper json, Clock clock, IdempotencyInFlight inFlight) {
        this.inFlight = inFlight;
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

    /** A management fee's answer: the movement as it stands, and whether it answers a repeat (Idempotency-Key). */
    public record Fee(CapitalMovement movement, boolean replayed) {
    }

    /**
     * A management fee paid from the fund's reserve (issue 20 item 9), intent first like every capital movement: 201
     * APPLIED, the reserve down by the fee; 422 naming {@code amountFen} (+ {@code reserveFen}) when the reserve holds
     * less, the refusal announced by {@code CapitalMovementRefused.v1} from the movement's outbox. A fee above
     * {@code fee-second-approval-above-fen} is written AWAITING_APPROVAL and moves nothing until another principal
     * approves it ({@link #approveFee}). With an {@code Idempotency-Key} (commons {@link IdempotencyRecords}, kept on the
     * movement, inserted with the intent in one write): a repeat of the same request answers the first fee as it stands
     * and moves nothing, another body (or fund) under the key 422 naming {@code Idempotency-Key}, a repeat while the
     * first is served 409.
     *
     * @param request what the key's hash is taken of (the body; the fund is added here)
     */
    public Fee payManagementFee(Principal principal, String fundId, long amountFen, LocalDate dated, String reference,
                                String idempotencyKey, Object request) {
        FundScope.requireCapitalWrite(principal, fundId);
        funds.find(fundId).orElseThrow(() -> ProblemException.notFound("fund", fundId));
        Instant now = clock.instant();
        requireNotAfterToday(dated, "dated", now);
        String scopedKey = IdempotencyRecords.scoped(principal, idempotencyKey);
        if (scopedKey == null) {
            CapitalMovement fee = newFee(principal, fundId, amountFen, dated, reference, null, now);
            if (fee == null) {
                throw ProblemException.conflict("a movement with this id is already there; repeat the request");
            }
            return new Fee(fee, false);
        }
        String requestHash = IdempotencyRecords.requestHash(java.util.Map.of("fundId", fundId, "request", request));
        java.util.Optional<CapitalMovement> first = movements.replay(scopedKey, requestHash, now);
        if (first.isPresent()) {
            return new Fee(asFirstAnswered(first.get()), true);
        }
        if (!inFlight.begin(scopedKey)) {
            throw IdempotencyRecords.inProgress();
        }
        try {
            CapitalMovement fee = newFee(principal, fundId, amountFen, dated, reference,
                    (id) -> IdempotencyRecords.Record.of(scopedKey, requestHash, "{\"id\": \"" + id + "\"}",
                            now.plus(FundService.IDEMPOTENCY_RETENTION)), now);
            if (fee == null) { // a concurrent repeat on another replica took the key first: answer as its repeat
                return new Fee(asFirstAnswered(movements.replay(scopedKey, requestHash, now)
                        .orElseThrow(IdempotencyRecords::inProgress)), true);
            }
            return new Fee(fee, false);
        } finally {
            inFlight.end(scopedKey);
        }
    }

    /** Writes a new fee's intent (with its key's record) and applies it unless it waits; null when the key was taken. */
    private CapitalMovement newFee(Principal principal, String fundId, long amountFen, LocalDate dated, String reference,
                                   java.util.function.Function<String, IdempotencyRecords.Record> record, Instant now) {
        CapitalMovement fee;
        try {
            fee = CapitalMovement.managementFee(Ids.newId("FEE", clock), fundId, Money.ofFen(amountFen), dated, reference,
                    principal.asActor(), now);
        } catch (InvestmentViolation e) {
            throw ProblemException.unprocessable(e.field(), e.getMessage());
        }
        IdempotencyRecords.Record kept = record == null ? null : record.apply(fee.id());
        if (amountFen > config.feeSecondApprovalAboveFen()) { // maker-checker: nothing moves before a second principal
            CapitalMovement waiting = fee.awaitingApproval(principal.user());
            return movements.insertAwaitingApproval(waiting, kept) ? waiting : null;
        }
        String owner = UUID.randomUUID().toString();
        if (!movements.insertPending(fee, owner, now.plus(config.resumeAfter()), kept)) {
            return null; // the id is new: the key was taken
        }
        return answer(finish(fee, owner));
    }

    /**
     * The first answer to a keyed fee, from the movement as it stands: APPLIED or waiting as it is, REFUSED its 422
     * again; 409 while it is still PENDING (the first request, or the resumer, is finishing it).
     */
    private CapitalMovement asFirstAnswered(CapitalMovement fee) {
        if (fee.state() == CapitalMovement.State.PENDING) {
            throw IdempotencyRecords.inProgress().with("movementId", fee.id());
        }
        return answer(fee);
    }

    /**
     * The second principal's approval of a fee waiting AWAITING_APPROVAL (maker-checker, issue 20 item 9): one
     * conditional write makes it PENDING, leased to this request, then it is applied like any fee (the reserve's guard
     * decides: 422 {@code amountFen} when it holds less now). 409 when the maker approves (principal ids), when it is not
     * waiting, or when another principal approved it; the approver's repeat answers the fee as it stands and moves
     * nothing.
     */
    public Fee approveFee(Principal principal, String fundId, String feeId) {
        FundScope.requireCapitalWrite(principal, fundId);
        CapitalMovement fee = fee(fundId, feeId);
        String approver = principal.user();
        if (fee.approval() != null && approver.equals(fee.approval().requestedBy())) {
            throw ProblemException.conflict("management fee " + feeId + " was asked for by " + approver
                    + ": a second principal approves it").with("movementId", feeId);
        }
        Instant now = clock.instant();
        String owner = UUID.randomUUID().toString();
        if (movements.approve(feeId, approver, owner, now, now.plus(config.resumeAfter()))) {
            return new Fee(answer(finish(movements.find(feeId).orElseThrow(), owner)), false);
        }
        CapitalMovement current = movements.find(feeId).orElseThrow();
        if (current.approval() != null && approver.equals(current.approval().approvedBy())) {
            return new Fee(answer(current), true); // the approver's repeat: as it stands, nothing moves
        }
        throw ProblemException.conflict("management fee " + feeId + " is " + current.state()
                        + (current.approval() == null ? ", it never needed a second approver"
                        : current.approval().approvedBy() != null ? ", approved by another principal" : ""))
                .with("movementId", feeId).with("currentStatus", current.state().name());
    }

    /**
     * Refunds an APPLIED management fee (or a part of it, never more) into the fund's reserve (issue 20 item 9): a
     * movement {@code RFD-<feeId>} (kind FEE_REFUND) inserted PENDING once per fee (a second refund of it is 409), then
     * applied with {@code GuardedCounter} (the reserve up, the fees paid down, only while the fees paid hold it).
     *
     * @param amountFen the part refunded; null = the whole fee
     */
    public CapitalMovement refundFee(Principal principal, String fundId, String feeId, Long amountFen, LocalDate dated,
                                     String reference) {
        FundScope.requireCapitalWrite(principal, fundId);
        CapitalMovement fee = fee(fundId, feeId);
        Instant now = clock.instant();
        requireNotAfterToday(dated, "dated", now);
        CapitalMovement refund;
        try {
            refund = CapitalMovement.refundOf(fee, amountFen == null ? null : Money.ofFen(amountFen), dated, reference,
                    principal.asActor(), now);
        } catch (InvestmentViolation e) {
            throw ProblemException.unprocessable(e.field(), e.getMessage()).with("movementId", feeId);
        }
        String owner = UUID.randomUUID().toString();
        if (!movements.insertPending(refund, owner, now.plus(config.resumeAfter()))) {
            throw ProblemException.conflict("management fee " + feeId + " was refunded before (" + refund.id() + ")")
                    .with("movementId", refund.id());
        }
        return answer(finish(refund, owner));
    }

    private CapitalMovement fee(String fundId, String feeId) {
        return movements.find(feeId).filter(m -> m.fundId().equals(fundId) && m.kind() == CapitalMovement.Kind.MANAGEMENT_FEE)
                .orElseThrow(() -> ProblemException.notFound("management fee", feeId));
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
        } else if (pending.kind() == CapitalMovement.Kind.FEE_REFUND) {
            finished = pending.refused("the fees paid by fund " + pending.fundId() + " are less than the refund of "
                    + pending.amount());
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
