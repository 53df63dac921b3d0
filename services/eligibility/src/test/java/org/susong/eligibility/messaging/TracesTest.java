package org.susong.eligibility.messaging;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.susong.commons.messaging.EventHeaders;
import org.susong.commons.messaging.NewEvent;
import org.susong.commons.messaging.Outbox;
import org.susong.commons.messaging.OutboxRelay;
import org.susong.commons.messaging.Traces;
import org.susong.testing.CloudEventRecords;
import org.susong.testing.InMemorySpans;
import org.susong.testing.LocalInfraTestResource;
import org.susong.testing.TraceRecords;
import org.susong.testing.TracedTestProfile;

/**
 * Issue 17 item 5, on the real broker and store with the service's own relay, SmallRye producer and
 * consumer: an outbox entry is published, from the relay's thread, as a child of the span that wrote
 * it (an entry stored without a traceparent still publishes), and a submission consumed in a trace is
 * decided in it, so the decision it publishes continues the trace the applications service began. The
 * spans are the service's, exported to memory ({@link TracedTestProfile}).
 */
@QuarkusTest
@TestProfile(TracedTestProfile.class)
@WithTestResource(LocalInfraTestResource.class)
class TracesTest {

    static final String COLLECTION = "trace_test";
    static final String SUBMITTED = "susong.applications.ApplicationSubmitted.v1";

    @Inject
    MongoClient mongo;
    /** The business clock (%test: fixed on 2026-06-15): outbox times read it, never the machine's. */
    @Inject
    java.time.Clock clock;
    @Inject
    OutboxRelay relay;
    @Inject
    ObjectMapper json;
    @Inject
    Tracer tracer;
    @Inject
    Spans spans;
    @ConfigProperty(name = "quarkus.mongodb.database")
    String database;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    /** The service's spans, collected in memory. */
    @Singleton
    static class Spans extends InMemorySpans {
    }

    static Optional<ConsumerRecord<String, String>> published(KafkaCompanion kafka, String key) {
        return kafka.consumeStrings().fromTopics("eligibility.events", Duration.ofSeconds(2)).awaitCompletion().getRecords()
                .stream().filter(r -> key.equals(r.key())).findFirst();
    }

    @Test
    void the_relay_publishes_an_entry_as_a_child_of_the_span_that_wrote_it_and_an_entry_without_one_still_publishes() {
        String tracedId = "AGG-T-" + UUID.randomUUID();
        String olderId = "AGG-U-" + UUID.randomUUID();
        Span writer = tracer.spanBuilder("aggregate write").startSpan();
        Document traced;
        try (Scope scope = writer.makeCurrent()) {
            traced = Outbox.entries(json, 0, List.of(NewEvent.of("susong.eligibility.TraceTest.v1", tracedId,
                    Map.of("n", 1)).build()), clock.instant()).get(0);
        } finally {
            writer.end();
        }
        // stored before traces existed: no traceparent among its extensions
        Document older = Outbox.entries(json, 0, List.of(NewEvent.of("susong.eligibility.TraceTest.v1", olderId,
                Map.of("n", 1)).build()), clock.instant()).get(0);
        older.get("ext", Document.class).remove(EventHeaders.TRACEPARENT);
        var aggregates = mongo.getDatabase(database).getCollection(COLLECTION);
        aggregates.insertOne(new Document("_id", tracedId).append(Outbox.FIELD, List.of(traced)).append(Outbox.SEQUENCE_FIELD, 1L));
        aggregates.insertOne(new Document("_id", olderId).append(Outbox.FIELD, List.of(older)).append(Outbox.SEQUENCE_FIELD, 1L));

        // the eager relay: a round on the relay's own thread, later than the write and outside its span
        relay.publishSoon(COLLECTION, tracedId);
        relay.publishSoon(COLLECTION, olderId);

        try (KafkaCompanion kafka = new KafkaCompanion(bootstrap)) {
            ConsumerRecord<String, String> record = await().atMost(Duration.ofSeconds(30))
                    .until(() -> published(kafka, tracedId), Optional::isPresent).orElseThrow();
            assertEquals(Traces.traceparent(writer.getSpanContext()), CloudEventRecords.header(record, "ce_traceparent"),
                    "the CloudEvents distributed-tracing extension: the writer's context, as stored");
            String producer = TraceRecords.producer(record);
            assertNotNull(producer, "the W3C header of the record's producer span");
            assertEquals(writer.getSpanContext().getTraceId(), TraceRecords.traceId(producer), "published in the writer's trace");
            SpanData send = spans.await(TraceRecords.spanId(producer));
            assertEquals(SpanKind.PRODUCER, send.getKind());
            assertEquals(writer.getSpanContext().getSpanId(), send.getParentSpanId(), "the producer span is the writer's child");

            ConsumerRecord<String, String> olderRecord = await().atMost(Duration.ofSeconds(30))
                    .until(() -> published(kafka, olderId), Optional::isPresent).orElseThrow();
            assertNull(CloudEventRecords.header(olderRecord, "ce_traceparent"), "nothing invented for an entry stored without one");
            assertTrue(!writer.getSpanContext().getTraceId().equals(TraceRecords.traceId(TraceRecords.producer(olderRecord))),
                    "published in a trace of its own, not in another entry's");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> Outbox.pending(aggregates.find(new Document("_id", olderId)).first()) == 0);
    }

    @Test
    void a_submission_consumed_in_a_trace_is_decided_in_it_and_its_decision_is_published_in_it() {
        String run = UUID.randomUUID().toString().substring(0, 6);
        String app = "APP-TR" + run;
        // what the applications service sends: its write (the REST request's trace) and the relay's producer span
        Span applicationsWrite = tracer.spanBuilder("applications: submit").startSpan();
        applicationsWrite.end();
        Span applicationsSend = tracer.spanBuilder("applications.events publish").setSpanKind(SpanKind.PRODUCER)
                .setParent(Context.root().with(applicationsWrite)).startSpan();
        applicationsSend.end();
        String traceId = applicationsWrite.getSpanContext().getTraceId();
        ProducerRecord<String, String> submitted = TraceRecords.inTrace(CloudEventRecords.event("applications.events",
                UUID.randomUUID().toString(), SUBMITTED, app, BatchConsumptionTest.b1(app, AwardsAndAppealsTest.uscc(), "TR" + run), Map.of()),
                Traces.traceparent(applicationsWrite.getSpanContext()), Traces.traceparent(applicationsSend.getSpanContext()));

        try (KafkaCompanion kafka = new KafkaCompanion(bootstrap)) {
            kafka.produceStrings().fromRecords(List.of(submitted)).awaitCompletion();
            ConsumerRecord<String, String> decided = await().atMost(Duration.ofSeconds(30))
                    .until(() -> published(kafka, "D-" + app), Optional::isPresent).orElseThrow();

            String writer = TraceRecords.writer(decided);
            assertEquals(traceId, TraceRecords.traceId(writer), "the decision was written in the submission's trace");
            assertEquals(traceId, TraceRecords.traceId(TraceRecords.producer(decided)), "and published in it");
            SpanData handling = spans.await(TraceRecords.spanId(writer));
            assertEquals("process " + SUBMITTED, handling.getName(), "written while the submission was handled");
            assertEquals(applicationsSend.getSpanContext().getSpanId(), handling.getParentSpanId(),
                    "the handling is a child of the applications service's producer span");
            assertNotNull(spans.await(TraceRecords.spanId(TraceRecords.producer(decided))),
                    "the relay's producer span was recorded");
        }
    }
}
