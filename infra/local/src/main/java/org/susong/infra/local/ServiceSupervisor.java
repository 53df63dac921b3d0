package org.susong.infra.local;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * Restarts a service whose process exited although nobody stopped it, as Kubernetes restarts a crashed
 * container ({@code restartPolicy: Always}): after a backoff that doubles while the service keeps exiting
 * (1 s, 2 s, 4 s ... up to 30 s) and starts again at 1 s once the service has stayed up a minute. Each restart
 * is reported ({@code payments exited with 137; restarting in 1 s (restart #1)}). {@link PlatformProcesses}
 * decides what counts as unexpected (not a stop, not a process already replaced) and how to start it again.
 */
final class ServiceSupervisor implements AutoCloseable {

    /** The delays between restarts. */
    record Backoff(Duration initial, Duration max, Duration resetAfter) {

        /** 1 s doubling to 30 s, reset after a minute up (Kubernetes: 10 s to 5 min, reset after 10 min). */
        static final Backoff DEFAULT = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofMinutes(1));

        /** The delay before the {@code restart}-th restart (1-based) of a run of exits without a minute up between them. */
        Duration delay(int restart) {
            long millis = initial.toMillis();
            for (int i = 1; i < restart && millis < max.toMillis(); i++) {
                millis *= 2;
            }
            return Duration.ofMillis(Math.min(millis, max.toMillis()));
        }
    }

    private final Backoff backoff;
    private final ScheduledExecutorService scheduler;
    private final BiConsumer<String, String> report;
    /** Restarts of each service since it last stayed up {@code resetAfter}: the exponent of the next delay. */
    private final Map<String, Integer> run = new HashMap<>();
    /** Restarts of each service since the supervisor started (the number in the report). */
    private final Map<String, Integer> total = new HashMap<>();
    private boolean closed;

    /** {@code report} receives (service, line) for the launcher's output and the service's log. */
    ServiceSupervisor(Backoff backoff, ScheduledExecutorService scheduler, BiConsumer<String, String> report) {
        this.backoff = backoff;
        this.scheduler = scheduler;
        this.report = report;
    }

    /**
     * A supervised service exited unexpectedly after running {@code uptime}: reports it and runs {@code relaunch}
     * after the backoff, unless the supervisor is closed by then. Returns the delay, empty when closed.
     */
    synchronized Optional<Duration> exited(String service, int exitCode, Duration uptime, Runnable relaunch) {
        if (closed) {
            return Optional.empty();
        }
        int inRun = uptime.compareTo(backoff.resetAfter()) >= 0 ? 1 : run.getOrDefault(service, 0) + 1;
        run.put(service, inRun);
        int number = total.merge(service, 1, Integer::sum);
        Duration delay = backoff.delay(inRun);
        report.accept(service, String.format("%s exited with %d; restarting in %s (restart #%d)", service, exitCode,
                seconds(delay), number));
        scheduler.schedule(() -> {
            if (!isClosed()) {
                relaunch.run();
            }
        }, delay.toMillis(), TimeUnit.MILLISECONDS);
        return Optional.of(delay);
    }

    /** How often the service was restarted since the supervisor started. */
    synchronized int restarts(String service) {
        return total.getOrDefault(service, 0);
    }

    synchronized boolean isClosed() {
        return closed;
    }

    /** No restart after this, not even one already scheduled. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        scheduler.shutdownNow();
    }

    private static String seconds(Duration delay) {
        return delay.toMillis() % 1000 == 0 ? delay.toSeconds() + " s" : String.format("%.3f s", delay.toMillis() / 1000.0);
    }
}
