package org.susong.funds.messaging.in;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.susong.commons.messaging.EventConsumer;
import org.susong.commons.messaging.EventHeaders;
import org.susong.commons.messaging.InboundEvent;
import org.susong.commons.messaging.ReplayConsumer;
import org.susong.commons.messaging.PermanentFailure;
import org.susong.funds.application.ConversionService;
import org.susong.funds.domain.Conversion;

/**
 * Reads {@code payments.events}: grant-to-investment requests become conversions; every other
 * payments event is skipped and counted by {@link EventConsumer}. A request that lacks an agreed
 * field or has one of the wrong type is malformed (dead-lettered to {@code fund-investments.dlq});
 * one whose values are wrong is recorded and rejected INVALID, so payments hears back.
 */
@ApplicationScoped
public class PaymentEventsConsumer implements ReplayConsumer.Routes {

    static final String CONVERSION_REQUESTED = EventHeaders.type("payments", "ConversionRequested", 1);

    private final EventConsumer consumer;
    private final ConversionService conversions;
    private final Map<String, Consumer<InboundEvent>> handlers;

    PaymentEventsConsumer(EventConsumer consumer, ConversionService conversions) {
        this.consumer = consumer;
        this.conversions = conversions;
        this.handlers = Map.of(CONVERSION_REQUESTED, this::conversionRequested);
    }

    /** Replayed records ({@code ./platform replay}) of the topic this consumer reads go through its handlers. */
    @Override
    public Map<String, Map<String, Consumer<InboundEvent>>> replayRoutes() {
        return Map.of("payments.events", handlers);
    }

    /**
     * A polled batch (channel {@code batch=true}, issue 14), settled by commons {@code EventConsumer.consumeBatch}: in the
     * records' order, each applied and waited for before the next, a bad one dead-lettered alone after the ones before it
     * were written, the partition committed only up to its last record once everything before it is settled.
     *
     * <p>No batch handler: a conversion is an intent-first money move (record, claim, fenced guarded update of the fund,
     * position, completion, each step conditional on the one before), so its writes cannot join other conversions' in
     * one bulk write per collection without giving up the claim and the fence. Each request keeps its own writes and
     * its single-record semantics (a transient failure retries that record in place, not the ones before it).
     */
    @Incoming("payments-in")
    @Blocking
    public CompletionStage<Void> onPayments(KafkaRecordBatch<String, String> batch) {
        return consumer.consumeBatch(batch.getRecords(), Map.of(), handlers);
    }

    private void conversionRequested(InboundEvent e) {
        conversions.onRequested(request(e));
    }

    /** The wire event as the conversion's request (fields of docs/events.md, ConversionRequested.v1). */
    static Conversion.Request request(InboundEvent e) {
        Instant requestedAt;
        try {
            requestedAt = Instant.parse(e.text("requestedAt"));
        } catch (DateTimeParseException x) {
            throw new PermanentFailure(e.type() + " " + e.id() + ": requestedAt is not an ISO instant", x);
        }
        return new Conversion.Request(e.text("conversionId"), e.text("orderId"), e.text("decisionId"),
                e.text("applicationId"), e.text("beneficiaryUscc"), e.text("measureCode"), e.text("fundCode"),
                e.number("amountFen"), e.text("district"), e.number("fiscalYear"), requestedAt,
                e.optionalText("beneficiaryStage"), e.optionalText("beneficiaryField"), e.id());
    }
}
