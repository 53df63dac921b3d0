package org.susong.payments.application;

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
        if (!existing.sourceHash().equals(s.hash())) {
            throw new ModifiedRequest("decision " + s.decisionId() + " already has a payee snapshot from event "
                    + existing.sourceEventId() + "; event " + s.eventId() + " carries another");
        }
    }

    public void onWithdrawalRequested(WithdrawalRequest r) {
        String id = WithdrawalRepository.idFor(r.applicationId());
        WithdrawalRepository.Withdrawal withdrawal = new WithdrawalRepository.Withdrawal(id, r.applicationId(), r.decisionId(),
                r.reason(), r.requestedBy(), "PENDING", r.eventId(), r.hash(), 0);
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
        if (!"PENDING".equals(w.state())) {
            return;
        }
        String causation = w.sourceEventId();
        List<OrderRepository.Stored> list = orders.forApplicationStored(w.applicationId());
        if (list.stream().anyMatch(o -> o.order().state() == OrderState.RESERVING)) {
            return; // an intent in flight: the next round decides
        }
        Instant now = clock.instant();
        OrderRepository.Stored paid = list.stream().filter(o -> !OrderState.RELEASABLE.contains(o.order().state())
                && o.order().state() != OrderState.RELEASING && o.order().state() != OrderState.RELEASED).findFirst().orElse(null);
        if (paid != null) {
            decide(w, "REFUSED", PaymentEvents.withdrawalRefused(paid.order(), w.applicationId(), "payment order "
                    + paid.order().id() + " is " + paid.order().state() + ": the money is already instructed", now,
                    OrderService.SYSTEM, causation));
            return;
        }
        boolean open = false;
        for (OrderRepository.Stored o : list) {
            if (OrderState.RELEASABLE.contains(o.order().state())) {
                open = true;
                service.startRelease(o, ReleaseReasons.WITHDRAWN, OrderService.SYSTEM, causation);
            }
        }
        if (open) {
            return; // the orders publish WithdrawalAccepted with their release; the next round closes this one
        }
        if (list.isEmpty()) {
            decide(w, "ACCEPTED", PaymentEvents.withdrawalAccepted(w.applicationId(), w.decisionId(), now, OrderService.SYSTEM,
                    causation));
        } else if (list.stream().noneMatch(o -> o.order().state() == OrderState.RELEASING)) {
            // released by this withdrawal: the orders said so; released for another reason earlier: say it here
            boolean answered = list.stream().anyMatch(o -> ReleaseReasons.WITHDRAWN.equals(o.order().releaseReason())
                    && o.order().releasedFrom() != null);
            decide(w, "ACCEPTED", answered ? null : PaymentEvents.withdrawalAccepted(w.applicationId(), w.decisionId(), now,
                    OrderService.SYSTEM, causation));
        }
    }

    private void decide(WithdrawalRepository.Withdrawal w, String state, NewEvent event) {
        List<org.bson.Document> outbox = event == null ? List.of()
                : Outbox.entries(json, w.lastSequence(), List.of(event), clock.instant());
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
