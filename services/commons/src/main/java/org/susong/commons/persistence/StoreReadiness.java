package org.susong.commons.persistence;

import com.mongodb.client.MongoClient;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of the store, answered within {@code susong.health.store-timeout} (issue 15): a {@code ping} that does
 * not come back in time is DOWN at once. Quarkus' own MongoDB check (off: {@code quarkus.mongodb.health.enabled})
 * waits for {@code quarkus.mongodb.read-timeout} or 30 s, and a frozen store (a network partition, {@code kill -STOP})
 * keeps a socket read open with no timeout, so {@code /q/health/ready} hung instead of saying DOWN. At most one ping is
 * in flight: while one hangs, later calls answer DOWN without starting another (no pile of blocked threads); one
 * older than {@link #ABANDON_AFTER} is left to its thread and a fresh one is tried, so a dead connection does not keep
 * readiness DOWN after the store is back.
 */
@Readiness
@ApplicationScoped
public class StoreReadiness implements HealthCheck {

    static final Duration ABANDON_AFTER = Duration.ofSeconds(30);

    private final MongoClient mongo;
    private final Duration timeout;
    private final ExecutorService pings = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "store-readiness-ping");
        t.setDaemon(true);
        return t;
    });
    private Future<Document> inFlight;
    private long inFlightSince;
    private int started;

    StoreReadiness(MongoClient mongo, @ConfigProperty(name = "susong.health.store-timeout", defaultValue = "PT3S") Duration timeout) {
        this.mongo = mongo;
        this.timeout = timeout;
    }

    @Override
    public synchronized HealthCheckResponse call() {
        var response = HealthCheckResponse.named("store");
        if (inFlight == null || inFlight.isDone() || System.nanoTime() - inFlightSince > ABANDON_AFTER.toNanos()) {
            inFlight = pings.submit(() -> mongo.getDatabase("admin").runCommand(new Document("ping", 1)));
            inFlightSince = System.nanoTime();
            started++;
        }
        long waited = System.nanoTime() - inFlightSince;
        try {
            inFlight.get(Math.max(0, timeout.toNanos() - waited), TimeUnit.NANOSECONDS);
            return response.up().build();
        } catch (TimeoutException e) {
            return response.down().withData("error", "no answer to ping for " + Duration.ofNanos(System.nanoTime()
                    - inFlightSince).toMillis() + " ms (limit " + timeout.toMillis() + " ms)").build();
        } catch (ExecutionException e) {
            return response.down().withData("error", String.valueOf(e.getCause())).build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return response.down().withData("error", "interrupted").build();
        }
    }

    /** Pings started so far (tests: one per hang, not one per call). */
    synchronized int pingsStarted() {
        return started;
    }

    @PreDestroy
    void close() {
        pings.shutdownNow();
    }
}
