package org.susong.payments.persistence;

import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import org.susong.payments.domain.Recovery;
import org.susong.payments.domain.RecoveryState;
import org.susong.payments.domain.Repayment;
import org.susong.payments.domain.Scope;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.susong.commons.ids.District;
import org.susong.commons.messaging.Outbox;
import org.susong.commons.persistence.GuardedCounter;
import org.susong.commons.persistence.MongoErrors;
import org.susong.payments.domain.JournalEntry;

/**
 * Recovery orders (clawbacks), one per revocation ({@code _id = RC-<revocationId>}): the receivable,
 * its repayments, its journal and its own outbox. A repayment is written as the pending intent first,
 * then the line moves, then the repayment is booked.
 */
@ApplicationScoped
public class RecoveryRepository {

    public static final String COLLECTION = "recoveries";
    /** The offsets given back to the debt because the bank returned the payment they were withheld from. */
    static final String OFFSETS_RETURNED = "offsetsReturned";

    private final MongoCollection<Document> recoveries;

    RecoveryRepository(MongoDatabase database) {
        this.recoveries = database.getCollection(COLLECTION);
    }

    /**
     * Secondary indexes (issue 14): the processor's recoveries by state, a beneficiary's (offsets, views), the relay
     * sweeper's first pending entry (sparse). A recovery's claim of an order ({@code claims.<orderId>}) has no index.
     */
    void indexes(@Observes StartupEvent event) {
        recoveries.createIndex(Indexes.ascending("state"));
        recoveries.createIndex(Indexes.ascending("beneficiaryUscc"));
        recoveries.createIndex(Indexes.ascending(Outbox.FIELD + ".0"), new IndexOptions().sparse(true));
    }

    public boolean insert(Recovery r, Instant now) {
        return MongoErrors.insertIfAbsent(recoveries, new Document("_id", r.id()).append("revocationId", r.revocationId())
                .append("decisionId", r.decisionId()).append("applicationId", r.applicationId())
                .append("beneficiaryUscc", r.beneficiaryUscc()).append("district", r.districtCode()).append("orderId", r.orderId()).append("budgetLine", r.budgetLine())
                .append("amountFen", r.amountFen()).append("repaidFen", 0L).append("unclaimedFen", 0L).append("claims", new Document())
                .append(GuardedCounter.APPLIED, List.of()).append("state", r.state().name()).append("reason", r.reason())
                .append("pending", null).append("repayments", List.of()).append("sourceEventId", r.sourceEventId())
                .append("sourceHash", r.sourceHash()).append("createdAt", Date.from(now)).append("updatedAt", Date.from(now))
                .append(Journals.FIELD, List.of()).append(Outbox.FIELD, List.of()).append(Outbox.SEQUENCE_FIELD, 0L));
    }

    public Optional<Recovery> find(String id) {
        return Optional.ofNullable(recoveries.find(Filters.eq("_id", id)).first()).map(RecoveryRepository::recovery);
    }

    public List<Recovery> inState(RecoveryState state) {
        return list(Filters.eq("state", state.name()));
    }

    public List<Recovery> withPendingRepayment() {
        return list(Filters.ne("pending", null));
    }

    public List<Recovery> forBeneficiary(String uscc) {
        return list(Filters.eq("beneficiaryUscc", uscc));
    }

    /** A beneficiary's recoveries that the scope sees (filtered in the query). */
    public List<Recovery> forBeneficiary(String uscc, Scope scope) {
        return scope.none() ? List.of() : list(Scopes.scoped(Filters.eq("beneficiaryUscc", uscc), scope));
    }

    /** Recoveries stored before they carried a district (issue 13): filled in from their orders at start. */
    public List<Recovery> withoutDistrict() {
        return list(Filters.exists("district", false));
    }

    /** @return 1 when the recovery had no district and now has this one */
    long setDistrict(String id, String district) {
        return recoveries.updateOne(Filters.and(Filters.eq("_id", id), Filters.exists("district", false)),
                Updates.set("district", district)).getModifiedCount();
    }

