package org.susong.applications.bench;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import com.mongodb.client.MongoClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.bson.Document;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.susong.testing.Benchmark;
import org.susong.testing.CloudEventRecords;
import org.susong.testing.LocalInfraTestResource;
import org.susong.testing.Usccs;

/**
 * Issue 18's figure for docs/benchmarks.md, run on demand only: the server time of a district officer's first page
 * (the query the portal's {@code /officer/applications} sends: {@code GET /applications?district=&limit=50}, newest
 * first, keyset cursor) over applications loaded through the real {@code POST /imports/applications} (drafts, every
 * district's officer importing its own; {@code -Dbench.size}, default 100,000), 200 requests after 20 warm-up. Run it
 * once per store:
 * {@code ./mvnw -o -B -pl services/applications test -Dtest=OfficerFirstPageBenchmark -Dsusong.bench=true
 * -Dsurefire.failIfNoSpecifiedTests=false [-Dsusong.test.durable-store=true]}. Nothing is asserted.
 */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
@Benchmark
class OfficerFirstPageBenchmark {

    static final String[] DISTRICTS = {"HULI", "SIMING", "JIMEI", "HAICANG", "TONGAN", "XIANGAN"};
    static final int APPLICANTS_PER_DISTRICT = 100;
    static final int MEASURES = 10;
    static final int ROWS_PER_FILE = 20_000; // susong.applications.imports.max-rows

    @Inject
    MongoClient mongo;

    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    final String base = "http://localhost:" + ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);

    static String uscc(int district, int n) {
        return Usccs.valid("FP", district * 1_000 + n);
    }

    HttpResponse<String> asOfficer(String district, HttpRequest.Builder request) throws Exception {
        return http.send(request.header("X-User", "bench-" + district).header("X-Roles", "officer")
                .header("X-District", district).build(), HttpResponse.BodyHandlers.ofString());
    }

    String importCsv(String district, String path, String csv) throws Exception {
        HttpResponse<String> r = asOfficer(district, HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofMinutes(30)).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString(csv)));
        if (r.statusCode() != 200) {
            throw new IllegalStateException(path + ": " + r.statusCode() + " " + r.body().substring(0,
                    Math.min(600, r.body().length())));
        }
        if (!r.body().contains("\"failed\":0")) {
            // a row the store failed under load is reported FAILED and the file goes on (the import's rule): counted
            int at = r.body().indexOf("\"failed\":");
            System.out.printf("BENCH %s: %s rows failed%n", path, r.body().substring(at + 9, r.body().indexOf(',', at)));
        }
        return r.body();
    }

    @Test
    void the_officers_first_page_over_imported_applications() throws Exception {
        int size = Integer.getInteger("bench.size", 100_000);
        try (KafkaCompanion kafka = new KafkaCompanion(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers",
                String.class))) {
            for (int m = 0; m < MEASURES; m++) {
                kafka.produceStrings().fromRecords(CloudEventRecords.event("eligibility.events",
                        "susong.eligibility.MeasurePublished.v1", "FP" + m, "{\"code\":\"FP" + m + "\",\"version\":1,"
                                + "\"status\":\"OPEN\",\"validFrom\":\"2000-01-01\",\"validTo\":\"2026-12-31\","
                                + "\"requiredFacts\":[\"employees\"]}")).awaitCompletion();
            }
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (mongo.getDatabase("applications").getCollection("measures").countDocuments(
                new Document("_id", "FP" + (MEASURES - 1))) == 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("measure FP1 not projected");
            }
            Thread.sleep(200);
        }
        for (int d = 0; d < DISTRICTS.length; d++) {
            StringBuilder csv = new StringBuilder("uscc,name,type,district,contactPerson,contactPhone,contactEmail,"
                    + "checkOverrideReason\n");
            for (int n = 0; n < APPLICANTS_PER_DISTRICT; n++) {
                csv.append(uscc(d, n)).append(",Bench Co ").append(d).append('-').append(n).append(",ENTERPRISE,")
                        .append(DISTRICTS[d]).append(",,,,\n");
            }
            importCsv(DISTRICTS[d], "/imports/applicants", csv.toString());
        }
        long start = System.nanoTime();
        int loaded = 0;
        int[] perDistrict = new int[DISTRICTS.length];
        List<Double> fileSeconds = new ArrayList<>();
        while (loaded < size) {
            int d = (loaded / ROWS_PER_FILE) % DISTRICTS.length;
            // one open application per applicant, measure and period (a year): 100 x 10 x 27 keys per district
            int rows = Math.min(Math.min(ROWS_PER_FILE, size - loaded), APPLICANTS_PER_DISTRICT * MEASURES * 27 - perDistrict[d]);
            StringBuilder csv = new StringBuilder("applicantUscc,measureCode,period,fact.employees\n");
            for (int i = 0; i < rows; i++) {
                int j = perDistrict[d] + i;
                csv.append(uscc(d, j % APPLICANTS_PER_DISTRICT)).append(",FP").append((j / APPLICANTS_PER_DISTRICT) % MEASURES)
                        .append(',').append(2000 + j / (APPLICANTS_PER_DISTRICT * MEASURES)).append(',')
                        .append(10 + j % 90).append('\n');
            }
            perDistrict[d] += rows;
            long t = System.nanoTime();
            importCsv(DISTRICTS[d], "/imports/applications", csv.toString());
            double seconds = (System.nanoTime() - t) / 1e9;
            fileSeconds.add(seconds);
            loaded += rows;
            System.out.printf("BENCH imported %d rows in %.1f s (%.0f/s), %d in all%n", rows, seconds, rows / seconds,
                    loaded);
        }
        double total = (System.nanoTime() - start) / 1e9;
        System.out.printf("BENCH loaded %d applications through POST /imports/applications in %.0f s (%.0f/s)%n",
                mongo.getDatabase("applications").getCollection("applications").countDocuments(), total, size / total);

        String store = Boolean.getBoolean("susong.test.durable-store") ? "H2 file store" : "H2 in-memory store";
        for (String district : List.of("HULI")) { // the first file's district: it has rows at any size
            List<Long> micros = new ArrayList<>();
            for (int i = 0; i < 220; i++) {
                long t = System.nanoTime();
                HttpResponse<String> r = asOfficer(district, HttpRequest.newBuilder(URI.create(base
                        + "/applications?district=" + district + "&limit=50")));
                long took = (System.nanoTime() - t) / 1_000;
                if (r.statusCode() != 200 || !r.body().contains("\"nextCursor\":\"")) {
                    throw new IllegalStateException(r.statusCode() + " " + r.body());
                }
                if (i >= 20) {
                    micros.add(took);
                }
            }
            Collections.sort(micros);
            System.out.printf("BENCH first page %s (%s, %d applications): p50 %.1f ms  p95 %.1f ms  p99 %.1f ms  max %.1f ms"
                            + " (200 requests after 20 warm-up, 50 rows)%n", district, store, size,
                    micros.get(micros.size() / 2) / 1000.0, micros.get((int) (micros.size() * 0.95) - 1) / 1000.0,
                    micros.get((int) (micros.size() * 0.99) - 1) / 1000.0, micros.get(micros.size() - 1) / 1000.0);
        }
    }
}
