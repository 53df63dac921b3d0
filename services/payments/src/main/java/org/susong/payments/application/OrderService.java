package org.susong.payments.application;

import org.susong.payments.domain.ReleaseReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.susong.commons.messaging.ModifiedRequest;
import org.susong.commons.messaging.PermanentFailure;
import org.susong.commons.messaging.TransientFailure;
import org.susong.commons.money.Money;
import org.susong.commons.persistence.GuardedCounter;
import org.susong.payments.config.PaymentsConfig;
import org.susong.payments.domain.Conversion;
import org.susong.payments.domain.DecisionChain;
import org.susong.payments.domain.JournalEntry;
import org.susong.payments.domain.Ledger;
import org.susong.payments.domain.OrderState;
import org.susong.payments.domain.PaymentEvent;
import org.susong.payments.domain.PaymentOrder;
import org.susong.payments.domain.Recovery;
import org.susong.payments.domain.Repayment;
import org.susong.payments.persistence.BudgetLineRepository;
import org.susong.payments.persistence.OrderRepository;
import org.susong.payments.persistence.RecoveryRepository;
import org.susong.payments.persistence.SupersessionRepository;
import org.susong.payments.persistence.WithdrawalRepository;

/**
 * Reservation, release and booking of payment orders, intent first (architecture rule 4, docs/architecture.md#rule-4): the order
 * document (id from the decision) records the step it is about to take (RESERVING, RELEASING,
 * SETTLING, RETURNING) before the budget line moves; the line update is guarded and records the
 * intent id, so a repeat moves nothing; then the order moves on with its event and journal entry.
 * A crash anywhere leaves an intent that {@link #resumeIntents} finishes. One decision, one order.
 */
@ApplicationScoped
public class OrderService {

    private static final Logger LOG = Logger.getLogger(OrderService.class);
    static final String SYSTEM = OrderMoves.SYSTEM;
    /** How often a release lost to other writers is tried again on a fresh read before it is left to a retry. */
    private static final int RELEASE_ATTEMPTS = 5;
    /** Counter of intents whose resuming threw ({@code susong_payments_intents_resume_failed_total}). */
    public static final String RESUME_FAILURES = "susong.payments.intents.resume.failed";

    /**
     * An approved decision as payments needs it; {@code conversion} non-null for grant-to-investment; {@code supersedes}
     * the decision an appeal re-decided (null for a first decision).
     */
    public record ApprovedDecision(String eventId, String payloadHash, String decisionId, String applicationId,
                                   String beneficiaryUscc, String measureCode, int fiscalYear, String district,
                                   long amountFen, Conversion conversion, String supersedes, String callId) {

        /** Not the award of a call for proposals. */
        public ApprovedDecision(String eventId, String payloadHash, String decisionId, String applicationId,
                                String beneficiaryUscc, String measureCode, int fiscalYear, String district, long amountFen,
                                Conversion conversion, String supersedes) {
            this(eventId, payloadHash, decisionId, applicationId, beneficiaryUscc, measureCode, fiscalYear, district, amountFen,
                    conversion, supersedes, null);
        }

        public ApprovedDecision(String eventId, String payloadHash, String decisionId, String applicationId,
                                String beneficiaryUscc, String measureCode, int fiscalYear, String district, long amountFen,
                                Conversion conversion) {
            this(eventId, payloadHash, decisionId, applicationId, beneficiaryUscc, measureCode, fiscalYear, district, amountFen,
                    conversion, null);
        }

        public ApprovedDecision(String eventId, String payloadHash, String decisionId, String applicationId,
                                String beneficiaryUscc, String measureCode, int fiscalYear, String district, long amountFen) {
            this(eventId, payloadHash, decisionId, applicationId, beneficiaryUscc, measureCode, fiscalYear, district, amountFen,
                    null, null);
        }
    }

    private final OrderRepository orders;
    private final SupersessionRepository supersessions;
    private final BudgetLineRepository lines;
    private final WithdrawalRepository withdrawals;
    private final RecoveryRepository recoveries;
    private final OrderMoves moves;
    private final Clock clock;
    private final PaymentsConfig config;
    private final Counter resumeFailures;

    OrderService(OrderRepository orders, SupersessionRepository supersessions, BudgetLineRepository lines,
                 WithdrawalRepository withdrawals, RecoveryRepository recoveries, OrderMoves moves, Clock clock,
                 PaymentsConfig config, MeterRegistry registry) {
        this.resumeFailures = Counter.builder(RESUME_FAILURES).description("payment order intents whose resuming failed"
                + " (retried by a later pass)").register(registry);
        this.orders = orders;
        this.supersessions = supersessions;
        this.lines = lines;
        this.withdrawals = withdrawals;
        this.recoveries = recoveries;
        this.moves = moves;
        this.clock = clock;
        this.config = config;
    }

    /**
     * The approved decisions of a consumed batch (issue 14), as {@link #onApprovedDecision} takes one: the orders in one
     * insert (an order that exists already is the same request again, or a modified one: refused), the withdrawals of
     * their applications in one read after it (written before read, as the single path), then the orders not withdrawn
     * reserved together ({@link #reserveAll}: one guarded update per budget line, one bulk move). A decision that
     * re-decides another on appeal takes the single path in its place; an order whose withdrawal came first is born
     * releasing, as on the single path. A crash anywhere leaves RESERVING orders for {@link #resumeIntents}, as after
     * a single insert.
     *
     * @return the decisions refused for good (a modified request, a non-positive amount), by event id
     */
    public Map<String, RuntimeException> onApprovedDecisions(List<ApprovedDecision> decisions) {
        Map<String, RuntimeException> refused = new LinkedHashMap<>();
        List<ApprovedDecision> plain = new ArrayList<>();
        for (ApprovedDecision d : decisions) {
            if (plain.stream().anyMatch(p -> p.decisionId().equals(d.decisionId()))) {
                intake(plain, refused); // the same decision again: after the first is written, so the first wins
                plain.clear();
            }
            if (d.supersedes() == null && d.amountFen() > 0) {
                plain.add(d);
                continue;
            }
            intake(plain, refused); // an appeal's decision after the decisions before it
            plain.clear();
            try {
                onApprovedDecision(d);
            } catch (PermanentFailure e) {
                refused.put(d.eventId(), e);
            }
        }
        intake(plain, refused);
        return refused;
    }

