package org.susong.commons.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

/**
 * A frozen store (issue 15: {@code kill -STOP} of the store): its port still accepts connections, nothing answers.
 * Readiness must say DOWN within its timeout, not after the driver's 30 s, and must not start a ping per call.
 */
class StoreReadinessTest {

    @Test
    void a_store_that_accepts_but_never_answers_is_down_within_the_timeout_and_pinged_once() throws Exception {
        List<Socket> accepted = new CopyOnWriteArrayList<>();
        try (ServerSocket frozen = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(frozen.accept()); // the kernel accepts; the process never reads or answers
                    }
                } catch (Exception closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            try (MongoClient mongo = MongoClients.create("mongodb://127.0.0.1:" + frozen.getLocalPort()
                    + "/?serverSelectionTimeoutMS=120000&connectTimeoutMS=120000")) {
                StoreReadiness readiness = new StoreReadiness(mongo, Duration.ofSeconds(1));
                for (int call = 0; call < 3; call++) {
                    long started = System.nanoTime();
                    HealthCheckResponse response = readiness.call();
                    long tookMs = (System.nanoTime() - started) / 1_000_000;
                    assertEquals(HealthCheckResponse.Status.DOWN, response.getStatus());
                    assertTrue(tookMs < 3_000, "call " + call + " answered after " + tookMs + " ms");
                }
                assertTrue(readiness.pingsStarted() == 1, "one ping in flight, not one per call: " + readiness.pingsStarted());
                readiness.close();
            } finally {
                for (Socket s : accepted) {
                    s.close();
                }
            }
        }
    }
}
