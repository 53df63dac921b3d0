package org.susong.commons.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.MongoSocketReadTimeoutException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.ServerAddress;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Failures are classified (docs/architecture.md#rule-6), tested where the classification lives: a transient failure
 * (store unavailable or timed out, also when wrapped) is retried in place until it passes and never dead-lettered; any
 * other failure dead-letters the record at once with its reason; a Susong event of a type this service does not read
 * is skipped and counted; a record that is not a Susong event, or not JSON, is dead-lettered without reaching a handler.
 */
class EventConsumerClassificationTest {

    static final String TYPE = "susong.test.Thing.v1";

    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final EventConsumer consumer = new EventConsumer(new ObjectMapper(), registry, new EventConsumerTest.Retrying(),
            new ConsumerProgress(new EventConsumerTest.Retrying(), new SimpleMeterRegistry()));
    final AtomicBoolean acked = new AtomicBoolean();
    final AtomicReference<Throwable> nacked = new AtomicReference<>();

    static Stream<Arguments> transientFailures() {
        ServerAddress store = new ServerAddress("127.0.0.1", 27017);
        return Stream.of(
                Arguments.of("TransientFailure", (Supplier<RuntimeException>) () -> new TransientFailure("outbox full")),
                Arguments.of("store read timed out", (Supplier<RuntimeException>) () ->
                        new MongoSocketReadTimeoutException("read timed out", store, new java.net.SocketTimeoutException())),
                Arguments.of("no store selected in time", (Supplier<RuntimeException>) () ->
                        new MongoTimeoutException("timed out waiting for a server")),
                Arguments.of("wrapped by the handler", (Supplier<RuntimeException>) () ->
                        new IllegalStateException("saving the decision", new MongoTimeoutException("timed out"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transientFailures")
    void a_transient_failure_is_retried_in_place_until_it_passes_and_never_dead_lettered(String name,
                                                                                        Supplier<RuntimeException> failure) {
        AtomicInteger attempts = new AtomicInteger();
        consumer.consume(record(TYPE, "{\"thing\":1}"), Map.of(TYPE, e -> {
            if (attempts.incrementAndGet() < 4) {
                throw failure.get();
            }
        }));
        assertEquals(4, attempts.get(), "three failures, then the fourth attempt applies it");
        assertTrue(acked.get());
        assertNull(nacked.get());
        assertEquals(3.0, registry.counter("susong.events.retried", "type", TYPE).count());
        assertEquals(1.0, registry.counter("susong.events.consumed", "type", TYPE).count());
    }

    @Test
    void any_other_failure_dead_letters_the_record_at_once_with_its_reason() {
        AtomicInteger attempts = new AtomicInteger();
        consumer.consume(record(TYPE, "{\"thing\":1}"), Map.of(TYPE, e -> {
            attempts.incrementAndGet();
            throw new IllegalArgumentException("amount below zero");
        }));
        assertEquals(1, attempts.get(), "not retried");
        assertFalse(acked.get());
        assertTrue(nacked.get() instanceof PermanentFailure, String.valueOf(nacked.get()));
        assertTrue(nacked.get().getMessage().contains("amount below zero"), nacked.get().getMessage());
        assertEquals(0.0, registry.counter("susong.events.retried", "type", TYPE).count());
    }

    @Test
    void a_susong_event_of_a_type_this_service_does_not_read_is_skipped_and_counted() {
        String later = "susong.test.Thing.v2";
        AtomicInteger handled = new AtomicInteger();
        consumer.consume(record(later, "{\"thing\":1}"), Map.of(TYPE, e -> handled.incrementAndGet()));
        assertEquals(0, handled.get());
        assertTrue(acked.get(), "skipped: its offset may be committed");
        assertNull(nacked.get());
        assertEquals(1.0, registry.counter("susong.events.skipped", "type", later).count());
    }

    @Test
    void a_record_that_is_not_a_susong_event_is_dead_lettered_without_reaching_a_handler() {
        AtomicInteger handled = new AtomicInteger();
        consumer.consume(record("com.example.Other", "{\"thing\":1}"), Map.of(TYPE, e -> handled.incrementAndGet()));
        assertEquals(0, handled.get());
        assertTrue(nacked.get().getMessage().contains("com.example.Other"), nacked.get().getMessage());
    }

    @Test
    void a_record_that_is_not_json_is_dead_lettered_without_reaching_a_handler() {
        AtomicInteger handled = new AtomicInteger();
        consumer.consume(record(TYPE, "{not json"), Map.of(TYPE, e -> handled.incrementAndGet()));
        assertEquals(0, handled.get());
        assertFalse(acked.get());
        assertTrue(nacked.get() instanceof PermanentFailure, String.valueOf(nacked.get()));
    }

    @Test
    void the_classification_looks_through_causes_and_nothing_else_is_transient() {
        assertTrue(EventConsumer.isTransient(new RuntimeException(new TransientFailure("x"))));
        assertFalse(EventConsumer.isTransient(new IllegalStateException("a bug")));
        assertFalse(EventConsumer.isTransient(new PermanentFailure("bad record")));
        assertFalse(EventConsumer.isTransient(new ModifiedRequest("same id, other payload")));
    }

    Message<String> record(String type, String payload) {
        return CloudEventRecord.of(type, payload, acked, nacked);
    }
}
