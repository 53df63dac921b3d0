package org.susong.payments.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.susong.commons.messaging.ModifiedRequest;
import org.susong.testing.LocalInfraTestResource;
import org.susong.payments.domain.OrderState;
import org.susong.payments.domain.PaymentOrder;
import org.susong.payments.persistence.OrderRepository;
import org.susong.payments.rest.Fixtures;

/**
 * Issue 14: the approved decisions of a consumed batch become orders and reservations with a number of store round
 * trips that does not grow with the batch (one insert, one guarded update per budget line, one bulk move), and the
 * cases the bulk cannot take (a withdrawal that came first, a modified redelivery, a redelivered batch) each once.
 * B1 (docs/policy.md: the high-tech enterprise reward, 2026 line), counted with {@link StoreCommands}.
 */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
class DecisionIntakeBatchTest extends CountedSteps {

    static final int N = 20;
    static final long FEN = 50_000;

    static OrderService.ApprovedDecision decision(String app, String hash) {
        return new OrderService.ApprovedDecision(UUID.randomUUID().toString(), hash, "D-" + app, app, Fixtures.USCC, "B1",
                2026, "HULI", FEN);
    }

    long reserved() {
        return lines.find("2026:B1").orElseThrow().reservedFen();
    }

    @Test
    void a_batch_of_approved_decisions_is_one_insert_one_line_update_and_one_bulk_move() {
        List<OrderService.ApprovedDecision> batch = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            String app = Fixtures.app("APP-IN");
            batch.add(decision(app, "h-" + app));
        }
        long before = reserved();
        StoreCommands.record();
        Map<String, RuntimeException> refused = orders.onApprovedDecisions(batch);
        int orderWrites = StoreCommands.writes(StoreCommands.STEPS, OrderRepository.COLLECTION);
        int lineWrites = StoreCommands.writes(StoreCommands.STEPS, "budget_lines");
        StoreCommands.stop();

        assertEquals(Map.of(), refused);
        for (OrderService.ApprovedDecision d : batch) {
            assertEquals(OrderState.IN_NOTICE, orders.find(PaymentOrder.idFor(d.decisionId())).orElseThrow().state());
        }
        assertEquals(before + N * FEN, reserved(), "each decision reserved once");
        assertTrue(orderWrites <= 4, "payment_orders written " + orderWrites + " times for " + N + " decisions");
        assertTrue(lineWrites <= 3, "budget_lines written " + lineWrites + " times for " + N + " decisions of one line");

        // the service died before the offsets were committed: the same batch comes again and changes nothing
        assertEquals(Map.of(), orders.onApprovedDecisions(batch));
        assertEquals(before + N * FEN, reserved(), "a redelivered batch reserves nothing more");
    }

    @Test
    void a_withdrawn_application_and_a_modified_redelivery_in_a_batch_are_each_taken_alone() {
        String withdrawnApp = Fixtures.app("APP-INW");
        String plainApp = Fixtures.app("APP-INP");
        String changedApp = Fixtures.app("APP-INC");
        // the applicant withdrew before the decision reached payments
        intake.onWithdrawalRequested(new IntakeService.WithdrawalRequest(UUID.randomUUID().toString(), "w-" + withdrawnApp,
                withdrawnApp, "D-" + withdrawnApp, "no longer needed", "applicant"));
        OrderService.ApprovedDecision first = decision(changedApp, "h-1");
        assertEquals(Map.of(), orders.onApprovedDecisions(List.of(first)));
        long before = reserved();

        OrderService.ApprovedDecision changed = new OrderService.ApprovedDecision(UUID.randomUUID().toString(), "h-2",
                first.decisionId(), changedApp, Fixtures.USCC, "B1", 2026, "HULI", 2 * FEN);
        OrderService.ApprovedDecision withdrawn = decision(withdrawnApp, "h-w");
        OrderService.ApprovedDecision plain = decision(plainApp, "h-p");
        Map<String, RuntimeException> refused = orders.onApprovedDecisions(List.of(withdrawn, changed, plain));

        assertEquals(1, refused.size(), refused.toString());
        assertInstanceOf(ModifiedRequest.class, refused.get(changed.eventId()), "the changed payload is refused, never applied");
        assertEquals(FEN, orders.find(PaymentOrder.idFor(first.decisionId())).orElseThrow().amount().fen(), "the order keeps its amount");
        OrderState w = orders.find(PaymentOrder.idFor(withdrawn.decisionId())).orElseThrow().state();
        assertTrue(w == OrderState.RELEASED || w == OrderState.RELEASING, "the withdrawal that came first releases the order: " + w);
        assertEquals(OrderState.IN_NOTICE, orders.find(PaymentOrder.idFor(plain.decisionId())).orElseThrow().state());
        assertEquals(before + FEN, reserved(), "only the plain decision holds money on the line");
    }
}
