package org.susong.commons.persistence;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Updates;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Applies an intent to a counter document exactly once (architecture rule 4, docs/architecture.md#rule-4): the update moves the
 * counter only if the guard holds (e.g. {@code available >= amount}) <em>and</em> the intent id is
 * not yet recorded in the counter's {@code applied} set, and records the id in the same atomic
 * write. A resumer can therefore repeat the step after a crash without applying it twice.
 * Once the intent document is marked APPLIED, {@link #forget} removes the id again so that hot
 * counters stay small.
 */
public final class GuardedCounter {

    public static final String APPLIED = "applied";

    public enum Outcome {
        /** This call moved the counter. */
        APPLIED,
        /** An earlier call already moved it for this intent. */
        ALREADY_APPLIED,
        /** The guard refused: e.g. not enough available. */
        REFUSED,
        /** There is no such counter. */
        NO_COUNTER
    }

    private GuardedCounter() {
    }

    public static Outcome apply(MongoCollection<Document> counters, String counterId, String intentId, Bson guard, Bson change) {
        Bson filter = Filters.and(Filters.eq("_id", counterId), Filters.ne(APPLIED, intentId), guard);
        if (counters.updateOne(filter, Updates.combine(change, Updates.addToSet(APPLIED, intentId))).getModifiedCount() == 1) {
            return Outcome.APPLIED;
        }
        Document counter = counters.find(Filters.eq("_id", counterId)).projection(Projections.include(APPLIED)).first();
        if (counter == null) {
            return Outcome.NO_COUNTER;
        }
        List<String> applied = counter.getList(APPLIED, String.class, List.of());
        return applied.contains(intentId) ? Outcome.ALREADY_APPLIED : Outcome.REFUSED;
    }

    /** Drops the intent id from the counter once the intent itself records that it was applied. */
    public static void forget(MongoCollection<Document> counters, String counterId, String intentId) {
        counters.updateOne(Filters.eq("_id", counterId), Updates.pull(APPLIED, intentId));
    }
}
