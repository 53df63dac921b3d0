package org.susong.payments.messaging.in;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.susong.commons.messaging.InboundEvent;
import org.susong.commons.messaging.PermanentFailure;

/**
 * Issue 23: an event is accepted only from the service that owns its topic ({@code ce_source} is
 * {@code /susong/<owner>}, as the owner's outbox relay writes it); one from anywhere else is dead-lettered, never applied.
 */
final class Sources {

    private Sources() {
    }

    /** The handlers, each refusing an event whose source is not the topic's owner. */
    static Map<String, Consumer<InboundEvent>> only(String owner, Map<String, Consumer<InboundEvent>> handlers) {
        Map<String, Consumer<InboundEvent>> checked = new HashMap<>();
        handlers.forEach((type, handler) -> checked.put(type, e -> {
            check(owner, e);
            handler.accept(e);
        }));
        return Map.copyOf(checked);
    }

    /** A batch handler (commons {@code consumeBatch}) that refuses, alone, each event whose source is not the topic's owner. */
    static org.susong.commons.messaging.EventConsumer.BatchHandler only(String owner,
                                                                         org.susong.commons.messaging.EventConsumer.BatchHandler handler) {
        return events -> {
            Map<String, RuntimeException> refused = new HashMap<>();
            java.util.List<InboundEvent> accepted = new java.util.ArrayList<>();
            for (InboundEvent e : events) {
                try {
                    check(owner, e);
                    accepted.add(e);
                } catch (PermanentFailure forged) {
                    refused.put(e.id(), forged);
                }
            }
            refused.putAll(handler.handle(accepted));
            return refused;
        };
    }

    private static void check(String owner, InboundEvent e) {
        String expected = "/susong/" + owner;
        if (!expected.equals(e.source())) {
            throw new PermanentFailure(e.type() + " " + e.id() + " comes from " + e.source() + "; events of "
                    + owner + " are accepted only from " + expected);
        }
    }
}
