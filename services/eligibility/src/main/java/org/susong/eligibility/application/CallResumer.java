package org.susong.eligibility.application;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import org.jboss.logging.Logger;
import org.susong.eligibility.config.EligibilityConfig;
import org.susong.eligibility.domain.CallState;
import org.susong.eligibility.persistence.CallRepository;

/**
 * Finishes calls whose decisions a crash left unwritten and nobody retried (issue 19): a cancel that wrote the call
 * CANCELLED (with its {@code CallClosed}) but not every application's REJECTED decision, a ranking that stored the call
 * RANKING but not every award / not-funded decision nor AWARDED. Each call's state write marks it
 * ({@code decisionsPending}); this reads the marked calls whose state was written longer than
 * {@code susong.eligibility.call-resume-after} ago and writes what is missing through the code the retried request runs
 * ({@link CallService#finishDecisions}); and runs the later rounds of AWARDED calls marked {@code roundsPending} (an award
 * released after an upheld objection or a withdrawal, {@link CallRounds}) that the release's own run did not finish. Runs
 * on every replica: each decision is one insert by id ({@code D-<applicationId>}),
 * CallClosed is written with the state (cancel) or by a write guarded on RANKING (ranking), so two replicas and a
 * retried request write each once.
 */
@ApplicationScoped
public class CallResumer {

    private static final Logger LOG = Logger.getLogger(CallResumer.class);
    private static final int BATCH = 100;
    /** The states whose decisions {@link CallService#finishDecisions} writes; a call marked in another is not read. */
    private static final java.util.Set<CallState> FINISHES = java.util.EnumSet.of(CallState.CANCELLED, CallState.RANKING);

    private final CallRepository calls;
    private final CallService service;
    private final CallRounds rounds;
    private final EligibilityConfig config;
    private final Clock clock;
    private final Counter resumed;

    CallResumer(CallRepository calls, CallService service, CallRounds rounds, EligibilityConfig config, Clock clock,
                MeterRegistry registry) {
        this.calls = calls;
        this.service = service;
        this.rounds = rounds;
        this.config = config;
        this.clock = clock;
        this.resumed = Counter.builder("susong.eligibility.calls.resumed")
                .description("calls whose decisions a crash left unwritten, finished by the resumer").register(registry);
    }

    // "delayed", not "delay": the latter counts in minutes by default
    @Scheduled(every = "${susong.eligibility.call-resume-every:60s}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        resume(clock.instant().minus(config.callResumeAfter()));
    }

    /**
     * Finishes the marked calls whose state was written before {@code before}; @return how many it wrote anything for
     * (a call whose decisions were all written already, by the request retried or another replica, is not counted).
     */
    public int resume(Instant before) {
        int finished = 0;
        for (String callId : calls.undecided(FINISHES, Date.from(before), BATCH)) {
            try {
                var done = service.finishDecisions(callId);
                if (done.isPresent() && done.get().wrote()) {
                    resumed.increment();
                    finished++;
                    LOG.infof("call %s: %d decision(s) its %s left unwritten were written by the resumer%s", callId,
                            done.get().decisions(), done.get().state().stored(),
                            done.get().closed() ? ", and the call closed (AWARDED)" : "");
                } else if (done.isPresent()) {
                    LOG.debugf("call %s (%s): nothing was missing (written by the request retried or another replica)",
                            callId, done.get().state().stored());
                }
            } catch (RuntimeException e) {
                LOG.warnf("call %s: finishing its decisions failed, the next round retries: %s", callId, e.getMessage());
            }
        }
        for (String callId : calls.rerounding(Date.from(before), BATCH)) {
            try {
                CallRounds.Rounded done = rounds.reround(callId);
                if (done.written() > 0) {
                    resumed.increment();
                    finished++;
                    LOG.infof("call %s: %d decision(s) of its round %d were written by the resumer%s", callId,
                            done.written(), done.round(), done.done() ? "" : " (" + done.waiting() + " still waiting)");
                }
            } catch (RuntimeException e) {
                LOG.warnf("call %s: its next round failed, the next run retries: %s", callId, e.getMessage());
            }
        }
        return finished;
    }
}
