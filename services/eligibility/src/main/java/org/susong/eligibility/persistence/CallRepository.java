package org.susong.eligibility.persistence;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.susong.commons.messaging.Outbox;
import org.susong.commons.persistence.MongoErrors;
import org.susong.commons.states.StoredText;
import org.susong.eligibility.domain.Call;
import org.susong.eligibility.domain.CallRanking;
import org.susong.eligibility.domain.CallState;
import org.susong.eligibility.domain.Criterion;
import org.susong.eligibility.domain.DisbursementMode;
import org.susong.eligibility.domain.Measure;

/**
 * Calls for proposals (issue 19): {@code calls}, one document per call with its outbox ({@code CallOpened}), the ids of
 * the applications it took ({@code applicationIds}, the one place both a late application and the ranking write, so
 * one of them always sees the other), its {@code state} (OPEN, RANKING, AWARDED; REFUSED when payments could not reserve
 * its envelope; CANCELLED by an administrator before its ranking) and, once ranked, the stored ranking and {@code CallClosed};
 * while a CANCELLED or RANKING call's decisions are not all written it carries {@code decisionsPending} (the instant of
 * the state's write, set in that write, removed with {@code decisionsAt} once the last decision is written: the
 * resumer's found set, {@link #undecided}); {@code call_entries}, one document per application to a call ({@code _id} the application id) with its score
 * sheet, its declared conflicts and a {@code version} every change is guarded on.
 */
@ApplicationScoped
public class CallRepository {

    public static final String COLLECTION = "calls";
    public static final String ENTRIES = "call_entries";

    private final MongoCollection<Document> calls;
    private final MongoCollection<Document> entries;

    CallRepository(MongoDatabase database) {
        this.calls = database.getCollection(COLLECTION);
        this.entries = database.getCollection(ENTRIES);
    }

    /**
     * A sparse index on {@code decisionsPending}: it holds only the calls whose decisions are being written (or a crash
     * left unwritten), so the resumer's read ({@link #undecided}) walks those, not every call ever cancelled.
     */
    void indexes(@Observes StartupEvent event) {
        calls.createIndex(Indexes.ascending(DECISIONS_PENDING), new IndexOptions().sparse(true));
        calls.createIndex(Indexes.ascending(ROUNDS_PENDING), new IndexOptions().sparse(true));
        calls.createIndex(Indexes.descending("openedAt", "_id"));
        entries.createIndex(Indexes.ascending("callId", "submittedAt", "_id"));
    }

    /** A page of calls, newest first ({@code openedAt}, then id), narrowed to a state and a measure when given. */
    public org.susong.commons.rest.Page<Stored> page(Optional<CallState> state, Optional<String> measureCode, String cursor,
                                                    int limit) {
        List<Bson> conditions = new ArrayList<>(List.of(Filters.empty()));
        state.ifPresent(s -> conditions.add(Filters.eq("state", s.stored())));
        measureCode.ifPresent(m -> conditions.add(Filters.eq("measureCode", m)));
        return org.susong.commons.persistence.Keyset.page(calls, Filters.and(conditions), "openedAt", cursor, limit, null,
                CallRepository::stored);
    }

    /**
     * A page of a call's entries in submission order ({@code submittedAt}, then application id), narrowed to the
     * district's stored forms when given (an entry keeps the district as its submission stated it).
     */
    public org.susong.commons.rest.Page<Entry> entriesOf(String callId, Optional<List<String>> districtForms, String cursor,
                                                        int limit) {
        List<Bson> conditions = new ArrayList<>(List.of(Filters.eq("callId", callId)));
        districtForms.ifPresent(forms -> conditions.add(Filters.in("district", forms)));
        return org.susong.commons.persistence.Keyset.page(entries, Filters.and(conditions), "submittedAt",
                org.susong.commons.persistence.Keyset.Order.ASCENDING, cursor, limit, null, CallRepository::entry);
    }

