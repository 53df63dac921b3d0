package org.susong.funds.application;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.jboss.logging.Logger;
import org.susong.commons.messaging.Outbox;
import org.susong.commons.messaging.OutboxRelay;
import org.susong.commons.security.Principal;
import org.susong.commons.time.BusinessClock;
import org.susong.funds.config.FundsConfig;
import org.susong.funds.domain.InvestmentState;
import org.susong.funds.messaging.out.InvestmentEvents;
import org.susong.funds.persistence.FundRepository;
import org.susong.funds.persistence.InvestmentRepository;

/**
 * Purges the running totals of the second-approval limit older than {@code susong.funds.daily-totals-kept-for}, and
 * expires investments that waited AWAITING_APPROVAL longer than {@code susong.funds.approval-expires-after}
 * (EXPIRED, nothing moved: a waiting investment holds no money and adds nothing to the day's total). Runs on
 * every replica; each expiry is one conditional write on the waiting state, so an approval or rejection racing
 * it wins or loses whole.
 */
@ApplicationScoped
public class ApprovalSweeper {

    private static final Logger LOG = Logger.getLogger(ApprovalSweeper.class);

    private final InvestmentRepository investments;
    private final FundRepository funds;
    private final FundsConfig config;
    private final Clock clock;
    private final ObjectMapper json;
    private final OutboxRelay relay;
    private final org.susong.funds.persistence.CapitalMovementRepository movements;

    ApprovalSweeper(InvestmentRepository investments, FundRepository funds, FundsConfig config, Clock clock,
                    ObjectMapper json, OutboxRelay relay, org.susong.funds.persistence.CapitalMovementRepository movements) {
        this.movements = movements;
        this.json = json;
        this.relay = relay;
        this.investments = investments;
        this.funds = funds;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "${susong.funds.sweep-every:10m}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            expireWaiting();
        } finally {
            purgeDailyTotals();
            funds.purgeIdempotency(clock.instant()); // Idempotency-Key records of POST /funds past their retention
            movements.purgeIdempotency(clock.instant()); // ... and of POST /funds/{id}/capital/fees
        }
    }

    /** @return how many days' running totals this round removed (days older than {@code daily-totals-kept-for}) */
    public long purgeDailyTotals() {
        LocalDate today = LocalDate.ofInstant(clock.instant(), BusinessClock.ZONE);
        return funds.purgeDailyTotalsBefore(today.minusDays(config.dailyTotalsKeptFor().toDays()));
    }

    /** @return how many waiting investments this round expired */
    public int expireWaiting() {
        Instant now = clock.instant();
        int expired = 0;
        for (String id : investments.waitingSince(now.minus(config.approvalExpiresAfter()), config.resumeBatch())) {
            var waiting = investments.find(id).filter(i -> i.state() == InvestmentState.AWAITING_APPROVAL);
            if (waiting.isEmpty()) {
                continue;
            }
            var ended = waiting.get().expire(config.approvalExpiresAfter(), now);
            if (investments.endWaiting(ended, Outbox.entries(json, investments.lastSequence(id), List.of(
                    InvestmentEvents.toWire(ended.refusedEvent(), Principal.system().asActor(), "sweep:approval-expiry")), now))) {
                relay.publishSoon(InvestmentRepository.COLLECTION, id);
                expired++;
                LOG.infof("investment %s expired: no second approver within %s", id, config.approvalExpiresAfter());
            }
        }
        return expired;
    }
}
