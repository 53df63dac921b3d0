package org.susong.funds.persistence;

import static io.restassured.RestAssured.given;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.susong.commons.ids.District;
import org.susong.commons.ids.Uscc;
import org.susong.commons.money.Money;
import org.susong.commons.persistence.GuardedCounter;
import org.susong.funds.domain.Instrument;
import org.susong.funds.domain.Investment;
import org.susong.funds.domain.InvestmentState;
import org.susong.funds.domain.InvestmentTerms;
import org.susong.funds.domain.Placement;
import org.susong.funds.domain.Stage;
import org.susong.testing.Benchmark;
import org.susong.testing.LocalInfraTestResource;
import org.susong.testing.Usccs;

/**
 * Issue 7's figures over 100,000 investments: scale, leverage, investments by district/stage/field
 * and an enterprise's portfolio, through the REST API, against what the maintained aggregates
 * avoid (a pipeline over all investments, a scan for one enterprise). Prints the figures; asserts
 * nothing about speed. Run on demand only:
 * {@code ./mvnw -o -B -pl services/fund-investments test -Dtest=FundFiguresBenchmark -Dsusong.bench=true [-Dbench.count=100000]}
 */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
@Benchmark
class FundFiguresBenchmark {

    static final String[] FUNDS = {"FUND-VENTURE", "FUND-CREDIT-ENHANCEMENT", "FUND-TECH-INNOVATION",
            "FUND-INDUSTRY-GUIDANCE", "FUND-SOE-STRATEGIC"};
    static final Stage[] STAGES = {Stage.START_UP, Stage.GROWTH, Stage.GROWTH, Stage.MATURE, Stage.MATURE};
    static final Instrument[] INSTRUMENTS = {Instrument.EQUITY, Instrument.CREDIT_ENHANCEMENT_GUARANTEE, Instrument.EQUITY,
            Instrument.EQUITY, Instrument.CONVERTIBLE};
    static final String[][] FIELDS = {{"biomedicine", "new-materials", "artificial-intelligence"}, {"s-t-credit-loans"},
            {"technology-innovation", "digitalisation", "intelligence", "technology-transfer"},
            {"mergers-and-acquisitions", "transformation"}, {"transformation", "industrial-chain-coordination"}};

    @Inject
    MongoClient mongo;
    @Inject
    FundRepository funds;
    @ConfigProperty(name = "quarkus.mongodb.database")
    String database;

    static RequestSpecification officer() {
        return given().header("X-User", "bench").header("X-Roles", "auditor");
    }

    static String uscc(int n) {
        return Usccs.valid("MB", n);
    }

