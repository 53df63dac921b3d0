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


    private final AuditReads reads;
    private final Clock clock;
    private final PendingIntents intents;

    IntentGauge(AuditReads reads, Clock clock, MeterRegistry registry) {
        this.reads = reads;
        this.clock = clock;
        this.intents = new PendingIntents(registry);
    }

    @Scheduled(every = "${susong.funds.gauges-every:30s}", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        intents.refresh(List.of(InvestmentRepository.COLLECTION, CapitalMovementRepository.COLLECTION, ConversionRepository.COLLECTION),
                () -> reads.intents().stream().filter(i -> i.phase() == AuditReads.Phase.PENDING)
                        .map(i -> new PendingIntents.Pending(i.collection(), i.at())).toList(), clock.instant());
    }
}
