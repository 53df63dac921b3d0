package org.susong.commons.messaging;

import java.time.Duration;
import java.util.List;

/** The service's messaging settings with a test's own outbox collection and lease (and relay threads, batch and linger). */
record Settings(OutboxConfig base, List<String> collections, Duration lease, int threads, int batch, Duration linger)
        implements OutboxConfig {

    Settings(OutboxConfig base, List<String> collections, Duration lease) {
        this(base, collections, lease, 1, base.relayBatch(), base.relayLinger());
    }

    @Override
    public String service() {
        return base.service();
    }

    @Override
    public List<String> outboxCollections() {
        return collections;
    }

    @Override
    public int outboxMaxPending() {
        return base.outboxMaxPending();
    }

    @Override
    public Duration leaseDuration() {
        return lease;
    }

    @Override
    public Duration sendTimeout() {
        return base.sendTimeout();
    }

    @Override
    public int relayThreads() {
        return threads;
    }

    @Override
    public int relayBatch() {
        return batch;
    }

    @Override
    public Duration relayLinger() {
        return linger;
    }

    @Override
    public List<String> topics() {
        return base.topics();
    }

    @Override
    public Duration maxRetryBackoff() {
        return base.maxRetryBackoff();
    }

    @Override
    public Duration stuckAfter() {
        return base.stuckAfter();
    }
}
