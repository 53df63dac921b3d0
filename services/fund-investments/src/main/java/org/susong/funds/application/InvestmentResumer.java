package org.susong.funds.application;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.susong.funds.config.FundsConfig;
import org.susong.funds.domain.CapitalMovement;
import org.susong.funds.domain.Investment;
import org.susong.funds.persistence.CapitalMovementRepository;
import org.susong.funds.persistence.InvestmentRepository;

/**
 * Finishes investments (and capital movements) a crash (or a stalled request) left PENDING once their lease has expired:
 * re-applies them to the fund (an application already recorded on the fund counts as applied) and
 * commits, or refuses them. Runs on every replica; taking the lease is a conditional update, so
 * each investment is finished by one of them (architecture rule 8, docs/architecture.md#rule-8).
 */
@ApplicationScoped
public class InvestmentResumer {

    private static final Logger LOG = Logger.getLogger(InvestmentResumer.class);

    private final InvestmentRepository investments;
    private final InvestmentService service;
    private final CapitalMovementRepository movements;
    private final CapitalService capital;
    private final FundsConfig config;
    private final Clock clock;
    private final Counter resumed;

    InvestmentResumer(InvestmentRepository investments, InvestmentService service, CapitalMovementRepository movements,
                      CapitalService capital, FundsConfig config, Clock clock, MeterRegistry registry) {
        this.investments = investments;
        this.service = service;
        this.movements = movements;
        this.capital = capital;
        this.config = config;
        this.clock = clock;
        this.resumed = Counter.builder("susong.funds.investments.resumed")
                .description("PENDING investments finished by the resumer after a crash or stall").register(registry);
    }

    // "delayed", not "delay": the latter counts in minutes by default
    @Scheduled(every = "${susong.funds.resume-every:2s}", delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        resumeStale();
    }

    /** @return how many investments this round finished */
    public int resumeStale() {
        Instant now = clock.instant();
        int finished = 0;
        for (String id : investments.stalePending(now, config.resumeBatch())) {
            try {
                String owner = UUID.randomUUID().toString();
                Optional<Investment> claimed = investments.claim(id, owner, now, now.plus(config.resumeAfter()));
                if (claimed.isPresent()) {
                    Investment result = service.finish(claimed.get(), owner);
                    resumed.increment();
                    finished++;
                    LOG.infof("resumed investment %s: %s", id, result.state());
                }
            } catch (RuntimeException e) {
                LOG.warnf("resuming investment %s failed, the next round retries: %s", id, e.getMessage());
            }
        }
        for (String id : movements.stalePending(now, config.resumeBatch())) {
            try {
                String owner = UUID.randomUUID().toString();
                Optional<CapitalMovement> claimed = movements.claim(id, owner, now, now.plus(config.resumeAfter()));
                if (claimed.isPresent()) {
                    CapitalMovement result = capital.finish(claimed.get(), owner);
                    resumed.increment();
                    finished++;
                    LOG.infof("resumed capital movement %s: %s", id, result.state());
                }
            } catch (RuntimeException e) {
                LOG.warnf("resuming capital movement %s failed, the next round retries: %s", id, e.getMessage());
            }
        }
        return finished;
    }
}
