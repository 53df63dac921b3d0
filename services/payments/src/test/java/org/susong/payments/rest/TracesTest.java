package org.susong.payments.rest;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.susong.commons.messaging.Traces;
import org.susong.testing.CloudEventRecords;
import org.susong.testing.InMemorySpans;
import org.susong.testing.LocalInfraTestResource;
import org.susong.testing.TraceRecords;
import org.susong.testing.TracedTestProfile;

/**
 * Issue 17 item 5, payments' hop: an approved decision consumed in a trace is reserved in it, so the
 * reservation payments publishes continues the trace eligibility's decision was in (the real broker,
 * store, relay and consumer; spans in memory, {@link TracedTestProfile}).
 */
@QuarkusTest
@TestProfile(TracedTestProfile.class)
@WithTestResource(LocalInfraTestResource.class)
class TracesTest {

    @Inject
    Tracer tracer;
    @Inject
    Spans spans;

    /** The service's spans, collected in memory. */
    @Singleton
    static class Spans extends InMemorySpans {
    }

    @Test
    void an_approved_decision_consumed_in_a_trace_is_reserved_in_it_and_the_reservation_is_published_in_it() {
        String app = Fixtures.app("APP-TRACE");
        // what eligibility sends: its decision's write (in the application's trace) and the relay's producer span
        Span eligibilityWrite = tracer.spanBuilder("eligibility: decide").startSpan();
        eligibilityWrite.end();
        Span eligibilitySend = tracer.spanBuilder("eligibility.events publish").setSpanKind(SpanKind.PRODUCER)
                .setParent(Context.root().with(eligibilityWrite)).startSpan();
        eligibilitySend.end();
        String traceId = eligibilityWrite.getSpanContext().getTraceId();
        Fixtures.kafka().produceStrings().fromRecords(TraceRecords.inTrace(Fixtures.fromOwner(CloudEventRecords.event(
                "eligibility.events", UUID.randomUUID().toString(), "susong.eligibility.EligibilityDecided.v1", "D-" + app,
                Fixtures.decision(app, "APPROVED", "B1", 2026, 1_000_000, null), Map.of())),
                Traces.traceparent(eligibilityWrite.getSpanContext()), Traces.traceparent(eligibilitySend.getSpanContext())))
                .awaitCompletion();

        ConsumerRecord<String, String> reserved = await().atMost(Duration.ofSeconds(30)).until(() -> Fixtures.events("PO-D-" + app)
                .stream().filter(r -> "susong.payments.BudgetReserved.v1".equals(CloudEventRecords.header(r, "ce_type")))
                .findFirst().orElse(null), r -> r != null);

        String writer = TraceRecords.writer(reserved);
        assertEquals(traceId, TraceRecords.traceId(writer), "the reservation was written in the decision's trace");
        assertEquals(traceId, TraceRecords.traceId(TraceRecords.producer(reserved)), "and published in it");
        SpanData handling = spans.await(TraceRecords.spanId(writer));
        assertEquals("process susong.eligibility.EligibilityDecided.v1", handling.getName());
        assertEquals(eligibilitySend.getSpanContext().getSpanId(), handling.getParentSpanId(),
                "the handling is a child of eligibility's producer span");
        String producer = TraceRecords.spanId(TraceRecords.producer(reserved));
        assertEquals(traceId, spans.await(producer).getTraceId(),
                "payments' producer span of the reservation is recorded, in the trace");
    }
}
