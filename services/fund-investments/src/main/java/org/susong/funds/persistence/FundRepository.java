package org.susong.funds.persistence;


import com.mongodb.client.MongoDatabase;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.bson.Document;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import org.susong.commons.idempotency.IdempotencyRecords;
import org.bson.conversions.Bson;
import org.susong.commons.ids.District;
import org.susong.commons.messaging.Outbox;
import org.susong.commons.money.Money;
import org.susong.commons.persistence.GuardedCounter;
import org.susong.commons.persistence.MongoErrors;
import org.susong.funds.domain.Capital;
import org.susong.funds.domain.CapitalSource;
import org.susong.funds.domain.Fund;
import org.susong.funds.domain.FundFigures;
import org.susong.funds.domain.FundKind;
import org.susong.funds.domain.FundStatus;
import org.susong.funds.domain.PendingTarget;
import org.susong.funds.domain.Instrument;
import org.susong.funds.domain.Placement;
import org.susong.funds.domain.Stage;
import org.susong.funds.domain.Tally;

/**
 * Funds, one small document each. The document is also the counter every money movement is applied
 * to, exactly once, with {@link GuardedCounter} (the intent id is recorded in the same update):
 * investments and conversions move {@code availableFen}/{@code investedFen}; commitments, capital
 * calls and paid-in move the capital by source. The same update keeps the fund's share of the
 * investment figures ({@code figures.byDistrict|byStage|byField}), so the figures read a handful of
 * fund documents instead of scanning every investment. Funds carry no outbox: investments,
 * conversions and capital movements do.
 */
@ApplicationScoped
public class FundRepository {

    public static final String COLLECTION = "funds";
    static final String AVAILABLE = "availableFen";
    static final String INVESTED = "investedFen";
    static final String RECYCLED = "recycledFen";
    /** The reserve held back and not yet spent (issue 20 item 9: fees and follow-ons draw from it). */
    static final String RESERVE = "reserveFen";
    /** Management fees paid from the reserve (money that left the fund). */
    static final String RESERVE_FEES = "reserveFeesFen";
    /** Follow-on investments drawn from the reserve (also in {@code investedFen}). */
    static final String RESERVE_FOLLOW_ONS = "reserveFollowOnsFen";
    /** A parent fund's commitments to its sub-funds (fund of funds; a figure, no money moves). */
    static final String SUB_FUNDS_COMMITTED = "subFundsCommittedFen";
    /** What a parent fund paid into its sub-funds (also in {@code investedFen}). */
    static final String SUB_FUNDS_PAID_IN = "subFundsPaidInFen";
    static final String UNCOMMITTED = "uncommittedFen";
    static final String TARGET = "targetSizeFen";
    static final String PENDING_TARGET = "pendingTarget";
    static final String TARGET_APPROVAL = "targetApproval";
    static final String FIGURES = "figures";
    /** How many times the manager or scope changed through the API ({@link #changeScope}). */
    static final String SCOPE_VERSION = "scopeVersion";
    static final String CONVERSION_FENCE = "conversionFence";
    static final String CAPITAL_REFUSED = "capitalRefused";
    /** Investments a finisher refused: a request that stalled past its lease can no longer apply them. */
    static final String INVESTMENTS_REFUSED = "investmentsRefused";
    /** Bucket of the figures for an investment whose district or field is not known. */
    public static final String UNSPECIFIED = Placement.UNSPECIFIED;

    private final MongoCollection<Document> funds;
    /** Running totals per key and business day, for the second-approval limit ({@link #addWithinDailyLimit}). */
    private final MongoCollection<Document> dailyTotals;

    FundRepository(MongoDatabase database) {
        this.funds = database.getCollection(COLLECTION);
        this.dailyTotals = database.getCollection("daily_totals");
    }

    /**
     * Inserts the fund under its deterministic id with its outbox (its {@code FundScopePublished}, one write); false when
     * it is already there (seeded before, or by another replica).
     */
    public boolean insertIfAbsent(Fund fund, int seedVersion, Instant now, List<Document> outbox) {
        return MongoErrors.insertIfAbsent(funds, toDocument(fund).append("seedVersion", seedVersion).append("seededAt", Date.from(now))
                .append(Outbox.FIELD, outbox).append(Outbox.SEQUENCE_FIELD, (long) outbox.size()));
    }

