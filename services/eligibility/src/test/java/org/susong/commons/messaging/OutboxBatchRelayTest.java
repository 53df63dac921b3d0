package org.susong.commons.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.susong.infra.local.LocalInfraTestResource;

/**
 * Commons' relay publishing many aggregates per round trip (issue 14): every entry once, in
 * sequence order per aggregate, with store writes counted by a driver {@link CommandListener} on
 * the relay's own client. In eligibility for the reason given in {@link OutboxRelayTest}.
 */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
class OutboxBatchRelayTest {

    /** Commands that write to the store (a bulk write of many statements is one command, one round trip). */
    static final Set<String> WRITES = Set.of("insert", "update", "delete", "findAndModify");

    @Inject
    MongoClient mongo;
    @Inject
    OutboxConfig config;
    @Inject
    ObjectMapper json;
    @ConfigProperty(name = "quarkus.mongodb.database")
    String database;
    @ConfigProperty(name = "quarkus.mongodb.connection-string")
    String connection;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    /** A client of the same store that counts the write commands sent through it. */
    static final class CountingClient implements AutoCloseable {
        final AtomicInteger writes = new AtomicInteger();
        final MongoClient client;

        CountingClient(String connection) {
            // a proxy, not a class: Quarkus makes every class implementing CommandListener a bean of the service's client
            CommandListener listener = (CommandListener) Proxy.newProxyInstance(CommandListener.class.getClassLoader(),
                    new Class<?>[] {CommandListener.class}, (proxy, method, args) -> {
                        if (method.getName().equals("commandStarted")
                                && WRITES.contains(((CommandStartedEvent) args[0]).getCommandName())) {
                            writes.incrementAndGet();
                        }
                        return null;
                    });
            client = MongoClients.create(MongoClientSettings.builder().applyConnectionString(new ConnectionString(connection))
                    .addCommandListener(listener).build());
        }

        @Override
        public void close() {
            client.close();
        }
    }

    static String collectionName(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().substring(0, 8);
    }

    MongoCollection<Document> collection(String name) {
        return mongo.getDatabase(database).getCollection(name);
    }

    /** {@code aggregates} aggregates of {@code events} pending events each; returns their entry ids in sequence order. */
    Map<String, List<String>> aggregates(String name, int aggregates, int events) {
        Map<String, List<String>> ids = new LinkedHashMap<>();
        List<Document> documents = new ArrayList<>();
        for (int a = 0; a < aggregates; a++) {
            String id = "AGG-" + a + "-" + UUID.randomUUID();
            List<NewEvent> news = new ArrayList<>();
            for (int i = 1; i <= events; i++) {
                news.add(NewEvent.of("susong.eligibility.BatchRelayTest.v1", id, Map.of("n", i)).build());
            }
            List<Document> entries = Outbox.entries(json, 0, news, Instant.now());
            documents.add(new Document("_id", id).append("rev", 0L).append(Outbox.FIELD, entries)
                    .append(Outbox.SEQUENCE_FIELD, (long) events));
            ids.put(id, entries.stream().map(e -> e.getString("id")).toList());
        }
        collection(name).insertMany(documents);
        return ids;
    }

    /** Each entry acknowledged exactly once, and per aggregate in sequence order. */
    static void assertEachOnceInOrder(Map<String, List<String>> expected, List<String> acknowledged) {
        int total = expected.values().stream().mapToInt(List::size).sum();
        assertEquals(total, acknowledged.size(), "every entry published once, none twice");
        assertEquals(total, new HashSet<>(acknowledged).size(), "no entry published twice");
        for (Map.Entry<String, List<String>> aggregate : expected.entrySet()) {
            List<String> sent = acknowledged.stream().filter(aggregate.getValue()::contains).toList();
            assertEquals(aggregate.getValue(), sent, "the entries of " + aggregate.getKey() + " in sequence order");
        }
    }

    void assertOutboxesEmptyAndReleased(String name) {
        for (Document aggregate : collection(name).find()) {
            assertEquals(List.of(), aggregate.getList(Outbox.FIELD, Document.class), aggregate.getString("_id"));
            assertEquals(null, aggregate.get(Outbox.LEASE_FIELD), "lease released: " + aggregate.getString("_id"));
        }
    }

