package org.susong.applications.bench;

import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.susong.testing.Benchmark;
import org.susong.testing.CloudEventRecords;
import org.susong.testing.LocalInfraTestResource;
import org.susong.testing.Usccs;

/**
 * Figures for docs/benchmarks.md, run on demand only:
 * {@code ./mvnw -o -B -pl services/applications test -Dtest=ApplicationsBenchmark -Dsusong.bench=true}.
 * Prints the sustained POST /applications rate (idempotency key and duplicate check on every
 * request) and list-query latencies over 1,000,000 applications. Nothing is asserted.
 */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
@Benchmark
class ApplicationsBenchmark {

    static final String[] DISTRICTS = {"SIMING", "HULI", "JIMEI", "HAICANG", "TONGAN", "XIANGAN"};
    static final String[] STATUSES = {"SUBMITTED", "UNDER_REVIEW", "APPROVED", "REJECTED", "PAYMENT_SCHEDULED", "PAID",
            "PAID", "PAID", "WITHDRAWN", "WAITLISTED"};
    static final String[] MEASURES = {"A2", "B1", "B2", "B3a", "B3b", "B4", "C1", "C2", "D1", "D2"};

    @Inject
    MongoClient mongo;

    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    final String base = "http://localhost:" + ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);

    static String uscc(int n) {
        return Usccs.valid("MF", n);
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.header("X-User", "bench").header("X-Roles", "officer").header("X-District", "HULI").build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void sustained_submissions_then_list_queries_over_a_million() throws Exception {
        if (!"false".equals(System.getProperty("bench.submissions"))) {
            submissions();
        }
        listQueries();
    }

    void submissions() throws Exception {
        try (KafkaCompanion kafka = new KafkaCompanion(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers",
                String.class))) {
            kafka.produceStrings().fromRecords(CloudEventRecords.event("eligibility.events",
                    "susong.eligibility.MeasurePublished.v1", "C9",
                    "{\"code\":\"C9\",\"version\":1,\"status\":\"OPEN\",\"requiredFacts\":[\"project\"]}")).awaitCompletion();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> mongo.getDatabase("applications").getCollection("measures")
                .countDocuments(new Document("_id", "C9")) == 1);
        int applicants = 12_000; // one open application per applicant, measure and business year: one applicant per submission
        for (int i = 0; i < applicants; i++) {
            send(HttpRequest.newBuilder(URI.create(base + "/applicants")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"uscc\":\"" + uscc(i) + "\",\"name\":\"Bench Co " + i
                            + "\",\"type\":\"ENTERPRISE\",\"district\":\"Huli\"}")));
        }
        AtomicInteger next = new AtomicInteger();
        int threads = 16;
        List<Double> rates = new ArrayList<>();
        for (int round = 0; round < 4; round++) { // round 0 warms up
            int count = 3_000;
            int end = next.get() + count;
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            AtomicInteger failures = new AtomicInteger();
            long start = System.nanoTime();
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    int n;
                    while ((n = next.getAndIncrement()) < end) {
                        String body = "{\"applicantUscc\":\"" + uscc(n % applicants) + "\",\"measureCode\":\"C9\","
                                + "\"facts\":{\"project\":\"bench " + n + "\"}}";
                        try {
                            HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + "/applications"))
                                    .header("Content-Type", "application/json")
                                    .header("Idempotency-Key", UUID.randomUUID().toString())
                                    .POST(HttpRequest.BodyPublishers.ofString(body)));
                            if (r.statusCode() != 201) {
                                failures.incrementAndGet();
                            }
                        } catch (Exception e) {
                            failures.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            pool.shutdown();
            next.set(end);
            double rate = count / seconds;
            System.out.printf("BENCH submissions round %d: %d in %.2f s = %.0f/s, %d not 201%n", round, count, seconds, rate,
                    failures.get());
            if (round > 0) {
                rates.add(rate);
            }
        }
        Collections.sort(rates);
        System.out.printf("BENCH submissions median: %.0f/s (16 client threads, Idempotency-Key + duplicate check each)%n",
                rates.get(rates.size() / 2));
    }

    void listQueries() throws Exception {
        MongoCollection<Document> applications = mongo.getDatabase("applications").getCollection("applications");
        int total = Integer.getInteger("bench.list-size", 1_000_000);
        Random random = new Random(7);
        long start = System.nanoTime();
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        List<Document> batch = new ArrayList<>(1_000);
        for (int i = 0; i < total; i++) {
            String uscc = uscc(100_000 + i % 50_000);
            String measure = MEASURES[i % MEASURES.length];
            Date created = Date.from(t0.plusSeconds(i * 30L));
            String status = STATUSES[random.nextInt(STATUSES.length)];
            // the fields the list reads and filters on (a full application with timeline and facts is ~5 KB on the
            // heap of the in-memory store; a million of those do not fit a test JVM)
            batch.add(new Document("_id", String.format("APP-2026XXXX-%010d", i)).append("applicantUscc", uscc)
                    .append("measureCode", measure).append("district", DISTRICTS[(i / 7) % 6]).append("period", "B" + i)
                    .append("year", 2026).append("createdAt", created).append("submittedAt", created).append("status", status)
                    .append("openSlot", uscc + "|" + measure + "|B" + i).append("version", 1L).append("eventSeq", 1L));
            if (batch.size() == 1_000) {
                applications.insertMany(batch);
                batch = new ArrayList<>(1_000);
                if ((i + 1) % 100_000 == 0) {
                    System.out.printf("BENCH loaded %d in %.0f s%n", i + 1, (System.nanoTime() - start) / 1e9);
                }
            }
        }
        if (!batch.isEmpty()) {
            applications.insertMany(batch);
        }
        System.out.printf("BENCH loaded %d applications in %.0f s%n", applications.countDocuments(),
                (System.nanoTime() - start) / 1e9);

        String[] kinds = {"district", "district+status", "district+measure+year", "district cursor page 5", "measure",
                "applicant", "status", "all (admin)"};
        for (String kind : kinds) {
            List<Long> micros = new ArrayList<>();
            for (int i = 0; i < 220; i++) {
                String district = DISTRICTS[i % 6];
                String query = switch (kind) {
                    case "district", "district cursor page 5" -> "";
                    case "district+status" -> "status=" + STATUSES[i % STATUSES.length];
                    case "district+measure+year" -> "measure=" + MEASURES[i % MEASURES.length] + "&year=2026";
                    case "measure" -> "measure=" + MEASURES[i % MEASURES.length];
                    case "applicant" -> "applicant=" + uscc(100_000 + (i * 7919) % 50_000);
                    case "status" -> "status=" + STATUSES[i % STATUSES.length];
                    default -> "";
                };
                boolean officer = kind.startsWith("district");
                long t = System.nanoTime();
                String cursor = null;
                int pages = kind.contains("cursor") ? 5 : 1;
                for (int p = 0; p < pages; p++) {
                    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/applications?limit=50&" + query
                            + (cursor == null ? "" : "&cursor=" + cursor)));
                    if (officer) {
                        request.header("X-District", district);
                    } else {
                        request.header("X-Roles", "admin");
                    }
                    if (p == pages - 1) {
                        t = System.nanoTime();
                    }
                    HttpResponse<String> r = http.send(request.header("X-User", "bench")
                            .header("X-Roles", officer ? "officer" : "admin").build(), HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() != 200) {
                        throw new IllegalStateException(kind + ": " + r.statusCode() + " " + r.body());
                    }
                    int at = r.body().indexOf("\"nextCursor\":\"");
                    cursor = at < 0 ? null : r.body().substring(at + 14, r.body().indexOf('"', at + 14));
                }
                if (i >= 20) { // the first 20 warm up
                    micros.add((System.nanoTime() - t) / 1_000);
                }
            }
            Collections.sort(micros);
            System.out.printf("BENCH list %-24s p50 %6.1f ms  p99 %6.1f ms  max %6.1f ms (200 queries, 50 rows)%n", kind,
                    micros.get(micros.size() / 2) / 1000.0, micros.get((int) (micros.size() * 0.99) - 1) / 1000.0,
                    micros.get(micros.size() - 1) / 1000.0);
        }
        long t = System.nanoTime();
        HttpResponse<String> counts = http.send(HttpRequest.newBuilder(URI.create(base + "/applications/counts"))
                .header("X-User", "bench").header("X-Roles", "officer").header("X-District", "HULI").build(),
                HttpResponse.BodyHandlers.ofString());
        System.out.printf("BENCH counts (district) %d ms, status %d%n", (System.nanoTime() - t) / 1_000_000, counts.statusCode());
    }
}
