package org.susong.eligibility.messaging;

import static org.susong.testing.TestBroker.kafka;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.susong.contracts.EventContracts;
import org.susong.testing.CloudEventRecords;
import org.susong.testing.LocalInfraTestResource;
import org.susong.testing.TestBroker;

/**
 * The channels moved to batches by issue 14 item 2 ({@code contracts-in}, {@code funds-in}): one produce on one partition
 * (so few polled batches, in order) holding many valid records, a redelivery of one of them, a poison record and two
 * records for one key. Every valid one is applied once and in offset order, the poison one is dead-lettered alone,
 * consumption goes on; the same records again change nothing.
 */
@QuarkusTest
@ExtendWith(TestBroker.class)
@WithTestResource(LocalInfraTestResource.class)
class BatchedChannelsTest {

    static final String REGISTERED = "susong.tech-contracts.ContractRegistered.v1";
    static final String CANCELLED = "susong.tech-contracts.ContractCancelled.v1";
    static final String SCOPE = "susong.fund-investments.FundScopePublished.v1";
    static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    MongoClient mongo;
    @ConfigProperty(name = "quarkus.mongodb.database")
    String database;

    /** A record on partition 0: the records of one produce keep their order across keys, so a sentinel comes last. */
    static ProducerRecord<String, String> first(ProducerRecord<String, String> r) {
        return new ProducerRecord<>(r.topic(), 0, r.key(), r.value(), r.headers());
    }

    static ObjectNode registration(String contractId, String number, String seller) throws Exception {
        ObjectNode c = (ObjectNode) JSON.readTree(EventContracts.example(REGISTERED));
        // 2,100,000 CNY: B3b 3% = 63,000 CNY, within the 1,000,000 CNY annual cap (placeholder brackets)
        return c.put("contractId", contractId).put("registrationNumber", number).put("sellerUscc", seller)
                .put("technicalTransactionAmountFen", 210_000_000L);
    }

    static ProducerRecord<String, String> contractEvent(String id, String type, String contractId, ObjectNode body) {
        return first(CloudEventRecords.event("tech-contracts.events", id, type, contractId, body.toString(), Map.of()));
    }

    MongoDatabase db() {
        return mongo.getDatabase(database);
    }

    long used(String key) {
        Document ledger = db().getCollection("cap_ledgers").find(new Document("_id", key)).first();
        return ledger == null ? 0 : ledger.get("usedFen", Number.class).longValue();
    }

    static List<ConsumerRecord<String, String>> topic(String name) {
        return kafka().consumeStrings().fromTopics(name, Duration.ofSeconds(2)).awaitCompletion().getRecords();
    }

    /** What the contract records of a run left: projections, awards, cap ledgers, as stored. */
    Map<String, Object> contractState(List<String> contracts, List<String> numbers, List<String> capKeys) {
        Map<String, Object> state = new LinkedHashMap<>();
        numbers.forEach(n -> state.put("registry " + n, db().getCollection("tech_contracts").find(new Document("_id", n)).first()));
        contracts.forEach(c -> state.put("award " + c, withoutRelay(db().getCollection("awards")
                .find(new Document("_id", c)).first())));
        capKeys.forEach(k -> state.put("ledger " + k, db().getCollection("cap_ledgers").find(new Document("_id", k)).first()));
        return state;
    }

    /** A document without the relay's own bookkeeping (entries published and pulled, its lease): its state and events. */
    static Document withoutRelay(Document d) {
        if (d != null) {
            d.remove("outbox");
            d.remove("outboxLease");
        }
        return d;
    }

