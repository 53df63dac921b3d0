package org.susong.commons.messaging;

import com.mongodb.client.MongoClient;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Publishes what a crash or a broker outage left in outboxes, and exposes the age of the oldest
 * pending entry ({@code susong_outbox_oldest_pending_seconds}) - the number to alert on.
 */
@ApplicationScoped
public class OutboxSweeper {

    private static final Logger LOG = Logger.getLogger(OutboxSweeper.class);
    private static final int BATCH = 500;

    private final OutboxRelay relay;
    private final MongoClient mongo;
    private final String database;
    private final OutboxConfig config;
    private final Clock clock;
    private final AtomicLong oldestPendingMillis = new AtomicLong();

    OutboxSweeper(OutboxRelay relay, MongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database,
                  OutboxConfig config, Clock clock, MeterRegistry registry) {
        this.relay = relay;
        this.mongo = mongo;
        this.database = database;
        this.config = config;
        this.clock = clock;
        Gauge.builder("susong.outbox.oldest.pending.seconds", oldestPendingMillis, ms -> ms.get() / 1000.0)
                .description("age of the oldest event not yet published from any outbox").register(registry);
    }

    @Scheduled(every = "${susong.messaging.sweep-every:2s}", delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        long oldest = 0;
        for (String collection : config.outboxCollections()) {
            try {
                oldest = Math.max(oldest, sweep(collection));
            } catch (RuntimeException e) {
                LOG.warnf("sweeping outboxes of %s failed, next round retries: %s", collection, e.getMessage());
            }
        }
        oldestPendingMillis.set(oldest);
    }

    /** @return age in milliseconds of the oldest entry seen pending in this collection */
    long sweep(String collection) {
        List<Document> pending = mongo.getDatabase(database).getCollection(collection)
                .find(Filters.exists(Outbox.FIELD + ".0", true))
                .projection(Projections.include("_id", Outbox.FIELD + ".at"))
                .limit(BATCH)
                .into(new java.util.ArrayList<>());
        long oldest = 0;
        long now = clock.millis();
        for (Document aggregate : pending) {
            for (Document entry : aggregate.getList(Outbox.FIELD, Document.class, List.of())) {
                Date at = entry.getDate("at");
                if (at != null) {
                    oldest = Math.max(oldest, now - at.getTime());
                }
            }
            relay.publish(collection, aggregate.getString("_id"));
        }
        return oldest;
    }
}
