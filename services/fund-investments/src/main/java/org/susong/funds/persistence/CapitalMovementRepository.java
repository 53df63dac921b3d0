package org.susong.funds.persistence;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.susong.commons.idempotency.IdempotencyRecords;
import org.susong.commons.messaging.Outbox;
import org.susong.commons.money.Money;
import org.susong.commons.persistence.MongoErrors;
import org.susong.funds.domain.CapitalMovement;
import org.susong.funds.domain.CapitalSource;

/**
 * Capital movements (commitments, calls, paid-in), one document each: the intent, leased to whoever
 * finishes it (the request, or the resumer once the lease expired), and its outcome.
 */
@ApplicationScoped
public class CapitalMovementRepository {

    public static final String COLLECTION = "capital_movements";
    static final String STATE = "state";

    private final MongoCollection<Document> movements;

    CapitalMovementRepository(MongoDatabase database) {
        this.movements = database.getCollection(COLLECTION);
    }

    void indexes(@Observes StartupEvent event) {
        // one management fee per (principal, Idempotency-Key) of POST /funds/{id}/capital/fees
        IdempotencyRecords.index(movements);
    }

    /** Writes the intent, leased to {@code owner}; false when a movement of this id is already there. */
    public boolean insertPending(CapitalMovement movement, String owner, Instant leaseUntil) {
        return insertPending(movement, owner, leaseUntil, null);
    }

    /**
     * Writes the intent, leased to {@code owner}, with the request's {@code Idempotency-Key} record when it had one (in
     * the same insert, commons {@link IdempotencyRecords}); false when a movement of this id, or of this key, is there.
     */
    public boolean insertPending(CapitalMovement movement, String owner, Instant leaseUntil,
                                 IdempotencyRecords.Record idempotency) {
        Document document = toDocument(movement)
                .append("lease", new Document("owner", owner).append("until", Date.from(leaseUntil)));
        return insert(document, idempotency);
    }

    /**
     * Writes a management fee AWAITING_APPROVAL (no lease: the resumer takes PENDING movements only, so nothing moves
     * before a second principal approves), with its Idempotency-Key record when the request had one; false when the id
     * or the key is taken.
     */
    public boolean insertAwaitingApproval(CapitalMovement waiting, IdempotencyRecords.Record idempotency) {
        return insert(toDocument(waiting), idempotency);
    }

    private boolean insert(Document document, IdempotencyRecords.Record idempotency) {
        document.putAll(Outbox.initialFields(List.of())); // the journal entry comes with APPLIED
        if (idempotency != null) {
            idempotency.appendTo(document);
        }
        return MongoErrors.insertIfAbsent(movements, document);
    }

    /**
     * The movement a live Idempotency-Key record is kept on, as it stands now; 422 naming {@code Idempotency-Key} (with
     * {@code movementId}) when {@code requestHash} is not the body the key was first used with.
     */
    public Optional<CapitalMovement> replay(String scopedKey, String requestHash, Instant now) {
        return IdempotencyRecords.find(movements, scopedKey, now).map(holder -> {
            IdempotencyRecords.answer(holder, requestHash, "movementId");
            return fromDocument(holder);
        });
    }

    /** Forgets Idempotency-Key records past their retention; the movements stay. Returns how many. */
    public long purgeIdempotency(Instant now) {
        return IdempotencyRecords.purge(movements, now);
    }

    /**
     * The second principal's approval of a waiting fee, in one conditional write: AWAITING_APPROVAL with a maker other
     * than {@code approver} becomes PENDING, leased to {@code owner} (the approving request finishes it, or the resumer
     * once the lease expired), {@code approval.approvedBy/approvedAt} set. False when it was not waiting any more or the
     * approver is its maker.
     */
    public boolean approve(String id, String approver, String owner, Instant now, Instant leaseUntil) {
        return movements.updateOne(Filters.and(Filters.eq("_id", id),
                        Filters.eq(STATE, CapitalMovement.State.AWAITING_APPROVAL.name()),
                        Filters.ne("approval.requestedBy", approver)),
                Updates.combine(Updates.set(STATE, CapitalMovement.State.PENDING.name()),
                        Updates.set("lease", new Document("owner", owner).append("until", Date.from(leaseUntil))),
                        Updates.set("approval.approvedBy", approver), Updates.set("approval.approvedAt", Date.from(now))))
                .getModifiedCount() == 1;
    }

    public Optional<CapitalMovement> find(String id) {
        return Optional.ofNullable(movements.find(Filters.eq("_id", id)).projection(Projections.exclude(Outbox.FIELD)).first()).map(CapitalMovementRepository::fromDocument);
    }

