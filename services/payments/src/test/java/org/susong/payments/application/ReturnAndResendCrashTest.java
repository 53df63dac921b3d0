package org.susong.payments.application;

import org.susong.payments.domain.RecoveryState;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.susong.testing.ContractValidation;
import org.susong.testing.LocalInfraTestResource;
import org.susong.payments.domain.BankFile;
import org.susong.payments.domain.OrderState;
import org.susong.payments.domain.Payee;
import org.susong.payments.domain.PaymentOrder;
import org.susong.payments.domain.Recovery;
import org.susong.payments.persistence.BudgetLineRepository;
import org.susong.payments.persistence.OrderRepository;
import org.susong.payments.rest.Fixtures;

/**
 * Issue 20 items 2 and 3, crash by crash (the processor paused; a crash is a step not taken, the resumer a second
 * instance whose clock is past {@code resume-after}): a re-send crashed after its intent, or after its line moved, is
 * finished once; a return of a payment that carried an offset, crashed after the order's line moved, gives the offset
 * back to the debt once; the debt is then offset again by the re-sent payment.
 */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
@ExtendWith(ContractValidation.class)
class ReturnAndResendCrashTest extends ReplicaSteps {

    static final String PAYER = "35001000000000000000";

    /** The resumer of another replica, after the resume delay. */
    int resume() {
        return new OrderService(orderRepository, supersessions, lines, withdrawals, recoveries, moves,
                Clock.offset(clock, config.resumeAfter().plusSeconds(1)), config, registry).resumeIntents();
    }

    void snapshot(String app, String uscc, String number, String at) {
        intake.onPayeeSnapshot(new IntakeService.PayeeSnapshot(UUID.randomUUID().toString(), "p-" + app + at, "D-" + app, app,
                uscc, new Payee("Xiamen Test Co., Ltd.", number, "102393000019", "ICBC Xiamen", Instant.parse(at))));
    }

    /** An order with its payee, approved and in an exported, instructed file; returns its id. */
    String instructed(String app, String uscc, String measure, long amount) {
        orders.onApprovedDecision(new OrderService.ApprovedDecision(UUID.randomUUID().toString(), "h-" + app, "D-" + app, app,
                uscc, measure, 2025, "HULI", amount));
        snapshot(app, uscc, "6222020200110000001", "2026-06-15T02:00:01Z");
        String id = PaymentOrder.idFor("D-" + app);
        approvals.endNotices();
        approvals.routeApproved();
        disbursements.batchApproved();
        send(id);
        return id;
    }

    /** Exports and instructs the order's open batch. */
    void send(String id) {
        String batchId = orders.find(id).orElseThrow().batchId();
        disbursements.export(batchId);
        disbursements.instruct(batchId);
        assertEquals(OrderState.INSTRUCTED, orders.find(id).orElseThrow().state());
    }

    org.susong.payments.domain.ReconciliationOutcome book(String statementId, String booking, boolean debit, String endToEndId, long fen) {
        BankFile file = reconciliation.importStatement(files.writeStatement(statementId, clock.instant(), PAYER, List.of(
                new BankFiles.Entry(booking, debit, fen, "BOOK", List.of(new BankFiles.Detail(endToEndId, fen, debit ? null
                        : "AC04"))))), "finance-1;finance;;");
        return file.items().get(0).outcome();
    }

