package org.susong.commons.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.susong.testing.LocalInfraTestResource;

/**
 * Commons' outbox sweeper on the real store, with the real broker or a broker nobody listens on
 * (issue 12, item 10). In eligibility for the reason given in {@link OutboxRelayTest}.
 */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
class OutboxSweeperTest {

    @Inject
    MongoClient mongo;
    @Inject
    OutboxConfig config;
    @ConfigProperty(name = "quarkus.mongodb.database")
    String database;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    MongoCollection<Document> collection(String name) {
        return mongo.getDatabase(database).getCollection(name);
    }

    static Document aggregate(String id, String payload, Instant at) {
        Document entry = new Document("id", UUID.randomUUID().toString()).append("type", "susong.eligibility.SweepTest.v1")
                .append("subject", id).append("seq", 1L).append("payload", payload).append("hash", "-")
                .append("at", Date.from(at)).append("ext", new Document());
        return new Document("_id", id).append(Outbox.FIELD, List.of(entry)).append(Outbox.SEQUENCE_FIELD, 1L);
    }

    static double oldestPendingSeconds(MeterRegistry registry) {
        return registry.get("susong.outbox.oldest.pending.seconds").gauge().value();
    }

    OutboxSweeper sweeper(String name, ProducerEmitter emitter, MeterRegistry registry) {
        Settings settings = new Settings(config, List.of(name), config.leaseDuration());
        OutboxRelay relay = new OutboxRelay(emitter, mongo.getDatabase(database), settings, Clock.systemUTC(), registry);
        return new OutboxSweeper(relay, mongo.getDatabase(database), settings, Clock.systemUTC(), registry);
    }

    @Test
    void an_aggregate_the_broker_refuses_does_not_hold_up_the_rest_of_its_collection() {
        String name = "sweep_poison_" + UUID.randomUUID().toString().substring(0, 8);
        Instant fiveMinutesAgo = Instant.now().minusSeconds(300);
        // 2 MB: over the producer's max.request.size, refused every time (RecordTooLargeException)
        collection(name).insertOne(aggregate("A-POISON", "\"" + "x".repeat(2_000_000) + "\"", fiveMinutesAgo));
        collection(name).insertOne(aggregate("A-GOOD-1", "{}", Instant.now()));
        collection(name).insertOne(aggregate("A-GOOD-2", "{}", Instant.now()));
        MeterRegistry registry = new SimpleMeterRegistry();
        try (ProducerEmitter broker = new ProducerEmitter(bootstrap)) {
            sweeper(name, broker, registry).sweep();
            assertEquals(2, broker.acknowledged.size(), "the aggregates after the refused one are published");
        }
        assertEquals(List.of(), collection(name).find(new Document("_id", "A-GOOD-2")).first().getList(Outbox.FIELD,
                Document.class));
        assertTrue(oldestPendingSeconds(registry) >= 299, "the refused entry has waited five minutes: "
                + oldestPendingSeconds(registry));
    }

    @Test
    void during_a_broker_outage_the_oldest_pending_age_shows_the_outage() {
        String name = "sweep_outage_" + UUID.randomUUID().toString().substring(0, 8);
        collection(name).insertOne(aggregate("A-WAITING", "{}", Instant.now().minusSeconds(120)));
        MeterRegistry registry = new SimpleMeterRegistry();
        try (ProducerEmitter unreachable = new ProducerEmitter("127.0.0.1:" + LocalInfraTestResource.freePort())) {
            sweeper(name, unreachable, registry).sweep();
            assertEquals(List.of(), unreachable.acknowledged);
        }
        assertTrue(oldestPendingSeconds(registry) >= 119, "an entry pending for two minutes while the broker is"
                + " unreachable must show, not read 0: " + oldestPendingSeconds(registry));
    }
}
