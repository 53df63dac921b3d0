package org.susong.payments.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.susong.testing.LocalInfraTestResource;
import org.susong.payments.domain.BankFile;
import org.susong.payments.domain.OrderState;
import org.susong.payments.domain.Payee;
import org.susong.payments.domain.PaymentOrder;
import org.susong.payments.persistence.InterleavedRepositories;
import org.susong.payments.persistence.OrderRepository;
import org.susong.payments.persistence.StatementRepository;
import org.susong.payments.rest.Fixtures;

/**
 * Reconciliation against another writer (issue 23 review): a second instance of the service, built here over the
 * same repositories, lets another writer move the order between the reconciliation's read and its write.
 */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
class ReconciliationRacesTest extends ReplicaSteps {

    static final String RV_USCC = "91350214MA3RV00064";

    /** An instructed order (the processor paused: only the test moves it); answers its batch id. */
    String instructed(String app, String uscc, long amountFen) {
        pause();
        orders.onApprovedDecision(new OrderService.ApprovedDecision(UUID.randomUUID().toString(), "h-" + app, "D-" + app, app,
                uscc, "B1", 2026, "HULI", amountFen));
        intake.onPayeeSnapshot(new IntakeService.PayeeSnapshot(UUID.randomUUID().toString(), "p-" + app, "D-" + app, app, uscc,
                new Payee("Xiamen Recon Co.", "6222020200119977", "102393000019", "ICBC Xiamen", clock.instant())));
        approvals.endNotices();
        approvals.routeApproved();
        disbursements.batchApproved();
        String orderId = PaymentOrder.idFor("D-" + app);
        String batchId = orders.find(orderId).orElseThrow().batchId();
        disbursements.export(batchId);
        disbursements.instruct(batchId);
        assertEquals(OrderState.INSTRUCTED, orders.find(orderId).orElseThrow().state());
        return batchId;
    }

    byte[] debit(String statement, String booking, String orderId, long fen, String batchId) {
        return files.writeStatement(statement, clock.instant(), config.payer().account(), List.of(
                new BankFiles.Entry(booking, true, fen, "BOOK", List.of(new BankFiles.Detail(orderId, fen, null, batchId)))));
    }

    /** Fault 1: the settling write loses to a void's reopen; the debit is from a file the order has left. */
    @Test
    void a_debit_whose_settling_write_lost_to_a_reopen_is_judged_again_on_the_order_as_it_is_now() {
        String app = Fixtures.app("APP-RL");
        String batchId = instructed(app, RV_USCC, 3_100_000);
        String orderId = PaymentOrder.idFor("D-" + app);

        // between the reconciliation's read (INSTRUCTED) and its write, the void's reopen moves the order to APPROVED
        AtomicBoolean raced = new AtomicBoolean();
        OrderMoves racing = new OrderMoves(orderRepository, relay, json, clock) {
            @Override
            public boolean change(OrderRepository.Stored stored, PaymentOrder next) {
                if (stored.order().id().equals(orderId) && raced.compareAndSet(false, true)) {
                    OrderRepository.Stored now = orderRepository.find(orderId).orElseThrow();
                    assertEquals(true, moves.change(now, now.order().reopened()), "the void's reopen");
                }
                return super.change(stored, next);
            }
        };
        BankFile report = new ReconciliationService(files, statements, orderRepository, orders, racing, batches, clock, config)
                .importStatement(debit("ST-" + app, "BK-" + app, orderId, 3_100_000, batchId), "finance-1");

        assertEquals(OrderState.APPROVED, orders.find(orderId).orElseThrow().state(), "the reopen won");
        assertEquals(org.susong.payments.domain.ReconciliationOutcome.DUPLICATE_PAYMENT, report.items().get(0).outcome(),
                "a debit from the file the order left is money paid out while the order waits to be paid again");
    }

    /** Fault 2: a crash after the order was settled and before the file was recorded; the same file uploaded again. */
    @Test
    void a_statement_imported_again_after_a_crash_before_it_was_recorded_reports_the_settling_booking_as_already_booked() {
        String app = Fixtures.app("APP-RC");
        String batchId = instructed(app, RV_USCC, 3_200_000);
        String orderId = PaymentOrder.idFor("D-" + app);
        byte[] statement = debit("ST-" + app, "BK-" + app, orderId, 3_200_000, batchId);

        StatementRepository crashing = InterleavedRepositories.statementsCrashingOnFirstInsert(mongo, database);
        assertThrows(IllegalStateException.class, () -> new ReconciliationService(files, crashing, orderRepository, orders,
                moves, batches, clock, config).importStatement(statement, "finance-1"));
        OrderState settled = orders.find(orderId).orElseThrow().state();
        assertTrue(settled == OrderState.SETTLING || settled == OrderState.SETTLED, "settled before the crash: " + settled);

        BankFile report = reconciliation.importStatement(statement, "finance-1");
        assertEquals(org.susong.payments.domain.ReconciliationOutcome.ALREADY_BOOKED, report.items().get(0).outcome(),
                "the booking that settled the order, reported again, is no second payment");
    }
}
