package org.susong.payments.messaging.in;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import org.susong.commons.messaging.EventConsumer;
import org.susong.commons.messaging.EventHeaders;
import org.susong.commons.messaging.InboundEvent;
import org.susong.commons.messaging.ReplayConsumer;
import org.susong.payments.application.IntakeService;

/** fund-investments' answers to conversion requests (grant-to-investment, C1/D1); the rest is skipped. */
@ApplicationScoped
public class FundEventsConsumer implements ReplayConsumer.Routes {

    static final String COMPLETED = EventHeaders.type("fund-investments", "ConversionCompleted", 1);
    static final String REJECTED = EventHeaders.type("fund-investments", "ConversionRejected", 1);

    private final EventConsumer consumer;
    private final IntakeService intake;
    private final Map<String, Consumer<InboundEvent>> handlers;

    FundEventsConsumer(EventConsumer consumer, IntakeService intake) {
        this.consumer = consumer;
        this.intake = intake;
        this.handlers = Sources.only("fund-investments", Map.of(COMPLETED, this::completed, REJECTED, this::rejected));
    }

    /** Replayed records ({@code ./platform replay}) of the topic this consumer reads go through its handlers. */
    @Override
    public Map<String, Map<String, Consumer<InboundEvent>>> replayRoutes() {
        return Map.of("fund-investments.events", handlers);
    }

    /**
     * A polled batch (channel {@code batch=true}, issue 14 item 2): conversion answers come one per converted order, each
     * handled in offset order by its order's conditional transition and acked after it, or dead-lettered alone (commons
     * {@code EventConsumer.consumeBatch}).
     */
    @Incoming("fund-investments-in")
    @Blocking
    public CompletionStage<Void> onFundInvestments(KafkaRecordBatch<String, String> batch) {
        return consumer.consumeBatch(batch.getRecords(), Map.of(), handlers);
    }

    private void completed(InboundEvent e) {
        intake.onConversionCompleted(e.text("orderId"), e.text("investmentId"), e.id());
    }

    private void rejected(InboundEvent e) {
        intake.onConversionRejected(e.text("orderId"), e.text("reasonCode") + ": " + e.text("reason"), e.id());
    }
}
