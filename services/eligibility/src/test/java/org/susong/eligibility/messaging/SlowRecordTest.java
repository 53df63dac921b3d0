package org.susong.eligibility.messaging;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.susong.eligibility.messaging.AwardsAndAppealsTest.REGISTERED;
import static org.susong.eligibility.messaging.AwardsAndAppealsTest.registered;
import static org.susong.eligibility.messaging.AwardsAndAppealsTest.send;
import static org.susong.eligibility.messaging.AwardsAndAppealsTest.uscc;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.susong.contracts.EventContracts;
import org.susong.eligibility.persistence.LedgerRepository;
import org.susong.testing.LocalInfraTestResource;
import org.susong.testing.TestBroker;

/**
 * A record that waits more than a minute for its ack - here a contract cancellation retried while
 * the award's outbox is full, as during a store or broker outage - delays consumption and
 * nothing else: the channel and the health checks stay up (issue 12, item 5). Takes 75 s: it
 * outlasts SmallRye's default {@code throttled.unprocessed-record-max-age.ms} of 60 s.
 */
@QuarkusTest
@ExtendWith(TestBroker.class)
@WithTestResource(LocalInfraTestResource.class)
class SlowRecordTest {

    @Inject
    MongoClient mongo;
    @Inject
    LedgerRepository ledgers;
    @ConfigProperty(name = "quarkus.mongodb.database")
    String database;

    static void healthy() {
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200);
    }

    long used(String key) {
        return ledgers.ledger(key).orElseThrow().get("usedFen", Number.class).longValue();
    }

    @Test
    void a_record_retried_for_more_than_a_minute_fails_neither_the_channel_nor_health() throws Exception {
        String contractId = "TC-S" + UUID.randomUUID().toString().substring(0, 12);
        String seller = uscc();
        String capKey = "CAP|B3b|" + seller + "|2026";
        send("tech-contracts.events", UUID.randomUUID().toString(), REGISTERED, contractId,
                registered(contractId, seller, 210_000_000L));
        MongoCollection<Document> awards = mongo.getDatabase(database).getCollection("awards");
        await().atMost(Duration.ofSeconds(30)).until(() -> awards.find(new Document("_id", contractId)).first() != null);
        assertEquals(6_300_000L, used(capKey));

        // the award's outbox is full and its relay lease held elsewhere: every attempt to revise it fails transiently
        List<Document> stuck = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            stuck.add(new Document("id", "held-" + i).append("seq", 1000L + i));
        }
        awards.updateOne(new Document("_id", contractId), new Document("$set", new Document("outbox", stuck)
                .append("outboxLease", new Document("owner", "elsewhere").append("until", Date.from(
                        java.time.Instant.parse("2099-01-01T00:00:00Z"))))));
        ObjectNode cancelled = (ObjectNode) AwardsAndAppealsTest.JSON.readTree(
                EventContracts.example("susong.tech-contracts.ContractCancelled.v1"));
        cancelled.put("contractId", contractId);
        send("tech-contracts.events", UUID.randomUUID().toString(), "susong.tech-contracts.ContractCancelled.v1", contractId,
                AwardsAndAppealsTest.JSON.writeValueAsString(cancelled));

        long until = System.currentTimeMillis() + 75_000;
        while (System.currentTimeMillis() < until) {
            healthy();
            Thread.sleep(5_000);
        }
        assertEquals(6_300_000L, used(capKey), "still retrying: the cancellation is not applied yet");
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        double retrying = metrics.lines().filter(l -> l.startsWith("susong_events_retry_seconds"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).max().orElse(0);
        org.junit.jupiter.api.Assertions.assertTrue(retrying >= 60, "the long retry shows on the gauge: " + retrying);

        // the outage ends: the record is applied and the channel goes on
        awards.updateOne(new Document("_id", contractId), new Document("$set", new Document("outbox", List.of()))
                .append("$unset", new Document("outboxLease", "")));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertEquals(0L, used(capKey)));
        healthy();
    }
}