    private void intake(List<ApprovedDecision> decisions, Map<String, RuntimeException> refused) {
        if (decisions.isEmpty()) {
            return;
        }
        List<OrderRepository.NewOrder> created = decisions.stream().map(d -> new OrderRepository.NewOrder(
                PaymentOrder.open(d.decisionId(), d.applicationId(), d.beneficiaryUscc(), d.measureCode(), d.fiscalYear(),
                        d.district(), Money.ofFen(d.amountFen()), d.conversion(), 0), d.eventId(), d.payloadHash(), d.callId()))
                .toList();
        long written = System.nanoTime();
        Set<Integer> existing = orders.insertAll(created, Date.from(clock.instant()));
        Map<String, String> causes = new HashMap<>();
        List<OrderRepository.Stored> inserted = new ArrayList<>();
        List<Integer> again = new ArrayList<>();
        for (int i = 0; i < created.size(); i++) {
            OrderRepository.NewOrder n = created.get(i);
            if (existing.contains(i)) {
                again.add(i);
            } else {
                inserted.add(new OrderRepository.Stored(n.order(), 0, 0, n.sourceEventId(), n.sourceHash(), null, n.callId()));
                causes.put(n.order().id(), n.sourceEventId());
            }
        }
        if (!again.isEmpty()) {
            Map<String, OrderRepository.Stored> stored = orders.findAll(again.stream().map(i -> created.get(i).order().id()).toList());
            for (int i : again) {
                ApprovedDecision d = decisions.get(i);
                OrderRepository.Stored s = stored.get(created.get(i).order().id());
                if (s == null) {
                    // refused as existing but not read back (a store blip): the call is retried and reads it again
                    throw new TransientFailure("order " + created.get(i).order().id() + " exists but could not be read");
                }
                if (!s.sourceHash().equals(d.payloadHash())) {
                    refused.put(d.eventId(), new ModifiedRequest("decision " + d.decisionId() + " already has order "
                            + s.order().id() + " from event " + s.sourceEventId() + "; event " + d.eventId()
                            + " carries a different payload"));
                }
                // the same request again: a no-op (a crash between intent and charge is finished by the resumer)
            }
        }
        // written before the appeals' outcomes and the withdrawals are read (the appeal and the withdrawal sides write
        // before they read the orders)
        Map<String, ReleaseReason> appealed = keepAppealOutcomes(inserted);
        Set<String> withdrawn = withdrawals.withdrawnAmong(inserted.stream().map(s -> s.order().applicationId()).toList());
        List<OrderRepository.Stored> reserving = new ArrayList<>();
        for (OrderRepository.Stored stored : inserted) {
            ReleaseReason taken = appealed.getOrDefault(stored.order().id(),
                    withdrawn.contains(stored.order().applicationId()) ? ReleaseReason.WITHDRAWN : null);
            if (taken == null) {
                reserving.add(stored);
            } else if (moves.change(stored, stored.order().releasedBeforeReservation(taken))
                    && System.nanoTime() - written < config.resumeAfter().toNanos() / 2) {
                // an appeal or the withdrawal came first: the order is born being released, nothing is reserved or paid
                // (a claim that lost went to the resumer, which reserves it and then reads the appeal or the withdrawal)
                finish(orders.find(stored.order().id()).orElseThrow(), causes.get(stored.order().id()));
            }
        }
        // a writer that stalled for half the resume delay leaves the reservations to the resumer (as the single path),
        // checked again before each line's write and each order reserved alone
        java.util.function.BooleanSupplier stalled = () -> System.nanoTime() - written >= config.resumeAfter().toNanos() / 2;
        if (!stalled.getAsBoolean()) {
            reserveAll(reserving, s -> causes.get(s.order().id()), stalled);
        }
    }

    public void onApprovedDecision(ApprovedDecision d) {
        if (d.amountFen() <= 0) {
            throw new PermanentFailure("decision " + d.decisionId() + " is approved with a non-positive amount " + d.amountFen());
        }
        long supersededFen = 0;
        if (d.supersedes() != null && orders.find(PaymentOrder.idFor(d.decisionId())).isEmpty()) {
            // decided from the stored orders only: a redelivery after a crash between the release and the insert
            // finds the superseded order releasing or released and comes to the same amount (the insert is by decision id)
            supersededFen = replaceSuperseded(d);
            if (supersededFen >= d.amountFen()) {
                LOG.infof("decision %s (%s) re-decides %s on appeal: the %d fen the earlier orders pay or paid cover it, no order"
                        + " (a lower re-decision of a paid award is a recovery)", d.decisionId(), Money.ofFen(d.amountFen()),
                        d.supersedes(), supersededFen);
                return;
            }
        }
        PaymentOrder order = PaymentOrder.open(d.decisionId(), d.applicationId(), d.beneficiaryUscc(), d.measureCode(),
                d.fiscalYear(), d.district(), Money.ofFen(d.amountFen() - supersededFen), d.conversion(), supersededFen);
        long written = System.nanoTime();
        if (orders.insert(order, d.eventId(), d.payloadHash(), Date.from(clock.instant()), List.of(), d.callId())) {
            // written before the appeal's outcome and the withdrawal are read (the appeal and the withdrawal sides write
            // before they read the orders): of a decision and its re-decision, or a withdrawal, one always sees the other
            OrderRepository.Stored stored = new OrderRepository.Stored(order, 0, 0, d.eventId(), d.payloadHash(), null,
                    d.callId());
            ReleaseReason taken = keepAppealOutcomes(List.of(stored)).getOrDefault(order.id(),
                    withdrawn(d.applicationId()) ? ReleaseReason.WITHDRAWN
                            : objectedBefore(order) ? ReleaseReason.OBJECTION_UPHELD : null);
            if (taken != null) {
                // an appeal or the withdrawal came first: the order is born being released, nothing is reserved or paid
                if (!moves.change(stored, order.releasedBeforeReservation(taken))) {
                    return; // the resumer claimed it meanwhile and reserves it; the reservation then reads both
                }
                stored = orders.find(order.id()).orElseThrow();
            }
            // a writer that stalled for half the resume delay leaves the step to the resumer, so the two
            // never move the line concurrently for the same intent (the id is forgotten afterwards)
            if (System.nanoTime() - written < config.resumeAfter().toNanos() / 2) {
                finish(stored, d.eventId());
            }
            return;
        }
        OrderRepository.Stored existing = orders.find(order.id()).orElseThrow();
        if (!existing.sourceHash().equals(d.payloadHash())) {
            throw new ModifiedRequest("decision " + d.decisionId() + " already has order " + order.id() + " from event "
                    + existing.sourceEventId() + "; event " + d.eventId() + " carries a different payload");
        }
        // the same request again: a no-op (a crash between intent and charge is finished by the resumer)
    }