    /**
     * The field a ranked call carries from the first withdrawal of one of its awards until the round that hands that
     * award on has every decision written (the earliest such withdrawal's instant; issue 19 item 3).
     */
    public static final String ROUNDS_PENDING = "roundsPending";

    /** The field a CANCELLED or RANKING call carries until its last decision is written (the instant of its state's write). */
    public static final String DECISIONS_PENDING = "decisionsPending";

    /** The stored form of a call (state OPEN, no application yet), without its outbox. */
    private static Document document(Call c, Date openedAt) {
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
                .append("disbursementMode", StoredText.text(c.disbursementMode()))
                .append("openedBy", c.openedBy()).append("openedAt", openedAt)
                .append("state", CallState.OPEN.stored()).append("applicationIds", List.of()).append("members", 0L);
    }

    private static Call call(Document d) {
        return new Call(d.getString("_id"), d.getInteger("version"), d.getString("measureCode"),
                d.getInteger("measureVersion"), d.getString("titleEn"), d.getString("titleZh"),
                d.get("envelopeFen", Number.class).longValue(), LocalDate.parse(d.getString("submissionFrom")),
                LocalDate.parse(d.getString("submissionTo")),
                d.getList("eligibilityCriteria", Document.class).stream().map(s -> new Measure.CriterionSpec(
                        s.getString("name"), s.getString("expr"), s.getString("en"), s.getString("zh"))).toList(),
                d.getList("scoringCriteria", Document.class).stream().map(s -> new Call.ScoringCriterion(
                        s.getString("name"), s.getInteger("weight"), s.getString("en"), s.getString("zh"))).toList(),
                d.getBoolean("partialAwardAllowed"), d.get("secondScorerAboveFen", Number.class).longValue(),
                d.getString("openedBy"), StoredText.of(DisbursementMode.class, d.getString("disbursementMode")));
    }

    /**
     * Inserts a call just opened (state OPEN, no application yet) with {@code CallOpened} in its outbox and the hash of
     * the request that opened it; empty when a call of that id exists already (a repeated request under the same
     * Idempotency-Key, or a concurrent repeat that inserted it first).
     */
    public Optional<Stored> open(Call call, Date openedAt, List<Document> outbox, String requestHash) {
        Document document = document(call, openedAt);
        document.putAll(Outbox.initialFields(outbox));
        document.append("requestHash", requestHash);
        return MongoErrors.insertIfAbsent(calls, document) ? Optional.of(stored(document)) : Optional.empty();
    }

    public Optional<Document> find(String callId) {
        return Optional.ofNullable(calls.find(Filters.eq("_id", callId)).first());
    }

    /**
     * Adds an application to an OPEN call, once: true when it is a member now (added, or already); false when the call
     * is no longer OPEN and does not hold it (ranked without it).
     */
    public boolean join(String callId, String applicationId) {
        long changed = calls.updateOne(Filters.and(Filters.eq("_id", callId), Filters.eq("state", CallState.OPEN.stored()),
                        Filters.ne("applicationIds", applicationId)),
                Updates.combine(Updates.addToSet("applicationIds", applicationId), Updates.inc("members", 1L)))
                .getModifiedCount();
        return changed == 1 || calls.countDocuments(Filters.and(Filters.eq("_id", callId),
                Filters.eq("applicationIds", applicationId))) == 1;
    }

