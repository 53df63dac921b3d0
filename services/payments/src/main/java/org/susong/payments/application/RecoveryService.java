package org.susong.payments.application;

import org.susong.payments.domain.ReleaseReason;
import org.susong.payments.domain.Recovery;
import org.susong.payments.domain.RecoveryState;
import org.susong.payments.domain.Repayment;
import org.susong.payments.domain.Scope;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.susong.commons.ids.District;
import org.susong.commons.ids.Ids;
import org.susong.commons.messaging.NewEvent;
import org.susong.commons.messaging.Outbox;
import org.susong.commons.messaging.OutboxRelay;
import org.susong.commons.messaging.ModifiedRequest;
import org.susong.commons.messaging.PermanentFailure;
import org.susong.commons.persistence.GuardedCounter;
import org.susong.payments.config.PaymentsConfig;
import org.susong.payments.domain.JournalEntry;
import org.susong.payments.domain.Ledger;
import org.susong.payments.domain.OrderState;
import org.susong.payments.domain.PaymentOrder;
import org.susong.payments.messaging.out.PaymentEvents;
import org.susong.payments.persistence.BudgetLineRepository;
import org.susong.payments.persistence.OrderRepository;
import org.susong.payments.persistence.RecoveryRepository;

/**
 * Recovery (clawback) on {@code RevocationRequested}: an order not yet paid is simply released
 * (reason RECOVERED); money already disbursed becomes a receivable on the order's line
 * (disbursed -> receivable, {@code RecoveryOpened}); repayments bring it back to available. A
 * revocation of an order still on its way to the bank waits until the bank booked it.
 * States: WAITING (order in flight), OPEN (receivable), CLOSED (repaid or nothing to recover).
 */
@ApplicationScoped
public class RecoveryService {

    /** A revocation; {@code district} from the event's {@code district} extension (null when it carries none). */
    public record Revocation(String eventId, String hash, String revocationId, String decisionId, String applicationId,
                             String beneficiaryUscc, long amountFen, String reason, String district) {

        public Revocation(String eventId, String hash, String revocationId, String decisionId, String applicationId,
                          String beneficiaryUscc, long amountFen, String reason) {
            this(eventId, hash, revocationId, decisionId, applicationId, beneficiaryUscc, amountFen, reason, null);
        }
    }

    /** A repayment the recovery cannot take (409/400 at the edge). */
    public static final class RepaymentRefused extends RuntimeException {
        public RepaymentRefused(String message) {
            super(message);
        }
    }

    private final RecoveryRepository recoveries;
    private final OrderRepository orders;
    private final BudgetLineRepository lines;
    private final OrderService service;
    private final OutboxRelay relay;
    private final ObjectMapper json;
    private final Clock clock;
    private final PaymentsConfig config;

    RecoveryService(RecoveryRepository recoveries, OrderRepository orders, BudgetLineRepository lines, OrderService service,
                    OutboxRelay relay, ObjectMapper json, Clock clock, PaymentsConfig config) {
        this.recoveries = recoveries;
        this.orders = orders;
        this.lines = lines;
        this.service = service;
        this.relay = relay;
        this.json = json;
        this.clock = clock;
        this.config = config;
    }

    public static String idFor(String revocationId) {
        return "RC-" + revocationId;
    }

    public void onRevocationRequested(Revocation r) {
        if (r.amountFen() <= 0) {
            throw new PermanentFailure("revocation " + r.revocationId() + " recovers a non-positive amount " + r.amountFen());
        }
        String id = idFor(r.revocationId());
        String orderId = PaymentOrder.idFor(r.decisionId());
        Optional<OrderRepository.Stored> order = orders.find(orderId);
        String line = order.map(o -> o.order().budgetLineId()).orElse(null);
        // the order's district (from its decision) when it is here, else the one the revocation event names
        String district = order.map(o -> o.order().districtCode()).orElse(r.district());
        Recovery recovery = new Recovery(id, r.revocationId(), r.decisionId(),
                r.applicationId(), r.beneficiaryUscc(), orderId, line, r.amountFen(), 0, 0, RecoveryState.WAITING, r.reason(), null, List.of(),
                r.eventId(), r.hash(), 0, null, District.parse(district).orElse(null));
        if (!recoveries.insert(recovery, clock.instant())) {
            Recovery existing = recoveries.find(id).orElseThrow();
            if (!existing.sourceHash().equals(r.hash())) {
                throw new ModifiedRequest("revocation " + r.revocationId() + " was received before with another payload");
            }
            return; // the same request again: the processor finishes what is left
        }
        // the writer of the intent takes the first step; later steps belong to one claiming processor
        advance(recoveries.find(id).orElseThrow());
    }

