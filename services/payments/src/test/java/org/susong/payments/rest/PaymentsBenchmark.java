package org.susong.payments.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.susong.commons.ids.Hashes;
import org.susong.commons.persistence.GuardedCounter;
import org.susong.testing.Benchmark;
import org.susong.testing.LocalInfraTestResource;
import org.susong.payments.application.BankFiles;
import org.susong.payments.application.BudgetService;
import org.susong.payments.application.OrderService;
import org.susong.payments.application.PaymentProcessor;
import org.susong.payments.domain.OrderState;
import org.susong.payments.domain.Payee;
import org.susong.payments.domain.PaymentOrder;
import org.susong.payments.persistence.BudgetLineRepository;

/**
 * Speed figures of issue 5 (docs/benchmarks.md, "Payments (issue 5)"), run only on demand:
 * {@code ./mvnw -o -B -pl services/payments verify -Dtest=PaymentsBenchmark -Dsusong.bench=true}.
 * Prints medians of three runs; asserts only the money rules (zero overdraw), never the speed.
 */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
@Benchmark
class PaymentsBenchmark {

    static final int THREADS = 16;
    static final int RESERVATIONS = 2000;
    static final long AMOUNT = 10_000; // 100 CNY

    @Inject
    Scheduler scheduler;
    @Inject
    PaymentProcessor processor;
    @Inject
    OrderService orders;
    @Inject
    BudgetService budgets;
    @Inject
    BudgetLineRepository lines;
    @Inject
    BankFiles files;
    @Inject
    MongoClient mongo;
    @ConfigProperty(name = "quarkus.mongodb.database")
    String database;

    @Test
    void reservations_per_second_on_one_hot_line_and_on_many_lines_and_pain001_export_of_10000_orders() throws Exception {
        scheduler.pause(PaymentProcessor.IDENTITY); // only reservations compete for the store
        processor.awaitIdle();
        List<Double> hot = new ArrayList<>();
        List<Double> many = new ArrayList<>();
        List<Double> counter = new ArrayList<>();
        for (int run = 0; run < 3; run++) {
            hot.add(hotLine(run));
            many.add(manyLines(run));
            counter.add(guardedCounterOnly(run));
        }
        List<Double> write = new ArrayList<>();
        List<Double> read = new ArrayList<>();
        for (int run = 0; run < 3; run++) {
            double[] t = pain001(10_000);
            write.add(t[0]);
            read.add(t[1]);
        }
        System.out.printf("%nBENCH payments (issue 5), medians of 3 runs, %d threads%n", THREADS);
        System.out.printf("BENCH reservation (full intent-first path), one hot line, %d decisions, half fit: %.0f /s%n",
                RESERVATIONS, median(hot));
        System.out.printf("BENCH reservation (full path), 15 lines round robin, %d decisions: %.0f /s%n", RESERVATIONS, median(many));
        System.out.printf("BENCH guarded line update alone (GuardedCounter), one hot counter: %.0f /s%n", median(counter));
        System.out.printf("BENCH pain.001 of 10,000 transfers: write + SHA-256 %.0f ms, parse back %.0f ms%n", median(write),
                median(read));
        scheduler.resume(PaymentProcessor.IDENTITY);
    }

    /** A line that fits exactly half the decisions: 2024:A4 is set to RESERVATIONS/2 x AMOUNT available. */
    double hotLine(int run) throws Exception {
        String line = "2024:A4";
        long available = lines.find(line).orElseThrow().availableFen();
        long target = RESERVATIONS / 2 * AMOUNT;
        if (available != target) {
            Fixtures.adjustNow(budgets, line, target - available, "benchmark: half of the decisions fit");
        }
        List<String> apps = new ArrayList<>();
        double rate = reserve(i -> line, apps, "HOT" + run);
        BudgetLineRepository.Line after = lines.find(line).orElseThrow();
        assertEquals(0, after.availableFen(), "never overdrawn, nothing left over");
        long waitlisted = apps.stream().filter(a -> orders.find(PaymentOrder.idFor("D-" + a)).orElseThrow().state()
                == OrderState.WAITLISTED).count();
        assertEquals(RESERVATIONS / 2, waitlisted);
        return rate;
    }

