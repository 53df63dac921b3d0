package org.susong.payments.application;

import org.susong.payments.domain.ReleaseReason;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.susong.commons.messaging.NewEvent;
import org.susong.commons.messaging.Outbox;
import org.susong.commons.messaging.OutboxRelay;
import org.susong.commons.messaging.ModifiedRequest;
import org.susong.commons.messaging.PermanentFailure;
import org.susong.payments.domain.OrderState;
import org.susong.payments.domain.WithdrawalState;
import org.susong.payments.domain.Payee;
import org.susong.payments.domain.PaymentOrder;
import org.susong.payments.messaging.out.PaymentEvents;
import org.susong.payments.persistence.OrderRepository;
import org.susong.payments.persistence.PayeeRepository;
import org.susong.payments.persistence.WithdrawalRepository;

/**
 * Facts from the other services that are not decisions: payee snapshots (kept whenever they arrive),
 * withdrawal requests (accepted while no money is instructed, remembered when no order exists yet) and
 * the fund's answer to a conversion. Each is idempotent by its event id and payload hash.
 */
@ApplicationScoped
public class IntakeService {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(IntakeService.class);

    public record PayeeSnapshot(String eventId, String hash, String decisionId, String applicationId, String applicantUscc,
                                Payee payee) {
    }

    public record WithdrawalRequest(String eventId, String hash, String applicationId, String decisionId, String reason,
                                    String requestedBy) {
    }

    private final PayeeRepository payees;
    private final WithdrawalRepository withdrawals;
    private final OrderRepository orders;
    private final OrderService service;
    private final OrderMoves moves;
    private final OutboxRelay relay;
    private final ObjectMapper json;
    private final Clock clock;