    /**
     * Stores the ranking: OPEN to RANKING, guarded on the membership read ({@code members}), with the ranked lines, the
     * cut-off, what the awards use, who ranked it (the user, and the actor its decisions and {@code CallClosed} name) and
     * when, and {@code decisionsPending} (its decisions are written next); false when an application joined meanwhile
     * or another ranking (a refusal, a cancel) was stored first.
     */
    public boolean storeRanking(String callId, long members, CallRanking.Result result, String rankedBy, String actor,
                                Date at) {
        List<Document> stored = result.ranked().stream().map(r -> new Document("applicationId", r.applicationId())
                .append("rank", r.rank()).append("weightedTotal", r.weightedTotal()).append("scorers", r.scorers())
                .append("score", r.score().toPlainString()).append("amountFen", r.amountFen())
                .append("awardedFen", r.awardedFen()).append("submittedAt", Date.from(r.submittedAt()))).toList();
        Bson ranking = Updates.combine(Updates.set("ranking", stored),
                Updates.set("cutOffScore", result.cutOffScore() == null ? null : result.cutOffScore().toPlainString()),
                Updates.set("usedFen", result.usedFen()), Updates.set("rankedBy", rankedBy),
                Updates.set("rankedByActor", actor), Updates.set("rankedAt", at), Updates.set(DECISIONS_PENDING, at));
        return calls.updateOne(Filters.and(Filters.eq("_id", callId), Filters.eq("state", CallState.OPEN.stored()),
                Filters.eq("members", members)), Updates.combine(Updates.set("state", CallState.RANKING.stored()), ranking))
                .getModifiedCount() == 1;
    }

    /**
     * RANKING to AWARDED once every decision is written, with {@code CallClosed} in the call's outbox in the same write
     * and the decisions marked written ({@code decisionsPending} removed, {@code decisionsAt}); false when it was AWARDED
     * before (a second run: no second event).
     */
    public boolean awarded(String callId, Date at, List<Document> outbox) {
        return calls.updateOne(Filters.and(Filters.eq("_id", callId), Filters.eq("state", CallState.RANKING.stored())),
                Updates.combine(Updates.set("state", CallState.AWARDED.stored()), Updates.set("awardedAt", at),
                        Updates.unset(DECISIONS_PENDING), Updates.set("decisionsAt", at), Outbox.append(outbox)))
                .getModifiedCount() == 1;
    }

    /**
     * OPEN to REFUSED: payments could not reserve the envelope on its budget line ({@code CallEnvelopeRefused}), so the
     * call takes no application and is never ranked. Guarded on OPEN, as the ranking is: of the two one wins. False when
     * the call was not OPEN (refused before: a redelivery; or ranked first).
     */
    public boolean refuse(String callId, String reason, String sourceEventId, Date at) {
        return calls.updateOne(Filters.and(Filters.eq("_id", callId), Filters.eq("state", CallState.OPEN.stored())),
                Updates.combine(Updates.set("state", CallState.REFUSED.stored()), Updates.set("refusedReason", reason),
                        Updates.set("refusedBy", sourceEventId), Updates.set("refusedAt", at))).getModifiedCount() == 1;
    }

    /**
     * OPEN to CANCELLED (issue 19): an administrator cancelled a call never ranked, with {@code CallClosed} (nothing
     * used) in the call's outbox in the same write. Guarded on OPEN and on the membership read, as the ranking's
     * {@link #storeRanking} is: of a ranking, a refusal and a cancel one wins, and the applications the event counts are
     * those the call holds (an application joining meanwhile makes it false: read again); {@code decisionsPending} in
     * the same write (its applications' decisions are written next, {@link #cancelDecided}). False otherwise.
     */
    public boolean cancel(String callId, long members, String reason, String actor, Date at,
                          List<Document> outbox) {
        return calls.updateOne(Filters.and(Filters.eq("_id", callId), Filters.eq("state", CallState.OPEN.stored()),
                Filters.eq("members", members)), Updates.combine(Updates.set("state", CallState.CANCELLED.stored()),
                Updates.set("cancelReason", reason), Updates.set("cancelledBy", actor), Updates.set("cancelledAt", at),
                Updates.set("usedFen", 0L), Updates.set(DECISIONS_PENDING, at), Outbox.append(outbox))).getModifiedCount() == 1;
    }

