package org.susong.commons.messaging;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.bson.Document;
import org.jboss.logging.Logger;

/**
 * Publishes what a crash or a broker outage left in outboxes, and exposes the age of the oldest
 * pending entry ({@code susong_outbox_oldest_pending_seconds}) - the number to alert on. The age is
 * taken from the entries left pending, whatever made their publishing fail, and keeps growing
 * while the store cannot be read: an outage shows on the gauge instead of resetting it.
 */
@ApplicationScoped
public class OutboxSweeper {

    private static final Logger LOG = Logger.getLogger(OutboxSweeper.class);
    private static final int BATCH = 500;

    private final OutboxRelay relay;
    private final MongoDatabase database;
    private final OutboxConfig config;
    private final Clock clock;
    /** Per collection, when its oldest entry still pending was written (epoch ms; absent or 0: none). */
    private final Map<String, Long> oldestPendingAt = new ConcurrentHashMap<>();

    OutboxSweeper(OutboxRelay relay, MongoDatabase database,
                  OutboxConfig config, Clock clock, MeterRegistry registry) {
        this.relay = relay;
        this.database = database;
        this.config = config;
        this.clock = clock;
        // held strongly: Micrometer keeps a gauge's object weakly by default, and a sweeper nobody else holds (one a
        // test builds) would read NaN after a garbage collection
        Gauge.builder("susong.outbox.oldest.pending.seconds", this, OutboxSweeper::oldestPendingSeconds).strongReference(true)
                .description("age of the oldest event not yet published from any outbox").register(registry);
    }

    @Scheduled(every = "${susong.messaging.sweep-every:2s}", delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        for (String collection : config.outboxCollections()) {
            try {
                oldestPendingAt.put(collection, sweep(collection));
            } catch (RuntimeException e) {
                // the store cannot be read: keep the oldest entry last seen, whose age goes on growing on the gauge
                LOG.warnf("sweeping outboxes of %s failed, next round retries: %s", collection, e.getMessage());
            }
        }
    }

    /**
     * Publishes the pending aggregates in the relay's batched rounds: one that fails (broker down, an
     * entry the broker refuses) is counted and left for the next round, and the rest of the
     * collection goes on.
     *
     * @return when the oldest entry left pending in this collection was written (epoch ms), 0 when none
     */
    long sweep(String collection) {
        List<Document> pending = database.getCollection(collection)
                .find(Filters.exists(Outbox.FIELD + ".0", true))
                .projection(Projections.include("_id", Outbox.FIELD + ".at"))
                .limit(BATCH)
                .into(new java.util.ArrayList<>());
        if (pending.isEmpty()) {
            return 0;
        }
        List<String> ids = pending.stream().map(aggregate -> aggregate.getString("_id")).toList();
        Set<String> left;
        try {
            OutboxRelay.Published published = relay.publish(collection, ids);
            left = published.leftPending();
            if (!published.failed().isEmpty()) {
                LOG.warnf("%d of %d outboxes in %s could not be published, next round retries; first: %s",
                        published.failed().size(), ids.size(), collection, published.firstFailure());
            }
        } catch (RuntimeException e) {
            // the store failed in the middle of a round: count everything read as still pending
            LOG.warnf("publishing outboxes of %s failed, next round retries: %s", collection, e.getMessage());
            left = Set.copyOf(ids);
        }
        long oldest = 0;
        for (Document aggregate : pending) {
            if (!left.contains(aggregate.getString("_id"))) {
                continue; // published by this round
            }
            // not published by this round (failed, or another relay holds it): still pending
            for (Document entry : aggregate.getList(Outbox.FIELD, Document.class, List.of())) {
                Date at = entry.getDate("at");
                if (at != null && (oldest == 0 || at.getTime() < oldest)) {
                    oldest = at.getTime();
                }
            }
        }
        return oldest;
    }

    double oldestPendingSeconds() {
        long oldest = oldestPendingAt.values().stream().filter(at -> at > 0).min(Long::compare).orElse(0L);
        return oldest == 0 ? 0 : Math.max(0, clock.millis() - oldest) / 1000.0;
    }
}