    @Test
    void a_resend_crashed_after_its_intent_or_after_its_line_is_finished_once_and_settled_once() {
        pause();
        String app = Fixtures.app("APP-RSC");
        long amount = 1_700_000;
        BudgetLineRepository.Line before = lines.find("2025:B1").orElseThrow();
        String id = instructed(app, Fixtures.USCC, "B1", amount);
        assertEquals(org.susong.payments.domain.ReconciliationOutcome.SETTLED, book("ST-P-" + app, "BK-P-" + app, true, id, amount));
        assertEquals(org.susong.payments.domain.ReconciliationOutcome.RETURNED, book("ST-R-" + app, "BK-R-" + app, false, id, amount));
        assertEquals(OrderState.RETURNED, orders.find(id).orElseThrow().state());

        resends.resendReturned();
        assertEquals(OrderState.RETURNED, orders.find(id).orElseThrow().state(), "no newer account: nothing is sent again");
        snapshot(app, Fixtures.USCC, "6222020200110000001", "2026-06-15T02:00:01Z"); // the same snapshot again
        resends.resendReturned();
        assertEquals(OrderState.RETURNED, orders.find(id).orElseThrow().state());
        snapshot(app, Fixtures.USCC, "6222020200113333333", "2026-06-15T06:00:00Z"); // the corrected account

        // crash 1: the intent written, nothing else
        OrderRepository.Stored returned = orders.stored(id);
        assertTrue(moves.change(returned, returned.order().resending()));
        PaymentOrder resending = orders.find(id).orElseThrow();
        assertEquals(OrderState.RESENDING, resending.state());
        assertNotEquals(id, resending.endToEndId(), "the next instruction has a new end-to-end id");
        resends.resendReturned(); // not RETURNED any more: the step leaves the intent to the resumer
        assertEquals(OrderState.RESENDING, orders.find(id).orElseThrow().state());
        // crash 2: the line charged again under the attempt's own id, the order not moved
        assertEquals(org.susong.commons.persistence.GuardedCounter.Outcome.APPLIED,
                lines.reserve("2025:B1", resending.attemptKey(), amount));
        assertTrue(resume() >= 1);
        assertEquals(OrderState.APPROVED, orders.find(id).orElseThrow().state());
        resume(); // nothing left of this order's intent
        BudgetLineRepository.Line reserved = lines.find("2025:B1").orElseThrow();
        assertEquals(before.reservedFen() + amount, reserved.reservedFen(), "reserved again exactly once");
        assertEquals(before.availableFen() - amount, reserved.availableFen());

        disbursements.batchApproved();
        PaymentOrder batched = orders.find(id).orElseThrow();
        assertEquals("6222020200113333333", batched.payee().accountNumber(), "the new file pays the corrected account");
        send(id);
        String newId = orders.find(id).orElseThrow().bankReference();
        assertEquals(resending.endToEndId(), newId);
        assertEquals(org.susong.payments.domain.ReconciliationOutcome.SETTLED, book("ST-P2-" + app, "BK-P2-" + app, true, newId, amount));
        assertEquals(org.susong.payments.domain.ReconciliationOutcome.ALREADY_BOOKED, book("ST-P3-" + app, "BK-P2-" + app, true, newId, amount));
        assertEquals(OrderState.SETTLED, orders.find(id).orElseThrow().state());
        snapshot(app, Fixtures.USCC, "6222020200113333333", "2026-06-15T06:00:00Z"); // redelivered
        resends.resendReturned();
        assertEquals(OrderState.SETTLED, orders.find(id).orElseThrow().state(), "a redelivered snapshot sends nothing again");
        BudgetLineRepository.Line after = lines.find("2025:B1").orElseThrow();
        assertEquals(before.disbursedFen() + amount, after.disbursedFen(), "paid once");
        assertEquals(before.reservedFen(), after.reservedFen());
        assertEquals(before.availableFen() - amount, after.availableFen());
        assertEquals(before.returnedFen() + amount, after.returnedFen());
    }

