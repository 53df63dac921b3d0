package org.susong.eligibility.messaging.in;

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
import org.susong.eligibility.application.CallService;
import org.susong.eligibility.application.ReleaseService;

/**
 * Money that does not flow after all gives its cap share back ({@code BudgetReleased}); a call whose envelope payments
 * could not reserve is refused ({@code CallEnvelopeRefused}, issue 19); other payment events are skipped.
 */
@ApplicationScoped
public class PaymentEventsConsumer implements ReplayConsumer.Routes {

    static final String RELEASED = EventHeaders.type("payments", "BudgetReleased", 1);
    static final String ENVELOPE_REFUSED = EventHeaders.type("payments", "CallEnvelopeRefused", 1);

    private final EventConsumer consumer;
    private final ReleaseService releases;
    private final CallService calls;
    private final Map<String, Consumer<InboundEvent>> handlers;

    PaymentEventsConsumer(EventConsumer consumer, ReleaseService releases, CallService calls) {
        this.consumer = consumer;
        this.releases = releases;
        this.calls = calls;
        this.handlers = Map.of(RELEASED, this::released, ENVELOPE_REFUSED,
                e -> calls.envelopeRefused(e.text("callId"), e.text("reason"), e.id()));
    }

    /** Replayed records ({@code ./platform replay}) of the topic this consumer reads go through its handlers. */
    @Override
    public Map<String, Map<String, Consumer<InboundEvent>>> replayRoutes() {
        return Map.of("payments.events", handlers);
    }

    /**
     * A polled batch (channel {@code batch=true}, issue 14 item 2), each record handled in offset order and acked after
     * its writes or dead-lettered alone (commons {@code EventConsumer.consumeBatch}). Releases give cap shares back
     * one by one (each release a guarded update of its ledger, by release id): they come only when money does not flow.
     */
    @Incoming("payments-in")
    @Blocking
    public CompletionStage<Void> onPayments(KafkaRecordBatch<String, String> batch) {
        return consumer.consumeBatch(batch.getRecords(), Map.of(), handlers);
    }

    private void released(InboundEvent e) {
        if (e.data().hasNonNull("remainingFen")) {
            // a partial release: the order goes on with the rest, only the released amount leaves the caps
            releases.releasedPart(e.text("decisionId"), e.number("amountFen"),
                    e.data().hasNonNull("revocationId") ? e.text("revocationId") : null, e.id());
            return;
        }
        releases.released(e.text("decisionId"), e.text("reason"), e.id());
    }
}
