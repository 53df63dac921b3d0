package org.susong.applications.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.susong.testing.TestBroker.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.susong.commons.idempotency.IdempotencyInFlight;
import org.susong.contracts.EventContracts;
import org.susong.testing.CloudEventRecords;
import org.susong.testing.ContractValidation;
import org.susong.testing.LocalInfraTestResource;
import org.susong.testing.Usccs;
import org.susong.testing.TestBroker;

/** Lifecycle commands, upstream facts, payee snapshots and idempotency on the real local broker and store. */
@QuarkusTest
@ExtendWith(ContractValidation.class)
@WithTestResource(LocalInfraTestResource.class)
@ExtendWith(TestBroker.class)
class LifecycleFlowsTest {

    static final String MEASURE = "susong.eligibility.MeasurePublished.v1";
    static final String DECIDED = "susong.eligibility.EligibilityDecided.v1";
    static final ObjectMapper JSON = new ObjectMapper();

    /** The service's business clock (%test: 2026-06-15, running on): retention is counted on it. */
    @Inject
    java.time.Clock clock;
    @Inject
    IdempotencyInFlight inFlight;
    @Inject
    org.susong.applications.application.ApplicationService service;
    @Inject
    com.mongodb.client.MongoClient mongo;

    @BeforeAll
    static void measures() {
        kafka().produceStrings().fromRecords(
                CloudEventRecords.event("eligibility.events", MEASURE, "C1",
                        "{\"code\":\"C1\",\"version\":1,\"status\":\"OPEN\",\"validFrom\":\"2024-01-01\","
                                + "\"validTo\":\"2026-12-31\",\"requiredFacts\":[\"project\"]}"),
                CloudEventRecords.event("eligibility.events", MEASURE, "C2",
                        "{\"code\":\"C2\",\"version\":1,\"status\":\"OPEN\",\"validFrom\":\"2024-01-01\","
                                + "\"validTo\":\"2026-12-31\",\"requiredFacts\":[],\"factsSchema\":{"
                                + "\"$schema\":\"https://json-schema.org/draft/2020-12/schema\",\"type\":\"object\","
                                + "\"required\":[\"employees\"],\"properties\":{\"employees\":{\"type\":\"integer\","
                                + "\"minimum\":1},\"stage\":{\"enum\":[\"START_UP\",\"GROWTH\",\"MATURE\"]}}}}"))
                .awaitCompletion();
    }

