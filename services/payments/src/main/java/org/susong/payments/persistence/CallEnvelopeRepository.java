package org.susong.payments.persistence;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.susong.commons.messaging.Outbox;
import org.susong.commons.persistence.MongoErrors;
import org.susong.payments.domain.EnvelopeState;
import org.susong.payments.domain.JournalEntry;

/**
 * The envelopes of eligibility's calls for proposals (issue 19), one document per call ({@code _id} the call id): the
 * intent of each movement of the envelope on its budget line, written before the line moves (RESERVING when the call
 * opened, RELEASING when it closed), then its outcome (RESERVED or REFUSED; CLOSED) with its journal entry and its events
 * ({@link EnvelopeState}).
 * What the awards drew from the envelope is kept on the line ({@link BudgetLineRepository#draw}).
 */
@ApplicationScoped
public class CallEnvelopeRepository {

    public static final String COLLECTION = "call_envelopes";

    /** An envelope as stored. */
    public record Envelope(String callId, String budgetLine, String measureCode, long envelopeFen, EnvelopeState state,
                           String sourceHash, Long usedFen, Long releasedFen, long lastSequence) {
    }

    private final MongoCollection<Document> envelopes;

    CallEnvelopeRepository(MongoDatabase database) {
        this.envelopes = database.getCollection(COLLECTION);
    }

    /** The intent to reserve (RESERVING); false when the call has its envelope already (a redelivery). */
    public boolean insert(String callId, String budgetLine, String measureCode, long envelopeFen, String sourceEventId,
                          String sourceHash, Date now) {
        return MongoErrors.insertIfAbsent(envelopes, new Document("_id", callId).append("budgetLine", budgetLine)
                .append("measureCode", measureCode).append("envelopeFen", envelopeFen).append("state", EnvelopeState.RESERVING.name())
                .append("sourceEventId", sourceEventId).append("sourceHash", sourceHash).append("createdAt", now)
                .append("updatedAt", now).append(Journals.FIELD, List.of()).append(Outbox.FIELD, List.of())
                .append(Outbox.SEQUENCE_FIELD, 0L));
    }

    public Optional<Envelope> find(String callId) {
        Document d = envelopes.find(Filters.eq("_id", callId)).first();
        return d == null ? Optional.empty() : Optional.of(new Envelope(d.getString("_id"), d.getString("budgetLine"),
                d.getString("measureCode"), d.get("envelopeFen", Number.class).longValue(),
                EnvelopeState.valueOf(d.getString("state")),
                d.getString("sourceHash"), fen(d, "usedFen"), fen(d, "releasedFen"), Outbox.lastSequence(d)));
    }

    private static Long fen(Document d, String field) {
        Number n = d.get(field, Number.class);
        return n == null ? null : n.longValue();
    }

    /** RELEASING, the intent to give the unused envelope back, with what the call awarded; false when not RESERVED. */
    public boolean closing(String callId, long usedFen, String sourceEventId, Date now) {
        return envelopes.updateOne(Filters.and(Filters.eq("_id", callId), Filters.eq("state", EnvelopeState.RESERVED.name())),
                Updates.combine(Updates.set("state", EnvelopeState.RESERVED.moveTo(EnvelopeState.RELEASING).name()), Updates.set("usedFen", usedFen),
                        Updates.set("closedBy", sourceEventId), Updates.set("updatedAt", now))).getModifiedCount() == 1;
    }

    /**
     * {@code from} to {@code to} with the journal entry (none when nothing moved) and the events; false when another
     * writer moved it first.
     */
    public boolean decide(String callId, EnvelopeState from, EnvelopeState to, JournalEntry entry, List<Document> outbox,
                          Long releasedFen, Date now) {
        List<Bson> updates = new ArrayList<>(List.of(Updates.set("state", from.moveTo(to).name()), Updates.set("updatedAt", now)));
        if (entry != null) {
            updates.add(Updates.push(Journals.FIELD, Journals.toDocument(entry)));
        }
        if (releasedFen != null) {
            updates.add(Updates.set("releasedFen", releasedFen));
        }
        if (!outbox.isEmpty()) {
            updates.add(Outbox.append(outbox));
        }
        return envelopes.updateOne(Filters.and(Filters.eq("_id", callId), Filters.eq("state", from.name())), Updates.combine(updates))
                .getModifiedCount() == 1;
    }
}
