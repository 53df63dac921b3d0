package org.susong.commons.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * Fixed latency buckets (Prometheus {@code _bucket} series) for the HTTP server timer and the
 * eligibility decision timer, so a p99 per API can be computed across replicas with
 * {@code histogram_quantile} (issue 17's alert and dashboard). A few fixed boundaries, not
 * Micrometer's percentile histogram (about 70 buckets per series), to keep the series count small.
 */
public class LatencyBuckets {

    static final Duration[] BOUNDARIES = {Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
        Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500),
        Duration.ofSeconds(5), Duration.ofSeconds(10)};

    @Produces
    @Singleton
    MeterFilter latencyBuckets() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (id.getName().equals("http.server.requests") || id.getName().equals("susong.eligibility.decision")) {
                    return DistributionStatisticConfig.builder().serviceLevelObjectives(
                            java.util.Arrays.stream(BOUNDARIES).mapToDouble(Duration::toNanos).toArray()).build().merge(config);
                }
                return config;
            }
        };
    }
}
