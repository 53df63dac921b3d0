package org.susong.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.susong.infra.local.Audit;
import org.susong.infra.local.PlatformProcesses;
import org.susong.infra.local.ServiceSpec;
import org.susong.testing.Usccs;

/**
 * Issue 24 item 5: the README's walk-through ({@code docs/walkthrough.sh}, ids captured with jq) runs as a script
 * against a platform on the suite's business date (failsafe {@code susong.clock.business-date}, default 2026-06-15),
 * so neither a date change nor an edit of the README breaks it unnoticed. Run with
 * {@code -Dsusong.e2e.business-date=2027-01-05} (the machine's clock unchanged), the platform is after the measures'
 * 2024-2026 window: a new application is refused at the door (422 naming measureCode), none is stored.
 */
class WalkthroughIT {

    static final LocalDate MEASURES_END = LocalDate.of(2026, 12, 31);
    static PlatformProcesses platform;
    static List<ServiceSpec> services;
    static String kafka;
    static Path root;

    @BeforeAll
    static void start() throws Exception {
        root = Path.of(System.getProperty("susong.root", "../..")).toAbsolutePath().normalize();
        Path state = Files.createTempDirectory("susong-walkthrough");
        services = ServiceSpec.ALL.stream().map(s -> s.onPort(PlatformProcesses.freePort())).toList();
        PlatformProcesses.Options options = new PlatformProcesses.Options(root, state, "local",
                PlatformProcesses.freePort(), PlatformProcesses.freePort(), PlatformProcesses.freePort(),
                services, Duration.ofSeconds(180));
        kafka = options.kafka();
        platform = new PlatformProcesses(options, System.out::println);
        System.out.println(platform.businessDate().map(d -> d.banner()).orElse("no business date set: the real clock"));
        platform.start();
        platform.seed();
    }

    @AfterAll
    static void stop() {
        E2ePlatforms.stop(platform);
    }

    static int port(String service) {
        return E2ePlatforms.port(services, service);
    }

    @Test
    void the_readme_walk_through_runs_as_a_script_on_the_business_date_and_the_audit_passes() throws Exception {
        assumeTrue(!BusinessDates.today().isAfter(MEASURES_END), "the walk-through runs inside the measures' window");
        Path script = root.resolve("docs/walkthrough.sh");
        ProcessBuilder builder = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true)
                .redirectOutput(Files.createTempFile("walkthrough", ".log").toFile());
        Map<String, String> env = builder.environment();
        env.put("APPS", "localhost:" + port("applications"));
        env.put("ELIG", "localhost:" + port("eligibility"));
        env.put("PAY", "localhost:" + port("payments"));
        env.put("TC", "localhost:" + port("tech-contracts"));
        env.put("FUNDS", "localhost:" + port("fund-investments"));
        Process process = builder.start();
        boolean done = process.waitFor(5, TimeUnit.MINUTES);
        String output = Files.readString(Path.of(builder.redirectOutput().file().getPath()));
        System.out.println(output);
        if (!done) {
            process.destroyForcibly();
        }
        assertTrue(done, "the walk-through did not finish in 5 minutes:\n" + output);
        assertEquals(0, process.exitValue(), "the walk-through failed:\n" + output);
        assertTrue(output.contains("walk-through done"), output);

        Audit.Result audit = Audit.run(Audit.Target.of(services, kafka, platform.kafkaClient("ops")));
        audit.print(System.out);
        assertEquals(0, audit.exitCode(), "audit breaches: " + audit.breaches() + ", unreachable: " + audit.unreachable());
    }

    /** What is tested is what the README shows: its "Try it" block is the script's walk-through, line for line. */
    @Test
    void the_readme_shows_the_script_s_walk_through_line_for_line() throws Exception {
        String script = Files.readString(root.resolve("docs/walkthrough.sh"));
        String walk = script.substring(script.indexOf('\n', script.indexOf("# --- walk-through")) + 1,
                script.indexOf("# --- end of walk-through"));
        String readme = Files.readString(root.resolve("README.md"));
        assertTrue(readme.contains(walk), "README.md's walk-through differs from docs/walkthrough.sh; copy it again");
    }

    @Test
    void after_2026_a_new_application_is_refused() {
        assumeTrue(BusinessDates.today().isAfter(MEASURES_END), "run with -Dsusong.e2e.business-date=2027-01-05");
        String uscc = Usccs.valid("MA", 9_000_001);
        officer("applications").body(Map.of("uscc", uscc, "name", "After 2026 Co., Ltd.", "type", "ENTERPRISE",
                "district", "Huli")).post("/applicants").then().statusCode(201);
        Map<String, Object> b1 = Map.of("applicantUscc", uscc, "measureCode", "B1", "facts", Map.of("category",
                "HIGH_TECH_ENTERPRISE", "certificateNumber", "GR202635109999", "certificationYear", 2026, "certificationKind",
                "FIRST"));
        // the applicant is registered at once; the measure catalogue reaches applications a moment after the seed
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> officer("applications").body(b1).post("/applications")
                .then().statusCode(422).contentType("application/problem+json").body("field", equalTo("measureCode"))
                .body("detail", containsString("2026-12-31")));
        officer("applications").queryParam("applicant", uscc).get("/applications").then().statusCode(200)
                .body("items.size()", equalTo(0));
    }

    static RequestSpecification officer(String service) {
        // its own platform (not PlatformIT's), so its own ports
        return given().port(port(service)).headers(PlatformIT.OFFICER.headers()).contentType(ContentType.JSON);
    }
}
