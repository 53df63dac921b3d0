package org.susong.payments.application;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.model.Filters;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.susong.commons.messaging.Outbox;
import org.susong.testing.LocalInfraTestResource;
import org.susong.payments.domain.OrderState;
import org.susong.payments.domain.Payee;
import org.susong.payments.domain.PaymentOrder;
import org.susong.payments.persistence.BudgetLineRepository;
import org.susong.payments.persistence.OrderRepository;
import org.susong.payments.rest.Fixtures;

/**
 * Issue 14 item 2: the processor's round moves every ready order with a number of store round trips that does not
 * grow with the number of orders. Counted with a driver {@link com.mongodb.event.CommandListener} on the service's
 * client ({@link StoreCommands}), by caller (the round's steps, the outbox relay) and collection; the breakdown of
 * one order's life is printed (docs/benchmarks.md, "payments writes per order").
 */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
class ProcessorRoundWritesTest extends CountedSteps {

    static final int N = 30;

    @Test
    void one_round_moves_n_ready_orders_from_notice_to_settled_with_a_constant_number_of_order_and_line_writes() {
        StoreCommands.record();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            String app = Fixtures.app("APP-RW");
            orders.onApprovedDecision(new OrderService.ApprovedDecision(UUID.randomUUID().toString(), "h-" + app, "D-" + app,
                    app, Fixtures.USCC, "B1", 2026, "HULI", 50_000));
            intake.onPayeeSnapshot(new IntakeService.PayeeSnapshot(UUID.randomUUID().toString(), "p-" + app, "D-" + app, app,
                    Fixtures.USCC, new Payee("Xiamen Round Co. " + i, "622202020011" + (1000 + i), "102393000019",
                    "ICBC Xiamen", clock.instant())));
            ids.add(PaymentOrder.idFor("D-" + app));
        }
        awaitOutboxesEmpty(ids);
        Map<String, Integer> intakeCounts = StoreCommands.counts();

        // one processor round over the N ready orders (in notice, notice of 0 days over): approve, batch, export,
        // instruct, and the simulated bank's statement books them
        StoreCommands.record();
        approvals.endNotices();
        approvals.routeApproved();
        disbursements.run();
        int orderWrites = StoreCommands.writes(StoreCommands.STEPS, OrderRepository.COLLECTION);
        int lineWrites = StoreCommands.writes(StoreCommands.STEPS, "budget_lines");
        int payeeReads = StoreCommands.counts().getOrDefault(StoreCommands.STEPS + " find payees", 0);
        for (String id : ids) {
            assertEquals(OrderState.SETTLED, orders.find(id).orElseThrow().state(), id);
        }
        awaitOutboxesEmpty(ids);
        Map<String, Integer> roundCounts = StoreCommands.counts();
        StoreCommands.stop();
        print("decision and payee snapshot (consumers' path)", intakeCounts);
        print("one processor round", roundCounts);

        assertTrue(orderWrites <= 12, "the round wrote payment_orders " + orderWrites + " times for " + N
                + " orders: one write per order and step, not one per step");
        assertTrue(lineWrites <= 6, "the round wrote budget_lines " + lineWrites + " times for " + N
                + " orders of one line: one guarded update per order, not one per line");
        assertTrue(payeeReads <= 3, "the round read payees " + payeeReads + " times for " + N
                + " orders: once per state list (approved, awaiting payee, batching), not once per order");
    }

    @Test
    void serving_a_waitlist_reserves_the_orders_that_fit_with_a_constant_number_of_order_and_line_writes() {
        // a line of its own, empty: every order waits (fiscal year 2027: outside the period the budget reports list)
        String measure = "W" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        String line = "2027:" + measure;
        lines.insert(line, 2027, measure, true, "test line: waitlist served in bulk", null, null, "test-admin-1");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            String app = Fixtures.app("APP-WL");
            orders.onApprovedDecision(new OrderService.ApprovedDecision(UUID.randomUUID().toString(), "h-" + app, "D-" + app,
                    app, Fixtures.USCC, measure, 2027, "HULI", 50_000));
            ids.add(PaymentOrder.idFor("D-" + app));
        }
        for (String id : ids) {
            assertEquals(OrderState.WAITLISTED, orders.find(id).orElseThrow().state(), id);
        }
        // the line grows by what all but the last five need: first in first out, those five keep waiting
        budgets.allocate("AL-" + line + "-grown", line, (N - 5) * 50_000L, "test: the line grows", "test-admin-1;admin;;");

        StoreCommands.record();
        orders.serveWaitlists();
        int orderWrites = StoreCommands.writes(StoreCommands.STEPS, OrderRepository.COLLECTION);
        int lineWrites = StoreCommands.writes(StoreCommands.STEPS, "budget_lines");
        StoreCommands.stop();
        for (int i = 0; i < N; i++) {
            assertEquals(i < N - 5 ? OrderState.IN_NOTICE : OrderState.WAITLISTED, orders.find(ids.get(i)).orElseThrow().state(),
                    ids.get(i));
        }
        BudgetLineRepository.Line after = lines.find(line).orElseThrow();
        assertEquals(0, after.availableFen(), "each reservation once, nothing overdrawn");
        assertEquals((N - 5) * 50_000L, after.reservedFen());
        assertTrue(after.inFlight().isEmpty(), "the line forgot the reservations' ids");
        assertTrue(orderWrites <= 6, "serving the waitlist wrote payment_orders " + orderWrites + " times for " + (N - 5)
                + " orders that fit: one write per order and step, not one per step");
        assertTrue(lineWrites <= 3, "serving the waitlist wrote budget_lines " + lineWrites + " times for " + (N - 5)
                + " orders of one line: not one guarded update per line");
    }

    void awaitOutboxesEmpty(List<String> ids) {
        var collection = mongo.getDatabase(database).getCollection(OrderRepository.COLLECTION);
        await().atMost(Duration.ofSeconds(30)).until(() -> collection.countDocuments(Filters.and(Filters.in("_id", ids),
                Filters.not(Filters.size(Outbox.FIELD, 0)))) == 0);
    }

    static void print(String what, Map<String, Integer> counts) {
        System.out.printf("%nWRITES %s, %d orders (per order):%n", what, N);
        counts.forEach((k, v) -> System.out.printf("WRITES   %-50s %6d  %6.2f%n", k, v, v / (double) N));
    }
}
