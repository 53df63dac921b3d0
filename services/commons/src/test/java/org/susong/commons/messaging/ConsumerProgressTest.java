package org.susong.commons.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

/** Busy, retrying and stuck told apart (issue 12, item 5); stuck-after is 5 minutes here. */
class ConsumerProgressTest {

    final AtomicLong now = new AtomicLong(1_000_000_000L);
    final MeterRegistry registry = new SimpleMeterRegistry();
    final ConsumerProgress progress = new ConsumerProgress(new EventConsumerTest.Retrying(), registry, now::get);

    double gauge(String name) {
        return registry.get(name).gauge().value();
    }

    @Test
    void a_record_retried_for_an_hour_is_not_stuck_but_shows_on_the_retry_gauge() {
        try (ConsumerProgress.Handling h = progress.start("T", "1", now.get() - 10_000)) {
            for (int i = 0; i < 720; i++) { // an attempt every 5 s for an hour, each failing
                h.attempt();
                now.addAndGet(5_000);
                h.failedTransiently();
            }
            assertEquals(HealthCheckResponse.Status.UP, progress.call().getStatus());
            assertEquals(3600.0, gauge("susong.events.retry.seconds"));
            assertEquals(3610.0, gauge("susong.events.inflight.oldest.age.seconds"));
        }
        assertEquals(0.0, gauge("susong.events.retry.seconds"), "settled: nothing retrying");
    }

    @Test
    void an_attempt_that_does_not_return_for_longer_than_stuck_after_is_reported_down_until_it_returns() {
        try (ConsumerProgress.Handling h = progress.start("T", "2", null)) {
            h.attempt();
            now.addAndGet(299_000);
            assertEquals(HealthCheckResponse.Status.UP, progress.call().getStatus());
            now.addAndGet(2_000);
            assertEquals(HealthCheckResponse.Status.DOWN, progress.call().getStatus());
        }
        assertEquals(HealthCheckResponse.Status.UP, progress.call().getStatus());
    }

    /**
     * The gauges hold their object strongly: one nobody else holds still reads its value after garbage collections
     * (Micrometer's default weak reference read NaN then: an OutboxSweeperTest run in CI failed so).
     */
    @Test
    void a_gauge_reads_its_value_after_its_object_is_dropped_and_collected() throws InterruptedException {
        MeterRegistry own = new SimpleMeterRegistry();
        new ConsumerProgress(new EventConsumerTest.Retrying(), own, now::get); // dropped at once
        java.lang.ref.WeakReference<Object> probe = new java.lang.ref.WeakReference<>(new Object());
        for (int i = 0; i < 20 && probe.get() != null; i++) {
            System.gc();
            Thread.sleep(20);
        }
        assertEquals(0.0, own.get("susong.events.retry.seconds").gauge().value(), "nothing retrying, not NaN");
        assertEquals(0.0, own.get("susong.events.inflight.oldest.age.seconds").gauge().value());
    }
}
