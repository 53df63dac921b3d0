package org.susong.portal.persistence;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.susong.portal.domain.ApplicationFacts;

/**
 * The evaluation read model's store, in the portal's own database: the facts per application in a <b>generation</b>
 * of collections ({@code evaluation_facts_g<n>}), and one state document ({@code evaluation_state}) naming the
 * generation the page reads ({@code current}) and the one a rebuild is filling ({@code building}). Every write of the
 * projection is idempotent and order-free: a submission {@code $set}s the fields its event carries, a decision, an
 * appeal or a payment outcome is {@code $addToSet} of a document made only of its event (its id included), so a
 * redelivered event, in any order and any number of times, changes nothing.
 */
@ApplicationScoped
public class EvaluationStore {

    static final String STATE = "evaluation_state";
    static final String STATE_ID = "evaluation";
    static final String FACTS_PREFIX = "evaluation_facts_g";

    /** Which generation is read, which is being rebuilt (null: none) since when, and the last rebuild's end. */
    public record Generations(int current, Integer building, Instant buildingSince, Instant rebuiltAt,
                              String lastFailure) {
    }

    private final MongoDatabase database;

    EvaluationStore(MongoDatabase database) {
        this.database = database;
    }

    /** The state, made (generation 1, its index) when the store has none yet. */
    public Generations generations() {
        Document state = state().find(Filters.eq("_id", STATE_ID)).first();
        if (state == null) {
            facts(1).createIndex(Indexes.ascending("year", "quarter", "measure", "district"));
            state().updateOne(Filters.eq("_id", STATE_ID), Updates.setOnInsert("current", 1),
                    new UpdateOptions().upsert(true));
            state = state().find(Filters.eq("_id", STATE_ID)).first();
        }
        Date since = state.getDate("buildingSince");
        Date rebuilt = state.getDate("rebuiltAt");
        return new Generations(state.getInteger("current"), state.getInteger("building"),
                since == null ? null : since.toInstant(), rebuilt == null ? null : rebuilt.toInstant(),
                state.getString("lastFailure"));
    }

    /** The generations a live event is written to: the current one and the one being rebuilt, if any. */
    public List<Integer> liveTargets() {
        Generations g = generations();
        return g.building() == null ? List.of(g.current()) : List.of(g.current(), g.building());
    }

    /** Applies one fact's update to an application's document of each generation (made when missing). */
    public void apply(String applicationId, Bson update, List<Integer> generations) {
        for (int generation : generations) {
            facts(generation).updateOne(Filters.eq("_id", applicationId), update, new UpdateOptions().upsert(true));
        }
    }

    /**
     * Claims a new generation for a rebuild: none building, or the one building started before {@code staleBefore}
     * (its rebuild died). Conditional on the state read, so of two claims one wins; the other gets empty.
     */
    public Optional<Integer> claimRebuild(Instant now, Instant staleBefore) {
        Generations g = generations();
        if (g.building() != null && g.buildingSince() != null && g.buildingSince().isAfter(staleBefore)) {
            return Optional.empty();
        }
        // a number no collection has ever had: nothing is dropped before the claim is won (a losing claim dropping the
        // winner's new generation would lose what the winner had written), and no leftover is reused
        int next = Math.max(g.current(), g.building() == null ? 0 : g.building());
        for (String name : database.listCollectionNames().into(new ArrayList<>())) {
            if (name.startsWith(FACTS_PREFIX) && name.substring(FACTS_PREFIX.length()).matches("[0-9]{1,9}")) {
                next = Math.max(next, Integer.parseInt(name.substring(FACTS_PREFIX.length())));
            }
        }
        next++;
        facts(next).createIndex(Indexes.ascending("year", "quarter", "measure", "district"));
        long won = state().updateOne(Filters.and(Filters.eq("_id", STATE_ID), Filters.eq("building", g.building())),
                Updates.combine(Updates.set("building", next), Updates.set("buildingSince", Date.from(now)))).getModifiedCount();
        return won == 1 ? Optional.of(next) : Optional.empty();
    }

    /**
     * Makes the rebuilt generation the one read (only while it is still the one building: a rebuild taken over after
     * it was thought dead loses), then drops every other generation. False when it lost.
     */
    public boolean switchTo(int generation, Instant now) {
        long won = state().updateOne(Filters.and(Filters.eq("_id", STATE_ID), Filters.eq("building", generation)),
                Updates.combine(Updates.set("current", generation), Updates.set("building", null),
                        Updates.set("rebuiltAt", Date.from(now)), Updates.unset("buildingSince"),
                        Updates.unset("lastFailure"))).getModifiedCount();
        if (won == 1) {
            dropAllBut(generation);
        }
        return won == 1;
    }

    /** Gives up a rebuild that failed: the current generation stays read, the failure is kept for the page. */
    public void abandon(int generation, String failure) {
        state().updateOne(Filters.and(Filters.eq("_id", STATE_ID), Filters.eq("building", generation)),
                Updates.combine(Updates.set("building", null), Updates.unset("buildingSince"),
                        Updates.set("lastFailure", failure)));
        facts(generation).drop();
    }

    private void dropAllBut(int generation) {
        Integer building = generations().building(); // one read of the state, not one per collection
        for (String name : database.listCollectionNames().into(new ArrayList<>())) {
            if (name.startsWith(FACTS_PREFIX) && !name.equals(FACTS_PREFIX + generation)) {
                if (building == null || !name.equals(FACTS_PREFIX + building)) {
                    database.getCollection(name).drop();
                }
            }
        }
    }

    /**
     * The facts of the generation read, narrowed to a year, quarter, measure and district where given (each null:
     * all); applications whose submission is not read yet are left out (they have no quarter).
     */
    public List<ApplicationFacts> facts(Integer year, Integer quarter, String measure, String district) {
        List<Bson> filters = new ArrayList<>();
        filters.add(Filters.exists("submittedAt"));
        if (year != null) {
            filters.add(Filters.eq("year", year));
        }
        if (quarter != null) {
            filters.add(Filters.eq("quarter", quarter));
        }
        if (measure != null) {
            filters.add(Filters.eq("measure", measure));
        }
        if (district != null) {
            filters.add(Filters.eq("district", district));
        }
        List<ApplicationFacts> facts = new ArrayList<>();
        for (Document d : facts(generations().current()).find(Filters.and(filters))) {
            facts.add(FactsDocuments.read(d));
        }
        return facts;
    }

    /** The measures and years the generation read holds, for the filters' choices. */
    public List<String> measures() {
        return facts(generations().current()).distinct("measure", String.class).into(new ArrayList<>()).stream()
                .filter(m -> m != null).sorted().toList();
    }

    public List<Integer> years() {
        return facts(generations().current()).distinct("year", Integer.class).into(new ArrayList<>()).stream()
                .filter(y -> y != null).sorted().toList();
    }

    MongoCollection<Document> facts(int generation) {
        return database.getCollection(FACTS_PREFIX + generation);
    }

    private MongoCollection<Document> state() {
        return database.getCollection(STATE);
    }
}
