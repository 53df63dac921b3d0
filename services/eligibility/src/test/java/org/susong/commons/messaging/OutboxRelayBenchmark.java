package org.susong.commons.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.susong.infra.local.LocalInfraTestResource;

/**
 * Throughput of commons' outbox relay (issue 14), on demand:
 * {@code ./mvnw -o -B -pl services/eligibility -am test -Dtest=OutboxRelayBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 * -Dsusong.bench=true [-Dbench.aggregates=5000]}. N aggregates with one pending event each, published
 * (a) through {@code publishSoon} as writers call it (4 relay threads, the default) and (b) by the
 * sweeper; three runs each. Prints events/s (until every outbox is empty) and store write commands
 * per event, counted by a driver command listener on the relay's own client. Real broker
 * ({@code acks=all}) and the local store (H2 backend), both in the test JVM.
 */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
@EnabledIfSystemProperty(named = "susong.bench", matches = "true")
class OutboxRelayBenchmark {

    @Inject
    MongoClient mongo;
    @Inject
    OutboxConfig config;
    @Inject
    ObjectMapper json;
    @ConfigProperty(name = "quarkus.mongodb.database")
    String database;
    @ConfigProperty(name = "quarkus.mongodb.connection-string")
    String connection;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    /** The service's settings with the bench's collection and 4 relay threads (no @Override: compiles before and after relay-batch). */
    record BenchSettings(OutboxConfig base, String collection) implements OutboxConfig {
        public String service() {
            return base.service();
        }

        public List<String> outboxCollections() {
            return List.of(collection);
        }

        public int outboxMaxPending() {
            return base.outboxMaxPending();
        }

        public Duration leaseDuration() {
            return base.leaseDuration();
        }

        public Duration sendTimeout() {
            return base.sendTimeout();
        }

        public int relayThreads() {
            return 4;
        }

        public int relayBatch() {
            return 256;
        }

        public List<String> topics() {
            return base.topics();
        }

        public Duration maxRetryBackoff() {
            return base.maxRetryBackoff();
        }

        public Duration stuckAfter() {
            return base.stuckAfter();
        }
    }

    List<String> aggregates(String name, int n) {
        MongoCollection<Document> collection = mongo.getDatabase(database).getCollection(name);
        List<String> ids = new ArrayList<>(n);
        List<Document> chunk = new ArrayList<>();
        for (int a = 0; a < n; a++) {
            String id = "B-" + a + "-" + UUID.randomUUID();
            List<Document> entries = Outbox.entries(json, 0,
                    List.of(NewEvent.of("susong.eligibility.RelayBench.v1", id, Map.of("n", a)).build()), Instant.now());
            chunk.add(new Document("_id", id).append(Outbox.FIELD, entries).append(Outbox.SEQUENCE_FIELD, 1L));
            ids.add(id);
            if (chunk.size() == 1000) {
                collection.insertMany(chunk);
                chunk = new ArrayList<>();
            }
        }
        if (!chunk.isEmpty()) {
            collection.insertMany(chunk);
        }
        return ids;
    }

    long pendingOutboxes(String name) {
        return mongo.getDatabase(database).getCollection(name).countDocuments(Filters.exists(Outbox.FIELD + ".0", true));
    }

    /** One run: returns {events/s, writes per event}. */
    double[] run(int n, boolean sweeper) throws Exception {
        String name = "relay_bench_" + UUID.randomUUID().toString().substring(0, 8);
        List<String> ids = aggregates(name, n);
        BenchSettings settings = new BenchSettings(config, name);
        try (ProducerEmitter broker = new ProducerEmitter(bootstrap);
             OutboxBatchRelayTest.CountingClient store = new OutboxBatchRelayTest.CountingClient(connection)) {
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            OutboxRelay relay = new OutboxRelay(broker, store.client, database, settings, Clock.systemUTC(), registry);
            long start = System.nanoTime();
            if (sweeper) {
                OutboxSweeper sweep = new OutboxSweeper(relay, store.client, database, settings, Clock.systemUTC(), registry);
                while (broker.acknowledged.size() < n && System.nanoTime() - start < 600_000_000_000L) {
                    sweep.sweep();
                }
            } else {
                for (String id : ids) {
                    relay.publishSoon(name, id);
                }
            }
            // the broker's acknowledgements first (cheap to poll), then the outboxes: counting them scans the collection
            // and holds the store's collection lock, so it is polled rarely, not to slow the relay it measures
            while (broker.acknowledged.size() < n && System.nanoTime() - start < 600_000_000_000L) {
                Thread.sleep(5);
            }
            while (pendingOutboxes(name) > 0 && System.nanoTime() - start < 600_000_000_000L) {
                Thread.sleep(50);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            relay.stop();
            return new double[] {n / seconds, store.writes.get() / (double) n};
        } finally {
            mongo.getDatabase(database).getCollection(name).drop();
        }
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    @Test
    void relay_throughput() throws Exception {
        int n = Integer.getInteger("bench.aggregates", 5000);
        run(500, false); // warm-up
        for (boolean sweeper : new boolean[] {false, true}) {
            double[] rates = new double[3];
            double[] writes = new double[3];
            StringBuilder runs = new StringBuilder();
            for (int r = 0; r < 3; r++) {
                String load = Files.readString(Path.of("/proc/loadavg")).trim();
                double[] result = run(n, sweeper);
                rates[r] = result[0];
                writes[r] = result[1];
                runs.append(String.format(" [%.0f ev/s, %.3f writes/ev, load %s]", result[0], result[1], load));
            }
            System.out.printf("RELAY-BENCH %s, %d aggregates x 1 event: median %.0f events/s, %.3f store writes/event;%s%n",
                    sweeper ? "sweeper" : "publishSoon", n, median(rates), median(writes), runs);
        }
    }
}