    /**
     * An approved re-decision on appeal replaces the orders of its decision chain: one being reserved or unpaid is taken
     * over (released as SUPERSEDED: eligibility keeps the cap, the re-decision inherited it); one that is paid or on its
     * way to the bank stays. Returns how much of the award the chain's earlier orders pay or paid, which the new order
     * leaves out.
     *
     * <p>The chain is every earlier decision ({@link DecisionChain#replacedBy}: the one {@code supersedes} names and the
     * rounds before it), not only the one step the event names: a middle decision payments never took in (dead-lettered,
     * late on another partition) would otherwise hide what the root paid, and the re-decision would pay its whole award
     * besides it. Each earlier order counts only what it pays or paid itself ({@link #ownFen}), so a chain counts each
     * payment once whichever of its orders are there.
     *
     * <p>The supersession is kept first as a fact about every earlier decision ({@link SupersessionRepository}), then
     * their orders are read: an earlier decision whose order is not there yet (dead-lettered and replayed later, or late
     * on another partition) reads the fact after inserting its order and is born released; one whose order is there is
     * taken over here, in one write conditional on its state ({@link OrderRepository#keepSupersession}), so it is never
     * paid from then on (what this count assumes) and is released here, or by its reservation, which reads it after its
     * move.
     */
    private long replaceSuperseded(ApprovedDecision d) {
        List<String> chain = DecisionChain.replacedBy(d.applicationId(), d.supersedes());
        keepSuperseded(chain, d.eventId());
        long paid = 0;
        for (int i = 0; i < chain.size(); i++) {
            // the chain's first decision counts what it counted before it too: none for an application's first decision,
            // the earlier orders of a one-step chain (a supersedes that is no round id of the application)
            paid += takeOver(PaymentOrder.idFor(chain.get(i)), d.eventId(), i == 0, i == chain.size() - 1);
        }
        return paid;
    }

    /** The facts that an appeal's decision superseded these decisions, written before their orders are read. */
    private void keepSuperseded(List<String> decisionIds, String eventId) {
        Date now = Date.from(clock.instant());
        for (String id : decisionIds) {
            supersessions.keep(new SupersessionRepository.Supersession(id, eventId, ReleaseReason.SUPERSEDED), now);
        }
    }

    /**
     * Takes an earlier order of the chain over for the re-decision's event (released as SUPERSEDED, never paid), or, when
     * it is past that, returns what it pays or paid itself. An order further back than the one {@code supersedes} names
     * ({@code direct} false) is taken over only if no other appeal's outcome is kept on it: one already held (rejected,
     * or taken over by another round) is released by that outcome and counts nothing. {@code withEarlier}: the last
     * decision of the walk also counts what its order counted of the decisions before it ({@code supersededFen}).
     */
    private long takeOver(String oldId, String eventId, boolean direct, boolean withEarlier) {
        for (int attempt = 1; attempt <= RELEASE_ATTEMPTS; attempt++) {
            if (direct ? orders.keepSupersession(oldId, eventId, ReleaseReason.SUPERSEDED)
                    : orders.keepEarlierSupersession(oldId, eventId, ReleaseReason.SUPERSEDED)) {
                OrderRepository.Stored old = orders.find(oldId).orElseThrow();
                // being reserved: its reservation reads the supersession after its move and releases it
                releaseWhileReleasable(old, ReleaseReason.SUPERSEDED, eventId);
                return withEarlier ? old.order().supersededFen() : 0;
            }
            Optional<OrderRepository.Stored> old = orders.find(oldId);
            if (old.isEmpty()) {
                return 0; // not here yet: inserted after the fact was kept, it reads it
            }
            PaymentOrder order = old.get().order();
            if (order.state() == OrderState.RESENDING) {
                // a returned payment being sent again reads the supersession after its intent and stops, or is APPROVED
                // (supersedable) in a moment: taken over on the next attempt, or by the record's retry
                continue;
            }
            if (!OrderRepository.SUPERSEDABLE.contains(order.state())) {
                // paid, on its way, or released: its state decides
                return withEarlier ? order.chainFen() : ownFen(order);
            }
            if (!direct && orders.rejectedOnAppealAmong(List.of(oldId)).containsKey(oldId)) {
                // another appeal's outcome holds it: never paid, released by that outcome
                return withEarlier ? order.supersededFen() : 0;
            }
            // inserted or reopened (a voided file) between the two: taken over on the next attempt
        }
        throw new TransientFailure("order " + oldId + " kept moving in and out of the states a re-decision takes over");
    }

    /** What the order itself pays or paid of its chain's award, without the earlier orders it counted. */
    private static long ownFen(PaymentOrder order) {
        return order.chainFen() - order.supersededFen();
    }

    /**
     * An appeal decided against the applicant: the superseded decision's order is released if not yet paid. The rejection
     * is kept on the order before the order is read (as a withdrawal is stored before the orders are read): an order
     * being reserved (RESERVING: the resumer's, a waitlist's, a retried batch's) is released by its reservation, which
     * reads it after its move; a release that loses to another writer is tried again on a fresh read.
     */
    public void onAppealRejected(String supersededDecisionId, String causation) {
        onAppealRejected(null, supersededDecisionId, causation);
    }

    /**
     * As above, for a decision of the application {@code applicationId}: the decisions before the rejected one in its
     * chain ({@link DecisionChain#replacedBy}) are taken over as SUPERSEDED (the rejected decision replaced them), so an
     * unpaid earlier order is not paid when the rejected decision's own event never reached payments (only what they
     * paid stays paid).
     */
    public void onAppealRejected(String applicationId, String supersededDecisionId, String causation) {
        List<String> earlier = DecisionChain.replacedBy(applicationId, supersededDecisionId);
        earlier = earlier.subList(1, earlier.size());
        // kept as a fact about the decision first: an order inserted later (its decision replayed from the dead letters,
        // or late on another partition) reads it after its insert and is born released
        supersessions.keep(new SupersessionRepository.Supersession(supersededDecisionId, causation,
                ReleaseReason.APPEAL_REJECTED), Date.from(clock.instant()));
        keepSuperseded(earlier, causation);
        String orderId = PaymentOrder.idFor(supersededDecisionId);
        if (orders.keepAppealRejection(orderId, causation)) {
            releaseWhileReleasable(orders.find(orderId).orElseThrow(), ReleaseReason.APPEAL_REJECTED, causation);
        }
        for (String id : earlier) {
            takeOver(PaymentOrder.idFor(id), causation, false, false);
        }
    }