    /** A state change (with the journal entry and events), conditional on the state it was read in. */
    public boolean move(String id, RecoveryState from, RecoveryState to, JournalEntry entry, List<Document> outbox, Instant now) {
        List<Bson> updates = new ArrayList<>(List.of(Updates.set("state", from.moveTo(to).name()),
                Updates.set("updatedAt", Date.from(now))));
        if (entry != null) {
            updates.add(Updates.push(Journals.FIELD, Journals.toDocument(entry)));
        }
        if (!outbox.isEmpty()) {
            updates.add(Outbox.append(outbox));
        }
        return recoveries.updateOne(Filters.and(Filters.eq("_id", id), Filters.eq("state", from.name())), Updates.combine(updates))
                .getModifiedCount() == 1;
    }

    /** WAITING -> OPEN: the receivable (at most what the order paid), its line, journal entry and events, in one write. */
    public boolean open(String id, long amountFen, String line, JournalEntry entry, List<Document> outbox, Instant now) {
        return recoveries.updateOne(Filters.and(Filters.eq("_id", id), Filters.eq("state", RecoveryState.WAITING.name())),
                Updates.combine(Updates.set("state", RecoveryState.WAITING.moveTo(RecoveryState.OPEN).name()),
                Updates.set("amountFen", amountFen), Updates.set("unclaimedFen", amountFen),
                Updates.set("budgetLine", line),
                Updates.set("updatedAt", Date.from(now)), Updates.push(Journals.FIELD, Journals.toDocument(entry)),
                Outbox.append(outbox))).getModifiedCount() == 1;
    }

    /** Writes a repayment intent (taking it from what no payment has claimed); false when another one is pending. */
    public boolean startRepayment(String id, Repayment r, Instant now) {
        return recoveries.updateOne(Filters.and(Filters.eq("_id", id), Filters.eq("state", RecoveryState.OPEN.name()), Filters.eq("pending", null),
                Filters.gte("unclaimedFen", r.amountFen())), Updates.combine(Updates.set("pending", repayment(r)),
                Updates.inc("unclaimedFen", -r.amountFen()), Updates.set("updatedAt", Date.from(now)))).getModifiedCount() == 1;
    }

    /**
     * A payment of the beneficiary claims part of the outstanding amount as an offset, at most once per
     * order (guarded counter on the recovery: {@code unclaimedFen >= fen}, order recorded in {@code claims}).
     */
    public GuardedCounter.Outcome claim(String id, String orderId, long fen) {
        return GuardedCounter.apply(recoveries, id, "OF-" + orderId, Filters.and(Filters.eq("state", RecoveryState.OPEN.name()),
                Filters.gte("unclaimedFen", fen)), Updates.combine(Updates.inc("unclaimedFen", -fen),
                Updates.set("claims." + orderId, fen)));
    }

    /** The offset an order claimed before (after a crash between the claim and the order's write), or 0. */
    public long claimed(String id, String orderId) {
        Document d = recoveries.find(Filters.eq("_id", id)).first();
        Document claims = d == null ? null : d.get("claims", Document.class);
        Number fen = claims == null ? null : claims.get(orderId, Number.class);
        return fen == null ? 0 : fen.longValue();
    }

    /** The ids of the recoveries this order holds a claim on (an offset claimed for it). */
    public java.util.Set<String> claimedBy(String orderId) {
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (Document d : recoveries.find(Filters.exists("claims." + orderId)).projection(
                com.mongodb.client.model.Projections.include("_id"))) {
            ids.add(d.getString("_id"));
        }
        return ids;
    }

    /** Gives back every claim the order holds on any recovery (once each): it was released, nothing is withheld from it. */
    public void unclaimAll(String orderId) {
        for (Document d : recoveries.find(Filters.exists("claims." + orderId))) {
            Number fen = d.get("claims", Document.class).get(orderId, Number.class);
            unclaim(d.getString("_id"), orderId, fen.longValue());
        }
    }

