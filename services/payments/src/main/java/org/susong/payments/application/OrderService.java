package org.susong.payments.application;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.susong.commons.messaging.Outbox;
import org.susong.commons.messaging.OutboxRelay;
import org.susong.commons.messaging.PermanentFailure;
import org.susong.commons.money.Money;
import org.susong.commons.persistence.GuardedCounter;
import org.susong.payments.config.PaymentsConfig;
import org.susong.payments.domain.OrderState;
import org.susong.payments.domain.PaymentEvent;
import org.susong.payments.domain.PaymentOrder;
import org.susong.payments.messaging.out.PaymentEvents;
import org.susong.payments.persistence.BudgetLineRepository;
import org.susong.payments.persistence.OrderRepository;

/**
 * Reservation and payment of approved decisions, intent first (architecture rule 4): the order
 * document (id from the decision) is written before the budget line is charged; the line update is
 * guarded by {@code available >= amount} and records the order id, so a repeat charges nothing;
 * then the order moves on with its event. A crash anywhere leaves a RESERVING order that
 * {@link #resumeReservations} finishes. One decision, one order: never paid twice.
 */
@ApplicationScoped
public class OrderService {

    private static final String SYSTEM = "system;system;;";

    /** An approved decision as payments needs it. */
    public record ApprovedDecision(String eventId, String payloadHash, String decisionId, String applicationId,
                                   String beneficiaryUscc, String measureCode, int fiscalYear, String district,
                                   long amountFen) {
    }

    private final OrderRepository orders;
    private final BudgetLineRepository lines;
    private final BankChannel bank;
    private final OutboxRelay relay;
    private final ObjectMapper json;
    private final Clock clock;
    private final PaymentsConfig config;

    OrderService(OrderRepository orders, BudgetLineRepository lines, BankChannel bank, OutboxRelay relay, ObjectMapper json,
                 Clock clock, PaymentsConfig config) {
        this.orders = orders;
        this.lines = lines;
        this.bank = bank;
        this.relay = relay;
        this.json = json;
        this.clock = clock;
        this.config = config;
    }

    public void onApprovedDecision(ApprovedDecision d) {
        if (d.amountFen() <= 0) {
            throw new PermanentFailure("decision " + d.decisionId() + " is approved with a non-positive amount " + d.amountFen());
        }
        PaymentOrder order = PaymentOrder.open(d.decisionId(), d.applicationId(), d.beneficiaryUscc(), d.measureCode(),
                d.fiscalYear(), d.district(), Money.ofFen(d.amountFen()));
        long written = System.nanoTime();
        if (orders.insert(order, d.eventId(), d.payloadHash(), Date.from(clock.instant()))) {
            // a writer that stalled for half the resume delay leaves the charge to the resumer, so the
            // two never charge the line concurrently for the same order (the resumer forgets the id after)
            if (System.nanoTime() - written < config.resumeAfter().toNanos() / 2) {
                reserve(new OrderRepository.Stored(order, 0, d.eventId(), d.payloadHash(), null), d.eventId());
            }
            return;
        }
        OrderRepository.Stored existing = orders.find(order.id()).orElseThrow();
        if (!existing.sourceHash().equals(d.payloadHash())) {
            throw new PermanentFailure("decision " + d.decisionId() + " already has order " + order.id() + " from event "
                    + existing.sourceEventId() + "; event " + d.eventId() + " carries a different payload (modified"
                    + " request refused)");
        }
        // a redelivery after a crash between the intent and the charge: the resumer finishes it
    }

    /** Charges the line for a RESERVING order, or waitlists it; safe to repeat. */
    void reserve(OrderRepository.Stored stored, String causation) {
        PaymentOrder order = stored.order();
        GuardedCounter.Outcome outcome = lines.reserve(order.budgetLineId(), order.id(), order.amount().fen());
        PaymentEvent event = switch (outcome) {
            case APPLIED, ALREADY_APPLIED -> order.reserved(clock.instant().plus(Duration.ofDays(config.noticeDays())));
            case REFUSED -> order.waitlisted("budget line " + order.budgetLineId() + " has less than " + order.amount()
                    + " available");
            case NO_COUNTER -> order.waitlisted("there is no budget line " + order.budgetLineId() + " yet");
        };
        move(stored, OrderState.RESERVING, event, SYSTEM, causation);
        if (outcome != GuardedCounter.Outcome.NO_COUNTER && outcome != GuardedCounter.Outcome.REFUSED) {
            lines.forget(order.budgetLineId(), order.id());
        }
    }