    /**
     * The processor's round: an order that holds an appeal's rejection and is releasable all the same is released (its
     * reservation died between its move and its read of the rejection; a void or a pain.002 rejection reopened it from
     * a bank file). One read per round; one order's failure does not stop the others, a transient failure (a store
     * outage) ends the step ({@link RoundFaults}).
     *
     * @return how many it took up
     */
    public int releaseRejectedOnAppeal() {
        int released = 0;
        for (OrderRepository.Rejected r : orders.rejectedOnAppealAndReleasable(200)) {
            try {
                releaseWhileReleasable(r.order(), appealReason(r.reason()), r.rejectionEventId());
                released++;
            } catch (RuntimeException e) {
                RoundFaults.rethrowOutage(e); // a store outage ends the step (every order behind would wait it out)
                LOG.warnf("releasing order %s rejected on appeal failed, the next round retries: %s", r.order().order().id(),
                        e.toString());
            }
        }
        return released;
    }

    /**
     * Releases the order while it is releasable: a conditional release that loses to another writer (the processor moved
     * the order on, an objection held it) is tried again on a fresh read, whose state decides (a release by another writer
     * ends it; in a bank file or paid, it stays).
     */
    private void releaseWhileReleasable(OrderRepository.Stored stored, ReleaseReason reason, String causation) {
        for (int attempt = 1; OrderState.RELEASABLE.contains(stored.order().state()); attempt++) {
            if (startRelease(stored, reason, SYSTEM, causation)) {
                return;
            }
            if (attempt == RELEASE_ATTEMPTS) {
                // every fresh read found it moved again: retried (the caller's record or round again, idempotent)
                throw new TransientFailure("the " + reason + " release of order " + stored.order().id() + " lost to another"
                        + " writer " + attempt + " times");
            }
            stored = orders.find(stored.order().id()).orElseThrow();
        }
    }

    /**
     * Writes the release intent (state RELEASING) and finishes it: reserved money goes back to the line,
     * {@code BudgetReleased} is published so eligibility releases the cap.
     *
     * @return false when the order is no longer releasable
     */
    public boolean startRelease(OrderRepository.Stored stored, ReleaseReason reason, String actor, String causation) {
        if (!OrderState.RELEASABLE.contains(stored.order().state())) {
            return false;
        }
        return startRelease(stored, stored.order().releasing(reason), causation);
    }

    /**
     * A partial revocation of an unpaid order: only {@code fen} goes back to the line and, through
     * {@code BudgetReleased} (amountFen = fen, remainingFen = the rest), to the cap; the order goes on with the rest.
     *
     * @return false when the order is no longer releasable
     */
    public boolean startPartialRelease(OrderRepository.Stored stored, ReleaseReason reason, long fen, String cause, String causation) {
        if (!OrderState.RELEASABLE.contains(stored.order().state())) {
            return false;
        }
        return startRelease(stored, stored.order().releasingPart(reason, fen, cause), causation);
    }

    private boolean startRelease(OrderRepository.Stored stored, PaymentOrder releasing, String causation) {
        long written = System.nanoTime();
        if (!moves.change(stored, releasing)) {
            return false;
        }
        finishUnlessStalled(written, stored.order().id(), causation);
        return true;
    }

    /**
     * Finishes the intent its caller has just written, unless that write started half the resume delay ago or
     * more: then a resumer may already have claimed the intent, and the two would move the line concurrently
     * for it (its id is forgotten after each step). Every path that writes an intent finishes it through here.
     */
    void finishUnlessStalled(long writtenNanos, String orderId, String causation) {
        if (System.nanoTime() - writtenNanos < config.resumeAfter().toNanos() / 2) {
            finish(orders.find(orderId).orElseThrow(), causation);
        }
    }

    /** Finishes whatever intent the order holds; safe to repeat. */
    void finish(OrderRepository.Stored stored, String causation) {
        switch (stored.order().state()) {
            case RESERVING -> reserve(stored, causation);
            case RELEASING -> release(stored, causation);
            case SETTLING -> settle(stored, causation);
            case RETURNING -> returnToLine(stored, causation);
            case RESENDING -> resend(stored, causation);
            default -> {
            }
        }
    }

    /** Charges the line for a RESERVING order, or waitlists it. */
    void reserve(OrderRepository.Stored stored, String causation) {
        reserve(stored, causation, false);
    }

    /**
     * As above; {@code behindAHead}: an earlier order of its line did not fit in this round, so this one is waitlisted
     * behind it without trying the line (first in first out: nothing overtakes a head that does not fit).
     *
     * @return whether the line reserved it (false: waitlisted)
     */
    private boolean reserve(OrderRepository.Stored stored, String causation, boolean behindAHead) {
        PaymentOrder order = stored.order();
        // an award of a call takes its reservation from the call's envelope, reserved when the call opened (issue 19);
        // refused (the call closed and gave the rest back, or its envelope was refused), it reserves as any other order.
        // Both use the order's own intent id, so the order is reserved once whichever way applied.
        GuardedCounter.Outcome drawn = stored.callId() == null ? GuardedCounter.Outcome.REFUSED
                : lines.draw(order.budgetLineId(), stored.callId(), order.id(), order.amount().fen());
        boolean fromEnvelope = drawn == GuardedCounter.Outcome.APPLIED || drawn == GuardedCounter.Outcome.ALREADY_APPLIED;
        GuardedCounter.Outcome outcome = fromEnvelope ? drawn : behindAHead ? GuardedCounter.Outcome.REFUSED
                : lines.reserve(order.budgetLineId(), order.id(), order.amount().fen());
        boolean fits = outcome == GuardedCounter.Outcome.APPLIED || outcome == GuardedCounter.Outcome.ALREADY_APPLIED;
        Instant now = clock.instant();
        PaymentEvent event = switch (outcome) {
            case APPLIED, ALREADY_APPLIED -> order.reserved(now.plus(config.noticeFor(order.measureCode())), fromEnvelope
                    ? Ledger.envelopeDraw(order.id(), stored.callId(), order.budgetLineId(), order.amount().fen(), now, SYSTEM)
                    : Ledger.reservation(order.id(), order.budgetLineId(), order.amount().fen(), now, SYSTEM));
            case REFUSED -> order.waitlisted(behindAHead ? "waits behind an earlier order that budget line "
                    + order.budgetLineId() + " cannot cover (first in first out)" : "budget line " + order.budgetLineId()
                    + " has less than " + order.amount() + " available");
            case NO_COUNTER -> order.waitlisted("there is no budget line " + order.budgetLineId() + " yet");
        };
        boolean moved = moves.move(stored, event, SYSTEM, causation);
        if (fits && fromEnvelope) {
            lines.forgetReserved(order.budgetLineId(), BudgetLineRepository.drawIntents(order.id()));
        } else if (fits) {
            lines.forget(order.budgetLineId(), order.id());
        }
        if (moved) {
            releaseCancelled(List.of(stored), s -> causation);
        }
        return fits;
    }

