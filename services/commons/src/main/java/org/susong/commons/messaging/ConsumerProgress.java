package org.susong.commons.messaging;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * What the records in the hands of {@link EventConsumer} are doing, told apart as busy, retrying
 * or stuck. SmallRye's own check (a record unacknowledged for {@code unprocessed-record-max-age})
 * is switched off in commons' defaults: it failed the channel, for good, in the middle of every
 * burst and every store outage longer than a minute. Instead:
 * <ul>
 *   <li>{@code susong_events_inflight_oldest_age_seconds}: age (since it was produced) of the oldest
 *       record being handled - how far consumption is behind;</li>
 *   <li>{@code susong_events_retry_seconds}: how long the longest-retrying record has been failing
 *       transiently - the number to alarm on during a store outage;</li>
 *   <li>liveness {@code event-consumers}: DOWN only while a handler attempt has not returned for
 *       {@code susong.messaging.stuck-after} (a hung call, which a restart does cure). Retrying
 *       is progress: every attempt returns, and a restart would not bring the store back.</li>
 * </ul>
 */
@Liveness
@ApplicationScoped
public class ConsumerProgress implements HealthCheck {

    /** One record in a handler's hands; times in epoch milliseconds. */
    public final class Handling implements AutoCloseable {
        private final String record;
        private final long producedAt;
        private volatile long attemptStartedAt;
        private volatile long retryingSince;

        private Handling(String record, long producedAt) {
            this.record = record;
            this.producedAt = producedAt;
        }

        /** A handler attempt begins. */
        public void attempt() {
            attemptStartedAt = now.getAsLong();
        }

        /** The attempt failed transiently: the record is retried. */
        public void failedTransiently() {
            if (retryingSince == 0) {
                retryingSince = attemptStartedAt;
            }
            attemptStartedAt = 0;
        }

        @Override
        public void close() {
            handling.remove(this);
        }
    }

    private final Map<Handling, Boolean> handling = new ConcurrentHashMap<>();
    private final OutboxConfig config;
    private final LongSupplier now;

    @Inject
    ConsumerProgress(OutboxConfig config, MeterRegistry registry) {
        this(config, registry, System::currentTimeMillis);
    }

    ConsumerProgress(OutboxConfig config, MeterRegistry registry, LongSupplier now) {
        this.config = config;
        this.now = now;
        // held strongly, as OutboxSweeper's gauge (Micrometer's default is a weak reference: NaN once collected)
        Gauge.builder("susong.events.inflight.oldest.age.seconds", this, p -> p.oldest(h -> h.producedAt) / 1000.0)
                .strongReference(true).description("age, since it was produced, of the oldest record a consumer is handling").register(registry);
        Gauge.builder("susong.events.retry.seconds", this, p -> p.oldest(h -> h.retryingSince) / 1000.0)
                .strongReference(true).description("how long the record retried longest has been failing transiently").register(registry);
    }

    /** A record is handed to a handler; close the result when it is settled. */
    public Handling start(String type, String id, Long producedAt) {
        Handling h = new Handling(type + " " + id, producedAt == null ? now.getAsLong() : producedAt);
        handling.put(h, Boolean.TRUE);
        return h;
    }

    @Override
    public HealthCheckResponse call() {
        long stuckAfter = config.stuckAfter().toMillis();
        long t = now.getAsLong();
        for (Handling h : handling.keySet()) {
            long started = h.attemptStartedAt;
            if (started > 0 && t - started > stuckAfter) {
                return HealthCheckResponse.named("event-consumers").down().withData("stuck", h.record)
                        .withData("attemptRunningSeconds", (t - started) / 1000).build();
            }
        }
        return HealthCheckResponse.named("event-consumers").up().withData("handling", handling.size()).build();
    }

    private long oldest(java.util.function.ToLongFunction<Handling> since) {
        long t = now.getAsLong();
        long oldest = 0;
        for (Handling h : handling.keySet()) {
            long at = since.applyAsLong(h);
            if (at > 0) {
                oldest = Math.max(oldest, t - at);
            }
        }
        return oldest;
    }
}
