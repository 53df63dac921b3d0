package org.susong.eligibility.persistence;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import jakarta.enterprise.context.ApplicationScoped;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.WriteModel;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.susong.eligibility.domain.Award;
import org.susong.eligibility.domain.CapLedger;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.susong.commons.persistence.GuardedCounter;
import org.susong.commons.persistence.MongoErrors;

/**
 * The cap ledger (architecture rule 4, docs/architecture.md#rule-4). {@code cap_ledgers}: one counter per beneficiary, cap group and
 * year (or project, certificate, exclusion group), holding the used amount and, per consuming
 * decision or proposal, its share ({@code consumers.<owner>}). {@code cap_intents}: the intent written
 * before a counter moves ({@code _id} = owner + "|" + ledger key), PENDING then APPLIED or RELEASED.
 */
@ApplicationScoped
public class LedgerRepository {

    private final MongoCollection<Document> ledgers;
    private final MongoCollection<Document> intents;

    LedgerRepository(MongoDatabase database) {
        this.ledgers = database.getCollection("cap_ledgers");
        this.intents = database.getCollection("cap_intents");
    }

    /** A secondary index: an owner's intents ({@link #heldBy}, {@link #basisOf}, the orphan-share sweeper). */
    void indexes(@jakarta.enterprise.event.Observes io.quarkus.runtime.StartupEvent event) {
        intents.createIndex(com.mongodb.client.model.Indexes.ascending("owner"));
    }

    /**
     * The cap counters of a batch: each of {@code fresh} (key, limit, once-only) as stored, or as given
     * when it does not exist yet. One read.
     */
    public Map<String, CapLedger> capLedgers(Collection<CapLedger> fresh) {
        Map<String, CapLedger> found = new LinkedHashMap<>();
        fresh.forEach(l -> found.put(l.key(), l));
        if (found.isEmpty()) {
            return found;
        }
        for (Document d : ledgers.find(Filters.in("_id", found.keySet()))) {
            CapLedger given = found.get(d.getString("_id"));
            Map<String, CapLedger.Share> held = new LinkedHashMap<>();
            d.get("consumers", Document.class).forEach((owner, v) -> {
                Document share = (Document) v;
                held.put(owner, new CapLedger.Share(fen(share, "fen"), fen(share, "requestedFen"), fen(share, "seenFen")));
            });
            found.put(given.key(), new CapLedger(given.key(), fen(d, "limitFen"), given.once(), true, fen(d, "usedFen"), held));
        }
        return found;
    }

    /**
     * Applies what a batch took of each counter, one guarded write per counter, all in one bulk write:
     * a new counter is inserted holding its shares (a second creator's insert fails on the key); an
     * existing one moves only if its {@code usedFen} is still what the batch read and none of the new
     * owners holds a share yet (a second writer in between, or a redelivery that got there first,
     * makes it fail). The shares ({@code consumers.<owner>}) are the record of which intents were
     * applied. Failed counters are not reported: the caller reads them again and computes anew. A write not known to be
     * durable (a write concern error) is a {@code TransientFailure} (commons {@code MongoErrors.bulkWriteUnordered}).
     */
    public void applyTaken(Collection<CapLedger> changed) {
        List<WriteModel<Document>> writes = new ArrayList<>();
        for (CapLedger l : changed) {
            if (l.taken().isEmpty()) {
                continue;
            }
            Document consumers = new Document();
            l.taken().forEach((owner, share) -> consumers.append(owner, shareEntry(share)));
            if (!l.exists()) {
                writes.add(new InsertOneModel<>(new Document("_id", l.key()).append("kind", "CAP")
                        .append("limitFen", l.limitFen()).append("usedFen", l.takenFen()).append("consumers", consumers)
                        .append(GuardedCounter.APPLIED, List.of())));
                continue;
            }
            List<Bson> guard = new ArrayList<>(List.of(Filters.eq("_id", l.key()), Filters.eq("usedFen", l.usedFen())));
            List<Bson> change = new ArrayList<>(List.of(Updates.inc("usedFen", l.takenFen())));
            consumers.forEach((owner, entry) -> {
                guard.add(Filters.exists("consumers." + owner, false));
                change.add(Updates.set("consumers." + owner, entry));
            });
            writes.add(new UpdateOneModel<>(Filters.and(guard), Updates.combine(change)));
        }
        MongoErrors.bulkWriteUnordered(ledgers, writes);
    }