    @Test
    void a_returned_payment_that_carried_an_offset_gives_it_back_to_the_debt_once_after_a_crash_and_the_resend_offsets_it_again() {
        pause();
        String uscc = "9135" + UUID.randomUUID().toString().replace("-", "").substring(0, 14).toUpperCase();
        // a paid award revoked in part: an OPEN recovery of 400,000 fen on 2025:B2
        String paidApp = Fixtures.app("APP-OFP");
        String paid = instructed(paidApp, uscc, "B2", 1_000_000);
        assertEquals(org.susong.payments.domain.ReconciliationOutcome.SETTLED, book("ST-P-" + paidApp, "BK-P-" + paidApp, true, paid, 1_000_000));
        String revocation = "RV-" + paidApp;
        recoveryService.onRevocationRequested(new RecoveryService.Revocation(UUID.randomUUID().toString(), "h-" + revocation,
                revocation, "D-" + paidApp, paidApp, uscc, 400_000, "contract cancelled"));
        String recoveryId = RecoveryService.idFor(revocation);
        assertEquals(RecoveryState.OPEN, recoveries.find(recoveryId).orElseThrow().state());

        // a later grant of the beneficiary withholds the debt: 1,500,000 less 400,000 transferred
        BudgetLineRepository.Line b1 = lines.find("2025:B1").orElseThrow();
        BudgetLineRepository.Line b2 = lines.find("2025:B2").orElseThrow();
        String app = Fixtures.app("APP-OFR");
        String id = instructed(app, uscc, "B1", 1_500_000);
        assertEquals(400_000, orders.find(id).orElseThrow().offsetFen());
        assertEquals(org.susong.payments.domain.ReconciliationOutcome.SETTLED, book("ST-P-" + app, "BK-P-" + app, true, id, 1_100_000));
        Recovery repaid = recoveries.find(recoveryId).orElseThrow();
        assertEquals(400_000, repaid.repaidFen());
        assertEquals(RecoveryState.CLOSED, repaid.state());

        // the bank returns it; the return crashes after the order's line moved
        OrderRepository.Stored settled = orders.stored(id);
        assertTrue(moves.change(settled, settled.order().returning("returned by the bank: AC04")));
        lines.returned("2025:B1", settled.order().attemptKey(), 1_500_000);
        assertTrue(resume() >= 1);
        assertEquals(OrderState.RETURNED, orders.find(id).orElseThrow().state());
        resume(); // again: nothing more
        Recovery owed = recoveries.find(recoveryId).orElseThrow();
        assertEquals(0, owed.repaidFen(), "the debt is owed again, once");
        assertEquals(400_000, owed.unclaimedFen());
        assertEquals(RecoveryState.OPEN, owed.state());
        assertFalse(recoveries.giveOffsetBack(recoveryId, id, "OF-" + id, 400_000, clock.instant()), "never twice");
        BudgetLineRepository.Line b1Returned = lines.find("2025:B1").orElseThrow();
        BudgetLineRepository.Line b2Returned = lines.find("2025:B2").orElseThrow();
        assertEquals(b1.availableFen(), b1Returned.availableFen(), "the whole payment is back on its line");
        assertEquals(b1.disbursedFen(), b1Returned.disbursedFen());
        assertEquals(b2.receivableFen(), b2Returned.receivableFen(), "the offset is a receivable again");
        assertEquals(b2.availableFen(), b2Returned.availableFen());
        // the bank's credit reported again: nothing more
        assertEquals(org.susong.payments.domain.ReconciliationOutcome.ALREADY_BOOKED, book("ST-R2-" + app, "BK-R2-" + app, false, id, 1_100_000));
        assertEquals(0, recoveries.find(recoveryId).orElseThrow().repaidFen());

        // the corrected account: sent again, and the debt withheld again from the new instruction
        snapshot(app, uscc, "6222020200114444444", "2026-06-15T07:00:00Z");
        assertTrue(resends.resendReturned() >= 1);
        assertEquals(OrderState.APPROVED, orders.find(id).orElseThrow().state());
        disbursements.batchApproved();
        assertEquals(400_000, orders.find(id).orElseThrow().offsetFen());
        send(id);
        String newId = orders.find(id).orElseThrow().bankReference();
        assertEquals(org.susong.payments.domain.ReconciliationOutcome.SETTLED, book("ST-P2-" + app, "BK-P2-" + app, true, newId, 1_100_000));
        Recovery closed = recoveries.find(recoveryId).orElseThrow();
        assertEquals(400_000, closed.repaidFen());
        assertEquals(RecoveryState.CLOSED, closed.state());
        BudgetLineRepository.Line b1After = lines.find("2025:B1").orElseThrow();
        BudgetLineRepository.Line b2After = lines.find("2025:B2").orElseThrow();
        assertEquals(b1.disbursedFen() + 1_500_000, b1After.disbursedFen(), "paid once");
        assertEquals(b1.availableFen() - 1_500_000, b1After.availableFen());
        assertEquals(b2.receivableFen() - 400_000, b2After.receivableFen(), "the debt recovered once");
        assertEquals(b2.availableFen() + 400_000, b2After.availableFen());
    }
}
