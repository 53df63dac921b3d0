package org.susong.commons.messaging;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * The service's replay channel (issue 15 item 4): {@code ./platform replay <service>.dlq} puts the service's dead
 * letters on {@code <service>.replay}, which only this service reads, with header {@link #ORIGIN_HEADER} naming the
 * topic the record first came from. A replayed record goes through that topic's handlers ({@link Routes}, each
 * consumer's own maps), so the same idempotency applies (an event already applied is a no-op) and per-key order
 * holds (one key, one partition of the replay topic). A record failing again is dead-lettered to
 * {@code <service>.dlq} by the channel's strategy, with its origin header kept; nothing here writes to the replay
 * topic, so there is no loop. Channel {@code replay-in}, configured in each service's {@code application.properties}.
 */
@ApplicationScoped
public class ReplayConsumer {

    private static final Logger LOG = Logger.getLogger(ReplayConsumer.class);

    /** The topic a replayed record was first read from (set by the replay tool, kept by the dead-letter strategy). */
    public static final String ORIGIN_HEADER = "replay-origin-topic";
    /** The channel of the replay topic. */
    static final String CHANNEL = "replay-in";

    /**
     * Implemented by each consumer of a shared topic: by topic it reads, the handlers by event type its channel gives
     * {@link EventConsumer} (a batch channel's one-event handlers), which a replayed record of that topic goes through.
     */
    public interface Routes {
        Map<String, Map<String, Consumer<InboundEvent>>> replayRoutes();
    }

    private final EventConsumer consumer;
    private final Instance<Routes> consumers;
    private final Config config;
    private volatile Map<String, Map<String, Consumer<InboundEvent>>> routes;

    ReplayConsumer(EventConsumer consumer, Instance<Routes> consumers, Config config) {
        this.consumer = consumer;
        this.consumers = consumers;
        this.config = config;
    }

    /** A service whose channel has no route for a topic it reads does not start. */
    void onStart(@Observes StartupEvent event) {
        routes();
    }

    public static String topic(String service) {
        return TopicCatalogue.replayTopic(service);
    }

    @Incoming(CHANNEL)
    @Blocking
    public CompletionStage<Void> onReplay(Message<String> message) {
        String origin = origin(message);
        Map<String, Consumer<InboundEvent>> handlers = origin == null ? null : routes().get(origin);
        if (handlers == null) {
            // nowhere to apply it: back to the dead letters, where an operator sees it
            LOG.warnf("a replayed record names origin topic %s, which this service does not read: dead-lettered", origin);
            return message.nack(new PermanentFailure("replayed record from '" + origin + "': no consumer of that topic here"));
        }
        return consumer.consume(message, handlers);
    }

    private static String origin(Message<String> message) {
        return message.getMetadata(IncomingKafkaRecordMetadata.class).map(m -> {
            Header header = ((IncomingKafkaRecordMetadata<?, ?>) m).getHeaders().lastHeader(ORIGIN_HEADER);
            return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
        }).orElse(null);
    }

    /**
     * Every consumer's routes by topic; fails when a topic an incoming channel reads has no route (a new channel
     * whose consumer does not say how its records are replayed) or has two.
     */
    Map<String, Map<String, Consumer<InboundEvent>>> routes() {
        Map<String, Map<String, Consumer<InboundEvent>>> known = routes;
        if (known != null) {
            return known;
        }
        Map<String, Map<String, Consumer<InboundEvent>>> all = new HashMap<>();
        for (Routes c : consumers) {
            c.replayRoutes().forEach((topic, handlers) -> {
                if (all.put(topic, handlers) != null) {
                    throw new IllegalStateException("two consumers route replayed records of " + topic);
                }
            });
        }
        for (String name : config.getPropertyNames()) {
            if (name.startsWith("mp.messaging.incoming.") && name.endsWith(".topic")
                    && !name.equals("mp.messaging.incoming." + CHANNEL + ".topic")) {
                String topic = config.getValue(name, String.class);
                if (!all.containsKey(topic)) {
                    throw new IllegalStateException("channel " + name + " reads " + topic
                            + " but no consumer gives a replay route for it (ReplayConsumer.Routes)");
                }
            }
        }
        routes = Map.copyOf(all);
        return routes;
    }
}
