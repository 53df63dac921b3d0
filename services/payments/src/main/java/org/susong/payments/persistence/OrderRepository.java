package org.susong.payments.persistence;

import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.susong.commons.messaging.Outbox;
import org.susong.commons.messaging.OutboxConfig;
import org.susong.commons.messaging.OutboxFullException;
import org.susong.commons.ids.District;
import org.susong.commons.money.Money;
import org.susong.commons.persistence.MongoErrors;
import org.susong.payments.domain.Conversion;
import org.susong.payments.domain.Hold;
import org.susong.payments.domain.JournalEntry;
import org.susong.payments.domain.DisbursementMode;
import org.susong.payments.domain.OrderState;
import org.susong.payments.domain.Payee;
import org.susong.payments.domain.PaymentOrder;
import org.susong.payments.domain.ReleaseReason;

/**
 * Payment orders, one document per approved decision ({@code _id = PO-<decisionId>}), each with
 * the event that caused it (id + payload hash), its own outbox and the journal entries of the money
 * it moved. Every transition is a conditional update on the current state and version, so N
 * replicas running the same step do it once.
 */
@ApplicationScoped
public class OrderRepository {

    public static final String COLLECTION = "payment_orders";
    /** The token of the bulk round that last moved the order (tells which orders of a bulk write moved). */
    public static final String LAST_MOVE = "lastMove";
    /**
     * The event id of the appeal's decision that took the order's award away, kept on the order: a rejection
     * ({@link #keepAppealRejection}), or a re-approval whose own order replaces this one ({@link #keepSupersession}).
     * While it is there the order's money never leaves a releasable state ({@link #guard}); it is released.
     */
    public static final String APPEAL_REJECTED = "appealRejectedBy";
    /** The release reason of {@value #APPEAL_REJECTED} when it is not the rejection's (absent: a rejection). */
    public static final String APPEAL_REASON = "appealReleaseReason";
    /**
     * The states in which a re-approval on appeal takes an order over ({@link #keepSupersession}): being reserved, or
     * releasable. From any other the money is on its way or paid, and the re-decision pays only the difference.
     */
    /** The end-to-end ids of an order's returned instructions. */
    static final String INSTRUCTION_END_TO_END = "instructions.endToEndId";
    public static final Set<OrderState> SUPERSEDABLE = java.util.Collections.unmodifiableSet(java.util.EnumSet.of(
            OrderState.RESERVING, OrderState.RELEASABLE.toArray(OrderState[]::new)));
    /**
     * The order in which this process inserted orders: among orders created in the same millisecond (those one consumed
     * batch inserts share it) lists, and so the waitlist, follow it, not the order ids.
     */
    public static final String ARRIVAL = "arrival";
    /**
     * The moves by which the money of a releasable order leaves for good (into a bank file, against a debt, into a fund):
     * refused in the same write while the order holds an appeal's rejection ({@link #guard}).
     */
    private static final Set<OrderState> PAYING = java.util.EnumSet.of(OrderState.BATCHED, OrderState.SETTLING,
            OrderState.CONVERTING);
    private static final BulkWriteOptions UNORDERED = new BulkWriteOptions().ordered(false);

    private final MongoCollection<Document> orders;
    private final int outboxMax;
    private final java.util.concurrent.atomic.AtomicLong arrivals = new java.util.concurrent.atomic.AtomicLong();

    OrderRepository(MongoDatabase database,
                    OutboxConfig outbox) {
        this.orders = database.getCollection(COLLECTION);
        this.outboxMax = outbox.outboxMaxPending();
    }

