package org.susong.commons.messaging;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Date;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

/**
 * Publishes outbox entries to {@code <service>.events} (architecture rule 2), many aggregates per
 * round trip. A round takes the leases of up to {@link OutboxConfig#relayBatch} aggregates with one
 * bulk write and reads them with one find; then, wave by wave, it renews the leases of the aggregates
 * that still have an entry to send (fenced on its owner: an aggregate whose lease was lost sends
 * nothing more), sends the next entry of each and waits once for all acknowledgements
 * ({@code acks=all}, bounded by {@link #checkTimeouts}); at the end one bulk write {@code $pull}s the
 * acknowledged entries by id and one more releases the leases of the aggregates left empty (one that
 * got a new entry meanwhile stays leased and goes into the next round of the same call).
 *
 * <p>Order per key: an aggregate's entry n+1 is handed to the producer only after entry n was
 * acknowledged, so neither the producer's retries nor SmallRye's re-send of a failed record can put
 * n+1 before n (different aggregates are in flight together; nothing orders them, as before). An
 * aggregate whose send fails sends nothing more in that round and its lease is released for the next
 * round or the sweeper. A crash anywhere leaves the unpulled entries in the outbox, to be sent again
 * with the same {@code ce_id}; consumers are idempotent by event id.
 *
 * <p>{@link #publishSoon} queues an aggregate right after its write; up to {@link OutboxConfig#relayThreads}
 * rounds drain the queue. The {@link OutboxSweeper} uses the same rounds for what a crash left behind.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final String LEASE_OWNER = Outbox.LEASE_FIELD + ".owner";
    private static final String LEASE_UNTIL = Outbox.LEASE_FIELD + ".until";
    private static final BulkWriteOptions UNORDERED = new BulkWriteOptions().ordered(false);

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
    /** Aggregates waiting for a round, per collection in arrival order (a repeated id waits once). */
    private final Map<String, LinkedHashSet<String>> queued = new LinkedHashMap<>();
    /** Rounds draining {@link #queued}; guarded by {@code queued}. */
    private int draining;
    /** Test seam: runs between reading the outbox and sending an entry (a stalled relay is paused here). */
    volatile java.util.function.Consumer<Document> beforeSend = entry -> { };
    /** Test seam: runs after the broker acknowledged a round's entries, before they are pulled (a crash is thrown here). */
    volatile Runnable beforePull = () -> { };

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

    /** Eager relay: the aggregate's pending events go out with the next round, right after its write. */
    public void publishSoon(String collection, String aggregateId) {
        synchronized (queued) {
            queued.computeIfAbsent(collection, c -> new LinkedHashSet<>()).add(aggregateId);
            if (draining >= config.relayThreads()) {
                return; // a running round takes it
            }
            draining++;
        }
        try {
            executor.execute(this::drain);
        } catch (RejectedExecutionException e) {
            synchronized (queued) {
                draining--;
            }
            LOG.debugf("relay stopping: %s/%s is left to the sweeper", collection, aggregateId);
        }
    }

    /** Runs rounds of up to relay-batch queued aggregates of one collection until the queue is empty. */
    private void drain() {
        while (true) {
            String collection;
            List<String> ids = new ArrayList<>();
            synchronized (queued) {
                Iterator<Map.Entry<String, LinkedHashSet<String>>> first = queued.entrySet().iterator();
                if (!first.hasNext()) {
                    draining--;
                    return;
                }
                Map.Entry<String, LinkedHashSet<String>> next = first.next();
                collection = next.getKey();
                LinkedHashSet<String> waiting = next.getValue();
                for (Iterator<String> id = waiting.iterator(); id.hasNext() && ids.size() < config.relayBatch(); ) {
                    ids.add(id.next());
                    id.remove();
                }
                first.remove();
                if (!waiting.isEmpty()) {
                    queued.put(collection, waiting); // behind the other collections
                }
            }
            try {
                publish(collection, ids);
            } catch (RuntimeException e) {
                failures.increment(ids.size());
                LOG.warnf("publishing %d outboxes of %s failed; the sweeper will retry: %s", ids.size(), collection,
                        e.getMessage());
            }
        }
    }

    /**
     * What one call published, and which aggregates it left with pending entries.
     *
     * @param events  entries acknowledged by the broker (and pulled)
     * @param failed  aggregates whose send failed: their lease is released for the next round or the sweeper
     * @param skipped aggregates whose lease another relay held or took over (that relay publishes them)
     * @param firstFailure the first send failure, null when none
     */
    public record Published(int events, Set<String> failed, Set<String> skipped, Throwable firstFailure) {

        public Set<String> leftPending() {
            Set<String> left = new LinkedHashSet<>(failed);
            left.addAll(skipped);
            return left;
        }
    }

    /**
     * Publishes every pending entry of one aggregate if its lease can be taken.
     *
     * @return the number of events published (0 when another relay holds the lease)
     * @throws TransientFailure when the broker did not acknowledge an entry (the rest is left for the sweeper)
     */
    public int publish(String collection, String aggregateId) {
        Published result = publish(collection, List.of(aggregateId));
        if (!result.failed().isEmpty()) {
            throw new TransientFailure("the broker did not acknowledge every event of " + collection + "/" + aggregateId,
                    result.firstFailure());
        }
        return result.events();
    }

    /** Publishes the pending entries of the aggregates whose leases can be taken, in rounds of up to relay-batch. */
    public Published publish(String collection, Collection<String> aggregateIds) {
        MongoCollection<Document> documents = mongo.getDatabase(database).getCollection(collection);
        List<String> ids = List.copyOf(new LinkedHashSet<>(aggregateIds));
        Round total = new Round();
        for (int from = 0; from < ids.size(); from += config.relayBatch()) {
            publishRound(documents, ids.subList(from, Math.min(ids.size(), from + config.relayBatch())), total);
        }
        return new Published(total.events, total.failed, total.skipped, total.firstFailure);
    }

    /** One round: again for the aggregates that got new entries while it ran, until all are released. */
    private void publishRound(MongoCollection<Document> documents, List<String> ids, Round total) {
        // one owner per round: two rounds in the same process must exclude each other too
        String owner = UUID.randomUUID().toString();
        List<String> candidates = ids;
        while (!candidates.isEmpty()) {
            List<Pending> leased = takeLeases(documents, candidates, owner, total);
            if (leased.isEmpty()) {
                return;
            }
            try {
                sendInWaves(documents, leased, owner, total);
                beforePull.run();
                pullAcknowledged(documents, leased);
            } catch (RuntimeException e) {
                release(documents, leased, owner, true);
                throw e;
            }
            List<Pending> held = leased.stream().filter(aggregate -> !aggregate.lost).toList();
            // release only while the outbox is empty: a writer may have appended since we read it, and its own
            // publishSoon found the lease taken - then the next pass of this round publishes that entry too
            if (release(documents, held, owner, false) == held.size()) {
                return;
            }
            candidates = held.stream().filter(aggregate -> !aggregate.failed).map(aggregate -> aggregate.id).toList();
        }
    }

    /** What the rounds of one call did so far. */
    private static final class Round {
        int events;
        final Set<String> failed = new LinkedHashSet<>();
        final Set<String> skipped = new LinkedHashSet<>();
        Throwable firstFailure;
    }

    /** An aggregate leased by a round: its pending entries in sequence order and how far they got. */
    private static final class Pending {
        final String id;
        final List<Document> entries;
        final List<String> acknowledged = new ArrayList<>();
        boolean failed;
        boolean lost;

        Pending(String id, List<Document> entries) {
            this.id = id;
            this.entries = entries;
        }
    }

    /** One bulk write takes the free (or expired, or already ours) leases of the aggregates with entries; one find reads them. */
    private List<Pending> takeLeases(MongoCollection<Document> documents, List<String> ids, String owner, Round total) {
        Instant now = clock.instant();
        Document lease = new Document("owner", owner).append("until", Date.from(now.plus(config.leaseDuration())));
        List<WriteModel<Document>> takes = new ArrayList<>(ids.size());
        for (String id : ids) {
            // _id pinned per statement: answered from the _id index, on MongoDB and on the local store
            takes.add(new UpdateOneModel<>(Filters.and(Filters.eq("_id", id), Filters.exists(Outbox.FIELD + ".0", true),
                    Filters.or(Filters.exists(Outbox.LEASE_FIELD, false), Filters.eq(LEASE_OWNER, owner),
                            Filters.lt(LEASE_UNTIL, Date.from(now)))),
                    Updates.set(Outbox.LEASE_FIELD, lease)));
        }
        documents.bulkWrite(takes, UNORDERED);
        List<Pending> leased = new ArrayList<>();
        for (Document aggregate : documents.find(Filters.in("_id", ids))
                .projection(Projections.include(Outbox.FIELD, Outbox.LEASE_FIELD))) {
            List<Document> entries = new ArrayList<>(aggregate.getList(Outbox.FIELD, Document.class, List.of()));
            if (entries.isEmpty()) {
                continue;
            }
            String id = aggregate.getString("_id");
            if (!owner.equals(leaseOwner(aggregate))) {
                total.skipped.add(id); // another relay holds it and publishes it
                continue;
            }
            entries.sort(Comparator.comparingLong(entry -> entry.get("seq", Number.class).longValue()));
            leased.add(new Pending(id, entries));
        }
        return leased;
    }

    private static String leaseOwner(Document aggregate) {
        Document lease = aggregate.get(Outbox.LEASE_FIELD, Document.class);
        return lease == null ? null : lease.getString("owner");
    }

    /**
     * Wave k sends the k-th pending entry of every aggregate still in the round, after renewing their
     * leases, and waits once for all of them: an aggregate's next entry goes only after its previous
     * one was acknowledged. A failed or lost aggregate sends nothing more in this round.
     */
    private void sendInWaves(MongoCollection<Document> documents, List<Pending> leased, String owner, Round total) {
        for (int k = 0; ; k++) {
            int depth = k;
            List<Pending> wave = leased.stream()
                    .filter(aggregate -> !aggregate.failed && !aggregate.lost && aggregate.entries.size() > depth).toList();
            if (wave.isEmpty()) {
                return;
            }
            for (Pending aggregate : wave) {
                beforeSend.accept(aggregate.entries.get(depth));
            }
            renewLeases(documents, wave, owner);
            Map<Pending, CompletableFuture<Void>> sent = new LinkedHashMap<>();
            for (Pending aggregate : wave) {
                if (aggregate.lost) {
                    total.skipped.add(aggregate.id); // its new holder publishes it
                } else {
                    sent.put(aggregate, send(aggregate.entries.get(depth)));
                }
            }
            long deadline = System.nanoTime() + config.sendTimeout().toNanos();
            for (Map.Entry<Pending, CompletableFuture<Void>> acknowledgement : sent.entrySet()) {
                Pending aggregate = acknowledgement.getKey();
                try {
                    acknowledgement.getValue().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    aggregate.acknowledged.add(aggregate.entries.get(depth).getString("id"));
                    published.increment();
                    total.events++;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new TransientFailure("interrupted while publishing " + aggregate.id, e);
                } catch (ExecutionException | TimeoutException e) {
                    aggregate.failed = true;
                    failures.increment();
                    total.failed.add(aggregate.id);
                    if (total.firstFailure == null) {
                        total.firstFailure = e instanceof ExecutionException ? e.getCause() : e;
                    }
                    LOG.debugf("the broker did not acknowledge event %s of %s; its later entries wait for the next round",
                            aggregate.entries.get(depth).getString("id"), aggregate.id);
                }
            }
        }
    }

    /**
     * Fences each wave: a lease is renewed only while this round still holds it, so a round that
     * stalled past its lease (and lost it) sends nothing more of the list it read. A send that has
     * already started is bounded by {@link #checkTimeouts}: it ends, delivered or not, before the
     * renewed lease runs out. The leases are read back only when some renewal did not match.
     */
    private void renewLeases(MongoCollection<Document> documents, List<Pending> wave, String owner) {
        Date until = Date.from(clock.instant().plus(config.leaseDuration()));
        List<WriteModel<Document>> renewals = new ArrayList<>(wave.size());
        for (Pending aggregate : wave) {
            renewals.add(new UpdateOneModel<>(Filters.and(Filters.eq("_id", aggregate.id), Filters.eq(LEASE_OWNER, owner)),
                    Updates.set(LEASE_UNTIL, until)));
        }
        if (documents.bulkWrite(renewals, UNORDERED).getMatchedCount() == wave.size()) {
            return;
        }
        Set<String> held = new HashSet<>();
        for (Document aggregate : documents.find(Filters.in("_id", wave.stream().map(a -> a.id).toList()))
                .projection(Projections.include(Outbox.LEASE_FIELD))) {
            if (owner.equals(leaseOwner(aggregate))) {
                held.add(aggregate.getString("_id"));
            }
        }
        for (Pending aggregate : wave) {
            if (!held.contains(aggregate.id)) {
                // stalled past the lease: another relay took over and publishes the current list
                aggregate.lost = true;
                LOG.debugf("lost the outbox lease of %s; leaving it to its new holder", aggregate.id);
            }
        }
    }

    /** One bulk write removes every acknowledged entry by id (never by overwriting the array); lease or not, they were delivered. */
    private void pullAcknowledged(MongoCollection<Document> documents, List<Pending> leased) {
        List<WriteModel<Document>> pulls = new ArrayList<>();
        for (Pending aggregate : leased) {
            if (!aggregate.acknowledged.isEmpty()) {
                pulls.add(new UpdateOneModel<>(Filters.eq("_id", aggregate.id), Updates.pull(Outbox.FIELD,
                        new Document("id", new Document("$in", aggregate.acknowledged)))));
            }
        }
        if (!pulls.isEmpty()) {
            documents.bulkWrite(pulls, UNORDERED);
        }
    }

    /**
     * One bulk write releases this round's leases: a failed aggregate's (or every one, after an
     * error) unconditionally, the others only while their outbox is empty.
     *
     * @return how many leases were released
     */
    private int release(MongoCollection<Document> documents, List<Pending> aggregates, String owner, boolean all) {
        List<WriteModel<Document>> releases = new ArrayList<>(aggregates.size());
        for (Pending aggregate : aggregates) {
            // one flat $and pinning _id: the local store answers it from the _id index (a nested $and it scans)
            Bson filter = all || aggregate.failed
                    ? Filters.and(Filters.eq("_id", aggregate.id), Filters.eq(LEASE_OWNER, owner))
                    : Filters.and(Filters.eq("_id", aggregate.id), Filters.eq(LEASE_OWNER, owner),
                            Filters.or(Filters.size(Outbox.FIELD, 0), Filters.exists(Outbox.FIELD, false)));
            releases.add(new UpdateOneModel<>(filter, Updates.unset(Outbox.LEASE_FIELD)));
        }
        if (releases.isEmpty()) {
            return 0;
        }
        try {
            return documents.bulkWrite(releases, UNORDERED).getModifiedCount();
        } catch (RuntimeException e) {
            if (!all) {
                throw e;
            }
            // already failing: the leases run out by themselves
            LOG.debugf("releasing outbox leases failed: %s", e.getMessage());
            return 0;
        }
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

    /** Hands one entry to the producer; the future completes when the broker acknowledged it, or fails. */
    private CompletableFuture<Void> send(Document entry) {
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
        try {
            emitter.send(message);
        } catch (RuntimeException e) {
            // e.g. the emitter's buffer is full: this entry waits for the next round
            acknowledged.completeExceptionally(e);
        }
        return acknowledged;
    }
}
