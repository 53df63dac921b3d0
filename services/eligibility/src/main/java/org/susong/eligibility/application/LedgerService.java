package org.susong.eligibility.application;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.time.Clock;
import org.susong.commons.messaging.TransientFailure;
import org.susong.commons.money.Money;
import org.susong.commons.persistence.GuardedCounter;
import org.susong.eligibility.domain.Award;
import org.susong.eligibility.domain.CapLedger;
import org.susong.eligibility.domain.Criterion;
import org.susong.eligibility.domain.Measure;
import org.susong.eligibility.domain.Readings;
import org.susong.eligibility.persistence.CapCounters;
import org.susong.eligibility.persistence.LedgerRepository;
import org.susong.eligibility.domain.CapPeriod;

/**
 * Per-beneficiary caps and exclusion groups on one ledger, intent first (architecture rule 4, docs/architecture.md#rule-4):
 * the intent ({@code owner|ledgerKey}) is written PENDING, then the counter moves by a guarded
 * update that records the owner's share ({@code consumers.<owner>}) in the same write, then the
 * intent is APPLIED. A redelivery or a retry after a crash finds the intent or the share and never
 * consumes twice; concurrent consumers never take more than the cap together (the guard is
 * {@code usedFen <= limit - grant}); a consumer that finds less than it asked for gets a partial
 * grant up to the remaining cap, explained. An exclusion-group share holds what the cap granted, not
 * what was asked for.
 */
@ApplicationScoped
public class LedgerService {

    /**
     * What the limits left of an amount, the ledger shares taken (as decisions and proposals keep them, {@link
     * Award#asShare}) and the criteria that explain it.
     */
    public record Limited(long grantedFen, List<Map<String, Object>> shares, List<Criterion> criteria, Integer capYear,
                          String capGroup) {
    }

    private static final int MAX_ATTEMPTS = 200;

    private final LedgerRepository ledgers;
    private final CapCounters counters;
    private final Clock clock;

    LedgerService(LedgerRepository ledgers, CapCounters counters, Clock clock) {
        this.ledgers = ledgers;
        this.counters = counters;
        this.clock = clock;
    }

    /** The year a cap counts in: the business date's, or that of the date fact the measure names. */
    public static int capYear(Measure m, Map<String, Object> facts, LocalDate businessDate) {
        String basis = m.capYearBasis();
        if (basis != null && !Measure.BUSINESS_DATE.equals(basis) && facts.get(basis) != null) {
            try {
                return LocalDate.parse(String.valueOf(facts.get(basis))).getYear();
            } catch (DateTimeParseException e) {
                return businessDate.getYear();
            }
        }
        return businessDate.getYear();
    }

    /** The cap ledger key of a measure for a beneficiary, or null when the measure has no cap or it cannot be built. */
    public static String capKey(Measure m, String uscc, int year, String projectOrCertificate) {
        if (m.capFen() == null || m.capPeriod() == null) {
            return null;
        }
        String group = m.capGroup() == null ? m.code() : m.capGroup();
        CapPeriod period = m.period();
        if (period == null) {
            return null;
        }
        return switch (period) {
            case YEAR -> uscc == null || uscc.isBlank() ? null : "CAP|" + group + "|" + uscc + "|" + year;
            case PROJECT -> projectOrCertificate == null ? null : "CAP|" + group + "|P|" + projectOrCertificate;
            case CERTIFICATE -> projectOrCertificate == null ? null : "CAP|" + group + "|C|" + projectOrCertificate;
        };
    }

    /**
     * Applies the measure's exclusion group, then its cap, to an amount for {@code owner} (a decision
     * or proposal id). Idempotent per owner.
     */
    public Limited limit(String owner, Measure m, String uscc, Map<String, Object> facts, LocalDate businessDate,
                         String capKeyValue, String claimValue, long amountFen) {
        return limit(owner, null, m, uscc, facts, businessDate, capKeyValue, claimValue, amountFen);
    }

