package org.susong.commons.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.susong.commons.ids.Hashes;

/**
 * The outbox inside an aggregate document (architecture rule 1). A state change and its events
 * are one atomic write: the entries built here are pushed onto the document's own {@code outbox}
 * array in the same update that changes its state. Each entry is fixed at write time - event id
 * (the future {@code ce_id}), type, aggregate sequence, the serialised wire payload and its hash - so
 * a re-publish sends byte-identical events with the same id - and, when the write happens inside a trace,
 * the writer's W3C {@code traceparent} among the extensions ({@link Traces}).
 */
public final class Outbox {

    public static final String FIELD = "outbox";
    /** Last event sequence number given out by the aggregate. */
    public static final String SEQUENCE_FIELD = "eventSeq";
    public static final String LEASE_FIELD = "outboxLease";
    /**
     * The largest event payload written: the broker's default {@code message.max.bytes} and the
     * producer's {@code max.request.size} are 1 MiB for the whole record, headers included.
     */
    public static final int MAX_PAYLOAD_BYTES = 900 * 1024;

    private Outbox() {
    }

    /** An event larger than the broker takes: refused when it is written (a consumer dead-letters its cause). */
    public static final class EventTooLarge extends PermanentFailure {
        public EventTooLarge(String message) {
            super(message);
        }
    }

    /** Serialises and numbers the events after {@code lastSequence}. */
    public static List<Document> entries(ObjectMapper json, long lastSequence, List<NewEvent> events, Instant now) {
        List<Document> entries = new ArrayList<>(events.size());
        long sequence = lastSequence;
        for (NewEvent event : events) {
            sequence++;
            String payload = serialise(json, event.payload());
            int bytes = payload.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            if (bytes > MAX_PAYLOAD_BYTES) {
                throw new EventTooLarge(event.type() + " for " + event.subject() + " would be " + bytes
                        + " bytes, over the " + MAX_PAYLOAD_BYTES + " the broker takes");
            }
            Document extensions = new Document(event.extensions());
            extensions.put(EventHeaders.SEQUENCE, Long.toString(sequence));
            // the writer's trace: the relay publishes later from its own thread, as a child of it (Traces)
            String traceparent = Traces.forWrite(event.extensions().get(EventHeaders.CAUSATION));
            if (traceparent != null) {
                extensions.put(EventHeaders.TRACEPARENT, traceparent);
            }
            entries.add(new Document("id", UUID.randomUUID().toString())
                    .append("type", event.type())
                    .append("subject", event.subject())
                    .append("seq", sequence)
                    .append("payload", payload)
                    .append("hash", Hashes.sha256(payload))
                    .append("at", Date.from(now))
                    .append("ext", extensions));
        }
        return entries;
    }

    public static String serialise(ObjectMapper json, Object payload) {
        try {
            return json.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event payload cannot be serialised: " + payload.getClass(), e);
        }
    }

    /** Fields for a new aggregate document: its first events and their last sequence number. */
    public static Document initialFields(List<Document> entries) {
        return new Document(FIELD, entries).append(SEQUENCE_FIELD, (long) entries.size());
    }

    /** The update that appends entries (built by {@link #entries}) and advances the sequence. */
    public static Bson append(List<Document> entries) {
        return Updates.combine(Updates.pushEach(FIELD, entries), Updates.inc(SEQUENCE_FIELD, (long) entries.size()));
    }

    /**
     * Filter that keeps a write from growing an outbox past {@code max} pending entries: when the
     * broker is down, writers get back-pressure ({@link OutboxFullException}) instead of a document
     * growing towards MongoDB's 16 MB limit.
     */
    public static Bson hasRoom(int max, int adding) {
        return Filters.exists(FIELD + "." + Math.max(0, max - adding), false);
    }

    public static long lastSequence(Document aggregate) {
        Number sequence = aggregate.get(SEQUENCE_FIELD, Number.class);
        return sequence == null ? 0 : sequence.longValue();
    }

    public static int pending(Document aggregate) {
        List<?> outbox = aggregate.getList(FIELD, Object.class);
        return outbox == null ? 0 : outbox.size();
    }
}