    double manyLines(int run) throws Exception {
        List<String> all = new ArrayList<>();
        for (int year = 2024; year <= 2026; year++) {
            for (String m : List.of("B1", "B3a", "B3b", "A4", "C1")) {
                all.add(year + ":" + m);
            }
        }
        all.remove("2024:A4"); // the hot line
        all.add("2025:A4");
        return reserve(i -> all.get(i % all.size()), new ArrayList<>(), "MANY" + run);
    }

    interface LineFor {
        String line(int i);
    }

    double reserve(LineFor lineFor, List<String> apps, String tag) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> futures = new ArrayList<>();
        List<String> made = Collections.synchronizedList(apps);
        long start = System.nanoTime();
        for (int i = 0; i < RESERVATIONS; i++) {
            String[] parts = lineFor.line(i).split(":");
            String app = "APP-" + tag + "-" + i;
            made.add(app);
            futures.add(pool.submit(() -> orders.onApprovedDecision(new OrderService.ApprovedDecision(UUID.randomUUID().toString(),
                    "h-" + app, "D-" + app, app, Fixtures.USCC, parts[1], Integer.parseInt(parts[0]), "HULI", AMOUNT))));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        return RESERVATIONS / seconds;
    }

    /** The counter alone: the guarded update and the id bookkeeping, no order documents, no events. */
    double guardedCounterOnly(int run) throws Exception {
        MongoCollection<Document> counters = mongo.getDatabase(database).getCollection("bench_counters");
        String id = "hot-" + run;
        counters.insertOne(new Document("_id", id).append("availableFen", RESERVATIONS / 2 * AMOUNT).append("reservedFen", 0L)
                .append(GuardedCounter.APPLIED, List.of()));
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        AtomicInteger applied = new AtomicInteger();
        List<Future<?>> futures = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < RESERVATIONS; i++) {
            String intent = "I-" + i;
            futures.add(pool.submit(() -> {
                if (GuardedCounter.apply(counters, id, intent, Filters.gte("availableFen", AMOUNT), com.mongodb.client.model.Updates
                        .combine(com.mongodb.client.model.Updates.inc("availableFen", -AMOUNT),
                                com.mongodb.client.model.Updates.inc("reservedFen", AMOUNT))) == GuardedCounter.Outcome.APPLIED) {
                    applied.incrementAndGet();
                    GuardedCounter.forget(counters, id, intent);
                }
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        assertEquals(RESERVATIONS / 2, applied.get());
        Document after = counters.find(Filters.eq("_id", id)).first();
        assertEquals(0L, after.get("availableFen", Number.class).longValue());
        return RESERVATIONS / seconds;
    }

    /** Writing (and hashing) and parsing back a pain.001 of n transfers, in milliseconds. */
    double[] pain001(int n) {
        List<BankFiles.Transfer> transfers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            transfers.add(new BankFiles.Transfer(String.format("PO-D-APP-20261129-%010d", i), 100_000 + i,
                    new Payee("Beneficiary " + i, "62220202" + String.format("%011d", i), "102393000019", "ICBC Xiamen",
                            Instant.EPOCH), "Susong B1 D-APP-" + i));
        }
        BankFiles.CreditTransfers batch = new BankFiles.CreditTransfers("B-20261129-2026B1-1", "B-20261129-2026B1-1-P1",
                Instant.parse("2026-11-29T08:00:00Z"), LocalDate.parse("2026-11-29"), "Payer", "35001000000000000000",
                "102393000000", transfers);
        long start = System.nanoTime();
        byte[] file = files.write(batch);
        String hash = Hashes.sha256(new String(file, StandardCharsets.UTF_8));
        double written = (System.nanoTime() - start) / 1e6;
        start = System.nanoTime();
        BankFiles.CreditTransfers back = files.readCreditTransfers(file);
        double read = (System.nanoTime() - start) / 1e6;
        assertEquals(batch.controlSumFen(), back.controlSumFen());
        assertTrue(hash.length() == 64);
        System.out.printf("BENCH pain.001 of %d transfers: %d bytes%n", n, file.length);
        return new double[] {written, read};
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
