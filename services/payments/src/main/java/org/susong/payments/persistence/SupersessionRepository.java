package org.susong.payments.persistence;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import org.bson.Document;
import org.susong.payments.domain.ReleaseReason;
import org.susong.commons.persistence.MongoErrors;

/**
 * What an appeal decided about an earlier decision, one document per superseded decision ({@code _id} = its decision
 * id): released as {@code SUPERSEDED} (re-approved: the re-decision's order replaces it) or {@code APPEAL_REJECTED}.
 * Kept when the re-decision is taken in, whether or not the superseded decision has an order yet, so that a decision
 * taken in after its own re-decision (replayed from the dead letters, or late on another partition: the two have
 * different keys) finds it and creates no payable order. Written once, never changed; read by decision id only.
 */
@ApplicationScoped
public class SupersessionRepository {

    public static final String COLLECTION = "superseded_decisions";

    /** The superseded decision, the event of the appeal's decision that superseded it, and the release reason it implies. */
    public record Supersession(String decisionId, String eventId, ReleaseReason reason) {
    }

    private final MongoCollection<Document> supersessions;

    SupersessionRepository(MongoDatabase database) {
        this.supersessions = database.getCollection(COLLECTION);
    }

    /**
     * Keeps the fact: a create keyed by the superseded decision's id, so a redelivery, or a second run after a crash,
     * finds it kept (the first one kept stands: eligibility supersedes a decision once, a second appeal appeals the
     * re-decision).
     *
     * @return false when the decision's fact was kept before
     */
    public boolean keep(Supersession s, Date now) {
        return MongoErrors.insertIfAbsent(supersessions, new Document("_id", s.decisionId()).append("eventId", s.eventId())
                .append("reason", s.reason().name()).append("createdAt", now));
    }

    /** Of these decisions, those an appeal superseded, by decision id (one read). */
    public Map<String, Supersession> among(Collection<String> decisionIds) {
        Map<String, Supersession> found = new HashMap<>();
        if (decisionIds.isEmpty()) {
            return found;
        }
        for (Document d : supersessions.find(Filters.in("_id", decisionIds))) {
            found.put(d.getString("_id"), new Supersession(d.getString("_id"), d.getString("eventId"),
                    ReleaseReason.ofStored(d.getString("reason"))));
        }
        return found;
    }
}
