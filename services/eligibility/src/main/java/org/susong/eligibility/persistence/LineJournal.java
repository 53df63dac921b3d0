package org.susong.eligibility.persistence;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Projections;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.bson.Document;
import org.susong.commons.persistence.MongoErrors;
import org.susong.eligibility.domain.LineMovement;

/**
 * What eligibility has seen of payments' budget lines (issue 19, a call's envelope against its line): one document per
 * journal entry of payments ({@code LedgerEntryPosted.v1}) that moved a line's {@code available} account
 * ({@code line_entries}: {@code _id} the entry id, {@code line}, {@code fen} the signed change of available). Written
 * by insert, so a redelivered entry changes nothing (its id is taken); read as a sum, so the entries' order does not
 * matter (they come keyed by the moving document, across partitions). Payments owns the line: this is a view for
 * refusing what cannot fit before anything is written, never what reserves.
 */
@ApplicationScoped
public class LineJournal {

    public static final String COLLECTION = "line_entries";

    private final MongoCollection<Document> entries;

    LineJournal(MongoDatabase database) {
        this.entries = database.getCollection(COLLECTION);
    }

    /** A secondary index: a line's entries ({@link #available}). */
    void indexes(@Observes StartupEvent event) {
        entries.createIndex(Indexes.ascending("line"));
    }

    /**
     * Keeps the movements of a batch in one unordered insert; those kept already (a redelivery) are left as they are.
     *
     * @return the entry ids kept before with another line or amount (a modified entry: the caller refuses it)
     */
    public Set<String> record(List<LineMovement> movements) {
        if (movements.isEmpty()) {
            return Set.of();
        }
        List<Document> docs = movements.stream().map(m -> new Document("_id", m.entryId()).append("line", m.line())
                .append("fen", m.availableFen()).append("kind", m.kind()).append("postedAt", Date.from(m.postedAt())))
                .toList();
        try {
            entries.insertMany(docs, new InsertManyOptions().ordered(false));
            return Set.of();
        } catch (MongoBulkWriteException e) {
            if (!MongoErrors.isDuplicateKey(e)) {
                throw e;
            }
            Map<String, LineMovement> taken = new HashMap<>();
            e.getWriteErrors().forEach(w -> taken.put(movements.get(w.getIndex()).entryId(), movements.get(w.getIndex())));
            Set<String> modified = new HashSet<>();
            for (Document kept : entries.find(Filters.in("_id", taken.keySet()))) {
                LineMovement m = taken.get(kept.getString("_id"));
                if (!m.line().equals(kept.getString("line")) || m.availableFen() != kept.get("fen", Number.class).longValue()) {
                    modified.add(m.entryId());
                }
            }
            return modified;
        }
    }

    /**
     * The line's available amount as the entries seen so far add it up; empty for a line no entry has named. Reads every
     * kept entry of the line (one small document per reservation and release: a scan that grows with the line's
     * history, paid only when a call is opened).
     */
    public OptionalLong available(String line) {
        long sum = 0;
        boolean seen = false;
        for (Document d : entries.find(Filters.eq("line", line)).projection(Projections.fields(Projections.include("fen"),
                Projections.excludeId()))) {
            sum += d.get("fen", Number.class).longValue();
            seen = true;
        }
        return seen ? OptionalLong.of(sum) : OptionalLong.empty();
    }
}