    /** WAITING recoveries whose order has settled (or was released) move on; pending repayments are finished. */
    public void advanceAll() {
        recoveries.closeRepaid();
        Instant stale = clock.instant().minus(config.resumeAfter());
        for (Recovery r : recoveries.inState(RecoveryState.WAITING)) {
            // claimed first (one replica, and nobody else for another resume delay): the line moves once
            if (recoveries.claimWaiting(r.id(), stale, clock.instant())) {
                advance(r);
            }
        }
        Instant before = stale;
        for (Recovery r : recoveries.withPendingRepayment()) {
            if (r.pending() != null && recoveries.claimPending(r.id(), r.pending().id(), before, clock.instant())) {
                finishRepayment(r);
            }
        }
    }

    void advance(Recovery r) {
        if (r.state() != RecoveryState.WAITING) {
            return;
        }
        Optional<OrderRepository.Stored> found = orders.find(r.orderId());
        if (found.isEmpty()) {
            return; // an early fact: the decision's order has not arrived; kept and retried
        }
        PaymentOrder order = found.get().order();
        Instant now = clock.instant();
        if (order.releasedPartFor(r.revocationId())) {
            // released in part for this revocation already (recorded on the order with its release intent): a crash or
            // a stall came between that write and this close; the order's own intent finishes the release
            recoveries.move(r.id(), RecoveryState.WAITING, RecoveryState.CLOSED, null, List.of(), now);
            return;
        }
        if (OrderState.RELEASABLE.contains(order.state())) {
            // a partial revocation releases only the revoked part; the rest is still due and stays reserved
            boolean started = r.amountFen() < order.amount().fen()
                    ? service.startPartialRelease(found.get(), ReleaseReason.RECOVERED, r.amountFen(), r.revocationId(),
                    r.sourceEventId())
                    : service.startRelease(found.get(), ReleaseReason.RECOVERED, OrderService.SYSTEM, r.sourceEventId());
            if (started) {
                recoveries.move(r.id(), RecoveryState.WAITING, RecoveryState.CLOSED, null, List.of(), now);
            }
            // lost: another writer moved the order first (batched, held, released); the recovery stays WAITING and a
            // later round looks at the order again (released: closed; paid: a receivable)
            return;
        }
        if (order.state() == OrderState.RELEASED || order.state() == OrderState.RETURNED || order.state() == OrderState.CONVERTED) {
            // nothing was paid out to the beneficiary's account (released, returned) or it is an investment the fund manages
            recoveries.move(r.id(), RecoveryState.WAITING, RecoveryState.CLOSED, null, List.of(), now);
            return;
        }
        if (order.state() != OrderState.SETTLED) {
            return; // still on its way to the bank: wait for the booking
        }
        long amount = Math.min(r.amountFen(), order.amount().fen());
        String line = order.budgetLineId();
        GuardedCounter.Outcome outcome = lines.openRecovery(line, r.id(), amount);
        if (outcome == GuardedCounter.Outcome.APPLIED || outcome == GuardedCounter.Outcome.ALREADY_APPLIED) {
            JournalEntry entry = Ledger.recoveryOpened(r.id(), line, amount, now, OrderService.SYSTEM, r.reason());
            List<NewEvent> events = new ArrayList<>();
            events.add(PaymentEvents.recoveryOpened(new PaymentEvents.RecoveryOpenedV1(r.id(), r.revocationId(), r.decisionId(),
                    r.applicationId(), r.beneficiaryUscc(), amount, now), OrderService.SYSTEM, r.sourceEventId(), order.districtCode()));
            events.add(PaymentEvents.ledger(entry, OrderService.SYSTEM, r.sourceEventId(), r.applicationId(), order.districtCode()));
            if (recoveries.open(r.id(), amount, line, entry, Outbox.entries(json, r.lastSequence(), events, now), now)) {
                relay.publishSoon(RecoveryRepository.COLLECTION, r.id());
            }
            lines.forget(line, r.id() + ":open");
        }
    }

    /** A repayment received (bank reference): intent first, then the line, then the booking. */
    public Recovery repay(String recoveryId, long amountFen, String reference, String actor) {
        Recovery r = find(recoveryId);
        if (r.state() != RecoveryState.OPEN) {
            throw new RepaymentRefused("recovery " + recoveryId + " is " + r.state() + "; only an OPEN recovery takes repayments");
        }
        if (amountFen > r.unclaimedFen()) {
            throw new RepaymentRefused("recovery " + recoveryId + " has " + r.unclaimedFen() + " fen outstanding (not already"
                    + " withheld from a payment), less than " + amountFen);
        }
        Repayment repayment = new Repayment(Ids.newId("RP", clock), amountFen, reference,
                actor, clock.instant());
        if (!recoveries.startRepayment(recoveryId, repayment, clock.instant())) {
            throw new RepaymentRefused("recovery " + recoveryId + " has another repayment being booked; try again");
        }
        finishRepayment(recoveries.find(recoveryId).orElseThrow());
        return find(recoveryId);
    }