    /** The measures are read once the consumer has caught up; waiting for the projection here keeps tests honest. */
    @org.junit.jupiter.api.BeforeEach
    void projectionReady() {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertTrue(mongo.getDatabase("applications")
                .getCollection("measures").countDocuments(new org.bson.Document("_id", new org.bson.Document("$in",
                        List.of("C1", "C2")))) == 2));
    }

    static RequestSpecification officer() {
        return as("officer-1", "officer", "HULI");
    }

    static RequestSpecification as(String user, String roles, String district) {
        RequestSpecification spec = given().header("X-User", user).header("X-Roles", roles).contentType(ContentType.JSON);
        return district == null ? spec : spec.header("X-District", district);
    }

    static String uscc(int n) {
        return Usccs.valid("MB", n);
    }

    static String name(String uscc) {
        return "厦门测试科技有限公司" + uscc.substring(10, 17);
    }

    static String registered(String uscc, String district, Map<String, Object> account) {
        Map<String, Object> body = new HashMap<>(Map.of("uscc", uscc, "name", name(uscc), "type", "ENTERPRISE",
                "district", district));
        if (account != null) {
            body.put("bankAccount", account);
        }
        as("officer-1", "officer", district).body(body).post("/applicants").then().statusCode(201);
        if (account != null) {
            approveFirstAccount(uscc, district);
        }
        return uscc;
    }

    /** The first account given at registration takes effect once a second officer approved it and the cooling-off (2 s here) passed. */
    static void approveFirstAccount(String uscc, String district) {
        String changeId = as("officer-1", "officer", district).get("/applicants/" + uscc).then().statusCode(200)
                .body("bankAccount", nullValue()).extract().path("pendingBankAccountChange.id");
        as("checker-1", "officer", district).post("/applicants/" + uscc + "/bank-account-changes/" + changeId + "/approval")
                .then().statusCode(200);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> as("officer-1", "officer", district)
                .get("/applicants/" + uscc).then().body("bankAccount", org.hamcrest.Matchers.notNullValue()));
    }

    static Map<String, Object> account(String uscc, String number) {
        return Map.of("accountName", name(uscc), "accountNumber", number, "bankCode", "105393000015", "bankName", "CCB Xiamen");
    }

    static String submit(String uscc, String measure, String period) {
        return officer().body(Map.of("applicantUscc", uscc, "measureCode", measure, "period", period, "facts",
                Map.of("project", "P-" + period))).post("/applications").then().statusCode(201).extract().path("id");
    }

    static void send(String topic, String type, String key, String payload) {
        kafka().produceStrings().fromRecords(CloudEventRecords.event(topic, type, key, payload)).awaitCompletion();
        pause();
    }

    /** Facts of one producer are ordered by their time; keep two sends apart by more than the store's millisecond. */
    static void pause() {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void decided(String id, String decisionId, String outcome, String extra) {
        send("eligibility.events", DECIDED, decisionId, "{\"decisionId\":\"" + decisionId + "\",\"applicationId\":\"" + id
                + "\",\"outcome\":\"" + outcome + "\",\"amountFen\":10000000,\"ruleVersion\":\"C1@1\",\"explanation\":{\"en\":\""
                + outcome.toLowerCase() + "\"}" + extra + "}");
    }

    static void payment(String type, String id, String fields) {
        send("payments.events", "susong.payments." + type + ".v1", "PO-D-" + id, "{\"orderId\":\"PO-D-" + id
                + "\",\"decisionId\":\"D-" + id + "\",\"applicationId\":\"" + id + "\"" + fields + "}");
    }

    static void awaitStatus(String id, String status) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> officer().get("/applications/" + id).then()
                .statusCode(200).body("status", equalTo(status)));
    }

    /** The events of one type published for one application, read from the topic. */
    static List<ConsumerRecord<String, String>> published(String id, String type, int atLeast) {
        List<ConsumerRecord<String, String>> found = new java.util.ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            found.clear();
            found.addAll(kafka().consumeStrings().fromTopics("applications.events", Duration.ofSeconds(2)).awaitCompletion()
                    .getRecords().stream().filter(r -> id.equals(r.key()))
                    .filter(r -> type.equals(CloudEventRecords.header(r, "ce_type"))).toList());
            assertTrue(found.size() >= atLeast, "published " + found.size() + " " + type);
        });
        return found;
    }

    @Test
    void a_bank_account_given_at_registration_is_checked_and_shown_masked() {
        String uscc = uscc(1);
        officer().body(Map.of("uscc", uscc, "name", name(uscc), "type", "ENTERPRISE", "district", "Huli",
                        "bankAccount", Map.of("accountName", "Another Co", "accountNumber", "35150198010100001234",
                                "bankCode", "105393000015")))
                .post("/applicants").then().statusCode(422).contentType("application/problem+json")
                .body("field", equalTo("bankAccount.accountName"));
        officer().body(Map.of("uscc", uscc, "name", name(uscc), "type", "ENTERPRISE", "district", "Huli",
                        "bankAccount", Map.of("accountName", name(uscc), "accountNumber", "35150198010100001234",
                                "bankCode", "10539300001")))
                .post("/applicants").then().statusCode(422).body("field", equalTo("bankAccount.bankCode"));
        officer().get("/applicants/" + uscc).then().statusCode(404); // nothing partially written
        registered(uscc, "Huli", account(uscc, "35150198010100001234"));
        as("auditor-1", "auditor", null).get("/applicants/" + uscc).then().statusCode(200)
                .body("bankAccount.accountNumberMasked", equalTo("****************1234"))
                .body("bankAccount.bankCode", equalTo("105393000015"))
                .body(not(containsString("35150198010100001234")));
    }

    @Test
    void an_approval_snapshots_the_payee_account_once_and_publishes_it() {
        String uscc = registered(uscc(2), "Huli", account(uscc(2), "35150198010100002222"));
        String id = submit(uscc, "C1", "2026");
        decided(id, "D-" + id, "APPROVED", "");
        decided(id, "D-" + id, "APPROVED", ""); // another event id, same decision: still one snapshot
        ConsumerRecord<String, String> snapshot = published(id, "susong.applications.PayeeAccountSnapshotted.v1", 1).get(0);
        assertEquals(List.of(), EventContracts.violations("susong.applications.PayeeAccountSnapshotted.v1", snapshot.value()));
        assertTrue(snapshot.value().contains("\"accountNumberMasked\":\"****************2222\""), snapshot.value());
        assertTrue(snapshot.value().contains("\"decisionId\":\"D-" + id + "\""));
        awaitStatus(id, "APPROVED");
        officer().get("/applications/" + id).then().body("payeeSnapshots", hasSize(1))
                .body("payeeSnapshots[0].accountNumberMasked", equalTo("****************2222"));
    }

    /**
     * Issue 23 item 11: applications.events is kept forever and payments dead-letters what it cannot read, so the
     * snapshot carries the account number sealed for payments (envelope encryption, key from configuration) and a
     * masked form for display, never the number itself.
     */
    @Test
    void the_payee_snapshot_on_the_topic_carries_no_full_account_number_only_a_sealed_and_a_masked_one() throws Exception {
        String number = "35150198010100004111";
        String uscc = registered(uscc(111), "Huli", account(uscc(111), number));
        String id = submit(uscc, "C1", "2026");
        decided(id, "D-" + id, "APPROVED", "");
        ConsumerRecord<String, String> snapshot = published(id, "susong.applications.PayeeAccountSnapshotted.v1", 1).get(0);
        assertFalse(snapshot.value().contains(number), snapshot.value());
        assertFalse(snapshot.value().contains(number.substring(0, number.length() - 4)), "not even the hidden digits");
        assertEquals(List.of(), EventContracts.violations("susong.applications.PayeeAccountSnapshotted.v1", snapshot.value()));
        JsonNode event = JSON.readTree(snapshot.value());
        assertTrue(event.path("accountNumber").isMissingNode(), snapshot.value());
        assertEquals("****************4111", event.path("accountNumberMasked").asText());
        org.susong.commons.security.FieldCipher payments = org.susong.commons.security.FieldCipher.fromBase64(Map.of("dev1",
                ConfigProvider.getConfig().getValue("susong.crypto.keys.dev1", String.class)), null);
        assertEquals(number, payments.open(event.path("accountNumberSealed").asText()), "payments opens it with the key");
    }

    @Test
    void without_an_account_the_snapshot_waits_for_the_first_one_under_maker_checker_and_cooling_off() throws Exception {
        String uscc = registered(uscc(3), "Huli", null);
        String id = submit(uscc, "C1", "2026");
        decided(id, "D-" + id, "APPROVED", "");
        awaitStatus(id, "APPROVED");
        officer().get("/applications/" + id).then().body("payeeSnapshots", hasSize(0));

        String changeId = as("maker", "officer", "HULI").body(account(uscc, "6222020200003333"))
                .post("/applicants/" + uscc + "/bank-account-changes").then().statusCode(202)
                .body("bankAccount", nullValue()).extract().path("pendingBankAccountChange.id");
        as("maker", "officer", "HULI").post("/applicants/" + uscc + "/bank-account-changes/" + changeId + "/approval")
                .then().statusCode(403).contentType("application/problem+json");
        as("checker", "officer", "HULI").post("/applicants/" + uscc + "/bank-account-changes/" + changeId + "/approval")
                .then().statusCode(200).body("pendingBankAccountChange.approvedBy", containsString("checker"))
                .body("bankAccount", nullValue()); // cooling-off (2 s in tests) not over yet

        ConsumerRecord<String, String> snapshot = published(id, "susong.applications.PayeeAccountSnapshotted.v1", 1).get(0);
        assertTrue(snapshot.value().contains("\"accountNumberMasked\":\"************3333\""), snapshot.value());
        // the follow-up sweep may take the snapshot as soon as the cooling-off is over, before the promoter records
        // the account as effective: the history catches up
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode history = JSON.readTree(officer().get("/applicants/" + uscc + "/history").asString());
            assertEquals(List.of("REGISTERED", "BANK_ACCOUNT_CHANGE_REQUESTED", "BANK_ACCOUNT_CHANGE_APPROVED",
                    "BANK_ACCOUNT_EFFECTIVE"), history.findValuesAsText("action"));
            assertEquals(List.of("1", "2", "3", "4"), history.findValuesAsText("version"));
        });
    }

    @Test
    void after_a_refused_withdrawal_another_request_is_refused_here_since_payments_answers_one_per_application() {
        String uscc = registered(uscc(4), "Huli", null);
        String id = submit(uscc, "C1", "2026");
        officer().body(Map.of("reason", "moved the project to 2027")).post("/applications/" + id + "/withdrawal")
                .then().statusCode(202).body("withdrawalPending", equalTo(true)).body("status", equalTo("SUBMITTED"));
        ConsumerRecord<String, String> requested = published(id, "susong.applications.WithdrawalRequested.v1", 1).get(0);
        assertEquals(List.of(), EventContracts.violations("susong.applications.WithdrawalRequested.v1", requested.value()));
        officer().body(Map.of("reason", "again")).post("/applications/" + id + "/withdrawal").then().statusCode(409)
                .contentType("application/problem+json").body("currentStatus", equalTo("SUBMITTED"));

        send("payments.events", "susong.payments.WithdrawalRefused.v1", id, "{\"applicationId\":\"" + id
                + "\",\"reason\":\"test refusal\",\"refusedAt\":\"" + clock.instant() + "\"}");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> officer().get("/applications/" + id).then()
                .body("withdrawalPending", equalTo(false)).body("timeline.kind", hasItem("WITHDRAWAL_REFUSED")));
        // payments keeps one withdrawal per application (W-<applicationId>) and would drop a second one unanswered
        officer().body(Map.of("reason", "second try")).post("/applications/" + id + "/withdrawal").then().statusCode(409)
                .contentType("application/problem+json").body("currentStatus", equalTo("SUBMITTED"))
                .body("detail", containsString("refused"));
        officer().get("/applications/" + id).then().body("withdrawalPending", equalTo(false))
                .body("timeline.findAll { it.kind == 'WITHDRAWAL_REQUESTED' }", hasSize(1));
        // an appeal is not blocked by a withdrawal that will never be answered
        decided(id, "D-" + id, "REJECTED", "");
        awaitStatus(id, "REJECTED");
        officer().body(Map.of("grounds", "g")).post("/applications/" + id + "/appeal").then().statusCode(202);
    }

    @Test
    void an_accepted_withdrawal_frees_the_period() {
        String uscc = registered(uscc(14), "Huli", null);
        String id = submit(uscc, "C1", "2026");
        officer().body(Map.of("reason", "moved the project")).post("/applications/" + id + "/withdrawal")
                .then().statusCode(202);
        send("payments.events", "susong.payments.WithdrawalAccepted.v1", id, "{\"applicationId\":\"" + id
                + "\",\"releasedFen\":0,\"acceptedAt\":\"" + clock.instant() + "\"}");
        awaitStatus(id, "WITHDRAWN");
        String again = submit(uscc, "C1", "2026");
        assertFalse(again.equals(id));
    }

    /** A payments event as its relay sends it: the ce_time of its outbox write (milliseconds) and the order's sequence. */
    static ProducerRecord<String, String> paymentRecord(String type, String id, Instant at, long sequence, String fields) {
        String eventType = "susong.payments." + type + ".v1";
        String payload = "{\"orderId\":\"PO-D-" + id + "\",\"decisionId\":\"D-" + id + "\",\"applicationId\":\"" + id
                + "\"" + fields + "}";
        assertEquals(List.of(), EventContracts.violations(eventType, payload));
        ProducerRecord<String, String> record = CloudEventRecords.event("payments.events", UUID.randomUUID().toString(),
                eventType, "PO-D-" + id, payload, Map.of("sequence", Long.toString(sequence)));
        record.headers().remove("ce_time");
        record.headers().add("ce_time", at.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return record;
    }

    static String reserved(String uscc, Instant noticeEndsAt) {
        return ",\"beneficiaryUscc\":\"" + uscc + "\",\"measureCode\":\"C1\",\"fiscalYear\":2026,\"budgetLine\":\"2026:C1\","
                + "\"amountFen\":10000000,\"noticeEndsAt\":\"" + noticeEndsAt + "\"";
    }

    @Test
    void a_reservation_and_its_public_notice_written_in_one_outbox_write_show_the_notice() {
        String uscc = registered(uscc(13), "Huli", null);
        String id = submit(uscc, "C1", "2026");
        decided(id, "D-" + id, "APPROVED", "");
        awaitStatus(id, "APPROVED");
        // payments writes both in one outbox write: one ce_time, the order's sequences 1 and 2; a 7-day notice
        Instant at = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        kafka().produceStrings().fromRecords(
                paymentRecord("BudgetReserved", id, at, 1, reserved(uscc, at.plus(Duration.ofDays(7)))),
                paymentRecord("PaymentInNotice", id, at, 2, ",\"amountFen\":10000000,\"noticeFrom\":\"2026-12-03\","
                        + "\"noticeUntil\":\"2026-12-10\"")).awaitCompletion();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> officer().get("/applications/" + id).then()
                .body("timeline.kind", hasItem("BUDGET_RESERVED")).body("timeline.kind", hasItem("PAYMENT_IN_NOTICE")));
        officer().get("/applications/" + id).then().body("status", equalTo("IN_PUBLIC_NOTICE"));
        officer().queryParam("applicant", uscc).get("/applications/counts").then()
                .body("byStatus.IN_PUBLIC_NOTICE", equalTo(1));
    }

    /**
     * Every reason payments releases an order for (read from its event contract, not from its code) ends the
     * application: WITHDRAWN, or CLOSED with its period free again; APPEAL_REJECTED and SUPERSEDED release the order
     * of a decision that a later round's decision superseded (not approved / approved again), and that decision decides.
     */
    @Test
    void every_release_reason_of_payments_ends_the_application() throws Exception {
        JsonNode schema;
        try (java.io.InputStream in = getClass().getResourceAsStream("/schemas/payments/BudgetReleased.v1.json")) {
            schema = JSON.readTree(in);
        }
        List<String> reasons = new java.util.ArrayList<>();
        schema.at("/properties/reason/enum").forEach(r -> reasons.add(r.asText()));
        assertTrue(reasons.containsAll(List.of("WITHDRAWN", "OBJECTION_UPHELD", "CONVERSION_REJECTED", "RECOVERED")), reasons.toString());
        Map<String, String> applications = new java.util.LinkedHashMap<>();
        int n = 40;
        for (String reason : reasons) {
            String uscc = registered(uscc(n++), "Huli", null);
            String id = submit(uscc, "C1", "2026");
            applications.put(reason, id);
            decided(id, "D-" + id, "APPROVED", "");
            payment("BudgetReserved", id, reserved(uscc, clock.instant()));
            if ("APPEAL_REJECTED".equals(reason)) {
                decided(id, "D-" + id + "-R1", "REJECTED", ",\"supersedes\":\"D-" + id + "\"");
            }
            if ("SUPERSEDED".equals(reason)) {
                decided(id, "D-" + id + "-R1", "APPROVED", ",\"supersedes\":\"D-" + id + "\"");
            }
            payment("BudgetReleased", id, ",\"beneficiaryUscc\":\"" + uscc + "\",\"measureCode\":\"C1\",\"fiscalYear\":2026,"
                    + "\"budgetLine\":\"2026:C1\",\"amountFen\":10000000,\"reason\":\"" + reason + "\",\"releasedAt\":\""
                    + clock.instant() + "\"");
        }
        applications.forEach((reason, id) -> {
            String expected = switch (reason) {
                case "WITHDRAWN" -> "WITHDRAWN";
                case "APPEAL_REJECTED" -> "REJECTED";
                case "SUPERSEDED" -> "APPROVED";
                default -> "CLOSED";
            };
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> officer().get("/applications/" + id).then()
                    .body("timeline.kind", hasItem("BUDGET_RELEASED")));
            officer().get("/applications/" + id).then().body("status", equalTo(expected));
            if (!"APPEAL_REJECTED".equals(reason) && !"SUPERSEDED".equals(reason)) { // the period is free again
                String uscc = officer().get("/applications/" + id).then().extract().path("applicantUscc");
                submit(uscc, "C1", "2026");
            }
        });
    }

    @Test
    void a_partial_release_informs_and_the_application_goes_on_to_be_paid_for_the_rest() {
        // a partial revocation of an unpaid order (payments: remainingFen present) releases only the revoked part;
        // the order is still due, so the application must stay open and keep its duplicate slot
        String uscc = registered(uscc(90), "Huli", null);
        String id = submit(uscc, "C1", "2026");
        decided(id, "D-" + id, "APPROVED", "");
        payment("BudgetReserved", id, reserved(uscc, clock.instant()));
        awaitStatus(id, "PAYMENT_SCHEDULED");
        payment("BudgetReleased", id, ",\"beneficiaryUscc\":\"" + uscc + "\",\"measureCode\":\"C1\",\"fiscalYear\":2026,"
                + "\"budgetLine\":\"2026:C1\",\"amountFen\":4000000,\"remainingFen\":6000000,\"revocationId\":\"RV-1\","
                + "\"reason\":\"RECOVERED\",\"releasedAt\":\"" + clock.instant() + "\"");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> officer().get("/applications/" + id).then()
                .body("timeline.kind", hasItem("BUDGET_RELEASED")));
        officer().get("/applications/" + id).then().body("status", equalTo("PAYMENT_SCHEDULED"));
        officer().body(Map.of("applicantUscc", uscc, "measureCode", "C1", "period", "2026", "facts",
                Map.of("project", "P-2026"))).post("/applications").then().statusCode(409);
    }

    @Test
    void a_paid_application_cannot_be_withdrawn_and_the_problem_names_the_state() {
        String uscc = registered(uscc(5), "Huli", null);
        String id = submit(uscc, "C1", "2026");
        payment("PaymentDisbursed", id, ",\"amountFen\":10000000"); // before the decision: kept
        decided(id, "D-" + id, "APPROVED", "");
        awaitStatus(id, "PAID");
        officer().body(Map.of("reason", "too late")).post("/applications/" + id + "/withdrawal").then().statusCode(409)
                .contentType("application/problem+json").body("currentStatus", equalTo("PAID"))
                .body("detail", containsString("PAID"));
        officer().body(Map.of("grounds", "x")).post("/applications/" + id + "/appeal").then().statusCode(409)
                .body("currentStatus", equalTo("PAID"));
    }

    @Test
    void a_rejection_is_appealed_and_decided_again_in_the_next_round() {
        String uscc = registered(uscc(6), "Huli", account(uscc(6), "35150198010100006666"));
        String id = submit(uscc, "C1", "2026");
        officer().body(Map.of("grounds", "not yet")).post("/applications/" + id + "/appeal").then().statusCode(409)
                .body("currentStatus", equalTo("SUBMITTED"));
        decided(id, "D-" + id, "REJECTED", "");
        awaitStatus(id, "REJECTED");
        officer().body(Map.of("grounds", "the certificate was valid on the decision date")).post("/applications/" + id
                + "/appeal").then().statusCode(202).body("status", equalTo("APPEALED"));
        ConsumerRecord<String, String> appealed = published(id, "susong.applications.ApplicationAppealed.v1", 1).get(0);
        assertEquals(List.of(), EventContracts.violations("susong.applications.ApplicationAppealed.v1", appealed.value()));
        assertTrue(appealed.value().contains("\"decisionId\":\"D-" + id + "\""));
        officer().body(Map.of("grounds", "twice")).post("/applications/" + id + "/appeal").then().statusCode(409)
                .body("currentStatus", equalTo("APPEALED"));

        decided(id, "D-" + id + "-R1", "APPROVED", ",\"supersedes\":\"D-" + id + "\"");
        awaitStatus(id, "APPROVED");
        ConsumerRecord<String, String> snapshot = published(id, "susong.applications.PayeeAccountSnapshotted.v1", 1).get(0);
        assertTrue(snapshot.value().contains("\"decisionId\":\"D-" + id + "-R1\""));
    }

    @Test
    void notice_hold_and_conversion_facts_from_payments_move_the_status() {
        String uscc = registered(uscc(7), "Huli", null);
        String id = submit(uscc, "C1", "2026");
        decided(id, "D-" + id, "APPROVED", "");
        payment("PaymentInNotice", id, ",\"amountFen\":10000000,\"noticeFrom\":\"2026-11-30\",\"noticeUntil\":\"2026-12-06\"");
        awaitStatus(id, "IN_PUBLIC_NOTICE");
        payment("PaymentOnHold", id, ",\"objectionId\":\"OB-1\",\"reason\":\"objection filed\",\"heldAt\":\"" + clock.instant()
                + "\"");
        awaitStatus(id, "ON_HOLD");
        payment("PaymentConverted", id, ",\"conversionId\":\"CV-D-" + id + "\",\"fundCode\":\"F1\",\"investmentId\":\"INV-1\","
                + "\"amountFen\":10000000,\"convertedAt\":\"" + clock.instant() + "\"");
        awaitStatus(id, "CONVERTED");
    }

    @Test
    void idempotency_key_in_progress_is_409_and_a_purged_key_no_longer_replays() {
        String uscc = registered(uscc(8), "Huli", null);
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Map.of("applicantUscc", uscc, "measureCode", "C1", "period", "2026", "facts",
                Map.of("project", "P"));
        assertTrue(inFlight.begin("officer-1:" + key)); // a first request with this key is being served
        try {
            officer().header("Idempotency-Key", key).body(body).post("/applications").then().statusCode(409)
                    .contentType("application/problem+json").body("detail", containsString("in progress"));
        } finally {
            inFlight.end("officer-1:" + key);
        }
        String id = officer().header("Idempotency-Key", key).body(body).post("/applications").then().statusCode(201)
                .header("Idempotent-Replayed", "false").extract().path("id");
        officer().header("Idempotency-Key", key).body(body).post("/applications").then().statusCode(201)
                .header("Idempotent-Replayed", "true").body("id", equalTo(id));

        service.purgeIdempotency(clock.instant().plus(Duration.ofHours(23)));
        assertTrue(mongo.getDatabase("applications").getCollection("applications").find(new org.bson.Document("_id", id))
                .first().containsKey("idempotencyKey"), "within the retention (24 h) the key stays");
        assertTrue(service.purgeIdempotency(clock.instant().plus(Duration.ofHours(25))) >= 1);
        assertFalse(mongo.getDatabase("applications").getCollection("applications").find(new org.bson.Document("_id", id))
                .first().containsKey("idempotencyKey"));
        // the key is forgotten, the duplicate rule still stands: no second application
        officer().header("Idempotency-Key", key).body(body).post("/applications").then().statusCode(409)
                .body("existingApplicationId", equalTo(id));
    }

    @Test
    void the_same_applicant_measure_and_period_is_a_duplicate_pointing_at_the_open_application() {
        String uscc = registered(uscc(9), "Huli", null);
        String first = submit(uscc, "C1", "2026");
        officer().body(Map.of("applicantUscc", uscc, "measureCode", "C1", "period", "2026", "facts", Map.of("project", "Q")))
                .post("/applications").then().statusCode(409).contentType("application/problem+json")
                .body("existingApplicationId", equalTo(first))
                .body("existingApplication", equalTo("/applications/" + first));
        submit(uscc, "C1", "2025");
    }

    @Test
    void the_period_is_a_business_year_of_the_measure_not_free_text() {
        String uscc = registered(uscc(15), "Huli", null);
        for (String free : List.of("2026-a", "fy2026", "P1")) { // each would be another duplicate slot
            officer().body(Map.of("applicantUscc", uscc, "measureCode", "C1", "period", free, "facts", Map.of("project", "P")))
                    .post("/applications").then().statusCode(400).contentType("application/problem+json")
                    .body("field", equalTo("period"));
        }
        officer().body(Map.of("applicantUscc", uscc, "measureCode", "C1", "period", "2019", "facts", Map.of("project", "P")))
                .post("/applications").then().statusCode(422).body("field", equalTo("period")); // C1 runs 2024-2026
        String businessYear = String.valueOf(clock.instant().atZone(java.time.ZoneId.of("Asia/Shanghai")).getYear());
        String id = officer().body(Map.of("applicantUscc", uscc, "measureCode", "C1", "facts", Map.of("project", "P")))
                .post("/applications").then().statusCode(201).extract().path("id");
        officer().get("/applications/" + id).then().body("period", equalTo(businessYear));
        officer().body(Map.of("applicantUscc", uscc, "measureCode", "C1", "period", businessYear, "facts", Map.of("project", "Q")))
                .post("/applications").then().statusCode(409).body("existingApplicationId", equalTo(id));
    }

    @Test
    void facts_are_checked_against_the_measures_json_schema_and_attachments_are_metadata() {
        String uscc = registered(uscc(10), "Huli", null);
        officer().body(Map.of("applicantUscc", uscc, "measureCode", "C2", "facts", Map.of("employees", "many")))
                .post("/applications").then().statusCode(422).body("field", equalTo("facts.employees"));
        officer().body(Map.of("applicantUscc", uscc, "measureCode", "C2", "facts", Map.of("stage", "GROWTH")))
                .post("/applications").then().statusCode(422).body("field", equalTo("facts.employees"));
        officer().body(Map.of("applicantUscc", uscc, "measureCode", "C2", "facts", Map.of("employees", 12),
                        "attachments", List.of(Map.of("fileName", "licence.pdf", "sha256", "abc", "sizeBytes", 10,
                                "kind", "LICENCE"))))
                .post("/applications").then().statusCode(400).body("field", containsString("sha256"));
        String sha = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
        String id = officer().body(Map.of("applicantUscc", uscc, "measureCode", "C2", "facts", Map.of("employees", 12),
                        "attachments", List.of(Map.of("fileName", "licence.pdf", "sha256", sha, "sizeBytes", 20480,
                                "kind", "LICENCE"))))
                .post("/applications").then().statusCode(201).extract().path("id");
        officer().get("/applications/" + id).then().body("attachments[0].sha256", equalTo(sha))
                .body("attachments[0].sizeBytes", equalTo(20480));
        ConsumerRecord<String, String> submitted = published(id, "susong.applications.ApplicationSubmitted.v1", 1).get(0);
        assertEquals(List.of(), EventContracts.violations("susong.applications.ApplicationSubmitted.v1", submitted.value()));
        assertTrue(submitted.value().contains("\"period\":\""));
    }

    @Test
    void a_draft_is_kept_unannounced_and_checked_when_submitted() {
        String uscc = registered(uscc(11), "Huli", null);
        String incomplete = officer().body(Map.of("applicantUscc", uscc, "measureCode", "C1", "period", "2026", "draft", true,
                "facts", Map.of())).post("/applications").then().statusCode(201).body("status", equalTo("DRAFT"))
                .extract().path("id");
        officer().post("/applications/" + incomplete + "/submission").then().statusCode(422)
                .body("field", equalTo("facts.project"));
        officer().body(Map.of("reason", "start again")).post("/applications/" + incomplete + "/withdrawal").then()
                .statusCode(200).body("status", equalTo("WITHDRAWN"));
        String draft = officer().body(Map.of("applicantUscc", uscc, "measureCode", "C1", "period", "2026", "draft", true,
                "facts", Map.of("project", "P"))).post("/applications").then().statusCode(201).extract().path("id");
        officer().post("/applications/" + draft + "/submission").then().statusCode(200).body("status", equalTo("SUBMITTED"));
        published(draft, "susong.applications.ApplicationSubmitted.v1", 1);
        officer().post("/applications/" + draft + "/submission").then().statusCode(409)
                .body("currentStatus", equalTo("SUBMITTED"));
    }

    @Test
    void views_are_recorded_with_who_and_when() {
        String uscc = registered(uscc(12), "Huli", null);
        String id = submit(uscc, "C1", "2026");
        as("o-huli", "officer", "HULI").get("/applications/" + id).then().statusCode(200);
        as("o-jimei", "officer", "JIMEI").get("/applications/" + id).then().statusCode(404);
        as("auditor-1", "auditor", null).get("/applications/" + id + "/views").then().statusCode(200)
                .body("items.actor", hasItem(containsString("o-huli")))
                .body("items.actor", everyItem(not(containsString("o-jimei"))));
        as("someone", "applicant", null).get("/applications/" + id + "/views").then().statusCode(403);
    }
}