    /**
     * Secondary indexes (issue 14), none unique (no write's outcome depends on them): every step's state list (equality
     * on the state, then the lists' order), the appeals step's orders holding a rejection (sparse: only those), the
     * lookups by batch, application, bank reference and beneficiary, and the relay sweeper's first pending entry (sparse).
     */
    void indexes(@Observes StartupEvent event) {
        for (String field : List.of("state", "batchId", "applicationId", "bankReference", "beneficiaryUscc")) {
            orders.createIndex(Indexes.ascending(field, "createdAt", ARRIVAL, "_id"));
        }
        orders.createIndex(Indexes.ascending(APPEAL_REJECTED), new IndexOptions().sparse(true));
        // a late bank file naming an instruction the bank returned (issue 20 item 2; sparse: only returned orders)
        orders.createIndex(Indexes.ascending(INSTRUCTION_END_TO_END), new IndexOptions().sparse(true));
        orders.createIndex(Indexes.ascending(Outbox.FIELD + ".0"), new IndexOptions().sparse(true));
        // GET /payments (OrderListing): each filter's equality, then the list's order (createdAt, ties by _id); a date
        // range alone, or no filter, walks (createdAt, _id); application and beneficiary lists use the indexes above
        for (String field : List.of("state", "budgetLine", "district", "measureCode")) {
            orders.createIndex(Indexes.ascending(field, "createdAt", "_id"));
        }
        orders.createIndex(Indexes.ascending("createdAt", "_id"));
    }

    /**
     * A stored order with its version, event sequence and the hash of the event that created it; {@code callId} the call
     * for proposals whose award it pays (issue 19: its reservation is drawn from the call's envelope), null otherwise.
     */
    public record Stored(PaymentOrder order, long version, long lastSequence, String sourceEventId, String sourceHash,
                         Date updatedAt, String callId) {

        public Stored(PaymentOrder order, long version, long lastSequence, String sourceEventId, String sourceHash,
                      Date updatedAt) {
            this(order, version, lastSequence, sourceEventId, sourceHash, updatedAt, null);
        }
    }

    /** False when the decision already has its order. */
    public boolean insert(PaymentOrder order, String sourceEventId, String sourceHash, Date now) {
        return insert(order, sourceEventId, sourceHash, now, List.of());
    }

    /** Inserts a new order with its first events; false when the decision already has its order. */
    public boolean insert(PaymentOrder order, String sourceEventId, String sourceHash, Date now, List<Document> outbox) {
        return insert(order, sourceEventId, sourceHash, now, outbox, null);
    }

    /** As above, for the award of a call for proposals ({@code callId}, null for none). */
    public boolean insert(PaymentOrder order, String sourceEventId, String sourceHash, Date now, List<Document> outbox,
                          String callId) {
        return MongoErrors.insertIfAbsent(orders, withCall(toDocument(order), callId).append("sourceEventId", sourceEventId)
                .append("sourceHash", sourceHash).append("createdAt", now).append(ARRIVAL, arrivals.incrementAndGet())
                .append("updatedAt", now).append("version", 0L).append(Journals.FIELD, List.of()).append(Outbox.FIELD, outbox)
                .append(Outbox.SEQUENCE_FIELD, (long) outbox.size()));
    }

    /** A new order with the event that created it; {@code callId} as in {@link Stored}. */
    public record NewOrder(PaymentOrder order, String sourceEventId, String sourceHash, String callId) {

        public NewOrder(PaymentOrder order, String sourceEventId, String sourceHash) {
            this(order, sourceEventId, sourceHash, null);
        }
    }

    private static Document withCall(Document order, String callId) {
        return callId == null ? order : order.append("callId", callId);
    }

    /**
     * Inserts the new orders of a batch in one unordered insert, each with no events yet (as {@link #insert}).
     *
     * @return the positions of the orders that exist already (their decision has its order: the same request again, or
     *         a modified one); every other order was inserted
     */
    public Set<Integer> insertAll(List<NewOrder> created, Date now) {
        if (created.isEmpty()) {
            return Set.of();
        }
        List<Document> documents = created.stream().map(n -> withCall(toDocument(n.order()), n.callId())
                .append("sourceEventId", n.sourceEventId())
                .append("sourceHash", n.sourceHash()).append("createdAt", now).append(ARRIVAL, arrivals.incrementAndGet())
                .append("updatedAt", now).append("version", 0L)
                .append(Journals.FIELD, List.of()).append(Outbox.FIELD, List.of()).append(Outbox.SEQUENCE_FIELD, 0L)).toList();
        return MongoErrors.insertAllIfAbsent(orders, documents);
    }

