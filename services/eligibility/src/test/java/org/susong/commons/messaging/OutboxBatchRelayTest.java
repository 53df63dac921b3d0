package org.susong.commons.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
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
import org.junit.jupiter.api.Test;
import org.susong.testing.LocalInfraTestResource;

/**
 * Commons' relay publishing many aggregates per round trip (issue 14): every entry once, in
 * sequence order per aggregate, with store writes counted by a driver {@link CommandListener} on
 * the relay's own client. In eligibility for the reason given in {@link OutboxRelayTest}.
 */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
class OutboxBatchRelayTest extends RelayStore {

    /** Commands that write to the store (a bulk write of many statements is one command, one round trip). */
    static final Set<String> WRITES = Set.of("insert", "update", "delete", "findAndModify");
    /** Every command that reads or writes documents (writes, and the reads: find, its getMore, count). */
    static final Set<String> COMMANDS = Set.of("insert", "update", "delete", "findAndModify", "find", "getMore", "aggregate",
            "count");

    /** A client of the same store that counts the write commands sent through it. */
    static final class CountingClient implements AutoCloseable {
        final AtomicInteger writes = new AtomicInteger();
        final AtomicInteger commands = new AtomicInteger();
        final MongoClient client;

        CountingClient(String connection) {
            // a proxy, not a class: Quarkus makes every class implementing CommandListener a bean of the service's client
            CommandListener listener = (CommandListener) Proxy.newProxyInstance(CommandListener.class.getClassLoader(),
                    new Class<?>[] {CommandListener.class}, (proxy, method, args) -> {
                        if (method.getName().equals("commandStarted")) {
                            String command = ((CommandStartedEvent) args[0]).getCommandName();
                            if (WRITES.contains(command)) {
                                writes.incrementAndGet();
                            }
                            if (COMMANDS.contains(command)) {
                                commands.incrementAndGet();
                            }
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
            OutboxRelay relay = new OutboxRelay(broker, store.client.getDatabase(database), settings, Clock.systemUTC(), registry);
            new OutboxSweeper(relay, store.client.getDatabase(database), settings, Clock.systemUTC(), registry).sweep();

            assertEachOnceInOrder(expected, broker.acknowledged);
            // one aggregate at a time, the relay wrote 2 + 2 x events per aggregate (lease, per entry a renewal and a
            // $pull, release): 3 writes per event here. Batched, the writes are per round, not per aggregate or event.
            assertTrue(store.writes.get() * 2 <= events, store.writes.get() + " store writes for " + events
                    + " events: more than one write per two events");
        }
        assertOutboxesEmptyAndReleased(name);
    }

    OutboxRelay relay(ProducerEmitter broker, Settings settings, Clock clock) {
        return new OutboxRelay(broker, mongo.getDatabase(database), settings, clock, new SimpleMeterRegistry());
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
            MovingClock stalledClock = new MovingClock();
            OutboxRelay stalled = relay(broker, settings, stalledClock);
            // the other replica's clock is past the stalled round's leases: they have run out for it
            OutboxRelay other = relay(broker, settings, Clock.offset(Clock.systemUTC(), config.leaseDuration().plusMinutes(1)));
            CountDownLatch read = new CountDownLatch(1);
            CountDownLatch resume = new CountDownLatch(1);
            stalled.beforeSend = entry -> {
                if (read.getCount() > 0) {
                    stalledClock.advance(config.leaseDuration().plusMinutes(1)); // the stall, as the stalled round sees it
                }
                read.countDown();
                await(resume);
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

    /** A relay paused in a test seam waits here. */
    static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The write commands and all commands (writes and reads) the relay's own client sent. */
    record Commands(int writes, int all) {
        static Commands of(CountingClient store) {
            return new Commands(store.writes.get(), store.commands.get());
        }
    }

    @Test
    void a_round_takes_the_leases_reads_them_and_pulls_and_releases_with_one_write_renewing_nothing_while_young() {
        String name = collectionName("relay_cost");
        Map<String, List<String>> expected = aggregates(name, 3, 3);
        Settings settings = new Settings(config, List.of(name), config.leaseDuration());
        try (ProducerEmitter broker = new ProducerEmitter(bootstrap); CountingClient store = new CountingClient(connection)) {
            OutboxRelay relay = new OutboxRelay(broker, store.client.getDatabase(database), settings, Clock.systemUTC(), new SimpleMeterRegistry());
            assertEquals(9, relay.publish(name, expected.keySet()).events());

            assertEachOnceInOrder(expected, broker.acknowledged);
            // 1 bulk write takes the leases, 1 find reads the outboxes, 3 waves renew nothing (the leases were taken a
            // moment ago), 1 ordered bulk write $pulls the acknowledged entries and releases the emptied leases
            assertEquals(new Commands(2, 3), Commands.of(store), "take + find + (pull and release) for one round");
        }
        assertOutboxesEmptyAndReleased(name);
    }

    @Test
    void a_writer_appending_after_the_round_read_the_outbox_is_published_by_the_same_call_and_its_lease_not_stranded() {
        String name = collectionName("relay_append");
        Map<String, List<String>> expected = aggregates(name, 2, 1);
        String written = expected.keySet().iterator().next();
        Settings settings = new Settings(config, List.of(name), config.leaseDuration());
        try (ProducerEmitter broker = new ProducerEmitter(bootstrap)) {
            OutboxRelay relay = relay(broker, settings, Clock.systemUTC());
            List<Document> appended = Outbox.entries(json, 1,
                    List.of(NewEvent.of("susong.eligibility.BatchRelayTest.v1", written, Map.of("n", 2)).build()), Instant.now());
            relay.beforePull = () -> {
                relay.beforePull = () -> { };
                // a writer appends while the round holds the lease (its publishSoon would find the lease taken): after
                // the round's ordered write $pulled the sent entry, the outbox is not empty, so the lease must stay
                // (the release is filtered on an empty outbox) and the same call publishes the new entry
                assertEquals(1, collection(name).updateOne(Filters.eq("_id", written), Outbox.append(appended)).getModifiedCount());
            };
            assertEquals(3, relay.publish(name, expected.keySet()).events(), "both first entries and the appended one");

            Map<String, List<String>> all = new LinkedHashMap<>(expected);
            all.put(written, List.of(expected.get(written).get(0), appended.get(0).getString("id")));
            assertEachOnceInOrder(all, broker.acknowledged);
        }
        assertOutboxesEmptyAndReleased(name);
    }

    @Test
    void a_lease_lost_mid_round_sends_nothing_more_and_the_stale_write_pulls_only_what_was_acknowledged_and_releases_nothing()
            throws Exception {
        String name = collectionName("relay_lost");
        Map<String, List<String>> expected = aggregates(name, 3, 2);
        Settings settings = new Settings(config, List.of(name), config.leaseDuration());
        try (ProducerEmitter broker = new ProducerEmitter(bootstrap)) {
            MovingClock stalledClock = new MovingClock();
            OutboxRelay stalled = relay(broker, settings, stalledClock);
            OutboxRelay other = relay(broker, settings, Clock.offset(Clock.systemUTC(), config.leaseDuration().plusMinutes(1)));
            CountDownLatch secondWave = new CountDownLatch(1);
            CountDownLatch resume = new CountDownLatch(1);
            stalled.beforeSend = entry -> {
                if (entry.get("seq", Number.class).longValue() == 2 && secondWave.getCount() > 0) {
                    stalledClock.advance(config.leaseDuration().plusMinutes(1)); // stalls past its leases before wave 2
                    secondWave.countDown();
                    await(resume);
                }
            };
            CountDownLatch otherRead = new CountDownLatch(1);
            CountDownLatch otherResume = new CountDownLatch(1);
            other.beforeSend = entry -> {
                if (otherRead.getCount() > 0) {
                    otherRead.countDown();
                    await(otherResume);
                }
            };
            CompletableFuture<OutboxRelay.Published> first = CompletableFuture.supplyAsync(() -> stalled.publish(name, expected.keySet()));
            assertTrue(secondWave.await(10, TimeUnit.SECONDS), "the stalled round sent wave 1 and stopped before wave 2");
            CompletableFuture<OutboxRelay.Published> second = CompletableFuture.supplyAsync(() -> other.publish(name, expected.keySet()));
            assertTrue(otherRead.await(10, TimeUnit.SECONDS), "the other relay took the run-out leases and read the outboxes");

            resume.countDown();
            OutboxRelay.Published stale = first.get(30, TimeUnit.SECONDS);
            assertEquals(3, stale.events(), "wave 1 only: the renewal before wave 2 finds every lease lost");
            assertEquals(expected.keySet(), stale.skipped());
            for (Map.Entry<String, List<String>> aggregate : expected.entrySet()) {
                Document left = collection(name).find(Filters.eq("_id", aggregate.getKey())).first();
                assertEquals(List.of(aggregate.getValue().get(1)), left.getList(Outbox.FIELD, Document.class).stream()
                        .map(entry -> entry.getString("id")).toList(), "entry 1 (acknowledged) pulled, entry 2 (never sent) left");
                assertTrue(left.get(Outbox.LEASE_FIELD, Document.class) != null, "the new holder's lease is not released by the"
                        + " stale round's write");
            }

            otherResume.countDown();
            assertEquals(6, second.get(30, TimeUnit.SECONDS).events(), "the new holder sends the list it read (entry 1 again)");
            for (Map.Entry<String, List<String>> aggregate : expected.entrySet()) {
                List<String> sent = broker.acknowledged.stream().filter(aggregate.getValue()::contains).toList();
                List<String> one = aggregate.getValue();
                assertEquals(List.of(one.get(0), one.get(0), one.get(1)), sent,
                        "entry 2 once, after entry 1 (sent again by the new holder with the same id)");
            }
        }
        assertOutboxesEmptyAndReleased(name);
    }

    /**
     * 4 relay threads, a linger far longer than the test: the first write finds no round running and
     * goes at once (held in the seam until the others are queued); the writes made while it runs share
     * the next round, which starts when {@code release} allows. Returns the relay's commands.
     */
    Commands roundsOfPublishSoon(String name, Map<String, List<String>> expected, int batch,
                                 java.util.function.Consumer<CountDownLatch> release) throws Exception {
        List<String> ids = List.copyOf(expected.keySet());
        Settings settings = new Settings(config, List.of(name), config.leaseDuration(), 4, batch, Duration.ofMinutes(5));
        try (ProducerEmitter broker = new ProducerEmitter(bootstrap); CountingClient store = new CountingClient(connection)) {
            OutboxRelay relay = new OutboxRelay(broker, store.client.getDatabase(database), settings, Clock.systemUTC(), new SimpleMeterRegistry());
            CountDownLatch firstSending = new CountDownLatch(1);
            CountDownLatch firstResume = new CountDownLatch(1);
            CountDownLatch secondSending = new CountDownLatch(1);
            relay.beforeSend = entry -> {
                if (entry.getString("subject").equals(ids.get(0))) {
                    firstSending.countDown();
                    await(firstResume);
                } else {
                    secondSending.countDown();
                }
            };
            relay.publishSoon(name, ids.get(0));
            assertTrue(firstSending.await(10, TimeUnit.SECONDS), "no round was running: the first write's round started at once");
            for (String id : ids.subList(1, ids.size())) {
                relay.publishSoon(name, id);
            }
            release.accept(secondSending);
            firstResume.countDown();
            awaitPublished(broker, ids.size(), name);
            relay.stop();
            assertEachOnceInOrder(expected, broker.acknowledged);
            return Commands.of(store);
        }
    }

    @Test
    void publish_soon_queues_the_writes_made_while_a_round_runs_for_one_round_that_starts_when_it_ends() throws Exception {
        String name = collectionName("relay_linger");
        Map<String, List<String>> expected = aggregates(name, 4, 1);
        // 3 writes while the first round runs, relay-batch 8: neither the batch nor the linger starts their round
        Commands commands = roundsOfPublishSoon(name, expected, 8, second -> { });
        assertEquals(new Commands(4, 6), commands, "two rounds (take + find + one pull and release each): the first"
                + " write's, and one for the 3 made while it ran - not a round per write on the idle threads");
        assertOutboxesEmptyAndReleased(name);
    }

    @Test
    void publish_soon_starts_a_round_as_soon_as_relay_batch_aggregates_are_queued() throws Exception {
        String name = collectionName("relay_full");
        Map<String, List<String>> expected = aggregates(name, 5, 1);
        // relay-batch 4: the 4 writes made while the first round runs fill a round, which starts while the first still runs
        Commands commands = roundsOfPublishSoon(name, expected, 4, second -> {
            try {
                assertTrue(second.await(10, TimeUnit.SECONDS), "a full batch starts its round without waiting");
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        assertEquals(new Commands(4, 6), commands, "two rounds: the first write's and one of the 4 queued meanwhile");
        assertOutboxesEmptyAndReleased(name);
    }
}
