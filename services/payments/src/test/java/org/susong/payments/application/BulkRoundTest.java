package org.susong.payments.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.model.Filters;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.susong.testing.LocalInfraTestResource;
import org.susong.payments.domain.OrderState;
import org.susong.payments.domain.Payee;
import org.susong.payments.domain.PaymentOrder;
import org.susong.payments.persistence.BudgetLineRepository;
import org.susong.payments.persistence.InterleavedRepositories;
import org.susong.payments.persistence.Journals;
import org.susong.payments.persistence.OrderRepository;
import org.susong.payments.rest.Fixtures;

/**
 * Issue 14 item 2, the processor's bulk round on the real local broker and store: two processors (a second instance of
 * the service classes over the same store, as a second replica) running the round together, and a crash between the
 * bulk order write and the budget line's write. Each test uses a B2 line no other test uses.
 */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
class BulkRoundTest extends ReplicaSteps {

    static final long AMOUNT = 10_000;

    /** Another processor's services over the same store: its own instances, its own line repository and clock. */
    record Replica(OrderService orders, ApprovalService approvals, DisbursementService disbursements) {
        void round() {
            approvals.endNotices();
            approvals.routeApproved();
            disbursements.run();
        }
    }

    Replica replica(BudgetLineRepository lineRepository, Clock at) {
        OrderMoves moves = new OrderMoves(orderRepository, relay, json, at);
        OrderService service = new OrderService(orderRepository, supersessions, lineRepository, withdrawals, recoveries, moves,
                at, config, registry);
        ReconciliationService reconciliation = new ReconciliationService(files, statements, orderRepository, service, moves,
                batches, at, config);
        return new Replica(service, new ApprovalService(orderRepository, payees, moves, service, at, config),
                new DisbursementService(batches, orderRepository, payees, moves, files, channel, reconciliation, recoveryService,
                        service, applicantChanges, at, config));
    }

