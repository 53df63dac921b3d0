package org.susong.payments.messaging.in;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.susong.commons.messaging.EventConsumer;
import org.susong.commons.messaging.EventHeaders;
import org.susong.commons.messaging.InboundEvent;
import org.susong.payments.application.OrderService;

/** Approved decisions become payment orders; other outcomes do not concern payments. */
@ApplicationScoped
public class DecisionEventsConsumer {

    static final String DECIDED = EventHeaders.type("eligibility", "EligibilityDecided", 1);
    static final String MEASURE_PUBLISHED = EventHeaders.type("eligibility", "MeasurePublished", 1);

    private final EventConsumer consumer;
    private final OrderService orders;
    private final Map<String, Consumer<InboundEvent>> handlers;

    DecisionEventsConsumer(EventConsumer consumer, OrderService orders) {
        this.consumer = consumer;
        this.orders = orders;
        // measures are read by type so they are not counted as unknown; payments keeps no projection of them yet
        this.handlers = Map.of(DECIDED, this::decided, MEASURE_PUBLISHED, e -> { });
    }

    @Incoming("eligibility-in")
    @Blocking
    public CompletionStage<Void> onEligibility(Message<String> message) {
        return consumer.consume(message, handlers);
    }

    private void decided(InboundEvent e) {
        if (!"APPROVED".equals(e.text("outcome"))) {
            return;
        }
        orders.onApprovedDecision(new OrderService.ApprovedDecision(e.id(), e.hash(), e.text("decisionId"),
                e.text("applicationId"), e.text("applicantUscc"), e.text("measureCode"), (int) e.number("fiscalYear"),
                e.text("district"), e.number("amountFen")));
    }
}