    /** The stored orders of these ids, by id (one read). */
    public java.util.Map<String, Stored> findAll(List<String> ids) {
        java.util.Map<String, Stored> found = new java.util.HashMap<>();
        for (Document d : orders.find(Filters.in("_id", ids))) {
            Stored s = stored(d);
            found.put(s.order().id(), s);
        }
        return found;
    }

    /**
     * Keeps an appeal's rejection of the order's decision on the order ({@value #APPEAL_REJECTED} = the rejection's event
     * id), in whatever state the order is. Not a move: the version is unchanged, so a writer holding the order (one
     * reserving it) is not refused; it reads the rejection after its own move. The field is none of the order's own, so
     * no move overwrites it.
     *
     * @return false when the decision has no order
     */
    public boolean keepAppealRejection(String orderId, String rejectionEventId) {
        return orders.updateOne(Filters.eq("_id", orderId), Updates.combine(Updates.set(APPEAL_REJECTED, rejectionEventId),
                Updates.unset(APPEAL_REASON))).getMatchedCount() == 1;
    }

    /**
     * Keeps a re-approval on appeal on the order of the decision it supersedes ({@value #APPEAL_REJECTED} = its event id,
     * {@value #APPEAL_REASON} = {@code reason}), only while the order is {@link #SUPERSEDABLE}: checked in the same write,
     * so an order kept this way is never paid (the paying moves are refused, {@link #guard}) and the re-decision may
     * order the whole award. Not a move, as {@link #keepAppealRejection}.
     *
     * @return false when the decision has no order, or its order is in a state the re-decision cannot take over
     */
    public boolean keepSupersession(String orderId, String eventId, ReleaseReason reason) {
        return orders.updateOne(Filters.and(Filters.eq("_id", orderId),
                        Filters.in("state", SUPERSEDABLE.stream().map(Enum::name).toList())),
                Updates.combine(Updates.set(APPEAL_REJECTED, eventId), Updates.set(APPEAL_REASON, reason.name())))
                .getMatchedCount() == 1;
    }

    /**
     * As {@link #keepSupersession}, for an order further back in the chain than the decision the re-decision names: only
     * while no other appeal's outcome is kept on it (or this one's, a redelivery), so a rejection or another round's
     * takeover kept before is never overwritten (its release reason stands).
     *
     * @return false when the decision has no order, its order is in a state the re-decision cannot take over, or holds
     * another appeal's outcome
     */
    public boolean keepEarlierSupersession(String orderId, String eventId, ReleaseReason reason) {
        return orders.updateOne(Filters.and(Filters.eq("_id", orderId),
                        Filters.in("state", SUPERSEDABLE.stream().map(Enum::name).toList()),
                        Filters.or(Filters.exists(APPEAL_REJECTED, false), Filters.eq(APPEAL_REJECTED, eventId))),
                Updates.combine(Updates.set(APPEAL_REJECTED, eventId), Updates.set(APPEAL_REASON, reason.name())))
                .getMatchedCount() == 1;
    }

    /**
     * Of these orders, those whose award an appeal took away (one read), with the release reason kept on each (null: a
     * rejection).
     */
    public java.util.Map<String, ReleaseReason> rejectedOnAppealAmong(List<String> orderIds) {
        java.util.Map<String, ReleaseReason> rejected = new java.util.HashMap<>();
        if (orderIds.isEmpty()) {
            return rejected;
        }
        for (Document d : orders.find(Filters.and(Filters.in("_id", orderIds), Filters.exists(APPEAL_REJECTED, true)))
                .projection(Projections.include("_id", APPEAL_REASON))) {
            rejected.put(d.getString("_id"), ReleaseReason.ofStored(d.getString(APPEAL_REASON)));
        }
        return rejected;
    }

    /** An order whose award an appeal took away, with the appeal's event id and the release reason (null: a rejection). */
    public record Rejected(Stored order, String rejectionEventId, ReleaseReason reason) {
    }