    void finishRepayment(Recovery r) {
        Repayment p = r.pending();
        if (p == null) {
            return;
        }
        GuardedCounter.Outcome outcome = lines.repay(r.budgetLine(), r.id() + ":" + p.id(), p.amountFen());
        if (outcome == GuardedCounter.Outcome.APPLIED || outcome == GuardedCounter.Outcome.ALREADY_APPLIED) {
            Instant now = clock.instant();
            JournalEntry entry = Ledger.repayment(r.id() + ":" + p.id(), r.id(), r.budgetLine(), p.amountFen(), now, p.by(),
                    "repayment " + p.reference());
            var outbox = Outbox.entries(json, r.lastSequence(), List.of(PaymentEvents.ledger(entry, p.by(), r.id(),
                    r.applicationId(), null)), now);
            if (recoveries.bookRepayment(r.id(), p, p.amountFen() >= r.outstandingFen(), entry, outbox, now)) {
                relay.publishSoon(RecoveryRepository.COLLECTION, r.id());
            }
            lines.forget(r.budgetLine(), r.id() + ":" + p.id());
        }
    }

    /**
     * The offset to withhold from a payment of this beneficiary (when offsets are allowed), at most the payment, at most
     * once per order, claimed on one OPEN recovery of the beneficiary chosen by the offset rule (issue 20 item 3):
     * <ol>
     *   <li>a recovery this order claimed already (a retried batching takes the same claim again);</li>
     *   <li>else a recovery of the <b>same measure</b> as the payment (the measure of the recovery's budget line) before
     *   any other measure's;</li>
     *   <li>within each, the <b>oldest debt first</b>: the recovery payments recorded first ({@code createdAt}), ties by
     *   recovery id;</li>
     * </ol>
     * the first of them with anything unclaimed is claimed. Deterministic: the same recoveries give the same choice on
     * every replica.
     *
     * @return the recovery id and the fen claimed, or null when nothing is offset
     */
    public Offset claimOffset(PaymentOrder order) {
        if (!config.offsetRecoveries()) {
            return null;
        }
        for (Recovery r : offsetOrder(order, recoveries.forBeneficiaryOldestFirst(order.beneficiaryUscc()),
                recoveries.claimedBy(order.id()))) {
            if (r.state() != RecoveryState.OPEN) {
                continue;
            }
            long before = recoveries.claimed(r.id(), order.id());
            long fen = before > 0 ? before : Math.min(order.amount().fen(), r.unclaimedFen());
            if (fen <= 0) {
                continue;
            }
            GuardedCounter.Outcome outcome = recoveries.claim(r.id(), order.id(), fen);
            if (outcome == GuardedCounter.Outcome.APPLIED || outcome == GuardedCounter.Outcome.ALREADY_APPLIED) {
                return new Offset(r.id(), r.budgetLine(), fen);
            }
        }
        return null;
    }

    /**
     * The beneficiary's recoveries (read oldest first, ties by id) in the offset rule's order for this payment: one it
     * claimed already, then the same measure's, then the others; stable, so each group stays oldest first.
     */
    static List<Recovery> offsetOrder(PaymentOrder order, List<Recovery> oldestFirst, java.util.Set<String> claimedAlready) {
        List<Recovery> sorted = new ArrayList<>(oldestFirst);
        sorted.sort(java.util.Comparator.comparingInt(r -> claimedAlready.contains(r.id()) ? 0
                : order.measureCode().equals(measureOf(r.budgetLine())) ? 1 : 2));
        return sorted;
    }

    private static String measureOf(String budgetLine) {
        return budgetLine == null ? null : budgetLine.substring(budgetLine.indexOf(':') + 1);
    }

    /**
     * The order's move that would have carried a claimed offset lost to another writer: the claim goes back to
     * the recovery, unless the order as stored now carries it (another replica batched it with the same claim) or
     * is still APPROVED (the next round reuses the claim, which is kept per order id).
     * Read after the lost write, so a release that won gives the claim back here or finds it on the order.
     */
    public void giveBackUnlessHeld(Offset offset, String orderId) {
        PaymentOrder now = orders.find(orderId).map(OrderRepository.Stored::order).orElse(null);
        if (now != null && (now.state() == OrderState.APPROVED
                || offset.recoveryId().equals(now.offsetRecoveryId()) && now.offsetFen() > 0)) {
            return; // still to be batched: the next round takes the same claim again (or its release gives it back)
        }
        recoveries.unclaim(offset.recoveryId(), orderId, offset.fen());
    }

    /** An offset claimed on a recovery for a payment. */
    public record Offset(String recoveryId, String budgetLine, long fen) {
    }

    public Recovery find(String id) {
        return recoveries.find(id).orElseThrow(() -> new NoSuchElementException(id));
    }

    public List<Recovery> forBeneficiary(String uscc) {
        return recoveries.forBeneficiary(uscc);
    }

    /** A beneficiary's recoveries that the scope sees (filtered in the query). */
    public List<Recovery> forBeneficiary(String uscc, Scope scope) {
        return recoveries.forBeneficiary(uscc, scope);
    }
}
