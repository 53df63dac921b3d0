package org.susong.payments.application;

import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduler;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.locks.ReentrantLock;
import org.jboss.logging.Logger;

/**
 * Moves orders along on every replica: each step is a conditional transition on the order's
 * state, and batches have deterministic ids, so N replicas running it make one effect (architecture rule 8, docs/architecture.md#rule-8).
 */
@ApplicationScoped
public class PaymentProcessor {

    /** The scheduler identity (operations and tests can pause the processor with Quarkus' Scheduler). */
    public static final String IDENTITY = "payments-processor";
    private static final Logger LOG = Logger.getLogger(PaymentProcessor.class);

    private final OrderService orders;
    private final ApprovalService approvals;
    private final IntakeService intake;
    private final DisbursementService disbursements;
    private final BudgetService budgets;
    private final RecoveryService recoveries;
    private final YearEndService yearEnd;
    private final Scheduler scheduler;
    private final ReentrantLock running = new ReentrantLock();

    PaymentProcessor(OrderService orders, ApprovalService approvals, IntakeService intake, DisbursementService disbursements,
                     BudgetService budgets, RecoveryService recoveries, YearEndService yearEnd, Scheduler scheduler) {
        this.yearEnd = yearEnd;
        this.scheduler = scheduler;
        this.orders = orders;
        this.approvals = approvals;
        this.intake = intake;
        this.disbursements = disbursements;
        this.budgets = budgets;
        this.recoveries = recoveries;
    }

    @Scheduled(identity = PaymentProcessor.IDENTITY, every = "${susong.payments.process-every:1s}", delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void process() {
        running.lock();
        try {
            if (scheduler.isPaused(IDENTITY)) {
                // fired just before a pause and got the lock after awaitIdle(): a paused processor moves nothing
                return;
            }
            round();
        } finally {
            running.unlock();
        }
    }

    /** Waits until a round in progress has finished (after pausing the scheduler: then nothing moves). */
    public void awaitIdle() {
        running.lock();
        running.unlock();
    }

    private void round() {
        step("allocations", budgets::resumeAllocations);
        step("intents", orders::resumeIntents);
        step("withdrawals", intake::applyPendingWithdrawals);
        step("appeals", orders::releaseRejectedOnAppeal);
        step("waitlists", orders::serveWaitlists);
        step("notices", approvals::endNotices);
        step("approved", approvals::routeApproved);
        step("disbursements", disbursements::run);
        step("recoveries", recoveries::advanceAll);
        step("year-end", yearEnd::resumeCloses);
    }

    private static void step(String name, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            LOG.warnf("processing %s failed; next round retries: %s", name, e.toString());
        }
    }
}
