package org.susong.payments.rest;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.susong.payments.domain.OrderState;
import org.susong.testing.CloudEventRecords;
import org.susong.testing.LocalInfraTestResource;

/**
 * The {@code fund-investments-in} channel takes records in batches (issue 14 item 2): one produce on one partition holding
 * several conversion answers, a redelivery of one, a poison record and two answers for one conversion. Each valid answer
 * is applied once in offset order (C1's budget line 2025:C1 disbursed by exactly the converted orders), the poison one is
 * dead-lettered alone, and the same records again change nothing.
 */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
class BatchedConversionAnswersTest extends ProcessorSteps {

    static final String COMPLETED = "susong.fund-investments.ConversionCompleted.v1";
    static final String REJECTED = "susong.fund-investments.ConversionRejected.v1";

    @Inject
    MongoClient mongo;
    @ConfigProperty(name = "quarkus.mongodb.database")
    String database;

    OrderState state(String id) {
        return orders.find(id).map(o -> o.state()).orElse(null);
    }

    /** An answer of the fund, on partition 0 (the records of one produce keep their order, so a sentinel comes last). */
    static ProducerRecord<String, String> answer(String eventId, String app, boolean completed) {
        String conversionId = "CV-D-" + app;
        String common = "\"conversionId\":\"" + conversionId + "\",\"orderId\":\"PO-D-" + app + "\",\"decisionId\":\"D-" + app
                + "\",\"applicationId\":\"" + app + "\",\"fundCode\":\"XM-ANGEL-1\"";
        String payload = completed
                ? "{" + common + ",\"investmentId\":\"INV-" + app + "\",\"beneficiaryUscc\":\"" + Fixtures.USCC
                + "\",\"amountFen\":10000000,\"completedAt\":\"2026-06-16T02:00:00Z\"}"
                : "{" + common + ",\"reasonCode\":\"FUND_CLOSED\",\"reason\":\"the fund is closed\","
                + "\"rejectedAt\":\"2026-06-16T02:00:00Z\"}";
        ProducerRecord<String, String> r = Fixtures.fromOwner(CloudEventRecords.event("fund-investments.events", eventId,
                completed ? COMPLETED : REJECTED, conversionId, payload, Map.of()));
        return new ProducerRecord<>(r.topic(), 0, r.key(), r.value(), r.headers());
    }

    /** An order as stored, without the relay's own bookkeeping (entries published and pulled, its lease). */
    Document order(String id) {
        Document d = mongo.getDatabase(database).getCollection("payment_orders").find(new Document("_id", id)).first();
        if (d != null) {
            d.remove("outbox");
            d.remove("outboxLease");
        }
        return d;
    }

    @Test
    void conversion_answers_of_a_batch_are_applied_once_in_order_the_poison_one_dead_lettered_and_a_redelivery_changes_nothing() {
        List<String> apps = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String app = Fixtures.app("APP-BCV");
            apps.add(app);
            // 100,000 CNY each, converted into the fund; the last one falls back to a hold when the fund refuses
            ConversionAndRecoveryTest.decideInvestment(app, 10_000_000, i == 5 ? "HOLD" : "GRANT");
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> apps.forEach(app ->
                assertEquals(OrderState.CONVERTING, state("PO-D-" + app), app)));
        long disbursed = lines.find("2025:C1").orElseThrow().disbursedFen();

        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            records.add(answer(UUID.randomUUID().toString(), apps.get(i), true));
        }
        // (b) the first answer again, same event id; (c) a poison record
        records.add(2, records.get(0));
        String poisonKey = "CV-BCVPOISON-" + UUID.randomUUID().toString().substring(0, 6);
        records.add(4, new ProducerRecord<>("fund-investments.events", 0, poisonKey, "\u0000not json{{",
                CloudEventRecords.poison("fund-investments.events", poisonKey).headers()));
        // (d) the last conversion refused, then (a late, contradicting answer) completed: in offset order the refusal holds
        // the order (fallback HOLD) and the completion finds it no longer converting; the other order would convert it
        String last = apps.get(5);
        records.add(answer(UUID.randomUUID().toString(), last, false));
        records.add(answer(UUID.randomUUID().toString(), last, true));
        Fixtures.kafka().produceStrings().fromRecords(records).awaitCompletion();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (String app : apps.subList(0, 5)) {
                assertEquals(OrderState.CONVERTED, state("PO-D-" + app), app);
            }
            assertEquals(OrderState.ON_HOLD, state("PO-D-" + last));
        });
        assertEquals(disbursed + 5 * 10_000_000L, lines.find("2025:C1").orElseThrow().disbursedFen(),
                "each converted order disbursed once");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<ConsumerRecord<String, String>> dead = Fixtures.kafka().consumeStrings().fromTopics("payments.dlq",
                    Duration.ofSeconds(2)).awaitCompletion().getRecords();
            assertTrue(dead.stream().anyMatch(r -> poisonKey.equals(r.key())), "the poison record dead-lettered");
            for (String app : apps) {
                assertFalse(dead.stream().anyMatch(r -> ("CV-D-" + app).equals(r.key())), "a good answer dead-lettered: " + app);
            }
            for (String app : apps.subList(0, 5)) {
                assertEquals(1, Fixtures.types("PO-D-" + app).stream().filter("PaymentConverted.v1"::equals).count(), app);
            }
        });

        // the same records again (a crash after the writes, before the ack): nothing changes
        Map<String, Document> before = new LinkedHashMap<>();
        apps.forEach(app -> before.put(app, order("PO-D-" + app)));
        String sentinel = Fixtures.app("APP-BCVS");
        ConversionAndRecoveryTest.decideInvestment(sentinel, 10_000_000, "GRANT");
        await().atMost(Duration.ofSeconds(30)).until(() -> state("PO-D-" + sentinel) == OrderState.CONVERTING);
        List<ProducerRecord<String, String>> again = new ArrayList<>(records);
        again.add(answer(UUID.randomUUID().toString(), sentinel, true));
        Fixtures.kafka().produceStrings().fromRecords(again).awaitCompletion();
        await().atMost(Duration.ofSeconds(30)).until(() -> state("PO-D-" + sentinel) == OrderState.CONVERTED);
        Map<String, Document> after = new LinkedHashMap<>();
        apps.forEach(app -> after.put(app, order("PO-D-" + app)));
        assertEquals(before, after, "a redelivered batch changes nothing");
        assertEquals(disbursed + 6 * 10_000_000L, lines.find("2025:C1").orElseThrow().disbursedFen(),
                "only the sentinel's conversion disbursed more");
    }
}
