package org.susong.payments.persistence;

import com.mongodb.client.model.Indexes;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import org.susong.payments.domain.Batch;
import org.susong.payments.domain.BatchState;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.susong.commons.persistence.MongoErrors;

/**
 * Disbursement batches, one document per business date x budget line x sequence
 * ({@code _id = B-<yyyyMMdd>-<year><measure>-<n>}), so N replicas make one. States: OPEN (orders
 * join), EXPORTING (file hash and the order list fixed; orders being instructed), EXPORTED (released to
 * the bank channel), RECONCILED (every order booked by a statement), VOIDED (only with a reason; its
 * orders go into a new batch with a new file).
 */
@ApplicationScoped
public class BatchRepository {

    private final MongoCollection<Document> batches;

    BatchRepository(MongoDatabase database) {
        this.batches = database.getCollection("batches");
    }

    /** Secondary indexes (issue 14): the processor's batches by state, and a day's (and line's) batches; in id order. */
    void indexes(@Observes StartupEvent event) {
        batches.createIndex(Indexes.ascending("state", "_id"));
        batches.createIndex(Indexes.ascending("date", "budgetLine", "_id"));
    }

    public boolean insert(String id, String line, String date, int sequence, Instant createdAt) {
        return MongoErrors.insertIfAbsent(batches, new Document("_id", id).append("budgetLine", line).append("date", date)
                .append("sequence", sequence).append("state", BatchState.OPEN.name()).append("createdAt", Date.from(createdAt))
                .append("orderIds", List.of()).append("controlSumFen", 0L));
    }

    public Optional<Batch> find(String id) {
        return Optional.ofNullable(batches.find(Filters.eq("_id", id)).first()).map(BatchRepository::batch);
    }

    public List<Batch> forDateAndLine(String date, String line) {
        return list(Filters.and(Filters.eq("date", date), Filters.eq("budgetLine", line)));
    }

    public List<Batch> inState(BatchState state) {
        return list(Filters.eq("state", state.name()));
    }

    public List<Batch> forDate(String date) {
        return list(Filters.eq("date", date));
    }

    /** OPEN -> EXPORTING with the file's hash and the orders it holds: fixed before the file is released. */
    public boolean exporting(String id, List<String> orderIds, long controlSumFen, String hash, Instant at) {
        return update(id, BatchState.OPEN, BatchState.EXPORTING, Updates.combine(Updates.set("orderIds", orderIds),
                Updates.set("controlSumFen", controlSumFen), Updates.set("fileHash", hash), Updates.set("exportingAt", Date.from(at))));
    }

    public boolean exported(String id, Instant at) {
        return update(id, BatchState.EXPORTING, BatchState.EXPORTED, Updates.set("exportedAt", Date.from(at)));
    }

    public boolean reconciled(String id, Instant at) {
        return update(id, BatchState.EXPORTED, BatchState.RECONCILED, Updates.set("reconciledAt", Date.from(at)));
    }

    /** The first person's void request of an exported batch; false when the batch moved or a request is there. */
    public boolean voidRequested(String id, BatchState from, String reason, String recallReference, String by, Instant at) {
        from.moveTo(BatchState.VOIDED);
        return batches.updateOne(Filters.and(Filters.eq("_id", id), Filters.eq("state", from.name()), Filters.eq("voidRequestedBy", null)),
                Updates.combine(Updates.set("voidReason", reason), Updates.set("recallReference", recallReference),
                        Updates.set("voidRequestedBy", by), Updates.set("voidRequestedAt", Date.from(at)))).getModifiedCount() == 1;
    }

    /** The second person's confirmation: VOIDED, fenced on the state and on the requester being someone else. */
    public boolean voided(String id, BatchState from, String by, Instant at) {
        return batches.updateOne(Filters.and(Filters.eq("_id", id), Filters.eq("state", from.name()), Filters.ne("voidRequestedBy", null),
                Filters.ne("voidRequestedBy", by)), Updates.combine(Updates.set("state", from.moveTo(BatchState.VOIDED).name()),
                Updates.set("voidedBy", by),
                Updates.set("voidedAt", Date.from(at)))).getModifiedCount() == 1;
    }

    /** {@code from -> to} (a move {@link BatchState} allows) with {@code update}, conditional on the stored state. */
    private boolean update(String id, BatchState from, BatchState to, Bson update) {
        return batches.updateOne(Filters.and(Filters.eq("_id", id), Filters.eq("state", from.name())),
                Updates.combine(Updates.set("state", from.moveTo(to).name()), update)).getModifiedCount() == 1;
    }

    private List<Batch> list(Bson filter) {
        List<Batch> result = new ArrayList<>();
        for (Document d : batches.find(filter).sort(Sorts.ascending("_id"))) {
            result.add(batch(d));
        }
        return result;
    }

    private static Batch batch(Document d) {
        Date exported = d.getDate("exportedAt");
        return new Batch(d.getString("_id"), d.getString("budgetLine"), d.getString("date"), d.getInteger("sequence"),
                BatchState.valueOf(d.getString("state")), d.getDate("createdAt").toInstant(), d.getList("orderIds", String.class, List.of()),
                d.get("controlSumFen", Number.class).longValue(), d.getString("fileHash"),
                exported == null ? null : exported.toInstant(), d.getString("voidReason"), d.getString("voidedBy"),
                d.getString("voidRequestedBy"), d.getString("recallReference"));
    }
}
