package org.susong.commons.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.MongoWriteConcernException;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;
import org.susong.commons.ids.Hashes;
import org.susong.commons.persistence.MongoErrors;

/**
 * Consumption of Susong events with failures classified (architecture rule 6, docs/architecture.md#rule-6):
 * <ul>
 *   <li>not a CloudEvent, not JSON, or a handler's {@link PermanentFailure} - nack, which the
 *       channel's {@code dead-letter-queue} failure strategy sends to {@code <service>.dlq} with the
 *       reason in headers; consumption continues;</li>
 *   <li>a well-formed {@code susong.*} event of a type this service does not read - skipped and
 *       counted (forward compatibility);</li>
 *   <li>transient failures (store or broker unavailable, optimistic conflicts, full outbox) -
 *       retried in place with back-off, never dead-lettered, so per-key order holds. When the
 *       service stops meanwhile, the record is neither acked nor nacked: its offset stays
 *       uncommitted and the restarted service gets it again.</li>
 * </ul>
 * Handlers must be idempotent: the effect and "event X applied" are one write.
 */
@ApplicationScoped
public class EventConsumer {

    private static final Logger LOG = Logger.getLogger(EventConsumer.class);

    private final ObjectMapper json;
    private final MeterRegistry registry;
    private final OutboxConfig config;
    private final ConsumerProgress progress;
    private final Tracer tracer;
    private volatile boolean stopping;

    @jakarta.inject.Inject
    EventConsumer(ObjectMapper json, MeterRegistry registry, OutboxConfig config,
                  @org.eclipse.microprofile.health.Liveness ConsumerProgress progress, Tracer tracer) {
        this.json = json;
        this.registry = registry;
        this.config = config;
        this.progress = progress;
        this.tracer = tracer;
    }

    /** Without traces (unit tests). */
    EventConsumer(ObjectMapper json, MeterRegistry registry, OutboxConfig config, ConsumerProgress progress) {
        this(json, registry, config, progress, OpenTelemetry.noop().getTracer("susong"));
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
    }

    /**
     * Applies the events of a batch together and says which of them it refused for good (by event
     * id, with the reason); the others are applied. Must be idempotent like a single handler: a
     * transient failure repeats the whole call.
     */
    @FunctionalInterface
    public interface BatchHandler {
        Map<String, RuntimeException> handle(List<InboundEvent> events);

        /**
         * Reads each event into a command ({@code read}; an event it refuses for good with a {@link PermanentFailure}
         * is refused alone) and applies the commands read, in the events' order, with one call of {@code apply},
         * which says which it refused.
         */
        static <T> BatchHandler reading(Function<InboundEvent, T> read,
                                        Function<List<T>, Map<String, RuntimeException>> apply) {
            return events -> {
                Map<String, RuntimeException> refused = new HashMap<>();
                List<T> commands = new ArrayList<>();
                for (InboundEvent e : events) {
                    try {
                        commands.add(read.apply(e));
                    } catch (PermanentFailure bad) {
                        refused.put(e.id(), bad);
                    }
                }
                refused.putAll(apply.apply(commands));
                return refused;
            };
        }
    }

    /** Parses, dispatches by CloudEvents type, and acknowledges or dead-letters the record. */
    public CompletionStage<Void> consume(Message<String> message, Map<String, Consumer<InboundEvent>> handlers) {
        if (stopping) {
            // taking no record once stopping keeps per-key order: none overtakes one left uncommitted below
            return leaveUncommitted("stopping: not handling a record received now");
        }
        InboundEvent event;
        try {
            event = parse(message);
        } catch (PermanentFailure e) {
            return deadLetter(message, "unreadable", e);
        }
        return dispatch(message, event, handlers);
    }

    /**
     * The records of a polled batch (e.g. a {@code KafkaRecordBatch}'s, in its order: per partition,
     * by offset), each settled on its own with the semantics of {@link #consume}. Consecutive events
     * whose types map to the same handler in {@code batchHandlers} (one type, or several that one
     * handler writes together) are applied with one call of it (transient failures retried in place);
     * the ones it refuses are dead-lettered alone. When the whole call fails for good, each event is
     * tried again alone, so only the bad one is dead-lettered. Other types, and unreadable records,
     * are handled one by one after the events before them.
     *
     * <p>Settling is in order and waited for: SmallRye commits a batch's partition up to its last
     * record once that one is acked, whatever happened to the records before it, so a record is
     * settled only after every record before it was written or dead-lettered, and a dead-letter
     * send that fails or does not end (the record then is neither) fails the returned stage, so the
     * channel fails loudly (health DOWN, a restart) with nothing after it committed. Only the last record
     * of each partition is acked (the others' acks would only pile up in the commit handler). Once
     * the service stops, the rest is left uncommitted.
     */
    public CompletionStage<Void> consumeBatch(List<? extends Message<String>> records,
                                              Map<String, BatchHandler> batchHandlers,
                                              Map<String, Consumer<InboundEvent>> handlers) {
        try {
            return settleBatch(records, batchHandlers, handlers);
        } catch (NotSettled e) {
            // neither written-and-acked nor dead-lettered: nothing at or after it may be committed, and the channel must
            // not wait silently. A failed stage fails the channel (health DOWN, the pod restarts); the records after it
            // come again, and every handler is idempotent
            LOG.errorf(e, "a record of a batch could not be settled: the channel fails, nothing after it is committed");
            return CompletableFuture.failedFuture(e);
        }
    }