    /**
     * Read after the reservations were written (reserved or waitlisted), as the withdrawal and the appeal's rejection are
     * written before they read the order: an order whose application was withdrawn, or whose award an appeal rejected,
     * while it was being reserved (a resumed intent, a waitlist served, a crash between the order's insert and its read of
     * the withdrawal) is released now. One read of the withdrawals and one of the rejections for all the orders.
     */
    private void releaseCancelled(List<OrderRepository.Stored> reserved,
                                  java.util.function.Function<OrderRepository.Stored, String> causation) {
        if (reserved.isEmpty()) {
            return;
        }
        Set<String> withdrawn = withdrawals.withdrawnAmong(reserved.stream().map(s -> s.order().applicationId()).toList());
        Map<String, ReleaseReason> rejected = orders.rejectedOnAppealAmong(reserved.stream().map(s -> s.order().id()).toList());
        for (OrderRepository.Stored s : reserved) {
            ReleaseReason reason = rejected.containsKey(s.order().id()) ? appealReason(rejected.get(s.order().id()))
                    : withdrawn.contains(s.order().applicationId()) ? ReleaseReason.WITHDRAWN : null;
            if (reason != null) {
                releaseWhileReleasable(orders.find(s.order().id()).orElseThrow(), reason, causation.apply(s));
            }
        }
    }

    /**
     * The appeals' outcomes about these new orders' decisions (one read of {@link SupersessionRepository}), each kept on
     * its order as the appeal keeps it on an order that is there ({@link OrderRepository#keepAppealRejection},
     * {@link OrderRepository#keepSupersession}). Read after the orders were inserted and before they leave RESERVING (the
     * intake right after its insert, the resumer before it reserves an order whose intake died): an appeal taken in
     * before the insert is read here, one taken in after it finds the order.
     *
     * @return the release reason by order id, for the orders an appeal took away
     */
    private Map<String, ReleaseReason> keepAppealOutcomes(List<OrderRepository.Stored> created) {
        Map<String, ReleaseReason> reasons = new HashMap<>();
        if (created.isEmpty()) {
            return reasons;
        }
        Map<String, SupersessionRepository.Supersession> facts = supersessions.among(created.stream()
                .map(s -> s.order().decisionId()).toList());
        for (OrderRepository.Stored s : created) {
            SupersessionRepository.Supersession fact = facts.get(s.order().decisionId());
            if (fact != null && (fact.reason() == ReleaseReason.APPEAL_REJECTED
                    ? orders.keepAppealRejection(s.order().id(), fact.eventId())
                    : orders.keepSupersession(s.order().id(), fact.eventId(), fact.reason()))) {
                reasons.put(s.order().id(), fact.reason());
            }
        }
        return reasons;
    }

    /** The release reason an appeal's outcome kept on an order names (none: a rejection, as kept before reasons were). */
    private static ReleaseReason appealReason(ReleaseReason kept) {
        return kept == null ? ReleaseReason.APPEAL_REJECTED : kept;
    }

    /**
     * Whether an earlier order of the order's decision chain ({@link DecisionChain#replacedBy}) was released because an
     * objection in its public notice was upheld: a re-decision of that award (an appeal's, or a later round of a call,
     * issue 19) is then born released for the same reason, never paid. Read after the order's insert: the objection's
     * uphold is a guarded move of the earlier order off ON_HOLD, and this order's takeover of it ({@link #takeOver}, before
     * the insert) a guarded move too, so either the takeover won (the objection can no longer be upheld on that order)
     * or this read sees it upheld.
     */
    private boolean objectedBefore(PaymentOrder order) {
        List<String> chain = DecisionChain.replacedBy(order.applicationId(), order.decisionId());
        return chain.stream().skip(1).map(id -> orders.find(PaymentOrder.idFor(id))).flatMap(Optional::stream)
                .anyMatch(s -> s.order().releaseReason() == ReleaseReason.OBJECTION_UPHELD);
    }

    /** A withdrawal of the application is pending or accepted: the one rule, {@link WithdrawalRepository#withdrawnAmong}. */
    private boolean withdrawn(String applicationId) {
        return withdrawals.withdrawnAmong(List.of(applicationId)).contains(applicationId);
    }

    private void release(OrderRepository.Stored stored, String causation) {
        PaymentOrder order = stored.order();
        Instant now = clock.instant();
        // a claim on the beneficiary's recovery goes back: nothing was withheld from a payment (found by the order id, so
        // also a claim whose batching lost or crashed before the order recorded it)
        recoveries.unclaimAll(order.id());
        if (order.releaseFen() > 0) {
            releasePart(stored, causation);
            return;
        }
        if (!order.holdsReservation()) {
            moves.move(stored, order.released(now, null), SYSTEM, causation);
            return;
        }
        if (applied(lines.release(order.budgetLineId(), order.id(), order.amount().fen()), order, "release")) {
            moves.move(stored, order.released(now, Ledger.release(order.id(), order.budgetLineId(), order.amount().fen(), now,
                    SYSTEM, java.util.Objects.toString(order.releaseReason(), null))), SYSTEM, causation);
            lines.forget(order.budgetLineId(), order.id() + ":release");
        }
    }

