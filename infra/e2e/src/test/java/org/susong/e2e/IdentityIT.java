package org.susong.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.susong.infra.local.KeycloakProcess;
import org.susong.infra.local.PlatformProcesses;
import org.susong.infra.local.ServiceSpec;
import org.susong.testing.Principals;

/**
 * Issue 13 with the real identity provider: Keycloak (from Maven Central, realm
 * {@code infra/keycloak/susong-realm.json}) beside the broker and store, the five services with OIDC
 * bearer tokens on and the header stub off, as {@code ./platform run --with-idp} runs them. Every
 * request carries a token of a demo user issued by Keycloak. Skipped, visibly, where no JDK 21+
 * exists (Keycloak needs it); {@code .ci/run} prints the skip in its summary from the marker file.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IdentityIT {

    /** Realm demo users' USCCs (infra/keycloak/README.md). */
    static final String HULI_USCC = "91350200MA31G8Q17K";
    static final String SIMING_USCC = "91350203MA32HW5N11";

    static PlatformProcesses platform;
    static String kafka;
    static KeycloakProcess.Settings idp;
    static List<ServiceSpec> services;
    static final Map<String, String> tokens = new HashMap<>();
    static String huliApplication;
    static String simingApplication;

    @BeforeAll
    static void start() throws Exception {
        Path root = Path.of(System.getProperty("susong.root", "../..")).toAbsolutePath().normalize();
        Path marker = root.resolve("infra/e2e/target/keycloak-leg.txt");
        Files.createDirectories(marker.getParent());
        Optional<Path> jdk = KeycloakProcess.findJdk21();
        if (jdk.isEmpty()) {
            String message = "SKIPPED: Keycloak leg (no JDK 21+): Keycloak " + KeycloakProcess.VERSION
                    + " needs Java 21 or newer; none found (JAVA21_HOME, the running java, /usr/lib/jvm/*).";
            Files.writeString(marker, message + "\n");
            System.out.println(message);
            Assumptions.abort(message);
        }
        Path home = KeycloakProcess.distributionDir(Path.of(System.getProperty("susong.keycloak.dir",
                root.resolve("infra/e2e/target/keycloak").toString())));
        assertTrue(Files.exists(home.resolve("bin/kc.sh")), "the e2e pom unpacks " + KeycloakProcess.ARTIFACT + " into " + home);
        Files.writeString(marker, "RAN: Keycloak leg (IdentityIT, JDK " + jdk.get() + ")\n");

        Path state = Files.createTempDirectory("susong-idp-e2e");
        services = ServiceSpec.ALL.stream().map(s -> s.onPort(PlatformProcesses.freePort())).toList();
        PlatformProcesses.Options options = new PlatformProcesses.Options(root, state, "local",
                PlatformProcesses.freePort(), PlatformProcesses.freePort(), PlatformProcesses.freePort(),
                services, Duration.ofSeconds(180));
        kafka = options.kafka();
        idp = new KeycloakProcess.Settings(home, jdk.get(), PlatformProcesses.freePort(), PlatformProcesses.freePort(),
                state, root.resolve("infra/keycloak/susong-realm.json"));
        platform = new PlatformProcesses(options, System.out::println).withIdentityProvider(idp);
        platform.start();
        platform.keycloakProcess().ifPresent(kc -> System.out.println("keycloak resident: "
                + KeycloakProcess.residentMegabytes(kc) + " MB"));
        platform.seed();
        System.out.println("ready after: " + platform.readyMillis() + " ms; logs in " + options.logs());
    }

    @AfterAll
    static void stop() {
        E2ePlatforms.stop(platform);
    }

    static int port(String service) {
        return E2ePlatforms.port(services, service);
    }

    static String token(String user) {
        return tokens.computeIfAbsent(user, u -> KeycloakProcess.userToken(idp, u));
    }

    /** A request to a service as a demo user of the realm, with nothing but its bearer token. */
    static RequestSpecification as(String user, String service) {
        return given().port(port(service)).auth().oauth2(token(user)).contentType(ContentType.JSON);
    }

    static Map<String, Object> applicant(String uscc, String district, int n) {
        String name = "IdP E2E Enterprise " + n;
        return Map.of("uscc", uscc, "name", name, "type", "ENTERPRISE", "district", district,
                "bankAccount", Map.of("accountName", name, "accountNumber", String.format("6222%012d", 900 + n),
                        "bankCode", "102393000019", "bankName", "ICBC Xiamen Branch"));
    }

    /**
     * An application approved automatically and paid without a finance officer: A4 (docs/policy.md, placeholder 30% of
     * the operating costs, no performance award) on 3,300,000 CNY is 990,000 CNY. Not B1: since issue 16 item 3 a B1
     * certificate must be on an imported certification list (whose enterprises are awarded without applying); not B3a:
     * its exclusion group would tie this award to the B3a review below.
     */
    static Map<String, Object> a4(String uscc) {
        return Map.of("applicantUscc", uscc, "measureCode", "A4", "period", Integer.toString(BusinessDates.today().getYear()),
                "facts", Map.of("centreName", "IdP E2E enclave " + UUID.randomUUID().toString().substring(0, 8),
                        "operatingCostsFen", 330_000_000L, "performanceGrade", "NONE"));
    }

    /** Submits as the user once the measure projection has arrived (the seed's events are asynchronous). */
    static String submit(String user, Map<String, Object> body) {
        List<String> id = new ArrayList<>();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                id.add(as(user, "applications").body(body).post("/applications").then().statusCode(201).extract().path("id")));
        return id.get(id.size() - 1);
    }

    /** A B3a application: 10% of 300,000,000 CNY, capped at 20,000,000, above eligibility's automatic limit. */
    static Map<String, Object> b3aForReview(String uscc) {
        return Map.of("applicantUscc", uscc, "measureCode", "B3a", "facts", Map.of("projectNumber",
                "P-" + UUID.randomUUID().toString().substring(0, 8), "projectName", "IdP E2E transformation",
                "resultSource", "NATIONAL_KEY_RD", "investmentInXiamenFen", 30_000_000_000L));
    }

    /** The open review of the application, once eligibility has decided it needs an officer (read by the auditor). */
    static Map<String, Object> openReview(String application) {
        List<Map<String, Object>> found = new ArrayList<>();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            found.clear();
            List<Map<String, Object>> reviews = as("auditor-siming", "eligibility").queryParam("limit", 200)
                    .get("/reviews").then().statusCode(200).extract().path("items");
            reviews.stream().filter(r -> application.equals(r.get("applicationId"))).forEach(found::add);
            assertEquals(1, found.size(), "an open review of " + application);
        });
        return found.get(0);
    }

    /** A field of every item of a list (the commons envelope {items, nextCursor, limit}). */
    static List<Object> ids(Response list, String field) {
        return list.then().statusCode(200).extract().jsonPath().getList("items." + field);
    }

    static void registerItself(String applicant, String officer, Map<String, Object> body, String uscc) {
        as(applicant, "applications").body(body).post("/applicants").then().statusCode(201);
        String changeId = as(officer, "applications").get("/applicants/" + uscc).then().statusCode(200).extract()
                .path("pendingBankAccountChange.id");
        as(officer, "applications").post("/applicants/" + uscc + "/bank-account-changes/" + changeId + "/approval")
                .then().statusCode(200);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertTrue(as(officer, "applications")
                .get("/applicants/" + uscc).then().extract().path("bankAccount") != null, "account effective"));
    }

    static void assertProblem(Response response, int status) {
        response.then().statusCode(status).contentType(containsString("application/problem+json"));
    }

    @Test
    @Order(1)
    void an_applicant_applies_for_itself_and_is_refused_for_another_uscc() {
        // each applicant registers itself with a bank account (payments pays only a snapshot payee); the first account
        // is a change like any other, so its district's officer approves it (maker and checker differ) - issue 23 item 4
        registerItself("applicant-huli", "officer-huli", applicant(HULI_USCC, "Huli", 1), HULI_USCC);
        registerItself("applicant-siming", "officer-siming", applicant(SIMING_USCC, "Siming", 2), SIMING_USCC);

        huliApplication = submit("applicant-huli", a4(HULI_USCC));
        simingApplication = submit("applicant-siming", a4(SIMING_USCC));
        as("applicant-huli", "applications").get("/applications/" + huliApplication).then().statusCode(200)
                .body("applicantUscc", equalTo(HULI_USCC));

        int refused = as("applicant-huli", "applications").body(a4(SIMING_USCC)).post("/applications").then()
                .contentType(containsString("application/problem+json")).extract().statusCode();
        assertTrue(refused == 403 || refused == 404, "an applicant submitting for another USCC: 403 or 404, was " + refused);
        // and it does not see the other USCC's application
        assertProblem(as("applicant-huli", "applications").get("/applications/" + simingApplication), 404);
    }

    @Test
    @Order(2)
    void a_siming_officer_gets_404_on_a_huli_application_its_decision_and_its_payment() {
        // the owner district sees all three (so the 404s below are about the district, not about timing)
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            as("officer-huli", "applications").get("/applications/" + huliApplication).then().statusCode(200)
                    .body("status", equalTo("PAID"));
            as("officer-huli", "eligibility").get("/decisions/" + huliApplication).then().statusCode(200);
            as("officer-huli", "payments").queryParam("applicationId", huliApplication).get("/payments").then()
                    .statusCode(200).body("items.size()", equalTo(1));
        });

        // each service's rule is checked, and all are reported together
        assertAll("a Siming officer and a Huli application",
                () -> assertProblem(as("officer-siming", "applications").get("/applications/" + huliApplication), 404),
                () -> assertProblem(as("officer-siming", "eligibility").get("/decisions/" + huliApplication), 404),
                () -> {
                    Response payments = as("officer-siming", "payments").queryParam("applicationId", huliApplication)
                            .get("/payments");
                    // never its data nor its existence: 404, or an empty list
                    assertTrue(payments.statusCode() == 404
                                    || (payments.statusCode() == 200 && payments.jsonPath().getList("items").isEmpty()),
                            "payments GET /payments?applicationId=: " + payments.statusCode() + " " + payments.asString());
                },
                () -> assertProblem(as("officer-siming", "payments").get("/payments/PO-D-" + huliApplication), 404));
    }

    @Test
    @Order(3)
    void a_huli_officers_lists_hold_no_siming_row() {
        List<Map<String, Object>> items = as("officer-huli", "applications").queryParam("limit", 200).get("/applications")
                .then().statusCode(200).extract().path("items");
        assertTrue(items.stream().anyMatch(i -> huliApplication.equals(i.get("id"))), "its own district's application is listed");
        assertFalse(items.stream().anyMatch(i -> SIMING_USCC.equals(i.get("applicantUscc"))
                        || String.valueOf(i.get("district")).equalsIgnoreCase("Siming")),
                "no Siming row in a Huli officer's list: " + items);
        // asking for the Siming applicant explicitly changes nothing
        Response filtered = as("officer-huli", "applications").queryParam("applicant", SIMING_USCC).get("/applications");
        assertTrue(filtered.statusCode() == 404 || (filtered.statusCode() == 200 && filtered.jsonPath().getList("items").isEmpty()),
                "a Huli officer filtering by a Siming applicant: " + filtered.statusCode() + " " + filtered.asString());

        // payments: the orders of the Siming application are listed for its district, never for Huli
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> assertEquals(1,
                ids(as("officer-siming", "payments").queryParam("applicationId", simingApplication).get("/payments"), "id")
                        .size(), "the Siming order is listed for its district"));
        assertEquals(List.of(), ids(as("officer-huli", "payments").queryParam("applicationId", simingApplication)
                .get("/payments"), "id"), "no Siming order in a Huli officer's list");

        // eligibility: the review queue, with a review of each district open
        String huliReview = (String) openReview(submit("applicant-huli", b3aForReview(HULI_USCC))).get("decisionId");
        Map<String, Object> simingReview = openReview(submit("applicant-siming", b3aForReview(SIMING_USCC)));
        String simingDecision = (String) simingReview.get("decisionId");
        List<Object> huliQueue = ids(as("officer-huli", "eligibility").queryParam("limit", 200).get("/reviews"), "decisionId");
        assertTrue(huliQueue.contains(huliReview) && !huliQueue.contains(simingDecision), "a Huli officer's reviews: " + huliQueue);
        assertTrue(ids(as("officer-huli", "eligibility").queryParam("limit", 200).get("/reviews"), "district").stream().allMatch("HULI"::equals),
                "no row of another district in a Huli officer's reviews");
        assertFalse(ids(as("officer-huli", "eligibility").queryParam("district", "Siming").get("/reviews"), "decisionId")
                .contains(simingDecision), "asking for Siming's reviews explicitly changes nothing");
        assertTrue(ids(as("officer-siming", "eligibility").queryParam("limit", 200).get("/reviews"), "decisionId").contains(simingDecision));

        // and neither an officer of another district nor a role that may not decide changes the Siming review
        String decide = "/reviews/" + simingDecision + "/decision";
        String approve = "{\"outcome\":\"APPROVED\",\"amountFen\":100000000,\"reason\":\"checked\"}";
        assertEquals("OPEN", simingReview.get("reviewState"), "a review a decision would change");
        String before = as("auditor-siming", "eligibility").get("/decisions/by-id/" + simingDecision).then().statusCode(200)
                .extract().asString();
        assertProblem(as("officer-huli", "eligibility").body(approve).post(decide), 404);
        assertProblem(as("applicant-siming", "eligibility").body(approve).post(decide), 403);
        assertProblem(as("finance-siming", "eligibility").body(approve).post(decide), 403);
        assertEquals(before, as("auditor-siming", "eligibility").get("/decisions/by-id/" + simingDecision).then()
                .statusCode(200).extract().asString(), "a refused review decision changed the decision");
    }

    @Test
    @Order(4)
    void a_finance_officer_approves_an_order_once_and_the_approval_is_recorded_under_the_token_subject() {
        // C1 of 3,000,000 CNY: above the local profile's dual-approval limit, so two different finance officers approve
        String id = submit("applicant-huli", Map.of("applicantUscc", HULI_USCC, "measureCode", "C1", "facts",
                Map.of("stage", "GROWTH", "field", "identity", "requestedFen", 300_000_000L)));
        String order = "PO-D-" + id;
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                as("finance-huli", "payments").get("/payments/" + order).then().statusCode(200)
                        .body("state", equalTo("AWAITING_APPROVAL")));

        as("finance-huli", "payments").body("{}").post("/payments/" + order + "/approvals").then().statusCode(200)
                .body("approvals", hasItem("finance-huli"));
        assertProblem(as("finance-huli", "payments").body("{}").post("/payments/" + order + "/approvals"), 409);
        as("finance-huli", "payments").get("/payments/" + order).then().statusCode(200)
                .body("state", equalTo("AWAITING_APPROVAL")).body("approvals.size()", equalTo(1));
        // an officer is not a finance officer, whatever it sends; its refused approval changes nothing
        String before = as("finance-huli", "payments").get("/payments/" + order).then().statusCode(200).extract().asString();
        assertProblem(as("officer-huli", "payments").header("X-Roles", "finance").body("{}")
                .post("/payments/" + order + "/approvals"), 403);
        as("finance-huli", "payments").get("/payments/" + order).then().statusCode(200)
                .body("state", equalTo("AWAITING_APPROVAL")).body("approvals", equalTo(List.of("finance-huli")));
        assertEquals(before, as("finance-huli", "payments").get("/payments/" + order).then().extract().asString(),
                "a refused approval changed the order");
    }

    @Test
    @Order(5)
    void no_token_a_forged_header_and_a_token_signed_by_another_key_answer_401_problem_json() throws Exception {
        for (ServiceSpec service : services) {
            assertProblem(given().port(service.port()).get("/admin/audit"), 401);
            // the development stub's headers are not credentials here
            assertProblem(given().port(service.port()).headers(Principals.withRoles("finance-huli", Principals.FINANCE,
                    Principals.ADMIN, Principals.AUDITOR).inDistrict("Huli").headers()).get("/admin/audit"), 401);
        }
        assertProblem(given().port(port("payments")).headers(Principals.finance("finance-huli").headers())
                .contentType(ContentType.JSON).body("{}").post("/payments/PO-D-" + huliApplication + "/approvals"), 401);

        // the same claims as a real token, signed by a key Keycloak never had
        String[] real = token("admin-huli").split("\\.");
        var keys = KeyPairGenerator.getInstance("RSA");
        keys.initialize(2048);
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initSign(keys.generateKeyPair().getPrivate());
        String signed = real[0] + "." + real[1];
        rs256.update(signed.getBytes(StandardCharsets.US_ASCII));
        String forged = signed + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(rs256.sign());
        assertProblem(given().port(port("applications")).auth().oauth2(forged).get("/applications/" + huliApplication), 401);
        // while the real one is accepted (the auditor reads everything)
        as("auditor-siming", "applications").get("/applications/" + huliApplication).then().statusCode(is(200));
    }

    @Test
    @Order(6)
    void the_operations_client_reads_the_audit_with_its_own_token() {
        String ops = KeycloakProcess.opsToken(idp);
        for (ServiceSpec service : services) {
            given().port(service.port()).auth().oauth2(ops).get("/admin/audit").then().statusCode(200);
        }
        // and changes nothing: an auditor may not seed
        int status = given().port(port("fund-investments")).auth().oauth2(ops).post("/admin/seed").then().extract().statusCode();
        assertEquals(403, status, "the auditor's service account may not seed");
    }

    @Test
    @Order(7)
    void payments_broker_principal_cannot_produce_to_eligibility_events() throws Exception {
        // the services above ran under the broker's ACLs; payments' credentials reach only its own topics
        Properties p = new Properties();
        p.putAll(platform.kafkaClient("payments"));
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> payments = new KafkaProducer<>(p)) {
            ExecutionException refused = assertThrows(ExecutionException.class, () -> payments.send(
                    new ProducerRecord<>("eligibility.events", "D-" + huliApplication, "{\"outcome\":\"APPROVED\"}")).get());
            // refused by the topic's ACL, after a successful login (a bad login is a SaslAuthenticationException)
            assertInstanceOf(TopicAuthorizationException.class, refused.getCause());
        }
    }
}
