package org.susong.eligibility.persistence;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.susong.commons.messaging.Outbox;
import org.susong.commons.messaging.OutboxConfig;
import org.susong.commons.persistence.MongoErrors;

/**
 * Automatic awards, one document per registered contract ({@code _id} = contract id): the proposals
 * made for it ({@code proposals.<seq>}), their revocations, the contract events already applied, and
 * the outbox carrying {@code AwardProposed} and {@code RevocationRequested}.
 */
@ApplicationScoped
public class AwardRepository {

    public static final String COLLECTION = "awards";

    private final MongoCollection<Document> awards;
    private final OutboxConfig outbox;

    AwardRepository(MongoDatabase database,
                    OutboxConfig outbox) {
        this.awards = database.getCollection(COLLECTION);
        this.outbox = outbox;
    }

    public Optional<Document> find(String contractId) {
        return Optional.ofNullable(awards.find(Filters.eq("_id", contractId)).first());
    }

    public boolean insert(Document award) {
        return MongoErrors.insertIfAbsent(awards, award);
    }

    /** One atomic change guarded by {@code guard}, appending events to the award's outbox. */
    public boolean update(String contractId, Bson guard, Bson change, List<Document> events) {
        Bson filter = Filters.and(Filters.eq("_id", contractId), guard, Outbox.hasRoom(outbox.outboxMaxPending(), events.size()));
        Bson update = events.isEmpty() ? change : Updates.combine(change, Outbox.append(events));
        return awards.updateOne(filter, update).getModifiedCount() == 1;
    }
}
