package org.susong.commons.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bson.Document;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

/**
 * A frozen store (issue 15: {@code kill -STOP} of the store): its port still accepts connections, nothing answers.
 * Readiness must say DOWN within its timeout, not after the driver's 30 s, and must leave no ping behind: a ping that
 * is not answered ends with the call (the driver's own operation timeout), so a long pause piles nothing up.
 */
class StoreReadinessTest {

    @Test
    void a_frozen_store_is_down_within_the_timeout_with_no_ping_left_waiting_on_it_and_up_again_after_the_thaw()
            throws Exception {
        try (FrozenStore store = new FrozenStore();
             // no socket timeout, long server selection and connect: only readiness' own bound can end a ping
             MongoClient mongo = MongoClients.create("mongodb://127.0.0.1:" + store.port()
                     + "/?serverSelectionTimeoutMS=120000&connectTimeoutMS=120000")) {
            StoreReadiness readiness = new StoreReadiness(mongo, Duration.ofSeconds(1));
            mongo.getDatabase("admin").runCommand(new Document("ping", 1)); // connected: a cold start is slower than 1 s
            HealthCheckResponse before = readiness.call();
            assertEquals(HealthCheckResponse.Status.UP, before.getStatus(), "the store answers: " + before.getData());

            store.freeze();
            for (int call = 0; call < 4; call++) {
                long started = System.nanoTime();
                HealthCheckResponse response = readiness.call();
                long tookMs = (System.nanoTime() - started) / 1_000_000;
                assertEquals(HealthCheckResponse.Status.DOWN, response.getStatus());
                assertTrue(tookMs < 3_000, "call " + call + " answered after " + tookMs + " ms");
                Thread.sleep(500);
            }
            // a second later every ping has ended: none waits on the frozen store (before: one thread per 30 s pause)
            Thread.sleep(1_000);
            assertEquals(List.of(), pingsInFlight(), "threads still pinging the frozen store");

            store.thaw();
            long thawed = System.nanoTime();
            HealthCheckResponse after = readiness.call();
            while (after.getStatus() != HealthCheckResponse.Status.UP && System.nanoTime() - thawed < 15_000_000_000L) {
                Thread.sleep(200);
                after = readiness.call();
            }
            assertEquals(HealthCheckResponse.Status.UP, after.getStatus(), "UP again after the thaw: " + after.getData());
        }
    }

    /** Threads other than this one with a readiness ping on their stack. */
    private static List<String> pingsInFlight() {
        List<String> pinging = new ArrayList<>();
        Thread.getAllStackTraces().forEach((thread, stack) -> {
            if (thread != Thread.currentThread() && thread.isAlive() && Arrays.stream(stack)
                    .anyMatch(frame -> frame.getClassName().startsWith(StoreReadiness.class.getName()))) {
                pinging.add(thread.getName());
            }
        });
        return pinging;
    }
}
