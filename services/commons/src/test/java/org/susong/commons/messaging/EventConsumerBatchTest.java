package org.susong.commons.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.reactive.messaging.ce.impl.DefaultIncomingCloudEventMetadata;
import java.net.URI;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.junit.jupiter.api.Test;

/**
 * How {@link EventConsumer#consumeBatch} settles the records of a polled batch (issue 14 item 1):
 * each on its own, acked after the batch handler's write, dead-lettered (nacked) alone when bad,
 * never acked before its write and never dead-lettered for another record's fault.
 */
class EventConsumerBatchTest {

    static final String TYPE = "susong.test.Thing.v1";
    static final String OTHER = "susong.test.Other.v1";

    final EventConsumer consumer = new EventConsumer(new ObjectMapper(), new SimpleMeterRegistry(),
            new EventConsumerTest.Retrying(), new ConsumerProgress(new EventConsumerTest.Retrying(), new SimpleMeterRegistry()));
    /** Per record id: "ack", "nack" or absent (neither). */
    final Map<String, String> settled = new HashMap<>();
    final List<String> order = new ArrayList<>();

    Message<String> record(String id, String type) {
        String payload = "{\"thing\":\"" + id + "\"}";
        DefaultIncomingCloudEventMetadata<String> ce = new DefaultIncomingCloudEventMetadata<>("1.0", id,
                URI.create("/susong/test"), type, "application/json", null, "T-1", ZonedDateTime.now(), Map.of(), payload);
        return settle(id, Message.of(payload, Metadata.of(ce)));
    }

    Message<String> settle(String id, Message<String> m) {
        return m.withAck(() -> {
            settled.put(id, "ack");
            return CompletableFuture.completedFuture(null);
        }).withNack(reason -> {
            settled.put(id, "nack");
            return CompletableFuture.completedFuture(null);
        });
    }

    @Test
    void a_bad_record_in_the_middle_of_a_batch_is_dead_lettered_alone_and_the_others_are_acked_after_the_write() {
        List<Message<String>> batch = List.of(record("a", TYPE), settle("poison", Message.of("not a cloud event")),
                record("b", TYPE), record("refused", TYPE), record("c", TYPE));
        AtomicInteger calls = new AtomicInteger();
        EventConsumer.BatchHandler handler = events -> {
            calls.incrementAndGet();
            events.forEach(e -> order.add(e.id()));
            assertNull(settled.get("a"), "acked before the write");
            return Map.of("refused", new PermanentFailure("refused by the handler"));
        };
        consumer.consumeBatch(batch, Map.of(TYPE, handler), Map.of());
        assertEquals(1, calls.get(), "one call for the batch");
        assertEquals(List.of("a", "b", "refused", "c"), order);
        assertEquals(Map.of("a", "ack", "poison", "nack", "b", "ack", "refused", "nack", "c", "ack"), settled);
    }

    @Test
    void a_batch_call_failing_for_good_is_tried_again_record_by_record_so_only_the_bad_one_is_dead_lettered() {
        EventConsumer.BatchHandler handler = events -> {
            if (events.stream().anyMatch(e -> e.id().equals("bad"))) {
                throw new IllegalStateException("a bug on one record");
            }
            events.forEach(e -> order.add(e.id()));
            return Map.of();
        };
        consumer.consumeBatch(List.of(record("a", TYPE), record("bad", TYPE), record("b", TYPE)), Map.of(TYPE, handler),
                Map.of());
        assertEquals(List.of("a", "b"), order);
        assertEquals(Map.of("a", "ack", "bad", "nack", "b", "ack"), settled);
    }

    @Test
    void other_types_are_handled_one_by_one_in_their_place_and_transient_failures_are_retried_in_place() {
        AtomicInteger failures = new AtomicInteger();
        EventConsumer.BatchHandler handler = events -> {
            if (failures.incrementAndGet() < 3) {
                throw new TransientFailure("the store is unavailable");
            }
            events.forEach(e -> order.add(e.id()));
            return Map.of();
        };
        failures.set(0);
        consumer.consumeBatch(List.of(record("a", TYPE), record("x", OTHER), record("b", TYPE), record("c", TYPE)),
                Map.of(TYPE, handler), Map.of(OTHER, e -> order.add(e.id())));
        assertEquals(List.of("a", "x", "b", "c"), order, "per-key order: the other type between the batches");
        assertEquals(Map.of("a", "ack", "x", "ack", "b", "ack", "c", "ack"), settled);
    }

    @Test
    void a_batch_retried_while_the_service_stops_is_left_uncommitted() {
        EventConsumer.BatchHandler handler = events -> {
            consumer.onStop(null);
            throw new TransientFailure("the store is unavailable");
        };
        consumer.consumeBatch(List.of(record("a", TYPE), record("b", TYPE), record("x", OTHER)), Map.of(TYPE, handler),
                Map.of(OTHER, e -> order.add(e.id())));
        assertEquals(Map.of(), settled, "neither acked (never applied) nor dead-lettered (not bad)");
        assertEquals(List.of(), order, "nothing after them is handled");
    }
}
