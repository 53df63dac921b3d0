package org.susong.eligibility.domain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.susong.testing.Benchmark;

/**
 * Rule evaluations per second on one thread (plain harness, on demand):
 * {@code ./mvnw -o -B -pl services/eligibility test -Dtest=RuleBenchmark -Dsusong.bench=true}.
 * One evaluation = every criterion of the measure version plus its amount formula and rounding,
 * on compiled CEL programs (compiled once, as the service does). Prints the median of 5 rounds.
 */
@Benchmark
class RuleBenchmark {

    static final LocalDate DAY = LocalDate.of(2026, 6, 15);

    @Test
    void evaluations_per_second_on_one_thread() {
        run("B1", Map.of("category", "HIGH_TECH_ENTERPRISE", "certificateNumber", "GR202435100123",
                "certificationYear", 2025, "certificationKind", "RENEWED"));
        run("B3b", Map.of("contractRegistrationNumber", "2026350200008026", "technicalTransactionAmountFen", 1_500_000_000L,
                "registeredOn", "2026-05-02"));
        run("A4", Map.of("centreName", "enclave", "operatingCostsFen", 400_000_000L, "performanceGrade", "A"));
    }

    static void run(String code, Map<String, Object> facts) {
        CompiledRule rule = SeedCatalogue.rule(code);
        long sink = 0;
        for (int i = 0; i < 200_000; i++) {
            sink += rule.evaluate(facts, DAY).amountFen();
        }
        List<Double> rates = new ArrayList<>();
        for (int round = 0; round < 5; round++) {
            long start = System.nanoTime();
            long n = 0;
            while (System.nanoTime() - start < 2_000_000_000L) {
                for (int i = 0; i < 1_000; i++) {
                    sink += rule.evaluate(facts, DAY).amountFen();
                }
                n += 1_000;
            }
            rates.add(n / ((System.nanoTime() - start) / 1e9));
        }
        Collections.sort(rates);
        System.out.printf("RULE-BENCH %s (%d criteria + amount): median %.0f evaluations/s on one thread, rounds %s (sink %d)%n",
                code, rule.measure().rule().criteria().size(), rates.get(2),
                rates.stream().map(r -> String.format("%.0f", r)).toList(), sink % 10);
    }
}
