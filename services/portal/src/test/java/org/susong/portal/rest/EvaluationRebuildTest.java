package org.susong.portal.rest;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.susong.testing.TestBroker.kafka;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.susong.portal.application.EvaluationQueries;
import org.susong.portal.domain.District;
import org.susong.portal.domain.EvaluationFigures;
import org.susong.portal.domain.Person;
import org.susong.portal.domain.Role;
import org.susong.portal.persistence.EvaluationStore;
import org.susong.testing.CloudEventRecords;
import org.susong.testing.LocalInfraTestResource;
import org.susong.testing.TestBroker;

/**
 * The evaluation read model (issue 18 item 4, measure D3) on the real broker and store: the five services' events,
 * shaped as the event-contracts examples (each checked against its schema), projected by the portal's consumer into
 * figures that equal hand-computed ones; redelivered events, an unknown type and another service's event change
 * nothing; a poison record goes to {@code portal.dlq} and consumption goes on; and a rebuild from offset 0 (the done
 * criterion of issue 18) reproduces the same figures in a new generation. Applications of measure B1 (the example's):
 * figures per district and quarter of submission in Xiamen time.
 */
@QuarkusTest
@TestProfile(EvaluationProfile.class)
@ExtendWith(TestBroker.class)
@WithTestResource(LocalInfraTestResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EvaluationRebuildTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String SUBMITTED = "susong.applications.ApplicationSubmitted.v1";
    static final String APPEALED = "susong.applications.ApplicationAppealed.v1";
    static final String DECIDED = "susong.eligibility.EligibilityDecided.v1";
    static final String DISBURSED = "susong.payments.PaymentDisbursed.v1";
    static final String RETURNED = "susong.payments.PaymentReturned.v1";
    static final String[] TOPICS = {"applications.events", "eligibility.events", "payments.events",
            "tech-contracts.events", "fund-investments.events"};
    static final Person ADMIN = Person.of("eval-admin", Role.ADMIN, null, null, null);
    static final Person AUDITOR = Person.of("eval-auditor", Role.AUDITOR, null, null, null);
    static final Person HULI_OFFICER = SignedIn.officer("eval-officer", District.HULI);
    static final Person SIMING_OFFICER = SignedIn.officer("eval-officer-2", District.SIMING);

    /** Every event sent, to send them all again (a redelivery). */
    static final List<ProducerRecord<String, String>> SENT = new ArrayList<>();
    static final String RUN = UUID.randomUUID().toString().substring(0, 6).toUpperCase();

    @Inject
    EvaluationQueries queries;
    @Inject
    EvaluationStore store;

    static String app(int n) {
        return "APP-EVAL-" + RUN + "-" + n;
    }

    static ObjectNode example(String type) throws Exception {
        return ContractEvents.example(type);
    }

    static void send(String topic, String type, String key, ObjectNode payload) throws Exception {
        SENT.add(ContractEvents.send(topic, type, key, payload));
    }

    static void submitted(int n, String district, String at, boolean automatic) throws Exception {
        ObjectNode s = example(SUBMITTED);
        s.put("applicationId", app(n)).put("district", district).put("submittedAt", at);
        if (automatic) {
            s.put("systemInitiated", true).put("proposalId", "AP-B1-2026-HTE-" + RUN + "-" + n + "-1");
        }
        send("applications.events", SUBMITTED, app(n), s);
    }

    static void decided(int n, String decisionId, String district, String outcome, long fen, String at,
                        List<String> failed, String supersedes, boolean proposal) throws Exception {
        ObjectNode d = example(DECIDED);
        d.put("decisionId", decisionId).put("applicationId", app(n)).put("district", district).put("outcome", outcome)
                .put("amountFen", fen).put("decidedAt", at);
        ArrayNode criteria = d.putArray("criteria");
        criteria.addObject().put("name", "validity").put("passed", !failed.contains("validity")).put("en", "v")
                .put("zh", "有效");
        criteria.addObject().put("name", "oncePerCertificate").put("passed", !failed.contains("oncePerCertificate"))
                .put("en", "o").put("zh", "一次");
        if (supersedes != null) {
            d.put("supersedes", supersedes);
        }
        if (proposal) {
            d.put("proposalId", "AP-B1-2026-HTE-" + RUN + "-" + n + "-1");
        }
        send("eligibility.events", DECIDED, decisionId, d);
    }

    static void appealed(int n, String decisionId, String at) throws Exception {
        ObjectNode a = example(APPEALED);
        a.put("applicationId", app(n)).put("decisionId", decisionId).put("appealedAt", at);
        send("applications.events", APPEALED, app(n), a);
    }

    static void paid(int n, String decisionId, long fen, String at) throws Exception {
        ObjectNode p = example(DISBURSED);
        p.put("orderId", "PO-" + decisionId).put("decisionId", decisionId).put("applicationId", app(n))
                .put("amountFen", fen).put("settledAt", at);
        send("payments.events", DISBURSED, "PO-" + decisionId, p);
    }

    static void returned(int n, String decisionId, long fen, String at) throws Exception {
        ObjectNode p = example(RETURNED);
        p.put("orderId", "PO-" + decisionId).put("decisionId", decisionId).put("applicationId", app(n))
                .put("amountFen", fen).put("returnedAt", at);
        send("payments.events", RETURNED, "PO-" + decisionId, p);
    }

    static String d(int n) {
        return "D-" + app(n);
    }

    /**
     * The applications (B1). HULI, 2026-Q2 (Xiamen): 1 applied, approved 300,000.00, paid 48 h after submission;
     * 2 applied, rejected (validity, oncePerCertificate), appealed, approved 200,000.00 on appeal, paid 552 h after
     * submission; 3 automatic (免申即享), approved 63,000.00, paid 24 h after, then returned; 4 applied, rejected
     * (validity), appealed, no answer yet; 5 applied, awaiting review. SIMING: 6, submitted 2026-03-31T16:30Z, which is
     * 2026-04-01 00:30 in Xiamen (Q2), approved 100,000.00, not paid. HULI, 2026-Q1: 7, submitted 2026-03-31T15:59Z
     * (23:59 in Xiamen), rejected (validity), appealed, rejected again (upheld).
     */
    static void sendTheApplications() throws Exception {
        submitted(1, "HULI", "2026-04-01T00:00:00Z", false);
        decided(1, d(1), "HULI", "APPROVED", 30_000_000L, "2026-04-01T00:00:05Z", List.of(), null, false);
        paid(1, d(1), 30_000_000L, "2026-04-03T00:00:00Z");

        submitted(2, "HULI", "2026-05-10T02:00:00Z", false);
        decided(2, d(2), "HULI", "REJECTED", 0L, "2026-05-10T02:01:00Z", List.of("validity", "oncePerCertificate"),
                null, false);
        appealed(2, d(2), "2026-05-20T00:00:00Z");
        decided(2, d(2) + "-R1", "HULI", "APPROVED", 20_000_000L, "2026-06-01T00:00:00Z", List.of(), d(2), false);
        paid(2, d(2) + "-R1", 20_000_000L, "2026-06-02T02:00:00Z");

        submitted(3, "HULI", "2026-06-15T02:00:00Z", true);
        decided(3, d(3), "HULI", "APPROVED", 6_300_000L, "2026-06-15T02:00:01Z", List.of(), null, true);
        paid(3, d(3), 6_300_000L, "2026-06-16T02:00:00Z");
        returned(3, d(3), 6_300_000L, "2026-06-18T00:00:00Z");

        submitted(4, "HULI", "2026-06-20T00:00:00Z", false);
        decided(4, d(4), "HULI", "REJECTED", 0L, "2026-06-20T00:01:00Z", List.of("validity"), null, false);
        appealed(4, d(4), "2026-06-25T00:00:00Z");

        submitted(5, "HULI", "2026-06-29T00:00:00Z", false);
        decided(5, d(5), "HULI", "REVIEW_REQUIRED", 0L, "2026-06-29T00:00:01Z", List.of(), null, false);

        submitted(6, "SIMING", "2026-03-31T16:30:00Z", false);
        decided(6, d(6), "SIMING", "APPROVED", 10_000_000L, "2026-04-02T00:00:00Z", List.of(), null, false);

        submitted(7, "HULI", "2026-03-31T15:59:00Z", false);
        decided(7, d(7), "HULI", "REJECTED", 0L, "2026-04-01T00:00:00Z", List.of("validity"), null, false);
        appealed(7, d(7), "2026-04-02T00:00:00Z");
        decided(7, d(7) + "-R1", "HULI", "REJECTED", 0L, "2026-04-10T00:00:00Z", List.of("validity"), d(7), false);
    }

    static final EvaluationFigures.Quarter Q1 = new EvaluationFigures.Quarter(2026, 1);
    static final EvaluationFigures.Quarter Q2 = new EvaluationFigures.Quarter(2026, 2);

    /** The figures computed by hand from the applications above. */
    static List<EvaluationFigures.Row> expected() {
        return List.of(
                // HULI Q1: 7 rejected twice, its appeal upheld
                new EvaluationFigures.Row("B1", "HULI", Q1, 1, 1, 0, 0, 1, 0, 0L, 1000L,
                        List.of(new EvaluationFigures.Reason("validity", 1)), 0, 0, 0, null, null, 0, 0, 1, 0, 1, 0),
                // HULI Q2: 5 applications (4 applied, 1 automatic); approved 1, 2 (on appeal), 3; rejected 4; 5 pending;
                // 3 of 4 decided = 75.0 %; decided 300,000 + 200,000 + 63,000 = 563,000.00 CNY; paid 500,000.00 (3's
                // returned); to payment 24 h, 48 h, 552 h: median (2nd of 3) 48 h = 2,880 min, p90 (3rd) 33,120 min
                new EvaluationFigures.Row("B1", "HULI", Q2, 5, 4, 1, 3, 1, 1, 750L, 250L,
                        List.of(new EvaluationFigures.Reason("validity", 1)), 56_300_000L, 50_000_000L, 3, 2_880L,
                        33_120L, 1, 2, 2, 1, 0, 1),
                // SIMING Q2 (submitted 2026-03-31T16:30Z = 2026-04-01 00:30 in Xiamen)
                new EvaluationFigures.Row("B1", "SIMING", Q2, 1, 1, 0, 1, 0, 0, 1000L, 0L, List.of(), 10_000_000L, 0, 0,
                        null, null, 0, 1, 0, 0, 0, 0));
    }

    List<EvaluationFigures.Row> ours(Person person) {
        return queries.figures(person, new EvaluationQueries.Filter(2026, null, "B1", null)).rows().stream()
                .filter(r -> true).toList();
    }

    @Test
    @Order(1)
    void the_events_become_the_hand_computed_figures_and_a_poison_record_is_dead_lettered() throws Exception {
        String poisonKey = "POISON-" + RUN;
        kafka().produceStrings().fromRecords(CloudEventRecords.poison("payments.events", poisonKey)).awaitCompletion();
        // an event type no projection reads, of a topic the portal reads: skipped
        ObjectNode registered = example("susong.tech-contracts.ContractRegistered.v1");
        kafka().produceStrings().fromRecords(CloudEventRecords.event("tech-contracts.events",
                "susong.tech-contracts.ContractRegistered.v1", "TC-EVAL-" + RUN, JSON.writeValueAsString(registered)))
                .awaitCompletion();
        // a Susong type nobody knows yet, naming application 1: skipped, changes nothing
        kafka().produceStrings().fromRecords(CloudEventRecords.event("applications.events",
                "susong.applications.SomethingNew.v1", app(1), "{\"applicationId\":\"" + app(1) + "\",\"x\":1}"))
                .awaitCompletion();
        // a decision without its application id: refused, dead-lettered
        kafka().produceStrings().fromRecords(CloudEventRecords.event("eligibility.events", DECIDED, "D-BAD-" + RUN,
                "{\"decisionId\":\"D-BAD-" + RUN + "\",\"outcome\":\"APPROVED\"}")).awaitCompletion();
        sendTheApplications();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertEquals(expected(), ours(ADMIN)));
        List<String> deadKeys = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            kafka().consumeStrings().fromTopics("portal.dlq", Duration.ofSeconds(2)).awaitCompletion().getRecords()
                    .forEach(r -> deadKeys.add(r.key()));
            assertTrue(deadKeys.contains(poisonKey) && deadKeys.contains("D-BAD-" + RUN), "dead letters: " + deadKeys);
        });
        EvaluationFigures.Row total = queries.figures(ADMIN, new EvaluationQueries.Filter(2026, null, "B1", null))
                .totals();
        assertEquals(7, total.applications());
        assertEquals(66_300_000L, total.decidedFen());
        assertEquals(50_000_000L, total.paidFen());
        assertEquals(3, total.appeals());
    }

    @Test
    @Order(2)
    void every_event_delivered_again_changes_nothing() throws Exception {
        for (ProducerRecord<String, String> record : List.copyOf(SENT)) {
            kafka().produceStrings().fromRecords(record).awaitCompletion();
        }
        awaitCaughtUp();
        assertEquals(expected(), ours(ADMIN));
    }

    @Test
    @Order(3)
    void a_rebuild_from_offset_0_reproduces_the_same_figures_in_a_new_generation() {
        int before = store.generations().current();
        List<EvaluationFigures.Row> all = queries.figures(ADMIN, new EvaluationQueries.Filter(null, null, null, null))
                .rows();
        assertEquals(403, SignedIn.as(AUDITOR).contentType("application/x-www-form-urlencoded").formParam("x", "y")
                .post("/evaluation/rebuild").statusCode(), "only the committee's admin rebuilds");
        Response started = SignedIn.as(ADMIN).contentType("application/x-www-form-urlencoded").formParam("x", "y")
                .post("/evaluation/rebuild");
        assertEquals(303, started.statusCode(), started.asString());
        await().atMost(Duration.ofSeconds(90)).until(() -> store.generations().building() == null);
        EvaluationStore.Generations after = store.generations();
        assertNull(after.lastFailure());
        assertEquals(before + 1, after.current(), "the page reads the rebuilt generation");
        assertEquals(expected(), ours(ADMIN));
        assertEquals(all, queries.figures(ADMIN, new EvaluationQueries.Filter(null, null, null, null)).rows());
    }

    @Test
    @Order(4)
    void the_page_and_the_exports_show_an_officer_its_district_only_and_the_committee_all() throws Exception {
        String page = SignedIn.as(HULI_OFFICER).get("/evaluation?year=2026&measure=B1&district=SIMING").then()
                .statusCode(200).extract().asString();
        assertTrue(page.contains("data-key=\"2026-Q2|B1|HULI\"") && page.contains("data-key=\"2026-Q1|B1|HULI\""), page);
        assertFalse(page.contains("|SIMING\""), "an officer of HULI asking for SIMING gets HULI's rows");
        assertTrue(page.contains("data-decided-fen=\"56300000\"") && page.contains("75.0%"), page);
        String csv = SignedIn.as(SIMING_OFFICER).get("/evaluation/export.csv?year=2026&measure=B1").then().statusCode(200)
                .extract().asString();
        String[] lines = csv.split("\r\n");
        assertTrue(lines[0].startsWith("\uFEFFyear,quarter,measure,district,applications"), lines[0]);
        assertEquals(3, lines.length, csv);
        assertTrue(lines[1].startsWith("2026,Q2,B1,SIMING,1,1,0,1,0,0,100.0%,0.0%,,10000000,100000.00,0,0.00,0"), lines[1]);
        assertTrue(lines[2].startsWith(",,TOTAL,,1,"), lines[2]);
        byte[] xlsx = SignedIn.as(AUDITOR).get("/evaluation/export.xlsx?year=2026&measure=B1&quarter=2").then()
                .statusCode(200).extract().asByteArray();
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            var sheet = book.getSheetAt(0);
            assertEquals("decidedFen", sheet.getRow(0).getCell(13).getStringCellValue());
            assertEquals("HULI", sheet.getRow(1).getCell(3).getStringCellValue());
            assertEquals(56_300_000L, (long) sheet.getRow(1).getCell(13).getNumericCellValue());
            assertEquals("SIMING", sheet.getRow(2).getCell(3).getStringCellValue());
            assertEquals(66_300_000L, (long) sheet.getRow(3).getCell(13).getNumericCellValue(), "the totals row");
        }
        assertEquals(403, SignedIn.as(SignedIn.applicant("eval-applicant", SignedIn.USCC)).get("/evaluation")
                .statusCode());
        Response bad = SignedIn.as(ADMIN).get("/evaluation?quarter=5");
        assertEquals(400, bad.statusCode());
        assertTrue(bad.asString().contains("quarter"), bad.asString());
    }

    /** Until the portal's group has committed every partition of the five topics up to its end. */
    static void awaitCaughtUp() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        try (Admin admin = Admin.create(props)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("portal")
                        .partitionsToOffsetAndMetadata().get();
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                for (String topic : TOPICS) {
                    for (int p = 0; p < 6; p++) {
                        latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
                    }
                }
                var ends = admin.listOffsets(latest).all().get();
                return ends.entrySet().stream().allMatch(e -> e.getValue().offset() == 0
                        || (committed.get(e.getKey()) != null
                        && committed.get(e.getKey()).offset() >= e.getValue().offset()));
            });
        }
    }
}
