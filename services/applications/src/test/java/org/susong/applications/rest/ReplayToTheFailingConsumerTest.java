package org.susong.applications.rest;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.susong.testing.TestBroker.kafka;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.susong.testing.CloudEventRecords;
import org.susong.testing.ContractValidation;
import org.susong.infra.local.DeadLetterReplay;
import org.susong.testing.LocalInfraTestResource;
import org.susong.testing.TestBroker;

/**
 * Issue 15 item 4 on the real broker and store: {@code ./platform replay applications.dlq} hands a dead letter
 * to applications alone (its {@code applications.replay} topic), never back onto the shared {@code payments.events}
 * that eligibility and fund-investments also read; applications applies it once, keeps the order of one key's
 * dead letters, and a replayed record that fails again goes back to {@code applications.dlq} without a loop.
 */
@QuarkusTest
@ExtendWith(ContractValidation.class)
@WithTestResource(LocalInfraTestResource.class)
@ExtendWith(TestBroker.class)
class ReplayToTheFailingConsumerTest {

    /** The service's business clock (%test: 2026-06-15): test dates read it, never the machine's. */
    @Inject
    java.time.Clock businessClock;

    static final String DECIDED = "susong.eligibility.EligibilityDecided.v1";
    static String bootstrap;

    @BeforeAll
    static void measure() {
        bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        kafka().produceStrings().fromRecords(CloudEventRecords.event("eligibility.events", "susong.eligibility.MeasurePublished.v1",
                "C1", "{\"code\":\"C1\",\"version\":1,\"status\":\"OPEN\",\"validFrom\":\"2024-01-01\","
                        + "\"validTo\":\"2026-12-31\",\"requiredFacts\":[\"project\"]}")).awaitCompletion();
    }

    @Test
    void a_replayed_dead_letter_reaches_only_the_failing_service_and_is_applied_once() throws Exception {
        String id = approvedApplication(7700001);
        String eventId = "E-NOTICE-" + UUID.randomUUID();
        deadLetter(eventId, "PaymentInNotice", id, ",\"amountFen\":10000000,\"noticeFrom\":\"2026-11-30\","
                + "\"noticeUntil\":\"2026-12-06\"");

        DeadLetterReplay.replay(bootstrap, "applications.dlq", Duration.ofSeconds(2));
        LifecycleFlowsTest.awaitStatus(id, "IN_PUBLIC_NOTICE");

        assertEquals(List.of(), withId("payments.events", eventId),
                "the dead letter went back onto the shared topic, where eligibility and fund-investments read it again");
        assertEquals(1, withId("applications.replay", eventId).size(), "replayed to applications' own topic");

        // the same dead letter replayed again (dead-lettered twice, or replayed by hand): a no-op
        deadLetter(eventId, "PaymentInNotice", id, ",\"amountFen\":10000000,\"noticeFrom\":\"2026-11-30\","
                + "\"noticeUntil\":\"2026-12-06\"");
        DeadLetterReplay.replay(bootstrap, "applications.dlq", Duration.ofSeconds(2));
        awaitReplayConsumed();
        LifecycleFlowsTest.officer().get("/applications/" + id).then().statusCode(200)
                .body("timeline.findAll { it.kind == 'PAYMENT_IN_NOTICE' }", hasSize(1));
    }

    @Test
    void two_dead_letters_of_one_key_are_applied_in_their_order() throws Exception {
        String id = approvedApplication(7700002);
        deadLetter("E-NOTICE-" + UUID.randomUUID(), "PaymentInNotice", id, ",\"amountFen\":10000000,"
                + "\"noticeFrom\":\"2026-11-30\",\"noticeUntil\":\"2026-12-06\"");
        LifecycleFlowsTest.pause();
        deadLetter("E-HOLD-" + UUID.randomUUID(), "PaymentOnHold", id, ",\"objectionId\":\"OB-1\",\"reason\":\"objection\","
                + "\"heldAt\":\"" + businessClock.instant() + "\"");

        DeadLetterReplay.replay(bootstrap, "applications.dlq", Duration.ofSeconds(2));
        awaitReplayConsumed();

        LifecycleFlowsTest.awaitStatus(id, "ON_HOLD");
        List<String> kinds = LifecycleFlowsTest.officer().get("/applications/" + id).then().statusCode(200)
                .extract().jsonPath().getList("timeline.kind", String.class);
        assertTrue(kinds.indexOf("PAYMENT_IN_NOTICE") >= 0 && kinds.indexOf("PAYMENT_IN_NOTICE") < kinds.indexOf("PAYMENT_ON_HOLD"),
                String.valueOf(kinds));
    }