    /** The fund's movements, oldest first (an officer's view: this scans, movements are few). */
    public List<CapitalMovement> ofFund(String fundId) {
        List<CapitalMovement> all = new ArrayList<>();
        movements.find(Filters.eq("fundId", fundId)).projection(Projections.exclude(Outbox.FIELD)).sort(Sorts.ascending("createdAt"))
                .forEach(d -> all.add(fromDocument(d)));
        return all;
    }

    /**
     * The APPLIED movements of every fund dated on a day of {@code from..to} (the movement's own {@code dated}: the day a
     * commitment was made, a call is due, money was paid in, an exit's proceeds came back, a fee was paid or refunded):
     * what a year's figures count (issue 20 item 9). ISO dates compare as text; this scans (movements are tens a year).
     */
    public List<CapitalMovement> appliedBetween(LocalDate from, LocalDate to) {
        List<CapitalMovement> all = new ArrayList<>();
        movements.find(Filters.and(Filters.eq(STATE, CapitalMovement.State.APPLIED.name()),
                        Filters.gte("dated", from.toString()), Filters.lte("dated", to.toString())))
                .projection(Projections.exclude(Outbox.FIELD)).forEach(d -> all.add(fromDocument(d)));
        return all;
    }

    /**
     * Records the outcome, with its events appended to the movement's outbox in the same write, if the
     * movement is still PENDING and leased to {@code owner}.
     */
    public boolean finish(CapitalMovement finished, String owner, List<Document> outbox) {
        Bson update = Updates.combine(Updates.set(STATE, finished.state().name()), Updates.unset("lease"),
                finished.refusal() == null ? Updates.unset("refusal") : Updates.set("refusal", finished.refusal()),
                Outbox.append(outbox));
        return movements.updateOne(Filters.and(Filters.eq("_id", finished.id()),
                Filters.eq(STATE, CapitalMovement.State.PENDING.name()), Filters.eq("lease.owner", owner)), update)
                .getModifiedCount() == 1;
    }

    public List<String> stalePending(Instant now, int limit) {
        List<String> ids = new ArrayList<>();
        movements.find(stale(now)).limit(limit).forEach(d -> ids.add(d.getString("_id")));
        return ids;
    }

    public Optional<CapitalMovement> claim(String id, String owner, Instant now, Instant until) {
        return Optional.ofNullable(movements.findOneAndUpdate(Filters.and(Filters.eq("_id", id), stale(now)),
                Updates.set("lease", new Document("owner", owner).append("until", Date.from(until))),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER).projection(Projections.exclude(Outbox.FIELD))))
                .map(CapitalMovementRepository::fromDocument);
    }

    private static Bson stale(Instant now) {
        return Filters.and(Filters.eq(STATE, CapitalMovement.State.PENDING.name()), Filters.lt("lease.until", Date.from(now)));
    }

    static Document toDocument(CapitalMovement m) {
        return new Document("_id", m.id())
                .append("fundId", m.fundId())
                .append("kind", m.kind().name())
                .append("source", m.source() == null ? null : m.source().name())
                .append("amountFen", m.amount().fen())
                .append("callId", m.callId())
                .append("dated", m.dated().toString())
                .append("reference", m.reference())
                .append(STATE, m.state().name())
                .append("actor", m.actor())
                .append("createdAt", Date.from(m.createdAt()))
                .append("refusal", m.refusal())
                .append("approval", m.approval() == null ? null : new Document("requestedBy", m.approval().requestedBy())
                        .append("approvedBy", m.approval().approvedBy())
                        .append("approvedAt", m.approval().approvedAt() == null ? null : Date.from(m.approval().approvedAt())));
    }

    static CapitalMovement fromDocument(Document d) {
        return new CapitalMovement(d.getString("_id"), d.getString("fundId"),
                CapitalMovement.Kind.valueOf(d.getString("kind")), d.getString("source") == null ? null : CapitalSource.valueOf(d.getString("source")),
                Money.ofFen(d.get("amountFen", Number.class).longValue()), d.getString("callId"),
                LocalDate.parse(d.getString("dated")), d.getString("reference"),
                CapitalMovement.State.valueOf(d.getString(STATE)), d.getString("actor"), d.getDate("createdAt").toInstant(),
                d.getString("refusal"), approvalOf(d.get("approval", Document.class)));
    }

    private static CapitalMovement.Approval approvalOf(Document a) {
        return a == null ? null : new CapitalMovement.Approval(a.getString("requestedBy"), a.getString("approvedBy"),
                a.getDate("approvedAt") == null ? null : a.getDate("approvedAt").toInstant());
    }
}
