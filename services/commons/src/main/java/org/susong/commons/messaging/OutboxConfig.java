package org.susong.commons.messaging;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;

/** Settings of the outbox relay and of event consumption, shared by every service. */
@ConfigMapping(prefix = "susong.messaging")
public interface OutboxConfig {

    /** Name of the service; the CloudEvents source is {@code /susong/<service>} and its topic {@code <service>.events}. */
    String service();

    /** Collections whose documents carry an outbox; the sweeper looks at these. */
    List<String> outboxCollections();

    /** Most unpublished events one aggregate may hold before writers get back-pressure. */
    @WithDefault("100")
    int outboxMaxPending();

    /**
     * How long a relay may hold an aggregate's publishing lease before another may take it; longer than
     * {@link #sendTimeout}. A round renews it before a send once a quarter of the difference has passed.
     */
    @WithDefault("45s")
    Duration leaseDuration();

    /** How long the relay waits for the broker to acknowledge one event: at least 2 x the producer's delivery.timeout.ms + max.block.ms. */
    @WithDefault("30s")
    Duration sendTimeout();

    /** Rounds publishing outboxes right after writes at the same time, each on its own thread (the sweeper uses its own). */
    @WithDefault("4")
    int relayThreads();

    /**
     * Most aggregates one relay round publishes together: their leases are taken with one bulk write,
     * their acknowledged entries pulled and their leases released with one more, and one entry of
     * each is sent before one wait for the broker ({@link OutboxRelay}).
     */
    @WithDefault("256")
    int relayBatch();

    /**
     * How long an aggregate queued by {@link OutboxRelay#publishSoon} while a round is running may wait
     * for others to join its round: that round starts when the running one ends, once the oldest queued
     * aggregate has waited this long, or as soon as {@link #relayBatch} are queued, whichever is first.
     * With no round running, a write's round starts right away. 0: a round right after each write, on
     * every idle relay thread.
     */
    @WithDefault("5ms")
    Duration relayLinger();

    /** Topics this service reads or writes; readiness verifies them against the catalogue. */
    List<String> topics();

    /** Longest pause between two attempts of a transiently failing record. */
    @WithDefault("5s")
    Duration maxRetryBackoff();

    /** How long one handler attempt may run before liveness reports the consumer stuck ({@link ConsumerProgress}); retrying is not stuck. */
    @WithDefault("5m")
    Duration stuckAfter();
}
