package org.susong.commons.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code susong_intents_oldest_pending_seconds{collection}}: per intent collection of a service, how long its oldest
 * pending intent has waited (0 when none), for the alert on intents pending past their resume delay (issue 17).
 * The service reads its intents on a schedule of its own and hands them to {@link #update}; every collection it
 * names keeps a series, so a quiet collection shows 0 rather than nothing.
 */
public final class PendingIntents {

    /** One intent as the service's audit reads it: its collection and since when it has been pending (null: unknown). */
    public record Pending(String collection, Instant since) {
    }

    private final MultiGauge gauge;

    public PendingIntents(MeterRegistry registry) {
        this.gauge = MultiGauge.builder("susong.intents.oldest.pending.seconds")
                .description("how long the oldest pending intent of a collection has waited").register(registry);
    }

    /**
     * The series of a service's {@code collections}, as a refresh the service schedules: each run {@link #refresh}es
     * them from {@code read} at the clock's now.
     */
    public static Runnable gauge(MeterRegistry registry, java.time.Clock clock, List<String> collections,
                                 java.util.function.Supplier<List<Pending>> read) {
        PendingIntents intents = new PendingIntents(registry);
        return () -> intents.refresh(collections, read, clock.instant());
    }

    /**
     * Reads the pending intents ({@code read}) and updates the series; when the read fails (a store outage) every
     * named collection reads NaN, "unknown", instead of keeping an age from before the outage that would say nothing is
     * stuck while nothing can be read (the store's own alerts speak for the outage).
     *
     * @return false when the read failed
     */
    public boolean refresh(List<String> collections, java.util.function.Supplier<List<Pending>> read, Instant now) {
        List<Pending> pending;
        try {
            pending = read.get();
        } catch (RuntimeException e) {
            List<MultiGauge.Row<?>> unknown = new ArrayList<>();
            collections.forEach(c -> unknown.add(MultiGauge.Row.of(Tags.of("collection", c), Double.NaN)));
            gauge.register(unknown, true);
            org.jboss.logging.Logger.getLogger(PendingIntents.class).warnf(
                    "reading the pending intents for the gauge failed, the series read NaN until the next read: %s", e.toString());
            return false;
        }
        update(collections, pending, now);
        return true;
    }

    public void update(List<String> collections, List<Pending> pending, Instant now) {
        Map<String, Long> oldest = new TreeMap<>();
        collections.forEach(c -> oldest.put(c, 0L));
        for (Pending p : pending) {
            long age = p.since() == null ? 0 : Math.max(0, Duration.between(p.since(), now).getSeconds());
            oldest.merge(p.collection(), age, Math::max);
        }
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        oldest.forEach((collection, age) -> rows.add(MultiGauge.Row.of(Tags.of("collection", collection), age)));
        gauge.register(rows, true);
    }
}