    /**
     * A partial revocation: only the revoked part goes back to the line (intent id per revocation, so a second
     * partial revocation moves the line again); the order goes on with the rest where it was.
     */
    private void releasePart(OrderRepository.Stored stored, String causation) {
        PaymentOrder order = stored.order();
        Instant now = clock.instant();
        if (!order.holdsReservation()) {
            moves.move(stored, order.partlyReleased(now, null), SYSTEM, causation);
            return;
        }
        String intent = order.id() + ":" + order.releaseCause();
        if (applied(lines.release(order.budgetLineId(), intent, order.releaseFen()), order, "partial release")) {
            moves.move(stored, order.partlyReleased(now, Ledger.partialRelease(order.id(), order.releaseCause(),
                    order.budgetLineId(), order.releaseFen(), now, SYSTEM, java.util.Objects.toString(order.releaseReason(), null))), SYSTEM, causation);
            lines.forget(order.budgetLineId(), intent + ":release");
        }
    }

    private void settle(OrderRepository.Stored stored, String causation) {
        PaymentOrder order = stored.order();
        Instant now = clock.instant();
        // every attempt of an order (a re-send after a return, issue 20 item 2) moves the line under its own intent id
        String key = order.attemptKey();
        if (applied(lines.disburse(order.budgetLineId(), key, order.amount().fen()), order, "settle")) {
            String reason = order.investmentId() != null ? "converted into investment " + order.investmentId()
                    : order.offsetFen() == order.amount().fen() ? "offset in full against recovery " + order.offsetRecoveryId()
                    : "booked by the bank statement";
            JournalEntry offset = null;
            String recoveryLine = null;
            if (order.offsetFen() > 0) {
                Recovery recovery = recoveries.find(order.offsetRecoveryId()).orElseThrow();
                recoveryLine = recovery.budgetLine();
                if (!applied(lines.repay(recoveryLine, key + ":offset", order.offsetFen()), order, "offset")) {
                    return;
                }
                recoveries.bookOffset(recovery.id(), new Repayment(offsetRepaymentId(key), order.offsetFen(), order.id(), SYSTEM,
                        now), now);
                offset = Ledger.offset(order.id(), key, recoveryLine, order.offsetFen(), now, SYSTEM, "withheld from payment "
                        + order.id() + " for recovery " + recovery.id());
            }
            moves.move(stored, order.settled(now, Ledger.disbursement(order.id(), key, order.budgetLineId(), order.amount().fen(),
                    now, SYSTEM, reason), offset), SYSTEM, causation);
            lines.forget(order.budgetLineId(), key + ":settle");
            if (recoveryLine != null) {
                lines.forget(recoveryLine, key + ":offset");
            }
        }
    }

    /** The repayment an offset withheld from this attempt of an order is booked as on the recovery. */
    static String offsetRepaymentId(String attemptKey) {
        return "OF-" + attemptKey;
    }

    /**
     * Books SETTLING orders this writer has just written in a bulk round (issue 14), intent first as {@link #settle}: per
     * budget line one guarded update for the sum of its orders that records each order's own intent id
     * ({@code <order>:settle}), then one bulk write moves them to SETTLED with their journal entries and events, then the
     * ids of those that moved are forgotten in one write. An order with an offset or of an investment, and every order of
     * a line whose guard refuses (an id already applied, not enough reserved), goes alone through {@link #finish}, which
     * tells applied from not applied per id. A crash anywhere leaves SETTLING intents for {@link #resumeIntents}; an order
     * another writer moved first keeps its id on the line until that writer's settle forgets it.
     */
    void settleAll(List<OrderRepository.Stored> settling, String causation) {
        List<OrderRepository.Stored> bulk = new ArrayList<>();
        for (OrderRepository.Stored stored : settling) {
            PaymentOrder order = stored.order();
            if (order.state() != OrderState.SETTLING || order.offsetFen() > 0 || order.investmentId() != null
                    || order.resends() > 0) {
                finish(stored, causation); // a re-sent order's intent ids carry its attempt: booked alone
            } else {
                bulk.add(stored);
            }
        }
        perLine(bulk, new LineStep() {
            public boolean apply(String line, Map<String, Long> fenByOrder) {
                return lines.disburseAll(line, fenByOrder);
            }

            public PaymentEvent event(PaymentOrder order, Instant now) {
                return order.settled(now, Ledger.disbursement(order.id(), order.budgetLineId(), order.amount().fen(), now,
                        SYSTEM, "booked by the bank statement"));
            }

            public void forget(String line, List<String> orderIds) {
                lines.forgetDisbursed(line, orderIds);
            }

            public void alone(OrderRepository.Stored stored) {
                finish(stored, causation);
            }
        }, s -> causation);
    }

    /** One budget line's movement for a bulk round's orders: the guarded line update, each order's event, the forget. */
    private interface LineStep {
        boolean apply(String line, Map<String, Long> fenByOrder);

        PaymentEvent event(PaymentOrder order, Instant now);

        void forget(String line, List<String> orderIds);

        /** The single path, for the orders of a line whose guard refused. */
        void alone(OrderRepository.Stored stored);
    }

    /**
     * Per budget line of the orders: one guarded update for the sum of their amounts (recording each order's intent id),
     * one bulk write of their moves, one write forgetting the ids of those that moved. Returns the orders that moved.
     */
    private List<OrderRepository.Stored> perLine(List<OrderRepository.Stored> intents, LineStep step,
                                                 java.util.function.Function<OrderRepository.Stored, String> causation) {
        return perLine(intents, step, causation, () -> false);
    }

    /** As above; once {@code stalled} says the writer took too long, the lines and orders left go to the resumer. */
    private List<OrderRepository.Stored> perLine(List<OrderRepository.Stored> intents, LineStep step,
                                                 java.util.function.Function<OrderRepository.Stored, String> causation,
                                                 java.util.function.BooleanSupplier stalled) {
        Map<String, List<OrderRepository.Stored>> byLine = new LinkedHashMap<>();
        intents.forEach(s -> byLine.computeIfAbsent(s.order().budgetLineId(), l -> new ArrayList<>()).add(s));
        List<OrderRepository.Stored> moved = new ArrayList<>();
        for (Map.Entry<String, List<OrderRepository.Stored>> line : byLine.entrySet()) {
            List<OrderRepository.Stored> group = line.getValue();
            Map<String, Long> amounts = new LinkedHashMap<>();
            group.forEach(s -> amounts.put(s.order().id(), s.order().amount().fen()));
            if (stalled.getAsBoolean()) {
                return moved; // intents left for the resumer
            }
            if (!step.apply(line.getKey(), amounts)) {
                for (OrderRepository.Stored s : group) {
                    if (stalled.getAsBoolean()) {
                        return moved;
                    }
                    step.alone(s);
                }
                continue;
            }
            Instant now = clock.instant();
            OrderMoves.Bulk round = moves.bulk();
            group.forEach(s -> round.move(s, step.event(s.order(), now), SYSTEM, causation.apply(s)));
            List<OrderRepository.Stored> done = round.apply();
            step.forget(line.getKey(), done.stream().map(s -> s.order().id()).toList());
            moved.addAll(done);
        }
        return moved;
    }

