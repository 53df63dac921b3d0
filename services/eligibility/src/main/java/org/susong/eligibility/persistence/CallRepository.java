package org.susong.eligibility.persistence;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.susong.commons.messaging.Outbox;
import org.susong.commons.persistence.MongoErrors;
import org.susong.eligibility.domain.Call;
import org.susong.eligibility.domain.Measure;

/**
 * Calls for proposals (issue 19): {@code calls}, one document per call with its outbox ({@code CallOpened}), the ids of
 * the applications it took ({@code applicationIds}, the one place both a late application and the ranking write, so
 * one of them always sees the other), its {@code state} (OPEN, RANKING, AWARDED; REFUSED when payments could not reserve
 * its envelope; CANCELLED by an administrator before its ranking) and, once ranked, the stored ranking and {@code CallClosed};
 * {@code call_entries}, one document per application to a call ({@code _id} the application id) with its score
 * sheet, its declared conflicts and a {@code version} every change is guarded on.
 */
@ApplicationScoped
public class CallRepository {

    public static final String COLLECTION = "calls";
    public static final String ENTRIES = "call_entries";

    private final MongoCollection<Document> calls;
    private final MongoCollection<Document> entries;

    CallRepository(MongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database) {
        this.calls = mongo.getDatabase(database).getCollection(COLLECTION);
        this.entries = mongo.getDatabase(database).getCollection(ENTRIES);
    }

    /** The stored form of a call (state OPEN, no application yet), without its outbox. */
    public static Document document(Call c, java.util.Date openedAt) {
        return new Document("_id", c.callId()).append("version", c.version()).append("measureCode", c.measureCode())
                .append("measureVersion", c.measureVersion()).append("titleEn", c.titleEn()).append("titleZh", c.titleZh())
                .append("envelopeFen", c.envelopeFen()).append("submissionFrom", c.submissionFrom().toString())
                .append("submissionTo", c.submissionTo().toString())
                .append("eligibilityCriteria", c.eligibilityCriteria().stream().map(s -> new Document("name", s.name())
                        .append("expr", s.expr()).append("en", s.en()).append("zh", s.zh())).toList())
                .append("scoringCriteria", c.scoringCriteria().stream().map(s -> new Document("name", s.name())
                        .append("weight", s.weight()).append("en", s.en()).append("zh", s.zh())).toList())
                .append("partialAwardAllowed", c.partialAwardAllowed())
                .append("secondScorerAboveFen", c.secondScorerAboveFen())
                .append("openedBy", c.openedBy()).append("openedAt", openedAt)
                .append("state", "OPEN").append("applicationIds", List.of()).append("members", 0L);
    }

    public static Call call(Document d) {
        return new Call(d.getString("_id"), d.getInteger("version"), d.getString("measureCode"),
                d.getInteger("measureVersion"), d.getString("titleEn"), d.getString("titleZh"),
                d.get("envelopeFen", Number.class).longValue(), LocalDate.parse(d.getString("submissionFrom")),
                LocalDate.parse(d.getString("submissionTo")),
                d.getList("eligibilityCriteria", Document.class).stream().map(s -> new Measure.CriterionSpec(
                        s.getString("name"), s.getString("expr"), s.getString("en"), s.getString("zh"))).toList(),
                d.getList("scoringCriteria", Document.class).stream().map(s -> new Call.ScoringCriterion(
                        s.getString("name"), s.getInteger("weight"), s.getString("en"), s.getString("zh"))).toList(),
                d.getBoolean("partialAwardAllowed"), d.get("secondScorerAboveFen", Number.class).longValue(),
                d.getString("openedBy"));
    }

    /** False when a call of that id exists already (a repeated request under the same Idempotency-Key). */
    public boolean insertIfAbsent(Document call) {
        return MongoErrors.insertIfAbsent(calls, call);
    }

    public Optional<Document> find(String callId) {
        return Optional.ofNullable(calls.find(Filters.eq("_id", callId)).first());
    }