    /** Orders that hold an appeal's rejection and are still releasable, oldest first (one read). */
    public List<Rejected> rejectedOnAppealAndReleasable(int limit) {
        List<Rejected> result = new ArrayList<>();
        Bson releasable = Filters.in("state", OrderState.RELEASABLE.stream().map(Enum::name).toList());
        for (Document d : orders.find(Filters.and(Filters.exists(APPEAL_REJECTED, true), releasable))
                .sort(Sorts.ascending("createdAt", "_id")).limit(limit)) {
            result.add(new Rejected(stored(d), d.getString(APPEAL_REJECTED), ReleaseReason.ofStored(d.getString(APPEAL_REASON))));
        }
        return result;
    }

    /**
     * Moves an order from one state to the next, appends the transition's events and journal entry, in
     * one write, provided nobody changed it since it was read.
     *
     * @return false when the order was no longer in that state and version (another replica did it)
     * @throws OutboxFullException when the order's outbox is full (the broker is not draining it)
     */
    public boolean transition(Stored from, PaymentOrder next, List<Document> outbox, List<JournalEntry> journal, Date now) {
        if (orders.updateOne(guard(from, next, outbox.size()), update(next, outbox, journal, now, null)).getModifiedCount() == 1) {
            return true;
        }
        Document current = orders.find(Filters.eq("_id", next.id())).first();
        if (current != null && from.order().state().name().equals(current.getString("state"))
                && Outbox.pending(current) + outbox.size() > outboxMax) {
            throw new OutboxFullException(next.id());
        }
        return false;
    }

    /** One order's move in a bulk round: from the state and version it was read in to the next, with its events. */
    public record Move(Stored from, PaymentOrder next, List<Document> outbox, List<JournalEntry> journal) {
    }

    /**
     * Applies a round's moves in one bulk write (one round trip), each statement as conditional as {@link #transition}
     * (state, version, outbox room) and stamped with this call's token ({@value #LAST_MOVE}). A bulk result only counts:
     * when fewer than all moved (another writer moved first, a full outbox, a failed statement) the ones that moved are
     * read back by the token. The others are left as they are, for the next round.
     *
     * @return the orders that moved, as stored now (version and event sequence after the move)
     */
    public List<Stored> transitionAll(List<Move> moves, Date now) {
        if (moves.isEmpty()) {
            return List.of();
        }
        String token = UUID.randomUUID().toString();
        List<UpdateOneModel<Document>> statements = new ArrayList<>();
        for (Move m : moves) {
            statements.add(new UpdateOneModel<>(guard(m.from(), m.next(), m.outbox().size()),
                    update(m.next(), m.outbox(), m.journal(), now, token)));
        }
        Set<String> moved = null;
        try {
            if (orders.bulkWrite(statements, UNORDERED).getModifiedCount() == moves.size()) {
                moved = moves.stream().map(m -> m.next().id()).collect(Collectors.toSet());
            }
        } catch (MongoBulkWriteException e) {
            // some statements failed: the others were applied and carry the token - if they are known durable
            MongoErrors.requireDurable(e, "moving " + moves.size() + " payment orders");
        }
        if (moved == null) {
            moved = new HashSet<>();
            for (Document d : orders.find(Filters.and(Filters.in("_id", moves.stream().map(m -> m.next().id()).toList()),
                    Filters.eq(LAST_MOVE, token))).projection(Projections.include("_id"))) {
                moved.add(d.getString("_id"));
            }
        }
        List<Stored> after = new ArrayList<>();
        for (Move m : moves) {
            if (moved.contains(m.next().id())) {
                Stored s = m.from();
                after.add(new Stored(m.next(), s.version() + 1, s.lastSequence() + m.outbox().size(), s.sourceEventId(),
                        s.sourceHash(), now, s.callId()));
            }
        }
        return after;
    }

