package org.susong.eligibility.messaging;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bson.Document;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.susong.testing.CloudEventRecords;
import org.susong.testing.LocalInfraTestResource;

/**
 * The applications channel takes records in batches ({@code batch=true}): bad records in the middle
 * of a batch are dead-lettered alone, the good ones around them are decided and acked (issue 14 item 1).
 */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
class BatchConsumptionTest {

    static final String SUBMITTED = "susong.applications.ApplicationSubmitted.v1";

    @jakarta.inject.Inject
    MongoClient mongo;
    @ConfigProperty(name = "quarkus.mongodb.database")
    String database;

    @jakarta.inject.Inject
    org.susong.eligibility.persistence.CertificationListRepository lists;

    static String b1(String applicationId, String uscc, String certificate) {
        return "{\"applicationId\":\"" + applicationId + "\",\"applicantUscc\":\"" + uscc
                + "\",\"measureCode\":\"B1\",\"district\":\"HULI\",\"facts\":{\"category\":\"HIGH_TECH_ENTERPRISE\","
                + "\"certificateNumber\":\"" + certificate + "\",\"certificationYear\":2025,\"certificationKind\":\"FIRST\"},"
                + "\"submittedAt\":\"2026-06-15T01:00:00Z\"}";
    }

    @Test
    void poison_records_in_the_middle_of_a_batch_go_to_the_dead_letter_topic_and_the_rest_are_decided() {
        // in one produce (so in few polled batches): 5 good B1 submissions and, between them, 4 others
        String run = UUID.randomUUID().toString().substring(0, 6);
        List<String> good = new ArrayList<>();
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String app = "APP-BC" + run + "-" + i;
            good.add(app);
            String uscc = AwardsAndAppealsTest.uscc();
            org.susong.eligibility.application.CertificationFixture.listed(lists, uscc, "BC" + run + i);
            records.add(CloudEventRecords.event("applications.events", UUID.randomUUID().toString(), SUBMITTED, app,
                    b1(app, uscc, "BC" + run + i), Map.of()));
        }
        String poisonKey = "APP-BCPOISON-" + run;
        String noFactsKey = "APP-BCNOFACTS-" + run;
        String modifiedKey = good.get(1);
        // in the middle: not a CloudEvent; a submission without facts; the second one again with another payload
        records.add(2, CloudEventRecords.poison("applications.events", poisonKey));
        records.add(4, CloudEventRecords.event("applications.events", UUID.randomUUID().toString(), SUBMITTED, noFactsKey,
                "{\"applicationId\":\"" + noFactsKey + "\",\"applicantUscc\":\"91350200M000100Y43\",\"measureCode\":\"B1\","
                        + "\"district\":\"HULI\"}", Map.of()));
        // a submission finalising an award proposal that does not exist: decided alone in its place (single path), REJECTED
        String proposalKey = "APP-BCPROPOSAL-" + run;
        records.add(3, CloudEventRecords.event("applications.events", UUID.randomUUID().toString(), SUBMITTED, proposalKey,
                "{\"applicationId\":\"" + proposalKey + "\",\"applicantUscc\":\"91350200M000100Y43\",\"measureCode\":"
                        + "\"B3b\",\"district\":\"HULI\",\"facts\":{},\"proposalId\":\"AP-TC-NONE" + run + "-1\","
                        + "\"submittedAt\":\"2026-06-15T01:00:00Z\"}", Map.of()));
        records.add(6, CloudEventRecords.event("applications.events", UUID.randomUUID().toString(), SUBMITTED, modifiedKey,
                b1(modifiedKey, AwardsAndAppealsTest.uscc(), "BC-OTHER" + run), Map.of()));
        KafkaCompanion kafka = new KafkaCompanion(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        try {
            kafka.produceStrings().fromRecords(records).awaitCompletion();
            var decisions = mongo.getDatabase(database).getCollection("decisions");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                for (String app : good) {
                    Document d = decisions.find(new Document("_id", "D-" + app)).first();
                    assertTrue(d != null, "decided: " + app);
                    assertEquals("APPROVED", d.getString("outcome"));
                }
            });
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                List<ConsumerRecord<String, String>> dead = kafka.consumeStrings().fromTopics("eligibility.dlq",
                        Duration.ofSeconds(2)).awaitCompletion().getRecords();
                assertTrue(dead.stream().anyMatch(r -> poisonKey.equals(r.key())), "the unreadable record");
                assertTrue(dead.stream().anyMatch(r -> noFactsKey.equals(r.key())
                        && CloudEventRecords.header(r, "dead-letter-reason").contains("facts")), "the one without facts");
                assertEquals(1, dead.stream().filter(r -> modifiedKey.equals(r.key())).count(),
                        "the modified request, not its original");
                assertFalse(dead.stream().anyMatch(r -> proposalKey.equals(r.key())), "the proposal is decided, not dead-lettered");
                for (String app : good) {
                    if (!app.equals(modifiedKey)) {
                        assertFalse(dead.stream().anyMatch(r -> app.equals(r.key())), "a good record dead-lettered: " + app);
                    }
                }
            });
            assertEquals(0, decisions.countDocuments(new Document("_id", "D-" + noFactsKey)));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertEquals("REJECTED",
                    decisions.find(new Document("_id", "D-" + proposalKey)).first().getString("outcome")));
        } finally {
            kafka.close();
        }
    }
}
