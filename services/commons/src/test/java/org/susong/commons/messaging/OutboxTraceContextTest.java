package org.susong.commons.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.smallrye.reactive.messaging.ce.impl.DefaultIncomingCloudEventMetadata;
import java.net.URI;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.bson.Document;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.MDC;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 17 item 5: the outbox keeps its writer's W3C traceparent, and a consumer continues the trace of
 * the event it handles, so what a handler writes carries the trace on (an OpenTelemetry SDK with an
 * in-memory exporter; the relay's send over the real broker is OutboxTraceTest in eligibility).
 */
class OutboxTraceContextTest {

    static final String TYPE = "susong.test.Thing.v1";
    static final ObjectMapper JSON = new ObjectMapper();

    final InMemorySpanExporter spans = InMemorySpanExporter.create();
    final SdkTracerProvider provider = SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build();
    final Tracer tracer = provider.get("test");
    final EventConsumer consumer = new EventConsumer(JSON, new SimpleMeterRegistry(), new EventConsumerTest.Retrying(),
            new ConsumerProgress(new EventConsumerTest.Retrying(), new SimpleMeterRegistry()), tracer);

    @AfterEach
    void close() {
        provider.close();
    }

    static String traceparentOf(Document entry) {
        return entry.get("ext", Document.class).getString(EventHeaders.TRACEPARENT);
    }

    static Document write(String causation) {
        NewEvent event = NewEvent.of("susong.test.Caused.v1", "S-" + UUID.randomUUID(), Map.of("n", 1)).causation(causation)
                .build();
        return Outbox.entries(JSON, 0, List.of(event), Instant.now()).get(0);
    }

    Message<String> record(String id, String traceparent) {
        String payload = "{\"applicationId\":\"APP-" + id + "\",\"decisionId\":\"D-" + id + "\"}";
        Map<String, Object> extensions = traceparent == null ? Map.of() : Map.of(EventHeaders.TRACEPARENT, traceparent);
        DefaultIncomingCloudEventMetadata<String> ce = new DefaultIncomingCloudEventMetadata<>("1.0", id,
                URI.create("/susong/test"), TYPE, "application/json", null, "T-1", ZonedDateTime.now(), extensions, payload);
        return Message.of(payload, Metadata.of(ce)).withAck(() -> CompletableFuture.completedFuture(null));
    }

    @Test
    void an_entry_written_inside_a_span_keeps_the_writers_traceparent_and_one_written_outside_any_has_none() {
        Span writer = tracer.spanBuilder("write").startSpan();
        Document inside;
        try (Scope scope = writer.makeCurrent()) {
            inside = write(null);
        } finally {
            writer.end();
        }
        SpanContext context = writer.getSpanContext();
        assertEquals("00-" + context.getTraceId() + "-" + context.getSpanId() + "-01", traceparentOf(inside));
        assertEquals(context.getTraceId(), Span.fromContext(Traces.context(traceparentOf(inside))).getSpanContext().getTraceId());

        Document outside = write(null);
        assertNull(traceparentOf(outside), "outside a trace (a scheduled round, tracing off): no traceparent");
        assertEquals("1", outside.get("ext", Document.class).getString(EventHeaders.SEQUENCE), "the other extensions as before");
    }

    @Test
    void a_handled_event_continues_its_producers_trace_and_what_the_handler_writes_carries_it_on() {
        Span producer = tracer.spanBuilder("publish").startSpan();
        producer.end();
        String received = Traces.traceparent(producer.getSpanContext());
        List<Document> written = new ArrayList<>();
        Map<String, String> logged = new ConcurrentHashMap<>();

        consumer.consume(record("e-1", received), Map.of(TYPE, event -> {
            written.add(write(event.id()));
            logged.put("traceId", String.valueOf(MDC.get(LogContext.TRACE_ID)));
            logged.put("applicationId", String.valueOf(MDC.get(LogContext.APPLICATION_ID)));
            logged.put("decisionId", String.valueOf(MDC.get(LogContext.DECISION_ID)));
        }));

        SpanData handling = spans.getFinishedSpanItems().stream().filter(s -> s.getName().equals("process " + TYPE))
                .findFirst().orElseThrow();
        assertEquals(producer.getSpanContext().getTraceId(), handling.getTraceId(), "one trace: producer and consumer");
        assertEquals(producer.getSpanContext().getSpanId(), handling.getParentSpanId(), "the consumer's span is the producer's child");
        assertEquals(Traces.traceparent(handling.getSpanContext()), traceparentOf(written.get(0)),
                "the event the handler wrote is published later as a child of the handling");
        assertEquals(Map.of("traceId", handling.getTraceId(), "applicationId", "APP-e-1", "decisionId", "D-e-1"), logged,
                "the handler's log lines name the trace, the application and the decision");
        assertNull(MDC.get(LogContext.TRACE_ID), "the log context ends with the handling");
        assertNull(MDC.get(LogContext.APPLICATION_ID));
    }

    @Test
    void an_event_without_any_trace_context_is_handled_in_a_trace_of_its_own() {
        List<Document> written = new ArrayList<>();
        consumer.consume(record("e-2", null), Map.of(TYPE, event -> written.add(write(event.id()))));
        SpanData handling = spans.getFinishedSpanItems().get(0);
        assertFalse(handling.getParentSpanContext().isValid(), "a root span");
        assertEquals(Traces.traceparent(handling.getSpanContext()), traceparentOf(written.get(0)));
    }

    @Test
    void a_batch_handler_writing_for_events_of_several_traces_stores_each_caused_event_with_its_own_causes_trace() {
        Span first = tracer.spanBuilder("publish 1").startSpan();
        first.end();
        Span second = tracer.spanBuilder("publish 2").startSpan();
        second.end();
        Map<String, Document> written = new ConcurrentHashMap<>();
        EventConsumer.BatchHandler together = events -> {
            events.forEach(event -> written.put(event.id(), write(event.id())));
            return Map.of();
        };

        consumer.consumeBatch(List.of(record("b-1", Traces.traceparent(first.getSpanContext())),
                record("b-2", Traces.traceparent(second.getSpanContext()))), Map.of(TYPE, together), Map.of());

        assertEquals(first.getSpanContext().getTraceId(),
                Span.fromContext(Traces.context(traceparentOf(written.get("b-1")))).getSpanContext().getTraceId());
        assertEquals(second.getSpanContext().getTraceId(),
                Span.fromContext(Traces.context(traceparentOf(written.get("b-2")))).getSpanContext().getTraceId());
        assertNotNull(spans.getFinishedSpanItems().stream().filter(s -> s.getParentSpanId()
                .equals(second.getSpanContext().getSpanId())).findFirst().orElse(null), "each record's handling has a span");
        assertNull(traceparentOf(write("b-1")), "after the batch call, nothing is taken for its events any more");
    }
}