    /**
     * The state and version the order was read in, room in its outbox, and, for a move that pays a releasable order, no
     * appeal's rejection: evaluated in the same write as the move, so of a rejection kept ({@link #keepAppealRejection},
     * then the order read) and a batching, either the batching is refused or the rejection's read finds it moved on.
     */
    private Bson guard(Stored from, PaymentOrder next, int adding) {
        Bson version = from.version() == 0 ? Filters.or(Filters.eq("version", 0L), Filters.exists("version", false))
                : Filters.eq("version", from.version());
        Bson guard = Filters.and(Filters.eq("_id", next.id()), Filters.eq("state", from.order().state().name()), version,
                Outbox.hasRoom(outboxMax, adding));
        if ((OrderState.RELEASABLE.contains(from.order().state()) && PAYING.contains(next.state()))
                || (from.order().state() == OrderState.RETURNED && next.state() == OrderState.RESENDING)) {
            guard = Filters.and(guard, Filters.exists(APPEAL_REJECTED, false));
        }
        return guard;
    }

    private static Bson update(PaymentOrder next, List<Document> outbox, List<JournalEntry> journal, Date now, String token) {
        List<Bson> updates = new ArrayList<>();
        Document fields = toDocument(next);
        fields.remove("_id");
        // the district is written by the insert and by an applicant's move only (moveWithApplicant): a move taken in
        // while a step held the order must survive that step's write
        fields.remove("district");
        for (String key : fields.keySet()) {
            updates.add(Updates.set(key, fields.get(key)));
        }
        updates.add(Updates.set("updatedAt", now));
        updates.add(Updates.inc("version", 1L));
        if (token != null) {
            updates.add(Updates.set(LAST_MOVE, token));
        }
        if (!outbox.isEmpty()) {
            updates.add(Outbox.append(outbox));
        }
        if (!journal.isEmpty()) {
            updates.add(Updates.pushEach(Journals.FIELD, journal.stream().map(Journals::toDocument).toList()));
        }
        return Updates.combine(updates);
    }

    /**
     * Moves the applicant's orders that follow it (issue 20 item 6: the state is one of
     * {@link OrderState#FOLLOWS_APPLICANT} and the order was never sent again after a return) from any other district to {@code to}, in
     * one update of many, each document's state checked in its own write. Not a move of the order's state: the version
     * is unchanged, so no step holding the order is refused, and no step writes the district back ({@link #transition}
     * leaves it out).
     *
     * @return how many orders moved
     */
    public long moveWithApplicant(String uscc, District to) {
        return orders.updateMany(Filters.and(Filters.eq("beneficiaryUscc", uscc),
                Filters.in("state", OrderState.FOLLOWS_APPLICANT.stream().map(Enum::name).toList()),
                Filters.or(Filters.exists("resends", false), Filters.eq("resends", 0)),
                Filters.ne("district", to.name())), Updates.set("district", to.name())).getModifiedCount();
    }

    public Optional<Stored> find(String id) {
        return Optional.ofNullable(orders.find(Filters.eq("_id", id)).first()).map(OrderRepository::stored);
    }

    public List<Stored> inState(OrderState state, int limit) {
        return list(Filters.eq("state", state.name()), limit);
    }

    /** APPROVED orders to batch: those that hold no appeal's rejection (the appeals step releases those), oldest first. */
    public List<Stored> approvedToPay(int limit) {
        return list(Filters.and(Filters.eq("state", OrderState.APPROVED.name()), Filters.exists(APPEAL_REJECTED, false)),
                limit);
    }

    /** The orders charged to these budget lines in these states (a year-end close's plan), oldest first. */
    public List<Stored> onLinesInStates(List<String> lineIds, java.util.Collection<OrderState> states) {
        return list(Filters.and(Filters.in("budgetLine", lineIds), Filters.in("state", states.stream().map(Enum::name).toList())),
                0);
    }

    public List<Stored> inBatch(String batchId) {
        return list(Filters.eq("batchId", batchId), 0);
    }

    public List<Stored> forApplicationStored(String applicationId) {
        return list(Filters.eq("applicationId", applicationId), 0);
    }