    /**
     * A CANCELLED call's decisions are all written: {@code decisionsPending} removed, {@code decisionsAt} set (once: a
     * second writer, the resumer or a retried cancel, finds it done and changes nothing). False when it was marked before.
     */
    public boolean cancelDecided(String callId, Date at) {
        return calls.updateOne(Filters.and(Filters.eq("_id", callId), Filters.eq("state", CallState.CANCELLED.stored()),
                Filters.exists(DECISIONS_PENDING)), Updates.combine(Updates.unset(DECISIONS_PENDING),
                Updates.set("decisionsAt", at))).getModifiedCount() == 1;
    }

    /**
     * The calls in one of {@code states} (those the resumer can finish: CANCELLED, RANKING) whose decisions are not all
     * written and whose state was written before {@code before} (a request that is still writing them is left its
     * time), oldest first, at most {@code limit}: the sparse index on {@code decisionsPending} holds only such calls. A
     * marked call in another state is not read, so it cannot hold the head of every batch and starve newer ones (the
     * gauge, {@link #oldestUndecided}, still shows it).
     */
    public List<String> undecided(Collection<CallState> states, Date before, int limit) {
        return calls.find(Filters.and(Filters.lt(DECISIONS_PENDING, before),
                        Filters.in("state", states.stream().map(CallState::stored).toList())))
                .sort(Sorts.ascending(DECISIONS_PENDING))
                .projection(Projections.include("_id")).limit(limit).map(d -> d.getString("_id")).into(new ArrayList<>());
    }

    /** Since when the oldest call marked {@code decisionsPending} has waited, whatever its state; empty when none. */
    public Optional<Date> oldestUndecided() {
        Optional<Date> decisions = oldest(DECISIONS_PENDING);
        Optional<Date> rounds = oldest(ROUNDS_PENDING);
        return decisions.isEmpty() ? rounds : rounds.filter(r -> r.before(decisions.get())).or(() -> decisions);
    }

    private Optional<Date> oldest(String marker) {
        return Optional.ofNullable(calls.find(Filters.exists(marker)).sort(Sorts.ascending(marker))
                .projection(Projections.include(marker)).first()).map(d -> d.getDate(marker));
    }

    // ---- later rounds (issue 19 item 3: an award's order released by an upheld objection or a withdrawal)

    /**
     * Keeps the withdrawal of a ranked call's award on the call, once per application (a redelivery, or a second release
     * of a later decision of the same application, changes nothing), with {@code roundsPending} (the earliest pending
     * instant kept) and the count the rounds' completion is guarded on. True when this write kept it.
     */
    public boolean withdraw(String callId, Withdrawal w) {
        return calls.updateOne(Filters.and(Filters.eq("_id", callId), Filters.ne("withdrawals.applicationId",
                        w.applicationId())), Updates.combine(Updates.push("withdrawals", new Document("applicationId",
                        w.applicationId()).append("decisionId", w.decisionId()).append("reason", w.reason())
                        .append("keptFen", w.keptFen())
                        .append("eventId", w.eventId()).append("at", w.at())), Updates.inc("withdrawalsCount", 1L),
                        Updates.min(ROUNDS_PENDING, w.at())))
                .getModifiedCount() == 1;
    }

    /**
     * Stores round {@code round.round()} (the intent: its decisions are written next), guarded on the call being AWARDED
     * with {@code roundsBefore} later rounds stored: of two writers one stores it. False when another stored one first.
     */
    public boolean storeRound(String callId, int roundsBefore, Round round) {
        Bson count = roundsBefore == 0 ? Filters.or(Filters.exists("roundsCount", false), Filters.eq("roundsCount", 0))
                : Filters.eq("roundsCount", roundsBefore);
        Document stored = new Document("round", round.round()).append("withdrawn", round.withdrawn())
                .append("awards", round.awards().entrySet().stream().map(a -> new Document("applicationId", a.getKey())
                        .append("awardedFen", a.getValue())).toList())
                .append("cutOffScore", round.cutOffScore()).append("usedFen", round.usedFen())
                .append("eventId", round.eventId()).append("at", round.at());
        return calls.updateOne(Filters.and(Filters.eq("_id", callId), Filters.eq("state", CallState.AWARDED.stored()), count),
                Updates.combine(Updates.push("rounds", stored), Updates.set("roundsCount", roundsBefore + 1)))
                .getModifiedCount() == 1;
    }

