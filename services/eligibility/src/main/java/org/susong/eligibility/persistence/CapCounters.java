package org.susong.eligibility.persistence;

import static org.susong.eligibility.persistence.StoredValues.fen;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.susong.commons.persistence.GuardedCounter;
import org.susong.eligibility.domain.IntentState;

/**
 * The single path's moves of the cap ledger (docs/architecture.md#rule-4), typed: the counters of {@code cap_ledgers} read as
 * {@link Counter}s, each move one guarded update ({@link GuardedCounter}: the guard, the change and the move's intent
 * id in one atomic write), and the intents of {@code cap_intents} read as {@link Intent}s. The guards live here, the
 * decisions about grants in {@code LedgerService}: what it asks is what is written, in the order it asks.
 */
@ApplicationScoped
public class CapCounters {

    /** A counter's kinds: a cap ({@code usedFen} against {@code limitFen}) or an exclusion group (the higher award). */
    public static final String CAP = "CAP";
    public static final String EXCLUSION = "EXCLUSION";

    /**
     * One owner's share of a counter ({@code consumers.<owner>}): granted, asked for, the remaining cap (or the higher
     * award) seen when taken; in an exclusion group also the award it stands for ({@code awardFen}, else 0).
     */
    public record Held(long fen, long requestedFen, long seenFen, long awardFen) {

        public Held(long fen, long requestedFen, long seenFen) {
            this(fen, requestedFen, seenFen, 0);
        }
    }

    /** A counter as stored: its kind, the cap's limit and use, the group's highest award and revision, the shares. */
    public record Counter(String key, String kind, long limitFen, long usedFen, long maxAwardFen, long rev,
                          Map<String, Held> consumers) {

        public boolean exclusion() {
            return EXCLUSION.equals(kind);
        }

        /** The highest award in the group among the owners other than {@code owner}. */
        public long maxAwardBesides(String owner) {
            long max = 0;
            for (Map.Entry<String, Held> e : consumers.entrySet()) {
                if (!e.getKey().equals(owner)) {
                    max = Math.max(max, e.getValue().awardFen());
                }
            }
            return max;
        }
    }

    /** An intent ({@code owner|ledgerKey}): PENDING, APPLIED (with its share, {@code result}) or RELEASED. */
    public record Intent(String id, String owner, String ledgerKey, IntentState state, long requestedFen,
                         Map<String, Object> result) {

        public boolean pending() {
            return state == IntentState.PENDING;
        }
    }

    private final LedgerRepository ledgers;

    CapCounters(LedgerRepository ledgers) {
        this.ledgers = ledgers;
    }

    public Optional<Counter> counter(String key) {
        return ledgers.ledger(key).map(CapCounters::counter);
    }

    /** The cap counter, created empty on first use (a second creator finds the first's). */
    public Counter capOrNew(String key, long limitFen) {
        return orNew(key, new Document("_id", key).append("kind", CAP).append("limitFen", limitFen).append("usedFen", 0L)
                .append("consumers", new Document()).append(GuardedCounter.APPLIED, List.of()));
    }

    /** The exclusion group's counter, created empty on first use. */
    public Counter exclusionOrNew(String key) {
        return orNew(key, new Document("_id", key).append("kind", EXCLUSION).append("maxAwardFen", 0L).append("rev", 0L)
                .append("consumers", new Document()).append(GuardedCounter.APPLIED, List.of()));
    }

    /**
     * Creates a cap counter already holding its first owner's share (one write instead of create + update); false when
     * the counter exists (a second creator: the caller takes its share by {@link #takeCap}).
     */
    public boolean createCap(String key, long limitFen, String owner, Held share) {
        return ledgers.ensureLedger(new Document("_id", key).append("kind", CAP).append("limitFen", limitFen)
                .append("usedFen", share.fen()).append("consumers", new Document(owner, capEntry(share)))
                .append(GuardedCounter.APPLIED, List.of()));
    }

    /**
     * Takes {@code share} of a cap for {@code owner}, intent id {@code owner}: only while the owner holds none and the
     * cap has room for it ({@code usedFen <= limit - fen}; a once-only key: while nobody used it).
     */
    public GuardedCounter.Outcome takeCap(String key, String owner, boolean once, long limitFen, Held share) {
        return ledgers.apply(key, owner, Filters.and(once ? Filters.eq("usedFen", 0L)
                                : Filters.lte("usedFen", limitFen - share.fen()), Filters.exists("consumers." + owner, false)),
                Updates.combine(Updates.inc("usedFen", share.fen()), Updates.set("consumers." + owner, capEntry(share))));
    }

    /**
     * Takes {@code share} of an exclusion group for {@code owner} (intent id {@code owner}), guarded by the revision
     * read ({@code rev}); the group's highest award becomes {@code maxAwardFen}.
     */
    public GuardedCounter.Outcome takeExclusion(String key, String owner, long rev, long maxAwardFen, Held share,
                                                String measureCode) {
        return ledgers.apply(key, owner, Filters.eq("rev", rev), Updates.combine(Updates.inc("rev", 1L),
                Updates.set("maxAwardFen", maxAwardFen), Updates.set("consumers." + owner, new Document("fen", share.fen())
                        .append("requestedFen", share.requestedFen()).append("seenFen", share.seenFen())
                        .append("awardFen", share.awardFen()).append("measureCode", measureCode))));
    }

    /** Lowers {@code owner}'s exclusion share to {@code fen} for an award of {@code awardFen}, guarded by {@code rev}. */
    public GuardedCounter.Outcome lowerExclusion(String key, String moveId, long rev, long maxAwardFen, String owner,
                                                 long fen, long awardFen) {
        return ledgers.apply(key, moveId, Filters.eq("rev", rev), Updates.combine(Updates.inc("rev", 1L),
                Updates.set("maxAwardFen", maxAwardFen), Updates.set("consumers." + owner + ".fen", fen),
                Updates.set("consumers." + owner + ".awardFen", awardFen)));
    }

