package org.susong.testing;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The W3C trace context of test records (issue 17 item 5): a record as another service's relay sends it,
 * in a trace, and the contexts a published record carries, as {@code 00-<trace id>-<span id>-<flags>}
 * texts (infra/local has no OpenTelemetry on its class path; the tests compare ids).
 */
public final class TraceRecords {

    /** The W3C header; with the {@code ce_} prefix the CloudEvents distributed-tracing extension. */
    public static final String TRACEPARENT = "traceparent";

    private TraceRecords() {
    }

    /**
     * The record as a relay sends an entry its writer stored in a trace: {@code ce_traceparent} the writer's
     * span, the header {@code traceparent} SmallRye's producer span (a child of it).
     */
    public static ProducerRecord<String, String> inTrace(ProducerRecord<String, String> record, String writer,
                                                         String producer) {
        record.headers().add("ce_" + TRACEPARENT, writer.getBytes(StandardCharsets.UTF_8));
        record.headers().add(TRACEPARENT, producer.getBytes(StandardCharsets.UTF_8));
        return record;
    }

    /** The writer's context a published record carries ({@code ce_traceparent}); null when it has none. */
    public static String writer(ConsumerRecord<?, ?> record) {
        return CloudEventRecords.header(record, "ce_" + TRACEPARENT);
    }

    /** The producer span's context of a published record (the W3C header {@code traceparent}); null when none. */
    public static String producer(ConsumerRecord<?, ?> record) {
        return CloudEventRecords.header(record, TRACEPARENT);
    }

    /** The trace id of a traceparent, or null. */
    public static String traceId(String traceparent) {
        return part(traceparent, 1);
    }

    /** The span id of a traceparent, or null. */
    public static String spanId(String traceparent) {
        return part(traceparent, 2);
    }

    private static String part(String traceparent, int index) {
        if (traceparent == null) {
            return null;
        }
        String[] parts = traceparent.split("-");
        return parts.length == 4 ? parts[index] : null;
    }

    /**
     * The first finished span (or any item) that matches, waiting up to 10 s for it: a batch span processor
     * hands spans to the exporter a little later.
     *
     * @throws AssertionError when none came
     */
    public static <T> T awaitSpan(Supplier<? extends Collection<T>> finished, Predicate<T> which) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            for (T span : finished.get()) {
                if (which.test(span)) {
                    return span;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no such span among " + finished.get().size() + " finished");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }
}