    /** Finishes reservations a crash interrupted (older than the resume delay, so live writers are left alone). */
    public int resumeReservations() {
        int resumed = 0;
        Instant before = clock.instant().minus(config.resumeAfter());
        for (OrderRepository.Stored stored : orders.inState(OrderState.RESERVING, 200)) {
            if (stored.updatedAt() == null || stored.updatedAt().toInstant().isBefore(before)) {
                reserve(stored, "resumer");
                resumed++;
            }
        }
        return resumed;
    }

    /** Public notice over: approve automatically up to the threshold, otherwise wait for a finance officer. */
    public void endNotices() {
        for (OrderRepository.Stored stored : orders.inState(OrderState.IN_NOTICE, 200)) {
            PaymentOrder order = stored.order();
            if (order.noticeEndsAt() != null && order.noticeEndsAt().isAfter(clock.instant())) {
                continue;
            }
            if (order.amount().fen() <= config.autoApproveMaxFen()) {
                move(stored, OrderState.IN_NOTICE, order.approve("system (automatic below threshold)"), SYSTEM, "notice-ended");
            } else {
                orders.transition(order.awaitingApproval(), OrderState.IN_NOTICE, List.of(), Date.from(clock.instant()));
            }
        }
    }

    /** A finance officer approves an order waiting for approval. */
    public PaymentOrder approve(String orderId, String officer, String actor) {
        OrderRepository.Stored stored = orders.find(orderId).orElseThrow(() -> new java.util.NoSuchElementException(orderId));
        PaymentEvent.PaymentApproved approved = stored.order().approve(officer);
        if (!move(stored, stored.order().state(), approved, actor, "approval:" + officer)) {
            throw new PaymentOrder.IllegalTransition(orderId, orders.find(orderId).orElseThrow().order().state(),
                    OrderState.IN_NOTICE, OrderState.AWAITING_APPROVAL);
        }
        return approved.order();
    }

    /** Approved orders go to the bank; instructed ones that the bank confirmed are booked as disbursed. */
    public void pay() {
        for (OrderRepository.Stored stored : orders.inState(OrderState.APPROVED, 200)) {
            String reference = bank.instruct(stored.order());
            if (reference != null) {
                move(stored, OrderState.APPROVED, stored.order().instructed(reference), SYSTEM, "bank");
            }
        }
        for (OrderRepository.Stored stored : orders.inState(OrderState.INSTRUCTED, 200)) {
            if (bank.settled(stored.order())) {
                orders.transition(stored.order().confirmedByBank(), OrderState.INSTRUCTED, List.of(), Date.from(clock.instant()));
            }
        }
        for (OrderRepository.Stored stored : orders.inState(OrderState.SETTLING, 200)) {
            PaymentOrder order = stored.order();
            GuardedCounter.Outcome outcome = lines.disburse(order.budgetLineId(), order.id(), order.amount().fen());
            if (outcome == GuardedCounter.Outcome.APPLIED || outcome == GuardedCounter.Outcome.ALREADY_APPLIED) {
                move(stored, OrderState.SETTLING, order.settled(clock.instant()), SYSTEM, "bank-statement");
                lines.forget(order.budgetLineId(), order.id() + ":settle");
            }
        }
    }

    public Optional<PaymentOrder> find(String id) {
        return orders.find(id).map(OrderRepository.Stored::order);
    }

    public List<PaymentOrder> forApplication(String applicationId) {
        return orders.forApplication(applicationId);
    }

    private boolean move(OrderRepository.Stored stored, OrderState from, PaymentEvent event, String actor, String causation) {
        var outbox = Outbox.entries(json, stored.lastSequence(), List.of(PaymentEvents.toWire(event, actor, causation)),
                clock.instant());
        boolean moved = orders.transition(event.order(), from, outbox, Date.from(clock.instant()));
        if (moved) {
            relay.publishSoon(OrderRepository.COLLECTION, event.order().id());
        }
        return moved;
    }
}
