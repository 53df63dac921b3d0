package org.susong.commons.messaging;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
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
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

/**
 * Publishes outbox entries to {@code <service>.events} (architecture rule 2, docs/architecture.md#rule-2), many aggregates per
 * round trip. A round takes the leases of up to {@link OutboxConfig#relayBatch} aggregates with one
 * bulk write and reads them with one find; then, wave by wave, it sends the next entry of each
 * aggregate that still has one and waits once for all acknowledgements ({@code acks=all}, bounded by
 * {@link #checkTimeouts}). Before a wave whose leases are no longer young (a quarter of the margin
 * between lease and send-timeout has passed since they were taken or renewed) it renews them, fenced
 * on its owner: an aggregate whose lease was lost sends nothing more. At the end one ordered bulk
 * write, per aggregate, {@code $pull}s the acknowledged entries by id and then releases the lease if
 * the round still holds it and the outbox is now empty (one that got a new entry meanwhile stays
 * leased and goes into the next round of the same call). A round of any size costs 2 writes and 1 read
 * while its leases are young.
 *
 * <p>Order per key: an aggregate's entry n+1 is handed to the producer only after entry n was
 * acknowledged, so neither the producer's retries nor SmallRye's re-send of a failed record can put
 * n+1 before n (different aggregates are in flight together; nothing orders them, as before). An
 * aggregate whose send fails sends nothing more in that round and its lease is released for the next
 * round or the sweeper. A crash anywhere leaves the unpulled entries in the outbox, to be sent again
 * with the same {@code ce_id}; consumers are idempotent by event id.
 *
 * <p>{@link #publishSoon} queues an aggregate right after its write; up to {@link OutboxConfig#relayThreads}
 * rounds drain the queue. When no round is running, a round starts right away; while one runs, the
 * aggregates queued meanwhile wait for a round until it ends, until the oldest has waited
 * {@link OutboxConfig#relayLinger} or until {@link OutboxConfig#relayBatch} are queued, so that writes
 * in quick succession share a round; while a round waits so, writes only queue. The {@link OutboxSweeper}
 * uses the same rounds (without the linger) for what a crash left behind.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final String LEASE_OWNER = Outbox.LEASE_FIELD + ".owner";
    private static final String LEASE_UNTIL = Outbox.LEASE_FIELD + ".until";
    private static final BulkWriteOptions UNORDERED = new BulkWriteOptions().ordered(false);
    /** A pull and then the release of the same aggregate: the release must see the outbox after the pull. */
    private static final BulkWriteOptions ORDERED = new BulkWriteOptions().ordered(true);

    private final Emitter<String> emitter;
    private final MongoDatabase database;
    private final OutboxConfig config;
    private final Clock clock;
    private final ExecutorService executor;
    private final URI source;
    private final String topic;
    private final Counter published;
    private final Counter failures;
    /** Aggregates waiting for a round, per collection in arrival order (a repeated id waits once). */
    private final Map<String, LinkedHashSet<String>> queued = new LinkedHashMap<>();
    /** Aggregates in {@link #queued}; guarded by {@code queued}. */
    private int queuedCount;
    /** {@link System#nanoTime} when the oldest of {@link #queued} was queued; guarded by {@code queued}. */
    private long oldestQueuedAt;
    /** Rounds draining {@link #queued}; guarded by {@code queued}. */
    private int draining;
    /** Of {@link #draining}, the rounds waiting for the linger to pass; guarded by {@code queued}. */
    private int lingering;
    /** Set when stopping: a waiting round stops waiting; guarded by {@code queued}. */
    private boolean stopping;
    /** Test seam: runs between reading the outbox and sending an entry (a stalled relay is paused here). */
    volatile java.util.function.Consumer<Document> beforeSend = entry -> { };
    /** Test seam: runs after the broker acknowledged a round's entries, before they are pulled (a crash is thrown here). */
    volatile Runnable beforePull = () -> { };

    OutboxRelay(@Channel("events-out") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096) Emitter<String> emitter,
                MongoDatabase database,
                OutboxConfig config, Clock clock, MeterRegistry registry) {
        this.emitter = emitter;
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
        synchronized (queued) {
            stopping = true;
            queued.notifyAll();
        }
        executor.shutdown();
        try {
            executor.awaitTermination(config.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Eager relay: the aggregate's pending events go out with the next round: right away when no round
     * is running, else at most {@link OutboxConfig#relayLinger} after its write.
     */
    public void publishSoon(String collection, String aggregateId) {
        synchronized (queued) {
            if (queued.isEmpty()) {
                oldestQueuedAt = System.nanoTime();
            }
            if (queued.computeIfAbsent(collection, c -> new LinkedHashSet<>()).add(aggregateId)) {
                queuedCount++;
            }
            if (queuedCount >= config.relayBatch()) {
                queued.notifyAll(); // a full round: a waiting round starts now
            }
            if (lingering > 0 || draining >= config.relayThreads()) {
                return; // a waiting or running round takes it
            }
            draining++;
        }
        startRound(collection + "/" + aggregateId);
    }

    /** Runs {@link #drain} on a relay thread; the caller counted it in {@link #draining}. */
    private void startRound(String what) {
        try {
            executor.execute(this::drain);
        } catch (RejectedExecutionException e) {
            synchronized (queued) {
                draining--;
            }
            LOG.debugf("relay stopping: %s is left to the sweeper", what);
        }
    }

    /** Runs rounds of up to relay-batch queued aggregates of one collection until the queue is empty. */
    private void drain() {
        while (true) {
            String collection;
            List<String> ids = new ArrayList<>();
            boolean another;
            synchronized (queued) {
                awaitLinger();
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
                queuedCount -= ids.size();
                first.remove();
                if (!waiting.isEmpty()) {
                    queued.put(collection, waiting); // behind the other collections
                }
                // what is left (another collection, or more than a batch) need not wait for this round
                another = !queued.isEmpty() && lingering == 0 && draining < config.relayThreads();
                if (another) {
                    draining++;
                }
            }
            if (another) {
                startRound("the rest of the queue");
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
     * Holding {@code queued}'s monitor (released while waiting): while another round is running, waits
     * until it ends, the oldest queued aggregate has waited the linger, a full batch is queued, the
     * queue is empty or the relay stops.
     */
    private void awaitLinger() {
        long linger = config.relayLinger().toNanos();
        if (linger <= 0) {
            return;
        }
        lingering++;
        queued.notifyAll(); // this round ended: one waiting for it need not wait longer
        try {
            while (!stopping && !queued.isEmpty() && queuedCount < config.relayBatch() && draining > lingering) {
                long left = oldestQueuedAt + linger - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                queued.wait(left / 1_000_000, (int) (left % 1_000_000));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lingering--;
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
        MongoCollection<Document> documents = database.getCollection(collection);
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
            Instant leasedAt = clock.instant();
            List<Pending> leased = takeLeases(documents, candidates, owner, leasedAt, total);
            if (leased.isEmpty()) {
                return;
            }
            try {
                sendInWaves(documents, leased, owner, leasedAt, total);
                beforePull.run();
                // release only while the outbox is empty: a writer may have appended since we read it, and its own
                // publishSoon found the lease taken - then the next pass of this round publishes that entry too
                if (pullAndRelease(documents, leased, owner)) {
                    return;
                }
            } catch (RuntimeException e) {
                releaseAll(documents, leased, owner);
                throw e;
            }
            candidates = leased.stream().filter(aggregate -> !aggregate.lost && !aggregate.failed)
                    .map(aggregate -> aggregate.id).toList();
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
    private List<Pending> takeLeases(MongoCollection<Document> documents, List<String> ids, String owner, Instant now,
                                     Round total) {
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
     * Wave k sends the k-th pending entry of every aggregate still in the round and waits once for all
     * of them: an aggregate's next entry goes only after its previous one was acknowledged. A failed or
     * lost aggregate sends nothing more in this round. The leases are renewed (and so checked) before a
     * wave only once they are no longer young: taken or renewed more than a quarter of
     * {@code lease-duration - send-timeout} ago. A lease is lost only by running out, so a young one is
     * still this round's, and it outlasts the wave (which ends within send-timeout) by more than
     * three quarters of that margin, the clock difference between replicas it tolerates.
     */
    private void sendInWaves(MongoCollection<Document> documents, List<Pending> leased, String owner, Instant leasedAt,
                             Round total) {
        Duration young = config.leaseDuration().minus(config.sendTimeout()).dividedBy(4);
        Instant renewedAt = leasedAt;
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
            Instant now = clock.instant();
            if (now.isAfter(renewedAt.plus(young))) {
                renewLeases(documents, wave, owner, now);
                renewedAt = now;
            }
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
     * Fences a wave whose leases are no longer young: a lease is renewed only while this round still holds it, so a round that
     * stalled past its lease (and lost it) sends nothing more of the list it read. A send that has
     * already started is bounded by {@link #checkTimeouts}: it ends, delivered or not, before the
     * renewed lease runs out. The leases are read back only when some renewal did not match.
     */
    private void renewLeases(MongoCollection<Document> documents, List<Pending> wave, String owner, Instant now) {
        Date until = Date.from(now.plus(config.leaseDuration()));
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

    /**
     * One ordered bulk write, per aggregate: {@code $pull} its acknowledged entries by id (never by
     * overwriting the array; lease or not, they were delivered), then, if the round still holds its
     * lease, {@code $unset} the lease: a failed aggregate's unconditionally, the others only while the
     * outbox is empty after the pull (a writer may have appended since the round read it). Each
     * statement pins {@code _id}.
     *
     * @return whether every lease the round still held was released: the matched count is the pulls'
     *         plus the releases', each at most its number of statements, so it equals their sum only
     *         then (a pull that matched nothing, the aggregate deleted meanwhile, costs one more pass)
     */
    private boolean pullAndRelease(MongoCollection<Document> documents, List<Pending> leased, String owner) {
        List<WriteModel<Document>> writes = new ArrayList<>(2 * leased.size());
        int statements = 0;
        for (Pending aggregate : leased) {
            if (!aggregate.acknowledged.isEmpty()) {
                writes.add(new UpdateOneModel<>(Filters.eq("_id", aggregate.id), Updates.pull(Outbox.FIELD,
                        new Document("id", new Document("$in", aggregate.acknowledged)))));
                statements++;
            }
            if (!aggregate.lost) {
                // one flat $and pinning _id: the local store answers it from the _id index (a nested $and it scans)
                Bson filter = aggregate.failed
                        ? Filters.and(Filters.eq("_id", aggregate.id), Filters.eq(LEASE_OWNER, owner))
                        : Filters.and(Filters.eq("_id", aggregate.id), Filters.eq(LEASE_OWNER, owner),
                                Filters.or(Filters.size(Outbox.FIELD, 0), Filters.exists(Outbox.FIELD, false)));
                writes.add(new UpdateOneModel<>(filter, Updates.unset(Outbox.LEASE_FIELD)));
                statements++;
            }
        }
        return writes.isEmpty() || documents.bulkWrite(writes, ORDERED).getMatchedCount() == statements;
    }

    /** After an error: one bulk write releases every lease the round still holds; if it fails too, they run out. */
    private void releaseAll(MongoCollection<Document> documents, List<Pending> aggregates, String owner) {
        List<WriteModel<Document>> releases = new ArrayList<>(aggregates.size());
        for (Pending aggregate : aggregates) {
            releases.add(new UpdateOneModel<>(Filters.and(Filters.eq("_id", aggregate.id), Filters.eq(LEASE_OWNER, owner)),
                    Updates.unset(Outbox.LEASE_FIELD)));
        }
        try {
            documents.bulkWrite(releases, UNORDERED);
        } catch (RuntimeException e) {
            LOG.debugf("releasing outbox leases failed: %s", e.getMessage());
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
        Metadata metadata = Metadata.of(
                OutgoingKafkaRecordMetadata.<String>builder().withTopic(topic).withKey(entry.getString("subject")).build(),
                cloudEvent.build());
        String traceparent = extensions == null ? null : extensions.getString(EventHeaders.TRACEPARENT);
        if (traceparent != null && Traces.isValid(traceparent)) {
            // the record's producer span is a child of the writer's, not of this relay thread's (empty) context;
            // an entry stored without one (older data, tracing off) publishes in a trace of its own
            metadata = metadata.with(TracingMetadata.withCurrent(Traces.context(traceparent)));
        }
        Message<String> message = Message.of(entry.getString("payload"), metadata)
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
