package org.susong.payments.application;

import org.susong.commons.messaging.EventConsumer;
import org.susong.commons.messaging.OutboxFullException;

/**
 * A processor step's per-order catch: one order's fault is logged and skipped, so the orders behind it go on; an outage
 * of the store (or the broker) would meet every order behind it too, each waiting out the driver's timeout, so it ends
 * the step at once (the processor logs it; the next round retries).
 */
final class RoundFaults {

    /** Counter of orders a step listed in one state but read in another ({@code susong_payments_orders_listed_stale_total}). */
    static final String STALE_LISTED = "susong.payments.orders.listed.stale";

    private RoundFaults() {
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
