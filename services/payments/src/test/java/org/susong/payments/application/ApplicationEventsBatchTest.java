package org.susong.payments.application;

import org.susong.payments.domain.WithdrawalState;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.susong.testing.CloudEventRecords;
import org.susong.testing.LocalInfraTestResource;
import org.susong.payments.domain.OrderState;
import org.susong.payments.domain.Payee;
import org.susong.payments.domain.PaymentOrder;
import org.susong.payments.persistence.PayeeRepository;
import org.susong.payments.persistence.WithdrawalRepository;
import org.susong.payments.rest.Fixtures;

import static org.awaitility.Awaitility.await;

/**
 * Issue 14: applications' payee snapshots and withdrawal requests are consumed in batches, one bulk insert per
 * collection, each record acked after the write. A crash in the middle of that write leaves some of the batch's documents
 * stored and none acked: the redelivered batch must apply each record exactly once (a snapshot kept once with its event,
 * a withdrawal decided once, its orders released once, one answer per application). Real store and broker; B1 2026
 * (docs/policy.md: the high-tech enterprise reward), processor paused so only the test moves orders.
 */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
class ApplicationEventsBatchTest extends CountedSteps {

    static final int N = 4;
    static final long FEN = 30_000;

    long reserved() {
        return lines.find("2026:B1").orElseThrow().reservedFen();
    }

    @Test
    void a_batch_redelivered_after_a_crash_in_the_middle_of_its_write_applies_each_record_exactly_once() {
        List<IntakeService.PayeeSnapshot> snapshots = new ArrayList<>();
        List<IntakeService.WithdrawalRequest> requests = new ArrayList<>();
        List<String> withOrders = new ArrayList<>();
        List<String> withoutOrders = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            String app = Fixtures.app("APP-AB");
            snapshots.add(new IntakeService.PayeeSnapshot(UUID.randomUUID().toString(), "p-" + app, "D-" + app, app,
                    Fixtures.USCC, new Payee("Xiamen Batch Co.", "6222020200119988", "102393000019", "ICBC Xiamen",
                    clock.instant())));
            String withdrawn = Fixtures.app(i % 2 == 0 ? "APP-ABW" : "APP-ABN");
            if (i % 2 == 0) {
                orders.onApprovedDecision(new OrderService.ApprovedDecision(UUID.randomUUID().toString(), "h-" + withdrawn,
                        "D-" + withdrawn, withdrawn, Fixtures.USCC, "B1", 2026, "HULI", FEN));
                assertEquals(OrderState.IN_NOTICE, orders.find(PaymentOrder.idFor("D-" + withdrawn)).orElseThrow().state());
                withOrders.add(withdrawn);
            } else {
                withoutOrders.add(withdrawn);
            }
            requests.add(new IntakeService.WithdrawalRequest(UUID.randomUUID().toString(), "w-" + withdrawn, withdrawn,
                    null, "project cancelled", "applicant-1"));
        }
        long before = reserved();

        // the process dies in the middle of the batch's bulk writes: the first half of each collection's documents are
        // stored (as the unordered insert left them), nothing after them ran, no record was acked
        Date now = Date.from(clock.instant());
        payees.insertAll(snapshots.subList(0, N / 2).stream().map(s -> new PayeeRepository.StoredPayee(s.decisionId(),
                s.applicationId(), s.applicantUscc(), s.payee(), s.eventId(), s.hash())).toList(), clock.instant());
        withdrawals.insertAll(requests.subList(0, N / 2).stream().map(r -> new WithdrawalRepository.Withdrawal(
                WithdrawalRepository.idFor(r.applicationId()), r.applicationId(), r.decisionId(), r.reason(), r.requestedBy(),
                WithdrawalState.PENDING, r.eventId(), r.hash(), 0)).toList(), now);

        // after the restart the whole batch comes again: one insert per collection for the batch
        StoreCommands.record();
        assertEquals(Map.of(), intake.onPayeeSnapshots(snapshots));
        assertEquals(Map.of(), intake.onWithdrawalsRequested(requests));
        int payeeWrites = StoreCommands.writes(StoreCommands.STEPS, "payees");
        int withdrawalInserts = StoreCommands.counts().getOrDefault(StoreCommands.STEPS + " insert "
                + WithdrawalRepository.COLLECTION, 0);
        StoreCommands.stop();
        assertEquals(1, payeeWrites, "payees written " + payeeWrites + " times for a batch of " + N);
        assertEquals(1, withdrawalInserts, "withdrawals inserted " + withdrawalInserts + " times for a batch of " + N);

        checkAppliedOnce(snapshots, requests, withOrders, withoutOrders, before);

        // and once more (the acks were lost too): nothing changes
        assertEquals(Map.of(), intake.onPayeeSnapshots(snapshots));
        assertEquals(Map.of(), intake.onWithdrawalsRequested(requests));
        checkAppliedOnce(snapshots, requests, withOrders, withoutOrders, before);
    }

    void checkAppliedOnce(List<IntakeService.PayeeSnapshot> snapshots, List<IntakeService.WithdrawalRequest> requests,
                          List<String> withOrders, List<String> withoutOrders, long before) {
        for (IntakeService.PayeeSnapshot s : snapshots) {
            PayeeRepository.StoredPayee kept = payees.find(s.decisionId(), s.applicantUscc()).orElseThrow();
            assertEquals(s.eventId(), kept.sourceEventId(), "each snapshot kept once, from its own event");
        }
        for (IntakeService.WithdrawalRequest r : requests) {
            WithdrawalRepository.Withdrawal w = withdrawals.find(WithdrawalRepository.idFor(r.applicationId())).orElseThrow();
            assertEquals(r.eventId(), w.sourceEventId());
        }
        for (String app : withOrders) {
            PaymentOrder o = orders.find(PaymentOrder.idFor("D-" + app)).orElseThrow();
            assertEquals(OrderState.RELEASED, o.state(), "the withdrawn application's order is released");
            assertEquals(org.susong.payments.domain.ReleaseReason.WITHDRAWN, o.releaseReason());
        }
        assertEquals(before - withOrders.size() * FEN, reserved(), "each withdrawn order's reservation went back once");
        // one answer per application: the orders' release for those with orders, WithdrawalAccepted for the others
        for (String app : withoutOrders) {
            assertEquals(WithdrawalState.ACCEPTED, withdrawals.find(WithdrawalRepository.idFor(app)).orElseThrow().state());
            await().atMost(Duration.ofSeconds(20)).until(() -> typed(app, "WithdrawalAccepted") == 1);
        }
        for (String app : withOrders) {
            String orderId = PaymentOrder.idFor("D-" + app);
            await().atMost(Duration.ofSeconds(20)).until(() -> typed(orderId, "BudgetReleased") == 1);
        }
        assertTrue(withOrders.size() + withoutOrders.size() == requests.size());
    }

    /** How many events of this type payments published under this key. */
    static long typed(String key, String type) {
        return Fixtures.events(key).stream().filter(r -> CloudEventRecords.header(r, "ce_type")
                .equals("susong.payments." + type + ".v1")).count();
    }
}
