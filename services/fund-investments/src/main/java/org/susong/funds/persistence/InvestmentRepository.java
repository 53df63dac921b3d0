package org.susong.funds.persistence;

import com.mongodb.MongoException;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReturnDocument;
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
import org.susong.commons.ids.District;
import org.susong.commons.ids.Uscc;
import org.susong.commons.messaging.Outbox;
import org.susong.commons.money.Money;
import org.susong.commons.persistence.MongoErrors;
import org.susong.funds.domain.ExitKind;
import org.susong.funds.domain.Instrument;
import org.susong.funds.domain.Investment;
import org.susong.funds.domain.InvestmentState;
import org.susong.funds.domain.InvestmentTerms;
import org.susong.funds.domain.Stage;

/**
 * Investments, one document each: the intent (PENDING), its outcome, its idempotency record and
 * the outbox of its {@code InvestmentCommitted} event. Whoever finishes a PENDING investment holds
 * its {@code lease}: the writing request from the insert on, a resumer once the lease has expired.
 */
@ApplicationScoped
public class InvestmentRepository {

    public static final String COLLECTION = "investments";
    static final String STATE = "state";
    static final String EXITS = "exits";
    static final String EXITED_FEN = "exitedFen";
    /** Exit ids a finisher refused to recycle because the exit was not recorded: they can no longer be. */
    static final String VOIDED_EXITS = "voidedExits";
    static final String IDEMPOTENCY_KEY = "idempotencyKey";
    static final String LEASE_OWNER = "lease.owner";
    static final String LEASE_UNTIL = "lease.until";

    /** An investment with the hash of the request that created it (for idempotent replays). */
    public record Stored(Investment investment, String requestHash) {
    }

    /** An exit recorded under an Idempotency-Key, with the hash of the request that recorded it. */
    public record StoredExit(String exitId, String requestHash) {
    }

    private final MongoCollection<Document> investments;

    InvestmentRepository(MongoDatabase database) {
        this.investments = database.getCollection(COLLECTION);
    }

    void indexes(@Observes StartupEvent event) {
        // one investment per (principal, Idempotency-Key); sparse: requests without a key have none
        investments.createIndex(Indexes.ascending("idempotencyKey"), new IndexOptions().unique(true).sparse(true));
    }

    /**
     * Writes the intent, leased to {@code leaseOwner} until {@code leaseUntil}.
     *
     * @return false when an investment with this idempotency key already exists
     */
    public boolean insertPending(Investment investment, String leaseOwner, Instant leaseUntil, String idempotencyKey,
                                 String requestHash) {
        return insert(toDocument(investment)
                .append("lease", new Document("owner", leaseOwner).append("until", Date.from(leaseUntil))), idempotencyKey,
                requestHash);
    }

    /**
     * Writes an intent that waits for its second approver: no lease, so no resumer takes it (they
     * take PENDING ones only) and no money moves until {@link #approve}.
     *
     * @return false when an investment with this idempotency key already exists
     */
    public boolean insertAwaitingApproval(Investment held, String idempotencyKey, String requestHash) {
        return insert(toDocument(held), idempotencyKey, requestHash);
    }

    private boolean insert(Document intent, String idempotencyKey, String requestHash) {
        Document document = intent
                .append("requestHash", requestHash)
                .append("version", 1L)
                .append(Outbox.FIELD, List.of())
                .append(Outbox.SEQUENCE_FIELD, 0L); // events come with COMMITTED (Outbox.append)
        if (idempotencyKey != null) {
            document.append("idempotencyKey", idempotencyKey);
        }
        try {
            investments.insertOne(document);
            return true;
        } catch (MongoException e) {
            if (MongoErrors.isDuplicateKey(e) && idempotencyKey != null) {
                return false;
            }
            throw e;
        }
    }

    public Optional<Investment> find(String id) {
        return Optional.ofNullable(investments.find(Filters.eq("_id", id)).projection(Projections.exclude(Outbox.FIELD))
                .first()).map(InvestmentRepository::fromDocument);
    }

    public Optional<Stored> findByIdempotencyKey(String idempotencyKey) {
        return Optional.ofNullable(investments.find(Filters.eq("idempotencyKey", idempotencyKey)).first())
                .map(d -> new Stored(fromDocument(d), d.getString("requestHash")));
    }

