package org.susong.infra.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Issue 15 item 2: a service that exits is started again like Kubernetes does, with backoff; no process here. */
class ServiceSupervisorTest {

    /** Keeps what is scheduled, runs it only when the test says so. */
    static final class RecordingScheduler extends ScheduledThreadPoolExecutor {
        final List<Long> delaysMillis = new ArrayList<>();
        final List<Runnable> tasks = new ArrayList<>();

        RecordingScheduler() {
            super(1);
        }

        @Override
        public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
            delaysMillis.add(unit.toMillis(delay));
            tasks.add(command);
            return null;
        }
    }

    final RecordingScheduler scheduler = new RecordingScheduler();
    final List<String> reports = new ArrayList<>();
    final ServiceSupervisor supervisor = new ServiceSupervisor(ServiceSupervisor.Backoff.DEFAULT, scheduler,
            (service, line) -> reports.add(service + ": " + line));
    final AtomicInteger relaunched = new AtomicInteger();

    Optional<Duration> exit(Duration uptime) {
        return supervisor.exited("payments", 137, uptime, relaunched::incrementAndGet);
    }

    @Test
    void the_delay_doubles_from_one_second_to_at_most_thirty() {
        List<Long> seconds = new ArrayList<>();
        for (int restart = 1; restart <= 8; restart++) {
            seconds.add(ServiceSupervisor.Backoff.DEFAULT.delay(restart).toSeconds());
        }
        assertEquals(List.of(1L, 2L, 4L, 8L, 16L, 30L, 30L, 30L), seconds);
    }

    @Test
    void a_service_that_keeps_exiting_waits_longer_each_time_and_each_restart_is_reported() {
        for (int i = 0; i < 4; i++) {
            exit(Duration.ofSeconds(5));
        }
        assertEquals(List.of(1000L, 2000L, 4000L, 8000L), scheduler.delaysMillis);
        assertEquals("payments: payments exited with 137; restarting in 8 s (restart #4)", reports.get(3));
        scheduler.tasks.forEach(Runnable::run);
        assertEquals(4, relaunched.get(), "each scheduled restart starts it");
        assertEquals(4, supervisor.restarts("payments"));
    }

    @Test
    void a_service_that_stayed_up_a_minute_is_restarted_after_one_second_again() {
        exit(Duration.ofSeconds(2));
        exit(Duration.ofSeconds(2));
        exit(Duration.ofSeconds(2));
        exit(Duration.ofMinutes(1));
        assertEquals(List.of(1000L, 2000L, 4000L, 1000L), scheduler.delaysMillis);
        assertTrue(reports.get(3).endsWith("restarting in 1 s (restart #4)"), reports.get(3));
        assertEquals(1000L, supervisor.exited("eligibility", 1, Duration.ZERO, () -> { }).orElseThrow().toMillis(),
                "each service has its own backoff");
    }

    @Test
    void after_close_nothing_is_started_again_not_even_a_restart_already_scheduled() {
        exit(Duration.ofSeconds(5));
        supervisor.close();
        scheduler.tasks.forEach(Runnable::run);
        assertEquals(0, relaunched.get());
        assertEquals(Optional.empty(), exit(Duration.ofSeconds(5)));
        assertEquals(1, scheduler.tasks.size(), "no restart scheduled after close");
    }
}
