package org.susong.eligibility.application;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.susong.eligibility.config.EligibilityConfig;
import org.susong.eligibility.domain.OrphanShares;
import org.susong.eligibility.persistence.CapCounters;
import org.susong.eligibility.persistence.DecisionStates;

/**
 * Gives back the cap shares an officer's approval took for a review that an uphold or a rejection had already closed
 * (reviewer's fault, session before last): both read the decision's ledger before the approval took its share, so they
 * gave nothing back, and the approval's process died (at {@code review-limited}, or before its own give-back after its
 * write lost) - the cap counted money no decision states. This reads the reviews closed to approvals ({@link
 * DecisionStates#closedReviews}: still completing, or DONE within {@code susong.eligibility.cap-sweep-lookback}), their
 * owners' intents not given back and older than {@code susong.eligibility.cap-sweep-after}, and gives back each share
 * the decision does not state ({@link OrphanShares}) through {@link LedgerService#release}: guarded on the share the
 * counter holds and by its release id, so a share given back twice (two replicas, the approval's own give-back, a
 * rejection's or uphold's retry) moves the counter once; an intent whose counter holds nothing is left as it is.
 * Nothing here races an approval that would state the share: none completes from a closed review.
 */
@ApplicationScoped
public class CapShareSweeper {

    private static final Logger LOG = Logger.getLogger(CapShareSweeper.class);
    private static final int OWNERS_PER_READ = 200;

    private final DecisionStates states;
    private final CapCounters counters;
    private final LedgerService ledger;
    private final EligibilityConfig config;
    private final Clock clock;
    private final Counter released;

    CapShareSweeper(DecisionStates states, CapCounters counters, LedgerService ledger, EligibilityConfig config,
                    Clock clock, MeterRegistry registry) {
        this.states = states;
        this.counters = counters;
        this.ledger = ledger;
        this.config = config;
        this.clock = clock;
        this.released = Counter.builder("susong.eligibility.cap.orphans.released")
                .description("cap shares held for reviews closed to approvals that their decision does not state, given"
                        + " back by the sweeper").register(registry);
    }

    // "delayed", not "delay": the latter counts in minutes by default
    @Scheduled(every = "${susong.eligibility.cap-sweep-every:60s}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        sweep(clock.instant().minus(config.capSweepAfter()));
    }

    /**
     * Gives back the orphan shares whose intents were written before {@code before}; @return how many shares it gave
     * back (one already given back, by another replica or a retried review, is not counted).
     */
    public int sweep(Instant before) {
        List<DecisionStates.ClosedReview> closed = states.closedReviews(Date.from(before.minus(config.capSweepLookback())));
        int gaveBack = 0;
        for (int from = 0; from < closed.size(); from += OWNERS_PER_READ) {
            Map<String, DecisionStates.ClosedReview> byOwner = new LinkedHashMap<>();
            closed.subList(from, Math.min(closed.size(), from + OWNERS_PER_READ))
                    .forEach(r -> byOwner.put(r.decisionId(), r));
            for (CapCounters.Intent intent : counters.heldBy(byOwner.keySet(), Date.from(before))) {
                DecisionStates.ClosedReview review = byOwner.get(intent.owner());
                if (!OrphanShares.orphaned(review.reviewState(), review.capShares(), intent.owner(), intent.ledgerKey())) {
                    continue;
                }
                try {
                    long fen = ledger.release(intent.ledgerKey(), intent.owner());
                    if (fen > 0) {
                        released.increment();
                        gaveBack++;
                        LOG.warnf("decision %s (%s): its share of %d fen on %s, which the decision does not state, was given"
                                + " back by the sweeper", intent.owner(), review.reviewState().stored(), fen, intent.ledgerKey());
                    }
                } catch (RuntimeException e) {
                    LOG.warnf("decision %s: giving back its share on %s failed, the next round retries: %s",
                            intent.owner(), intent.ledgerKey(), e.getMessage());
                }
            }
        }
        return gaveBack;
    }
}
