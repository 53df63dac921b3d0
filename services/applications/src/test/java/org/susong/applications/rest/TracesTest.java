package org.susong.applications.rest;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.susong.commons.messaging.Traces;
import org.susong.contracts.EventContracts;
import org.susong.testing.CloudEventRecords;
import org.susong.testing.ContractValidation;
import org.susong.testing.InMemorySpans;
import org.susong.testing.LocalInfraTestResource;
import org.susong.testing.TraceRecords;
import org.susong.testing.TracedTestProfile;

/**
 * Issue 17 item 5, the applications service's two hops of one application's trace (the real broker,
 * store, relay and consumer; spans in memory, {@link TracedTestProfile}): the submission begun by a
 * REST request that carries a trace is published in that trace, and a payments fact consumed in the
 * trace is handled in it.
 */
@QuarkusTest
@ExtendWith(ContractValidation.class)
@TestProfile(TracedTestProfile.class)
@WithTestResource(LocalInfraTestResource.class)
class TracesTest {

    @Inject
    Tracer tracer;
    @Inject
    Spans spans;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    /** The service's spans, collected in memory. */
    @Singleton
    static class Spans extends InMemorySpans {
    }

    @Test
    void a_submission_requested_in_a_trace_is_published_in_it_and_a_payment_fact_consumed_in_it_is_handled_in_it() {
        try (KafkaCompanion kafka = new KafkaCompanion(bootstrap)) {
            kafka.produceStrings().fromRecords(CloudEventRecords.event("eligibility.events",
                    "susong.eligibility.MeasurePublished.v1", "B1", "{\"code\":\"B1\",\"version\":1,\"status\":\"OPEN\","
                            + "\"requiredFacts\":[\"category\",\"certificateNumber\"]}")).awaitCompletion();
            String applicant = ApplicationsServiceTest.registered(ApplicationsServiceTest.uscc(17_005));
            // the portal's request, in a trace the caller began
            Span caller = tracer.spanBuilder("portal: submit").setSpanKind(SpanKind.CLIENT).startSpan();
            caller.end();
            String traceId = caller.getSpanContext().getTraceId();
            String id = await().atMost(Duration.ofSeconds(20)).until(() -> ApplicationsServiceTest.officer()
                    .header(Traces.TRACEPARENT, Traces.traceparent(caller.getSpanContext()))
                    .body(ApplicationsServiceTest.b1(applicant, "GR-TRACE")).post("/applications")
                    .then().extract().<String>path("id"), found -> found != null); // once the measure is known

            ConsumerRecord<String, String> submitted = await().atMost(Duration.ofSeconds(20)).until(() -> kafka.consumeStrings()
                    .fromTopics("applications.events", Duration.ofSeconds(2)).awaitCompletion().getRecords().stream()
                    .filter(r -> id.equals(r.key())).findFirst().orElse(null), r -> r != null);
            String writer = TraceRecords.writer(submitted);
            assertEquals(traceId, TraceRecords.traceId(writer), "the submission was written in the request's trace");
            assertEquals(traceId, TraceRecords.traceId(TraceRecords.producer(submitted)), "and published in it");
            SpanData request = spans.await(TraceRecords.spanId(writer));
            assertEquals(SpanKind.SERVER, request.getKind(), "written while the request was served");
            assertEquals(caller.getSpanContext().getSpanId(), request.getParentSpanId(), "the request continues the caller's trace");

            // payments' reservation of the application's money, sent in the same trace
            Span paymentsWrite = tracer.spanBuilder("payments: reserve").setParent(Context.root().with(caller)).startSpan();
            paymentsWrite.end();
            Span paymentsSend = tracer.spanBuilder("payments.events publish").setSpanKind(SpanKind.PRODUCER)
                    .setParent(Context.root().with(paymentsWrite)).startSpan();
            paymentsSend.end();
            String type = "susong.payments.BudgetReserved.v1";
            kafka.produceStrings().fromRecords(TraceRecords.inTrace(CloudEventRecords.event("payments.events",
                    UUID.randomUUID().toString(), type, "PO-D-" + id,
                    EventContracts.example(type).replace("APP-20261129-7K3M9Q2XWD", id), Map.of()),
                    Traces.traceparent(paymentsWrite.getSpanContext()), Traces.traceparent(paymentsSend.getSpanContext())))
                    .awaitCompletion();

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> ApplicationsServiceTest.officer()
                    .get("/applications/" + id).then().body("timeline.kind", hasItem("BUDGET_RESERVED")));
            SpanData handling = spans.await(s -> s.getName().equals("process " + type) && s.getTraceId().equals(traceId));
            assertEquals(paymentsSend.getSpanContext().getSpanId(), handling.getParentSpanId(),
                    "the handling is a child of payments' producer span");
        }
    }
}
