package org.susong.payments.rest;

import io.quarkus.scheduler.Scheduler;
import jakarta.inject.Inject;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.susong.payments.application.ApprovalService;
import org.susong.payments.application.BankFiles;
import org.susong.payments.application.BudgetService;
import org.susong.payments.application.DisbursementService;
import org.susong.payments.application.IntakeService;
import org.susong.payments.application.LedgerService;
import org.susong.payments.application.OrderService;
import org.susong.payments.application.PaymentProcessor;
import org.susong.payments.persistence.BudgetLineRepository;

/**
 * The one home of the set-up of payments' tests that drive the processor's steps themselves (issue 21): the steps'
 * services, {@link #pause()} (from then on only the test moves orders) and, after each test, the processor resumed and
 * the double-entry journal checked to balance ({@link Fixtures#assertJournalBalances}).
 */
public abstract class ProcessorSteps {

    @Inject
    protected Clock clock;
    @Inject
    protected Scheduler scheduler;
    @Inject
    protected PaymentProcessor processor;
    @Inject
    protected OrderService orders;
    @Inject
    protected ApprovalService approvals;
    @Inject
    protected IntakeService intake;
    @Inject
    protected DisbursementService disbursements;
    @Inject
    protected BankFiles files;
    @Inject
    protected BudgetLineRepository lines;
    @Inject
    protected BudgetService budgets;
    @Inject
    protected LedgerService ledger;

    /** Pauses the processor and waits for a round in progress: from here on only the test moves orders. */
    protected void pause() {
        scheduler.pause(PaymentProcessor.IDENTITY);
        processor.awaitIdle();
    }

    @AfterEach
    void resumeAndCheckTheJournal() {
        scheduler.resume(PaymentProcessor.IDENTITY);
        Fixtures.assertJournalBalances(ledger);
    }
}
