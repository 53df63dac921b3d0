package org.susong.eligibility.persistence;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.susong.commons.persistence.GuardedCounter;
import org.susong.commons.persistence.MongoErrors;

/**
 * The cap ledger (architecture rule 4). {@code cap_ledgers}: one counter per beneficiary, cap group and
 * year (or project, certificate, exclusion group), holding the used amount and, per consuming
 * decision or proposal, its share ({@code consumers.<owner>}). {@code cap_intents}: the intent written
 * before a counter moves ({@code _id} = owner + "|" + ledger key), PENDING then APPLIED or RELEASED.
 */
@ApplicationScoped
public class LedgerRepository {

    private final MongoCollection<Document> ledgers;
    private final MongoCollection<Document> intents;

    LedgerRepository(MongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database) {
        this.ledgers = mongo.getDatabase(database).getCollection("cap_ledgers");
        this.intents = mongo.getDatabase(database).getCollection("cap_intents");
    }

    public Optional<Document> ledger(String key) {
        return Optional.ofNullable(ledgers.find(Filters.eq("_id", key)).first());
    }

    /** Creates the counter on first use; false when it exists (a second creator finds it). */
    public boolean ensureLedger(Document initial) {
        return MongoErrors.insertIfAbsent(ledgers, initial);
    }

    public GuardedCounter.Outcome apply(String key, String intentId, Bson guard, Bson change) {
        return GuardedCounter.apply(ledgers, key, intentId, guard, change);
    }

    public void forget(String key, String intentId) {
        GuardedCounter.forget(ledgers, key, intentId);
    }

    public Optional<Document> intent(String intentId) {
        return Optional.ofNullable(intents.find(Filters.eq("_id", intentId)).first());
    }

    public boolean insertIntent(Document intent) {
        return MongoErrors.insertIfAbsent(intents, intent);
    }

    /** PENDING intents written before {@code before} (scans: few are ever left behind). */
    public java.util.List<Document> stalePending(java.util.Date before, int limit) {
        return intents.find(Filters.and(Filters.eq("state", "PENDING"), Filters.lt("at", before))).limit(limit)
                .into(new java.util.ArrayList<>());
    }

    public void markReleased(String intentId, Document fields) {
        intents.updateOne(Filters.eq("_id", intentId), Updates.combine(Updates.set("state", "RELEASED"),
                Updates.set("released", fields)));
    }

    public void markIntent(String intentId, String state, Document fields) {
        intents.updateOne(Filters.eq("_id", intentId), Updates.combine(Updates.set("state", state),
                Updates.set("result", fields)));
    }
}
