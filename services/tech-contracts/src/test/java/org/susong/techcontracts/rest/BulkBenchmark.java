package org.susong.techcontracts.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.susong.techcontracts.rest.Api.registrar;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.susong.testing.Benchmark;
import org.susong.testing.ContractYearGenerator;
import org.susong.testing.LocalInfraTestResource;
import org.susong.techcontracts.persistence.ContractRepository;

/**
 * Prints how long bulk registration of a generated year takes, and how long its events take to
 * leave through the outboxes. Not a timed assertion; excluded from the default run. Run:
 * {@code ./mvnw -o -B -pl services/tech-contracts test -Dsusong.bench=true
 * -Dtest=BulkBenchmark -Dbench.count=8025 -Dbench.year=2021}
 */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
@Benchmark
class BulkBenchmark {

    @Inject
    ContractRepository contracts;

    @Test
    void bulk_register_a_generated_year() throws Exception {
        int count = Integer.getInteger("bench.count", ContractYearGenerator.COUNT_2023);
        int year = Integer.getInteger("bench.year", 2021);
        int chunk = Integer.getInteger("bench.chunk", 20_000);
        long drainTimeoutSeconds = Long.getLong("bench.drain-timeout", 900);
        long totalFen = ContractYearGenerator.TOTAL_2023_FEN / ContractYearGenerator.COUNT_2023 * count;
        List<ContractYearGenerator.Row> rows = ContractYearGenerator.generate(count, totalFen, year, 7L,
                ContractYearGenerator.Basis.CONTRACT);
        RestAssuredConfig patient = RestAssured.config().httpClient(HttpClientConfig.httpClientConfig()
                .setParam("http.socket.timeout", 3_600_000).setParam("http.connection.timeout", 60_000));
        long pendingBefore = contracts.withPendingEvents();
        long start = System.nanoTime();
        int registered = 0;
        for (int from = 0; from < count; from += chunk) {
            registered += registrar().config(patient).contentType("text/csv")
                    .body(ContractYearGenerator.csv(rows, from, Math.min(count, from + chunk)))
                    .post("/contracts/bulk").then().statusCode(200).extract().<Integer>path("registered");
        }
        double registerSeconds = (System.nanoTime() - start) / 1e9;
        assertEquals(count, registered);
        long statsStart = System.nanoTime();
        registrar().config(patient).get("/statistics/contracts/" + year).then().statusCode(200);
        double statsSeconds = (System.nanoTime() - statsStart) / 1e9;
        long deadline = System.nanoTime() + drainTimeoutSeconds * 1_000_000_000L;
        long pending = contracts.withPendingEvents();
        while (pending > pendingBefore && System.nanoTime() < deadline) {
            Thread.sleep(1_000);
            pending = contracts.withPendingEvents();
        }
        double drainSeconds = (System.nanoTime() - start) / 1e9;
        long quietStart = System.nanoTime();
        registrar().config(patient).get("/statistics/contracts/" + year).then().statusCode(200);
        double quietStatsSeconds = (System.nanoTime() - quietStart) / 1e9;
        System.out.printf("BENCH tech-contracts bulk: %,d contracts registered in %.1f s (%.0f/s); statistics of the"
                        + " year in %.2f s while the relay runs; outboxes %s after %.1f s from the start (%d contracts"
                        + " still pending); statistics again %.2f s%n",
                count, registerSeconds, count / registerSeconds, statsSeconds,
                pending <= pendingBefore ? "drained" : "NOT drained", drainSeconds, pending - pendingBefore,
                quietStatsSeconds);
    }
}