    @Test
    void a_sweep_publishes_many_aggregates_each_entry_once_in_order_with_few_store_writes_per_event() {
        String name = collectionName("relay_batch");
        Map<String, List<String>> expected = aggregates(name, 60, 2);
        int events = 120;
        Settings settings = new Settings(config, List.of(name), config.leaseDuration());
        try (ProducerEmitter broker = new ProducerEmitter(bootstrap); CountingClient store = new CountingClient(connection)) {
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            OutboxRelay relay = new OutboxRelay(broker, store.client, database, settings, Clock.systemUTC(), registry);
            new OutboxSweeper(relay, store.client, database, settings, Clock.systemUTC(), registry).sweep();

            assertEachOnceInOrder(expected, broker.acknowledged);
            // one aggregate at a time, the relay wrote 2 + 2 x events per aggregate (lease, per entry a renewal and a
            // $pull, release): 3 writes per event here. Batched, the writes are per round, not per aggregate or event.
            assertTrue(store.writes.get() * 2 <= events, store.writes.get() + " store writes for " + events
                    + " events: more than one write per two events");
        }
        assertOutboxesEmptyAndReleased(name);
    }

    OutboxRelay relay(ProducerEmitter broker, Settings settings, Clock clock) {
        return new OutboxRelay(broker, mongo, database, settings, clock, new SimpleMeterRegistry());
    }

    void awaitPublished(ProducerEmitter broker, int events, String name) throws InterruptedException {
        long until = System.nanoTime() + 60_000_000_000L;
        while ((broker.acknowledged.size() < events
                || collection(name).countDocuments(Filters.exists(Outbox.FIELD + ".0", true)) > 0
                || collection(name).countDocuments(Filters.exists(Outbox.LEASE_FIELD, true)) > 0)
                && System.nanoTime() < until) {
            Thread.sleep(20);
        }
    }

    @Test
    void publish_soon_of_many_aggregates_publishes_each_entry_once_in_order() throws Exception {
        String name = collectionName("relay_soon");
        Map<String, List<String>> expected = aggregates(name, 100, 3);
        try (ProducerEmitter broker = new ProducerEmitter(bootstrap)) {
            OutboxRelay relay = relay(broker, new Settings(config, List.of(name), config.leaseDuration()), Clock.systemUTC());
            for (String id : expected.keySet()) {
                relay.publishSoon(name, id);
            }
            awaitPublished(broker, 300, name);
            relay.stop();
            assertEachOnceInOrder(expected, broker.acknowledged);
        }
        assertOutboxesEmptyAndReleased(name);
    }

