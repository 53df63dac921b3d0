package org.susong.commons.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;
import org.bson.Document;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The ordered publisher of docs/architecture.md#rule-2, tested where it lives: the outbox entries of many aggregates go
 * out in each aggregate's sequence order with their stored ids (the {@code ce_id}) and byte-identical payloads, are
 * pulled only after the broker acknowledged them, and what the broker refused or a crash left stays for the next round;
 * an aggregate whose lease another relay holds is left to it. The store is a real MongoDB-wire server
 * (mongo-java-server, as in infra/local); the broker is a stand-in {@link Emitter} that acknowledges or refuses each
 * record as a Kafka producer would (the services' tests run the same relay against the real broker).
 */
class OutboxRelayTest {

    static final Instant NOW = Instant.parse("2026-06-15T02:00:00Z");

    private MongoServer server;
    private MongoClient client;
    private MongoCollection<Document> aggregates;
    private final Broker broker = new Broker();
    private OutboxRelay relay;

    @BeforeEach
    void start() {
        server = new MongoServer(new MemoryBackend());
        InetSocketAddress address = server.bind();
        client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort());
        aggregates = client.getDatabase("relay").getCollection("things");
        relay = new OutboxRelay(broker, client.getDatabase("relay"), new EventConsumerTest.Retrying(), Clock.fixed(NOW, ZoneOffset.UTC),
                new SimpleMeterRegistry());
    }

    @AfterEach
    void stop() {
        relay.stop();
        client.close();
        server.shutdownNow();
    }

    @Test
    void many_aggregates_go_out_in_each_ones_sequence_order_with_their_stored_ids_and_are_pulled_after_the_ack() {
        List<Document> a = write("A", 3);
        List<Document> b = write("B", 2);

        OutboxRelay.Published published = relay.publish("things", List.of("A", "B"));

        assertEquals(5, published.events());
        assertEquals(Set.of(), published.leftPending());
        assertEquals(ids(a), broker.sentIds(key("A")), "A's entries in sequence order, ce_id = the stored id");
        assertEquals(ids(b), broker.sentIds(key("B")));
        assertEquals(a.get(0).getString("payload"), broker.sent.get(0).getPayload(), "the stored payload, byte for byte");
        for (String id : List.of("A", "B")) {
            Document aggregate = aggregates.find(Filters.eq("_id", id)).first();
            assertEquals(List.of(), aggregate.getList(Outbox.FIELD, Document.class), id + "'s outbox is empty");
            assertNull(aggregate.get(Outbox.LEASE_FIELD), id + "'s lease is released");
        }
    }

    @Test
    void an_entry_the_broker_refuses_stays_with_the_ones_after_it_and_the_next_round_sends_them_unchanged() {
        List<Document> a = write("A", 3);
        write("B", 1);
        String refused = a.get(1).getString("id");
        broker.refuse = message -> refused.equals(ceId(message));

        OutboxRelay.Published first = relay.publish("things", List.of("A", "B"));

        assertEquals(Set.of("A"), first.failed());
        assertEquals(2, first.events(), "A's first entry and B's");
        assertEquals(List.of(a.get(0).getString("id"), refused), broker.sentIds(key("A")),
                "nothing of A after the refused entry is sent in this round");
        assertEquals(ids(a.subList(1, 3)), ids(outbox("A")), "the refused entry and the one after it stay, in order");
        assertNull(aggregates.find(Filters.eq("_id", "A")).first().get(Outbox.LEASE_FIELD), "released for the sweeper");

        broker.refuse = message -> false;
        broker.sent.clear();
        assertEquals(2, relay.publish("things", "A"));
        assertEquals(ids(a.subList(1, 3)), broker.sentIds(key("A")), "the same ids again, in order");
        assertEquals(List.of(), outbox("A"));
    }

    @Test
    void a_crash_after_the_ack_and_before_the_pull_sends_the_same_events_again_with_the_same_ids() {
        List<Document> a = write("A", 2);
        relay.beforePull = () -> {
            throw new IllegalStateException("killed between the ack and the $pull");
        };
        assertThrows(IllegalStateException.class, () -> relay.publish("things", "A"));
        assertEquals(ids(a), ids(outbox("A")), "nothing pulled");
        List<String> firstPayloads = broker.sent.stream().map(Message::getPayload).toList();

        relay.beforePull = () -> { };
        broker.sent.clear();
        assertEquals(2, relay.publish("things", "A"));
        assertEquals(ids(a), broker.sentIds(key("A")), "a consumer sees the same ce_ids and drops the repeats");
        assertEquals(firstPayloads, broker.sent.stream().map(Message::getPayload).toList(), "byte-identical");
    }

    @Test
    void an_aggregate_whose_lease_another_relay_holds_is_left_to_it_until_the_lease_runs_out() {
        write("A", 1);
        aggregates.updateOne(Filters.eq("_id", "A"), Updates.set(Outbox.LEASE_FIELD,
                new Document("owner", "another-replica").append("until", Date.from(NOW.plusSeconds(10)))));

        OutboxRelay.Published held = relay.publish("things", List.of("A"));
        assertEquals(Set.of("A"), held.skipped());
        assertEquals(List.of(), broker.sent, "nothing sent while another relay holds the lease");

        aggregates.updateOne(Filters.eq("_id", "A"), Updates.set(Outbox.LEASE_FIELD + ".until", Date.from(NOW.minusSeconds(1))));
        assertEquals(1, relay.publish("things", "A"), "an expired lease is taken over");
        assertEquals(List.of(), outbox("A"));
    }

    @Test
    void a_send_the_broker_refuses_is_a_transient_failure_for_a_single_aggregate() {
        write("A", 1);
        broker.refuse = message -> true;
        assertThrows(TransientFailure.class, () -> relay.publish("things", "A"));
        assertEquals(1, outbox("A").size());
    }

    /** One write of an aggregate with n events in its own outbox (docs/architecture.md#rule-1). */
    private List<Document> write(String id, int n) {
        List<NewEvent> events = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            events.add(new NewEvent("susong.test.Thing.v1", id, Map.of("thing", id, "step", i), Map.of()));
        }
        List<Document> entries = Outbox.entries(new ObjectMapper(), 0, events, NOW);
        aggregates.insertOne(new Document("_id", id).append(Outbox.FIELD, entries)
                .append(Outbox.SEQUENCE_FIELD, (long) n));
        return entries;
    }

    private List<Document> outbox(String id) {
        return aggregates.find(Filters.eq("_id", id)).first().getList(Outbox.FIELD, Document.class);
    }

    private static List<String> ids(List<Document> entries) {
        return entries.stream().map(e -> e.getString("id")).toList();
    }

    private static Predicate<Message<?>> key(String subject) {
        return message -> subject.equals(message.getMetadata(OutgoingKafkaRecordMetadata.class)
                .map(m -> (Object) m.getKey()).orElse(null));
    }

    private static String ceId(Message<?> message) {
        return message.getMetadata(OutgoingCloudEventMetadata.class).map(OutgoingCloudEventMetadata::getId).orElse(null);
    }

    /** Acknowledges each record at once, or refuses the ones {@link #refuse} picks, as the producer's callback would. */
    static final class Broker implements Emitter<String> {
        final List<Message<String>> sent = new ArrayList<>();
        volatile Predicate<Message<?>> refuse = message -> false;

        synchronized List<String> sentIds(Predicate<Message<?>> filter) {
            return sent.stream().filter(filter).map(OutboxRelayTest::ceId).toList();
        }

        @Override
        public CompletionStage<Void> send(String payload) {
            throw new UnsupportedOperationException("the relay sends messages with metadata");
        }

        @Override
        @SuppressWarnings("unchecked")
        public synchronized <M extends Message<? extends String>> void send(M message) {
            sent.add((Message<String>) message);
            if (refuse.test(message)) {
                message.nack(new IllegalStateException("NOT_ENOUGH_REPLICAS"));
            } else {
                message.ack();
            }
        }

        @Override
        public void complete() {
        }

        @Override
        public void error(Exception e) {
        }

        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public boolean hasRequests() {
            return true;
        }
    }
}