    /** A released order gives its claim back (once). */
    public void unclaim(String id, String orderId, long fen) {
        recoveries.updateOne(Filters.and(Filters.eq("_id", id), Filters.exists("claims." + orderId)), Updates.combine(
                Updates.unset("claims." + orderId), Updates.inc("unclaimedFen", fen), Updates.pull(GuardedCounter.APPLIED,
                        "OF-" + orderId)));
    }

    /** Claims a WAITING recovery untouched since before {@code staleBefore} for one processor; false when taken. */
    public boolean claimWaiting(String id, Instant staleBefore, Instant now) {
        return recoveries.updateOne(Filters.and(Filters.eq("_id", id), Filters.eq("state", RecoveryState.WAITING.name()),
                Filters.lt("updatedAt", Date.from(staleBefore))), Updates.set("updatedAt", Date.from(now))).getModifiedCount() == 1;
    }

    /** Claims a pending repayment left since before {@code staleBefore} for one resumer; false when taken. */
    public boolean claimPending(String id, String repaymentId, Instant staleBefore, Instant now) {
        return recoveries.updateOne(Filters.and(Filters.eq("_id", id), Filters.eq("pending.id", repaymentId),
                Filters.lt("updatedAt", Date.from(staleBefore))), Updates.set("updatedAt", Date.from(now))).getModifiedCount() == 1;
    }

    /**
     * A beneficiary's recoveries, oldest first: by the time payments recorded them ({@code createdAt}), ties by id (the
     * offset rule's second and third keys, {@code RecoveryService#claimOffset}).
     */
    public List<Recovery> forBeneficiaryOldestFirst(String uscc) {
        List<Recovery> result = new ArrayList<>();
        for (Document d : recoveries.find(Filters.eq("beneficiaryUscc", uscc)).sort(com.mongodb.client.model.Sorts.ascending(
                "createdAt", "_id"))) {
            result.add(recovery(d));
        }
        return result;
    }

    /**
     * The bank returned a payment from which {@code fen} was withheld for this recovery ({@code repaymentId}, the offset
     * booked as a repayment): the debt is owed again (issue 20 item 3). Once per repayment id, in one conditional write:
     * the repaid amount falls by the offset, it can be claimed again (the order's claim is given back), the recovery is
     * OPEN again, and the id is kept in {@code offsetsReturned}.
     *
     * @return whether this call gave it back (false: given back before, or no such offset booked)
     */
    public boolean giveOffsetBack(String id, String orderId, String repaymentId, long fen, Instant now) {
        return recoveries.updateOne(Filters.and(Filters.eq("_id", id), Filters.eq("repayments.id", repaymentId),
                Filters.ne(OFFSETS_RETURNED, repaymentId)), Updates.combine(Updates.inc("repaidFen", -fen),
                Updates.inc("unclaimedFen", fen), Updates.unset("claims." + orderId), Updates.pull(GuardedCounter.APPLIED,
                        "OF-" + orderId), Updates.push(OFFSETS_RETURNED, repaymentId), Updates.set("state", RecoveryState.OPEN.name()),
                Updates.set("updatedAt", Date.from(now)))).getModifiedCount() == 1;
    }

    /** Whether the offset booked as {@code repaymentId} was given back to the debt already. */
    public boolean offsetGivenBack(String id, String repaymentId) {
        return recoveries.countDocuments(Filters.and(Filters.eq("_id", id), Filters.eq(OFFSETS_RETURNED, repaymentId))) == 1;
    }

    /** The recoveries of an order (a revocation of its decision), in one read. */
    public boolean anyForOrder(String orderId) {
        return recoveries.countDocuments(Filters.eq("orderId", orderId)) > 0;
    }