    void indexes(@Observes StartupEvent event) {
        // one fund per (administrator, Idempotency-Key) of POST /funds
        IdempotencyRecords.index(funds);
    }

    /**
     * Inserts a fund registered through the API with its outbox and, when the request had an {@code Idempotency-Key},
     * the key's record, in one write; false when the id (or the key) is taken.
     */
    public boolean insertRegistered(Fund fund, Instant now, List<Document> outbox, IdempotencyRecords.Record idempotency) {
        Document document = toDocument(fund).append("registeredAt", Date.from(now))
                .append(Outbox.FIELD, outbox).append(Outbox.SEQUENCE_FIELD, (long) outbox.size());
        if (idempotency != null) {
            idempotency.appendTo(document);
        }
        return MongoErrors.insertIfAbsent(funds, document);
    }

    /**
     * The answer kept with a live Idempotency-Key record (a record past its retention is forgotten here); 422 naming
     * {@code Idempotency-Key} when {@code requestHash} is not the body the key registered.
     */
    public Optional<IdempotencyRecords.Replayed> replay(String scopedKey, String requestHash, Instant now) {
        return IdempotencyRecords.replay(funds, scopedKey, requestHash, now, "fundId");
    }

    /** Forgets Idempotency-Key records past their retention; the funds stay. Returns how many. */
    public long purgeIdempotency(Instant now) {
        return IdempotencyRecords.purge(funds, now);
    }

    /**
     * A fund's manager and scope as read, with the sequence of its last event and the count of its changes
     * ({@code scopeVersion}, absent = 0): what a change is conditional on.
     */
    public record Scope(Fund fund, long lastSequence, long version) {
    }

    public Optional<Scope> scope(String fundId) {
        Document d = funds.find(Filters.eq("_id", fundId))
                .projection(Projections.exclude(GuardedCounter.APPLIED, CAPITAL_REFUSED, INVESTMENTS_REFUSED, FIGURES, Outbox.FIELD))
                .first();
        return Optional.ofNullable(d).map(found -> new Scope(fromDocument(found), Outbox.lastSequence(found),
                number(found, SCOPE_VERSION)));
    }

    /**
     * Sets the manager, stages, fields and instruments read in {@code read} as changed in {@code changed} and appends
     * {@code outbox} (the new scope's event, or nothing), in one write conditional on the fund's event sequence and on
     * the change count read: a concurrent change makes it return false (the caller reads again).
     */
    public boolean changeScope(Scope read, Fund changed, List<Document> outbox) {
        Bson version = read.version() == 0 ? Filters.or(Filters.eq(SCOPE_VERSION, 0L), Filters.exists(SCOPE_VERSION, false))
                : Filters.eq(SCOPE_VERSION, read.version());
        return funds.updateOne(Filters.and(Filters.eq("_id", changed.id()),
                        Filters.eq(Outbox.SEQUENCE_FIELD, read.lastSequence()), version),
                Updates.combine(Updates.inc(SCOPE_VERSION, 1L), Updates.set("manager", changed.manager()),
                        Updates.set("stages", names(changed.mandate().stages())),
                        Updates.set("fields", changed.mandate().fields()),
                        Updates.set("instruments", names(changed.mandate().instruments())), Outbox.append(outbox)))
                .getMatchedCount() == 1;
    }

    public List<Fund> findAll() {
        return findAll(Optional.empty());
    }

    /** Every fund, or only those with these ids (a fund manager's list is filtered in the query). */
    public List<Fund> findAll(Optional<java.util.Set<String>> only) {
        List<Fund> all = new ArrayList<>();
        Bson filter = only.<Bson>map(ids -> Filters.in("_id", ids)).orElse(new Document());
        for (Document d : funds.find(filter).projection(Projections.exclude(GuardedCounter.APPLIED, CAPITAL_REFUSED, INVESTMENTS_REFUSED, FIGURES))
                .sort(Sorts.ascending("_id"))) {
            all.add(fromDocument(d));
        }
        return all;
    }

    public Optional<Fund> find(String id) {
        return Optional.ofNullable(funds.find(Filters.eq("_id", id))
                .projection(Projections.exclude(GuardedCounter.APPLIED, CAPITAL_REFUSED, INVESTMENTS_REFUSED, FIGURES)).first())
                .map(FundRepository::fromDocument);
    }