    /**
     * Every decision of the round covering {@code withdrawals} withdrawals is written: {@code roundsPending} removed,
     * guarded on the count (a withdrawal kept meanwhile leaves the call marked for its own round). False otherwise.
     */
    public boolean roundsDone(String callId, long withdrawals, Date at) {
        return calls.updateOne(Filters.and(Filters.eq("_id", callId), Filters.exists(ROUNDS_PENDING),
                        Filters.eq("withdrawalsCount", withdrawals)),
                Updates.combine(Updates.unset(ROUNDS_PENDING), Updates.set("roundsAt", at))).getModifiedCount() == 1;
    }

    /**
     * The round's decisions left wait for people (an appeal under review), not for a failure: the mark is moved to
     * {@code at}, so the resumer reads the call again a period later and the pending-intents gauge shows a round whose
     * runs fail, not one waiting for an officer. False when the call is no longer marked.
     */
    public boolean roundsWaiting(String callId, Date at) {
        return calls.updateOne(Filters.and(Filters.eq("_id", callId), Filters.exists(ROUNDS_PENDING)),
                Updates.set(ROUNDS_PENDING, at)).getModifiedCount() == 1;
    }

    /** AWARDED calls marked {@code roundsPending} before {@code before}, oldest first, at most {@code limit}. */
    public List<String> rerounding(Date before, int limit) {
        return calls.find(Filters.and(Filters.lt(ROUNDS_PENDING, before), Filters.eq("state", CallState.AWARDED.stored())))
                .sort(Sorts.ascending(ROUNDS_PENDING)).projection(Projections.include("_id")).limit(limit)
                .map(d -> d.getString("_id")).into(new ArrayList<>());
    }

    /**
     * An award of the call whose order payments released ({@code reason}: OBJECTION_UPHELD, WITHDRAWN) by {@code eventId};
     * {@code keptFen}: what of the award the release did not give back (the decision's amount less the released order's:
     * 0 for a whole award; more after a partial revocation shrank the order - kept, never handed on).
     */
    public record Withdrawal(String applicationId, String decisionId, String reason, String eventId, Date at, long keptFen) {
    }

    /**
     * A later round of a ranked call (2, 3, ...): the applications withdrawn in it (sorted), what each ranked application
     * is awarded in it, its cut-off (null: none funded), what it uses, the withdrawal event that started it, when.
     */
    public record Round(int round, List<String> withdrawn, Map<String, Long> awards, String cutOffScore, long usedFen,
                        String eventId, Date at) {
    }

    /** An application's entry in its call, as stored. */
    public Optional<Entry> entry(String applicationId) {
        return Optional.ofNullable(entries.find(Filters.eq("_id", applicationId)).first()).map(CallRepository::entry);
    }

    public List<Entry> entries(Collection<String> applicationIds) {
        return entries.find(Filters.in("_id", applicationIds)).map(CallRepository::entry).into(new ArrayList<>());
    }

