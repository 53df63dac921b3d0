package org.susong.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.susong.infra.local.Audit;
import org.susong.testing.CloudEventRecords;
import org.susong.infra.local.DecisionsReplay;
import org.susong.infra.local.PlatformProcesses;
import org.susong.infra.local.ServiceSpec;
import org.susong.testing.Journeys;
import org.susong.testing.Principal;
import org.susong.testing.Principals;
import org.susong.testing.Usccs;

/**
 * The whole platform as ./platform runs it - infra and five service processes, local profile, every
 * service logged in to the broker as its own principal under the ACLs of issue 13 - on free ports,
 * driven over REST and Kafka: the README's journey, idempotency, a poison record,
 * a service killed mid-flow, and a broker-and-store restart. After every test the audit of
 * {@code ./platform audit} passes; breaches made by hand make it fail.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlatformIT {

    static PlatformProcesses platform;
    static List<ServiceSpec> services;
    static String kafka;
    static String mongo;
    static Path logs;
    static OtlpReceiver receiver;

    @BeforeAll
    static void start() throws Exception {
        // issue 17 item 5: the services' OpenTelemetry SDK on (off in the local profile), exporting to the test's
        // receiver as to a collector, so one journey can be followed across the five processes
        receiver = new OtlpReceiver();
        E2ePlatforms.startSeeded("susong-e2e", p -> p.withServiceEnvironment(Map.of(
                "QUARKUS_OTEL_SDK_DISABLED", "false",
                "QUARKUS_OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "http/protobuf",
                "QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", receiver.endpoint(),
                "QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "1s")));
    }

    /** The launcher's options for these services on free ports, the local profile, in a fresh state directory. */
    static PlatformProcesses.Options options(String stateDirectoryPrefix, List<ServiceSpec> services) throws java.io.IOException {
        Path root = Path.of(System.getProperty("susong.root", "../..")).toAbsolutePath().normalize();
        return new PlatformProcesses.Options(root, Files.createTempDirectory(stateDirectoryPrefix), "local",
                PlatformProcesses.freePort(), PlatformProcesses.freePort(), PlatformProcesses.freePort(),
                services, Duration.ofSeconds(180));
    }

    /** Points these journey helpers (and the audit after each test) at another test class's platform. */
    static void pointAt(PlatformProcesses started, PlatformProcesses.Options options) {
        platform = started;
        services = options.services();
        kafka = options.kafka();
        mongo = options.mongo();
        logs = options.logs();
    }

    @AfterAll
    static void stop() {
        E2ePlatforms.stop(platform);
        if (receiver != null) {
            receiver.close();
        }
    }

    /** Issue 12: whatever a test did, the platform is left with no breach of any invariant. */
    @AfterEach
    void the_audit_passes() {
        Audit.Result result = audit();
        assertEquals(0, result.exitCode(), "audit breaches: " + result.breaches() + ", unreachable: " + result.unreachable());
    }

    static Audit.Result audit() {
        long started = System.nanoTime();
        Audit.Result result = Audit.run(Audit.Target.of(services, kafka, platform.kafkaClient("ops")));
        result.print(System.out);
        System.out.printf("audit took %d ms%n", (System.nanoTime() - started) / 1_000_000);
        return result;
    }

    static int port(String service) {
        return E2ePlatforms.port(services, service);
    }

    /** The district officer the journeys register and submit as, and the second officer of its maker-checker steps. */
    static final Principal OFFICER = Principals.officer("officer-e2e", Principals.HULI);
    static final Principal CHECKER = OFFICER.named("checker-e2e");
    static final Principal FINANCE = Principals.finance("finance-e2e");
    /** A fund manager of the funds these tests use (fund-investments: a fund manager acts for its funds only). */
    static final Principal FUND_MANAGER = Principals.fundManager("fund-manager-e2e", Principals.SEEDED_FUNDS);

    /** The REST journey shared with the container tests (infra/testing), on this class's platform. */
    static Journeys journeys() {
        return new Journeys(service -> "http://localhost:" + port(service), OFFICER, CHECKER);
    }

    /** A JSON request to a service as this principal. */
    static RequestSpecification as(Principal who, String service) {
        return journeys().as(who, service);
    }

    static RequestSpecification officer(String service) {
        return as(OFFICER, service);
    }

    static RequestSpecification fundManager() {
        return as(FUND_MANAGER, "fund-investments");
    }

    static String uscc(int n) {
        return Usccs.valid("MA", n);
    }

    /** Registers an applicant with a bank account: payments instructs only orders whose payee snapshot it holds. */
    static String register(int n) {
        return awaitAccount(startRegistration(n));
    }

    /** Registers several applicants; their accounts' cooling-off periods run together. */
    static List<String> registerAll(int... ns) {
        List<String> usccs = java.util.Arrays.stream(ns).mapToObj(PlatformIT::startRegistration).toList();
        usccs.forEach(PlatformIT::awaitAccount);
        return usccs;
    }

    static String startRegistration(int n) {
        return startRegistration(uscc(n), "E2E Enterprise " + n, "ENTERPRISE", n);
    }

    /** Registers an applicant of a type (an institution's USCC is of its category) in Huli, account {@code 6222<n>}. */
    static String startRegistration(String uscc, String name, String type, int n) {
        return journeys().startRegistration(uscc, name, type, n);
    }

    static String awaitAccount(String uscc) {
        return journeys().awaitAccount(uscc);
    }

    /** The journeys' application: B3a, 300,000 CNY, approved automatically and paid without a finance officer. */
    static Map<String, Object> b3a(String uscc) {
        return Journeys.b3a(uscc);
    }

    /** A B1 application for a first-time high-tech enterprise certificate (approved only when the certificate is listed). */
    static Map<String, Object> b1(String uscc, String certificate, int year) {
        return Map.of("applicantUscc", uscc, "measureCode", "B1", "facts", Map.of("category", "HIGH_TECH_ENTERPRISE",
                "certificateNumber", certificate, "certificationYear", year, "certificationKind", "FIRST"));
    }

    /** A fresh high-tech enterprise certificate number of a year (letters and digits, as the lists write them). */
    static String certificate(int year) {
        return "GR" + year + "35" + UUID.randomUUID().toString().replace("-", "").substring(0, 8).toUpperCase();
    }

    static String submit(Map<String, Object> body) {
        return awaitSubmit(body, null);
    }

    /** Submits once the measure projection has arrived (the seed's MeasurePublished events are asynchronous). */
    static String awaitSubmit(Map<String, Object> body, String key) {
        return journeys().submit(body, key);
    }

    static void awaitPaid(String applicationId) {
        awaitStatus(applicationId, "PAID");
    }

    static void awaitStatus(String applicationId, String status) {
        journeys().awaitStatus(applicationId, status);
    }

    /** Above the local profile's automatic approval limit (1,000,000 CNY) a finance officer approves. */
    static void approveAsFinance(String applicationId) {
        approveOrderAsFinance("PO-D-" + applicationId);
    }

    /** A finance officer approves a payment order once it waits for approval (e.g. a re-decision's {@code PO-D-<id>-R1}). */
    static void approveOrderAsFinance(String order) {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> officer("payments").get("/payments/" + order).then()
                .statusCode(200).body("state", equalTo("AWAITING_APPROVAL")));
        as(FINANCE, "payments").body("{}").post("/payments/" + order + "/approvals").then().statusCode(200);
    }

    static Map<String, Object> c1(String uscc, String stage, String field) {
        return Map.of("applicantUscc", uscc, "measureCode", "C1", "facts",
                Map.of("stage", stage, "field", field, "requestedFen", 200_000_000L));
    }

    @Test
    @Order(1)
    void an_application_is_decided_reserved_and_paid_and_an_idempotent_repeat_changes_nothing() {
        Journeys.Paid paid = journeys().applicantToPayment(uscc(1), "E2E Enterprise 1", 1);
        String id = paid.applicationId();
        officer("eligibility").get("/decisions/" + id).then().statusCode(200).body("amountFen",
                equalTo((int) Journeys.B3A_GRANT_FEN));
        // the same request under the same key: the first application's answer, and nothing submitted or paid again
        officer("applications").header("Idempotency-Key", paid.idempotencyKey()).body(paid.body()).post("/applications")
                .then().statusCode(201).header("Idempotent-Replayed", "true").body("id", equalTo(id));
        officer("applications").queryParam("applicant", paid.uscc()).get("/applications").then().statusCode(200)
                .body("items.size()", equalTo(1));
        officer("payments").queryParam("applicationId", id).get("/payments").then().statusCode(200)
                .body("items.size()", equalTo(1)).body("items[0].state", equalTo("SETTLED"));
    }

    /**
     * Issue 17 item 5: one A4 journey to PAID (decided in a batch, as B1 was) is one trace across the outboxes. The
     * test is the portal: its POST carries a {@code traceparent} of its own (a trace id it picked, its client span as
     * the parent); the five processes export their spans to the test's OTLP receiver. That trace holds applications'
     * request, eligibility's handling of the submission (its decision), payments' handling of the decision (its
     * reservation) and applications' handling of the reservation (the timeline fact); every span's parent is a span of
     * the trace or the portal's, and the timeline fact's ancestors pass through payments, eligibility and the request,
     * in that order.
     */
    @Test
    @Order(15)
    void one_journey_is_one_trace_across_the_services_and_their_outboxes() {
        long started = System.nanoTime();
        Map<String, Object> body = a4(register(30));
        List<String> submitted = new ArrayList<>(); // trace id, the portal's span id, application id
        // the measure projection may not have arrived yet (a test run alone): each try is a trace of its own
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            String traceId = UUID.randomUUID().toString().replace("-", "");
            String portalSpan = UUID.randomUUID().toString().replace("-", "").substring(0, 16);
            receiver.follow(traceId);
            String id = officer("applications").header("traceparent", "00-" + traceId + "-" + portalSpan + "-01")
                    .body(body).post("/applications").then().statusCode(201).extract().path("id");
            submitted.addAll(List.of(traceId, portalSpan, id));
        });
        String traceId = submitted.get(0);
        String portalSpan = submitted.get(1);
        awaitPaid(submitted.get(2));

        List<Predicate<OtlpReceiver.Span>> hops = List.of(
                span("applications", "CONSUMER", "process susong.payments.BudgetReserved.v1"),
                span("payments", "CONSUMER", "process susong.eligibility.EligibilityDecided.v1"),
                span("eligibility", "CONSUMER", "process susong.applications.ApplicationSubmitted.v1"),
                s -> s.service().equals("applications") && s.kind().equals("SERVER") && s.name().equals("POST /applications"));
        // the batch span processors export every second
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            List<OtlpReceiver.Span> spans = receiver.trace(traceId);
            Map<String, OtlpReceiver.Span> byId = new HashMap<>();
            spans.forEach(s -> byId.put(s.spanId(), s));
            String tree = spans.stream().map(Object::toString).collect(Collectors.joining("\n  ", "\n  ", ""));
            assertEquals(List.of(), receiver.conflicts(), "no span id names two different spans");
            List<OtlpReceiver.Span> roots = spans.stream().filter(s -> s.parentSpanId().equals(portalSpan)).toList();
            assertEquals(1, roots.size(), "one span is the portal's child" + tree);
            assertTrue(hops.get(3).test(roots.get(0)), "the portal's child is applications' request" + tree);
            spans.forEach(s -> assertTrue(s.parentSpanId().equals(portalSpan) || byId.containsKey(s.parentSpanId()),
                    "every span's parent is in the trace: " + s + tree));
            OtlpReceiver.Span timeline = spans.stream().filter(hops.get(0)).findFirst().orElseThrow(
                    () -> new AssertionError("no timeline fact in the trace" + tree));
            List<OtlpReceiver.Span> ancestors = new ArrayList<>();
            for (OtlpReceiver.Span s = timeline; s != null && ancestors.size() <= spans.size(); s = byId.get(s.parentSpanId())) {
                ancestors.add(s);
            }
            int at = 0;
            for (Predicate<OtlpReceiver.Span> hop : hops) {
                while (at < ancestors.size() && !hop.test(ancestors.get(at))) {
                    at++;
                }
                assertTrue(at < ancestors.size(), "the timeline fact's ancestors pass through every hop in order: "
                        + ancestors + tree);
                at++;
            }
            assertEquals(portalSpan, ancestors.get(ancestors.size() - 1).parentSpanId(), "the path ends at the portal" + tree);
            System.out.println("one trace " + traceId + ", " + spans.size() + " spans (" + receiver.received()
                    + " received in all); the timeline fact's path:" + ancestors.stream().map(Object::toString)
                    .collect(Collectors.joining("\n  ", "\n  ", "")));
        });
        System.out.printf("the traced journey took %d ms%n", (System.nanoTime() - started) / 1_000_000);
    }

    static Predicate<OtlpReceiver.Span> span(String service, String kind, String name) {
        return s -> s.service().equals(service) && s.kind().equals(kind) && s.name().equals(name);
    }

    @Test
    @Order(2)
    void a_contract_is_registered_and_a_fund_invests() {
        officer("tech-contracts").body(Map.of("title", "Joint development of a marine sensor", "type", "DEVELOPMENT",
                        "sellerUscc", uscc(2), "buyerUscc", uscc(3), "sellerDistrict", "Huli",
                        "signingDate", BusinessDates.today().minusDays(3).toString(),
                        "contractAmountFen", 120_000_000L, "technicalTransactionAmountFen", 100_000_000L))
                .post("/contracts").then().statusCode(201).body("registrationNumber", matchesPattern("[0-9]{16}"));

        fundManager().queryParam("limit", 200).get("/funds").then().statusCode(200).body("items.id", hasItems("FUND-VENTURE",
                "FUND-CREDIT-ENHANCEMENT", "FUND-TECH-INNOVATION"));
        fundManager().body(Map.of("enterpriseUscc", uscc(4), "round", "A", "instrument", "EQUITY",
                        "amountFen", 500_000_000L, "stakePercent", 5, "investedOn",
                        BusinessDates.today().toString(), "stage", "START_UP"))
                .post("/funds/FUND-VENTURE/investments").then().statusCode(201).body("state", equalTo("COMMITTED"));
    }

    @Test
    @Order(3)
    void a_poison_record_reaches_the_dead_letter_topic_and_the_next_application_is_still_paid() throws Exception {
        try (KafkaProducer<String, String> producer = producer()) {
            producer.send(CloudEventRecords.poison("payments.events", "poison")).get();
        }
        String id = submit(b3a(register(5)));
        awaitPaid(id);
        ConsumerRecord<String, String> dead = firstRecord("applications.dlq");
        assertTrue(CloudEventRecords.header(dead, "dead-letter-reason").contains("CloudEvents"));
    }

    @Test
    @Order(4)
    void a_payments_crash_mid_flow_loses_nothing_and_pays_once() throws Exception {
        String id = submit(b3a(register(6)));
        platform.kill("payments");
        platform.restart("payments");
        awaitPaid(id);
        officer("payments").queryParam("applicationId", id).get("/payments").then().body("items.size()", equalTo(1));
        long disbursed = records("payments.events").stream()
                .filter(r -> "susong.payments.PaymentDisbursed.v1".equals(CloudEventRecords.header(r, "ce_type")))
                .filter(r -> r.value().contains(id)).map(r -> CloudEventRecords.header(r, "ce_id")).distinct().count();
        assertEquals(1, disbursed, "one disbursement event id for the application");
    }

    @Test
    @Order(5)
    void after_a_broker_and_store_restart_the_platform_carries_on() throws Exception {
        String before = submit(b3a(register(7)));
        awaitPaid(before);
        platform.restartInfra();
        String after = submit(b3a(register(8)));
        awaitPaid(after);
        officer("applications").get("/applications/" + before).then().body("status", equalTo("PAID"));
    }

    @Test
    @Order(6)
    void a_registered_contract_rewards_its_seller_without_an_application_and_the_award_is_paid() {
        // B3b (docs/policy.md): the reward is proposed from the registered contract; applications turns the
        // proposal into a system-initiated application, which flows through the same decision and payment path
        String seller = register(9);
        officer("tech-contracts").body(Map.of("title", "Licence of a battery-recycling process", "type", "LICENSING",
                        "sellerUscc", seller, "buyerUscc", uscc(10), "sellerDistrict", "Huli",
                        "signingDate", BusinessDates.today().minusDays(2).toString(),
                        "contractAmountFen", 60_000_000L, "technicalTransactionAmountFen", 50_000_000L))
                .post("/contracts").then().statusCode(201);
        List<String> id = new ArrayList<>();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            List<Map<String, Object>> items = officer("applications").queryParam("applicant", seller)
                    .queryParam("measure", "B3b").get("/applications").then().statusCode(200).extract().path("items");
            assertEquals(1, items.size(), "one system-initiated application for the contract");
            id.add((String) items.get(0).get("id"));
        });
        awaitPaid(id.get(0));
        // placeholder brackets (3% up to 10,000,000 CNY) on 500,000.00 CNY of technical transactions
        officer("eligibility").get("/decisions/" + id.get(0)).then().statusCode(200).body("outcome", equalTo("APPROVED"))
                .body("amountFen", equalTo(1_500_000));
        officer("payments").queryParam("applicationId", id.get(0)).get("/payments").then()
                .body("items.size()", equalTo(1)).body("items[0].state", equalTo("SETTLED"));
    }

    @Test
    @Order(7)
    void a_grant_to_investment_award_becomes_a_position_in_the_designated_fund() {
        // C1 (docs/policy.md): the award is paid into FUND-TECH-INNOVATION as the enterprise's equity, no bank transfer
        String uscc = register(11);
        String id = submit(c1(uscc, "GROWTH", "digitalisation"));
        approveAsFinance(id);
        awaitStatus(id, "CONVERTED");
        officer("payments").queryParam("applicationId", id).get("/payments").then().body("items.size()", equalTo(1))
                .body("items[0].state", equalTo("CONVERTED"));
        fundManager().get("/figures/portfolios/" + uscc).then().statusCode(200)
                .body("investments.fundId", hasItems("FUND-TECH-INNOVATION"))
                .body("investments.conversionId", hasItems("CV-D-" + id));
    }

    @Test
    @Order(8)
    void a_conversion_the_fund_rejects_falls_back_to_a_grant() {
        // a mature enterprise is outside FUND-TECH-INNOVATION's scope (growth stage): since issue 16 item 5 eligibility
        // knows the scope (FundScopePublished) and decides the award as a grant; before the scope reaches it, the fund
        // rejects the conversion and C1's fallback GRANT pays it. Either way one grant, settled
        String uscc = register(12);
        String id = submit(c1(uscc, "MATURE", "digitalisation"));
        approveAsFinance(id);
        awaitPaid(id);
        officer("payments").queryParam("applicationId", id).get("/payments").then().body("items.size()", equalTo(1))
                .body("items[0].state", equalTo("SETTLED"));
    }

    /**
     * Issue 25 fault 1: during a non-zero public notice (公示) the application shows IN_PUBLIC_NOTICE, not
     * PAYMENT_SCHEDULED (the local profile gives B2 a 20-second notice), and it is paid once the notice ends.
     */
    @Test
    @Order(2)
    void an_award_stays_in_public_notice_for_its_window_and_is_paid_after_it() {
        String uscc = register(16);
        // B2: matching funds of half the national funding (docs/policy.md B2, placeholder ratio 1:2): 400,000 -> 200,000 CNY
        String id = submit(Map.of("applicantUscc", uscc, "measureCode", "B2", "facts", Map.of("projectNumber",
                "2026YFB" + UUID.randomUUID().toString().substring(0, 8), "programme", "NATIONAL_KEY_RD",
                "nationalFundingFen", 40_000_000L)));
        awaitStatus(id, "IN_PUBLIC_NOTICE");
        officer("payments").queryParam("applicationId", id).get("/payments").then().statusCode(200)
                .body("items.size()", equalTo(1)).body("items[0].state", equalTo("IN_NOTICE"))
                .body("items[0].amountFen", equalTo(20_000_000));
        // still in notice a few seconds later: the window, not a race between two events, decides the status
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(6)).untilAsserted(() ->
                officer("applications").get("/applications/" + id).then().body("status", equalTo("IN_PUBLIC_NOTICE")));
        awaitPaid(id);
    }

    @Test
    @Order(9)
    void a_withdrawal_before_payment_is_accepted_by_payments_and_the_reservation_is_released() {
        // only payments knows whether money is already instructed: the order waits for a finance officer here
        String uscc = register(13);
        String id = submit(c1(uscc, "GROWTH", "intelligence"));
        String order = "PO-D-" + id;
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> officer("payments").get("/payments/" + order).then()
                .statusCode(200).body("state", equalTo("AWAITING_APPROVAL")));
        officer("applications").body(Map.of("reason", "the enterprise was acquired")).post("/applications/" + id + "/withdrawal")
                .then().statusCode(202);
        awaitStatus(id, "WITHDRAWN");
        officer("payments").get("/payments/" + order).then().body("state", equalTo("RELEASED"))
                .body("releaseReason", equalTo("WITHDRAWN"));
        officer("applications").body(Map.of("reason", "again")).post("/applications/" + id + "/withdrawal")
                .then().statusCode(409);
    }

    @Test
    @Order(10)
    void an_appeal_is_weighed_by_an_officer_and_upheld_under_the_version_of_the_original_decision() {
        // B1 (docs/policy.md) covers certificates of 2024-2026: one of 2020 (on no imported list either) is rejected,
        // and so is the appeal
        String uscc = register(14);
        String id = submit(b1(uscc, "GR2020" + UUID.randomUUID().toString().substring(0, 6), 2020));
        awaitStatus(id, "REJECTED");
        officer("applications").body(Map.of("grounds", "the certificate was renewed in 2025")).post("/applications/" + id + "/appeal")
                .then().statusCode(202);
        // the appeal waits in the district officer's review queue (issue 20 item 4) until an officer weighs it: upheld
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> officer("eligibility")
                .body(Map.of("outcome", "UPHELD", "reason", "a certificate of 2020 is outside B1's 2024-2026"))
                .post("/reviews/D-" + id + "-R1/decision").then().statusCode(200).body("outcome", equalTo("UPHELD")));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> officer("eligibility").get("/decisions/by-id/D-" + id + "-R1")
                .then().statusCode(200).body("outcome", equalTo("REJECTED")).body("supersedes", equalTo("D-" + id))
                .body("ruleVersion", equalTo("B1@1")));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> officer("applications").get("/applications/" + id).then()
                .body("status", equalTo("REJECTED")).body("timeline.kind", hasItems("APPEALED")));
    }

    /** An administrator of eligibility (the certification lists are imported maker-checker: two of them). */
    static RequestSpecification admin(String user) {
        return given().port(port("eligibility")).headers(Principals.admin(user).headers());
    }

    /**
     * Issue 16 item 3 (免申即享): one administrator imports the year's list of national high-tech enterprises naming a
     * registered enterprise, a second approves it, and the enterprise is paid its B1 award without applying: eligibility
     * proposes the award, applications makes a system-initiated application, payments pays it. The enterprise's own
     * application for the same certificate afterwards is a second award of one certificate and is rejected.
     */
    @Test
    @Order(16)
    void a_certification_list_import_pays_the_listed_enterprises_without_applications() {
        int year = BusinessDates.today().getYear();
        String uscc = register(31);
        String certificate = certificate(year);
        String csv = "uscc,name,certificateNumber,certificationKind\n" + uscc + ",E2E Enterprise 31," + certificate + ",FIRST\n";
        String importId = admin("admin-maker-e2e").contentType("text/csv").body(csv)
                .post("/admin/certification-lists/HIGH_TECH_ENTERPRISE/" + year).then().statusCode(202)
                .body("state", equalTo("PROPOSED")).extract().path("importId");
        // maker-checker: the proposer cannot approve its own import, and nothing is listed until a second one does
        admin("admin-maker-e2e").post("/admin/certification-lists/imports/" + importId + "/approval").then().statusCode(409);
        admin("admin-maker-e2e").get("/admin/certification-lists/HIGH_TECH_ENTERPRISE/" + year + "/" + uscc).then()
                .statusCode(404);
        String proposalId = "AP-B1-" + year + "-HTE-" + uscc + "-1";
        admin("admin-checker-e2e").post("/admin/certification-lists/imports/" + importId + "/approval").then().statusCode(200)
                .body("listed", equalTo(1)).body("proposed", equalTo(1))
                .body("results.entry", equalTo(List.of("LISTED"))).body("results.award", equalTo(List.of("PROPOSED")))
                .body("results.proposalId", equalTo(List.of(proposalId)))
                .body("results.amountFen", equalTo(List.of(30_000_000)));

        List<String> id = new ArrayList<>();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            List<Map<String, Object>> items = officer("applications").queryParam("applicant", uscc)
                    .queryParam("measure", "B1").get("/applications").then().statusCode(200).extract().path("items");
            assertEquals(1, items.size(), "one system-initiated application for the listed enterprise");
            id.add((String) items.get(0).get("id"));
        });
        awaitPaid(id.get(id.size() - 1));
        String applicationId = id.get(id.size() - 1);
        // the placeholder tier of a high-tech enterprise, 300,000 CNY
        officer("eligibility").get("/decisions/" + applicationId).then().statusCode(200).body("outcome", equalTo("APPROVED"))
                .body("proposalId", equalTo(proposalId)).body("amountFen", equalTo(30_000_000));
        officer("payments").queryParam("applicationId", applicationId).get("/payments").then()
                .body("items.size()", equalTo(1)).body("items[0].state", equalTo("SETTLED"))
                .body("items[0].amountFen", equalTo(30_000_000));

        // applying for the listed certificate afterwards: the certificate's one award is taken, nothing more is paid
        String own = submit(b1(uscc, certificate, year));
        awaitStatus(own, "REJECTED");
        officer("eligibility").get("/decisions/" + own).then().statusCode(200).body("outcome", equalTo("REJECTED"))
                .body("amountFen", equalTo(0))
                .body("criteria.find { it.name == 'certificationListed' }.passed", equalTo(true))
                .body("criteria.find { it.name == 'oncePerCertificate' }.passed", equalTo(false));
        officer("payments").queryParam("applicationId", own).get("/payments").then().body("items.size()", equalTo(0));
    }

    /** Issue 16 item 3: a B1 application for a certificate on no imported list is rejected, and the decision says why. */
    @Test
    @Order(17)
    void a_b1_application_for_a_certificate_on_no_list_is_rejected_with_the_reason() {
        int year = BusinessDates.today().getYear();
        String id = submit(b1(register(32), certificate(year), year));
        awaitStatus(id, "REJECTED");
        Map<String, Object> decision = awaitDecision(id);
        assertEquals("REJECTED", decision.get("outcome"));
        assertEquals(0L, ((Number) decision.get("amountFen")).longValue());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> criteria = (List<Map<String, Object>>) decision.get("criteria");
        Map<String, Object> listed = criteria.stream().filter(c -> "certificationListed".equals(c.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no certificationListed criterion: " + criteria));
        assertEquals(false, listed.get("passed"));
        assertTrue(String.valueOf(listed.get("en")).contains("is not on the imported " + year + " list"), listed.toString());
        assertTrue(String.valueOf(listed.get("zh")).contains("不予奖励"), listed.toString());
        officer("payments").queryParam("applicationId", id).get("/payments").then().body("items.size()", equalTo(0));
    }

    /**
     * Issue 16 item 9: after the journeys (the last test), every decision they made - applied, batched, appealed,
     * killed and resumed - is decided again from what it stores under the version it pinned, and none differs
     * ({@code ./platform replay-decisions}).
     */
    @Test
    @Order(99)
    void after_the_journeys_every_decision_replays_to_what_it_states() throws Exception {
        DecisionsReplay.Result result = DecisionsReplay.run("http://127.0.0.1:" + port("eligibility"));
        result.print(System.out);
        assertEquals(200, result.status(), result.body());
        assertTrue(result.report().path("replayed").asLong() > 0, result.body());
        assertEquals(0, result.differing(), result.body());
        assertEquals(0, result.exitCode());
    }

    /** Scores an application of a call as an officer: points for innovation (60%) and market (40%), and a comment. */
    static io.restassured.response.ValidatableResponse score(Principal scorer, String callId, String applicationId,
            int innovation, int market) {
        return as(scorer, "eligibility").body(Map.of("scores", Map.of("innovation", innovation, "market", market),
                "comment", "e2e: read the plan")).post("/calls/" + callId + "/applications/" + applicationId + "/scores").then();
    }

    /** A document of a service's store, read directly (what no API shows: an envelope's release, an order's journal). */
    static Document stored(String database, String collection, String id) {
        try (MongoClient client = MongoClients.create(mongo)) {
            return client.getDatabase(database).getCollection(collection).find(Filters.eq("_id", id)).first();
        }
    }

    /**
     * Issue 19's end-to-end journey, C1 competitive allocation across the three services: an administrator opens a C1
     * call (an envelope one fen above the line's available amount first: 422 {@code envelopeFen}, issue 19's bad input)
     * with an envelope of 3,000,000 CNY, which payments reserves on the year's C1 line; five growth-stage
     * applications name it and wait, SUBMITTED, undecided (scoring in the window: 409 phase); the window closes
     * (eligibility's business clock moved to the next day, {@link BusinessDates#moveOn}); officers score them, two
     * different officers for the one asking 1,500,000 CNY (above {@code call-second-scorer-above-fen}, 1,000,000 CNY;
     * the same officer twice 409, a ranking before the second score 409); the ranking awards the top two
     * (1,500,000 + 1,000,000 CNY: the third, 1,000,000 CNY, does not fit in the 500,000 left and the call allows no
     * partial award) and tells the other three their rank and the cut-off, 85.00 points; payments reserves the two
     * awards from the envelope (their orders appear) and gives the unused 500,000 CNY back to the line when the call
     * closes: the award orders and the returned part add up to the envelope, and the line moved by the awards only.
     * It runs just before the decisions replay (order 99), which ranks the call again from its stored score sheets
     * and must find every decision of it as stored (issue 19's done-when, end to end).
     */
    @Test
    @Order(98)
    void a_call_awards_its_best_scored_applications_from_its_envelope_and_returns_the_unused_part_to_the_line()
            throws Exception {
        long started = System.nanoTime();
        long envelope = 300_000_000L;
        String lineId = lines("C1").get(0);
        Map<String, Object> lineBefore = AfterDecisionIT.line(lineId);
        java.time.LocalDate today = BusinessDates.today();
        Principal admin = Principals.admin("call-admin-e2e");
        Map<String, Object> call = Map.of("measureCode", "C1", "titleEn", "E2E growth-stage round", "titleZh",
                "端到端成长期竞争性分配", "envelopeFen", envelope, "submissionFrom", today.toString(), "submissionTo",
                today.toString(), "eligibilityCriteria", List.of(Map.of("name", "growth", "expr", "facts.stage == 'GROWTH'",
                        "en", "a growth-stage enterprise", "zh", "成长期企业")),
                "scoringCriteria", List.of(Map.of("name", "innovation", "weight", 60, "en", "innovation", "zh", "创新性"),
                        Map.of("name", "market", "weight", 40, "en", "market prospects", "zh", "市场前景")),
                "partialAwardAllowed", false);
        // an envelope one fen above what the line has: refused at once (eligibility's view of the line, from payments'
        // journal entries read under their own consumer group and ACL), nothing opened
        long available = AfterDecisionIT.fen(lineBefore, "availableFen");
        Map<String, Object> tooLarge = new java.util.HashMap<>(call);
        tooLarge.put("envelopeFen", available + 1);
        await().atMost(Duration.ofSeconds(60)).until(() -> as(admin, "eligibility").body(tooLarge).post("/calls")
                .then().statusCode(422).body("field", equalTo("envelopeFen")).body("budgetLine", equalTo(lineId))
                .extract().jsonPath().getLong("availableFen"), is(available));
        String callId = as(admin, "eligibility").body(call).post("/calls").then().statusCode(201)
                .body("state", equalTo("OPEN")).body("phase", equalTo("SUBMISSION")).extract().path("callId");
        // payments reserves the envelope on the line when it reads CallOpened
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertEquals("RESERVED",
                java.util.Optional.ofNullable(stored("payments", "call_envelopes", callId)).map(d -> d.getString("state"))
                        .orElse(null), "the envelope reserved"));
        Map<String, Object> lineOpen = AfterDecisionIT.line(lineId);
        assertEquals(AfterDecisionIT.fen(lineBefore, "availableFen") - envelope, AfterDecisionIT.fen(lineOpen, "availableFen"),
                "the envelope left available when the call opened: " + lineOpen);

        // five applications naming the call, in rank order to come: 1,500,000 CNY (two scorers), then 1,000,000 x2,
        // 800,000 and 600,000 CNY
        long[] asked = {150_000_000L, 100_000_000L, 100_000_000L, 80_000_000L, 60_000_000L};
        List<String> applicants = registerAll(40, 41, 42, 43, 44);
        List<String> apps = new ArrayList<>();
        for (int i = 0; i < asked.length; i++) {
            apps.add(submit(Map.of("applicantUscc", applicants.get(i), "measureCode", "C1", "facts", Map.of("stage", "GROWTH",
                    "field", "marine-sensing", "requestedFen", asked[i], "callId", callId))));
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> as(admin, "eligibility").get("/calls/" + callId).then()
                .statusCode(200).body("applications", equalTo(asked.length)));
        for (int i = 0; i < apps.size(); i++) {
            as(admin, "eligibility").get("/calls/" + callId + "/applications/" + apps.get(i) + "/scores").then()
                    .statusCode(200).body("state", equalTo("AWAITING_SCORING")).body("requiredScorers", equalTo(i == 0 ? 2 : 1));
            officer("eligibility").get("/decisions/" + apps.get(i)).then().statusCode(404); // not decided alone
            officer("applications").get("/applications/" + apps.get(i)).then().body("status", equalTo("SUBMITTED"));
        }
        Principal scorer1 = OFFICER.named("scorer-1-e2e");
        Principal scorer2 = OFFICER.named("scorer-2-e2e");
        score(scorer1, callId, apps.get(0), 95, 95).statusCode(409).body("field", equalTo("phase"));

        // the window closes: the next business day on eligibility's clock
        java.time.LocalDate scoringDay = BusinessDates.moveOn(platform, "eligibility", 1);
        System.out.println("eligibility's business date moved on to " + scoringDay);
        as(admin, "eligibility").get("/calls/" + callId).then().statusCode(200).body("phase", equalTo("SCORING"));
        score(scorer1, callId, apps.get(0), 95, 95).statusCode(200);
        score(scorer1, callId, apps.get(0), 90, 90).statusCode(409).body("field", equalTo("officer")); // maker-checker
        as(admin, "eligibility").post("/calls/" + callId + "/rank").then().statusCode(409).body("field", equalTo("scores"));
        score(scorer2, callId, apps.get(0), 85, 85).statusCode(200); // the mean: 90 points
        int[] points = {0, 85, 80, 70, 60};
        for (int i = 1; i < apps.size(); i++) {
            score(i % 2 == 1 ? scorer1 : scorer2, callId, apps.get(i), points[i], points[i]).statusCode(200);
        }

        io.restassured.path.json.JsonPath ranked = as(admin, "eligibility").post("/calls/" + callId + "/rank").then()
                .statusCode(200).extract().jsonPath();
        assertEquals(apps, ranked.getList("ranking.applicationId"), "rank order: by score");
        assertEquals(List.of("APPROVED", "APPROVED", "NOT_FUNDED", "NOT_FUNDED", "NOT_FUNDED"),
                ranked.getList("ranking.outcome"));
        long used = ranked.getLong("usedFen");
        assertEquals(asked[0] + asked[1], used, "the two awards the envelope holds whole");
        assertEquals(85.0, ranked.getDouble("cutOffScore"), "the cut-off: the last award's score");
        for (int i = 2; i < apps.size(); i++) {
            String id = apps.get(i);
            awaitStatus(id, "REJECTED");
            Map<String, Object> decision = awaitDecision(id);
            assertEquals(0L, ((Number) decision.get("amountFen")).longValue(), id);
            @SuppressWarnings("unchecked")
            Map<String, Object> ranking = ((List<Map<String, Object>>) decision.get("criteria")).stream()
                    .filter(c -> "callRanking".equals(c.get("name"))).findFirst().orElseThrow(() -> new AssertionError(
                            id + ": no callRanking criterion in " + decision));
            assertEquals(false, ranking.get("passed"), id);
            String told = String.valueOf(ranking.get("en"));
            assertTrue(told.contains("ranked " + (i + 1) + " of 5") && told.contains("funds the applications ranked 1 to 2")
                    && told.contains("cut-off score 85"), told);
            assertTrue(String.valueOf(ranking.get("zh")).contains("排名第 " + (i + 1) + " 位"), String.valueOf(ranking.get("zh")));
            officer("payments").queryParam("applicationId", id).get("/payments").then().body("items.size()", equalTo(0));
        }

        // payments: the awards' orders, reserved from the envelope; the close gives the unused part back
        long ordered = 0;
        long drawn = 0;
        for (int i = 0; i < 2; i++) {
            String order = "PO-D-" + apps.get(i);
            long amount = asked[i];
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                    officer("payments").get("/payments/" + order).then().statusCode(200).body("amountFen", equalTo((int) amount))
                            .body("state", org.hamcrest.Matchers.not(org.hamcrest.Matchers.in(List.of("RESERVING", "WAITLISTED")))));
            ordered += amount;
            boolean fromEnvelope = stored("payments", "payment_orders", order).getList("journal", Document.class).stream()
                    .anyMatch(e -> "ENVELOPE_DRAW".equals(e.getString("kind")));
            if (fromEnvelope) {
                drawn += amount;
            } else {
                // documented (payments.md, "Calls' envelopes"): a decision read after its call's close reserves on the line
                System.out.println(order + " arrived after the call's close: reserved on the line, not from the envelope");
            }
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertEquals("CLOSED",
                stored("payments", "call_envelopes", callId).getString("state"), "the envelope closed"));
        Document closed = stored("payments", "call_envelopes", callId);
        long released = closed.get("releasedFen", Number.class).longValue();
        assertEquals(used, closed.get("usedFen", Number.class).longValue(), "payments read eligibility's used amount");
        assertEquals(used, ordered, "the award orders are the ranking's awards");
        assertEquals(envelope, drawn + released, "what the awards drew and what went back are the envelope");
        if (drawn == ordered) {
            assertEquals(envelope, ordered + released, "award orders + the returned part = the envelope");
            assertEquals(envelope - used, released, "the unused 500,000 CNY went back");
        }
        Document line = stored("payments", "budget_lines", lineId);
        assertEquals(released, line.get("envelopeReleases", Document.class).get(callId, Number.class).longValue());
        assertEquals(0L, line.get("envelopes", Document.class).get(callId, Number.class).longValue(), "nothing left to draw");
        Map<String, Object> lineAfter = AfterDecisionIT.line(lineId);
        assertEquals(AfterDecisionIT.fen(lineBefore, "availableFen") - used, AfterDecisionIT.fen(lineAfter, "availableFen"),
                "the line gave the awards only: " + lineAfter);
        assertEquals(AfterDecisionIT.fen(lineBefore, "reservedFen") + AfterDecisionIT.fen(lineBefore, "disbursedFen") + used,
                AfterDecisionIT.fen(lineAfter, "reservedFen") + AfterDecisionIT.fen(lineAfter, "disbursedFen"),
                "reserved and disbursed grew by the awards: " + lineAfter);
        System.out.printf("the call journey took %d ms%n", (System.nanoTime() - started) / 1_000_000);
    }

    @Test
    @Order(11)
    void the_audit_fails_on_a_second_order_for_a_decision_and_on_a_budget_line_moved_by_hand() {
        String id = submit(b3a(register(15)));
        awaitPaid(id);
        try (MongoClient client = MongoClients.create(mongo)) {
            MongoCollection<Document> orders = client.getDatabase("payments").getCollection("payment_orders");
            Document order = orders.find(Filters.eq("_id", "PO-D-" + id)).first();
            // a second order for the same decision, as a duplicate consumer without the deterministic id would write it
            Document second = new Document(order).append("_id", "PO-D-" + id + "-BY-HAND").append("journal", List.of())
                    .append("outbox", List.of());
            orders.insertOne(second);
            try {
                Audit.Result result = audit();
                assertEquals(1, result.exitCode());
                assertEquals(List.of("payments.one-order-per-decision"), result.failedChecks());
                assertTrue(result.breaches().get(0).contains("D-" + id), result.breaches().toString());
            } finally {
                orders.deleteOne(Filters.eq("_id", second.getString("_id")));
            }
            // a bare $inc on a budget line: its counters no longer equal its journal
            MongoCollection<Document> lines = client.getDatabase("payments").getCollection("budget_lines");
            String line = order.getString("budgetLine");
            lines.updateOne(Filters.eq("_id", line), Updates.inc("reservedFen", 1L));
            try {
                Audit.Result result = audit();
                assertEquals(1, result.exitCode());
                assertEquals(List.of("payments.budget-line-equals-journal"), result.failedChecks());
                assertTrue(result.breaches().stream().allMatch(b -> b.contains(line)), result.breaches().toString());
            } finally {
                lines.updateOne(Filters.eq("_id", line), Updates.inc("reservedFen", -1L));
            }
        }
    }

    @Test
    @Order(12)
    void payments_broker_principal_cannot_produce_to_eligibility_events() throws Exception {
        // issue 13: the platform above ran under its ACLs; a service's credentials reach only its own topics
        try (KafkaProducer<String, String> payments = producer()) {
            ExecutionException refused = assertThrows(ExecutionException.class, () -> payments.send(
                    new ProducerRecord<>("eligibility.events", "D-FORGED", "{\"outcome\":\"APPROVED\"}")).get());
            assertInstanceOf(TopicAuthorizationException.class, refused.getCause());
        }
    }

    /** The test-only fault point (commons {@code HaltAfterWrites}): the process halts after the n-th write on a collection. */
    static final String HALT_AFTER_WRITES = "SUSONG_FAULTS_HALT_AFTER_WRITES";
    static final long A4_CAP_FEN = 500_000_000L;

    private static List<String> killTestApplicants;

    /** The applicants of the two kill tests, registered together on first use (their cooling-off periods overlap). */
    static synchronized List<String> killTestApplicants() {
        if (killTestApplicants == null) {
            killTestApplicants = registerAll(17, 18, 19, 20, 21, 22, 23);
        }
        return killTestApplicants;
    }

    /** A4 (docs/policy.md): 30% of 3,300,000 CNY operating costs, no performance award: 990,000 CNY, below payments' approval limit. */
    static Map<String, Object> a4(String uscc) {
        return a4(uscc, "NONE", 330_000_000L, Integer.toString(BusinessDates.today().getYear()));
    }

    /** A4 for a business year ({@code period}: one open application per applicant, measure and period). */
    static Map<String, Object> a4(String uscc, String grade, long operatingCostsFen, String period) {
        return Map.of("applicantUscc", uscc, "measureCode", "A4", "period", period, "facts", Map.of("centreName",
                "Enclave " + UUID.randomUUID().toString().substring(0, 8), "operatingCostsFen", operatingCostsFen,
                "performanceGrade", grade));
    }

    /** The decision of an application once made (its view in eligibility's API). */
    static Map<String, Object> awaitDecision(String applicationId) {
        List<Map<String, Object>> found = new ArrayList<>();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                found.add(officer("eligibility").get("/decisions/" + applicationId).then().statusCode(200).extract().as(Map.class)));
        return found.get(found.size() - 1);
    }

    /** Relaunches a service with the fault point and waits until it has halted itself there (exit 137, its own line in the log). */
    static void haltAt(String service, String collectionAndCount) throws Exception {
        long logged = Files.size(logs.resolve(service + ".log"));
        platform.relaunch(service, Map.of(HALT_AFTER_WRITES, collectionAndCount));
        assertEquals(137, platform.awaitExit(service, Duration.ofSeconds(150)), service + " halted by the fault point");
        String log = Files.readString(logs.resolve(service + ".log"));
        assertTrue(log.substring((int) Math.min(logged, log.length())).contains("susong fault point: halting (exit 137) after"
                + " acknowledged write " + collectionAndCount.split(":")[1] + " on " + collectionAndCount.split(":")[0]),
                "the fault point, not something else, stopped " + service);
    }

    /** Event ids of a type on a topic per application, for the applications given. */
    static Map<String, java.util.Set<String>> eventIds(String topic, String type, List<String> applicationIds) {
        Map<String, java.util.Set<String>> ids = new java.util.HashMap<>();
        applicationIds.forEach(a -> ids.put(a, new java.util.HashSet<>()));
        for (ConsumerRecord<String, String> r : allRecords(topic)) {
            if (type.equals(CloudEventRecords.header(r, "ce_type"))) {
                applicationIds.stream().filter(a -> r.value().contains("\"" + a + "\""))
                        .forEach(a -> ids.get(a).add(CloudEventRecords.header(r, "ce_id")));
            }
        }
        return ids;
    }

    /** Reserved plus disbursed of budget lines, read from the payments store (also while payments is down). */
    static Map<String, Long> committedFen(MongoClient client, List<String> lineIds) {
        Map<String, Long> committed = new java.util.TreeMap<>();
        for (Document line : client.getDatabase("payments").getCollection("budget_lines").find(Filters.in("_id", lineIds))) {
            committed.put(line.getString("_id"), line.get("reservedFen", Number.class).longValue()
                    + line.get("disbursedFen", Number.class).longValue());
        }
        return committed;
    }

    static List<String> lines(String... measures) {
        int year = BusinessDates.today().getYear();
        return java.util.Arrays.stream(measures).map(m -> year + ":" + m).toList();
    }

    /** The used amounts of all of eligibility's cap ledgers together, read from its store. */
    static long capUsedFen() {
        try (MongoClient client = MongoClients.create(mongo)) {
            long used = 0;
            for (Document d : client.getDatabase("eligibility").getCollection("cap_ledgers").find(Filters.eq("kind", "CAP"))) {
                used += d.get("usedFen", Number.class).longValue();
            }
            return used;
        }
    }

    /** Checks that the application has one payment order, settled for the granted amount; returns its budget line. */
    static String settledOrderLine(String applicationId, long grantedFen) {
        List<Map<String, Object>> orders = officer("payments").queryParam("applicationId", applicationId).get("/payments").then()
                .statusCode(200).extract().path("items");
        assertEquals(1, orders.size(), applicationId + ": one payment order");
        assertEquals("SETTLED", orders.get(0).get("state"), applicationId);
        assertEquals(grantedFen, ((Number) orders.get(0).get("amountFen")).longValue(), applicationId + ": the order pays the grant");
        return (String) orders.get(0).get("budgetLine");
    }

    static Map<String, Long> plus(Map<String, Long> before, Map<String, Long> added) {
        Map<String, Long> sum = new java.util.TreeMap<>(before);
        added.forEach((line, fen) -> sum.merge(line, fen, Long::sum));
        return sum;
    }

    /**
     * Issue 14: eligibility decides a polled batch with one guarded write per cap ledger key, then the decisions. Killed
     * (kill -9) right after its first cap ledger write - some keys moved, no decision written - and restarted, the
     * redelivered batch finds its shares and takes nothing twice: one decision per application, each cap ledger's
     * used amount is the sum of what the decisions on it grant (one applicant's A4 annual cap is exceeded in the
     * batch: a partial grant), and payments reserves and pays each decision once.
     */
    @Test
    @Order(13)
    void eligibility_killed_between_the_cap_writes_of_a_batch_decides_and_pays_each_application_once() throws Exception {
        List<String> applicants = killTestApplicants().subList(0, 4);
        Map<String, Long> linesBefore;
        try (MongoClient client = MongoClients.create(mongo)) {
            linesBefore = committedFen(client, lines("A4"));
        }
        // three A4 awards of 1,900,000 CNY (30% of 3,000,000 CNY + grade A's 1,000,000 CNY), one per business year the
        // measure takes, all capped in the year they are decided: together above A4's 5,000,000 CNY annual cap, so one is
        // granted in part. The first is decided before the batch: the batch updates its ledger key and inserts the others
        int year = BusinessDates.today().getYear();
        List<String> capped = new ArrayList<>(List.of(submit(a4(applicants.get(0), "A", 300_000_000L,
                Integer.toString(year - 2)))));
        awaitDecision(capped.get(0));
        platform.kill("eligibility");
        // submitted while eligibility is down, so its restarted consumers poll them as batches
        capped.add(submit(a4(applicants.get(0), "A", 300_000_000L, Integer.toString(year - 1))));
        capped.add(submit(a4(applicants.get(0), "A", 300_000_000L, Integer.toString(year))));
        List<String> ids = new ArrayList<>(capped);
        // and one A4 of each other applicant (no B1 any more: a B1 application is approved only for a certificate on an
        // imported list, and a listed enterprise has already been awarded without one; B3a's exclusion group would add
        // a second ledger share per decision and is decided one by one, outside the batch)
        for (String applicant : applicants.subList(1, applicants.size())) {
            ids.add(submit(a4(applicant)));
        }
        List<String> burst = ids.subList(1, ids.size());
        long usedBefore = capUsedFen();
        haltAt("eligibility", "cap_ledgers:1");
        try (MongoClient client = MongoClients.create(mongo)) {
            MongoDatabase store = client.getDatabase("eligibility");
            assertEquals(0, store.getCollection("decisions").countDocuments(Filters.in("applicationId", burst)),
                    "killed before any decision of the burst was written");
            assertTrue(capUsedFen() > usedBefore, "killed after a cap ledger write of the burst");
        }
        platform.restart("eligibility");

        Map<String, Long> grantedByKey = new java.util.HashMap<>();
        Map<String, Long> grantedById = new java.util.HashMap<>();
        try (MongoClient client = MongoClients.create(mongo)) {
            MongoCollection<Document> ledgers = client.getDatabase("eligibility").getCollection("cap_ledgers");
            for (String id : ids) {
                Map<String, Object> decision = awaitDecision(id);
                assertEquals("D-" + id, decision.get("decisionId"));
                assertEquals("APPROVED", decision.get("outcome"), id);
                long granted = ((Number) decision.get("amountFen")).longValue();
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> shares = (List<Map<String, Object>>) decision.get("capShares");
                assertEquals(1, shares.size(), id + ": one cap share");
                String key = (String) shares.get(0).get("ledgerKey");
                assertEquals(granted, ((Number) shares.get(0).get("grantedFen")).longValue(), id + ": the share is the grant");
                Document held = ledgers.find(Filters.eq("_id", key)).first().get("consumers", Document.class)
                        .get((String) shares.get(0).get("owner"), Document.class);
                assertEquals(granted, held.get("fen", Number.class).longValue(), id + ": the ledger holds what the decision grants");
                grantedByKey.merge(key, granted, Long::sum);
                grantedById.put(id, granted);
            }
            grantedByKey.forEach((key, granted) -> assertEquals(granted, ledgers.find(Filters.eq("_id", key)).first()
                    .get("usedFen", Number.class).longValue(), key + ": used = the sum of the decisions' grants"));
            assertEquals(A4_CAP_FEN, grantedByKey.get("CAP|A4|" + applicants.get(0) + "|" + year),
                    "the capped applicant's three A4 awards fill its annual cap exactly");

            capped.forEach(PlatformIT::approveAsFinance); // above 1,000,000 CNY a finance officer approves
            ids.forEach(PlatformIT::awaitPaid);
            Map<String, Long> paidByLine = new java.util.HashMap<>();
            grantedById.forEach((id, granted) -> paidByLine.merge(settledOrderLine(id, granted), granted, Long::sum));
            assertEquals(plus(linesBefore, paidByLine), committedFen(client, lines("A4")),
                    "each budget line moved by the orders' sum, once");
        }
        eventIds("eligibility.events", "susong.eligibility.EligibilityDecided.v1", ids).forEach((id, events) ->
                assertEquals(1, events.size(), id + ": one decision event id, " + events));
    }

    /**
     * Issue 14: payments takes a polled batch of approved decisions with one insert of RESERVING orders and one guarded
     * reservation per budget line. Killed (kill -9) right after the first line's reservation - that line charged, the
     * other not, the orders still RESERVING - and restarted, each reservation is applied exactly once: one order per
     * decision, each paid once, each line moved by its orders' sum.
     */
    @Test
    @Order(14)
    void payments_killed_between_the_line_reservations_of_a_batch_reserves_and_pays_each_order_once() throws Exception {
        List<String> applicants = killTestApplicants().subList(4, 7);
        List<String> lines = lines("A4", "B3a");
        Map<String, Long> linesBefore;
        try (MongoClient client = MongoClients.create(mongo)) {
            linesBefore = committedFen(client, lines);
        }
        platform.kill("payments");
        // decided while payments is down, so its restarted consumer polls them as one batch over two budget lines
        List<String> ids = new ArrayList<>();
        for (String applicant : applicants) {
            ids.add(submit(b3a(applicant)));
            ids.add(submit(a4(applicant)));
        }
        long total = 0;
        Map<String, Long> granted = new java.util.HashMap<>();
        for (String id : ids) {
            Map<String, Object> decision = awaitDecision(id);
            assertEquals("APPROVED", decision.get("outcome"), id);
            granted.put(id, ((Number) decision.get("amountFen")).longValue());
            total += granted.get(id);
        }
        haltAt("payments", "budget_lines:1");
        try (MongoClient client = MongoClients.create(mongo)) {
            long charged = committedFen(client, lines).values().stream().mapToLong(Long::longValue).sum()
                    - linesBefore.values().stream().mapToLong(Long::longValue).sum();
            assertTrue(charged > 0 && charged < total, "killed between the line reservations: " + charged + " of " + total
                    + " fen charged");
            assertTrue(client.getDatabase("payments").getCollection("payment_orders").countDocuments(Filters.and(
                    Filters.in("applicationId", ids), Filters.eq("state", "RESERVING"))) > 0, "orders left RESERVING");
        }
        platform.restart("payments");

        ids.forEach(PlatformIT::awaitPaid);
        Map<String, Long> paidByLine = new java.util.HashMap<>();
        for (String id : ids) {
            paidByLine.merge(settledOrderLine(id, granted.get(id)), granted.get(id), Long::sum);
        }
        try (MongoClient client = MongoClients.create(mongo)) {
            assertEquals(plus(linesBefore, paidByLine), committedFen(client, lines), "each line moved by its orders' sum, once");
        }
        for (String type : List.of("susong.payments.BudgetReserved.v1", "susong.payments.PaymentDisbursed.v1")) {
            eventIds("payments.events", type, ids).forEach((id, events) ->
                    assertEquals(1, events.size(), id + ": one " + type + " event id, " + events));
        }
    }

    /** A producer as the payments service (its SCRAM principal). */
    static KafkaProducer<String, String> producer() {
        Properties p = new Properties();
        p.putAll(platform.kafkaClient("payments"));
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return new KafkaProducer<>(p);
    }

    static List<ConsumerRecord<String, String>> records(String topic) {
        Properties p = new Properties();
        p.putAll(platform.kafkaClient("ops"));
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "ops-e2e-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<ConsumerRecord<String, String>> result = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.currentTimeMillis() + 5000;
            while (System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(result::add);
            }
        }
        return result;
    }

    /** Every record of a topic from its beginning up to its end offsets when called (assigned partitions, no group). */
    static List<ConsumerRecord<String, String>> allRecords(String topic) {
        Properties p = new Properties();
        p.putAll(platform.kafkaClient("ops"));
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<ConsumerRecord<String, String>> result = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.currentTimeMillis() + 60_000;
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                assertTrue(System.currentTimeMillis() < deadline, "read " + topic + " to its end within 60 s");
                consumer.poll(Duration.ofMillis(500)).forEach(result::add);
            }
        }
        return result;
    }

    static ConsumerRecord<String, String> firstRecord(String topic) {
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            found.addAll(records(topic));
            return !found.isEmpty();
        });
        return found.get(0);
    }
}