    List<String> decided(String measure, int year, int n) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String app = Fixtures.app("APP-BR");
            orders.onApprovedDecision(new OrderService.ApprovedDecision(UUID.randomUUID().toString(), "h-" + app, "D-" + app,
                    app, Fixtures.USCC, measure, year, "HULI", AMOUNT));
            intake.onPayeeSnapshot(new IntakeService.PayeeSnapshot(UUID.randomUUID().toString(), "p-" + app, "D-" + app, app,
                    Fixtures.USCC, new Payee("Xiamen Bulk Co. " + i, "622202020033" + (1000 + i), "102393000019",
                    "ICBC Xiamen", clock.instant())));
            ids.add(PaymentOrder.idFor("D-" + app));
        }
        return ids;
    }

    /** Every order SETTLED with one disbursement entry; the line moved by exactly their sum and forgot their ids. */
    void paidOnce(List<String> ids, String line, BudgetLineRepository.Line before) {
        var collection = mongo.getDatabase(database).getCollection(OrderRepository.COLLECTION);
        for (String id : ids) {
            assertEquals(OrderState.SETTLED, orders.find(id).orElseThrow().state(), id);
            Document d = collection.find(Filters.eq("_id", id)).first();
            long disbursements = d.getList(Journals.FIELD, Document.class).stream()
                    .filter(j -> j.getString("id").endsWith(":disburse")).count();
            assertEquals(1, disbursements, id + " has one disbursement entry");
        }
        BudgetLineRepository.Line after = lines.find(line).orElseThrow();
        assertEquals(before.disbursedFen() + ids.size() * AMOUNT, after.disbursedFen(), "each amount disbursed once");
        assertEquals(before.reservedFen() - ids.size() * AMOUNT, after.reservedFen(), "each reservation used once");
        assertEquals(before.availableFen(), after.availableFen());
        assertTrue(ids.stream().noneMatch(id -> after.inFlight().contains(id + ":settle")), "the line forgot the intents");
    }

    @Test
    void two_processors_running_the_bulk_round_together_move_each_order_once_and_disburse_each_amount_once() throws Exception {
        pause();
        String line = "2024:B2";
        List<String> ids = decided("B2", 2024, 40);
        BudgetLineRepository.Line before = lines.find(line).orElseThrow();
        Replica first = new Replica(orders, approvals, disbursements);
        Replica second = replica(lines, clock);
        CyclicBarrier together = new CyclicBarrier(2);
        List<CompletableFuture<Void>> running = new ArrayList<>();
        for (Replica r : List.of(first, second)) {
            running.add(CompletableFuture.runAsync(() -> {
                for (int round = 0; round < 3; round++) {
                    try {
                        together.await();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    r.round();
                }
            }));
        }
        for (CompletableFuture<Void> f : running) {
            f.get();
        }
        first.round(); // what a lost conditional write left is moved by a next round
        paidOnce(ids, line, before);
    }

    @Test
    void a_crash_between_the_bulk_order_write_and_the_line_write_leaves_intents_the_next_round_books_once() {
        crashInTheBulkBooking(false, "2025:B2", 2025);
    }

    @Test
    void a_crash_between_the_line_write_and_the_bulk_order_write_books_nothing_twice_in_the_next_round() {
        crashInTheBulkBooking(true, "2026:B2", 2026);
    }

    void crashInTheBulkBooking(boolean afterTheLineWrite, String line, int year) {
        pause();
        List<String> ids = decided("B2", year, 12);
        BudgetLineRepository.Line before = lines.find(line).orElseThrow();
        approvals.endNotices();
        approvals.routeApproved();
        Replica crashing = replica(InterleavedRepositories.linesCrashingOnFirstBulkMove(mongo, database,
                afterTheLineWrite), clock);
        assertThrows(IllegalStateException.class, crashing.disbursements()::run);
        for (String id : ids) {
            assertEquals(OrderState.SETTLING, orders.find(id).orElseThrow().state(), "the intent is written: " + id);
        }
        BudgetLineRepository.Line crashed = lines.find(line).orElseThrow();
        assertEquals(before.disbursedFen() + (afterTheLineWrite ? ids.size() * AMOUNT : 0), crashed.disbursedFen());

        // the next rounds, once the intents are older than the resume delay: the resumer finishes each, once
        Replica later = replica(lines, Clock.offset(clock, config.resumeAfter().plusSeconds(1)));
        later.orders().resumeIntents();
        later.round();
        paidOnce(ids, line, before);
    }

    /**
     * An empty line of its own with {@code n} orders waiting on it, then grown by what they all need (fiscal year 2027:
     * outside the 2024-2026 period the budget reports list).
     */
    List<String> waitlisted(String measure, int n) {
        String line = "2027:" + measure;
        lines.insert(line, 2027, measure, true, "test line: waitlist served in bulk", null, null, "test-admin-1");
        List<String> ids = decided(measure, 2027, n);
        for (String id : ids) {
            assertEquals(OrderState.WAITLISTED, orders.find(id).orElseThrow().state(), id);
        }
        budgets.allocate("AL-" + line + "-grown", line, n * AMOUNT, "test: the line grows", "test-admin-1;admin;;");
        return ids;
    }

    static String measure() {
        return "W" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
    }

    /** Every order IN_NOTICE with one reservation entry; the line reserved exactly their sum and forgot their ids. */
    void reservedOnce(List<String> ids, String line) {
        var collection = mongo.getDatabase(database).getCollection(OrderRepository.COLLECTION);
        for (String id : ids) {
            assertEquals(OrderState.IN_NOTICE, orders.find(id).orElseThrow().state(), id);
            Document d = collection.find(Filters.eq("_id", id)).first();
            assertEquals(1, d.getList(Journals.FIELD, Document.class).stream()
                    .filter(j -> "RESERVATION".equals(j.getString("kind"))).count(), id + " has one reservation entry");
        }
        BudgetLineRepository.Line after = lines.find(line).orElseThrow();
        assertEquals(ids.size() * AMOUNT, after.reservedFen(), "each amount reserved once");
        assertEquals(0, after.availableFen());
        assertTrue(after.inFlight().isEmpty(), "the line forgot the reservations' ids: " + after.inFlight());
    }

    @Test
    void two_processors_serving_a_waitlist_together_reserve_each_order_once() throws Exception {
        pause();
        String measure = measure();
        List<String> ids = waitlisted(measure, 30);
        Replica second = replica(lines, clock);
        CyclicBarrier together = new CyclicBarrier(2);
        List<CompletableFuture<Void>> running = new ArrayList<>();
        for (OrderService serving : List.of(orders, second.orders())) {
            running.add(CompletableFuture.runAsync(() -> {
                for (int round = 0; round < 2; round++) {
                    try {
                        together.await();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    serving.serveWaitlists();
                }
            }));
        }
        for (CompletableFuture<Void> f : running) {
            f.get();
        }
        orders.serveWaitlists();
        reservedOnce(ids, "2027:" + measure);
    }

    @Test
    void a_crash_in_the_bulk_reservation_of_a_waitlist_leaves_intents_the_resumer_reserves_once() {
        for (boolean afterTheLineWrite : List.of(false, true)) {
            pause();
            String measure = measure();
            List<String> ids = waitlisted(measure, 8);
            Replica crashing = replica(InterleavedRepositories.linesCrashingOnFirstBulkMove(mongo, database, afterTheLineWrite),
                    clock);
            assertThrows(IllegalStateException.class, crashing.orders()::serveWaitlists);
            for (String id : ids) {
                assertEquals(OrderState.RESERVING, orders.find(id).orElseThrow().state(), "the intent is written: " + id);
            }
            assertEquals(afterTheLineWrite ? ids.size() * AMOUNT : 0, lines.find("2027:" + measure).orElseThrow().reservedFen());
            replica(lines, Clock.offset(clock, config.resumeAfter().plusSeconds(1))).orders().resumeIntents();
            reservedOnce(ids, "2027:" + measure);
        }
    }

    /** An order of {@code fen} for a decision of the application, on {@code 2027:<measure>}. */
    OrderService.ApprovedDecision decisionOn(String app, String measure, long fen) {
        return new OrderService.ApprovedDecision(UUID.randomUUID().toString(), "h-" + app, "D-" + app, app, Fixtures.USCC,
                measure, 2027, "HULI", fen);
    }

    /** A new empty line of its own, {@code 2027:<measure>}; answers the measure. */
    String emptyLine() {
        String measure = measure();
        lines.insert("2027:" + measure, 2027, measure, true, "test line: waitlist order", null, null, "test-admin-1");
        return measure;
    }

    void grow(String line, long fen, String tag) {
        budgets.allocate("AL-" + line + "-" + tag, line, fen, "test: the line moves by " + fen, "test-admin-1;admin;;");
    }

    OrderState state(String orderId) {
        return orders.find(orderId).orElseThrow().state();
    }

    /**
     * Waitlist, strict first in first out (canvas): the serve read the line with room for the head and the order behind
     * it, but the line shrank before the bulk reservation, which is refused: the orders are then reserved one by one, and
     * the smaller order behind a head that no longer fits must not overtake it.
     */
    @Test
    void a_waitlist_whose_bulk_reservation_is_refused_lets_nothing_overtake_a_head_that_no_longer_fits() {
        pause();
        String measure = emptyLine();
        String line = "2027:" + measure;
        String suffix = UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        // arrival order and id order agree here: only the refused bulk can reorder them
        String head = PaymentOrder.idFor("D-APP-FA-" + suffix);
        String behind = PaymentOrder.idFor("D-APP-FB-" + suffix);
        orders.onApprovedDecision(decisionOn("APP-FA-" + suffix, measure, 3 * AMOUNT));
        orders.onApprovedDecision(decisionOn("APP-FB-" + suffix, measure, AMOUNT));
        assertEquals(OrderState.WAITLISTED, state(head));
        assertEquals(OrderState.WAITLISTED, state(behind));
        grow(line, 4 * AMOUNT, "grown");

        // between the serve's read of the line (room for both) and its bulk reservation, 2 * AMOUNT are taken away
        BudgetLineRepository shrinking = InterleavedRepositories.linesActingBeforeFirstBulkReservation(mongo, database,
                () -> grow(line, -2 * AMOUNT, "cut"));
        replica(shrinking, clock).orders().serveWaitlists();

        assertEquals(OrderState.WAITLISTED, state(head), "the head no longer fits");
        assertEquals(OrderState.WAITLISTED, state(behind), "nothing overtakes a head that does not fit");
        assertEquals(0, lines.find(line).orElseThrow().reservedFen());
        assertEquals(2 * AMOUNT, lines.find(line).orElseThrow().availableFen());

        grow(line, AMOUNT, "head");
        orders.serveWaitlists();
        assertEquals(OrderState.IN_NOTICE, state(head), "the head first");
        assertEquals(OrderState.WAITLISTED, state(behind));
        grow(line, AMOUNT, "behind");
        orders.serveWaitlists();
        assertEquals(OrderState.IN_NOTICE, state(behind));
    }

    /**
     * Waitlist (canvas): the orders one consumed batch inserts share their creation time; among them the waitlist is in
     * the order of the batch's records, not of the order ids (here the first record's id sorts last).
     */
    @Test
    void orders_inserted_by_one_consumed_batch_wait_in_the_order_of_its_records() {
        pause();
        String measure = emptyLine();
        String line = "2027:" + measure;
        String suffix = UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        String first = PaymentOrder.idFor("D-APP-FZ-" + suffix);
        String second = PaymentOrder.idFor("D-APP-FA-" + suffix);
        assertEquals(java.util.Map.of(), orders.onApprovedDecisions(List.of(decisionOn("APP-FZ-" + suffix, measure, 3 * AMOUNT),
                decisionOn("APP-FA-" + suffix, measure, AMOUNT))));
        assertEquals(OrderState.WAITLISTED, state(first), "the line is empty");
        assertEquals(OrderState.WAITLISTED, state(second));

        grow(line, 3 * AMOUNT, "grown");
        orders.serveWaitlists();
        assertEquals(OrderState.IN_NOTICE, state(first), "the batch's first record is the waitlist's head");
        assertEquals(OrderState.WAITLISTED, state(second), "nothing overtakes it");
    }

    @Test
    void a_statement_taken_in_the_round_that_books_and_then_returns_an_order_settles_it_before_the_return() {
        pause();
        List<String> ids = decided("B2", 2025, 2);
        approvals.endNotices();
        approvals.routeApproved();
        disbursements.batchApproved();
        String batchId = orders.find(ids.get(0)).orElseThrow().batchId();
        disbursements.export(batchId);
        disbursements.instruct(batchId);
        String tag = UUID.randomUUID().toString().substring(0, 8);
        // one booking of both, then a credit returning the first (the bank returned it the same day)
        byte[] statement = files.writeStatement("ST-BR-" + tag, clock.instant(), "35001000000000000000", List.of(
                new BankFiles.Entry("BK-" + tag, true, 2 * AMOUNT, "BOOK", List.of(
                        new BankFiles.Detail(ids.get(0), AMOUNT, null, batchId),
                        new BankFiles.Detail(ids.get(1), AMOUNT, null, batchId))),
                new BankFiles.Entry("RT-" + tag, false, AMOUNT, "BOOK", List.of(
                        new BankFiles.Detail(ids.get(0), AMOUNT, "AC04", batchId)))));
        var report = reconciliation.importStatementInRound(statement, OrderService.SYSTEM);
        assertEquals(List.of(org.susong.payments.domain.ReconciliationOutcome.SETTLED, org.susong.payments.domain.ReconciliationOutcome.SETTLED, org.susong.payments.domain.ReconciliationOutcome.RETURNED),
                report.items().stream().map(org.susong.payments.domain.BankFileItem::outcome).toList(),
                "each item judged after the ones before it, as one by one");
        assertEquals(OrderState.RETURNED, orders.find(ids.get(0)).orElseThrow().state());
        assertEquals(OrderState.SETTLED, orders.find(ids.get(1)).orElseThrow().state());
    }
}