    /** Every fund's share of the investment figures, by fund id. */
    public Map<String, FundFigures> figures() {
        Map<String, FundFigures> all = new java.util.TreeMap<>();
        for (Document d : funds.find().projection(Projections.include(FIGURES))) {
            Document f = d.get(FIGURES, Document.class);
            if (f == null) {
                f = new Document();
            }
            all.put(d.getString("_id"), new FundFigures(buckets(f.get("byDistrict", Document.class)),
                    buckets(f.get("byStage", Document.class)), buckets(f.get("byField", Document.class)),
                    bucket(f.get("followOn", Document.class)), bucket(f.get("c3FollowOn", Document.class))));
        }
        return all;
    }

    /**
     * Takes the investment off the fund's available money exactly once: only while the fund is
     * OPEN and has at least {@code amount} available, and only if this investment id is not yet
     * recorded on the fund.
     */
    public GuardedCounter.Outcome apply(String fundId, String investmentId, Money amount, Placement placement) {
        if (placement.fromReserve()) {
            // a follow-on drawn from the reserve (issue 20 item 9): the reserve pays it, the money available stays
            return GuardedCounter.apply(funds, fundId, investmentId,
                    Filters.and(Filters.gte(RESERVE, amount.fen()), Filters.eq("status", FundStatus.OPEN.name()),
                            Filters.ne(INVESTMENTS_REFUSED, investmentId)),
                    Updates.combine(Updates.inc(RESERVE, -amount.fen()), Updates.inc(RESERVE_FOLLOW_ONS, amount.fen()),
                            Updates.inc(INVESTED, amount.fen()), Updates.inc("investmentCount", 1L),
                            figures(amount, placement)));
        }
        return GuardedCounter.apply(funds, fundId, investmentId,
                Filters.and(Filters.gte(AVAILABLE, amount.fen()), Filters.eq("status", FundStatus.OPEN.name()),
                        Filters.ne(INVESTMENTS_REFUSED, investmentId)),
                Updates.combine(Updates.inc(AVAILABLE, -amount.fen()), Updates.inc(INVESTED, amount.fen()),
                        Updates.inc("investmentCount", 1L), figures(amount, placement)));
    }

    /**
     * A management fee paid from the reserve (issue 20 item 9), once per movement id, only while the reserve holds at
     * least {@code amount} and the movement's refusal is not recorded: the reserve shrinks by it and the fees paid grow;
     * the money available to invest does not change (the fee was held back from it when the capital was paid in).
     */
    public GuardedCounter.Outcome applyManagementFee(String fundId, String movementId, Money amount) {
        long fen = amount.fen();
        return GuardedCounter.apply(funds, fundId, movementId, notRefused(movementId, Filters.gte(RESERVE, fen)),
                Updates.combine(Updates.inc(RESERVE, -fen), Updates.inc(RESERVE_FEES, fen)));
    }

    /**
     * A management fee refunded into the reserve (issue 20 item 9), once per movement id ({@code RFD-<feeId>}), only
     * while the fees paid are at least {@code amount} and the refund's refusal is not recorded: the reserve grows by it
     * and the fees paid shrink (the money available does not change, as for the fee).
     */
    public GuardedCounter.Outcome applyFeeRefund(String fundId, String movementId, Money amount) {
        long fen = amount.fen();
        return GuardedCounter.apply(funds, fundId, movementId, notRefused(movementId, Filters.gte(RESERVE_FEES, fen)),
                Updates.combine(Updates.inc(RESERVE, fen), Updates.inc(RESERVE_FEES, -fen)));
    }

    /**
     * A sub-fund's {@code PARENT_FUND} commitment counted on its parent (fund of funds, issue 20 item 9), once per
     * movement id (the parent records it too), after the sub-fund's own guarded update applied it: no guard can refuse
     * it (no money moves at commitment).
     */
    public GuardedCounter.Outcome countSubFundCommitment(String parentId, String movementId, String subFundId, Money amount) {
        long fen = amount.fen();
        return GuardedCounter.apply(funds, parentId, movementId, Filters.exists("_id"),
                Updates.combine(Updates.inc(SUB_FUNDS_COMMITTED, fen), Updates.inc("subFunds." + subFundId + ".committedFen", fen)));
    }

