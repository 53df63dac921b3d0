package org.susong.commons.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 17: the oldest pending intent per collection, 0 for a collection with none, and no stale value after it clears. */
class PendingIntentsTest {

    @Test
    void the_oldest_pending_intent_of_each_named_collection_and_zero_once_none_is_pending() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        PendingIntents intents = new PendingIntents(registry);
        Instant now = Instant.parse("2026-12-03T12:00:00Z");

        intents.update(List.of("allocations", "withdrawals"), List.of(new PendingIntents.Pending("allocations", now.minusSeconds(100)),
                new PendingIntents.Pending("allocations", now.minusSeconds(700)), new PendingIntents.Pending("allocations", null)), now);
        assertEquals(700, age(registry, "allocations"));
        assertEquals(0, age(registry, "withdrawals"), "a quiet collection keeps its series at 0");

        intents.update(List.of("allocations", "withdrawals"), List.of(), now.plusSeconds(30));
        assertEquals(0, age(registry, "allocations"), "finished intents leave no stale age behind");
    }

    @Test
    void a_failed_read_turns_every_series_to_unknown_not_to_the_age_from_before_the_outage() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        PendingIntents intents = new PendingIntents(registry);
        Instant now = Instant.parse("2026-12-03T12:00:00Z");
        intents.update(List.of("allocations", "withdrawals"), List.of(), now);
        assertEquals(0, age(registry, "allocations"));

        boolean read = intents.refresh(List.of("allocations", "withdrawals"), () -> {
            throw new IllegalStateException("store unreachable");
        }, now.plusSeconds(30));
        org.junit.jupiter.api.Assertions.assertFalse(read);
        org.junit.jupiter.api.Assertions.assertTrue(Double.isNaN(age(registry, "allocations")), "unknown during the outage");
        org.junit.jupiter.api.Assertions.assertTrue(Double.isNaN(age(registry, "withdrawals")));

        intents.refresh(List.of("allocations", "withdrawals"), () -> List.of(new PendingIntents.Pending("allocations",
                now.minusSeconds(600))), now.plusSeconds(60));
        assertEquals(660, age(registry, "allocations"), "the next good read replaces it");
    }

    @Test
    void the_scheduled_gauge_reads_at_the_clocks_now_on_each_run() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Instant now = Instant.parse("2026-12-03T12:00:00Z");
        List<PendingIntents.Pending> pending = new java.util.ArrayList<>(List.of(
                new PendingIntents.Pending("conversions", now.minusSeconds(90))));
        Runnable refresh = PendingIntents.gauge(registry, java.time.Clock.fixed(now, java.time.ZoneOffset.UTC),
                List.of("conversions", "investments"), () -> List.copyOf(pending));

        refresh.run();
        assertEquals(90, age(registry, "conversions"));
        assertEquals(0, age(registry, "investments"));

        pending.clear();
        refresh.run();
        assertEquals(0, age(registry, "conversions"), "each run reads again");
    }

    private static double age(SimpleMeterRegistry registry, String collection) {
        return registry.get("susong.intents.oldest.pending.seconds").tag("collection", collection).gauge().value();
    }
}
