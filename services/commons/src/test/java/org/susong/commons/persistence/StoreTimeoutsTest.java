package org.susong.commons.persistence;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.quarkus.runtime.configuration.DurationConverter;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.susong.commons.messaging.EventConsumer;

/**
 * Issue 15: a service sent SIGTERM while the store is frozen ({@code kill -STOP}, a network partition) must exit within
 * Kubernetes' grace period (30 s): its graceful shutdown waits for the HTTP requests (up to
 * {@code quarkus.shutdown.timeout}) and for the store calls in flight, so every store call must end on its own. The
 * shared defaults (commons {@code META-INF/microprofile-config.properties}) bound server selection and socket reads;
 * a call that runs into them fails with what {@link EventConsumer#isTransient} retries, so a store outage still only
 * delays consumption and dead-letters nothing.
 */
class StoreTimeoutsTest {

    /** Kubernetes' default terminationGracePeriodSeconds. */
    static final Duration GRACE_PERIOD = Duration.ofSeconds(30);

    @Test
    void the_shared_defaults_bound_the_graceful_shutdown_and_every_wait_of_a_store_call() throws IOException {
        Properties shared = shared();

        Duration shutdown = duration(shared, "quarkus.shutdown.timeout");
        Duration read = duration(shared, "quarkus.mongodb.read-timeout");
        Duration selection = duration(shared, "quarkus.mongodb.server-selection-timeout");

        // the HTTP drain, then the store calls still in flight, each ending within its longest wait, inside the grace period
        Duration longestCall = longestCall(read, selection);
        assertTrue(shutdown.plus(longestCall).compareTo(GRACE_PERIOD.minusSeconds(5)) <= 0,
                "shutdown " + shutdown + " + longest store call " + longestCall + " leaves 5 s of " + GRACE_PERIOD);
        // the readiness ping has its own, shorter bound (StoreReadiness)
        assertTrue(duration(shared, "susong.health.store-timeout").compareTo(longestCall) < 0);
    }

    @Test
    void store_calls_on_a_frozen_store_end_within_the_shared_timeouts_and_are_retried_not_dead_lettered() throws Exception {
        Properties shared = shared();
        Duration read = duration(shared, "quarkus.mongodb.read-timeout");
        Duration selection = duration(shared, "quarkus.mongodb.server-selection-timeout");
        Duration bound = longestCall(read, selection).plusSeconds(3);
        ExecutorService calls = Executors.newCachedThreadPool();
        try (FrozenStore store = new FrozenStore();
             // the settings Quarkus' MongoClients makes of the shared keys, on the default connection string
             MongoClient mongo = MongoClients.create(MongoClientSettings.builder()
                     .applyConnectionString(new ConnectionString("mongodb://127.0.0.1:" + store.port()))
                     .applyToSocketSettings(s -> s.readTimeout((int) read.toMillis(), TimeUnit.MILLISECONDS))
                     .applyToClusterSettings(c -> c.serverSelectionTimeout(selection.toMillis(), TimeUnit.MILLISECONDS))
                     .build())) {
            MongoCollection<Document> things = mongo.getDatabase("timeouts").getCollection("things");
            things.insertOne(new Document("_id", "T-1").append("n", 0)); // a pooled connection that will hang

            store.freeze();
            List<Future<Ended>> first = new ArrayList<>();
            // a write on the pooled connection, a read on a new one, at once
            first.add(calls.submit(() -> ended(() -> things.updateOne(Filters.eq("_id", "T-1"), Updates.inc("n", 1)))));
            first.add(calls.submit(() -> ended(() -> things.find(Filters.eq("_id", "T-1")).first())));
            List<Ended> outcomes = new ArrayList<>();
            for (Future<Ended> call : first) {
                outcomes.add(call.get(bound.toSeconds() + 30, TimeUnit.SECONDS));
            }
            // then a retry, as a consumer's: by now the driver may have given the server up (server selection waits)
            outcomes.add(calls.submit(() -> ended(() -> things.find(Filters.eq("_id", "T-1")).first()))
                    .get(bound.toSeconds() + 30, TimeUnit.SECONDS));
            for (Ended outcome : outcomes) {
                assertNotNull(outcome.failure(), "no call succeeds on a frozen store");
                assertTrue(outcome.took().compareTo(bound) <= 0, "a call ended after " + outcome.took() + " (bound " + bound
                        + "): " + outcome.failure());
                assertTrue(EventConsumer.isTransient(outcome.failure()), "retried, not dead-lettered: " + outcome.failure());
            }

            store.thaw();
            long thawed = System.nanoTime();
            Document back = null;
            while (back == null && System.nanoTime() - thawed < TimeUnit.SECONDS.toNanos(30)) {
                try {
                    back = things.find(Filters.eq("_id", "T-1")).first();
                } catch (RuntimeException stillRecovering) {
                    Thread.sleep(200);
                }
            }
            assertNotNull(back, "the store answers again after the thaw");
        } finally {
            calls.shutdownNow();
        }
    }

    /**
     * The longest a store call waits on a frozen store: a socket read that times out, retried once by the driver when
     * it is a read (retryable reads, seen here: a find on a new connection failed after twice the read timeout), or
     * server selection once the driver has given the server up.
     */
    static Duration longestCall(Duration read, Duration selection) {
        Duration retriedRead = read.multipliedBy(2);
        return retriedRead.compareTo(selection) > 0 ? retriedRead : selection;
    }

    record Ended(Duration took, Throwable failure) {
    }

    private static Ended ended(Runnable call) {
        long started = System.nanoTime();
        try {
            call.run();
            return new Ended(Duration.ofNanos(System.nanoTime() - started), null);
        } catch (RuntimeException e) {
            return new Ended(Duration.ofNanos(System.nanoTime() - started), e);
        }
    }

    /** The shared defaults every service picks up (ordinal 100), from commons' own resources. */
    static Properties shared() throws IOException {
        for (URL url : Collections.list(StoreTimeoutsTest.class.getClassLoader()
                .getResources("META-INF/microprofile-config.properties"))) {
            Properties properties = new Properties();
            try (InputStream in = url.openStream()) {
                properties.load(in);
            }
            if (properties.containsKey("susong.health.store-timeout")) {
                return properties;
            }
        }
        throw new IllegalStateException("commons' microprofile-config.properties is not on the class path");
    }

    private static Duration duration(Properties shared, String key) {
        String value = shared.getProperty(key);
        assertNotNull(value, key + " is set in the shared defaults");
        return DurationConverter.parseDuration(value);
    }
}
