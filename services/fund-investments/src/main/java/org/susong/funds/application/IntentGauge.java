package org.susong.funds.application;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;
import org.susong.commons.metrics.PendingIntents;
import org.susong.funds.persistence.AuditReads;
import org.susong.funds.persistence.CapitalMovementRepository;
import org.susong.funds.persistence.ConversionRepository;
import org.susong.funds.persistence.InvestmentRepository;

/**
 * The age of the oldest PENDING investment, capital movement and conversion on
 * {@code susong_intents_oldest_pending_seconds} (issue 17), read every 30 s.
 */
@ApplicationScoped
public class IntentGauge {

    private final Runnable refresh;

    IntentGauge(AuditReads reads, Clock clock, MeterRegistry registry) {
        this.refresh = PendingIntents.gauge(registry, clock, List.of(InvestmentRepository.COLLECTION,
                        CapitalMovementRepository.COLLECTION, ConversionRepository.COLLECTION),
                () -> reads.intents().stream().filter(i -> i.phase() == AuditReads.Phase.PENDING)
                        .map(i -> new PendingIntents.Pending(i.collection(), i.at())).toList());
    }

    @Scheduled(every = "${susong.funds.gauges-every:30s}", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        refresh.run();
    }
}