    @Test
    void contract_records_of_a_batch_are_applied_once_in_order_the_poison_one_dead_lettered_and_a_redelivery_changes_nothing()
            throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 6);
        List<String> contracts = new ArrayList<>();
        List<String> numbers = new ArrayList<>();
        List<String> sellers = new ArrayList<>();
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String contractId = "TC-BX" + run + "-" + i;
            String number = "20263502" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
            String seller = AwardsAndAppealsTest.uscc();
            contracts.add(contractId);
            numbers.add(number);
            sellers.add(seller);
            records.add(contractEvent(UUID.randomUUID().toString(), REGISTERED, contractId,
                    registration(contractId, number, seller)));
        }
        // (b) the first registration again (a redelivery inside the batch), (c) a poison record
        records.add(3, new ProducerRecord<>(records.get(0).topic(), 0, records.get(0).key(), records.get(0).value(),
                records.get(0).headers()));
        String poisonKey = "TC-BXPOISON-" + run;
        records.add(5, first(CloudEventRecords.poison("tech-contracts.events", poisonKey)));
        // (d) the last contract cancelled right after its registration, same key: in order, the award is proposed, then
        // revised to nothing and its cap share given back (the other order would have proposed nothing at all)
        String last = contracts.get(7);
        ObjectNode cancelled = (ObjectNode) JSON.readTree(EventContracts.example(CANCELLED));
        cancelled.put("contractId", last).put("registrationNumber", numbers.get(7));
        ((ObjectNode) cancelled.get("terms").get("seller")).put("uscc", sellers.get(7));
        records.add(contractEvent(UUID.randomUUID().toString(), CANCELLED, last, cancelled));
        kafka().produceStrings().fromRecords(records).awaitCompletion();

        List<String> capKeys = sellers.stream().map(s -> "CAP|B3b|" + s + "|2026").toList();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            for (int i = 0; i < 7; i++) {
                assertEquals(6_300_000L, used(capKeys.get(i)), "awarded once: " + contracts.get(i));
            }
            assertEquals("CANCELLED", db().getCollection("tech_contracts").find(new Document("_id", numbers.get(7))).first()
                    .getString("state"));
            assertEquals(0L, used(capKeys.get(7)), "the cancelled contract's share is given back");
        });
        for (int i = 0; i < 8; i++) {
            Document registry = db().getCollection("tech_contracts").find(new Document("_id", numbers.get(i))).first();
            assertEquals(contracts.get(i), registry.getString("contractId"));
            assertEquals(210_000_000L, registry.get("technicalTransactionAmountFen", Number.class).longValue());
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<ConsumerRecord<String, String>> published = topic("eligibility.events");
            for (String contractId : contracts) {
                assertEquals(1, published.stream().filter(r -> ("AP-" + contractId + "-1").equals(r.key())
                        && "susong.eligibility.AwardProposed.v1".equals(CloudEventRecords.header(r, "ce_type"))).count(),
                        "one proposal (the last one before its cancellation too): " + contractId);
            }
            List<ConsumerRecord<String, String>> dead = topic("eligibility.dlq");
            assertTrue(dead.stream().anyMatch(r -> poisonKey.equals(r.key())), "the poison record dead-lettered");
            for (String contractId : contracts) {
                assertFalse(dead.stream().anyMatch(r -> contractId.equals(r.key())), "a good record dead-lettered: " + contractId);
            }
        });

        // the same records again (a crash after the writes, before the ack): nothing changes
        Map<String, Object> before = contractState(contracts, numbers, capKeys);
        long proposalsBefore = topic("eligibility.events").stream().filter(r -> r.key() != null
                && r.key().contains("TC-BX" + run + "-")).count();
        String sentinel = "TC-BXS" + run;
        String sentinelSeller = AwardsAndAppealsTest.uscc();
        List<ProducerRecord<String, String>> again = new ArrayList<>(records);
        again.add(contractEvent(UUID.randomUUID().toString(), REGISTERED, sentinel, registration(sentinel,
                "20263502" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000)), sentinelSeller)));
        kafka().produceStrings().fromRecords(again).awaitCompletion();
        // the sentinel is behind every redelivered record on the same partition: once it is awarded, they were handled
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertEquals(6_300_000L,
                used("CAP|B3b|" + sentinelSeller + "|2026")));
        assertEquals(before, contractState(contracts, numbers, capKeys), "a redelivered batch changes nothing");
        assertEquals(proposalsBefore, topic("eligibility.events").stream().filter(r -> r.key() != null
                && r.key().contains("TC-BX" + run + "-")).count(), "and publishes nothing more");
    }

    static ProducerRecord<String, String> scope(String id, String fundId, long sequence, List<String> stages)
            throws Exception {
        ObjectNode scope = (ObjectNode) JSON.readTree(EventContracts.example(SCOPE));
        scope.put("fundId", fundId);
        scope.set("stages", JSON.valueToTree(stages));
        scope.set("fields", JSON.valueToTree(List.of("digitalisation")));
        return first(CloudEventRecords.event("fund-investments.events", id, SCOPE, fundId, scope.toString(),
                Map.of("sequence", Long.toString(sequence), "correlationid", fundId)));
    }

    Document fundScope(String fundId) {
        return db().getCollection("fund_scopes").find(new Document("_id", fundId)).first();
    }

    @Test
    void fund_scopes_of_a_batch_are_applied_once_in_order_the_poison_one_dead_lettered_and_a_redelivery_changes_nothing()
            throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 6);
        List<String> funds = new ArrayList<>();
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String fund = "FUND-BX" + run + "-" + i;
            funds.add(fund);
            records.add(scope(UUID.randomUUID().toString(), fund, 1, List.of("GROWTH")));
        }
        records.add(2, records.get(0));
        String poisonKey = "FUND-BXPOISON-" + run;
        records.add(4, first(CloudEventRecords.poison("fund-investments.events", poisonKey)));
        // one fund's scope twice, sequence 2 then 3: the later one (in offset order) is kept
        String twice = funds.get(5);
        records.add(scope(UUID.randomUUID().toString(), twice, 2, List.of("SEED")));
        records.add(scope(UUID.randomUUID().toString(), twice, 3, List.of("SEED", "GROWTH")));
        kafka().produceStrings().fromRecords(records).awaitCompletion();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            for (String fund : funds) {
                assertTrue(fundScope(fund) != null, "applied: " + fund);
            }
            for (String fund : funds.subList(0, 5)) {
                assertEquals(1L, fundScope(fund).get("sequence", Number.class).longValue(), fund);
                assertEquals(List.of("GROWTH"), fundScope(fund).getList("stages", String.class));
            }
            assertEquals(3L, fundScope(twice).get("sequence", Number.class).longValue());
            assertEquals(List.of("SEED", "GROWTH"), fundScope(twice).getList("stages", String.class));
        });
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<ConsumerRecord<String, String>> dead = topic("eligibility.dlq");
            assertTrue(dead.stream().anyMatch(r -> poisonKey.equals(r.key())), "the poison record dead-lettered");
            assertFalse(dead.stream().anyMatch(r -> r.key() != null && r.key().startsWith("FUND-BX" + run)),
                    "no good record dead-lettered");
        });

        Map<String, Document> before = new LinkedHashMap<>();
        funds.forEach(f -> before.put(f, fundScope(f)));
        List<ProducerRecord<String, String>> again = new ArrayList<>(records);
        String sentinel = "FUND-BXS" + run;
        again.add(scope(UUID.randomUUID().toString(), sentinel, 1, List.of("GROWTH")));
        kafka().produceStrings().fromRecords(again).awaitCompletion();
        await().atMost(Duration.ofSeconds(60)).until(() -> fundScope(sentinel) != null);
        Map<String, Document> after = new LinkedHashMap<>();
        funds.forEach(f -> after.put(f, fundScope(f)));
        assertEquals(before, after, "a redelivered batch changes nothing");
    }
    static final String RELEASED = "susong.payments.BudgetReleased.v1";

    /** A B3b application for a contract registered with {@code uscc} as seller: 3% of 1,000,000 CNY = 30,000 CNY. */
    static void applyB3b(String applicationId, String uscc) {
        String number = "20263502" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
        org.susong.eligibility.application.RegisteredContracts.register(number, uscc, 100_000_000L, "2026-03-01");
        kafka().produceStrings().fromRecords(CloudEventRecords.event("applications.events", UUID.randomUUID().toString(),
                "susong.applications.ApplicationSubmitted.v1", applicationId, "{\"applicationId\":\"" + applicationId
                        + "\",\"applicantUscc\":\"" + uscc + "\",\"measureCode\":\"B3b\",\"district\":\"JIMEI\","
                        + "\"facts\":{\"contractRegistrationNumber\":\"" + number + "\",\"technicalTransactionAmountFen\":"
                        + "100000000,\"registeredOn\":\"2026-03-01\"},\"submittedAt\":\"2026-06-15T01:00:00Z\"}",
                Map.of())).awaitCompletion();
    }

    /** Payments' release of a decision's order: whole ({@code partFen} null) or a part under a revocation id. */
    static ProducerRecord<String, String> release(String eventId, String app, String uscc, Long partFen, String revocation) {
        String body = "{\"orderId\":\"PO-D-" + app + "\",\"decisionId\":\"D-" + app + "\",\"applicationId\":\"" + app
                + "\",\"beneficiaryUscc\":\"" + uscc + "\",\"measureCode\":\"B3b\",\"fiscalYear\":2026,"
                + "\"budgetLine\":\"2026:B3b\",\"amountFen\":" + (partFen == null ? 3_000_000L : partFen)
                + ",\"reason\":\"" + (partFen == null ? "WITHDRAWN" : "RECOVERED") + "\",\"releasedAt\":\"2026-06-16T03:00:00Z\""
                + (partFen == null ? "" : ",\"remainingFen\":" + (3_000_000L - partFen) + ",\"revocationId\":\"" + revocation
                + "\"") + "}";
        assertEquals(List.of(), EventContracts.violations(RELEASED, body));
        return first(CloudEventRecords.event("payments.events", eventId, RELEASED, "PO-D-" + app, body, Map.of()));
    }

    Document decision(String app) {
        return withoutRelay(db().getCollection("decisions").find(new Document("_id", "D-" + app)).first());
    }

    @Test
    void budget_releases_of_a_batch_are_applied_once_in_order_the_poison_one_dead_lettered_and_a_redelivery_changes_nothing() {
        String run = UUID.randomUUID().toString().substring(0, 6);
        List<String> apps = new ArrayList<>();
        List<String> usccs = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String app = "APP-BR" + run + "-" + i;
            String uscc = AwardsAndAppealsTest.uscc();
            apps.add(app);
            usccs.add(uscc);
            applyB3b(app, uscc);
        }
        List<String> capKeys = usccs.stream().map(u -> "CAP|B3b|" + u + "|2026").toList();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            for (int i = 0; i < 6; i++) {
                Document d = decision(apps.get(i));
                assertTrue(d != null && "APPROVED".equals(d.getString("outcome")), "decided: " + apps.get(i));
                assertEquals(3_000_000L, used(capKeys.get(i)));
            }
        });
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            records.add(release(UUID.randomUUID().toString(), apps.get(i), usccs.get(i), null, null));
        }
        // (b) the first release again, same event id; (c) a poison record
        records.add(2, records.get(0));
        String poisonKey = "PO-BRPOISON-" + run;
        records.add(4, first(CloudEventRecords.poison("payments.events", poisonKey)));
        // (d) one order partly revoked twice (two revocations, same key): each part given back once, in offset order
        String twice = apps.get(4);
        records.add(release(UUID.randomUUID().toString(), twice, usccs.get(4), 1_000_000L, "RV-D-" + twice + "-1"));
        records.add(release(UUID.randomUUID().toString(), twice, usccs.get(4), 500_000L, "RV-D-" + twice + "-2"));
        kafka().produceStrings().fromRecords(records).awaitCompletion();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            for (int i = 0; i < 4; i++) {
                assertEquals(0L, used(capKeys.get(i)), "the share given back: " + apps.get(i));
            }
            assertEquals(1_500_000L, used(capKeys.get(4)), "each revoked part given back once");
        });
        assertEquals(3_000_000L, used(capKeys.get(5)), "an order not released keeps its share");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<ConsumerRecord<String, String>> dead = topic("eligibility.dlq");
            assertTrue(dead.stream().anyMatch(r -> poisonKey.equals(r.key())), "the poison record dead-lettered");
            assertFalse(dead.stream().anyMatch(r -> r.key() != null && r.key().startsWith("PO-D-APP-BR" + run)),
                    "no good record dead-lettered");
        });

        // the same records again (a crash after the writes, before the ack): nothing changes
        Map<String, Object> before = new LinkedHashMap<>();
        apps.forEach(app -> before.put(app, decision(app)));
        capKeys.forEach(k -> before.put(k, db().getCollection("cap_ledgers").find(new Document("_id", k)).first()));
        String sentinel = "APP-BRS" + run;
        String sentinelUscc = AwardsAndAppealsTest.uscc();
        applyB3b(sentinel, sentinelUscc);
        await().atMost(Duration.ofSeconds(60)).until(() -> used("CAP|B3b|" + sentinelUscc + "|2026") == 3_000_000L);
        List<ProducerRecord<String, String>> again = new ArrayList<>(records);
        again.add(release(UUID.randomUUID().toString(), sentinel, sentinelUscc, null, null));
        kafka().produceStrings().fromRecords(again).awaitCompletion();
        await().atMost(Duration.ofSeconds(60)).until(() -> used("CAP|B3b|" + sentinelUscc + "|2026") == 0L);
        Map<String, Object> after = new LinkedHashMap<>();
        apps.forEach(app -> after.put(app, decision(app)));
        capKeys.forEach(k -> after.put(k, db().getCollection("cap_ledgers").find(new Document("_id", k)).first()));
        assertEquals(before, after, "a redelivered batch changes nothing");
    }
}
