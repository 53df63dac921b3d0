package org.susong.payments.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.specification.RequestSpecification;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.susong.testing.CloudEventRecords;
import org.susong.payments.application.LedgerService;

/** Test data and wire helpers shared by the payments service tests (object mother style). */
public final class Fixtures {

    public static final String USCC = "91350100M000100Y43";
    private static KafkaCompanion kafka;

    private Fixtures() {
    }

    static synchronized KafkaCompanion kafka() {
        if (kafka == null) {
            kafka = new KafkaCompanion(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        }
        return kafka;
    }

    public static String app(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }

    static RequestSpecification officer(String user) {
        return given().header("X-User", user).header("X-Roles", "finance");
    }

    /** An administrator: budget adjustments are theirs (issue 13). */
    static RequestSpecification admin(String user) {
        return given().header("X-User", user).header("X-Roles", "admin");
    }

    /** An administrator's budget adjustment request, with a fresh Idempotency-Key (issue 23). */
    static RequestSpecification adjuster(String user) {
        return admin(user).header("Idempotency-Key", UUID.randomUUID().toString());
    }

    /** Moves a line by this amount at once, as two administrators when it is above the second-approver threshold. */
    public static void adjustNow(org.susong.payments.application.BudgetService budgets, String line, long fen, String reason) {
        org.susong.payments.domain.Allocation a = budgets.adjust(line, fen, reason, UUID.randomUUID().toString(), "test-admin-1",
                "test-admin-1;admin;;");
        if (a.state() == org.susong.payments.domain.AllocationState.AWAITING_APPROVAL) {
            budgets.approveAdjustment(line, a.id(), "test-admin-2");
        }
    }

    /** A district officer of Huli, the fixtures' district. */
    static RequestSpecification districtOfficer(String user) {
        return given().header("X-User", user).header("X-Roles", "officer").header("X-District", "Huli");
    }

    static String decision(String applicationId, String outcome, String measure, int year, long amountFen, String extra) {
        return "{\"decisionId\":\"D-" + applicationId + "\",\"applicationId\":\"" + applicationId + "\",\"applicantUscc\":\""
                + USCC + "\",\"measureCode\":\"" + measure + "\",\"outcome\":\"" + outcome + "\",\"amountFen\":" + amountFen
                + ",\"ruleVersion\":\"" + measure + "@1\",\"fiscalYear\":" + year + ",\"district\":\"HULI\","
                + "\"explanation\":{\"en\":\"ok\",\"zh\":\"ok\"},\"criteria\":[],\"decidedAt\":\"2026-06-15T02:00:00Z\""
                + (extra == null ? ",\"disbursementMode\":\"GRANT\"" : extra) + "}";
    }

    static void decide(String applicationId, String measure, int year, long amountFen) {
        publish("eligibility.events", "susong.eligibility.EligibilityDecided.v1", "D-" + applicationId,
                decision(applicationId, "APPROVED", measure, year, amountFen, null));
    }

    static void payee(String applicationId) {
        payee(applicationId, USCC);
    }

    /** The beneficiary's payee snapshot (issue 23: only a snapshot naming the order's beneficiary is paid to). */
    static void payee(String applicationId, String uscc) {
        publish("applications.events", "susong.applications.PayeeAccountSnapshotted.v1", applicationId,
                "{\"applicationId\":\"" + applicationId + "\",\"decisionId\":\"D-" + applicationId + "\",\"applicantUscc\":\""
                        + uscc + "\",\"accountName\":\"Xiamen Test Co., Ltd.\",\"accountNumber\":\"6222020200112233445\","
                        + "\"bankCode\":\"102393000019\",\"bankName\":\"ICBC Xiamen\",\"snapshottedAt\":\"2026-06-15T02:00:01Z\"}");
    }

    static void withdraw(String applicationId) {
        publish("applications.events", "susong.applications.WithdrawalRequested.v1", applicationId,
                "{\"applicationId\":\"" + applicationId + "\",\"applicantUscc\":\"" + USCC + "\",\"reason\":\"project cancelled\","
                        + "\"requestedBy\":\"applicant-1\",\"requestedAt\":\"2026-06-16T02:00:00Z\"}");
    }

    static void publish(String topic, String type, String key, String payload) {
        kafka().produceStrings().fromRecords(fromOwner(CloudEventRecords.event(topic, UUID.randomUUID().toString(), type, key,
                payload, Map.of()))).awaitCompletion();
    }

    /** The record as its topic's owner sends it: {@code ce_source /susong/<owner>} (payments checks it, issue 23). */
    static org.apache.kafka.clients.producer.ProducerRecord<String, String> fromOwner(
            org.apache.kafka.clients.producer.ProducerRecord<String, String> record) {
        String owner = record.topic().substring(0, record.topic().indexOf('.'));
        record.headers().remove("ce_source");
        record.headers().add("ce_source", ("/susong/" + owner).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return record;
    }

    /** The payments events of one key (order, application, recovery), in publication order. */
    public static List<ConsumerRecord<String, String>> events(String key) {
        return kafka().consumeStrings().fromTopics("payments.events", Duration.ofSeconds(3)).awaitCompletion().getRecords()
                .stream().filter(r -> key.equals(r.key())).toList();
    }

    static List<String> types(String key) {
        return events(key).stream().map(r -> CloudEventRecords.header(r, "ce_type").replace("susong.payments.", "")).toList();
    }

    /** The journal balances and matches every line, once in-flight work has settled (issue 5: after every test). */
    public static void assertJournalBalances(LedgerService ledger) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            LedgerService.Check check = ledger.check();
            assertTrue(check.balanced(), () -> "journal: unbalanced " + check.unbalancedEntries() + ", duplicates "
                    + check.duplicateEntries() + ", lines not matching " + check.mismatchedLines() + " "
                    + check.lines().stream().filter(l -> !l.matches()).toList());
        });
    }
}
