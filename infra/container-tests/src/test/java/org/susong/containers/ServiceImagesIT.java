package org.susong.containers;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testcontainers.containers.Container;
import org.testcontainers.containers.GenericContainer;

/**
 * Component tests of the images the build makes itself (infra/docker/build-images.sh): the infra
 * image and the five service images, started with Testcontainers and configured only through the
 * environment (QUARKUS_PROFILE, QUARKUS_HTTP_PORT, KAFKA_BOOTSTRAP_SERVERS,
 * QUARKUS_MONGODB_CONNECTION_STRING, JAVA_OPTS), driven over their published ports with the
 * end-to-end test's REST scenarios: an application reaches PAID (applications -> eligibility ->
 * payments over Kafka, each on its own database), a contract is registered, a fund invests.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServiceImagesIT {

    static ContainerPlatform platform;

    @BeforeAll
    static void start() throws IOException {
        platform = new ContainerPlatform().start();
        platform.reportReadyTimes("container start -> ready (one at a time)", "container-ready-times.txt", "");
        for (String seeded : List.of("eligibility", "payments", "fund-investments")) {
            given().baseUri(platform.baseUri(seeded)).header("X-User", "container-tests").header("X-Roles", "admin")
                    .post("/admin/seed").then().statusCode(200);
        }
    }

    @AfterAll
    static void stop() {
        // closes every container and the network explicitly (Ryuk is disabled: nothing else would)
        LOGS.close(platform);
    }

    @RegisterExtension
    static final ContainerPlatform.LogsOnFailure LOGS = new ContainerPlatform.LogsOnFailure();

    static RequestSpecification officer(String service) {
        return given().baseUri(platform.baseUri(service)).header("X-User", "officer-containers")
                .header("X-Roles", "officer").header("X-District", "HULI").contentType(ContentType.JSON);
    }

    /** A fund manager of the fund it invests from (fund-investments: a fund manager acts for its funds only). */
    static RequestSpecification fundManager() {
        return given().baseUri(platform.baseUri("fund-investments")).header("X-User", "fund-manager-containers")
                .header("X-Roles", "fund-manager")
                .header("X-Funds", "FUND-VENTURE,FUND-CREDIT-ENHANCEMENT,FUND-TECH-INNOVATION").contentType(ContentType.JSON);
    }

    static String uscc(int n) {
        String first17 = String.format("91350200MC%07d", n);
        return first17 + checkCharacter(first17);
    }

    /** GB 32100-2015 check character (as commons' Uscc computes it; this module depends on no project module). */
    static char checkCharacter(String first17) {
        String alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        int[] weights = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += alphabet.indexOf(first17.charAt(i)) * weights[i];
        }
        return alphabet.charAt((31 - sum % 31) % 31);
    }

    @Test
    @Order(1)
    void every_image_runs_as_the_non_root_user_with_its_java_opts_and_reports_healthy() throws Exception {
        for (String name : ContainerPlatform.SERVICES) {
            GenericContainer<?> service = platform.service(name);
            Container.ExecResult uid = service.execInContainer("id", "-u");
            assertEquals("10001", uid.getStdout().trim(), name + " runs as uid 10001");
            Container.ExecResult command = service.execInContainer("bash", "-c", "tr '\\0' ' ' < /proc/1/cmdline");
            assertTrue(command.getStdout().startsWith("java " + ContainerPlatform.JAVA_OPTS + " -jar"),
                    name + " honours JAVA_OPTS: " + command.getStdout());
        }
        // the image's own HEALTHCHECK (bash, /dev/tcp, on the management interface: QUARKUS_MANAGEMENT_PORT) turns healthy
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            for (String name : ContainerPlatform.SERVICES) {
                GenericContainer<?> service = platform.service(name);
                String health = service.getDockerClient().inspectContainerCmd(service.getContainerId()).exec()
                        .getState().getHealth().getStatus();
                assertEquals("healthy", health, name + " health");
            }
        });
    }

    @Test
    @Order(2)
    void an_application_is_decided_reserved_and_paid() {
        String uscc = uscc(1);
        // with a bank account: payments instructs only orders whose payee snapshot it holds
        officer("applications").body(Map.of("uscc", uscc, "name", "Container Enterprise 1", "type", "ENTERPRISE",
                "district", "Huli", "bankAccount", Map.of("accountName", "Container Enterprise 1",
                        "accountNumber", "6222000000000001", "bankCode", "102393000019")))
                .post("/applicants").then().statusCode(201);
        // the first account is a change like any other (issue 23 item 4): a second officer of the district
        // approves it, and it takes effect after the cooling-off (5 s in the local profile)
        String changeId = officer("applications").get("/applicants/" + uscc).then().statusCode(200).extract()
                .path("pendingBankAccountChange.id");
        given().baseUri(platform.baseUri("applications")).header("X-User", "checker-containers")
                .header("X-Roles", "officer").header("X-District", "HULI").contentType(ContentType.JSON)
                .post("/applicants/" + uscc + "/bank-account-changes/" + changeId + "/approval").then().statusCode(200);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertTrue(officer("applications")
                .get("/applicants/" + uscc).then().extract().path("bankAccount") != null, "account effective"));
        // B3a (10% of 3,000,000 CNY invested, placeholder): approved and paid without a person. Not B1: a B1 certificate
        // must be on an imported certification list (issue 16 item 3), whose enterprises are awarded without applying
        Map<String, Object> body = Map.of("applicantUscc", uscc, "measureCode", "B3a", "facts",
                Map.of("projectNumber", "CT" + UUID.randomUUID().toString().substring(0, 8), "projectName",
                        "Container transformation project", "resultSource", "NATIONAL_KEY_RD", "investmentInXiamenFen",
                        300_000_000L));
        String key = UUID.randomUUID().toString();
        List<String> ids = new ArrayList<>();
        // the seed's MeasurePublished events reach applications asynchronously
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> ids.add(officer("applications")
                .header("Idempotency-Key", key).body(body).post("/applications").then().statusCode(201)
                .extract().path("id")));
        String id = ids.get(ids.size() - 1);

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                officer("applications").get("/applications/" + id).then().statusCode(200)
                        .body("status", equalTo("PAID")));
        // no order across topics (architecture rule 5, docs/architecture.md#rule-5): the payment facts may reach the timeline before
        // the decision does, and the status is PAID either way; the decision fact arrives too
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> officer("applications").get("/applications/" + id).then()
                .body("status", equalTo("PAID"))
                .body("timeline.kind", hasItems("SUBMITTED", "DECIDED_APPROVED", "BUDGET_RESERVED", "PAYMENT_DISBURSED")));
        officer("eligibility").get("/decisions/" + id).then().statusCode(200).body("outcome", equalTo("APPROVED"));
        officer("payments").queryParam("applicationId", id).get("/payments").then().statusCode(200)
                .body("items.size()", equalTo(1)).body("items[0].state", equalTo("SETTLED"));
    }

    @Test
    @Order(3)
    void a_contract_is_registered() {
        officer("tech-contracts").body(Map.of("title", "Joint development of a marine sensor", "type", "DEVELOPMENT",
                        "sellerUscc", uscc(2), "buyerUscc", uscc(3), "sellerDistrict", "Huli",
                        "signingDate", LocalDate.now(ZoneId.of("Asia/Shanghai")).minusDays(3).toString(),
                        "contractAmountFen", 120_000_000L, "technicalTransactionAmountFen", 100_000_000L))
                .post("/contracts").then().statusCode(201).body("registrationNumber", matchesPattern("[0-9]{16}"));
    }

    @Test
    @Order(4)
    void a_fund_invests() {
        fundManager().get("/funds").then().statusCode(200).body("items.id", hasItems("FUND-VENTURE",
                "FUND-CREDIT-ENHANCEMENT", "FUND-TECH-INNOVATION"));
        fundManager().body(Map.of("enterpriseUscc", uscc(4), "round", "A", "instrument", "EQUITY",
                        "amountFen", 500_000_000L, "stakePercent", 5, "investedOn",
                        LocalDate.now(ZoneId.of("Asia/Shanghai")).toString(), "stage", "START_UP"))
                .post("/funds/FUND-VENTURE/investments").then().statusCode(201).body("state", equalTo("COMMITTED"));
    }
}