    @Test
    void a_round_stalled_past_its_leases_sends_nothing_more_once_another_relay_took_over() throws Exception {
        String name = collectionName("relay_stalled");
        Map<String, List<String>> expected = aggregates(name, 5, 2);
        Settings settings = new Settings(config, List.of(name), config.leaseDuration());
        try (ProducerEmitter broker = new ProducerEmitter(bootstrap)) {
            OutboxRelay stalled = relay(broker, settings, Clock.systemUTC());
            // the other replica's clock is past the stalled round's leases: they have run out for it
            OutboxRelay other = relay(broker, settings, Clock.offset(Clock.systemUTC(), config.leaseDuration().plusMinutes(1)));
            CountDownLatch read = new CountDownLatch(1);
            CountDownLatch resume = new CountDownLatch(1);
            stalled.beforeSend = entry -> {
                read.countDown();
                try {
                    resume.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            };
            CompletableFuture<OutboxRelay.Published> first = CompletableFuture.supplyAsync(
                    () -> stalled.publish(name, expected.keySet()));
            assertTrue(read.await(10, TimeUnit.SECONDS), "the first round took the leases and read the outboxes");

            assertEquals(10, other.publish(name, expected.keySet()).events(), "the leases ran out: the other relay publishes all");
            resume.countDown();
            OutboxRelay.Published stale = first.get(30, TimeUnit.SECONDS);

            assertEquals(0, stale.events(), "the stalled round renews its leases before sending and finds them lost");
            assertEquals(expected.keySet(), stale.skipped());
            assertEachOnceInOrder(expected, broker.acknowledged);
        }
        assertOutboxesEmptyAndReleased(name);
    }

    @Test
    void a_failed_send_leaves_that_entry_and_the_later_ones_of_its_aggregate_for_the_next_round_in_order() {
        String name = collectionName("relay_failed");
        Map<String, List<String>> expected = aggregates(name, 3, 3);
        String poisoned = expected.keySet().iterator().next();
        // entry 2 of the first aggregate is over the producer's max.request.size: refused (RecordTooLargeException)
        setPayload(name, poisoned, 1, "\"" + "x".repeat(2_000_000) + "\"");
        Settings settings = new Settings(config, List.of(name), config.leaseDuration());
        try (ProducerEmitter broker = new ProducerEmitter(bootstrap)) {
            OutboxRelay relay = relay(broker, settings, Clock.systemUTC());
            OutboxRelay.Published round = relay.publish(name, expected.keySet());

            assertEquals(Set.of(poisoned), round.failed());
            assertEquals(1 + 3 + 3, round.events(), "entry 1 of the failed aggregate and all of the others");
            Document left = collection(name).find(new Document("_id", poisoned)).first();
            assertEquals(expected.get(poisoned).subList(1, 3), left.getList(Outbox.FIELD, Document.class).stream()
                    .map(entry -> entry.getString("id")).toList(), "entry 2 and the later entry 3 wait, not sent");
            assertEquals(null, left.get(Outbox.LEASE_FIELD), "released for the next round or the sweeper");

            setPayload(name, poisoned, 0, "{}"); // (entry 2 is now the first left) the broker takes it now
            assertEquals(2, relay.publish(name, expected.keySet()).events());
            assertEachOnceInOrder(expected, broker.acknowledged);
        }
        assertOutboxesEmptyAndReleased(name);
    }

    /** Replaces the payload of the aggregate's outbox entry at {@code index} (a test's doing; entries are fixed at write time). */
    void setPayload(String name, String id, int index, String payload) {
        Document aggregate = collection(name).find(new Document("_id", id)).first();
        List<Document> outbox = new ArrayList<>(aggregate.getList(Outbox.FIELD, Document.class));
        outbox.get(index).put("payload", payload);
        collection(name).updateOne(new Document("_id", id), new Document("$set", new Document(Outbox.FIELD, outbox)));
    }

    @Test
    void a_crash_between_the_acknowledgements_and_the_pull_sends_the_same_events_again() {
        String name = collectionName("relay_crash");
        Map<String, List<String>> expected = aggregates(name, 2, 2);
        Settings settings = new Settings(config, List.of(name), config.leaseDuration());
        try (ProducerEmitter broker = new ProducerEmitter(bootstrap)) {
            OutboxRelay crashing = relay(broker, settings, Clock.systemUTC());
            crashing.beforePull = () -> {
                throw new IllegalStateException("crash after the acknowledgements, before the $pull");
            };
            assertThrows(IllegalStateException.class, () -> crashing.publish(name, expected.keySet()));
            assertEquals(4, broker.acknowledged.size());
            for (Map.Entry<String, List<String>> aggregate : expected.entrySet()) {
                assertEquals(2, collection(name).find(new Document("_id", aggregate.getKey())).first()
                        .getList(Outbox.FIELD, Document.class).size(), "nothing lost: both entries still pending");
            }

            // after the restart (past any lease the crash left), the same events go again, with the same ids (ce_id)
            OutboxRelay restarted = relay(broker, settings, Clock.offset(Clock.systemUTC(),
                    config.leaseDuration().plusMinutes(1)));
            assertEquals(4, restarted.publish(name, expected.keySet()).events());
            List<String> again = broker.acknowledged.subList(4, 8);
            assertEachOnceInOrder(expected, List.copyOf(again));
            assertEachOnceInOrder(expected, List.copyOf(broker.acknowledged.subList(0, 4)));
        }
        assertOutboxesEmptyAndReleased(name);
    }
}