    /** The orders of these applications, by application id (one read). */
    public java.util.Map<String, List<Stored>> forApplicationsStored(java.util.Collection<String> applicationIds) {
        java.util.Map<String, List<Stored>> found = new java.util.HashMap<>();
        if (applicationIds.isEmpty()) {
            return found;
        }
        for (Stored s : list(Filters.in("applicationId", List.copyOf(new java.util.LinkedHashSet<>(applicationIds))), 0)) {
            found.computeIfAbsent(s.order().applicationId(), a -> new ArrayList<>()).add(s);
        }
        return found;
    }

    public Optional<Stored> byBankReference(String reference) {
        return list(Filters.eq("bankReference", reference), 1).stream().findFirst();
    }

    /** The order one of whose returned instructions had this end-to-end id (issue 20 item 2). */
    public Optional<Stored> byReturnedEndToEnd(String endToEndId) {
        return list(Filters.eq(INSTRUCTION_END_TO_END, endToEndId), 1).stream().findFirst();
    }

    public List<Stored> forBeneficiary(String uscc) {
        return list(Filters.eq("beneficiaryUscc", uscc), 0);
    }

    public List<PaymentOrder> forApplication(String applicationId) {
        return forApplicationStored(applicationId).stream().map(Stored::order).toList();
    }

    public List<PaymentOrder> inStates(List<OrderState> states, int limit) {
        return list(Filters.in("state", states.stream().map(Enum::name).toList()), limit).stream().map(Stored::order).toList();
    }

    private List<Stored> list(Bson filter, int limit) {
        List<Stored> result = new ArrayList<>();
        var found = orders.find(filter).sort(Sorts.ascending("createdAt", ARRIVAL, "_id"));
        if (limit > 0) {
            found = found.limit(limit);
        }
        for (Document d : found) {
            result.add(stored(d));
        }
        return result;
    }

    private static Stored stored(Document d) {
        Number version = d.get("version", Number.class);
        return new Stored(fromDocument(d), version == null ? 0 : version.longValue(), Outbox.lastSequence(d),
                d.getString("sourceEventId"), d.getString("sourceHash"), d.getDate("updatedAt"), d.getString("callId"));
    }

    private static Document toDocument(PaymentOrder o) {
        Conversion c = o.conversion();
        Hold h = o.hold();
        Payee p = o.payee();
        return new Document("_id", o.id()).append("decisionId", o.decisionId()).append("applicationId", o.applicationId())
                .append("beneficiaryUscc", o.beneficiaryUscc()).append("measureCode", o.measureCode())
                .append("fiscalYear", o.fiscalYear()).append("district", o.districtCode()).append("amountFen", o.amount().fen())
                .append("state", o.state().name()).append("budgetLine", o.budgetLineId())
                .append("noticeEndsAt", date(o.noticeEndsAt())).append("bankReference", o.bankReference())
                .append("mode", o.mode() == null ? null : o.mode().name())
                .append("conversion", c == null ? null : new Document("fundCode", c.fundCode()).append("fallback", c.fallback())
                        .append("stage", c.beneficiaryStage()).append("field", c.beneficiaryField()))
                .append("approvals", o.approvals())
                .append("hold", h == null ? null : new Document("id", h.id()).append("reason", h.reason()).append("by", h.by())
                        .append("at", date(h.at())).append("from", h.from() == null ? null : h.from().name()))
                .append("batchId", o.batchId())
                .append("payee", p == null ? null : new Document("accountName", p.accountName())
                        .append("accountNumber", p.accountNumber()).append("bankCode", p.bankCode())
                        .append("bankName", p.bankName()).append("snapshottedAt", date(p.snapshottedAt())))
                .append("releaseReason", o.releaseReason() == null ? null : o.releaseReason().name())
                .append("releasedFrom", o.releasedFrom() == null ? null : o.releasedFrom().name())
                .append("investmentId", o.investmentId()).append("returnReason", o.returnReason())
                .append("offsetRecoveryId", o.offsetRecoveryId()).append("offsetFen", o.offsetFen())
                .append("releaseFen", o.releaseFen()).append("releaseCause", o.releaseCause())
                .append("partReleases", o.partReleases())
                .append("supersededFen", o.supersededFen())
                .append("dismissedObjections", o.dismissedObjections())
                .append("settlingBooking", o.settlingBooking())
                .append("chargedYear", o.chargedYear())
                .append("resends", o.resends())
                .append("instructions", o.instructions().isEmpty() ? null : o.instructions().stream().map(i -> new Document(
                        "endToEndId", i.endToEndId()).append("batchId", i.batchId()).append("transferFen", i.transferFen())
                        .append("settlingBooking", i.settlingBooking()).append("offsetRecoveryId", i.offsetRecoveryId())
                        .append("offsetFen", i.offsetFen()).append("payee", payee(i.payee()))).toList());
    }