    /** Records the offset withheld from a settled order as a repayment (once per order and attempt). */
    public void bookOffset(String id, Repayment r, Instant now) {
        // a plain read-then-conditional-write: the filter on the repayment id keeps it to once
        Document d = recoveries.find(Filters.eq("_id", id)).first();
        if (d == null) {
            return;
        }
        boolean closes = d.get("repaidFen", Number.class).longValue() + r.amountFen() >= d.get("amountFen", Number.class).longValue();
        List<Bson> updates = new ArrayList<>(List.of(Updates.inc("repaidFen", r.amountFen()), Updates.push("repayments",
                repayment(r)), Updates.set("updatedAt", Date.from(now)), Updates.pull(GuardedCounter.APPLIED, r.reference() == null
                ? r.id() : "OF-" + r.reference())));
        if (closes) {
            updates.add(Updates.set("state", RecoveryState.CLOSED.name()));
        }
        recoveries.updateOne(Filters.and(Filters.eq("_id", id), Filters.ne("repayments.id", r.id())), Updates.combine(updates));
    }

    /** OPEN recoveries whose payments and offsets cover everything: CLOSED. */
    public void closeRepaid() {
        for (Recovery r : inState(RecoveryState.OPEN)) {
            if (r.outstandingFen() <= 0 && r.pending() == null) {
                recoveries.updateOne(Filters.and(Filters.eq("_id", r.id()), Filters.eq("state", RecoveryState.OPEN.name())),
                        Updates.set("state", RecoveryState.OPEN.moveTo(RecoveryState.CLOSED).name()));
            }
        }
    }

    /** Books the pending repayment with its journal entry; CLOSED when nothing is outstanding any more. */
    public boolean bookRepayment(String id, Repayment r, boolean closes, JournalEntry entry, List<Document> outbox, Instant now) {
        List<Bson> updates = new ArrayList<>(List.of(Updates.set("pending", null), Updates.inc("repaidFen", r.amountFen()),
                Updates.push("repayments", repayment(r)), Updates.push(Journals.FIELD, Journals.toDocument(entry)),
                Updates.set("updatedAt", Date.from(now))));
        if (closes) {
            updates.add(Updates.set("state", RecoveryState.CLOSED.name()));
        }
        if (!outbox.isEmpty()) {
            updates.add(Outbox.append(outbox));
        }
        return recoveries.updateOne(Filters.and(Filters.eq("_id", id), Filters.eq("pending.id", r.id())),
                Updates.combine(updates)).getModifiedCount() == 1;
    }

    private List<Recovery> list(Bson filter) {
        List<Recovery> result = new ArrayList<>();
        for (Document d : recoveries.find(filter)) {
            result.add(recovery(d));
        }
        return result;
    }

    private static Document repayment(Repayment r) {
        return new Document("id", r.id()).append("amountFen", r.amountFen()).append("reference", r.reference())
                .append("by", r.by()).append("at", Date.from(r.at()));
    }

    private static Repayment repayment(Document d) {
        return d == null ? null : new Repayment(d.getString("id"), d.get("amountFen", Number.class).longValue(),
                d.getString("reference"), d.getString("by"), d.getDate("at").toInstant());
    }

    private static Recovery recovery(Document d) {
        List<Repayment> repayments = new ArrayList<>();
        for (Document r : d.getList("repayments", Document.class, List.of())) {
            repayments.add(repayment(r));
        }
        return new Recovery(d.getString("_id"), d.getString("revocationId"), d.getString("decisionId"),
                d.getString("applicationId"), d.getString("beneficiaryUscc"), d.getString("orderId"), d.getString("budgetLine"),
                d.get("amountFen", Number.class).longValue(), d.get("repaidFen", Number.class).longValue(),
                d.get("unclaimedFen", Number.class) == null ? 0 : d.get("unclaimedFen", Number.class).longValue(),
                RecoveryState.valueOf(d.getString("state")),
                d.getString("reason"), repayment(d.get("pending", Document.class)), repayments, d.getString("sourceEventId"),
                d.getString("sourceHash"), Outbox.lastSequence(d), d.getDate("updatedAt"),
                District.parse(d.getString("district")).orElse(null));
    }
}