    /** Ids of PENDING investments whose lease has expired: a request crashed or stalled between its writes. */
    public List<String> stalePending(Instant now, int limit) {
        List<String> ids = new ArrayList<>();
        investments.find(stale(now)).projection(Projections.include("_id")).limit(limit)
                .forEach(d -> ids.add(d.getString("_id")));
        return ids;
    }

    /** Takes over a stale PENDING investment; empty when it was finished or claimed by someone else meanwhile. */
    public Optional<Investment> claim(String id, String owner, Instant now, Instant until) {
        return Optional.ofNullable(investments.findOneAndUpdate(Filters.and(Filters.eq("_id", id), stale(now)),
                        Updates.combine(Updates.set("lease", new Document("owner", owner).append("until", Date.from(until))),
                                Updates.inc("version", 1L)),
                        new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)
                                .projection(Projections.exclude(Outbox.FIELD))))
                .map(InvestmentRepository::fromDocument);
    }

    /**
     * Marks the investment COMMITTED and appends its event to its outbox, in one write, if it is
     * still PENDING and leased to {@code owner}; false otherwise (someone else finished it).
     */
    public boolean commit(Investment committed, String owner, List<Document> outbox) {
        return investments.updateOne(pendingAndOwnedBy(committed.id(), owner), Updates.combine(
                Updates.set(STATE, committed.state().name()),
                Updates.set("finishedAt", Date.from(committed.finishedAt())),
                Updates.unset("lease"),
                Updates.inc("version", 1L),
                Outbox.append(outbox))).getModifiedCount() == 1;
    }

    /**
     * The second approval: AWAITING_APPROVAL becomes PENDING, leased to {@code owner} (the approving
     * request, or a resumer once the lease expired), in one conditional write; false when it no longer
     * waits (approved meanwhile) or the approver is the maker.
     */
    public boolean approve(Investment approved, String owner, Instant leaseUntil) {
        Investment.Approval a = approved.approval();
        return investments.updateOne(Filters.and(Filters.eq("_id", approved.id()),
                        Filters.eq(STATE, InvestmentState.AWAITING_APPROVAL.name()),
                        Filters.ne("approval.requestedBy", a.approvedBy())), Updates.combine(
                Updates.set(STATE, approved.state().name()),
                Updates.set("approval.approvedBy", a.approvedBy()),
                Updates.set("approval.approvedAt", Date.from(a.approvedAt())),
                Updates.set("lease", new Document("owner", owner).append("until", Date.from(leaseUntil))),
                Updates.inc("version", 1L))).getModifiedCount() == 1;
    }

    /**
     * Marks the investment REFUSED and appends its InvestmentRefused event, in one write, if it is still PENDING and
     * leased to {@code owner}.
     */
    public boolean refuse(Investment refused, String owner, List<Document> outbox) {
        return investments.updateOne(pendingAndOwnedBy(refused.id(), owner), Updates.combine(
                Updates.set(STATE, refused.state().name()),
                Updates.set("finishedAt", Date.from(refused.finishedAt())),
                refusal(refused),
                Updates.unset("lease"),
                Updates.inc("version", 1L),
                Outbox.append(outbox))).getModifiedCount() == 1;
    }

    private static Bson refusal(Investment finished) {
        Investment.Refusal r = finished.refusal();
        return Updates.set("refusal", new Document("field", r.field()).append("reason", r.reason())
                .append("availableFen", r.available() == null ? null : r.available().fen()));
    }

    /**
     * Ends a waiting investment (REJECTED by a second principal, or EXPIRED) in one write, only while it is still
     * AWAITING_APPROVAL and, for a rejection, not by its maker, with its InvestmentRefused event; false otherwise
     * (decided meanwhile).
     */
    public boolean endWaiting(Investment ended, List<Document> outbox) {
        String rejectedBy = ended.approval().rejectedBy();
        Bson waiting = Filters.and(Filters.eq("_id", ended.id()), Filters.eq(STATE, InvestmentState.AWAITING_APPROVAL.name()));
        return investments.updateOne(rejectedBy == null ? waiting
                        : Filters.and(waiting, Filters.ne("approval.requestedBy", rejectedBy)), Updates.combine(
                Updates.set(STATE, ended.state().name()),
                Updates.set("finishedAt", Date.from(ended.finishedAt())),
                refusal(ended),
                Updates.set("approval.rejectedBy", rejectedBy),
                Updates.inc("version", 1L),
                Outbox.append(outbox))).getModifiedCount() == 1;
    }

    /** Ids of investments AWAITING_APPROVAL since before {@code before} (scans the collection, as stalePending). */
    public List<String> waitingSince(Instant before, int limit) {
        List<String> ids = new ArrayList<>();
        investments.find(Filters.and(Filters.eq(STATE, InvestmentState.AWAITING_APPROVAL.name()),
                        Filters.lt("createdAt", Date.from(before)))).projection(Projections.include("_id")).limit(limit)
                .forEach(d -> ids.add(d.getString("_id")));
        return ids;
    }

    /**
     * Records the newest exit of {@code after} and appends its event, in one write, only if the investment is still
     * COMMITTED with exactly the part exited that {@code before} read (a concurrent exit makes the caller read again,
     * so exits together never take more than the position), this exit is not recorded yet, and its id was not voided
     * by a finisher that refused its recycling ({@link #recordedOrVoided}); false otherwise.
     */
    public boolean recordExit(Investment before, Investment after, List<Document> outbox) {
        return recordExit(before, after, outbox, null, null);
    }

    /**
     * {@link #recordExit(Investment, Investment, List)} under an Idempotency-Key (scoped to the principal): the exit
     * keeps the key and the hash of its request, and is recorded only if no exit of the investment has that key yet.
     */
    public boolean recordExit(Investment before, Investment after, List<Document> outbox, String idempotencyKey,
                              String requestHash) {
        Investment.Exit x = after.exits().get(after.exits().size() - 1);
        long exitedBefore = before.exitedAmount().fen();
        Bson sameExited = exitedBefore == 0
                ? Filters.or(Filters.exists(EXITED_FEN, false), Filters.eq(EXITED_FEN, 0L))
                : Filters.eq(EXITED_FEN, exitedBefore);
        List<Bson> updates = new ArrayList<>(List.of(Updates.set(STATE, after.state().name()),
                Updates.push(EXITS, idempotencyKey == null ? exitDocument(x) : exitDocument(x)
                        .append(IDEMPOTENCY_KEY, idempotencyKey).append("requestHash", requestHash)),
                Updates.set(EXITED_FEN, after.exitedAmount().fen()),
                Updates.inc("version", 1L), Outbox.append(outbox)));
        if (after.exit() != null) {
            updates.add(Updates.set("exit", exitDocument(after.exit())));
        }
        List<Bson> filters = new ArrayList<>(List.of(Filters.eq("_id", before.id()),
                Filters.eq(STATE, InvestmentState.COMMITTED.name()), sameExited, Filters.ne(EXITS + ".id", x.id()),
                Filters.ne(VOIDED_EXITS, x.id())));
        if (idempotencyKey != null) {
            filters.add(Filters.ne(EXITS + "." + IDEMPOTENCY_KEY, idempotencyKey));
        }
        return investments.updateOne(Filters.and(filters), Updates.combine(updates)).getModifiedCount() == 1;
    }

    /** The exit recorded on the investment under this (principal-scoped) Idempotency-Key, with its request's hash. */
    public Optional<StoredExit> findExitByIdempotencyKey(String investmentId, String idempotencyKey) {
        Document d = investments.find(Filters.and(Filters.eq("_id", investmentId),
                Filters.eq(EXITS + "." + IDEMPOTENCY_KEY, idempotencyKey))).projection(Projections.include(EXITS)).first();
        return d == null ? Optional.empty() : d.getList(EXITS, Document.class).stream()
                .filter(x -> idempotencyKey.equals(x.getString(IDEMPOTENCY_KEY))).findFirst()
                .map(x -> new StoredExit(x.getString("id"), x.getString("requestHash")));
    }

    /**
     * Whether the exit is recorded on the investment; when it is not, voids its id there in the same conditional
     * write, so a request that stalled past its lease can no longer record it (its recycling is refused instead).
     */
    public boolean recordedOrVoided(String investmentId, String exitId) {
        if (investments.updateOne(Filters.and(Filters.eq("_id", investmentId), Filters.ne(EXITS + ".id", exitId)),
                Updates.addToSet(VOIDED_EXITS, exitId)).getMatchedCount() == 1) {
            return false;
        }
        return investments.find(Filters.and(Filters.eq("_id", investmentId), Filters.eq(EXITS + ".id", exitId)))
                .first() != null;
    }

    private static Document exitDocument(Investment.Exit x) {
        return new Document("id", x.id()).append("kind", x.kind().name()).append("exitedOn", x.exitedOn().toString())
                .append(EXITED_FEN, x.exitedAmount() == null ? null : x.exitedAmount().fen())
                .append("proceedsFen", x.proceeds().fen())
                .append("realisedMultipleBasisPoints", x.realisedMultipleBasisPoints())
                .append("note", x.note());
    }

    private static Investment.Exit exitOf(Document x) {
        Number part = x.get(EXITED_FEN, Number.class);
        return new Investment.Exit(x.getString("id"), ExitKind.valueOf(x.getString("kind")),
                LocalDate.parse(x.getString("exitedOn")), part == null ? null : Money.ofFen(part.longValue()),
                Money.ofFen(x.get("proceedsFen", Number.class).longValue()),
                x.get("realisedMultipleBasisPoints", Number.class).longValue(), x.getString("note"));
    }

    /**
     * Inserts an investment that is committed from the start (a grant-to-investment position) with
     * its first events, under its deterministic id; false when it is already there.
     */
    public boolean insertCommittedIfAbsent(Investment committed, List<Document> outbox) {
        Document document = toDocument(committed).append("version", 1L);
        document.putAll(Outbox.initialFields(outbox));
        return MongoErrors.insertIfAbsent(investments, document);
    }

    /** The last event sequence number the investment gave out. */
    public long lastSequence(String id) {
        Document d = investments.find(Filters.eq("_id", id)).projection(Projections.include(Outbox.SEQUENCE_FIELD)).first();
        return d == null ? 0 : Outbox.lastSequence(d);
    }

    /** The investments with these ids, in that order (each fetched by {@code _id}, which every store indexes). */
    /** Every investment of a fund, in any state (a scan: the local store ignores secondary indexes). */
    public List<Investment> findByFund(String fundId) {
        List<Investment> found = new ArrayList<>();
        for (Document d : investments.find(Filters.eq("fundId", fundId)).projection(Projections.exclude(Outbox.FIELD))) {
            found.add(fromDocument(d));
        }
        return found;
    }

    /**
     * Every investment a fund's counter took (COMMITTED or EXITED, conversion positions included) that was invested on
     * a day of {@code from..to} or has an exit dated then: what a year's figures count (issue 20 item 9). A scan of the
     * investments taken (the local store ignores secondary indexes); the dates are filtered here, as the exits' dates
     * are in an array.
     */
    public List<Investment> takenOrExitedBetween(LocalDate from, LocalDate to) {
        List<Investment> found = new ArrayList<>();
        for (Document d : investments.find(Filters.in(STATE, InvestmentState.COMMITTED.name(),
                InvestmentState.EXITED.name())).projection(Projections.exclude(Outbox.FIELD))) {
            Investment i = fromDocument(d);
            if (within(i.terms().investedOn(), from, to)
                    || i.exits().stream().anyMatch(x -> within(x.exitedOn(), from, to))) {
                found.add(i);
            }
        }
        return found;
    }

    private static boolean within(LocalDate day, LocalDate from, LocalDate to) {
        return !day.isBefore(from) && !day.isAfter(to);
    }

    public List<Investment> findAll(List<String> ids) {
        List<Investment> found = new ArrayList<>(ids.size());
        for (String id : ids) {
            find(id).ifPresent(found::add);
        }
        return found;
    }

    private static Bson stale(Instant now) {
        return Filters.and(Filters.eq(STATE, InvestmentState.PENDING.name()), Filters.lt(LEASE_UNTIL, Date.from(now)));
    }

    private static Bson pendingAndOwnedBy(String id, String owner) {
        return Filters.and(Filters.eq("_id", id), Filters.eq(STATE, InvestmentState.PENDING.name()),
                Filters.eq(LEASE_OWNER, owner));
    }

    static Document toDocument(Investment i) {
        InvestmentTerms t = i.terms();
        Investment.Context c = i.context();
        Document document = new Document("_id", i.id())
                .append("fundId", i.fundId())
                .append("enterpriseUscc", t.enterpriseUscc().value())
                .append("round", t.round())
                .append("instrument", t.instrument().name())
                .append("amountFen", t.amount().fen())
                .append("stakeBasisPoints", t.stakeBasisPoints())
                .append("investedOn", t.investedOn().toString())
                .append("stage", t.stage().name())
                .append("district", c.district() == null ? null : c.district().name())
                .append("field", c.field())
                .append("firstRoundId", c.firstRoundId())
                .append("c3ResearchInfrastructure", c.c3ResearchInfrastructure())
                .append("infrastructure", c.infrastructure())
                .append("conversionId", c.conversionId())
                .append("stageAssumed", c.stageAssumed())
                .append("fromReserve", c.fromReserve())
                .append(STATE, i.state().name())
                .append("actor", i.actor())
                .append("causation", i.causation())
                .append("createdAt", Date.from(i.createdAt()));
        if (i.finishedAt() != null) {
            document.append("finishedAt", Date.from(i.finishedAt()));
        }
        if (i.approval() != null) {
            Investment.Approval a = i.approval();
            document.append("approval", new Document("id", Investment.Approval.idOf(i.id()))
                    .append("requestedBy", a.requestedBy()).append("approvedBy", a.approvedBy())
                    .append("approvedAt", a.approvedAt() == null ? null : Date.from(a.approvedAt()))
                    .append("rejectedBy", a.rejectedBy()));
        }
        if (i.usccOverride() != null) {
            document.append("usccOverride", new Document("officer", i.usccOverride().officer())
                    .append("reason", i.usccOverride().reason())
                    .append("expected", String.valueOf(i.usccOverride().expected())));
        }
        return document;
    }

    static Investment fromDocument(Document d) {
        Number stake = d.get("stakeBasisPoints", Number.class);
        InvestmentTerms terms = new InvestmentTerms(new Uscc(d.getString("enterpriseUscc")), d.getString("round"),
                Instrument.valueOf(d.getString("instrument")), Money.ofFen(d.get("amountFen", Number.class).longValue()),
                stake == null ? null : stake.intValue(), LocalDate.parse(d.getString("investedOn")),
                Stage.valueOf(d.getString("stage")));
        String district = d.getString("district");
        Investment.Context context = new Investment.Context(district == null ? null : District.of(district),
                d.getString("field"), d.getString("firstRoundId"), d.getBoolean("c3ResearchInfrastructure", false),
                d.getString("infrastructure"), d.getString("conversionId"), d.getBoolean("stageAssumed", false),
                d.getBoolean("fromReserve", false));
        Document o = d.get("usccOverride", Document.class);
        org.susong.commons.ids.UsccOverride override = o == null ? null
                : new org.susong.commons.ids.UsccOverride(o.getString("officer"), o.getString("reason"), o.getString("expected").charAt(0));
        Document r = d.get("refusal", Document.class);
        Investment.Refusal refusal = r == null ? null
                : new Investment.Refusal(r.get("field", "amountFen"), r.getString("reason"),
                        r.get("availableFen") == null ? null : Money.ofFen(r.get("availableFen", Number.class).longValue()));
        Document x = d.get("exit", Document.class);
        Investment.Exit exit = x == null ? null : exitOf(x);
        List<Document> exitDocuments = d.getList(EXITS, Document.class);
        List<Investment.Exit> exits = exitDocuments == null ? null
                : exitDocuments.stream().map(InvestmentRepository::exitOf).toList();
        Date finished = d.getDate("finishedAt");
        Document a = d.get("approval", Document.class);
        Investment.Approval approval = a == null ? null : new Investment.Approval(a.getString("requestedBy"),
                a.getString("approvedBy"), a.getDate("approvedAt") == null ? null : a.getDate("approvedAt").toInstant(),
                a.getString("rejectedBy"));
        return new Investment(d.getString("_id"), d.getString("fundId"), terms, context,
                InvestmentState.valueOf(d.getString(STATE)), d.getString("actor"), d.getString("causation"),
                d.getDate("createdAt").toInstant(), override, finished == null ? null : finished.toInstant(), refusal, exit,
                approval, exits);
    }
}