    /**
     * {@link #limit} keeping {@code basis} (what the amount was computed on, e.g. the registry's contract as read)
     * with every intent the owner writes, before any counter moves: a retry after a failure between the ledger
     * and the owner's own write finds it ({@link #basis}) and decides on it again, so that what it states is what
     * the ledger holds for it.
     */
    public Limited limit(String owner, Map<String, Object> basis, Measure m, String uscc, Map<String, Object> facts,
                         LocalDate businessDate, String capKeyValue, String claimValue, long amountFen) {
        int year = capYear(m, facts, businessDate);
        List<Map<String, Object>> shares = new ArrayList<>();
        List<Criterion> criteria = new ArrayList<>();
        String key = capKey(m, uscc, year, capKeyValue);
        if (m.capFen() != null && key == null) {
            // a capped measure whose cap key cannot be built is refused: never an award without its cap
            criteria.add(noCapKey(m));
            return new Limited(0, shares, criteria, null, m.capGroup());
        }
        long amount = amountFen;
        Map<String, Object> exclusion = null;
        if (claimValue != null) {
            // one award per claim (B3b: per registered contract), whoever asks and however (applied or automatic)
            Map<String, Object> share = cap(owner, basis, "CLAIM|" + m.code() + "|" + claimValue, amount, amount, true);
            shares.add(share);
            Award claimed = Award.of(share);
            if (claimed.grantedFen() == 0) {
                criteria.add(new Criterion("oncePerClaim", false, claimValue + " was already rewarded under " + m.code()
                        + " (" + claimed.holder() + ")", "该事项已获 " + m.code() + " 奖励（" + claimed.holder() + "）"));
                return new Limited(0, shares, criteria, null, m.capGroup());
            }
            criteria.add(new Criterion("oncePerClaim", true, claimValue + " has not been rewarded under " + m.code()
                    + " before", "该事项此前未获 " + m.code() + " 奖励"));
        }
        if (m.exclusionGroup() != null) {
            Map<String, Object> share = exclusion(owner, basis, "EXCL|" + m.exclusionGroup() + "|" + uscc + "|" + year,
                    m.code(), amount);
            exclusion = share;
            long granted = Award.of(share).grantedFen();
            long higher = Award.of(share).seenFen();
            shares.add(share);
            if (higher == 0) {
                criteria.add(new Criterion("exclusionGroup", true, "no other award in exclusion group " + m.exclusionGroup()
                        + " for " + year + " (placeholder policy: the higher award applies, no stacking)",
                        "同一互斥组（" + m.exclusionGroup() + "）本年度无其他奖励"));
            } else if (granted > 0) {
                criteria.add(new Criterion("exclusionGroup", true, "exclusion group " + m.exclusionGroup() + ": "
                        + Money.ofFen(higher) + " was already awarded in " + year + "; the higher award applies, so only the"
                        + " difference " + Money.ofFen(granted) + " is granted (top-up; placeholder policy)",
                        "互斥组已获 " + Money.ofFen(higher) + "，按就高原则仅补差额 " + Money.ofFen(granted)));
            } else {
                criteria.add(new Criterion("exclusionGroup", false, "exclusion group " + m.exclusionGroup() + ": an award of "
                        + Money.ofFen(higher) + " (not lower than " + Money.ofFen(amount) + ") was already granted in " + year
                        + "; awards do not stack (placeholder policy)", "互斥组已获不低于本项的奖励，不重复享受"));
            }
            amount = granted;
        }
        if (key != null && amount > 0) {
            boolean once = m.period() == CapPeriod.CERTIFICATE;
            Map<String, Object> share = cap(owner, basis, key, m.capFen(), amount, once);
            shares.add(share);
            Award capped = Award.of(share);
            long granted = capped.grantedFen();
            long remaining = capped.seenFen();
            criteria.add(capCriterion(m, year, capKeyValue, amount, granted, remaining, capped.holder()));
            amount = granted;
        }
        if (exclusion != null && amount < Award.of(exclusion).grantedFen()) {
            // the cap granted less: the group must hold the award made, not the one asked for
            Map<String, Object> lowered = lowerExclusion(exclusion, amount);
            shares.remove(exclusion);
            if (lowered != null) {
                shares.add(lowered);
            }
        }
        if (amount <= 0 && claimValue != null) {
            // nothing awarded after all: the claim is free again for a later award
            String claimKey = "CLAIM|" + m.code() + "|" + claimValue;
            release(claimKey, owner);
            shares.removeIf(s -> claimKey.equals(s.get("ledgerKey")));
        }
        return new Limited(amount, shares, criteria, key == null ? null : year, m.capGroup());
    }