    IntakeService(PayeeRepository payees, WithdrawalRepository withdrawals, OrderRepository orders, OrderService service,
                  OrderMoves moves, OutboxRelay relay, ObjectMapper json, Clock clock) {
        this.payees = payees;
        this.withdrawals = withdrawals;
        this.orders = orders;
        this.service = service;
        this.moves = moves;
        this.relay = relay;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Keeps a payee snapshot for its decision and USCC. One naming another USCC than the order's beneficiary is refused
     * (issue 23: dead-lettered, never paid to, shown on the order); one that arrives before its decision is kept under
     * its own USCC, so a stranger's never takes the beneficiary's place, and used only if it names the beneficiary
     * ({@link PayeeRepository#forOrder}).
     */
    public void onPayeeSnapshot(PayeeSnapshot s) {
        if (!s.payee().bankCode().matches("\\d{12}")) {
            throw new PermanentFailure("payee snapshot " + s.eventId() + " has bank code '" + s.payee().bankCode()
                    + "'; a CNAPS code has 12 digits");
        }
        PayeeRepository.StoredPayee snapshot = new PayeeRepository.StoredPayee(s.decisionId(), s.applicationId(),
                s.applicantUscc(), s.payee(), s.eventId(), s.hash());
        orders.find(PaymentOrder.idFor(s.decisionId())).map(OrderRepository.Stored::order)
                .filter(o -> !PayeeRepository.sameUscc(s.applicantUscc(), o.beneficiaryUscc())).ifPresent(o -> {
                    payees.insert(snapshot, clock.instant()); // under its own USCC: never paid to, shown on the order
                    throw new PermanentFailure("payee snapshot " + s.eventId() + " names USCC " + s.applicantUscc()
                            + "; the beneficiary of order " + o.id() + " is " + o.beneficiaryUscc() + ": refused");
                });
        if (payees.insert(snapshot, clock.instant())) {
            // an order waiting for it goes on at once (the processor would find it too)
            orders.find(PaymentOrder.idFor(s.decisionId())).filter(o -> o.order().state() == OrderState.AWAITING_PAYEE)
                    .filter(o -> payees.forOrder(o.order()).isPresent())
                    .ifPresent(o -> moves.change(o, o.order().payeeHeld()));
            return;
        }
        PayeeRepository.StoredPayee existing = payees.find(s.decisionId(), s.applicantUscc()).orElseThrow();
        RuntimeException refused = another(existing, s);
        if (refused != null) {
            throw refused;
        }
    }

    /**
     * A snapshot for a decision and USCC that has one already: the same payload again is a no-op; a <b>newer</b> one (a
     * later {@code snapshottedAt}: the beneficiary's bank-account change, issue 20 item 2) takes its place (a conditional
     * write on the kept one being older, so of two the newest stays), and a payment the bank returned is sent to it
     * ({@link ResendService}); an older one (a replay of the topic) is ignored; another payload at the same time is
     * refused (a modified request).
     *
     * @return the refusal, or null when the snapshot is taken (or ignored)
     */
    private RuntimeException another(PayeeRepository.StoredPayee was, PayeeSnapshot s) {
        if (was.sourceHash().equals(s.hash())) {
            return null;
        }
        if (s.payee().snapshottedAt().isAfter(was.payee().snapshottedAt())) {
            payees.replaceIfNewer(stored(s), clock.instant());
            return null;
        }
        if (s.payee().snapshottedAt().isBefore(was.payee().snapshottedAt())) {
            LOG.infof("payee snapshot %s of decision %s is older than the one kept (event %s): ignored", s.eventId(),
                    s.decisionId(), was.sourceEventId());
            return null;
        }
        return new ModifiedRequest("decision " + s.decisionId() + " already has a payee snapshot from event "
                + was.sourceEventId() + "; event " + s.eventId() + " carries another of the same time");
    }

    /**
     * The payee snapshots of a consumed batch (issue 14), each as {@link #onPayeeSnapshot}: the orders of their decisions
     * in one read, then the snapshots in one unordered bulk insert (a refused one naming a stranger's USCC too, under its
     * own USCC), then those that were there already in one read (the same payload again: a no-op; another: refused), then
     * the orders waiting for them moved on in one bulk write. The caller acks the records after these writes; a batch
     * redelivered after a crash in the middle of the insert inserts what it left out and finds the rest (keyed by
     * decision and USCC). A snapshot whose key comes again in the batch goes into the next insert, after the first one.
     *
     * @return the snapshots refused for good, by event id
     */
    public java.util.Map<String, RuntimeException> onPayeeSnapshots(List<PayeeSnapshot> snapshots) {
        java.util.Map<String, RuntimeException> refused = new java.util.LinkedHashMap<>();
        List<PayeeSnapshot> group = new java.util.ArrayList<>();
        java.util.Set<String> keys = new java.util.HashSet<>();
        for (PayeeSnapshot s : snapshots) {
            if (!keys.add(PayeeRepository.keyOf(stored(s)))) {
                payeesTogether(group, refused); // the same key again: after the first is written
                group.clear();
                keys.clear();
                keys.add(PayeeRepository.keyOf(stored(s)));
            }
            group.add(s);
        }
        payeesTogether(group, refused);
        return refused;
    }

    private void payeesTogether(List<PayeeSnapshot> group, java.util.Map<String, RuntimeException> refused) {
        List<PayeeSnapshot> valid = new java.util.ArrayList<>();
        for (PayeeSnapshot s : group) {
            if (s.payee().bankCode().matches("\\d{12}")) {
                valid.add(s);
            } else {
                refused.put(s.eventId(), new PermanentFailure("payee snapshot " + s.eventId() + " has bank code '"
                        + s.payee().bankCode() + "'; a CNAPS code has 12 digits"));
            }
        }
        if (valid.isEmpty()) {
            return;
        }
        java.util.Map<String, OrderRepository.Stored> ordersById = orders.findAll(valid.stream()
                .map(s -> PaymentOrder.idFor(s.decisionId())).distinct().toList());
        List<PayeeRepository.StoredPayee> kept = valid.stream().map(IntakeService::stored).toList();
        java.util.Set<Integer> existing = payees.insertAll(kept, clock.instant());
        java.util.Map<String, PayeeRepository.StoredPayee> before = existing.isEmpty() ? java.util.Map.of()
                : payees.findAll(existing.stream().map(kept::get).toList());
        List<OrderRepository.Stored> awaiting = new java.util.ArrayList<>();
        for (int i = 0; i < valid.size(); i++) {
            PayeeSnapshot s = valid.get(i);
            OrderRepository.Stored order = ordersById.get(PaymentOrder.idFor(s.decisionId()));
            if (order != null && !PayeeRepository.sameUscc(s.applicantUscc(), order.order().beneficiaryUscc())) {
                // kept by the insert under its own USCC: never paid to, shown on the order
                refused.put(s.eventId(), new PermanentFailure("payee snapshot " + s.eventId() + " names USCC "
                        + s.applicantUscc() + "; the beneficiary of order " + order.order().id() + " is "
                        + order.order().beneficiaryUscc() + ": refused"));
                continue;
            }
            if (existing.contains(i)) {
                PayeeRepository.StoredPayee was = before.get(PayeeRepository.keyOf(kept.get(i)));
                if (was == null) {
                    // refused as existing but not read back (a store blip): the call is retried and reads it again
                    throw new org.susong.commons.messaging.TransientFailure("payee snapshot of decision " + s.decisionId()
                            + " exists but could not be read");
                }
                RuntimeException another = another(was, s);
                if (another != null) {
                    refused.put(s.eventId(), another);
                }
                continue;
            }
            if (order != null && order.order().state() == OrderState.AWAITING_PAYEE) {
                awaiting.add(order);
            }
        }
        // the orders waiting for them go on at once (the processor would find them too): one bulk write
        var held = payees.forOrders(awaiting.stream().map(OrderRepository.Stored::order).toList());
        OrderMoves.Bulk moved = moves.bulk();
        java.util.Set<String> once = new java.util.HashSet<>();
        for (OrderRepository.Stored o : awaiting) {
            if (held.containsKey(o.order().id()) && once.add(o.order().id())) {
                moved.change(o, o.order().payeeHeld());
            }
        }
        if (!moved.isEmpty()) {
            moved.apply();
        }
    }

    private static PayeeRepository.StoredPayee stored(PayeeSnapshot s) {
        return new PayeeRepository.StoredPayee(s.decisionId(), s.applicationId(), s.applicantUscc(), s.payee(), s.eventId(),
                s.hash());
    }

    /**
     * The withdrawal requests of a consumed batch (issue 14), each as {@link #onWithdrawalRequested}: the withdrawals in
     * one unordered bulk insert, then all of them read back in one read (a second request for an application: the first
     * stands; the same event with another payload: refused), then their applications' orders in one read (written before
     * read, as the single path: a decision's order inserted after this read reads the withdrawal), then each pending one
     * applied. The caller acks after these writes; a batch redelivered after a crash in the middle of the insert inserts
     * what it left out and applies each withdrawal still pending once (a decided one is left as it is). A request whose
     * application comes again in the batch goes into the next insert.
     *
     * @return the requests refused for good, by event id
     */
    public java.util.Map<String, RuntimeException> onWithdrawalsRequested(List<WithdrawalRequest> requests) {
        java.util.Map<String, RuntimeException> refused = new java.util.LinkedHashMap<>();
        List<WithdrawalRequest> group = new java.util.ArrayList<>();
        java.util.Set<String> applications = new java.util.HashSet<>();
        for (WithdrawalRequest r : requests) {
            if (!applications.add(r.applicationId())) {
                withdrawalsTogether(group, refused); // the same application again: after the first is written
                group.clear();
                applications.clear();
                applications.add(r.applicationId());
            }
            group.add(r);
        }
        withdrawalsTogether(group, refused);
        return refused;
    }

    private void withdrawalsTogether(List<WithdrawalRequest> group, java.util.Map<String, RuntimeException> refused) {
        if (group.isEmpty()) {
            return;
        }
        List<WithdrawalRepository.Withdrawal> created = group.stream().map(IntakeService::pending).toList();
        java.util.Set<Integer> existing = withdrawals.insertAll(created, Date.from(clock.instant()));
        java.util.Map<String, WithdrawalRepository.Withdrawal> stored = withdrawals.findAll(created.stream()
                .map(WithdrawalRepository.Withdrawal::id).toList());
        List<WithdrawalRepository.Withdrawal> toApply = new java.util.ArrayList<>();
        for (int i = 0; i < group.size(); i++) {
            WithdrawalRequest r = group.get(i);
            WithdrawalRepository.Withdrawal w = stored.get(created.get(i).id());
            if (w == null) {
                throw new org.susong.commons.messaging.TransientFailure("withdrawal " + created.get(i).id()
                        + " was written but could not be read");
            }
            if (existing.contains(i) && !w.sourceHash().equals(r.hash())) {
                if (w.sourceEventId().equals(r.eventId())) {
                    refused.put(r.eventId(), new ModifiedRequest("withdrawal event " + r.eventId()
                            + " was received before with another payload"));
                }
                continue; // a second request for the same application: the first one stands
            }
            toApply.add(w);
        }
        java.util.Map<String, List<OrderRepository.Stored>> byApplication = orders.forApplicationsStored(toApply.stream()
                .map(WithdrawalRepository.Withdrawal::applicationId).toList());
        for (WithdrawalRepository.Withdrawal w : toApply) {
            applyPending(w, byApplication.getOrDefault(w.applicationId(), List.of()));
        }
    }

    private static WithdrawalRepository.Withdrawal pending(WithdrawalRequest r) {
        return new WithdrawalRepository.Withdrawal(WithdrawalRepository.idFor(r.applicationId()), r.applicationId(),
                r.decisionId(), r.reason(), r.requestedBy(), WithdrawalState.PENDING, r.eventId(), r.hash(), 0);
    }

    public void onWithdrawalRequested(WithdrawalRequest r) {
        String id = WithdrawalRepository.idFor(r.applicationId());
        WithdrawalRepository.Withdrawal withdrawal = new WithdrawalRepository.Withdrawal(id, r.applicationId(), r.decisionId(),
                r.reason(), r.requestedBy(), WithdrawalState.PENDING, r.eventId(), r.hash(), 0);
        if (!withdrawals.insert(withdrawal, Date.from(clock.instant()))) {
            WithdrawalRepository.Withdrawal existing = withdrawals.find(id).orElseThrow();
            if (!existing.sourceHash().equals(r.hash()) && !existing.sourceEventId().equals(r.eventId())) {
                // a second request for the same application: the first one stands
                return;
            }
            if (!existing.sourceHash().equals(r.hash())) {
                throw new ModifiedRequest("withdrawal event " + r.eventId() + " was received before with another payload");
            }
        }
        applyPending(withdrawals.find(id).orElseThrow());
    }

    /** Applies pending withdrawals (also after a crash between the steps). */
    public void applyPendingWithdrawals() {
        for (WithdrawalRepository.Withdrawal w : withdrawals.pending()) {
            applyPending(w);
        }
    }

    /**
     * A pending withdrawal: every open order of the application is released; refused when money is
     * already in a bank file, a fund conversion or paid; accepted with nothing to release when no order
     * exists yet (a later decision then creates no payable order).
     */
    void applyPending(WithdrawalRepository.Withdrawal w) {
        if (w.state() != WithdrawalState.PENDING) {
            return;
        }
        applyPending(w, orders.forApplicationStored(w.applicationId()));
    }

    /** As above, with the application's orders read after the withdrawal was stored. */
    private void applyPending(WithdrawalRepository.Withdrawal w, List<OrderRepository.Stored> list) {
        if (w.state() != WithdrawalState.PENDING) {
            return;
        }
        String causation = w.sourceEventId();
        if (list.stream().anyMatch(o -> o.order().state() == OrderState.RESERVING)) {
            return; // an intent in flight: the next round decides
        }
        Instant now = clock.instant();
        OrderRepository.Stored paid = list.stream().filter(o -> !OrderState.RELEASABLE.contains(o.order().state())
                && o.order().state() != OrderState.RELEASING && o.order().state() != OrderState.RELEASED).findFirst().orElse(null);
        if (paid != null) {
            decide(w, WithdrawalState.REFUSED, PaymentEvents.withdrawalRefused(paid.order(), w.applicationId(), "payment order "
                    + paid.order().id() + " is " + paid.order().state() + ": the money is already instructed", now,
                    OrderService.SYSTEM, causation));
            return;
        }
        boolean open = false;
        for (OrderRepository.Stored o : list) {
            if (OrderState.RELEASABLE.contains(o.order().state())) {
                open = true;
                service.startRelease(o, ReleaseReason.WITHDRAWN, OrderService.SYSTEM, causation);
            }
        }
        if (open) {
            return; // the orders publish WithdrawalAccepted with their release; the next round closes this one
        }
        if (list.isEmpty()) {
            decide(w, WithdrawalState.ACCEPTED, PaymentEvents.withdrawalAccepted(w.applicationId(), w.decisionId(), now, OrderService.SYSTEM,
                    causation));
        } else if (list.stream().noneMatch(o -> o.order().state() == OrderState.RELEASING)) {
            // released by this withdrawal: the orders said so; released for another reason earlier: say it here
            boolean answered = list.stream().anyMatch(o -> o.order().releaseReason() == ReleaseReason.WITHDRAWN
                    && o.order().releasedFrom() != null);
            decide(w, WithdrawalState.ACCEPTED, answered ? null : PaymentEvents.withdrawalAccepted(w.applicationId(), w.decisionId(), now,
                    OrderService.SYSTEM, causation));
        }
    }

    private void decide(WithdrawalRepository.Withdrawal w, WithdrawalState state, NewEvent event) {
        var outbox = Outbox.entries(json, w.lastSequence(), event == null ? List.of() : List.of(event), clock.instant());
        if (withdrawals.decide(w.id(), state, outbox, Date.from(clock.instant())) && !outbox.isEmpty()) {
            relay.publishSoon(WithdrawalRepository.COLLECTION, w.id());
        }
    }

    /** fund-investments converted the money: the order is booked as disbursed into the fund. */
    public void onConversionCompleted(String orderId, String investmentId, String causation) {
        OrderRepository.Stored stored = orders.find(orderId).orElseThrow(() -> new PermanentFailure("conversion completed for"
                + " unknown payment order " + orderId));
        if (stored.order().state() != OrderState.CONVERTING) {
            return; // a redelivery: already booked
        }
        long written = System.nanoTime();
        if (moves.change(stored, stored.order().converted(investmentId))) {
            service.finishUnlessStalled(written, orderId, causation);
        }
    }

    /** The fund refused: the decision's fallback applies (GRANT: pay through the bank; HOLD: hold for an officer). */
    public void onConversionRejected(String orderId, String reason, String causation) {
        OrderRepository.Stored stored = orders.find(orderId).orElseThrow(() -> new PermanentFailure("conversion rejected for"
                + " unknown payment order " + orderId));
        if (stored.order().state() != OrderState.CONVERTING) {
            return;
        }
        moves.change(stored, stored.order().conversionRejected(reason, clock.instant()));
    }
}