    /**
     * Writes the intents of a batch PENDING in one insert, before their counters move; existing ones are kept. A write
     * not known to be durable is a {@code TransientFailure} (commons {@code MongoErrors.insertAllIfAbsent}).
     */
    public void insertIntents(List<Award> awards, Date at) {
        if (awards.isEmpty()) {
            return;
        }
        List<Document> docs = awards.stream().map(a -> new Document("_id", a.owner() + "|" + a.ledgerKey())
                .append("owner", a.owner()).append("ledgerKey", a.ledgerKey()).append("kind", "CAP")
                .append("requestedFen", a.requestedFen()).append("state", "PENDING").append("at", at)).toList();
        MongoErrors.insertAllIfAbsent(intents, docs);
    }

    /** Marks the PENDING intents of a batch APPLIED with their shares, in one bulk write. */
    public void markApplied(List<Award> awards) {
        if (awards.isEmpty()) {
            return;
        }
        intents.bulkWrite(awards.stream().map(a -> (WriteModel<Document>) new UpdateOneModel<Document>(
                Filters.and(Filters.eq("_id", a.owner() + "|" + a.ledgerKey()), Filters.eq("state", "PENDING")),
                Updates.combine(Updates.set("state", "APPLIED"), Updates.set("result", share(a))))).toList(),
                new BulkWriteOptions().ordered(false));
    }

    /**
     * Marks APPLIED the PENDING intents of shares decisions already hold ({@code capShares}: a batch
     * killed after its decisions insert, redelivered). One read; one bulk write only when some are left.
     */
    public void completeIntents(List<Document> shares) {
        Map<String, Document> byIntent = new LinkedHashMap<>();
        shares.forEach(sh -> byIntent.put(sh.getString("owner") + "|" + sh.getString("ledgerKey"), sh));
        if (byIntent.isEmpty()) {
            return;
        }
        List<WriteModel<Document>> marks = new ArrayList<>();
        for (Document pending : intents.find(Filters.and(Filters.in("_id", byIntent.keySet()), Filters.eq("state", "PENDING")))) {
            marks.add(new UpdateOneModel<>(Filters.and(Filters.eq("_id", pending.getString("_id")),
                    Filters.eq("state", "PENDING")), Updates.combine(Updates.set("state", "APPLIED"),
                    Updates.set("result", byIntent.get(pending.getString("_id"))))));
        }
        if (!marks.isEmpty()) {
            intents.bulkWrite(marks, new BulkWriteOptions().ordered(false));
        }
    }

    /** An award as decisions and intents keep it ({@code capShares}, {@code result}). */
    public static Document share(Award a) {
        return new Document(a.asShare());
    }

    private static Document shareEntry(CapLedger.Share s) {
        return new Document("fen", s.fen()).append("requestedFen", s.requestedFen()).append("seenFen", s.seenFen());
    }

    private static long fen(Document d, String field) {
        Number n = d.get(field, Number.class);
        return n == null ? 0 : n.longValue();
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

    /** Writes an intent with the {@code basis} its owner decided on (none when null); false when it exists. */
    public boolean insertIntent(Document intent, Map<String, Object> basis) {
        return insertIntent(basis == null ? intent : intent.append("basis", new Document(basis)));
    }

    /**
     * The basis an owner's intents were written with, when it wrote any (a filter on {@code owner}: the local store
     * scans; a deployment indexes {@code cap_intents.owner}).
     */
    public Optional<Map<String, Object>> basisOf(String owner) {
        Document found = intents.find(Filters.and(Filters.eq("owner", owner), Filters.exists("basis", true)))
                .projection(new Document("basis", 1)).first();
        return Optional.ofNullable(found).map(d -> (Map<String, Object>) d.get("basis", Document.class));
    }

    /**
     * The intents {@code owner} wrote that were not given back (PENDING or APPLIED): what an earlier attempt of the owner
     * asked of the ledgers (a filter on {@code owner}, as {@link #basisOf}).
     */
    public java.util.List<Document> heldBy(String owner) {
        return intents.find(Filters.and(Filters.eq("owner", owner), Filters.ne("state", "RELEASED")))
                .into(new java.util.ArrayList<>());
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

    /**
     * Marks the intent {@code state} with {@code fields}, unless it was given back: a RELEASED intent stays released
     * (an approval that took its share, lost it to a give-back and marks it only then must not make it read as held).
     */
    public void markIntent(String intentId, String state, Document fields) {
        intents.updateOne(Filters.and(Filters.eq("_id", intentId), Filters.ne("state", "RELEASED")),
                Updates.combine(Updates.set("state", state), Updates.set("result", fields)));
    }

    /**
     * The intents of any of {@code owners} not given back (PENDING or APPLIED) written before {@code before} (the
     * orphan-share sweeper; by the {@code owner} index).
     */
    public java.util.List<Document> heldBy(Collection<String> owners, Date before) {
        return intents.find(Filters.and(Filters.in("owner", owners), Filters.ne("state", "RELEASED"),
                Filters.lt("at", before))).into(new java.util.ArrayList<>());
    }
}
