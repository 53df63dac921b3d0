package org.susong.portal.messaging.in;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.susong.commons.messaging.EventConsumer;
import org.susong.commons.messaging.InboundEvent;

/**
 * The portal's one consumer of every {@code *.events} topic (channel {@code events-in}, consumer group {@code portal}):
 * commons' {@link EventConsumer} reads each record (not a CloudEvent, not JSON, or refused by a projection: to
 * {@code portal.dlq}, and consumption goes on; a Susong type no projection reads: skipped and counted; a store outage:
 * retried in place) and hands it to every {@link Projection} that reads its type (in their {@link Projection#order}),
 * in the partition's order.
 */
@ApplicationScoped
public class EventsConsumer {

    private final EventConsumer consumer;
    private final Map<String, Consumer<InboundEvent>> handlers;

    EventsConsumer(EventConsumer consumer, Instance<Projection> projections) {
        this.consumer = consumer;
        Map<String, List<Projection>> byType = new HashMap<>();
        for (Projection p : projections) {
            p.types().forEach(t -> byType.computeIfAbsent(t, k -> new java.util.ArrayList<>()).add(p));
        }
        Map<String, Consumer<InboundEvent>> h = new HashMap<>();
        byType.values().forEach(readers -> readers.sort(java.util.Comparator.comparingInt(Projection::order)));
        byType.forEach((type, readers) -> h.put(type, event -> readers.forEach(r -> r.apply(event))));
        this.handlers = Map.copyOf(h);
    }

    @Incoming("events-in")
    @Blocking
    public CompletionStage<Void> onEvent(Message<String> message) {
        return consumer.consume(message, handlers);
    }
}