    /**
     * The bank returned the payment (RETURNING, the intent): the whole amount goes back to the order's line (disbursed ->
     * available: what the bank transferred and what was withheld for a recovery), and an offset withheld from it is given
     * back to the debt (issue 20 item 3): the recovery's line moves available -> receivable, the recovery's repaid amount
     * falls by it once ({@link RecoveryRepository#giveOffsetBack}, by the repayment id), then the order is RETURNED with
     * both journal entries. Each step is idempotent by its own id, so a crash anywhere is finished once by the resumer.
     */
    private void returnToLine(OrderRepository.Stored stored, String causation) {
        PaymentOrder order = stored.order();
        Instant now = clock.instant();
        String key = order.attemptKey();
        if (!applied(lines.returned(order.budgetLineId(), key, order.amount().fen()), order, "return")) {
            return;
        }
        JournalEntry offsetBack = null;
        String recoveryLine = null;
        if (order.offsetFen() > 0) {
            Recovery recovery = recoveries.find(order.offsetRecoveryId()).orElseThrow();
            recoveryLine = recovery.budgetLine();
            if (!applied(lines.unrepay(recoveryLine, key + ":offset-back", order.offsetFen()), order, "offset given back")) {
                return; // the recovery's line has less available than the offset: the resumer tries again
            }
            recoveries.giveOffsetBack(recovery.id(), order.id(), offsetRepaymentId(key), order.offsetFen(), now);
            offsetBack = Ledger.offsetBack(order.id(), key, recoveryLine, order.offsetFen(), now, SYSTEM, "payment " + order.id()
                    + " returned by the bank: the offset goes back to recovery " + recovery.id());
        }
        moves.move(stored, order.returned(now, Ledger.returned(order.id(), key, order.budgetLineId(), order.amount().fen(), now,
                SYSTEM, order.returnReason()), offsetBack), SYSTEM, causation);
        lines.forget(order.budgetLineId(), key + ":return");
        if (recoveryLine != null) {
            lines.forget(recoveryLine, key + ":offset-back");
        }
    }

    /**
     * A RETURNED order whose beneficiary's account was corrected (a newer payee snapshot) is sent again (issue 20 item
     * 2), intent first: RESENDING (the next attempt, a new end-to-end id) is written, then {@link #resend} charges the
     * line again and approves it for the next batch.
     *
     * @return false when another writer moved it first
     */
    public boolean startResend(OrderRepository.Stored stored, String causation) {
        if (stored.order().state() != OrderState.RETURNED) {
            return false;
        }
        long written = System.nanoTime();
        if (!moves.change(stored, stored.order().resending())) {
            return false;
        }
        finishUnlessStalled(written, stored.order().id(), causation);
        return true;
    }

    /** An appeal's outcome is kept about the order's decision (a supersession or a rejection), or a revocation's recovery. */
    boolean awardTakenAway(PaymentOrder order) {
        return !supersessions.among(List.of(order.decisionId())).isEmpty()
                || !orders.rejectedOnAppealAmong(List.of(order.id())).isEmpty() || recoveries.anyForOrder(order.id());
    }

    /**
     * Finishes a RESENDING intent. Read after the intent was written (write before read): an appeal's outcome kept about
     * its decision (a supersession or a rejection) or a revocation's recovery of the order stops it, back to RETURNED
     * (the appeal and the revocation write first and then read the order: of the two, one always sees the other).
     * Otherwise the line is charged under the attempt's intent id ({@code <order>:R<n>}); a line without room leaves the
     * intent for the resumer (logged); then the order is APPROVED with its reservation entry and
     * {@code PaymentOrderReopened} (RETURNED).
     */
    private void resend(OrderRepository.Stored stored, String causation) {
        PaymentOrder order = stored.order();
        if (awardTakenAway(order)) {
            LOG.infof("order %s is not sent again: an appeal or a revocation took its award", order.id());
            moves.change(stored, order.resendWithdrawn());
            return;
        }
        String key = order.attemptKey();
        GuardedCounter.Outcome outcome = lines.reserve(order.budgetLineId(), key, order.amount().fen());
        if (outcome != GuardedCounter.Outcome.APPLIED && outcome != GuardedCounter.Outcome.ALREADY_APPLIED) {
            // the returned money went to other orders meanwhile: the intent waits, the resumer tries again
            LOG.warnf("budget line %s cannot reserve %s again for returned order %s (%s); the resumer retries", order.budgetLineId(),
                    order.amount(), order.id(), outcome);
            return;
        }
        Instant now = clock.instant();
        moves.move(stored, order.resent(now, Ledger.reservation(order.id(), key, order.budgetLineId(), order.amount().fen(), now,
                SYSTEM, "reserved again to send the returned payment to the corrected account")), SYSTEM, causation);
        lines.forget(order.budgetLineId(), key);
    }

    private static boolean applied(GuardedCounter.Outcome outcome, PaymentOrder order, String step) {
        if (outcome == GuardedCounter.Outcome.APPLIED || outcome == GuardedCounter.Outcome.ALREADY_APPLIED) {
            return true;
        }
        LOG.errorf("budget line %s refused the %s of order %s (%s): the line and the order disagree", order.budgetLineId(),
                step, order.id(), outcome);
        return false;
    }