    @Test
    void a_replayed_record_failing_again_goes_back_to_the_dead_letter_topic_once_with_its_origin() throws Exception {
        String eventId = "E-BAD-" + UUID.randomUUID();
        ProducerRecord<String, String> event = CloudEventRecords.event("payments.events", eventId,
                "susong.payments.PaymentInNotice.v1", "PO-BAD", "not json {", Map.of());
        kafka().produceStrings().fromRecords(asDeadLetter(event)).awaitCompletion();

        DeadLetterReplay.replay(bootstrap, "applications.dlq", Duration.ofSeconds(2));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<ConsumerRecord<String, String>> dead = withId("applications.dlq", eventId);
            assertEquals(2, dead.size(), "dead-lettered again after its replay");
            assertEquals("applications.replay", CloudEventRecords.header(dead.get(1), "dead-letter-topic"));
            assertEquals("payments.events", CloudEventRecords.header(dead.get(1), "replay-origin-topic"));
        });
        awaitReplayConsumed();
        assertEquals(1, withId("applications.replay", eventId).size(), "no loop: only the replay tool feeds the replay topic");
    }

    /** An application approved by eligibility, so payments' facts move it. */
    static String approvedApplication(int n) {
        String uscc = LifecycleFlowsTest.registered(LifecycleFlowsTest.uscc(n), "Huli", null);
        String id = org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
                .until(() -> LifecycleFlowsTest.submit(uscc, "C1", "2026"), java.util.Objects::nonNull);
        kafka().produceStrings().fromRecords(CloudEventRecords.event("eligibility.events", DECIDED, "D-" + id,
                "{\"decisionId\":\"D-" + id + "\",\"applicationId\":\"" + id + "\",\"outcome\":\"APPROVED\","
                        + "\"amountFen\":10000000,\"ruleVersion\":\"C1@1\",\"explanation\":{\"en\":\"approved\"}}"))
                .awaitCompletion();
        LifecycleFlowsTest.awaitStatus(id, "APPROVED");
        return id;
    }

    /** A payments fact as applications' dead-letter strategy writes it after failing on it. */
    static void deadLetter(String eventId, String type, String id, String fields) {
        ProducerRecord<String, String> event = CloudEventRecords.event("payments.events", eventId,
                "susong.payments." + type + ".v1", "PO-D-" + id, "{\"orderId\":\"PO-D-" + id + "\",\"decisionId\":\"D-" + id
                        + "\",\"applicationId\":\"" + id + "\"" + fields + "}", Map.of());
        kafka().produceStrings().fromRecords(asDeadLetter(event)).awaitCompletion();
    }

    static ProducerRecord<String, String> asDeadLetter(ProducerRecord<String, String> event) {
        ProducerRecord<String, String> dead = new ProducerRecord<>("applications.dlq", null, event.key(), event.value(),
                event.headers());
        dead.headers().add("dead-letter-topic", "payments.events".getBytes(StandardCharsets.UTF_8));
        dead.headers().add("dead-letter-reason", "the store was broken".getBytes(StandardCharsets.UTF_8));
        return dead;
    }

    static List<ConsumerRecord<String, String>> withId(String topic, String eventId) {
        return kafka().consumeStrings().fromTopics(topic, Duration.ofSeconds(3)).awaitCompletion().getRecords().stream()
                .filter(r -> eventId.equals(CloudEventRecords.header(r, "ce_id"))).collect(Collectors.toList());
    }

    /** Waits until applications' group has committed every record of its replay topic. */
    static void awaitReplayConsumed() throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(p)) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                int partitions = admin.describeTopics(List.of("applications.replay")).allTopicNames().get()
                        .get("applications.replay").partitions().size();
                Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
                for (int i = 0; i < partitions; i++) {
                    latest.put(new TopicPartition("applications.replay", i), OffsetSpec.latest());
                }
                var ends = admin.listOffsets(latest).all().get();
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("applications")
                        .partitionsToOffsetAndMetadata().get();
                ends.forEach((tp, end) -> {
                    long at = committed.containsKey(tp) ? committed.get(tp).offset() : 0;
                    assertEquals(end.offset(), at, "applications' group on " + tp);
                });
            });
        }
    }
}
