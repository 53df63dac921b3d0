package org.susong.eligibility.domain;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One cap counter as a batch of decisions finds it (architecture rule 4, docs/architecture.md#rule-4): its limit, the amount used
 * and the share each owner holds. {@link #take} hands out grants in the order asked: an owner that
 * holds a share already (a redelivery, or a batch resumed after a crash) gets that share again and
 * nothing more; otherwise up to the remaining cap (partial grant), or for a once-only key (one award
 * per certificate) everything or nothing. What the batch took is {@link #taken()}: the store applies
 * it in one update guarded by {@link #usedFen()} being unchanged and the new owners being absent, so a
 * second writer in between makes it fail and the batch is computed again from the counter it finds.
 */
public final class CapLedger {

    /** A share of the counter: granted, asked for, and the remaining cap seen when it was taken. */
    public record Share(long fen, long requestedFen, long seenFen) {
    }

    private final String key;
    private final long limitFen;
    private final boolean once;
    private final boolean exists;
    private final long usedFen;
    private final Map<String, Share> held;
    private final Map<String, Share> taken = new LinkedHashMap<>();

    /** {@code held}: the shares on the counter in the order they were taken; {@code exists}: false for a new counter. */
    public CapLedger(String key, long limitFen, boolean once, boolean exists, long usedFen, Map<String, Share> held) {
        this.key = key;
        this.limitFen = limitFen;
        this.once = once;
        this.exists = exists;
        this.usedFen = usedFen;
        this.held = new LinkedHashMap<>(held);
    }

    public static CapLedger fresh(String key, long limitFen, boolean once) {
        return new CapLedger(key, limitFen, once, false, 0, Map.of());
    }

    /** Grants {@code owner} up to {@code requestedFen} of what is left after the shares taken before it. */
    public Award take(String owner, long requestedFen) {
        Share mine = held.containsKey(owner) ? held.get(owner) : taken.get(owner);
        if (mine != null) {
            return new Award(key, owner, mine.requestedFen(), mine.fen(), mine.seenFen(), limitFen, null);
        }
        long used = usedFen + takenFen();
        long remaining = Math.max(0, limitFen - used);
        long grant;
        String holder = null;
        if (once) {
            grant = used == 0 && held.isEmpty() && taken.isEmpty() ? requestedFen : 0;
            holder = held.isEmpty() ? taken.keySet().stream().findFirst().orElse(null) : held.keySet().iterator().next();
        } else {
            grant = Math.min(requestedFen, remaining);
        }
        if (grant <= 0) {
            return new Award(key, owner, requestedFen, 0, remaining, limitFen, holder);
        }
        Share share = new Share(grant, requestedFen, remaining);
        taken.put(owner, share);
        return new Award(key, owner, requestedFen, grant, share.seenFen(), limitFen, null);
    }

    public String key() {
        return key;
    }

    public boolean once() {
        return once;
    }

    public long limitFen() {
        return limitFen;
    }

    public boolean exists() {
        return exists;
    }

    /** The amount used when the batch found the counter (the guard of its update). */
    public long usedFen() {
        return usedFen;
    }

    /** The shares this batch took, in the order taken. */
    public Map<String, Share> taken() {
        return Collections.unmodifiableMap(taken);
    }

    public long takenFen() {
        return taken.values().stream().mapToLong(Share::fen).sum();
    }

    /** The owners that hold a share, old and new. */
    public List<String> owners() {
        List<String> owners = new ArrayList<>(held.keySet());
        owners.addAll(taken.keySet());
        return owners;
    }
}