    private CompletionStage<Void> settleBatch(List<? extends Message<String>> records, Map<String, BatchHandler> batchHandlers,
                                              Map<String, Consumer<InboundEvent>> handlers) {
        List<Message<String>> pending = new ArrayList<>();
        List<InboundEvent> events = new ArrayList<>();
        for (Message<String> message : lastOfPartitionAcked(records)) {
            if (stopping) {
                return leaveUncommitted("stopping: not handling the rest of a batch");
            }
            InboundEvent event;
            try {
                event = parse(message);
            } catch (PermanentFailure e) {
                if (!flush(pending, events, batchHandlers)) {
                    return leaveUncommitted("stopped while handling a batch");
                }
                settle(deadLetter(message, "unreadable", e));
                continue;
            }
            BatchHandler together = batchHandlers.get(event.type());
            boolean joins = together != null && (events.isEmpty() || batchHandlers.get(events.get(0).type()) == together)
                    // refusals are by event id: a repeated id (a redelivery inside the poll) goes into the next call
                    && events.stream().noneMatch(e -> e.id().equals(event.id()));
            if (joins) {
                pending.add(message);
                events.add(event);
                continue;
            }
            if (!flush(pending, events, batchHandlers)) {
                return leaveUncommitted("stopped while handling a batch");
            }
            if (together != null) {
                pending.add(message);
                events.add(event);
                continue;
            }
            CompletionStage<Void> done = dispatch(message, event, handlers);
            // stopping: dispatch may have left the record uncommitted (a stage that never completes): not waited for
            if (stopping) {
                return leaveUncommitted("stopped while handling a batch");
            }
            settle(done);
        }
        if (!flush(pending, events, batchHandlers)) {
            return leaveUncommitted("stopped while handling a batch");
        }
        return CompletableFuture.completedFuture(null);
    }