    @Test
    void figures_over_100000_investments() throws Exception {
        int count = Integer.getInteger("bench.count", 100_000);
        int enterprises = count / 5;
        MongoCollection<Document> investments = mongo.getDatabase(database).getCollection(InvestmentRepository.COLLECTION);
        MongoCollection<Document> portfolios = mongo.getDatabase(database).getCollection(PortfolioRepository.COLLECTION);
        LocalDate day = LocalDate.of(2025, 1, 1);
        Instant now = Instant.now();

        // load: the investment documents in batches, each applied to its fund's counter through the service's own
        // guarded update (which keeps the figures) and forgotten, and the enterprises' portfolios
        long t0 = System.nanoTime();
        List<Document> batch = new ArrayList<>();
        Map<String, List<String>> portfolio = new LinkedHashMap<>();
        List<Placement> placements = new ArrayList<>(count);
        List<String> fundOf = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int f = i % FUNDS.length;
            String id = String.format("INV-BENCH-%07d", i);
            String enterprise = uscc(i % enterprises);
            District district = District.values()[(i / 7) % District.values().length];
            String field = FIELDS[f][(i / 5) % FIELDS[f].length];
            InvestmentTerms terms = new InvestmentTerms(Uscc.parse(enterprise), "Round " + (1 + i / enterprises),
                    INSTRUMENTS[f], Money.ofFen(1_000_000 + (i % 97) * 10_000L), 100 + i % 900, day.plusDays(i % 700),
                    STAGES[f]);
            Investment investment = new Investment(id, FUNDS[f], terms, new Investment.Context(district, field, null, false,
                    null, null, false), InvestmentState.COMMITTED, "bench;officer;;", "bench", now, null, now, null, null);
            batch.add(InvestmentRepository.toDocument(investment));
            portfolio.computeIfAbsent(enterprise, k -> new ArrayList<>()).add(id);
            placements.add(Placement.of(investment));
            fundOf.add(FUNDS[f]);
            if (batch.size() == 1_000) {
                investments.insertMany(batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            investments.insertMany(batch);
        }
        long inserted = System.nanoTime();
        List<Document> portfolioDocuments = new ArrayList<>();
        portfolio.forEach((enterprise, ids) -> portfolioDocuments.add(new Document("_id", enterprise).append("investmentIds", ids)));
        for (int i = 0; i < portfolioDocuments.size(); i += 1_000) {
            portfolios.insertMany(portfolioDocuments.subList(i, Math.min(portfolioDocuments.size(), i + 1_000)));
        }
        long portfoliosWritten = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(FUNDS.length);
        List<Future<Integer>> appliers = new ArrayList<>();
        for (String fund : FUNDS) {
            appliers.add(pool.submit(() -> {
                int applied = 0;
                for (int i = 0; i < count; i++) {
                    if (fundOf.get(i).equals(fund)) {
                        String id = String.format("INV-BENCH-%07d", i);
                        GuardedCounter.Outcome outcome = funds.apply(fund, id, Money.ofFen(1_000_000 + (i % 97) * 10_000L),
                                placements.get(i));
                        if (outcome != GuardedCounter.Outcome.APPLIED) {
                            throw new IllegalStateException(id + ": " + outcome);
                        }
                        funds.forget(fund, id);
                        applied++;
                    }
                }
                return applied;
            }));
        }
        int applied = 0;
        for (Future<Integer> a : appliers) {
            applied += a.get();
        }
        pool.shutdown();
        long countersDone = System.nanoTime();
        System.out.printf("%nBENCH load: %,d investments inserted in %.1f s; %,d portfolios in %.1f s; %,d applied to the"
                        + " fund counters (guarded update + forget, 5 threads) in %.1f s = %,.0f/s%n", count,
                secs(t0, inserted), portfolioDocuments.size(), secs(inserted, portfoliosWritten), applied,
                secs(portfoliosWritten, countersDone), applied / secs(portfoliosWritten, countersDone));
        long figuresCount = officer().get("/figures/investments").then().statusCode(200).extract().jsonPath().getLong("count");
        System.out.printf("BENCH figures count %,d (>= %,d loaded)%n", figuresCount, count);

        String enterprise = uscc(enterprises / 2);
        Map<String, Supplier<Object>> reports = new LinkedHashMap<>();
        reports.put("GET /figures/scale (JSON)", () -> officer().get("/figures/scale").then().statusCode(200).extract().asString());
        reports.put("GET /figures/scale (CSV)", () -> officer().accept("text/csv").get("/figures/scale").then().statusCode(200)
                .extract().asString());
        reports.put("GET /figures/leverage (JSON)", () -> officer().get("/figures/leverage").then().statusCode(200).extract()
                .asString());
        reports.put("GET /figures/investments (JSON)", () -> officer().get("/figures/investments").then().statusCode(200)
                .extract().asString());
        reports.put("GET /figures/investments (CSV)", () -> officer().accept("text/csv").get("/figures/investments").then()
                .statusCode(200).extract().asString());
        reports.put("GET /figures/portfolios/{uscc} (JSON, 5 positions)", () -> officer().get("/figures/portfolios/"
                + enterprise).then().statusCode(200).extract().asString());
        reports.put("GET /figures/portfolios/{uscc} (CSV)", () -> officer().accept("text/csv").get("/figures/portfolios/"
                + enterprise).then().statusCode(200).extract().asString());
        reports.put("GET /figures/scale (JSON), again last", () -> officer().get("/figures/scale").then().statusCode(200)
                .extract().asString());
        reports.put("baseline: pipeline $group by district over all investments", () -> investments.aggregate(List.of(
                Aggregates.group("$district", Accumulators.sum("count", 1), Accumulators.sum("amountFen", "$amountFen"))))
                .into(new ArrayList<>()));
        reports.put("baseline: find investments by enterpriseUscc (scan)", () -> investments.find(
                Filters.eq("enterpriseUscc", enterprise)).into(new ArrayList<>()));
        // warm the HTTP client, the server and the JIT on every report first (the load above used no HTTP)
        for (int round = 0; round < 10; round++) {
            reports.forEach((name, report) -> {
                if (!name.startsWith("baseline")) {
                    report.get();
                }
            });
        }
        for (Map.Entry<String, Supplier<Object>> report : reports.entrySet()) {
            boolean baseline = report.getKey().startsWith("baseline");
            int warm = baseline ? 1 : 5;
            int runs = baseline ? 5 : 21;
            for (int i = 0; i < warm; i++) {
                report.getValue().get();
            }
            double[] ms = new double[runs];
            for (int i = 0; i < runs; i++) {
                long start = System.nanoTime();
                report.getValue().get();
                ms[i] = (System.nanoTime() - start) / 1e6;
            }
            Arrays.sort(ms);
            System.out.printf("BENCH %-60s median %8.1f ms  p90 %8.1f ms  max %8.1f ms  (%d runs)%n", report.getKey(),
                    ms[runs / 2], ms[(int) Math.ceil(runs * 0.9) - 1], ms[runs - 1], runs);
        }
    }

    private static double secs(long from, long to) {
        return (to - from) / 1e9;
    }
}
