package org.susong.commons.messaging;

import java.time.Duration;
import java.util.List;

/** The service's messaging settings with a test's own outbox collection and lease. */
record Settings(OutboxConfig base, List<String> collections, Duration lease) implements OutboxConfig {

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
        return 1;
    }

    @Override
    public int relayBatch() {
        return base.relayBatch();
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
