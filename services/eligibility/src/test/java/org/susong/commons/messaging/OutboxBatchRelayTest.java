package org.susong.commons.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
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
}
