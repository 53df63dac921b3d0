package org.susong.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.restassured.http.ContentType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.susong.infra.local.KeycloakProcess;
import org.susong.infra.local.PlatformProcesses;
import org.susong.infra.local.ServiceSpec;

/**
 * docs/benchmarks.md, issue 13: the latency of {@code GET /applications/{id}} with the bearer token
 * verified (Keycloak's RS256 token, quarkus-oidc) and without (the header stub), 10,000 sequential
 * requests each after 1,000 of warm-up, on the same store: the platform runs once with Keycloak,
 * then again on the same state folder without it. Also prints Keycloak's start time and resident
 * memory. Not part of CI; run it alone:
 * {@code ./mvnw -B -pl infra/e2e -am verify -Dit.test=IdentityLatencyBench -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false}
 */
class IdentityLatencyBench {

    static final int WARM_UP = 1_000;
    static final int REQUESTS = 10_000;
    static final String USCC = "91350200MA31G8Q17K";

    @Test
    void get_application_latency_with_and_without_token_verification() throws Exception {
        Path root = Path.of(System.getProperty("susong.root", "../..")).toAbsolutePath().normalize();
        Optional<Path> jdk = KeycloakProcess.findJdk21();
        Assumptions.assumeTrue(jdk.isPresent(), "SKIPPED: Keycloak leg (no JDK 21+)");
        Path home = KeycloakProcess.distributionDir(Path.of(System.getProperty("susong.keycloak.dir",
                root.resolve("infra/e2e/target/keycloak").toString())));
        Path state = Files.createTempDirectory("susong-idp-bench");
        List<ServiceSpec> services = ServiceSpec.ALL.stream().map(s -> s.onPort(PlatformProcesses.freePort())).toList();
        PlatformProcesses.Options options = new PlatformProcesses.Options(root, state, "local",
                PlatformProcesses.freePort(), PlatformProcesses.freePort(), PlatformProcesses.freePort(),
                services, Duration.ofSeconds(180));
        int applications = services.get(0).port();
        KeycloakProcess.Settings idp = new KeycloakProcess.Settings(home, jdk.get(), PlatformProcesses.freePort(),
                PlatformProcesses.freePort(), state, root.resolve("infra/keycloak/susong-realm.json"));

        String id;
        double[] withToken;
        try (PlatformProcesses platform = new PlatformProcesses(options, System.out::println).withIdentityProvider(idp)) {
            platform.start();
            long rss = platform.keycloakProcess().map(KeycloakProcess::residentMegabytes).orElse(-1L);
            platform.seed();
            String officer = KeycloakProcess.userToken(idp, "officer-huli");
            given().port(applications).auth().oauth2(officer).contentType(ContentType.JSON)
                    .body(Map.of("uscc", USCC, "name", "Bench Enterprise", "type", "ENTERPRISE", "district", "Huli",
                            "bankAccount", Map.of("accountName", "Bench Enterprise", "accountNumber", "6222000000000777",
                                    "bankCode", "102393000019", "bankName", "ICBC Xiamen Branch")))
                    .post("/applicants").then().statusCode(201);
            List<String> ids = new ArrayList<>();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> ids.add(given().port(applications).auth().oauth2(officer)
                    .contentType(ContentType.JSON).body(Map.of("applicantUscc", USCC, "measureCode", "B3a", "facts",
                            Map.of("projectNumber", "2026BENCH1", "projectName", "Bench project", "resultSource",
                                    "NATIONAL_KEY_RD", "investmentInXiamenFen", 300_000_000L)))
                    .post("/applications").then().statusCode(201).extract().path("id")));
            id = ids.get(ids.size() - 1);
            withToken = measure(applications, id, r -> r.header("Authorization", "Bearer " + officer));
            System.out.printf("keycloak: ready in %.1f s, %d MB resident after start%n",
                    platform.readyMillis().get("keycloak") / 1000.0, rss);
        }
        double[] withHeaders;
        try (PlatformProcesses platform = new PlatformProcesses(options, System.out::println)) {
            platform.start();
            withHeaders = measure(applications, id, r -> r.header("X-User", "officer-huli").header("X-Roles", "officer")
                    .header("X-District", "Huli"));
        }
        System.out.printf("GET /applications/{id}, %d sequential requests after %d warm-up, same store:%n", REQUESTS, WARM_UP);
        print("bearer token verified (RS256, quarkus-oidc)", withToken);
        print("header stub (no verification)", withHeaders);
    }

    static double[] measure(int port, String id, UnaryOperator<HttpRequest.Builder> auth) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = auth.apply(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/applications/" + id))).GET()
                .build();
        double[] millis = new double[REQUESTS];
        for (int i = -WARM_UP; i < REQUESTS; i++) {
            long started = System.nanoTime();
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            long took = System.nanoTime() - started;
            assertEquals(200, response.statusCode(), new String(response.body()));
            if (i >= 0) {
                millis[i] = took / 1e6;
            }
        }
        Arrays.sort(millis);
        return millis;
    }

    static void print(String what, double[] sorted) {
        System.out.printf("  %-45s median %.2f ms, p90 %.2f ms, p99 %.2f ms%n", what, sorted[sorted.length / 2],
                sorted[(int) (sorted.length * 0.9)], sorted[(int) (sorted.length * 0.99)]);
    }
}