    /**
     * Adds an application to an OPEN call, once: true when it is a member now (added, or already); false when the call
     * is no longer OPEN and does not hold it (ranked without it).
     */
    public boolean join(String callId, String applicationId) {
        long changed = calls.updateOne(Filters.and(Filters.eq("_id", callId), Filters.eq("state", "OPEN"),
                        Filters.ne("applicationIds", applicationId)),
                Updates.combine(Updates.addToSet("applicationIds", applicationId), Updates.inc("members", 1L)))
                .getModifiedCount();
        return changed == 1 || calls.countDocuments(Filters.and(Filters.eq("_id", callId),
                Filters.eq("applicationIds", applicationId))) == 1;
    }

    /**
     * Stores the ranking: OPEN to RANKING, guarded on the membership read ({@code members}); false when an application
     * joined meanwhile or another ranking was stored first.
     */
    public boolean storeRanking(String callId, long members, Bson ranking) {
        return calls.updateOne(Filters.and(Filters.eq("_id", callId), Filters.eq("state", "OPEN"),
                Filters.eq("members", members)), Updates.combine(Updates.set("state", "RANKING"), ranking))
                .getModifiedCount() == 1;
    }

    /**
     * RANKING to AWARDED once every decision is written, with {@code CallClosed} in the call's outbox in the same write;
     * false when it was AWARDED before (a second run: no second event).
     */
    public boolean awarded(String callId, java.util.Date at, List<Document> outbox) {
        return calls.updateOne(Filters.and(Filters.eq("_id", callId), Filters.eq("state", "RANKING")),
                Updates.combine(Updates.set("state", "AWARDED"), Updates.set("awardedAt", at), Outbox.append(outbox)))
                .getModifiedCount() == 1;
    }

    /**
     * OPEN to REFUSED: payments could not reserve the envelope on its budget line ({@code CallEnvelopeRefused}), so the
     * call takes no application and is never ranked. Guarded on OPEN, as the ranking is: of the two one wins. False when
     * the call was not OPEN (refused before: a redelivery; or ranked first).
     */
    public boolean refuse(String callId, String reason, String sourceEventId, java.util.Date at) {
        return calls.updateOne(Filters.and(Filters.eq("_id", callId), Filters.eq("state", "OPEN")),
                Updates.combine(Updates.set("state", "REFUSED"), Updates.set("refusedReason", reason),
                        Updates.set("refusedBy", sourceEventId), Updates.set("refusedAt", at))).getModifiedCount() == 1;
    }

    /**
     * OPEN to CANCELLED (issue 19): an administrator cancelled a call never ranked, with {@code CallClosed} (nothing
     * used) in the call's outbox in the same write. Guarded on OPEN and on the membership read, as the ranking's
     * {@link #storeRanking} is: of a ranking, a refusal and a cancel one wins, and the applications the event counts are
     * those the call holds (an application joining meanwhile makes it false: read again). False otherwise.
     */
    public boolean cancel(String callId, long members, String reason, String actor, java.util.Date at,
                          List<Document> outbox) {
        return calls.updateOne(Filters.and(Filters.eq("_id", callId), Filters.eq("state", "OPEN"),
                Filters.eq("members", members)), Updates.combine(Updates.set("state", "CANCELLED"),
                Updates.set("cancelReason", reason), Updates.set("cancelledBy", actor), Updates.set("cancelledAt", at),
                Updates.set("usedFen", 0L), Outbox.append(outbox))).getModifiedCount() == 1;
    }

    public Optional<Document> entry(String applicationId) {
        return Optional.ofNullable(entries.find(Filters.eq("_id", applicationId)).first());
    }

    public List<Document> entries(Collection<String> applicationIds) {
        return entries.find(Filters.in("_id", applicationIds)).into(new ArrayList<>());
    }

    /** False when the application's entry exists already (a redelivery). */
    public boolean insertEntry(Document entry) {
        return MongoErrors.insertIfAbsent(entries, entry);
    }

    /** One change of an entry guarded on the version read; false when another writer changed it first. */
    public boolean updateEntry(String applicationId, int version, Bson change) {
        return entries.updateOne(Filters.and(Filters.eq("_id", applicationId), Filters.eq("version", version)),
                Updates.combine(change, Updates.inc("version", 1))).getModifiedCount() == 1;
    }
}