    /**
     * Finishes intents a crash interrupted (older than the resume delay, so live writers are left alone). One order's
     * failure is counted and skipped; a transient failure (a store outage) ends the pass ({@link RoundFaults}).
     */
    public int resumeIntents() {
        int resumed = 0;
        Instant before = clock.instant().minus(config.resumeAfter());
        for (OrderState state : List.of(OrderState.RESERVING, OrderState.RELEASING, OrderState.SETTLING, OrderState.RETURNING,
                OrderState.RESENDING)) {
            List<OrderRepository.Stored> stale = orders.inState(state, 200).stream()
                    .filter(s -> s.updatedAt() == null || s.updatedAt().toInstant().isBefore(before)).toList();
            if (state == OrderState.RESERVING) {
                // an intake that died between its insert and its read of the appeals' outcomes: read here, before the
                // reservation, so an order whose decision an appeal took away before it arrived is released, not paid
                keepAppealOutcomes(stale);
            }
            for (OrderRepository.Stored stored : stale) {
                // claimed first (a conditional write on the version): of N replicas' resumers one finishes it, so the
                // line is never moved twice for one intent (the intent id is forgotten after each step)
                try {
                    // an intake that died before reading its chain's upheld objection: kept on the order as an appeal's
                    // outcome is (never paid; released by the steps below), before it reserves
                    if (state == OrderState.RESERVING && objectedBefore(stored.order())) {
                        orders.keepSupersession(stored.order().id(), "OBJECTION_UPHELD:" + stored.order().decisionId(),
                                ReleaseReason.OBJECTION_UPHELD);
                        stored = orders.find(stored.order().id()).orElseThrow();
                    }
                    if (moves.change(stored, stored.order())) {
                        finish(orders.find(stored.order().id()).orElseThrow(), "resumer");
                        resumed++;
                    }
                } catch (RuntimeException e) {
                    RoundFaults.rethrowOutage(e); // a store outage ends the pass (every order behind would wait it out)
                    // one order's failure does not stop the orders behind it; its claim ages and a later pass retries it
                    resumeFailures.increment();
                    LOG.warnf("resuming order %s (%s) failed, a pass after resume-after retries it: %s", stored.order().id(),
                            state, e.toString());
                }
            }
        }
        return resumed;
    }

    /**
     * The waitlist, first in first out per line: while the head of a line's waitlist fits what the line
     * has available, it is claimed (WAITLISTED -> RESERVING, one writer wins) and reserved. A head that
     * does not fit blocks the ones behind it. A past fiscal year's waitlist is served from its line until the year is
     * closed: the year-end close ({@link YearEndService}) carries it over or lapses it, by the measure's rule.
     */
    public int serveWaitlists() {
        Map<String, Long> available = new HashMap<>();
        OrderMoves.Bulk claims = moves.bulk();
        for (OrderRepository.Stored stored : RoundFaults.inState(OrderState.WAITLISTED, orders.inState(OrderState.WAITLISTED, 1000))) {
            PaymentOrder order = stored.order();
            long left = available.computeIfAbsent(order.budgetLineId(),
                    id -> lines.find(id).map(BudgetLineRepository.Line::availableFen).orElse(-1L));
            if (left < order.amount().fen()) {
                available.put(order.budgetLineId(), -1L); // strict FIFO: nobody overtakes the head
                continue;
            }
            available.put(order.budgetLineId(), left - order.amount().fen());
            claims.change(stored, order.retryReservation());
        }
        long written = System.nanoTime();
        List<OrderRepository.Stored> claimed = claims.apply();
        if (System.nanoTime() - written < config.resumeAfter().toNanos() / 2) {
            reserveAll(claimed, "waitlist");
        }
        return claimed.size();
    }

    /**
     * Reserves RESERVING orders this writer has just claimed in a bulk round (issue 14), intent first as {@link #reserve}:
     * per budget line one guarded update for the sum of its orders (available covers it, none of their ids applied)
     * that records every order's id, then one bulk write moves them to IN_NOTICE with their journal entries and events,
     * then the ids of those that moved are forgotten in one write. A line whose guard refuses (too little available
     * meanwhile, an id already applied) reserves its orders one by one through {@link #reserve}, in order, which
     * waitlists the ones that no longer fit; these are a waitlist's orders, so first in first out: once one does not fit,
     * the ones behind it wait without trying the line. A crash anywhere leaves RESERVING intents for
     * {@link #resumeIntents}.
     */
    void reserveAll(List<OrderRepository.Stored> reserving, String causation) {
        reserveAll(reserving, s -> causation, () -> false, true);
    }

    /**
     * As {@link #reserveAll(List, String)} for new orders (a batch's intake), each order's events caused by its own event
     * (e.g. its decision), each order of a refused line trying the line as a single decision does; once {@code stalled}
     * says this writer took too long, the orders not reserved yet are left to the resumer.
     */
    void reserveAll(List<OrderRepository.Stored> reserving, java.util.function.Function<OrderRepository.Stored, String> causation,
                    java.util.function.BooleanSupplier stalled) {
        reserveAll(reserving, causation, stalled, false);
    }

    private void reserveAll(List<OrderRepository.Stored> reserving,
                            java.util.function.Function<OrderRepository.Stored, String> causation,
                            java.util.function.BooleanSupplier stalled, boolean firstInFirstOut) {
        // the awards of a call draw from its envelope one by one ({@link #reserve}), not from available in the bulk move
        for (OrderRepository.Stored s : reserving) {
            if (s.callId() != null && !stalled.getAsBoolean()) {
                reserve(s, causation.apply(s));
            }
        }
        reserving = reserving.stream().filter(s -> s.callId() == null).toList();
        List<OrderRepository.Stored> reserved = perLine(reserving, new LineStep() {
            public boolean apply(String line, Map<String, Long> fenByOrder) {
                return lines.reserveAll(line, fenByOrder);
            }

            public PaymentEvent event(PaymentOrder order, Instant now) {
                return order.reserved(now.plus(config.noticeFor(order.measureCode())), Ledger.reservation(order.id(),
                        order.budgetLineId(), order.amount().fen(), now, SYSTEM));
            }

            public void forget(String line, List<String> orderIds) {
                lines.forgetReserved(line, orderIds);
            }

            /** Waitlists' lines on which an order reserved alone did not fit: the orders behind it wait. */
            private final Set<String> blocked = new java.util.HashSet<>();

            public void alone(OrderRepository.Stored stored) {
                String line = stored.order().budgetLineId();
                if (!reserve(stored, causation.apply(stored), blocked.contains(line)) && firstInFirstOut) {
                    blocked.add(line);
                }
            }
        }, causation, stalled);
        releaseCancelled(reserved, causation); // as in reserve (the orders reserved alone did it there)
    }

    public OrderRepository.Stored stored(String orderId) {
        return orders.find(orderId).orElseThrow(() -> new NoSuchElementException(orderId));
    }

    public Optional<PaymentOrder> find(String id) {
        return orders.find(id).map(OrderRepository.Stored::order);
    }

    public List<PaymentOrder> forApplication(String applicationId) {
        return orders.forApplication(applicationId);
    }
}