    /**
     * The parent's money paid into its sub-fund for a {@code PARENT_FUND} call (fund of funds, issue 20 item 9), once per
     * movement id, only while the parent has at least {@code amount} available and the movement's refusal is not
     * recorded on the parent: its available shrinks and its invested grows by it (the parent's investment in the
     * sub-fund). Applied to the parent before the sub-fund's paid-in, whose update cannot refuse.
     */
    public GuardedCounter.Outcome applyParentPayment(String parentId, String movementId, String subFundId, Money amount) {
        long fen = amount.fen();
        return GuardedCounter.apply(funds, parentId, movementId, notRefused(movementId, Filters.gte(AVAILABLE, fen)),
                Updates.combine(Updates.inc(AVAILABLE, -fen), Updates.inc(INVESTED, fen), Updates.inc(SUB_FUNDS_PAID_IN, fen),
                        Updates.inc("subFunds." + subFundId + ".paidInFen", fen)));
    }

    /** The reserve the fund holds now (held back and not spent), empty for an unknown fund. */
    public Optional<Money> reserve(String fundId) {
        return Optional.ofNullable(funds.find(Filters.eq("_id", fundId)).projection(Projections.include(RESERVE)).first())
                .map(d -> fen(d, RESERVE));
    }

    /**
     * Grant-to-investment (C1/D1), exactly once per conversion, only while the fund is OPEN: the award
     * becomes city fiscal capital committed, called and paid in, and at once invested in the
     * beneficiary - so what the fund has available for other investments does not change, and no
     * reserve is held back on money that is invested in the same step. Fenced: refused once the
     * fund's {@code conversionFence} has risen above {@code fence} (the value the caller read before
     * it claimed the conversion), because a delivery that took over an expired claim raises it.
     */
    public GuardedCounter.Outcome applyConversion(String fundId, String conversionId, Money amount, Placement placement,
                                                  long fence) {
        long fen = amount.fen();
        String source = "capital." + CapitalSource.CITY_FISCAL.name() + ".";
        return GuardedCounter.apply(funds, fundId, conversionId, Filters.and(Filters.eq("status", FundStatus.OPEN.name()),
                        Filters.or(Filters.exists(CONVERSION_FENCE, false), Filters.lte(CONVERSION_FENCE, fence))),
                Updates.combine(Updates.inc(source + "committedFen", fen), Updates.inc(source + "calledFen", fen),
                        Updates.inc(source + "paidInFen", fen), Updates.inc("committedFen", fen),
                        Updates.inc("calledFen", fen), Updates.inc("paidInFen", fen), Updates.inc(UNCOMMITTED, -fen),
                        Updates.inc(INVESTED, fen), Updates.inc("investmentCount", 1L), Updates.inc("convertedFen", fen),
                        Updates.inc("conversionCount", 1L), figures(amount, placement)));
    }

    /** The fund's conversion fence (0 until a delivery first took a conversion over). */
    public long conversionFence(String fundId) {
        Document d = funds.find(Filters.eq("_id", fundId)).projection(Projections.include(CONVERSION_FENCE)).first();
        return d == null ? 0 : number(d, CONVERSION_FENCE);
    }