    /** False when the application's entry exists already (a redelivery). */
    public boolean insertEntry(Entry entry) {
        Document document = new Document("_id", entry.applicationId()).append("callId", entry.callId())
                .append("measureCode", entry.measureCode()).append("ruleVersion", entry.ruleVersion())
                .append("applicantUscc", entry.applicantUscc()).append("district", entry.district())
                .append("facts", new Document(entry.facts())).append("amountFen", entry.amountFen())
                .append("criteria", DecisionRepository.criteria(entry.criteria()))
                .append("computationEn", entry.computationEn()).append("computationZh", entry.computationZh())
                .append("submittedAt", Date.from(entry.submittedAt())).append("judgedOn", entry.judgedOn().toString())
                .append("sourceEventId", entry.sourceEventId()).append("sourceHash", entry.sourceHash())
                .append("state", entry.state().stored()).append("requiredScorers", entry.requiredScorers())
                .append("scores", entry.scores().stream().map(CallRepository::document).toList())
                .append("conflicts", entry.conflicts().stream().map(CallRepository::document).toList())
                .append("version", entry.version());
        if (entry.basis() != null) {
            document.append("basis", new Document(entry.basis()));
        }
        return MongoErrors.insertIfAbsent(entries, document);
    }

    /** Adds an officer's score to an entry, guarded on the version read; false when another writer changed it first. */
    public boolean addScore(String applicationId, int version, Score score) {
        return updateEntry(applicationId, version, Updates.push("scores", document(score)));
    }

    /** Adds a declared conflict to an entry, guarded on the version read; false when another writer changed it first. */
    public boolean addConflict(String applicationId, int version, Conflict conflict) {
        return updateEntry(applicationId, version, Updates.push("conflicts", document(conflict)));
    }

    /** One change of an entry guarded on the version read; false when another writer changed it first. */
    private boolean updateEntry(String applicationId, int version, Bson change) {
        return entries.updateOne(Filters.and(Filters.eq("_id", applicationId), Filters.eq("version", version)),
                Updates.combine(change, Updates.inc("version", 1))).getModifiedCount() == 1;
    }

    /** The call as stored, with where it stands ({@link Stored}). */
    public Optional<Stored> stored(String callId) {
        return find(callId).map(CallRepository::stored);
    }

    /**
     * A call as stored: the call, its {@code state} (OPEN, RANKING, AWARDED, REFUSED, CANCELLED), the applications it
     * took and how many ({@code members}, what the ranking, a refusal and a cancel are guarded on), the hash of the
     * request that opened it, why it was refused or cancelled and by whom, once ranked its ranking, cut-off score
     * (null: none funded), what the awards use and the actor who ranked it (null for a call ranked by a build before
     * it was stored), and the last sequence number of its outbox.
     */
    public record Stored(Call call, CallState state, List<String> applicationIds, long members, String requestHash,
                         String refusedReason, String cancelReason, String cancelledBy, List<CallRanking.Ranked> ranking,
                         String cutOffScore, Long usedFen, String rankedByActor, long lastSequence,
                         List<Withdrawal> withdrawals, long withdrawalsCount, List<Round> rounds) {
    }

    private static Stored stored(Document d) {
        Number used = d.get("usedFen", Number.class);
        Number members = d.get("members", Number.class);
        return new Stored(call(d), CallState.of(d.getString("state")), d.getList("applicationIds", String.class, List.of()),
                members == null ? 0 : members.longValue(), d.getString("requestHash"), d.getString("refusedReason"),
                d.getString("cancelReason"), d.getString("cancelledBy"),
                d.getList("ranking", Document.class, List.of()).stream().map(r -> new CallRanking.Ranked(
                        r.getString("applicationId"), r.getInteger("rank"), fen(r, "weightedTotal"),
                        r.get("scorers", Number.class) == null ? 0 : r.get("scorers", Number.class).intValue(),
                        new BigDecimal(r.getString("score")), fen(r, "amountFen"), fen(r, "awardedFen"),
                        r.getDate("submittedAt") == null ? null : r.getDate("submittedAt").toInstant())).toList(),
                d.getString("cutOffScore"), used == null ? null : used.longValue(), d.getString("rankedByActor"),
                Outbox.lastSequence(d),
                d.getList("withdrawals", Document.class, List.of()).stream().map(w -> new Withdrawal(
                        w.getString("applicationId"), w.getString("decisionId"), w.getString("reason"),
                        w.getString("eventId"), w.getDate("at"), fen(w, "keptFen"))).toList(),
                fen(d, "withdrawalsCount"),
                d.getList("rounds", Document.class, List.of()).stream().map(CallRepository::round).toList());
    }

