package org.susong.techcontracts.persistence;

import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.susong.commons.persistence.MongoErrors;

/**
 * Serials of registration numbers: one small counter document per registry and year, advanced by
 * an atomic {@code findOneAndUpdate $inc} (upserted on the year's first registration). A serial is
 * never issued twice; one taken by a registration that then fails to insert stays unused, so the
 * series is strictly increasing but not gapless.
 */
@ApplicationScoped
public class RegistrationCounter {

    private final MongoCollection<Document> counters;

    RegistrationCounter(MongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database) {
        this.counters = mongo.getDatabase(database).getCollection("registration_counters");
    }

    /** The next serial of the year, starting at 1. */
    public long next(String registryCode, int year) {
        return nextBlock(registryCode, year, 1);
    }

    /** Takes {@code count} consecutive serials at once (bulk registration); returns the first. */
    public long nextBlock(String registryCode, int year, int count) {
        String id = registryCode + "-" + year;
        FindOneAndUpdateOptions upsert = new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER);
        try {
            return increment(id, registryCode, year, count, upsert) - count + 1;
        } catch (MongoException e) {
            // two first registrations of a year may race to create the counter: the loser increments the winner's
            if (MongoErrors.isDuplicateKey(e)) {
                return increment(id, registryCode, year, count, upsert) - count + 1;
            }
            throw e;
        }
    }

    /**
     * Makes sure the counter is at least {@code serial}: an imported national number of this registry
     * and year must never be issued again here.
     */
    public void atLeast(String registryCode, int year, long serial) {
        String id = registryCode + "-" + year;
        UpdateOptions upsert = new UpdateOptions().upsert(true);
        try {
            counters.updateOne(Filters.eq("_id", id), Updates.combine(Updates.max("last", serial),
                    Updates.setOnInsert("registryCode", registryCode), Updates.setOnInsert("year", year)), upsert);
        } catch (MongoException e) {
            if (!MongoErrors.isDuplicateKey(e)) {
                throw e;
            }
            counters.updateOne(Filters.eq("_id", id), Updates.max("last", serial));
        }
    }

    private long increment(String id, String registryCode, int year, int count, FindOneAndUpdateOptions options) {
        Document counter = counters.findOneAndUpdate(Filters.eq("_id", id), Updates.combine(
                Updates.inc("last", (long) count),
                Updates.setOnInsert("registryCode", registryCode),
                Updates.setOnInsert("year", year)), options);
        return counter.get("last", Number.class).longValue();
    }
}