    static PaymentOrder fromDocument(Document d) {
        Document c = d.get("conversion", Document.class);
        Document h = d.get("hold", Document.class);
        Document p = d.get("payee", Document.class);
        return new PaymentOrder(d.getString("_id"), d.getString("decisionId"), d.getString("applicationId"),
                d.getString("beneficiaryUscc"), d.getString("measureCode"), d.getInteger("fiscalYear"),
                District.parse(d.getString("district")).orElse(null), Money.ofFen(d.get("amountFen", Number.class).longValue()),
                OrderState.valueOf(d.getString("state")), instant(d.getDate("noticeEndsAt")), d.getString("bankReference"),
                d.getString("mode") == null ? DisbursementMode.GRANT : DisbursementMode.valueOf(d.getString("mode")),
                c == null ? null : new Conversion(c.getString("fundCode"), c.getString("fallback"), c.getString("stage"),
                        c.getString("field")),
                d.getList("approvals", String.class, List.of()),
                h == null ? null : new Hold(h.getString("id"), h.getString("reason"), h.getString("by"), instant(h.getDate("at")),
                        h.getString("from") == null ? null : OrderState.valueOf(h.getString("from"))),
                d.getString("batchId"),
                p == null ? null : new Payee(p.getString("accountName"), p.getString("accountNumber"), p.getString("bankCode"),
                        p.getString("bankName"), instant(p.getDate("snapshottedAt"))),
                ReleaseReason.ofStored(d.getString("releaseReason")),
                d.getString("releasedFrom") == null ? null : OrderState.valueOf(d.getString("releasedFrom")),
                d.getString("investmentId"), d.getString("returnReason"), d.getString("offsetRecoveryId"),
                d.get("offsetFen", Number.class) == null ? 0 : d.get("offsetFen", Number.class).longValue(),
                d.get("releaseFen", Number.class) == null ? 0 : d.get("releaseFen", Number.class).longValue(),
                d.getString("releaseCause"), d.getList("partReleases", String.class, List.of()),
                d.get("supersededFen", Number.class) == null ? 0 : d.get("supersededFen", Number.class).longValue(),
                d.getList("dismissedObjections", String.class, List.of()), d.getString("settlingBooking"),
                d.getInteger("chargedYear"), d.get("resends", Number.class) == null ? 0 : d.get("resends", Number.class).intValue(),
                d.getList("instructions", Document.class, List.of()).stream().map(i -> new org.susong.payments.domain.Instruction(
                        i.getString("endToEndId"), i.getString("batchId"), i.get("transferFen", Number.class).longValue(),
                        i.getString("settlingBooking"), i.getString("offsetRecoveryId"),
                        i.get("offsetFen", Number.class).longValue(), payee(i.get("payee", Document.class)))).toList());
    }

    private static Document payee(Payee p) {
        return p == null ? null : new Document("accountName", p.accountName()).append("accountNumber", p.accountNumber())
                .append("bankCode", p.bankCode()).append("bankName", p.bankName()).append("snapshottedAt", date(p.snapshottedAt()));
    }

    private static Payee payee(Document p) {
        return p == null ? null : new Payee(p.getString("accountName"), p.getString("accountNumber"), p.getString("bankCode"),
                p.getString("bankName"), instant(p.getDate("snapshottedAt")));
    }

    private static Date date(Instant at) {
        return at == null ? null : Date.from(at);
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
