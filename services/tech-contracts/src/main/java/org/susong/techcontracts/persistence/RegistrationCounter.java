package org.susong.techcontracts.persistence;

import com.mongodb.MongoException;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;
import org.susong.commons.persistence.MongoErrors;
import org.susong.commons.rest.ProblemException;
import org.susong.techcontracts.domain.RegistrationNumber;

/**
 * Serials of registration numbers: one small counter document per registry and year, advanced by
 * an atomic {@code findOneAndUpdate $inc} (upserted on the year's first registration). A serial is
 * never issued twice; one taken by a registration that then fails to insert stays unused, so the
 * series is strictly increasing but not gapless.
 */
@ApplicationScoped
public class RegistrationCounter {

    private final MongoCollection<Document> counters;

    RegistrationCounter(MongoDatabase database) {
        this.counters = database.getCollection("registration_counters");
    }

    /** The next serial of the year, starting at 1. */
    public long next(String registryCode, int year) {
        return nextBlock(registryCode, year, 1);
    }

    /**
     * Takes {@code count} consecutive serials at once (bulk registration); returns the first. The
     * counter never passes {@link RegistrationNumber#MAX_SERIAL}: when the year has fewer serials
     * left, none is taken and the registration is refused with 503.
     */
    public long nextBlock(String registryCode, int year, int count) {
        String id = registryCode + "-" + year;
        Document counter = increment(id, count);
        if (counter == null) {
            // the year's first registration (or no serials left): create the counter, then try once more
            create(id, registryCode, year, 0);
            counter = increment(id, count);
        }
        if (counter == null) {
            throw new ProblemException(503, "Serials exhausted", "the registration serials of " + year + " for registry "
                    + registryCode + " are used up (" + RegistrationNumber.MAX_SERIAL + "; " + count
                    + " requested): no number of this year can be issued; see the canvas (tech-contracts.md)", null);
        }
        return counter.get("last", Number.class).longValue() - count + 1;
    }

    /** The last serial taken (or moved past) in this registry and year; 0 before the first. */
    public long last(String registryCode, int year) {
        Document counter = counters.find(Filters.eq("_id", registryCode + "-" + year)).first();
        return counter == null ? 0 : counter.get("last", Number.class).longValue();
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

    /** Adds {@code count} if that many serials are left; null when not (or when the counter does not exist). */
    private Document increment(String id, int count) {
        return counters.findOneAndUpdate(Filters.and(Filters.eq("_id", id),
                        Filters.lte("last", RegistrationNumber.MAX_SERIAL - count)),
                Updates.inc("last", (long) count), new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
    }

    private void create(String id, String registryCode, int year, long last) {
        try {
            counters.updateOne(Filters.eq("_id", id), Updates.combine(Updates.setOnInsert("last", last),
                    Updates.setOnInsert("registryCode", registryCode), Updates.setOnInsert("year", year)),
                    new UpdateOptions().upsert(true));
        } catch (MongoException e) {
            // two first registrations of a year may race to create the counter: the loser finds the winner's
            if (!MongoErrors.isDuplicateKey(e)) {
                throw e;
            }
        }
    }
}
