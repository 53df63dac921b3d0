package org.susong.payments.application;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.susong.commons.messaging.NewEvent;
import org.susong.commons.messaging.Outbox;
import org.susong.commons.messaging.OutboxRelay;
import org.susong.payments.domain.JournalEntry;
import org.susong.payments.domain.PaymentEvent;
import org.susong.payments.domain.PaymentOrder;
import org.susong.payments.messaging.out.PaymentEvents;
import org.susong.payments.persistence.OrderRepository;

/**
 * The one way an order changes: its new state, its events and the journal entry of the money it
 * moved, in one conditional write on the state and version it was read in (architecture rule 1, docs/architecture.md#rule-1).
 */
@ApplicationScoped
public class OrderMoves {

    static final String SYSTEM = "system;system;;";

    private final OrderRepository orders;
    private final OutboxRelay relay;
    private final ObjectMapper json;
    private final Clock clock;

    OrderMoves(OrderRepository orders, OutboxRelay relay, ObjectMapper json, Clock clock) {
        this.orders = orders;
        this.relay = relay;
        this.json = json;
        this.clock = clock;
    }

    /** Applies a domain event (and the wire events that travel with it); false when another writer moved first. */
    public boolean move(OrderRepository.Stored stored, PaymentEvent event, String actor, String causation) {
        return write(stored, event.order(), PaymentEvents.toWire(event, actor, causation, clock.instant()), event);
    }

    /** A change without events (e.g. waiting for approval or for the payee). */
    public boolean change(OrderRepository.Stored stored, PaymentOrder next) {
        return write(stored, next, List.of(), null);
    }

    /** A change with events that are not the order's own domain events (e.g. a refused withdrawal). */
    public boolean change(OrderRepository.Stored stored, PaymentOrder next, List<NewEvent> events) {
        return write(stored, next, events, null);
    }

    private boolean write(OrderRepository.Stored stored, PaymentOrder next, List<NewEvent> events, PaymentEvent event) {
        var outbox = Outbox.entries(json, stored.lastSequence(), new ArrayList<>(events), clock.instant());
        boolean moved = orders.transition(stored, next, outbox, event == null ? List.of() : event.journals(),
                Date.from(clock.instant()));
        if (moved && !outbox.isEmpty()) {
            relay.publishSoon(OrderRepository.COLLECTION, next.id());
        }
        return moved;
    }

    /** A processor round's moves, written together by {@link Bulk#apply}. */
    public Bulk bulk() {
        return new Bulk();
    }

    /**
     * Many orders' moves in one bulk write (issue 14), each as conditional as {@link #move}/{@link #change} on its own
     * state, version and outbox room. Only the orders that moved get their follow-up effects (their events published,
     * whatever the caller does next with {@link #apply}'s answer); the others are left for the next round.
     */
    public final class Bulk {
        private final List<OrderRepository.Move> moves = new ArrayList<>();
        private final Set<String> ids = new HashSet<>();

        private Bulk() {
        }

        public Bulk move(OrderRepository.Stored stored, PaymentEvent event, String actor, String causation) {
            return add(stored, event.order(), PaymentEvents.toWire(event, actor, causation, clock.instant()), event.journals());
        }

        public Bulk change(OrderRepository.Stored stored, PaymentOrder next) {
            return add(stored, next, List.of(), List.of());
        }

        private Bulk add(OrderRepository.Stored stored, PaymentOrder next, List<NewEvent> events, List<JournalEntry> journal) {
            if (!ids.add(next.id())) {
                throw new IllegalArgumentException("order " + next.id() + " moves once per bulk write");
            }
            moves.add(new OrderRepository.Move(stored, next, Outbox.entries(json, stored.lastSequence(), new ArrayList<>(events),
                    clock.instant()), journal));
            return this;
        }

        public boolean isEmpty() {
            return moves.isEmpty();
        }

        /** Writes the moves (one round trip); returns the orders that moved, as stored now. */
        public List<OrderRepository.Stored> apply() {
            List<OrderRepository.Stored> moved = orders.transitionAll(moves, Date.from(clock.instant()));
            Set<String> withEvents = new HashSet<>();
            for (OrderRepository.Move m : moves) {
                if (!m.outbox().isEmpty()) {
                    withEvents.add(m.next().id());
                }
            }
            for (OrderRepository.Stored s : moved) {
                if (withEvents.contains(s.order().id())) {
                    relay.publishSoon(OrderRepository.COLLECTION, s.order().id());
                }
            }
            return moved;
        }
    }
}