    private static Round round(Document r) {
        Map<String, Long> awards = new LinkedHashMap<>();
        r.getList("awards", Document.class, List.of()).forEach(a -> awards.put(a.getString("applicationId"), fen(a, "awardedFen")));
        return new Round(r.getInteger("round"), r.getList("withdrawn", String.class, List.of()), awards,
                r.getString("cutOffScore"), fen(r, "usedFen"), r.getString("eventId"), r.getDate("at"));
    }

    /**
     * An application's entry in a call: what it asks ({@code amountFen}), the criteria it passed and the computation of
     * the measure, when it was submitted and judged, the event it came from, its state, how many officers must score it,
     * their scores and declared conflicts, the {@code version} every change is guarded on and the registry values the
     * decision reads ({@code basis}, null when none were recorded). {@code district} as the submission stated it.
     */
    public record Entry(String applicationId, String callId, String measureCode, String ruleVersion,
                        String applicantUscc, String district, Map<String, Object> facts, long amountFen,
                        List<Criterion> criteria, String computationEn, String computationZh, Instant submittedAt,
                        LocalDate judgedOn, String sourceEventId, String sourceHash, CallState.Entry state, int requiredScorers,
                        List<Score> scores, List<Conflict> conflicts, int version, Map<String, Object> basis) {
    }

    /** One officer's score on an entry: points per criterion, the comment, the weighted sum ({@link Call#weighted}). */
    public record Score(String officer, Map<String, Integer> points, String comment, long weighted, Instant scoredAt) {
    }

    /** A declared conflict of interest on an entry. */
    public record Conflict(String officer, String reason, Instant declaredAt) {
    }

    private static Entry entry(Document e) {
        return new Entry(e.getString("_id"), e.getString("callId"), e.getString("measureCode"), e.getString("ruleVersion"),
                e.getString("applicantUscc"), e.getString("district"), e.get("facts", Document.class),
                fen(e, "amountFen"), DecisionRecords.criteria(e.getList("criteria", Document.class, List.of())),
                e.getString("computationEn"), e.getString("computationZh"),
                e.getDate("submittedAt") == null ? null : e.getDate("submittedAt").toInstant(),
                e.getString("judgedOn") == null ? null : LocalDate.parse(e.getString("judgedOn")),
                e.getString("sourceEventId"), e.getString("sourceHash"), CallState.Entry.of(e.getString("state")),
                e.getInteger("requiredScorers"),
                e.getList("scores", Document.class, List.of()).stream().map(s -> new Score(s.getString("officer"),
                        points(s.get("points", Document.class)), s.getString("comment"), fen(s, "weighted"),
                        s.getDate("scoredAt").toInstant())).toList(),
                e.getList("conflicts", Document.class, List.of()).stream().map(c -> new Conflict(c.getString("officer"),
                        c.getString("reason"), c.getDate("declaredAt").toInstant())).toList(),
                e.getInteger("version"), e.get("basis", Document.class));
    }

    private static Map<String, Integer> points(Document d) {
        Map<String, Integer> points = new LinkedHashMap<>();
        d.forEach((k, v) -> points.put(k, ((Number) v).intValue()));
        return points;
    }

    private static Document document(Score s) {
        return new Document("officer", s.officer()).append("points", new Document(new LinkedHashMap<>(s.points())))
                .append("comment", s.comment()).append("weighted", s.weighted()).append("scoredAt", Date.from(s.scoredAt()));
    }

    private static Document document(Conflict c) {
        return new Document("officer", c.officer()).append("reason", c.reason())
                .append("declaredAt", Date.from(c.declaredAt()));
    }

    private static long fen(Document d, String field) {
        Number n = d.get(field, Number.class);
        return n == null ? 0 : n.longValue();
    }
}