    /**
     * The records with the ack of all but each partition's last one made a no-op: SmallRye tracks only
     * that one for a batch and commits the partition up to it. Records without Kafka metadata keep theirs.
     */
    private static List<Message<String>> lastOfPartitionAcked(List<? extends Message<String>> records) {
        Map<String, Integer> last = new HashMap<>();
        for (int i = 0; i < records.size(); i++) {
            int index = i;
            partition(records.get(i)).ifPresent(key -> last.put(key, index));
        }
        List<Message<String>> result = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            Message<String> record = records.get(i);
            Optional<String> key = partition(record);
            result.add(key.isPresent() && last.get(key.get()) != i
                    ? record.withAck(() -> CompletableFuture.completedFuture(null)) : record);
        }
        return result;
    }

    private static Optional<String> partition(Message<String> message) {
        return message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(m -> ((IncomingKafkaRecordMetadata<?, ?>) m).getTopic() + "/"
                        + ((IncomingKafkaRecordMetadata<?, ?>) m).getPartition());
    }

    /** How long a record's ack or dead-letter send is waited for (longer than the producer's delivery timeout, 120 s). */
    static final long SETTLE_TIMEOUT_SECONDS = 200;

    /** A record that is neither acked after its write nor dead-lettered. */
    private static final class NotSettled extends RuntimeException {
        NotSettled(Throwable cause) {
            super("settling a record failed: " + cause, cause);
        }
    }

    /**
     * Waits for a record's ack or dead-letter send.
     *
     * @throws NotSettled when it failed or did not end within {@link #SETTLE_TIMEOUT_SECONDS}
     */
    private static void settle(CompletionStage<Void> stage) {
        try {
            stage.toCompletableFuture().get(SETTLE_TIMEOUT_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new NotSettled(e.getCause() == null ? e : e.getCause());
        } catch (java.util.concurrent.CancellationException | java.util.concurrent.TimeoutException e) {
            throw new NotSettled(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotSettled(e);
        }
    }

    /** Applies the pending events together; false when the service stopped meanwhile ({@link NotSettled} when a record could not be settled). */
    private boolean flush(List<Message<String>> pending, List<InboundEvent> events, Map<String, BatchHandler> batchHandlers) {
        if (events.isEmpty()) {
            return true;
        }
        List<Message<String>> messages = List.copyOf(pending);
        List<InboundEvent> taken = List.copyOf(events);
        pending.clear();
        events.clear();
        InboundEvent first = taken.get(0);
        BatchHandler handler = batchHandlers.get(first.type());
        Long oldest = messages.stream().map(EventConsumer::producedAt).filter(java.util.Objects::nonNull)
                .min(Long::compare).orElse(null);
        Map<String, RuntimeException> refused;
        List<Span> spans = new ArrayList<>(taken.size());
        for (int i = 0; i < taken.size(); i++) {
            spans.add(startHandling(messages.get(i), taken.get(i)));
        }
        try (ConsumerProgress.Handling handling = progress.start(first.type(), first.id() + " (+" + (taken.size() - 1)
                + ")", oldest); Traces.Batch traced = Traces.handlingBatch(taken, spans)) {
            refused = withRetry(() -> handler.handle(taken), first, handling);
        } catch (RuntimeException e) {
            spans.forEach(span -> failed(span, e));
            if (stopping) {
                return false;
            }
            if (taken.size() == 1) {
                settle(refuse(messages.get(0), first, e));
                return true;
            }
            LOG.warnf("a batch of %d %s failed (%s): trying each alone", taken.size(), first.type(), e.getMessage());
            for (int i = 0; i < taken.size(); i++) {
                if (!flush(new ArrayList<>(List.of(messages.get(i))), new ArrayList<>(List.of(taken.get(i))),
                        batchHandlers)) {
                    return false;
                }
            }
            return true;
        }
        for (int i = 0; i < taken.size(); i++) {
            RuntimeException reason = refused.get(taken.get(i).id());
            if (reason == null) {
                spans.get(i).end();
            } else {
                failed(spans.get(i), reason);
            }
        }
        for (int i = 0; i < taken.size(); i++) {
            InboundEvent event = taken.get(i);
            RuntimeException reason = refused.get(event.id());
            if (reason == null) {
                registry.counter("susong.events.consumed", "type", event.type()).increment();
            }
            settle(reason == null ? messages.get(i).ack() : refuse(messages.get(i), event, reason));
        }
        return true;
    }

    private CompletionStage<Void> dispatch(Message<String> message, InboundEvent event,
                                           Map<String, Consumer<InboundEvent>> handlers) {
        Consumer<InboundEvent> handler = handlers.get(event.type());
        if (handler == null) {
            if (event.type().startsWith(EventHeaders.TYPE_PREFIX)) {
                registry.counter("susong.events.skipped", "type", event.type()).increment();
                LOG.debugf("skipping %s %s: not read by this service", event.type(), event.id());
                return message.ack();
            }
            return deadLetter(message, event.type(), new PermanentFailure("'" + event.type() + "' is not a Susong event type"));
        }
        Span span = startHandling(message, event);
        try (Scope traced = span.makeCurrent(); LogContext logged = LogContext.of(event, span);
             ConsumerProgress.Handling handling = progress.start(event.type(), event.id(), producedAt(message))) {
            withRetry(() -> {
                handler.accept(event);
                return null;
            }, event, handling);
        } catch (RuntimeException e) {
            failed(span, e);
            if (stopping) {
                // a nack would dead-letter it (the channels' failure strategy), an ack would commit an offset never
                // applied; whatever failed while the service stops (the store, its own container going away) is
                // tried again after the restart
                return leaveUncommitted("stopped while handling " + event.type() + " " + event.id() + ": " + e);
            }
            return refuse(message, event, e);
        }
        span.end();
        registry.counter("susong.events.consumed", "type", event.type()).increment();
        return message.ack();
    }

    /**
     * The span of a record's handling, a child of the producer's: the record's {@code traceparent} header
     * (SmallRye's producer span, a child of the writer's), else the event's {@code ce_traceparent} (the
     * writer's, when the producer traced nothing), else a trace of its own. The events a handler writes
     * meanwhile keep it as their writer's context ({@link Traces#forWrite}).
     */
    private Span startHandling(Message<String> message, InboundEvent event) {
        String traceparent = message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(m -> ((IncomingKafkaRecordMetadata<?, ?>) m).getHeaders())
                .map(headers -> headers.lastHeader(Traces.TRACEPARENT))
                .map(header -> new String(header.value(), java.nio.charset.StandardCharsets.UTF_8))
                .filter(Traces::isValid)
                .orElse(event.extension(Traces.TRACEPARENT));
        return tracer.spanBuilder("process " + event.type())
                .setParent(Traces.context(traceparent))
                .setSpanKind(SpanKind.CONSUMER)
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.message.id", event.id())
                .setAttribute("cloudevents.event_type", event.type())
                .startSpan();
    }

    /** Ends a handling span whose handler failed (dead-lettered, or left for after a restart). */
    private static void failed(Span span, RuntimeException e) {
        span.setStatus(StatusCode.ERROR, e.getClass().getSimpleName());
        span.end();
    }

    /** Dead-letters a record its handler failed on for good. */
    private CompletionStage<Void> refuse(Message<String> message, InboundEvent event, RuntimeException e) {
        if (e instanceof ModifiedRequest) {
            registry.counter("susong.events.modified", "type", event.type()).increment();
            return deadLetter(message, event.type(), e);
        }
        if (e instanceof PermanentFailure) {
            return deadLetter(message, event.type(), e);
        }
        return deadLetter(message, event.type(), new PermanentFailure(e.toString(), e));
    }

    private <T> T withRetry(Supplier<T> step, InboundEvent event, ConsumerProgress.Handling handling) {
        long backoff = 50;
        int attempt = 0;
        while (true) {
            try {
                handling.attempt();
                return step.get();
            } catch (RuntimeException e) {
                if (!isTransient(e) || stopping) {
                    throw e;
                }
                handling.failedTransiently();
                attempt++;
                registry.counter("susong.events.retried", "type", event.type()).increment();
                if (attempt == 1 || attempt % 20 == 0) {
                    LOG.warnf("transient failure handling %s %s (attempt %d), retrying: %s", event.type(), event.id(),
                            attempt, e.getMessage());
                }
                sleep(backoff);
                backoff = Math.min(backoff * 2, config.maxRetryBackoff().toMillis());
            }
        }
    }

    /**
     * Store unavailable, timeouts, write-concern trouble (of a single or a bulk write: a bulk's other write errors,
     * if any, are duplicate keys a retry meets again and its caller settles), optimistic conflicts, a full outbox.
     */
    public static boolean isTransient(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof TransientFailure || t instanceof MongoSocketException || t instanceof MongoTimeoutException
                    || t instanceof MongoWriteConcernException) {
                return true;
            }
            if (t instanceof MongoBulkWriteException bulk && bulk.getWriteConcernError() != null
                    && (bulk.getWriteErrors().isEmpty() || MongoErrors.onlyDuplicateKeys(bulk))) {
                return true;
            }
            if (t instanceof MongoException mongo && mongo.hasErrorLabel(MongoException.TRANSIENT_TRANSACTION_ERROR_LABEL)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Neither ack nor nack: the record stays unprocessed, so the throttled commit strategy commits no
     * offset at or after it and the next consumer of the partition gets it again. The stage never
     * completes; the channel's graceful shutdown waits for it at most {@code auto.commit.interval.ms}
     * (5 s) and then commits what was processed before it.
     */
    private static CompletionStage<Void> leaveUncommitted(String why) {
        LOG.infof("leaving the offset uncommitted for redelivery after the restart (%s)", why);
        return new CompletableFuture<>();
    }

    private static Long producedAt(Message<String> message) {
        return message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(m -> ((IncomingKafkaRecordMetadata<?, ?>) m).getTimestamp())
                .map(java.time.Instant::toEpochMilli).orElse(null);
    }

    private CompletionStage<Void> deadLetter(Message<String> message, String type, RuntimeException reason) {
        registry.counter("susong.events.dead.lettered", "type", type).increment();
        LOG.warnf("dead-lettering a %s record: %s", type, reason.getMessage());
        return message.nack(reason);
    }

    InboundEvent parse(Message<String> message) {
        Optional<IncomingCloudEventMetadata> metadata = message.getMetadata(IncomingCloudEventMetadata.class)
                .map(m -> (IncomingCloudEventMetadata) m);
        if (metadata.isEmpty()) {
            throw new PermanentFailure("the record carries no CloudEvents headers (ce_id, ce_type, ce_source)");
        }
        IncomingCloudEventMetadata<?> ce = metadata.get();
        if (ce.getId() == null || ce.getType() == null) {
            throw new PermanentFailure("the record lacks ce_id or ce_type");
        }
        String payload = message.getPayload();
        if (payload == null) {
            throw new PermanentFailure("event " + ce.getId() + " has no body");
        }
        JsonNode data;
        try {
            data = json.readTree(payload);
        } catch (Exception e) {
            throw new PermanentFailure("event " + ce.getId() + " body is not JSON: " + e.getMessage(), e);
        }
        if (data == null || !data.isObject()) {
            throw new PermanentFailure("event " + ce.getId() + " body is not a JSON object");
        }
        Map<String, String> extensions = new HashMap<>();
        ce.getExtensions().forEach((name, value) -> extensions.put(name, String.valueOf(value)));
        return new InboundEvent(ce.getId(), ce.getType(), String.valueOf(ce.getSource()), ce.getSubject().orElse(null),
                ce.getTimeStamp().map(t -> t.toInstant()).orElse(null), extensions, payload, Hashes.sha256(payload), data);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransientFailure("interrupted", e);
        }
    }
}
