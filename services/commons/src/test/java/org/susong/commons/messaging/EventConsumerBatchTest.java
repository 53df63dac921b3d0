package org.susong.commons.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
            events.forEach(e -> assertNull(settled.get(e.id()), e.id() + " settled before the write"));
            return events.stream().anyMatch(e -> e.id().equals("refused"))
                    ? Map.of("refused", new PermanentFailure("refused by the handler")) : Map.of();
        };
        consumer.consumeBatch(batch, Map.of(TYPE, handler), Map.of());
        assertEquals(2, calls.get(), "one call for the records before the unreadable one, one for those after it");
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

    /** A record of a partition, as SmallRye hands it over (Kafka metadata: topic, partition, offset). */
    Message<String> onPartition(String id, String type, int partition, long offset) {
        Message<String> m = record(id, type);
        var kafka = new io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata<>(
                new org.apache.kafka.clients.consumer.ConsumerRecord<>("t", partition, offset, "k", m.getPayload()), "in");
        return m.addMetadata(kafka);
    }

    @Test
    void an_unreadable_record_is_dead_lettered_only_after_the_records_before_it_were_written() {
        // its dead-letter send acks it, and SmallRye commits the partition up to the last record it acked
        EventConsumer.BatchHandler handler = events -> {
            events.forEach(e -> order.add(e.id()));
            assertNull(settled.get("poison"), "the unreadable record was settled before the writes of the records before it");
            return Map.of();
        };
        consumer.consumeBatch(List.of(record("a", TYPE), record("b", TYPE), settle("poison", Message.of("not a cloud event"))),
                Map.of(TYPE, handler), Map.of());
        assertEquals(List.of("a", "b"), order);
        assertEquals(Map.of("a", "ack", "b", "ack", "poison", "nack"), settled);
    }

    @Test
    void a_dead_letter_send_that_fails_stops_the_batch_so_nothing_after_it_is_committed() {
        Message<String> refused = record("refused", TYPE).withNack(reason -> {
            settled.put("refused", "nack failed");
            return CompletableFuture.failedFuture(new IllegalStateException("the dead-letter topic is unreachable"));
        });
        var stage = consumer.consumeBatch(List.of(record("a", OTHER), refused, record("b", OTHER)), Map.of(),
                Map.of(OTHER, e -> order.add(e.id()), TYPE, e -> {
                    throw new PermanentFailure("refused by the handler");
                }));
        assertTrue(stage.toCompletableFuture().isCompletedExceptionally(),
                "the batch's stage fails: the channel fails loudly instead of waiting for ever, unseen");
        assertEquals(List.of("a"), order, "nothing after the record that is neither written nor dead-lettered");
        assertEquals(Map.of("a", "ack", "refused", "nack failed"), settled, "b is not acked: its ack would commit past 'refused'");
    }

    @Test
    void only_the_last_record_of_each_partition_is_acked_once_all_before_it_were_settled() {
        consumer.consumeBatch(List.of(onPartition("p0-1", TYPE, 0, 1), onPartition("p0-2", TYPE, 0, 2),
                onPartition("p1-7", TYPE, 1, 7), onPartition("p0-3", TYPE, 0, 3)), Map.of(TYPE, events -> {
                    events.forEach(e -> order.add(e.id()));
                    return Map.of();
                }), Map.of());
        assertEquals(List.of("p0-1", "p0-2", "p1-7", "p0-3"), order);
        assertEquals(Map.of("p1-7", "ack", "p0-3", "ack"), settled, "the commit handler tracks only each partition's last record");
    }

    @Test
    void the_same_event_twice_in_a_poll_goes_into_two_calls_so_a_refusal_by_id_names_one_record() {
        List<Integer> calls = new ArrayList<>();
        EventConsumer.BatchHandler handler = events -> {
            calls.add(events.size());
            return calls.size() == 2 ? Map.of("a", new ModifiedRequest("a came again with another payload")) : Map.of();
        };
        consumer.consumeBatch(List.of(record("a", TYPE), record("b", TYPE), record("a", TYPE)), Map.of(TYPE, handler), Map.of());
        assertEquals(List.of(2, 1), calls);
        assertEquals("nack", settled.get("a"), "the second 'a' is refused");
        assertEquals("ack", settled.get("b"));
    }

    @Test
    void types_that_map_to_one_handler_are_written_in_one_call() {
        List<List<String>> calls = new ArrayList<>();
        EventConsumer.BatchHandler handler = events -> {
            calls.add(events.stream().map(InboundEvent::id).toList());
            return Map.of();
        };
        consumer.consumeBatch(List.of(record("a", TYPE), record("x", OTHER), record("b", TYPE)),
                Map.of(TYPE, handler, OTHER, handler), Map.of());
        assertEquals(List.of(List.of("a", "x", "b")), calls);
    }
}
