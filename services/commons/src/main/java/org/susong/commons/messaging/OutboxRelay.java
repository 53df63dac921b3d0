package org.susong.commons.messaging;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import jakarta.annotation.PreDestroy;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

/**
 * Publishes the outbox entries of one aggregate, in sequence order, to {@code <service>.events}
 * (architecture rule 2). Only the holder of the aggregate's lease publishes, so a retry never
 * overtakes a later event; the lease is renewed (fenced on its owner) before each send, and the wait
 * for the broker covers everything the producer may still deliver ({@link #checkTimeouts}); each entry is removed with {@code $pull} by id once the broker has
 * acknowledged it ({@code acks=all}). Called right after a write ({@link #publishSoon}) and by the
 * {@link OutboxSweeper} for whatever a crash left behind.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final Emitter<String> emitter;
    private final MongoClient mongo;
    private final String database;
    private final OutboxConfig config;
    private final Clock clock;
    private final ExecutorService executor;
    private final URI source;
    private final String topic;
    private final Counter published;
    private final Counter failures;
    /** Test seam: runs between reading the outbox and sending an entry (a stalled relay is paused here). */
    volatile java.util.function.Consumer<Document> beforeSend = entry -> { };

    OutboxRelay(@Channel("events-out") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096) Emitter<String> emitter,
                MongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database,
                OutboxConfig config, Clock clock, MeterRegistry registry) {
        this.emitter = emitter;
        this.mongo = mongo;
        this.database = database;
        this.config = config;
        this.clock = clock;
        checkTimeouts(config, org.eclipse.microprofile.config.ConfigProvider.getConfig());
        this.executor = Executors.newFixedThreadPool(config.relayThreads(), runnable -> {
            Thread thread = new Thread(runnable, "outbox-relay");
            thread.setDaemon(true);
            return thread;
        });
        this.source = URI.create("/susong/" + config.service());
        this.topic = TopicCatalogue.eventsTopic(config.service());
        this.published = Counter.builder("susong.outbox.published").description("events published from outboxes")
                .register(registry);
        this.failures = Counter.builder("susong.outbox.publish.failures")
                .description("publish attempts that failed and were left for the sweeper").register(registry);
    }

    @PreDestroy
    void stop() {
        executor.shutdown();
        try {
            executor.awaitTermination(config.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Eager relay: publish the aggregate's pending events in the background, right after its write. */
    public void publishSoon(String collection, String aggregateId) {
        executor.execute(() -> {
            try {
                publish(collection, aggregateId);
            } catch (RuntimeException e) {
                failures.increment();
                LOG.warnf("publishing the outbox of %s/%s failed; the sweeper will retry: %s", collection, aggregateId,
                        e.getMessage());
            }
        });
    }

    /**
     * Publishes every pending entry of one aggregate if its lease can be taken.
     *
     * @return the number of events published (0 when another relay holds the lease)
     */
    public int publish(String collection, String aggregateId) {
        MongoCollection<Document> documents = mongo.getDatabase(database).getCollection(collection);
        // one owner per call: two publishers in the same process must exclude each other too
        String owner = UUID.randomUUID().toString();
        int count = 0;
        while (true) {
            Document aggregate = takeLease(documents, aggregateId, owner);
            if (aggregate == null) {
                return count;
            }
            List<Document> pending = new ArrayList<>(aggregate.getList(Outbox.FIELD, Document.class, List.of()));
            pending.sort(Comparator.comparingLong(entry -> entry.get("seq", Number.class).longValue()));
            try {
                for (Document entry : pending) {
                    beforeSend.accept(entry);
                    if (!renewLease(documents, aggregateId, owner)) {
                        // stalled past the lease: another relay took over and publishes the current list
                        LOG.debugf("lost the outbox lease of %s/%s; leaving it to its new holder", collection, aggregateId);
                        return count;
                    }
                    send(entry);
                    documents.updateOne(Filters.eq("_id", aggregateId),
                            Updates.pull(Outbox.FIELD, new Document("id", entry.getString("id"))));
                    published.increment();
                    count++;
                }
            } catch (RuntimeException e) {
                releaseLease(documents, aggregateId, owner);
                throw e;
            }
            // release only while the outbox is empty: a writer may have appended since we read it,
            // and its own relay call found the lease taken - then this loop publishes that entry too
            if (documents.updateOne(Filters.and(Filters.eq("_id", aggregateId), Filters.eq(Outbox.LEASE_FIELD + ".owner", owner),
                    Filters.or(Filters.size(Outbox.FIELD, 0), Filters.exists(Outbox.FIELD, false))),
                    Updates.unset(Outbox.LEASE_FIELD)).getModifiedCount() == 1) {
                return count;
            }
        }
    }

    private Document takeLease(MongoCollection<Document> documents, Object aggregateId, String owner) {
        Instant now = clock.instant();
        Date until = Date.from(now.plus(config.leaseDuration()));
        return documents.findOneAndUpdate(
                Filters.and(Filters.eq("_id", aggregateId), Filters.or(
                        Filters.exists(Outbox.LEASE_FIELD, false),
                        Filters.eq(Outbox.LEASE_FIELD + ".owner", owner),
                        Filters.lt(Outbox.LEASE_FIELD + ".until", Date.from(now)))),
                Updates.set(Outbox.LEASE_FIELD, new Document("owner", owner).append("until", until)),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
    }

    /**
     * Fences each send: the lease is renewed only while this call still holds it, so a relay that
     * stalled past its lease (and lost it) sends nothing more of the list it read. A send that has
     * already started is bounded by {@link #checkTimeouts}: it ends, delivered or not, before the
     * renewed lease runs out.
     */
    private boolean renewLease(MongoCollection<Document> documents, Object aggregateId, String owner) {
        Date until = Date.from(clock.instant().plus(config.leaseDuration()));
        return documents.updateOne(Filters.and(Filters.eq("_id", aggregateId), Filters.eq(Outbox.LEASE_FIELD + ".owner", owner)),
                Updates.set(Outbox.LEASE_FIELD + ".until", until)).getMatchedCount() == 1;
    }

    /**
     * The relay must not give up on a send the producer may still deliver (the next relay's send of
     * the same or a later entry could land before it), and the lease must outlast the wait. SmallRye's
     * sink re-sends a retriable failure until {@code delivery.timeout.ms} has passed, and that last
     * attempt may block {@code max.block.ms} and take {@code delivery.timeout.ms} again.
     */
    static void checkTimeouts(OutboxConfig config, org.eclipse.microprofile.config.Config producer) {
        String prefix = "mp.messaging.outgoing.events-out.";
        long delivery = producer.getOptionalValue(prefix + "delivery.timeout.ms", Long.class).orElse(120_000L);
        long block = producer.getOptionalValue(prefix + "max.block.ms", Long.class).orElse(60_000L);
        long longestSend = 2 * delivery + block;
        if (config.sendTimeout().toMillis() < longestSend) {
            throw new IllegalStateException("susong.messaging.send-timeout " + config.sendTimeout() + " is shorter than the"
                    + " producer may still deliver (2 x delivery.timeout.ms + max.block.ms = " + longestSend + " ms)");
        }
        if (config.leaseDuration().compareTo(config.sendTimeout()) <= 0) {
            throw new IllegalStateException("susong.messaging.lease-duration " + config.leaseDuration()
                    + " must be longer than send-timeout " + config.sendTimeout());
        }
    }

    private void releaseLease(MongoCollection<Document> documents, Object aggregateId, String owner) {
        documents.updateOne(Filters.and(Filters.eq("_id", aggregateId), Filters.eq(Outbox.LEASE_FIELD + ".owner", owner)),
                Updates.unset(Outbox.LEASE_FIELD));
    }

    private void send(Document entry) {
        Document extensions = entry.get("ext", Document.class);
        io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadataBuilder<Object> cloudEvent = OutgoingCloudEventMetadata.builder()
                .withId(entry.getString("id"))
                .withType(entry.getString("type"))
                .withSource(source)
                .withSubject(entry.getString("subject"))
                .withDataContentType("application/json")
                .withTimestamp(entry.getDate("at").toInstant().atZone(ZoneOffset.UTC));
        if (extensions != null) {
            for (Map.Entry<String, Object> extension : extensions.entrySet()) {
                cloudEvent.withExtension(extension.getKey(), String.valueOf(extension.getValue()));
            }
        }
        CompletableFuture<Void> acknowledged = new CompletableFuture<>();
        Message<String> message = Message.of(entry.getString("payload"), Metadata.of(
                        OutgoingKafkaRecordMetadata.<String>builder().withTopic(topic).withKey(entry.getString("subject")).build(),
                        cloudEvent.build()))
                .withAck(() -> {
                    acknowledged.complete(null);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(failure -> {
                    acknowledged.completeExceptionally(failure);
                    return CompletableFuture.completedFuture(null);
                });
        emitter.send(message);
        try {
            acknowledged.get(config.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransientFailure("interrupted while publishing " + entry.getString("id"), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new TransientFailure("the broker did not acknowledge event " + entry.getString("id"), e);
        }
    }
}
