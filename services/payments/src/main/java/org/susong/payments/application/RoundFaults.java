package org.susong.payments.application;

import io.micrometer.core.instrument.Metrics;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;
import org.susong.commons.messaging.EventConsumer;
import org.susong.commons.messaging.OutboxFullException;
import org.susong.payments.domain.OrderState;
import org.susong.payments.persistence.OrderRepository;

/**
 * A processor step's per-order catch: one order's fault is logged and skipped, so the orders behind it go on; an outage
 * of the store (or the broker) would meet every order behind it too, each waiting out the driver's timeout, so it ends
 * the step at once (the processor logs it; the next round retries).
 */
final class RoundFaults {

    /** Counter of orders a step listed in one state but read in another ({@code susong_payments_orders_listed_stale_total}). */
    static final String STALE_LISTED = "susong.payments.orders.listed.stale";

    private static final Logger LOG = Logger.getLogger(RoundFaults.class);

    private RoundFaults() {
    }

    /**
     * The orders of a step's state list that are in the state it listed: one read in another state (it moved between the
     * query's match and the read of its document) is not the step's to move; it is logged, counted ({@link #STALE_LISTED})
     * and skipped, so the others go on (the step that lists its state takes it).
     */
    static List<OrderRepository.Stored> inState(OrderState listed, List<OrderRepository.Stored> read) {
        List<OrderRepository.Stored> kept = new ArrayList<>(read.size());
        for (OrderRepository.Stored stored : read) {
            if (stored.order().state() == listed) {
                kept.add(stored);
            } else {
                Metrics.counter(STALE_LISTED).increment();
                LOG.warnf("order %s listed as %s was read %s: skipped by this step", stored.order().id(), listed,
                        stored.order().state());
            }
        }
        return kept;
    }

    /**
     * Rethrows {@code e} when it is transient by commons' classifier ({@link EventConsumer#isTransient}: a
     * {@code TransientFailure}, the driver's socket, timeout and write-concern errors); a full outbox names one order's
     * outbox and is that order's fault.
     */
    static void rethrowOutage(RuntimeException e) {
        if (EventConsumer.isTransient(e) && !(e instanceof OutboxFullException)) {
            throw e;
        }
    }
}