    /**
     * Raises the conversion fence and answers its new value: a delivery that took over a conversion
     * whose claim expired does this before it moves the fund, so that the stalled holder's update,
     * fenced with an older value, is refused.
     */
    public long raiseConversionFence(String fundId) {
        Document d = funds.findOneAndUpdate(Filters.eq("_id", fundId), Updates.inc(CONVERSION_FENCE, 1L),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER).projection(
                        Projections.include(CONVERSION_FENCE)));
        return d == null ? 0 : number(d, CONVERSION_FENCE);
    }

    /**
     * A new commitment of a source, once per movement id, only within the fund's target size. Like
     * every capital movement, never once its refusal is recorded ({@link #recordCapitalRefusal}).
     */
    public GuardedCounter.Outcome applyCommitment(String fundId, String movementId, CapitalSource source, Money amount) {
        long fen = amount.fen();
        String prefix = "capital." + source.name() + ".";
        return GuardedCounter.apply(funds, fundId, movementId, notRefused(movementId, Filters.gte(UNCOMMITTED, fen)),
                Updates.combine(Updates.inc(prefix + "committedFen", fen), Updates.inc(prefix + "uncalledFen", fen),
                        Updates.inc("committedFen", fen), Updates.inc(UNCOMMITTED, -fen)));
    }

    /** A capital call on a source, once per movement id, only within what the source committed and was not yet called. */
    public GuardedCounter.Outcome applyCall(String fundId, String movementId, CapitalSource source, Money amount) {
        long fen = amount.fen();
        String prefix = "capital." + source.name() + ".";
        return GuardedCounter.apply(funds, fundId, movementId, notRefused(movementId, Filters.gte(prefix + "uncalledFen", fen)),
                Updates.combine(Updates.inc(prefix + "uncalledFen", -fen), Updates.inc(prefix + "calledFen", fen),
                        Updates.inc("calledFen", fen)));
    }

    /**
     * Money of a call paid in, once per movement id: paid-in grows by {@code amount}, the reserve by
     * {@code reserve}, and what the fund may invest by the difference.
     */
    public GuardedCounter.Outcome applyPaidIn(String fundId, String movementId, CapitalSource source, Money amount,
                                              Money reserve) {
        long fen = amount.fen();
        return GuardedCounter.apply(funds, fundId, movementId, notRefused(movementId, Filters.exists("_id")),
                Updates.combine(Updates.inc("capital." + source.name() + ".paidInFen", fen), Updates.inc("paidInFen", fen),
                        Updates.inc("reserveFen", reserve.fen()), Updates.inc(AVAILABLE, fen - reserve.fen())));
    }

    /**
     * Exit proceeds recycled, once per movement id ({@code RCY-<exitId>}): what the fund may invest grows by
     * {@code amount}, and so does {@code recycledFen}. No other guard: the money is the fund's, open or closed.
     */
    public GuardedCounter.Outcome applyRecycled(String fundId, String movementId, Money amount) {
        long fen = amount.fen();
        return GuardedCounter.apply(funds, fundId, movementId, notRefused(movementId, Filters.exists("_id")),
                Updates.combine(Updates.inc(RECYCLED, fen), Updates.inc(AVAILABLE, fen)));
    }

    /**
     * Records on the fund that its counter refused the capital movement, unless the movement was
     * applied meanwhile (false then: a request that stalled past its lease applied it after this
     * finisher's guard said no). Once recorded, no stalled request can apply it any more.
     */
    public boolean recordInvestmentRefusal(String fundId, String investmentId) {
        return funds.updateOne(Filters.and(Filters.eq("_id", fundId), Filters.ne(GuardedCounter.APPLIED, investmentId)),
                Updates.addToSet(INVESTMENTS_REFUSED, investmentId)).getMatchedCount() == 1;
    }

    /**
     * Records on the fund that its counter refused the capital movement, unless the movement was
     * applied meanwhile (false then). Same rule for investments: {@link #recordInvestmentRefusal}.
     */
    public boolean recordCapitalRefusal(String fundId, String movementId) {
        return funds.updateOne(Filters.and(Filters.eq("_id", fundId), Filters.ne(GuardedCounter.APPLIED, movementId)),
                Updates.addToSet(CAPITAL_REFUSED, movementId)).getMatchedCount() == 1;
    }

    private static Bson notRefused(String movementId, Bson guard) {
        return Filters.and(guard, Filters.ne(CAPITAL_REFUSED, movementId));
    }

    /**
     * Adds {@code amountFen} to the running total of {@code key} (e.g. the investments in a fund made without a second approver) on the
     * business day, unless the total would then exceed {@code limitFen}: false then, and nothing is added (the
     * caller asks for a second approver). One guarded {@code $inc}, so two requests at once cannot both pass the
     * limit. An amount added for a request that then fails stays counted (more approvals, never fewer).
     */
    public boolean addWithinDailyLimit(String key, LocalDate day, long amountFen, long limitFen) {
        return org.susong.commons.persistence.DailyLimit.add(dailyTotals, key, day, null, amountFen, limitFen);
    }

    /**
     * Removes the running totals of the days before {@code firstKept} (the day ends each id; an id without one is left
     * alone). Old days are never added to again (a total is only ever added to on the current business day), so a
     * removal races nothing. The collection holds one document per key and day kept: the ids are read whole.
     *
     * @return how many were removed
     */
    public long purgeDailyTotalsBefore(LocalDate firstKept) {
        List<String> old = new ArrayList<>();
        dailyTotals.find().projection(Projections.include("_id")).forEach(d -> {
            String id = d.getString("_id");
            try {
                if (LocalDate.parse(id.substring(id.lastIndexOf(':') + 1)).isBefore(firstKept)) {
                    old.add(id);
                }
            } catch (java.time.format.DateTimeParseException e) {
                // not a day's total
            }
        });
        return old.isEmpty() ? 0 : dailyTotals.deleteMany(Filters.in("_id", old)).getDeletedCount();
    }

    /** Drops the intent id from the fund once the intent itself records that it was applied. */
    public void forget(String fundId, String intentId) {
        GuardedCounter.forget(funds, fundId, intentId);
    }

    /** Whether the intent was applied to the fund and not yet forgotten (a crash between the steps). */
    public boolean hasApplied(String fundId, String intentId) {
        Document d = funds.find(Filters.eq("_id", fundId)).projection(Projections.include(GuardedCounter.APPLIED)).first();
        return d != null && d.getList(GuardedCounter.APPLIED, String.class, List.of()).contains(intentId);
    }

    /**
     * Sets the fund's target size and moves {@code uncommittedFen} (target - committed, what the
     * commitments' guard reads) by the difference in the same update, conditional on the target read
     * before (a concurrent change makes it read again) and refused while it would put the target below
     * what is committed.
     *
     * @return false when the target would fall below the commitments
     */
    public boolean setTargetSize(String fundId, Money target) {
        return setTargetSize(fundId, target, new Document(), new Document());
    }

    /**
     * Approves the pending target change {@code pending} (maker-checker): sets its target as
     * {@link #setTargetSize(String, Money)} does and, in the same write, removes it from the fund and
     * records the approval, only while it is still the fund's pending change.
     *
     * @return false when the target would fall below the commitments, or the change is no longer pending
     */
    public boolean approveTarget(String fundId, PendingTarget pending, String approver, Instant now) {
        return setTargetSize(fundId, Money.ofFen(pending.targetSizeFen()), Filters.eq(PENDING_TARGET + ".id", pending.id()),
                Updates.combine(Updates.unset(PENDING_TARGET), Updates.set(TARGET_APPROVAL, new Document("id", pending.id())
                        .append("targetSizeFen", pending.targetSizeFen()).append("requestedBy", pending.requestedBy())
                        .append("approvedBy", approver).append("approvedAt", Date.from(now)))));
    }

    private boolean setTargetSize(String fundId, Money target, Bson also, Bson andSet) {
        while (true) {
            Document d = funds.find(Filters.eq("_id", fundId)).projection(Projections.include(TARGET)).first();
            if (d == null) {
                return false;
            }
            long before = number(d, TARGET);
            long delta = target.fen() - before;
            if (funds.updateOne(Filters.and(Filters.eq("_id", fundId), Filters.eq(TARGET, before),
                            Filters.gte(UNCOMMITTED, -delta), also),
                    Updates.combine(Updates.set(TARGET, target.fen()), Updates.inc(UNCOMMITTED, delta), andSet))
                    .getMatchedCount() == 1) {
                return true;
            }
            Document now = funds.find(Filters.eq("_id", fundId)).projection(Projections.include(TARGET)).first();
            if (now == null || number(now, TARGET) == before) {
                return false; // the guard said no: below what is committed (or the pending change is gone)
            }
        }
    }

    /** The last approved target change of a fund: the approval's own id is the change's id. */
    public record TargetApproval(String id, long targetSizeFen, String requestedBy, String approvedBy) {
    }

    /** Records a target change waiting for approval; false when another one is already waiting. */
    public boolean proposeTarget(String fundId, PendingTarget pending) {
        return funds.updateOne(Filters.and(Filters.eq("_id", fundId), Filters.exists(PENDING_TARGET, false)),
                Updates.set(PENDING_TARGET, new Document("id", pending.id()).append("targetSizeFen", pending.targetSizeFen())
                        .append("requestedBy", pending.requestedBy()).append("requestedAt", Date.from(pending.requestedAt()))))
                .getModifiedCount() == 1;
    }

    public Optional<PendingTarget> pendingTarget(String fundId) {
        return targetField(fundId, PENDING_TARGET).map(p -> new PendingTarget(p.getString("id"),
                number(p, "targetSizeFen"), p.getString("requestedBy"), p.getDate("requestedAt").toInstant()));
    }

    public Optional<TargetApproval> lastTargetApproval(String fundId) {
        return targetField(fundId, TARGET_APPROVAL).map(a -> new TargetApproval(a.getString("id"),
                number(a, "targetSizeFen"), a.getString("requestedBy"), a.getString("approvedBy")));
    }

    private Optional<Document> targetField(String fundId, String field) {
        return Optional.ofNullable(funds.find(Filters.eq("_id", fundId)).projection(Projections.include(field)).first())
                .map(d -> d.get(field, Document.class));
    }

    /** Opens or closes the fund to new investments and conversions; false when unknown. */
    public boolean setStatus(String fundId, FundStatus status) {
        return funds.updateOne(Filters.eq("_id", fundId), Updates.set("status", status.name())).getMatchedCount() == 1;
    }

    /** The fund's counter as stored (what the guard compares with). */
    public Optional<Money> available(String fundId) {
        return Optional.ofNullable(funds.find(Filters.eq("_id", fundId)).projection(Projections.include(AVAILABLE)).first())
                .map(d -> Money.ofFen(d.get(AVAILABLE, Number.class).longValue()));
    }

    private static Bson figures(Money amount, Placement p) {
        List<Bson> updates = new ArrayList<>();
        bucketInc(updates, "byStage." + p.stage().name(), amount);
        bucketInc(updates, "byDistrict." + p.districtKey(), amount);
        bucketInc(updates, "byField." + p.fieldKey(), amount);
        if (p.followOn()) {
            bucketInc(updates, "followOn", amount);
        }
        if (p.c3()) {
            bucketInc(updates, "c3FollowOn", amount);
        }
        return Updates.combine(updates);
    }

    private static void bucketInc(List<Bson> updates, String path, Money amount) {
        updates.add(Updates.inc(FIGURES + "." + path + ".count", 1L));
        updates.add(Updates.inc(FIGURES + "." + path + ".amountFen", amount.fen()));
    }

    private static Map<String, Tally> buckets(Document d) {
        Map<String, Tally> all = new java.util.TreeMap<>();
        if (d != null) {
            d.forEach((key, value) -> all.put(key, bucket((Document) value)));
        }
        return all;
    }

    private static Tally bucket(Document d) {
        return d == null ? Tally.ZERO : new Tally(number(d, "count"), number(d, "amountFen"));
    }

    /**
     * Brings fund documents of the first seed format ({@code capital} an array of {source,
     * committedFen, paidInFen}, no called or uncommitted figures) to the current one: capital by source
     * with called (= paid-in, as that format seeded it) and uncalled, the fund's {@code calledFen} and
     * {@code uncommittedFen}, {@code convertedFen} and {@code conversionCount} (0: no conversion could
     * apply to that format). Each update is conditional on the array read, so replicas starting
     * together migrate a fund once and a second run finds nothing to do; the counters that did move on
     * the old format (available, invested, figures) are left as they are.
     *
     * @return how many fund documents this call migrated
     */
    public int migrateFirstFormat() {
        int migrated = 0;
        for (Document d : funds.find().projection(Projections.exclude(GuardedCounter.APPLIED, FIGURES))) {
            if (!(d.get("capital") instanceof List<?> firstFormat)) {
                continue;
            }
            Fund f = fromDocument(d);
            Bson update = Updates.combine(Updates.set("capital", capital(f)), Updates.set("calledFen", f.called().fen()),
                    Updates.set(UNCOMMITTED, f.targetSize().minus(f.committed()).fen()),
                    Updates.set("convertedFen", f.converted().fen()), Updates.set("conversionCount", 0L),
                    Updates.set("migratedFromSeedFormat", 1));
            if (funds.updateOne(Filters.and(Filters.eq("_id", f.id()), Filters.eq("capital", firstFormat)), update)
                    .getModifiedCount() == 1) {
                migrated++;
            }
        }
        return migrated;
    }

    private static Document capital(Fund f) {
        Document capital = new Document();
        f.capital().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> capital.append(e.getKey().name(),
                new Document("committedFen", e.getValue().committed().fen())
                        .append("calledFen", e.getValue().called().fen())
                        .append("uncalledFen", e.getValue().uncalled().fen())
                        .append("paidInFen", e.getValue().paidIn().fen())));
        return capital;
    }

    static Document toDocument(Fund f) {
        Document capital = capital(f);
        return new Document("_id", f.id())
                .append("nameZh", f.names().chinese())
                .append("nameEn", f.names().english())
                .append("kind", f.kind().name())
                .append("parentFundId", f.parentFundId())
                .append("manager", f.manager())
                .append("targetSizeFen", f.targetSize().fen())
                .append("capital", capital)
                .append("committedFen", f.committed().fen())
                .append(UNCOMMITTED, f.targetSize().minus(f.committed()).fen())
                .append("calledFen", f.called().fen())
                .append("paidInFen", f.paidIn().fen())
                .append("reserveBasisPoints", f.reserveBasisPoints())
                .append("reserveFen", f.reserve().fen())
                .append(INVESTED, f.invested().fen())
                .append(AVAILABLE, f.available().fen())
                .append("convertedFen", f.converted().fen())
                .append(RECYCLED, f.recycled().fen())
                .append(RESERVE_FEES, f.reserveSpent().fees().fen())
                .append(RESERVE_FOLLOW_ONS, f.reserveSpent().followOns().fen())
                .append("investmentCount", 0L)
                .append("conversionCount", 0L)
                .append("stages", names(f.mandate().stages()))
                .append("fields", f.mandate().fields())
                .append("instruments", names(f.mandate().instruments()))
                .append("status", f.status().name())
                .append("inHundredBillionTarget", f.inHundredBillionTarget())
                .append("placeholder", f.provenance().placeholder())
                .append("placeholderNote", f.provenance().note())
                .append("vintageYear", f.vintageYear())
                .append(FIGURES, new Document())
                .append(GuardedCounter.APPLIED, List.of());
    }

    static Fund fromDocument(Document d) {
        Map<CapitalSource, Capital> capital = new EnumMap<>(CapitalSource.class);
        Object stored = d.get("capital");
        if (stored instanceof Document bySource) {
            bySource.forEach((source, value) -> {
                Document c = (Document) value;
                capital.put(CapitalSource.valueOf(source), new Capital(fen(c, "committedFen"), fen(c, "calledFen"),
                        fen(c, "paidInFen")));
            });
        } else if (stored instanceof List<?> legacy) { // seedVersion 1: an array of {source, committedFen, paidInFen}
            for (Object o : legacy) {
                Document c = (Document) o;
                capital.put(CapitalSource.valueOf(c.getString("source")),
                        Capital.of(number(c, "committedFen"), number(c, "paidInFen")));
            }
        }
        Fund.Mandate mandate = new Fund.Mandate(
                d.getList("stages", String.class, List.of()).stream().map(Stage::valueOf).collect(Collectors.toSet()),
                d.getList("fields", String.class, List.of()),
                d.getList("instruments", String.class, List.of()).stream().map(Instrument::valueOf).collect(Collectors.toSet()));
        return new Fund(d.getString("_id"), new Fund.Names(d.getString("nameZh"), d.getString("nameEn")),
                FundKind.valueOf(d.getString("kind")), d.getString("parentFundId"), d.getString("manager"),
                fen(d, "targetSizeFen"), capital, d.get("reserveBasisPoints", Number.class).intValue(), fen(d, "reserveFen"),
                mandate, FundStatus.valueOf(d.getString("status")), d.getBoolean("inHundredBillionTarget", false),
                new Fund.Provenance(d.getBoolean("placeholder", false), d.getString("placeholderNote")), fen(d, INVESTED),
                fen(d, "convertedFen"), fen(d, RECYCLED), d.get("vintageYear", Number.class) == null ? null
                : d.get("vintageYear", Number.class).intValue(),
                new Fund.ReserveSpent(fen(d, RESERVE_FEES), fen(d, RESERVE_FOLLOW_ONS)),
                new Fund.SubFunds(fen(d, SUB_FUNDS_COMMITTED), fen(d, SUB_FUNDS_PAID_IN)));
    }

    private static Money fen(Document d, String field) {
        return Money.ofFen(number(d, field));
    }

    private static long number(Document d, String field) {
        Number n = d.get(field, Number.class);
        return n == null ? 0 : n.longValue();
    }

    private static <E extends Enum<E>> List<String> names(Set<E> values) {
        return values.stream().sorted().map(Enum::name).toList();
    }
}