    /** Removes {@code owner}'s exclusion share, guarded by {@code rev}; the group's highest award becomes {@code maxAwardFen}. */
    public GuardedCounter.Outcome releaseExclusion(String key, String moveId, long rev, long maxAwardFen, String owner) {
        return ledgers.apply(key, moveId, Filters.eq("rev", rev), Updates.combine(Updates.inc("rev", 1L),
                Updates.set("maxAwardFen", maxAwardFen), Updates.unset("consumers." + owner)));
    }

    /** Gives {@code owner}'s cap share back whole, guarded by the share still being {@code fen}. */
    public GuardedCounter.Outcome releaseCap(String key, String moveId, String owner, long fen) {
        return ledgers.apply(key, moveId, Filters.eq("consumers." + owner + ".fen", fen),
                Updates.combine(Updates.inc("usedFen", -fen), Updates.unset("consumers." + owner)));
    }

    /** Gives {@code fen} of {@code owner}'s cap share back, guarded by the share holding at least that much. */
    public GuardedCounter.Outcome releasePart(String key, String moveId, String owner, long fen) {
        return ledgers.apply(key, moveId, Filters.gte("consumers." + owner + ".fen", fen),
                Updates.combine(Updates.inc("usedFen", -fen), Updates.inc("consumers." + owner + ".fen", -fen)));
    }

    /** Removes a move's id from the counter's applied set once its intent records the move. */
    public void forget(String key, String moveId) {
        ledgers.forget(key, moveId);
    }

    /** Writes the intent PENDING with the {@code basis} its owner decided on (none when null); false when it exists. */
    public boolean begin(String intentId, String owner, String key, String kind, long requestedFen, Date at,
                         Map<String, Object> basis) {
        return ledgers.insertIntent(new Document("_id", intentId).append("owner", owner).append("ledgerKey", key)
                .append("kind", kind).append("requestedFen", requestedFen).append("state", IntentState.PENDING.stored()).append("at", at), basis);
    }

    public Optional<Intent> intent(String intentId) {
        return ledgers.intent(intentId).map(CapCounters::intent);
    }

    /** Marks the intent {@code state} with its share ({@code result}). */
    public void markApplied(String intentId, Map<String, Object> share) {
        ledgers.markIntent(intentId, IntentState.APPLIED.stored(), new Document(share));
    }

    /** Marks the intent RELEASED: {@code fen} given back at {@code at}. */
    public void markReleased(String intentId, long fen, Date at) {
        ledgers.markReleased(intentId, new Document("releasedFen", fen).append("releasedAt", at));
    }

    /** PENDING intents written before {@code before}. */
    public List<Intent> stalePending(Date before, int limit) {
        return ledgers.stalePending(before, limit).stream().map(CapCounters::intent).toList();
    }

    /** The intents {@code owner} wrote that were not given back (PENDING or APPLIED). */
    public List<Intent> heldBy(String owner) {
        return ledgers.heldBy(owner).stream().map(CapCounters::intent).toList();
    }

    /** The intents of any of {@code owners} not given back (PENDING or APPLIED), written before {@code before}. */
    public List<Intent> heldBy(java.util.Collection<String> owners, Date before) {
        return ledgers.heldBy(owners, before).stream().map(CapCounters::intent).toList();
    }

    /** Marks APPLIED the PENDING intents of the cap shares decisions already hold (a redelivered batch). */
    public void completeIntents(List<? extends Map<String, Object>> shares) {
        ledgers.completeIntents(shares.stream().map(Document::new).toList());
    }

    private Counter orNew(String key, Document initial) {
        return counter(key).orElseGet(() -> {
            ledgers.ensureLedger(initial);
            return counter(key).orElseThrow();
        });
    }

    private static Document capEntry(Held share) {
        return new Document("fen", share.fen()).append("requestedFen", share.requestedFen()).append("seenFen", share.seenFen());
    }

    private static Counter counter(Document d) {
        Map<String, Held> consumers = new LinkedHashMap<>();
        Document stored = d.get("consumers", Document.class);
        boolean exclusion = EXCLUSION.equals(d.getString("kind"));
        if (stored != null) {
            stored.forEach((owner, v) -> {
                Document share = (Document) v;
                // an exclusion share's seen amount and award decide the group's lowering: required there
                consumers.put(owner, new Held(StoredValues.required(share, "fen"), fen(share, "requestedFen"),
                        exclusion ? StoredValues.required(share, "seenFen") : fen(share, "seenFen"),
                        exclusion ? StoredValues.required(share, "awardFen") : fen(share, "awardFen")));
            });
        }
        // the amounts the guards compare are required for the counter's kind (a cap: its limit and use; an exclusion
        // group: its highest award and revision)
        return new Counter(d.getString("_id"), d.getString("kind"),
                exclusion ? fen(d, "limitFen") : StoredValues.required(d, "limitFen"),
                exclusion ? fen(d, "usedFen") : StoredValues.required(d, "usedFen"),
                exclusion ? StoredValues.required(d, "maxAwardFen") : fen(d, "maxAwardFen"),
                exclusion ? StoredValues.required(d, "rev") : fen(d, "rev"), consumers);
    }

    @SuppressWarnings("unchecked")
    private static Intent intent(Document d) {
        Document result = d.get("result", Document.class);
        return new Intent(d.getString("_id"), d.getString("owner"), d.getString("ledgerKey"), IntentState.of(d.getString("state")),
                StoredValues.required(d, "requestedFen"), result == null ? null : (Map<String, Object>) (Map<?, ?>) result);
    }
}
