package org.susong.containers;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.susong.testing.Journeys;
import org.susong.testing.Principal;
import org.susong.testing.Principals;
import org.susong.testing.Usccs;
import org.testcontainers.containers.Container;
import org.testcontainers.containers.GenericContainer;

/**
 * Component tests of the images the build makes itself (infra/docker/build-images.sh): the infra
 * image and the five service images, started with Testcontainers and configured only through the
 * environment (QUARKUS_PROFILE, QUARKUS_HTTP_PORT, KAFKA_BOOTSTRAP_SERVERS,
 * QUARKUS_MONGODB_CONNECTION_STRING, JAVA_OPTS), driven over their published ports with the
 * end-to-end test's REST scenarios: an application reaches PAID (the journey PlatformIT drives too,
 * {@code org.susong.testing.Journeys}: applications -> eligibility -> payments over Kafka, each on
 * its own database), a contract is registered, a fund invests.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServiceImagesIT {

    static ContainerPlatform platform;

    @BeforeAll
    static void start() throws IOException {
        platform = new ContainerPlatform().start();
        platform.reportReadyTimes("container start -> ready (one at a time)", "container-ready-times.txt", "");
        for (String seeded : List.of("eligibility", "payments", "fund-investments")) {
            journeys().as(Principals.admin("container-tests"), seeded).post("/admin/seed").then().statusCode(200);
        }
    }

    @AfterAll
    static void stop() {
        // closes every container and the network explicitly (Ryuk is disabled: nothing else would)
        LOGS.close(platform);
    }

    @RegisterExtension
    static final ContainerPlatform.LogsOnFailure LOGS = new ContainerPlatform.LogsOnFailure();

    static final Principal OFFICER = Principals.officer("officer-containers", Principals.HULI);
    /** A fund manager of the funds it invests from (fund-investments: a fund manager acts for its funds only). */
    static final Principal FUND_MANAGER = Principals.fundManager("fund-manager-containers", Principals.SEEDED_FUNDS);

    /** The end-to-end test's REST journey (infra/testing), on the containers' published ports. */
    static Journeys journeys() {
        return new Journeys(platform::baseUri, OFFICER, OFFICER.named("checker-containers"));
    }

    static RequestSpecification officer(String service) {
        return journeys().officer(service);
    }

    static RequestSpecification fundManager() {
        return journeys().as(FUND_MANAGER, "fund-investments");
    }

    static String uscc(int n) {
        return Usccs.valid("MC", n);
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
        // applications -> eligibility -> payments over Kafka, each image on its own database
        Journeys.Paid paid = journeys().applicantToPayment(uscc(1), "Container Enterprise 1", 1);
        officer("eligibility").get("/decisions/" + paid.applicationId()).then().statusCode(200)
                .body("amountFen", equalTo((int) Journeys.B3A_GRANT_FEN));
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
