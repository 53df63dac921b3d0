package org.susong.commons.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.mongodb.client.MongoCollection;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.susong.testing.LocalInfraTestResource;

/**
 * Commons' outbox relay on the real broker and store (issue 12, item 9). Lives in eligibility:
 * infra/local, which provides the broker and store, depends on commons, so commons cannot use it
 * in its own tests without a cycle.
 */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
class OutboxRelayTest extends RelayStore {

    static final String COLLECTION = "relay_test";

    MongoCollection<Document> aggregates() {
        return mongo.getDatabase(database).getCollection(COLLECTION);
    }

    /** An aggregate with {@code n} pending events; returns their ids in sequence order. */
    List<String> aggregateWithEvents(String id, int n) {
        List<NewEvent> events = new java.util.ArrayList<>();
        for (int i = 1; i <= n; i++) {
            events.add(NewEvent.of("susong.eligibility.RelayTest.v1", id, Map.of("n", i)).build());
        }
        List<Document> entries = Outbox.entries(json, 0, events, Instant.now());
        aggregates().insertOne(new Document("_id", id).append("rev", 0L).append(Outbox.FIELD, entries)
                .append(Outbox.SEQUENCE_FIELD, (long) n));
        return entries.stream().map(e -> e.getString("id")).toList();
    }

    OutboxRelay relay(ProducerEmitter emitter, Clock clock) {
        return new OutboxRelay(emitter, mongo.getDatabase(database), new Settings(config, List.of(COLLECTION), config.leaseDuration()),
                clock, new SimpleMeterRegistry());
    }

    @Test
    void a_relay_stalled_past_its_lease_sends_nothing_of_its_stale_list_once_another_relay_took_over() throws Exception {
        String id = "AGG-" + UUID.randomUUID();
        List<String> ids = aggregateWithEvents(id, 3);
        try (ProducerEmitter broker = new ProducerEmitter(bootstrap)) {
            MovingClock stalledClock = new MovingClock();
            OutboxRelay stalled = relay(broker, stalledClock);
            // the other replica's clock is past the stalled relay's lease: it has run out for it
            OutboxRelay other = relay(broker, Clock.offset(Clock.systemUTC(), config.leaseDuration().plusMinutes(1)));
            CountDownLatch read = new CountDownLatch(1);
            CountDownLatch resume = new CountDownLatch(1);
            stalled.beforeSend = entry -> {
                stalledClock.advance(config.leaseDuration().plusMinutes(1)); // the stall, as the stalled relay sees it
                read.countDown();
                try {
                    resume.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            };
            CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> stalled.publish(COLLECTION, id));
            assertEquals(true, read.await(10, TimeUnit.SECONDS), "the first relay read the outbox and took the lease");

            assertEquals(3, other.publish(COLLECTION, id), "the lease ran out: the other relay publishes all three");
            resume.countDown();
            first.get(30, TimeUnit.SECONDS);

            assertEquals(ids, broker.acknowledged, "each event sent once, in order: the stale relay must check its lease"
                    + " before each send and stop once it lost it");
            assertEquals(List.of(), aggregates().find(new Document("_id", id)).first().getList(Outbox.FIELD, Document.class));
        }
    }

    @Test
    void the_relay_waits_longer_than_the_producer_may_still_deliver_and_its_lease_outlasts_that_wait() {
        org.eclipse.microprofile.config.Config c = org.eclipse.microprofile.config.ConfigProvider.getConfig();
        String producer = "mp.messaging.outgoing.events-out.";
        // Kafka's defaults where the service sets nothing
        long delivery = c.getOptionalValue(producer + "delivery.timeout.ms", Long.class).orElse(120_000L);
        long request = c.getOptionalValue(producer + "request.timeout.ms", Long.class).orElse(30_000L);
        long linger = c.getOptionalValue(producer + "linger.ms", Long.class).orElse(5L);
        long block = c.getOptionalValue(producer + "max.block.ms", Long.class).orElse(60_000L);
        org.junit.jupiter.api.Assertions.assertTrue(delivery >= linger + request, "Kafka: delivery.timeout.ms >= linger.ms"
                + " + request.timeout.ms");
        // SmallRye's sink re-sends a retriable failure until delivery.timeout.ms has passed; that last attempt may wait
        // max.block.ms for metadata and delivery.timeout.ms more. A relay that gives up earlier leaves a send that can land
        // after the next relay's.
        org.junit.jupiter.api.Assertions.assertTrue(config.sendTimeout().toMillis() >= 2 * delivery + block,
                "send-timeout " + config.sendTimeout() + " must cover 2 x delivery.timeout.ms " + delivery + " + max.block.ms "
                        + block);
        org.junit.jupiter.api.Assertions.assertTrue(config.leaseDuration().compareTo(config.sendTimeout()) > 0,
                "the lease, renewed before each send, must outlast the longest send");
    }
}
