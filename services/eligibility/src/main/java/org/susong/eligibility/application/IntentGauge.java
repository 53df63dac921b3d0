package org.susong.eligibility.application;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.susong.commons.metrics.PendingIntents;
import org.susong.eligibility.persistence.AuditReads;
import org.susong.eligibility.persistence.CallRepository;
import org.susong.eligibility.domain.IntentState;

/**
 * The age of the oldest PENDING cap intent, and of the oldest call whose decisions a crash left unwritten (marked {@code
 * decisionsPending}, whatever its state: the resumer finishes a CANCELLED or RANKING one after its delay, any other
 * needs a person), on {@code susong_intents_oldest_pending_seconds{collection="cap_intents"|"calls"}} (issue 17), read
 * every 30 s.
 */
@ApplicationScoped
public class IntentGauge {

    static final String COLLECTION = "cap_intents";

    private final Runnable refresh;

    IntentGauge(AuditReads reads, CallRepository calls, Clock clock, MeterRegistry registry) {
        this.refresh = PendingIntents.gauge(registry, clock, List.of(COLLECTION, CallRepository.COLLECTION), () -> {
            List<PendingIntents.Pending> pending = new ArrayList<>(reads.intents().stream()
                    .filter(i -> i.state() == IntentState.PENDING).map(i -> new PendingIntents.Pending(COLLECTION, i.since()))
                    .toList());
            calls.oldestUndecided().ifPresent(at -> pending.add(new PendingIntents.Pending(CallRepository.COLLECTION,
                    at.toInstant())));
            return pending;
        });
    }

    @Scheduled(every = "${susong.eligibility.gauges-every:30s}", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        refresh.run();
    }
}
