package org.susong.payments.persistence;

import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import org.susong.payments.domain.Allocation;
import org.susong.payments.domain.AllocationState;
import com.mongodb.client.MongoDatabase;
import java.time.Instant;
import java.time.LocalDate;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.susong.commons.messaging.Outbox;
import org.susong.commons.persistence.MongoErrors;
import org.susong.payments.domain.JournalEntry;

/**
 * Allocations and adjustments of budget lines, one document per movement (the intent, written
 * PENDING before the line moves), with who and why, its journal entry and its own outbox.
 */
@ApplicationScoped
public class AllocationRepository {

    public static final String COLLECTION = "allocations";

    private final MongoCollection<Document> allocations;
    /** What each requester moved alone on a line per business day, with the adjustments counted ({@link #countWithinDailyLimit}). */
    private final MongoCollection<Document> dayTotals;

    AllocationRepository(MongoDatabase database) {
        this.allocations = database.getCollection(COLLECTION);
        this.dayTotals = database.getCollection("adjustment_day_totals");
    }

    /** Secondary indexes (issue 14): allocations by state and by line (oldest first), the relay sweeper's first entry. */
    void indexes(@Observes StartupEvent event) {
        allocations.createIndex(Indexes.ascending("state", "createdAt"));
        allocations.createIndex(Indexes.ascending("budgetLine", "createdAt"));
        allocations.createIndex(Indexes.ascending(Outbox.FIELD + ".0"), new IndexOptions().sparse(true));
    }

    /**
     * Adds {@code amountFen} (an adjustment's |amount|) to what {@code requester} moved alone on the line that business
     * day, unless the total would pass {@code limitFen}: one conditional {@code $inc} on one document (of two concurrent
     * requests at most one slips under), idempotent by the adjustment id (a retry, or a redo after a crash, counts it once).
     * True when counted, now or before; false when it would pass the limit (nothing counted).
     */
    public boolean countWithinDailyLimit(String requester, String lineId, LocalDate day, String adjustmentId, long amountFen,
                                         long limitFen) {
        return org.susong.commons.persistence.DailyLimit.add(dayTotals, requester + ":" + lineId, day, adjustmentId, amountFen,
                limitFen);
    }

    public boolean insert(Allocation a) {
        return MongoErrors.insertIfAbsent(allocations, new Document("_id", a.id()).append("budgetLine", a.budgetLine())
                .append("amountFen", a.amountFen()).append("reason", a.reason()).append("actor", a.actor())
                .append("state", (a.state() == null ? AllocationState.PENDING : a.state()).name()).append("requestedBy", a.requestedBy())
                .append("requestHash", a.requestHash()).append("createdAt", Date.from(a.createdAt())).append(Journals.FIELD, List.of())
                .append(Outbox.FIELD, List.of()).append(Outbox.SEQUENCE_FIELD, 0L));
    }

    /** PENDING -> APPLIED with the journal entry and its events, or -> REFUSED; false when already decided. */
    public boolean decide(String id, AllocationState outcome, JournalEntry entry, List<Document> outbox, Date now) {
        List<Bson> updates = new ArrayList<>(List.of(Updates.set("state", AllocationState.PENDING.moveTo(outcome).name()),
                Updates.set("decidedAt", now)));
        if (entry != null) {
            updates.add(Updates.push(Journals.FIELD, Journals.toDocument(entry)));
        }
        if (!outbox.isEmpty()) {
            updates.add(Outbox.append(outbox));
        }
        return allocations.updateOne(Filters.and(Filters.eq("_id", id), Filters.eq("state", AllocationState.PENDING.name())),
                Updates.combine(updates)).getModifiedCount() == 1;
    }

    /**
     * Claims a PENDING allocation left since before {@code staleBefore} for one resumer (one conditional
     * write: of N replicas one wins, and nobody else takes it for another resume delay); false when taken.
     */
    public boolean claim(String id, Instant staleBefore, Instant now) {
        Date stale = Date.from(staleBefore);
        return allocations.updateOne(Filters.and(Filters.eq("_id", id), Filters.eq("state", AllocationState.PENDING.name()), Filters.or(
                Filters.and(Filters.exists("claimedAt", false), Filters.lt("createdAt", stale)), Filters.lt("claimedAt", stale))),
                Updates.set("claimedAt", Date.from(now))).getModifiedCount() == 1;
    }

    /**
     * A second administrator approves a large adjustment: AWAITING_APPROVAL -> PENDING, fenced on the requester being
     * someone else; claimed for the approver (a resumer leaves it for a resume delay). False when lost or the same person.
     */
    public boolean approve(String id, String by, Instant now) {
        return allocations.updateOne(Filters.and(Filters.eq("_id", id), Filters.eq("state",
                AllocationState.AWAITING_APPROVAL.name()), Filters.ne("requestedBy", by)), Updates.combine(Updates.set("state",
                AllocationState.AWAITING_APPROVAL.moveTo(AllocationState.PENDING).name()), Updates.set("approvedBy", by),
                Updates.set("claimedAt", Date.from(now)))).getModifiedCount() == 1;
    }

    public Optional<Allocation> find(String id) {
        return Optional.ofNullable(allocations.find(Filters.eq("_id", id)).first()).map(AllocationRepository::allocation);
    }

    public List<Allocation> pending() {
        return list(Filters.eq("state", AllocationState.PENDING.name()));
    }

    public List<Allocation> forLine(String line) {
        return list(Filters.eq("budgetLine", line));
    }

    private List<Allocation> list(Bson filter) {
        List<Allocation> result = new ArrayList<>();
        for (Document d : allocations.find(filter).sort(Sorts.ascending("createdAt"))) {
            result.add(allocation(d));
        }
        return result;
    }

    private static Allocation allocation(Document d) {
        return new Allocation(d.getString("_id"), d.getString("budgetLine"), d.get("amountFen", Number.class).longValue(),
                d.getString("reason"), d.getString("actor"), AllocationState.valueOf(d.getString("state")),
                d.getDate("createdAt").toInstant(), Outbox.lastSequence(d), d.getString("requestedBy"), d.getString("approvedBy"),
                d.getString("requestHash"));
    }
}
