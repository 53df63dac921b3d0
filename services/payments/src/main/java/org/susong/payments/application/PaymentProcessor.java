package org.susong.payments.application;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Moves orders along on every replica: each step is a conditional transition on the order's
 * state, so N replicas running it make one effect (architecture rule 8).
 */
@ApplicationScoped
public class PaymentProcessor {

    private static final Logger LOG = Logger.getLogger(PaymentProcessor.class);

    private final OrderService orders;

    PaymentProcessor(OrderService orders) {
        this.orders = orders;
    }

    @Scheduled(every = "${susong.payments.process-every:1s}", delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void process() {
        try {
            orders.resumeReservations();
            orders.endNotices();
            orders.pay();
        } catch (RuntimeException e) {
            LOG.warnf("processing payment orders failed; next round retries: %s", e.toString());
        }
    }
}