    /** A capped measure whose cap key the facts do not give: refused, never an award without its cap. */
    static Criterion noCapKey(Measure m) {
        return new Criterion("capKey", false, m.code() + "'s cap of " + Money.ofFen(m.capFen()).format()
                + " is kept per " + m.capPeriod() + ", and the facts give no " + (m.capKey() == null ? "beneficiary"
                : "key (" + m.capKey() + ")") + " to keep it for: the application is refused",
                "无法确定限额的计算对象，不予支持");
    }

    /** What a decision of a batch asks of one cap counter. {@code once}: one award per key (a certificate). */
    public record Ask(String owner, String key, long limitFen, boolean once, long requestedFen) {
    }

    /**
     * The caps of a batch (architecture rule 4, docs/architecture.md#rule-4, batched): the counters are read at once, the grants
     * computed in memory in the order asked ({@link CapLedger}), the intents written PENDING in one
     * insert before any counter moves, then each counter moved by one guarded write (all in one bulk
     * write) that records the owners' shares. A counter another writer moved in between refuses its
     * write; the counters are read again and the grants computed anew, owners that hold a share keeping
     * it, until every share of the batch is on its counter. A redelivery or a batch resumed after a
     * crash finds its shares and takes nothing more.
     *
     * @return the award of each owner
     */
    public Map<String, Award> takeAll(List<Ask> asks) {
        Map<String, CapLedger> fresh = new LinkedHashMap<>();
        asks.forEach(a -> fresh.putIfAbsent(a.key(), CapLedger.fresh(a.key(), a.limitFen(), a.once())));
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Map<String, CapLedger> found = ledgers.capLedgers(fresh.values());
            Map<String, Award> awards = new LinkedHashMap<>();
            for (Ask a : asks) {
                awards.put(a.owner(), found.get(a.key()).take(a.owner(), a.requestedFen()));
            }
            if (attempt == 0) {
                ledgers.insertIntents(List.copyOf(awards.values()), Date.from(clock.instant()));
            }
            if (found.values().stream().allMatch(l -> l.taken().isEmpty())) {
                return awards;
            }
            ledgers.applyTaken(found.values());
        }
        throw new TransientFailure("cap ledgers " + fresh.keySet() + " stayed contended for " + MAX_ATTEMPTS + " attempts");
    }

    /** Marks the intents of a batch APPLIED once its decisions are written (one bulk write). */
    public void appliedAll(Collection<Award> awards) {
        ledgers.markApplied(List.copyOf(awards));
    }

    /**
     * Completes the intents of decisions a redelivered batch found written (a crash after the
     * decisions insert left them PENDING, zero grants included, which the resumer cannot tell from
     * an intent whose counter never moved).
     */
    public void decided(List<? extends Map<String, Object>> capShares) {
        counters.completeIntents(capShares);
    }

    /** The criterion that explains an award of a cap counter. */
    static Criterion capCriterion(Measure m, int year, String what, Award a) {
        return capCriterion(m, year, what, a.requestedFen(), a.grantedFen(), a.seenFen(), a.holder());
    }

    private static Criterion capCriterion(Measure m, int year, String what, long requested, long granted, long remaining,
                                          String holder) {
        String cap = Money.ofFen(m.capFen()).format();
        // an unknown period words as the annual cap, as before (its key is never built, so this is not reached)
        return switch (m.period() == null ? CapPeriod.YEAR : m.period()) {
            case CERTIFICATE -> granted > 0
                    ? new Criterion("oncePerCertificate", true, "certificate " + what + " has not been rewarded before",
                    "该证书此前未获奖励")
                    : new Criterion("oncePerCertificate", false, "certificate " + what + " was already rewarded by "
                    + holder, "该证书已获奖励（" + holder + "）");
            case PROJECT -> capWords("projectCap", "project " + what + ": cap " + cap + " per project", "项目",
                    requested, granted, remaining);
            default -> capWords("annualCap", m.code() + " cap " + cap + " per beneficiary for " + year, year + " 年度",
                    requested, granted, remaining);
        };
    }

    private static Criterion capWords(String name, String cap, String zhScope, long requested, long granted, long remaining) {
        if (granted == 0) {
            return new Criterion(name, false, cap + " is used up (remaining seen: " + Money.ofFen(remaining) + ")",
                    zhScope + "上限已用完（剩余 " + Money.ofFen(remaining) + "）");
        }
        if (granted < requested) {
            return new Criterion(name, true, cap + ": only " + Money.ofFen(remaining) + " remained, so "
                    + Money.ofFen(granted) + " is granted instead of " + Money.ofFen(requested) + " (" + Readings.PARTIAL + ")",
                    zhScope + "上限仅剩 " + Money.ofFen(remaining) + "，按剩余额度部分支持 " + Money.ofFen(granted));
        }
        return new Criterion(name, true, cap + ": " + Money.ofFen(remaining) + " remained, " + Money.ofFen(granted)
                + " granted in full", zhScope + "上限剩余 " + Money.ofFen(remaining) + "，全额支持");
    }

    /** Consumes up to {@code requested} of a cap; {@code once}: one consumer only (one award per certificate). */
    private Map<String, Object> cap(String owner, Map<String, Object> basis, String key, long limit, long requested,
                                    boolean once) {
        String intentId = owner + "|" + key;
        if (!begin(intentId, owner, key, CapCounters.CAP, requested, basis)) {
            Map<String, Object> done = finished(intentId);
            if (done != null) {
                return done;
            }
        }
        if (counters.counter(key).isEmpty()) {
            // first consumer of this counter: create it holding this share (one write instead of create + update)
            long grant = Math.min(requested, limit);
            if (counters.createCap(key, limit, owner, new CapCounters.Held(grant, requested, limit))) {
                Map<String, Object> share = share(key, owner, requested, grant, 0, limit);
                counters.markApplied(intentId, share);
                return share;
            }
        }
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            CapCounters.Counter ledger = counters.capOrNew(key, limit);
            CapCounters.Held mine = ledger.consumers().get(owner);
            if (mine != null) {
                return applied(intentId, key, owner, mine);
            }
            long used = ledger.usedFen();
            long remaining = Math.max(0, limit - used);
            long grant;
            String holder = null;
            if (once) {
                grant = used == 0 ? requested : 0;
                holder = ledger.consumers().keySet().stream().findFirst().orElse(null);
            } else {
                grant = Math.min(requested, remaining);
            }
            if (grant <= 0) {
                Map<String, Object> share = share(key, owner, requested, 0, limit, remaining);
                share.put("holder", holder);
                counters.markApplied(intentId, share);
                return share;
            }
            CapCounters.Held entry = new CapCounters.Held(grant, requested, remaining);
            GuardedCounter.Outcome outcome = counters.takeCap(key, owner, once, limit, entry);
            if (outcome == GuardedCounter.Outcome.APPLIED) {
                return applied(intentId, key, owner, entry);
            }
            if (outcome == GuardedCounter.Outcome.ALREADY_APPLIED) {
                CapCounters.Held now = counters.counter(key).orElseThrow().consumers().get(owner);
                return applied(intentId, key, owner, now == null ? entry : now);
            }
        }
        throw new TransientFailure("cap ledger " + key + " stayed contended for " + MAX_ATTEMPTS + " attempts");
    }

    /** Exclusion group: the higher award applies; a later higher award gets the difference (top-up). */
    private Map<String, Object> exclusion(String owner, Map<String, Object> basis, String key, String measureCode,
                                          long award) {
        String intentId = owner + "|" + key;
        if (!begin(intentId, owner, key, CapCounters.EXCLUSION, award, basis)) {
            Map<String, Object> done = finished(intentId);
            if (done != null) {
                return done;
            }
        }
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            CapCounters.Counter ledger = counters.exclusionOrNew(key);
            CapCounters.Held mine = ledger.consumers().get(owner);
            if (mine != null) {
                return applied(intentId, key, owner, mine);
            }
            long higher = ledger.maxAwardFen();
            long grant = Math.max(0, award - higher);
            CapCounters.Held entry = new CapCounters.Held(grant, award, higher, award);
            GuardedCounter.Outcome outcome = counters.takeExclusion(key, owner, ledger.rev(), Math.max(higher, award), entry,
                    measureCode);
            if (outcome == GuardedCounter.Outcome.APPLIED || outcome == GuardedCounter.Outcome.ALREADY_APPLIED) {
                return applied(intentId, key, owner, entry);
            }
        }
        throw new TransientFailure("exclusion ledger " + key + " stayed contended for " + MAX_ATTEMPTS + " attempts");
    }

    /**
     * Lowers an exclusion share to {@code grantedFen} (what the cap left of it), or gives it back when
     * nothing was granted. Repeatable: a redelivery finds the share already lowered (or gone); the
     * intent's result is the lowered share, so a redelivered decision starts from it.
     *
     * @return the lowered share, null when it was given back
     */
    private Map<String, Object> lowerExclusion(Map<String, Object> share, long grantedFen) {
        Award held = Award.of(share);
        String key = held.ledgerKey();
        String owner = held.owner();
        if (grantedFen <= 0) {
            release(key, owner);
            return null;
        }
        String lowerId = "LOWER:" + owner;
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            CapCounters.Counter ledger = counters.counter(key).orElseThrow();
            CapCounters.Held mine = ledger.consumers().get(owner);
            long seen = mine.seenFen();
            Map<String, Object> lowered = share(key, owner, mine.requestedFen(), grantedFen, 0, seen);
            if (mine.fen() != grantedFen) {
                // the award this owner holds in the group: the higher one seen plus the top-up granted
                long award = seen + grantedFen;
                long max = Math.max(award, ledger.maxAwardBesides(owner));
                GuardedCounter.Outcome outcome = counters.lowerExclusion(key, lowerId, ledger.rev(), max, owner, grantedFen,
                        award);
                if (outcome == GuardedCounter.Outcome.REFUSED) {
                    continue;
                }
            }
            counters.markApplied(owner + "|" + key, lowered);
            counters.forget(key, lowerId);
            return lowered;
        }
        throw new TransientFailure("exclusion ledger " + key + " stayed contended while lowering " + owner);
    }

    /**
     * Gives back a share in full (the money did not flow after all). Idempotent: a share already
     * given back is absent from the ledger.
     */
    public long release(String key, String owner) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            CapCounters.Counter ledger = counters.counter(key).orElse(null);
            CapCounters.Held mine = ledger == null ? null : ledger.consumers().get(owner);
            if (mine == null) {
                return 0;
            }
            long fen = mine.fen();
            String releaseId = "REL:" + owner;
            GuardedCounter.Outcome outcome = ledger.exclusion()
                    ? counters.releaseExclusion(key, releaseId, ledger.rev(), ledger.maxAwardBesides(owner), owner)
                    : counters.releaseCap(key, releaseId, owner, fen);
            if (outcome == GuardedCounter.Outcome.APPLIED) {
                counters.forget(key, releaseId);
                counters.markReleased(owner + "|" + key, fen, Date.from(clock.instant()));
                return fen;
            }
        }
        throw new TransientFailure("ledger " + key + " stayed contended while releasing " + owner);
    }

    /**
     * The resumer: a step that crashed after moving the counter but before marking its intent leaves
     * the intent PENDING and its id in the counter's {@code applied} set. Such intents are completed
     * from the share the ledger holds (idempotent; safe on every replica). Intents whose counter never
     * moved stay PENDING for their redelivered event to finish.
     */
    @io.quarkus.scheduler.Scheduled(every = "${susong.eligibility.intent-sweep-every:60s}", delayed = "30s",
            concurrentExecution = io.quarkus.scheduler.Scheduled.ConcurrentExecution.SKIP)
    void resumePending() {
        Date before = Date.from(clock.instant().minusSeconds(60));
        for (CapCounters.Intent intent : counters.stalePending(before, 100)) {
            String key = intent.ledgerKey();
            String owner = intent.owner();
            CapCounters.Held share = counters.counter(key).map(l -> l.consumers().get(owner)).orElse(null);
            if (share != null) {
                applied(intent.id(), key, owner, share);
            }
        }
    }

    /** Gives back part of a share ({@code releaseId} makes it once only, e.g. a revocation id). */
    public void releasePart(String key, String owner, long fen, String releaseId) {
        GuardedCounter.Outcome outcome = counters.releasePart(key, releaseId, owner, fen);
        if (outcome == GuardedCounter.Outcome.NO_COUNTER) {
            throw new IllegalStateException("no cap ledger " + key);
        }
    }

    /**
     * Gives {@code fen} back to each cap ledger among {@code shares} (the keys {@code CAP|...}; claims and exclusion
     * groups are not amounts to give back in part), at most what each share granted, once per {@code releaseId}
     * (a retry finds the id applied and gives nothing twice).
     *
     * @return the sum asked back over the cap ledgers
     */
    public long giveBackCaps(List<? extends Map<String, Object>> shares, long fen, String releaseId) {
        long total = 0;
        for (Map<String, Object> stored : shares) {
            Award share = Award.of(stored);
            if (share.ledgerKey().startsWith("CAP|")) {
                long part = Math.min(fen, share.grantedFen());
                if (part > 0) {
                    releasePart(share.ledgerKey(), share.owner(), part, releaseId);
                    total += part;
                }
            }
        }
        return total;
    }

    /** Writes the intent PENDING; false when it exists (a redelivery or a retry after a crash). */
    private boolean begin(String intentId, String owner, String key, String kind, long requested,
                          Map<String, Object> basis) {
        return counters.begin(intentId, owner, key, kind, requested, Date.from(clock.instant()), basis);
    }

    /**
     * The basis {@code owner}'s intents were written with ({@link #limit(String, Map, Measure, String, Map, LocalDate,
     * String, String, long)}): present when an earlier attempt of the owner wrote an intent, so the ledger may hold
     * its shares.
     */
    public Optional<Map<String, Object>> basis(String owner) {
        return ledgers.basisOf(owner);
    }

    /**
     * The amount an earlier attempt of {@code owner} asked of the ledgers (the highest its intents not given back ask:
     * the claim and the exclusion group are asked the whole amount, the cap what the group left), empty when it wrote
     * none. A retry that states another amount would be written with shares taken for this one.
     */
    public Optional<Long> askedBy(String owner) {
        return counters.heldBy(owner).stream().map(CapCounters.Intent::requestedFen).max(Long::compare);
    }

    /**
     * Gives back every share {@code owner} holds, each by its release id ({@link #release}): idempotent, a retry
     * after a crash finds the shares given back and gives nothing twice.
     *
     * @return what was given back now
     */
    public long releaseAll(String owner) {
        long fen = 0;
        for (CapCounters.Intent intent : counters.heldBy(owner)) {
            fen += release(intent.ledgerKey(), owner);
        }
        return fen;
    }

    private Map<String, Object> finished(String intentId) {
        CapCounters.Intent intent = counters.intent(intentId).orElseThrow();
        return intent.pending() ? null : intent.result();
    }

    private Map<String, Object> applied(String intentId, String key, String owner, CapCounters.Held entry) {
        Map<String, Object> share = share(key, owner, entry.requestedFen(), entry.fen(), 0, entry.seenFen());
        counters.markApplied(intentId, share);
        counters.forget(key, owner);
        return share;
    }

    private static Map<String, Object> share(String key, String owner, long requested, long granted, long limit, long seen) {
        return new Award(key, owner, requested, granted, seen, limit, null).asShare();
    }
}
