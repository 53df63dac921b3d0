package org.susong.commons.messaging;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.susong.testing.Benchmark;
import org.susong.testing.LocalInfraTestResource;

/**
 * Throughput of commons' outbox relay (issue 14), on demand:
 * {@code ./mvnw -o -B -pl services/eligibility -am test -Dtest=OutboxRelayBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 * -Dsusong.bench=true [-Dbench.aggregates=5000]}. N aggregates with one pending event each, published
 * (a) through {@code publishSoon} as writers call it (4 relay threads, the default) and (b) by the
 * sweeper; three runs each. Prints events/s (until every outbox is empty) and store write commands
 * per event, counted by a driver command listener on the relay's own client. Real broker
 * ({@code acks=all}) and the local store (H2 backend), both in the test JVM.
 *
 * <p>{@link #relay_commands_per_event_by_depth} ({@code -Dtest=OutboxRelayBenchmark#relay_commands_per_event_by_depth},
 * {@code -Dbench.depths=1,10,100}, {@code -Dbench.events=1000}, {@code -Dbench.linger=5} ms): the load of a live
 * platform, where each write calls {@code publishSoon} right after it. At depth D, D writers each insert an aggregate
 * with one pending event, call {@code publishSoon} and wait for the broker's acknowledgement of that event before
 * writing the next (D events in flight). Prints store commands (writes and reads of the relay's own client) and
 * write commands per event, events/s and the publishSoon-to-acknowledgement latency p50/p99; three runs per depth.
 */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
@Benchmark
class OutboxRelayBenchmark extends RelayStore {

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

        public Duration relayLinger() {
            return Duration.ofMillis(Long.getLong("bench.linger", 5));
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
            OutboxRelay relay = new OutboxRelay(broker, store.client.getDatabase(database), settings, Clock.systemUTC(), registry);
            long start = System.nanoTime();
            if (sweeper) {
                OutboxSweeper sweep = new OutboxSweeper(relay, store.client.getDatabase(database), settings, Clock.systemUTC(), registry);
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

    /** One run at one depth: {commands/event, writes/event, events/s, p50 ms, p99 ms}. */
    double[] runAtDepth(int depth, int events) throws Exception {
        String name = "relay_depth_" + UUID.randomUUID().toString().substring(0, 8);
        MongoCollection<Document> collection = mongo.getDatabase(database).getCollection(name);
        BenchSettings settings = new BenchSettings(config, name);
        AtomicInteger next = new AtomicInteger();
        long[] latencies = new long[events];
        ExecutorService writers = Executors.newFixedThreadPool(depth);
        try (ProducerEmitter broker = new ProducerEmitter(bootstrap);
             OutboxBatchRelayTest.CountingClient store = new OutboxBatchRelayTest.CountingClient(connection)) {
            Map<String, CompletableFuture<Void>> waiting = new ConcurrentHashMap<>();
            broker.onAcknowledged = id -> {
                CompletableFuture<Void> writer = waiting.remove(id);
                if (writer != null) {
                    writer.complete(null);
                }
            };
            OutboxRelay relay = new OutboxRelay(broker, store.client.getDatabase(database), settings, Clock.systemUTC(),
                    new SimpleMeterRegistry());
            long start = System.nanoTime();
            List<Future<?>> running = new ArrayList<>();
            for (int w = 0; w < depth; w++) {
                running.add(writers.submit(() -> {
                    for (int a = next.getAndIncrement(); a < events; a = next.getAndIncrement()) {
                        String id = "D-" + a + "-" + UUID.randomUUID();
                        List<Document> entries = Outbox.entries(json, 0,
                                List.of(NewEvent.of("susong.eligibility.RelayBench.v1", id, Map.of("n", a)).build()), Instant.now());
                        CompletableFuture<Void> acknowledged = new CompletableFuture<>();
                        waiting.put(entries.get(0).getString("id"), acknowledged);
                        collection.insertOne(new Document("_id", id).append(Outbox.FIELD, entries).append(Outbox.SEQUENCE_FIELD, 1L));
                        long sent = System.nanoTime();
                        relay.publishSoon(name, id);
                        acknowledged.get(60, TimeUnit.SECONDS);
                        latencies[a] = System.nanoTime() - sent;
                    }
                    return null;
                }));
            }
            for (Future<?> writer : running) {
                writer.get(600, TimeUnit.SECONDS);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            while (pendingOutboxes(name) > 0 && System.nanoTime() - start < 600_000_000_000L) {
                Thread.sleep(50);
            }
            Thread.sleep(200); // the last rounds' pull and release
            relay.stop();
            long[] sorted = latencies.clone();
            java.util.Arrays.sort(sorted);
            return new double[] {store.commands.get() / (double) events, store.writes.get() / (double) events, events / seconds,
                    sorted[events / 2] / 1e6, sorted[Math.min(events - 1, (int) Math.ceil(events * 0.99) - 1)] / 1e6};
        } finally {
            writers.shutdownNow();
            collection.drop();
        }
    }

    @Test
    void relay_commands_per_event_by_depth() throws Exception {
        int events = Integer.getInteger("bench.events", 1000);
        runAtDepth(10, 300); // warm-up
        for (String d : System.getProperty("bench.depths", "1,10,100").split(",")) {
            int depth = Integer.parseInt(d.trim());
            double[][] runs = new double[3][];
            StringBuilder each = new StringBuilder();
            for (int r = 0; r < 3; r++) {
                String load = Files.readString(Path.of("/proc/loadavg")).trim();
                runs[r] = runAtDepth(depth, events);
                each.append(String.format(" [%.3f cmd/ev, %.3f writes/ev, %.0f ev/s, p50 %.1f ms, p99 %.1f ms, load %s]",
                        runs[r][0], runs[r][1], runs[r][2], runs[r][3], runs[r][4], load));
            }
            double[] medians = new double[5];
            for (int m = 0; m < 5; m++) {
                medians[m] = median(new double[] {runs[0][m], runs[1][m], runs[2][m]});
            }
            System.out.printf("RELAY-DEPTH depth %d, %d events, linger %s ms: median %.3f store commands/event, %.3f writes/event,"
                    + " %.0f events/s, p50 %.1f ms, p99 %.1f ms;%s%n", depth, events, System.getProperty("bench.linger", "5"),
                    medians[0], medians[1], medians[2], medians[3], medians[4], each);
        }
    }
}
