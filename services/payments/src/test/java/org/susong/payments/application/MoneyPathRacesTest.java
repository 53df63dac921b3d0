package org.susong.payments.application;

import org.susong.payments.domain.BatchState;
import org.susong.payments.domain.AllocationState;
import org.susong.payments.domain.RecoveryState;
import org.susong.payments.domain.WithdrawalState;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.susong.contracts.EventContracts;
import org.susong.testing.LocalInfraTestResource;
import org.susong.payments.config.PaymentsConfig;
import org.susong.payments.domain.Allocation;
import org.susong.payments.domain.OrderState;
import org.susong.payments.domain.Payee;
import org.susong.payments.domain.PaymentEvent;
import org.susong.payments.domain.PaymentOrder;
import org.susong.payments.domain.Recovery;
import org.susong.payments.persistence.BudgetLineRepository;
import org.susong.payments.persistence.InterleavedRepositories;
import org.susong.payments.persistence.Journals;
import org.susong.payments.persistence.OrderRepository;
import org.susong.payments.persistence.PayeeRepository;
import org.susong.payments.persistence.RecoveryRepository;
import org.susong.payments.persistence.WithdrawalRepository;
import org.susong.payments.rest.Fixtures;

/**
 * Issue 12 (money path), replayed deterministically on the real local broker and store: the
 * processor is paused, and a second instance of a service class (built here over the same
 * repositories) lets another writer act between a read and the write that depends on it.
 */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
class MoneyPathRacesTest extends ReplicaSteps {

    /** Beneficiaries of one test each: no other test's payment offsets their debts. */
    static final String RC_USCC = "91350206MA3RC00031";
    static final String OF_USCC = "91350211MA3QF00012";
    static final String PR_USCC = "91350212MA3PR00045";
    static final String SU_USCC = "91350213MA3SU00058";
    static final String VC_USCC = "91350215MA3VC00077";
    static final String AP_USCC = "91350216MA3AP00081";

    /** {@code app}'s approved decision as an order past its notice and routed: APPROVED (the processor paused). */
    String approvedOrder(String app, String uscc, String measure, int year, long amountFen) {
        String orderId = decided(app, uscc, measure, year, amountFen);
        approvals.endNotices();
        approvals.routeApproved();
        assertEquals(OrderState.APPROVED, orders.find(orderId).orElseThrow().state());
        return orderId;
    }

    /**
     * The order service of a replica on which every write counts as stalled ({@link #stalledConfig}): it leaves its
     * intents.
     */
    OrderService stalledOrders() {
        return new OrderService(orderRepository, supersessions, lines, withdrawals, recoveries, moves, clock, stalledConfig(),
                registry);
    }

    /** An order of a decision with its payee snapshot (approved automatically once its notice of 0 days ends). */
    String decided(String app, String uscc, String measure, int year, long amountFen) {
        orders.onApprovedDecision(new OrderService.ApprovedDecision(UUID.randomUUID().toString(), "h-" + app, "D-" + app, app,
                uscc, measure, year, "HULI", amountFen));
        intake.onPayeeSnapshot(new IntakeService.PayeeSnapshot(UUID.randomUUID().toString(), "p-" + app, "D-" + app, app, uscc,
                new Payee("Xiamen Race Co.", "6222020200119988", "102393000019", "ICBC Xiamen", clock.instant())));
        return PaymentOrder.idFor("D-" + app);
    }

    /** Item 2: a withdrawal and the decision arrive together. */
    @Test
    void a_withdrawal_applied_while_the_decision_is_being_taken_in_releases_the_order() {
        withdrawalWhileTakenIn(false);
    }

    /** Item 2, on the batched intake (issue 14): the same interleaving at the same point, the batch's read of withdrawals. */
    @Test
    void a_withdrawal_applied_while_a_batch_of_decisions_is_being_taken_in_releases_its_order() {
        withdrawalWhileTakenIn(true);
    }

    void withdrawalWhileTakenIn(boolean batched) {
        pause();
        String app = Fixtures.app("APP-WR");
        String orderId = PaymentOrder.idFor("D-" + app);
        // the decision's consumer inserted the order and reads "no withdrawal"; the withdrawal is applied right then, on
        // the other topic (it finds the order RESERVING and waits)
        AtomicBoolean raced = new AtomicBoolean();
        WithdrawalRepository racing = InterleavedRepositories.withdrawals(mongo, database, () -> {
            raced.set(true);
            intake.onWithdrawalRequested(new IntakeService.WithdrawalRequest(UUID.randomUUID().toString(), "w-" + app, app,
                    null, "project cancelled", "applicant-1"));
        });
        OrderService decisionSide = new OrderService(orderRepository, supersessions, lines, racing, recoveries, moves,
                clock, config, registry);
        OrderService.ApprovedDecision decision = new OrderService.ApprovedDecision(UUID.randomUUID().toString(), "h-" + app,
                "D-" + app, app, Fixtures.USCC, "B1", 2026, "HULI", 5_000_000);
        if (batched) {
            assertEquals(Map.of(), decisionSide.onApprovedDecisions(List.of(decision)));
        } else {
            decisionSide.onApprovedDecision(decision);
        }
        assertTrue(raced.get(), "the withdrawal was applied between the decision's insert and its read of the withdrawal");

        // the processor's rounds: whatever is pending is applied
        intake.applyPendingWithdrawals();
        intake.applyPendingWithdrawals();
        PaymentOrder order = orders.find(orderId).orElseThrow();
        assertEquals(OrderState.RELEASED, order.state(), "a withdrawn application's order is never paid");
        assertEquals(org.susong.payments.domain.ReleaseReason.WITHDRAWN, order.releaseReason());
        assertEquals(WithdrawalState.ACCEPTED, withdrawals.find(WithdrawalRepository.idFor(app)).orElseThrow().state());
    }

    /** Item 3: the recovery's release of the unpaid order loses to the batching. */
    @Test
    void a_recovery_whose_release_lost_to_the_batching_waits_for_the_booking_and_opens_a_receivable() {
        pause();
        String app = Fixtures.app("APP-RR");
        String orderId = approvedOrder(app, RC_USCC, "B1", 2026, 6_000_000);

        // between the recovery's read of the order and its release, the processor batches the order
        AtomicBoolean raced = new AtomicBoolean();
        OrderService releasing = new OrderService(orderRepository, supersessions, lines, withdrawals, recoveries, moves,
                clock, config, registry) {
            @Override
            public boolean startRelease(OrderRepository.Stored stored, org.susong.payments.domain.ReleaseReason reason, String actor, String causation) {
                if (raced.compareAndSet(false, true)) {
                    disbursements.batchApproved();
                }
                return super.startRelease(stored, reason, actor, causation);
            }
        };
        RecoveryService racing = new RecoveryService(recoveries, orderRepository, lines, releasing, relay, json, clock,
                config);
        String revocation = "RV-D-" + app + "-1";
        racing.onRevocationRequested(new RecoveryService.Revocation(UUID.randomUUID().toString(), "r-" + app, revocation,
                "D-" + app, app, RC_USCC, 6_000_000, "certificate revoked"));
        String recoveryId = RecoveryService.idFor(revocation);
        assertEquals(OrderState.BATCHED, orders.find(orderId).orElseThrow().state(), "the release lost");
        assertEquals(RecoveryState.WAITING, recoveries.find(recoveryId).orElseThrow().state(), "a lost release does not close the recovery");

        // the order is paid after all: the recovery claws it back
        String batchId = orders.find(orderId).orElseThrow().batchId();
        disbursements.export(batchId);
        disbursements.instruct(batchId);
        reconciliation.importStatement(files.writeStatement("ST-" + app, clock.instant(), "35001000000000000000", List.of(
                new BankFiles.Entry("BK-" + app, true, 6_000_000, "BOOK",
                        List.of(new BankFiles.Detail(orderId, 6_000_000, null, batchId))))), "finance-1");
        assertEquals(OrderState.SETTLED, orders.find(orderId).orElseThrow().state());
        long receivable = lines.find("2026:B1").orElseThrow().receivableFen();
        racing.advance(recoveries.find(recoveryId).orElseThrow());
        Recovery recovery = recoveries.find(recoveryId).orElseThrow();
        assertEquals(RecoveryState.OPEN, recovery.state());
        assertEquals(6_000_000, recovery.amountFen());
        assertEquals(receivable + 6_000_000, lines.find("2026:B1").orElseThrow().receivableFen());
    }

    /** Item 12: an offset is claimed for an order that a release moved first. */
    @Test
    void a_claim_whose_order_was_released_meanwhile_goes_back_to_the_recovery() {
        // a paid award, revoked: 40,000 CNY owed by the beneficiary
        String paid = Fixtures.app("APP-OC");
        String paidId = decided(paid, OF_USCC, "B3a", 2024, 4_000_000);
        await().atMost(Duration.ofSeconds(20)).until(() -> orders.find(paidId).orElseThrow().state() == OrderState.SETTLED);
        String revocation = "RV-D-" + paid + "-1";
        recoveryService.onRevocationRequested(new RecoveryService.Revocation(UUID.randomUUID().toString(), "r-" + paid,
                revocation, "D-" + paid, paid, OF_USCC, 4_000_000, "project abandoned"));
        String recoveryId = RecoveryService.idFor(revocation);
        assertEquals(RecoveryState.OPEN, recoveries.find(recoveryId).orElseThrow().state());

        pause();
        String next = Fixtures.app("APP-OC");
        String nextId = approvedOrder(next, OF_USCC, "B3a", 2024, 5_000_000);

        // the batching round read the order APPROVED; before it claims the offset, a withdrawal releases the order
        RecoveryService claiming = new RecoveryService(recoveries, orderRepository, lines, orders, relay, json, clock, config) {
            @Override
            public Offset claimOffset(PaymentOrder order) {
                if (order.id().equals(nextId)) {
                    orders.startRelease(orders.stored(nextId), org.susong.payments.domain.ReleaseReason.WITHDRAWN, OrderService.SYSTEM, "withdrawal");
                }
                return super.claimOffset(order);
            }
        };
        new DisbursementService(batches, orderRepository, payees, moves, files, channel, reconciliation, claiming, orders,
                applicantChanges, clock, config).batchApproved();

        assertEquals(OrderState.RELEASED, orders.find(nextId).orElseThrow().state());
        Recovery recovery = recoveries.find(recoveryId).orElseThrow();
        assertEquals(4_000_000, recovery.unclaimedFen(), "nothing is withheld from a released order: the whole debt is claimable");
        assertEquals(0, recoveries.claimed(recoveryId, nextId));
    }

    /** Item 8: a revocation of part of an unpaid award releases only that part. */
    @Test
    void a_partial_revocation_of_an_unpaid_order_releases_only_the_revoked_part() {
        pause();
        String app = Fixtures.app("APP-PR");
        String orderId = approvedOrder(app, PR_USCC, "B3b", 2026, 8_000_000);
        BudgetLineRepository.Line before = lines.find("2026:B3b").orElseThrow();

        // the contract was amended: 30,000 CNY of the 80,000 CNY award are revoked (B3b), 50,000 CNY still due
        String revocation = "RV-D-" + app + "-1";
        recoveryService.onRevocationRequested(new RecoveryService.Revocation(UUID.randomUUID().toString(), "r-" + app, revocation,
                "D-" + app, app, PR_USCC, 3_000_000, "contract amended"));
        PaymentOrder order = orders.find(orderId).orElseThrow();
        assertEquals(OrderState.APPROVED, order.state(), "the rest is still to be paid");
        assertEquals(5_000_000, order.amount().fen());
        BudgetLineRepository.Line after = lines.find("2026:B3b").orElseThrow();
        assertEquals(before.reservedFen() - 3_000_000, after.reservedFen(), "only the revoked part leaves the reservation");
        assertEquals(before.availableFen() + 3_000_000, after.availableFen());
        assertEquals(RecoveryState.CLOSED, recoveries.find(RecoveryService.idFor(revocation)).orElseThrow().state());
        await().atMost(Duration.ofSeconds(10)).until(() -> Fixtures.events(orderId).stream()
                .anyMatch(r -> r.value().contains("\"reason\":\"RECOVERED\"")));
        String released = Fixtures.events(orderId).stream().filter(r -> r.value().contains("\"reason\":\"RECOVERED\""))
                .findFirst().orElseThrow().value();
        assertTrue(released.contains("\"amountFen\":3000000"), "eligibility gives back only the revoked part of the cap: " + released);
        assertEquals(List.of(), EventContracts.violations("susong.payments.BudgetReleased.v1", released));

        // the rest is paid
        scheduler.resume(PaymentProcessor.IDENTITY);
        await().atMost(Duration.ofSeconds(20)).until(() -> orders.find(orderId).orElseThrow().state() == OrderState.SETTLED);
        assertEquals(before.disbursedFen() + 5_000_000, lines.find("2026:B3b").orElseThrow().disbursedFen());
    }

    /**
     * Issue 12 item 8, found by the second reader: the partial release and the recovery's close are two writes. A crash
     * (or a stall past the recovery's claim) between them leaves the recovery WAITING on an order that is releasable
     * again, with a lower amount: the next round must not release the same revocation a second time (B3b).
     */
    @Test
    void a_partial_revocation_whose_recovery_was_not_closed_is_not_released_twice() {
        pause();
        String app = Fixtures.app("APP-P2");
        String orderId = approvedOrder(app, PR_USCC, "B3b", 2026, 8_000_000);
        String revocation = "RV-D-" + app + "-1";
        recoveryService.onRevocationRequested(new RecoveryService.Revocation(UUID.randomUUID().toString(), "r2-" + app, revocation,
                "D-" + app, app, PR_USCC, 4_000_000, "contract amended"));
        assertEquals(4_000_000, orders.find(orderId).orElseThrow().amount().fen());
        BudgetLineRepository.Line after = lines.find("2026:B3b").orElseThrow();
        String recoveryId = RecoveryService.idFor(revocation);

        // the crash point: the order was partly released, the recovery never closed
        // a write no state move allows (CLOSED back to WAITING), so it is made on the stored document, as the crash left it
        assertEquals(1, mongo.getDatabase(database).getCollection(RecoveryRepository.COLLECTION).updateOne(
                com.mongodb.client.model.Filters.and(com.mongodb.client.model.Filters.eq("_id", recoveryId),
                        com.mongodb.client.model.Filters.eq("state", "CLOSED")),
                com.mongodb.client.model.Updates.set("state", "WAITING")).getModifiedCount());
        recoveryService.advance(recoveries.find(recoveryId).orElseThrow());

        PaymentOrder order = orders.find(orderId).orElseThrow();
        assertEquals(OrderState.APPROVED, order.state(), "the rest is still due, not released in full");
        assertEquals(4_000_000, order.amount().fen(), "the revocation is released once");
        assertEquals(after.reservedFen(), lines.find("2026:B3b").orElseThrow().reservedFen());
        assertEquals(after.availableFen(), lines.find("2026:B3b").orElseThrow().availableFen());
        assertEquals(RecoveryState.CLOSED, recoveries.find(recoveryId).orElseThrow().state());
    }

    /** Also: a writer that stalled for half resume-after leaves the intent to the resumer, on the bank-booking path too. */
    @Test
    void a_bank_booking_whose_writer_stalled_leaves_the_settlement_to_one_resumer() {
        pause();
        String app = Fixtures.app("APP-ST");
        String orderId = approvedOrder(app, Fixtures.USCC, "B1", 2025, 2_300_000);
        disbursements.batchApproved();
        String batchId = orders.find(orderId).orElseThrow().batchId();
        disbursements.export(batchId);
        disbursements.instruct(batchId);
        long disbursed = lines.find("2025:B1").orElseThrow().disbursedFen();

        // a replica on which every write counts as stalled (resume-after zero): a resumer may already hold the intent
        PaymentsConfig stalledConfig = (PaymentsConfig) Proxy.newProxyInstance(PaymentsConfig.class.getClassLoader(),
                new Class<?>[] {PaymentsConfig.class}, (proxy, method, args) -> "resumeAfter".equals(method.getName())
                        ? Duration.ZERO : method.invoke(config, args));
        OrderService stalled = new OrderService(orderRepository, supersessions, lines, withdrawals, recoveries, moves,
                clock, stalledConfig, registry);
        new ReconciliationService(files, statements, orderRepository, stalled, moves, batches, clock, config).importStatement(
                files.writeStatement("ST-" + app, clock.instant(), "35001000000000000000", List.of(new BankFiles.Entry("BK-" + app,
                        true, 2_300_000, "BOOK", List.of(new BankFiles.Detail(orderId, 2_300_000, null, batchId))))), "finance-1");
        assertEquals(OrderState.SETTLING, orders.find(orderId).orElseThrow().state(), "the stalled writer left the step");
        assertEquals(disbursed, lines.find("2025:B1").orElseThrow().disbursedFen());

        assertEquals(true, stalled.resumeIntents() >= 1, "one resumer claims and finishes it");
        assertEquals(OrderState.SETTLED, orders.find(orderId).orElseThrow().state());
        assertEquals(disbursed + 2_300_000, lines.find("2025:B1").orElseThrow().disbursedFen(), "booked once");
    }

    /** Also: the seed's allocation is an intent like any other; a repeated seed does not apply one another writer holds. */
    @Test
    void a_repeated_seed_leaves_an_allocation_that_another_writer_holds_to_that_writer() {
        pause();
        // a line of this test only, outside 2024-2026 (other tests count the seeded lines and their money exactly)
        lines.insert("2023:D2", 2023, "D2", true, "test line (MoneyPathRacesTest)", null, null, "seed");
        String id = "AL-2023:D2-race-" + UUID.randomUUID().toString().substring(0, 8);
        long allocated = lines.find("2023:D2").orElseThrow().allocatedFen();
        // another replica's seed wrote the intent and is about to move the line (or a resumer claimed it)
        allocationRepository.insert(new Allocation(id, "2023:D2", 1_000, "initial allocation (race)", "seed", AllocationState.PENDING,
                clock.instant(), 0));
        budgets.allocate(id, "2023:D2", 1_000, "initial allocation (race)", "seed");
        assertEquals(AllocationState.PENDING, allocationRepository.find(id).orElseThrow().state(), "not finished without a claim");
        assertEquals(allocated, lines.find("2023:D2").orElseThrow().allocatedFen());

        budgets.finish(allocationRepository.find(id).orElseThrow()); // the holder finishes it, once
        assertEquals(AllocationState.APPLIED, allocationRepository.find(id).orElseThrow().state());
        assertEquals(allocated + 1_000, lines.find("2023:D2").orElseThrow().allocatedFen());
    }

    /** A replica's configuration on which every write counts as stalled (resume-after zero): it leaves its intents. */
    PaymentsConfig stalledConfig() {
        return (PaymentsConfig) Proxy.newProxyInstance(PaymentsConfig.class.getClassLoader(),
                new Class<?>[] {PaymentsConfig.class}, (proxy, method, args) -> "resumeAfter".equals(method.getName())
                        ? Duration.ZERO : method.invoke(config, args));
    }

    /** A budget line of one test only ({@code 2027:<measure>}, outside the period the budget reports list) with fen. */
    String ownLine(long fen) {
        String measure = "A" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        String line = "2027:" + measure;
        lines.insert(line, 2027, measure, true, "test line (MoneyPathRacesTest)", null, null, "test-admin-1");
        if (fen > 0) {
            budgets.allocate("AL-" + line + "-initial", line, fen, "test: the line's allocation", "test-admin-1;admin;;");
        }
        return measure;
    }

    OrderService.ApprovedDecision decisionOn(String app, String measure, long fen) {
        return new OrderService.ApprovedDecision(UUID.randomUUID().toString(), "h-" + app, "D-" + app, app, Fixtures.USCC,
                measure, 2027, "HULI", fen);
    }

    long journalled(String orderId, String kind) {
        org.bson.Document d = mongo.getDatabase(database).getCollection(OrderRepository.COLLECTION)
                .find(com.mongodb.client.model.Filters.eq("_id", orderId)).first();
        return d.getList(Journals.FIELD, org.bson.Document.class).stream().filter(j -> kind.equals(j.getString("kind"))).count();
    }

    /** The award rejected on appeal is released, never paid, and its reservation went back to its own line once. */
    void releasedOnAppeal(String orderId, String measure, long allocated) {
        // the processor's next steps: nothing of a released order moves on
        approvals.endNotices();
        approvals.routeApproved();
        disbursements.batchApproved();
        PaymentOrder order = orders.find(orderId).orElseThrow();
        assertEquals(OrderState.RELEASED, order.state(), "an award rejected on appeal is never paid");
        assertEquals(org.susong.payments.domain.ReleaseReason.APPEAL_REJECTED, order.releaseReason());
        BudgetLineRepository.Line line = lines.find("2027:" + measure).orElseThrow();
        assertEquals(0, line.reservedFen(), "the reservation went back");
        assertEquals(allocated, line.availableFen(), "the reservation went back once");
        assertTrue(line.inFlight().isEmpty(), "the line forgot the order's ids: " + line.inFlight());
        assertEquals(journalled(orderId, "RESERVATION"), journalled(orderId, "RELEASE"), "one release per reservation");
        assertTrue(journalled(orderId, "RELEASE") <= 1, "released once");
    }

    /**
     * Appeals (canvas, Still missing): a batch's intake that stalled left its order RESERVING and the batch was taken
     * again (a no-op for an order that exists); the appeal's re-decision rejects the award while the resumer reserves it.
     * The rejection reads the order RESERVING (not releasable): the reservation must read it after its move.
     */
    @Test
    void a_rejected_appeal_taken_while_the_resumer_reserves_the_order_of_a_retried_batch_releases_it() {
        pause();
        long fen = 4_100_000;
        String measure = ownLine(fen);
        String app = Fixtures.app("APP-AR");
        String orderId = PaymentOrder.idFor("D-" + app);
        OrderService.ApprovedDecision decision = decisionOn(app, measure, fen);
        OrderService stalled = stalledOrders();
        assertEquals(Map.of(), stalled.onApprovedDecisions(List.of(decision)));
        assertEquals(Map.of(), orders.onApprovedDecisions(List.of(decision)), "the batch taken again: its order exists");
        assertEquals(OrderState.RESERVING, orders.find(orderId).orElseThrow().state());

        // the resumer claimed it and wrote the line; right then the appeal is rejected
        BudgetLineRepository racing = InterleavedRepositories.linesActingWhileReserving(mongo, database, orderId,
                () -> orders.onAppealRejected("D-" + app, UUID.randomUUID().toString()));
        new OrderService(orderRepository, supersessions, racing, withdrawals, recoveries, moves,
                Clock.offset(clock, config.resumeAfter().plusSeconds(1)), config, registry).resumeIntents();

        releasedOnAppeal(orderId, measure, fen);
    }

    /** As above, while the processor serves the line's waitlist in bulk (one guarded update for the line's orders). */
    @Test
    void a_rejected_appeal_taken_while_a_waitlist_is_reserved_in_bulk_releases_the_order() {
        pause();
        long fen = 4_200_000;
        String measure = ownLine(0);
        String app = Fixtures.app("APP-AW");
        String orderId = PaymentOrder.idFor("D-" + app);
        orders.onApprovedDecision(decisionOn(app, measure, fen));
        assertEquals(OrderState.WAITLISTED, orders.find(orderId).orElseThrow().state(), "the line is empty");
        budgets.allocate("AL-2027:" + measure + "-grown", "2027:" + measure, fen, "test: the line grows",
                "test-admin-1;admin;;");

        BudgetLineRepository racing = InterleavedRepositories.linesActingWhileReserving(mongo, database, orderId,
                () -> orders.onAppealRejected("D-" + app, UUID.randomUUID().toString()));
        new OrderService(orderRepository, supersessions, racing, withdrawals, recoveries, moves, clock, config, registry).serveWaitlists();

        releasedOnAppeal(orderId, measure, fen);
    }

    /**
     * Appeals (canvas, Still missing): the rejection read the order IN_NOTICE; before its conditional release, the
     * processor ended the notice (the order is APPROVED, another version): the release lost and must be tried again on
     * a fresh read, not dropped.
     */
    @Test
    void a_rejected_appeal_whose_release_lost_to_the_processor_is_tried_again_and_releases_the_order() {
        pause();
        long fen = 4_300_000;
        String measure = ownLine(fen);
        String app = Fixtures.app("APP-AL");
        String orderId = PaymentOrder.idFor("D-" + app);
        orders.onApprovedDecision(decisionOn(app, measure, fen));
        assertEquals(OrderState.IN_NOTICE, orders.find(orderId).orElseThrow().state());

        AtomicBoolean raced = new AtomicBoolean();
        OrderMoves racing = new OrderMoves(orderRepository, relay, json, clock) {
            @Override
            public boolean change(OrderRepository.Stored stored, PaymentOrder next) {
                if (stored.order().id().equals(orderId) && raced.compareAndSet(false, true)) {
                    approvals.endNotices(); // the processor's round, between the rejection's read and its write
                }
                return super.change(stored, next);
            }
        };
        new OrderService(orderRepository, supersessions, lines, withdrawals, recoveries, racing, clock, config, registry)
                .onAppealRejected("D-" + app, UUID.randomUUID().toString());
        assertTrue(raced.get(), "the processor moved the order between the rejection's read and its release");

        releasedOnAppeal(orderId, measure, fen);
    }

    /**
     * Resumer (canvas, Still missing): of two intents a crash left, the first one's {@code finish} throws (a store
     * error, a full outbox...). The step must go on with the one behind it in the same pass and retry the failing one in
     * a later pass (once its claim is older than resume-after), not stop at it.
     */
    @Test
    void an_intent_whose_finish_throws_does_not_stop_the_resumer_for_the_intents_behind_it() {
        pause();
        long fen = 1_100_000;
        String measure = ownLine(2 * fen);
        OrderService stalled = stalledOrders();
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 2; i++) {
            String app = Fixtures.app("APP-RF");
            stalled.onApprovedDecision(decisionOn(app, measure, fen));
            ids.add(PaymentOrder.idFor("D-" + app));
            assertEquals(OrderState.RESERVING, orders.find(ids.get(i)).orElseThrow().state(), "the writer left the intent");
        }

        java.util.concurrent.atomic.AtomicReference<String> failed = new java.util.concurrent.atomic.AtomicReference<>();
        OrderService failing = new OrderService(orderRepository, supersessions, lines, withdrawals, recoveries, moves,
                Clock.offset(clock, config.resumeAfter().plusSeconds(1)), config, registry) {
            @Override
            void finish(OrderRepository.Stored stored, String causation) {
                if (ids.contains(stored.order().id()) && failed.compareAndSet(null, stored.order().id())) {
                    throw new IllegalStateException("finishing " + stored.order().id() + " failed (test)");
                }
                super.finish(stored, causation);
            }
        };
        double failures = registry.counter(OrderService.RESUME_FAILURES).count();
        failing.resumeIntents(); // the failure is logged and counted, not thrown at the processor's step
        assertEquals(failures + 1, registry.counter(OrderService.RESUME_FAILURES).count(), "the failure is counted");
        String other = ids.get(0).equals(failed.get()) ? ids.get(1) : ids.get(0);
        assertEquals(OrderState.IN_NOTICE, orders.find(other).orElseThrow().state(),
                "the intent behind the failing one is finished in the same pass");
        assertEquals(OrderState.RESERVING, orders.find(failed.get()).orElseThrow().state());

        // a later pass, once the failed claim is older than resume-after, finishes it
        new OrderService(orderRepository, supersessions, lines, withdrawals, recoveries, moves,
                Clock.offset(clock, config.resumeAfter().multipliedBy(2).plusSeconds(2)), config, registry).resumeIntents();
        assertEquals(OrderState.IN_NOTICE, orders.find(failed.get()).orElseThrow().state());
        assertEquals(0, lines.find("2027:" + measure).orElseThrow().availableFen(), "each reserved once");
    }

    /**
     * Appeals, a crash between two writes: the rejection was kept on the RESERVING order, and the reservation moved it
     * but died before it read the rejection (built here by hand: the line write and the move of a reservation, not its
     * read). The processor's rounds must still release it, never pay it.
     */
    @Test
    void a_rejected_appeal_kept_on_an_order_whose_reservation_died_before_reading_it_is_released_by_the_processor() {
        pause();
        long fen = 4_400_000;
        String measure = ownLine(fen);
        String app = Fixtures.app("APP-AC");
        String orderId = PaymentOrder.idFor("D-" + app);
        OrderService stalled = stalledOrders();
        stalled.onApprovedDecision(decisionOn(app, measure, fen));
        orders.onAppealRejected("D-" + app, UUID.randomUUID().toString());
        OrderRepository.Stored reserving = orderRepository.find(orderId).orElseThrow();
        assertEquals(OrderState.RESERVING, reserving.order().state());

        // the reservation's line write and move, then the crash
        PaymentOrder order = reserving.order();
        lines.reserve(order.budgetLineId(), orderId, fen);
        Instant now = clock.instant();
        assertTrue(moves.move(reserving, order.reserved(now, org.susong.payments.domain.Ledger.reservation(orderId,
                order.budgetLineId(), fen, now, OrderService.SYSTEM)), OrderService.SYSTEM, "test"));
        lines.forget(order.budgetLineId(), orderId);

        scheduler.resume(PaymentProcessor.IDENTITY);
        await().atMost(Duration.ofSeconds(15)).until(() -> orders.find(orderId).orElseThrow().state() == OrderState.RELEASED);
        pause();
        releasedOnAppeal(orderId, measure, fen);
    }

    /** An approved re-decision on appeal ({@code D-<app>-R<n>}, superseding the earlier decision) as eligibility sends it. */
    String redecided(String app, String uscc, int year, int round, long amountFen, String supersedes) {
        String decisionId = "D-" + app + "-R" + round;
        orders.onApprovedDecision(new OrderService.ApprovedDecision(UUID.randomUUID().toString(), "h-" + decisionId, decisionId,
                app, uscc, "B1", year, "HULI", amountFen, null, supersedes));
        return PaymentOrder.idFor(decisionId);
    }

    List<PaymentOrder> live(String app) {
        return orders.forApplication(app).stream().filter(o -> o.state() != OrderState.RELEASED).toList();
    }

    /** Also: an award re-approved on appeal before it is paid replaces the earlier order (one decision chain, one payment). */
    @Test
    void an_approved_re_decision_releases_the_unpaid_order_it_supersedes_and_orders_the_full_amount() {
        pause();
        String app = Fixtures.app("APP-SU");
        String oldId = decided(app, Fixtures.USCC, "B1", 2026, 5_000_000);
        assertEquals(OrderState.IN_NOTICE, orders.find(oldId).orElseThrow().state());
        BudgetLineRepository.Line before = lines.find("2026:B1").orElseThrow();

        String newId = redecided(app, Fixtures.USCC, 2026, 1, 6_000_000, "D-" + app);
        PaymentOrder old = orders.find(oldId).orElseThrow();
        assertEquals(OrderState.RELEASED, old.state(), "the superseded decision's order is not paid");
        assertEquals(org.susong.payments.domain.ReleaseReason.SUPERSEDED, old.releaseReason());
        List<PaymentOrder> live = live(app);
        assertEquals(List.of(newId), live.stream().map(PaymentOrder::id).toList(), "one decision chain, one order");
        assertEquals(6_000_000, live.get(0).amount().fen(), "the re-decision's full amount");
        BudgetLineRepository.Line after = lines.find("2026:B1").orElseThrow();
        assertEquals(before.reservedFen() - 5_000_000 + 6_000_000, after.reservedFen(), "the old reservation went back once");
        assertEquals(before.availableFen() + 5_000_000 - 6_000_000, after.availableFen());
        await().atMost(Duration.ofSeconds(10)).until(() -> Fixtures.events(oldId).stream()
                .anyMatch(r -> r.value().contains("\"reason\":\"SUPERSEDED\"")));
        String released = Fixtures.events(oldId).stream().filter(r -> r.value().contains("\"reason\":\"SUPERSEDED\""))
                .findFirst().orElseThrow().value();
        assertEquals(List.of(), EventContracts.violations("susong.payments.BudgetReleased.v1", released));

        // the same event again (a redelivery): nothing moves
        redecided(app, Fixtures.USCC, 2026, 1, 6_000_000, "D-" + app);
        assertEquals(after.reservedFen(), lines.find("2026:B1").orElseThrow().reservedFen());
        assertEquals(1, live(app).size());
    }

    /**
     * A chain whose middle decision never reached payments: D0 (50,000 CNY, unpaid, in notice), D1 (supersedes D0)
     * dead-lettered here, R2 rejects D1 on appeal. Nothing of the chain may be paid: D0's order is taken over and released
     * (SUPERSEDED: D1 replaced it), and D1 replayed afterwards is born released (APPEAL_REJECTED). Before, the rejection
     * followed one step only and D0 went on to be paid.
     */
    @Test
    void a_rejected_appeal_of_a_middle_decision_never_taken_in_releases_the_unpaid_root() {
        pause();
        String app = Fixtures.app("APP-SRC");
        String d0 = decided(app, Fixtures.USCC, "B1", 2026, 5_000_000);
        assertEquals(OrderState.IN_NOTICE, orders.find(d0).orElseThrow().state());

        orders.onAppealRejected(app, "D-" + app + "-R1", UUID.randomUUID().toString());
        PaymentOrder root = orders.find(d0).orElseThrow();
        assertEquals(OrderState.RELEASED, root.state(), "the root of a chain rejected on appeal goes on to be paid");
        assertEquals(org.susong.payments.domain.ReleaseReason.SUPERSEDED, root.releaseReason());

        String d1 = redecided(app, Fixtures.USCC, 2026, 1, 5_500_000, "D-" + app);
        assertEquals(OrderState.RELEASED, orders.find(d1).orElseThrow().state(), "the rejected decision is paid");
        assertEquals(org.susong.payments.domain.ReleaseReason.APPEAL_REJECTED, orders.find(d1).orElseThrow().releaseReason());
        assertEquals(List.of(), live(app));
    }

    /** Also: a paid award re-approved on appeal is topped up by the difference only; a chain of rounds pays it once. */
    @Test
    void an_approved_re_decision_of_a_paid_award_orders_only_the_difference() {
        String app = Fixtures.app("APP-SP");
        String oldId = decided(app, SU_USCC, "B1", 2025, 5_000_000);
        await().atMost(Duration.ofSeconds(20)).until(() -> orders.find(oldId).orElseThrow().state() == OrderState.SETTLED);
        pause();
        BudgetLineRepository.Line before = lines.find("2025:B1").orElseThrow();

        String r1 = redecided(app, SU_USCC, 2025, 1, 7_000_000, "D-" + app);
        assertEquals(OrderState.SETTLED, orders.find(oldId).orElseThrow().state());
        assertEquals(2_000_000, orders.find(r1).orElseThrow().amount().fen(), "5,000,000 fen are paid already");

        // a second round re-approves the same 70,000 CNY: its order replaces R1's unpaid top-up, not the paid award
        String r2 = redecided(app, SU_USCC, 2025, 2, 7_000_000, "D-" + app + "-R1");
        assertEquals(OrderState.RELEASED, orders.find(r1).orElseThrow().state());
        assertEquals(org.susong.payments.domain.ReleaseReason.SUPERSEDED, orders.find(r1).orElseThrow().releaseReason());
        assertEquals(2_000_000, orders.find(r2).orElseThrow().amount().fen());

        // a third round re-approves no more than is paid: nothing is left to pay (a lower one would be a recovery)
        String r3 = redecided(app, SU_USCC, 2025, 3, 5_000_000, "D-" + app + "-R2");
        assertEquals(OrderState.RELEASED, orders.find(r2).orElseThrow().state());
        assertTrue(orders.find(r3).isEmpty(), "no order for a re-decision the paid award covers");
        assertEquals(List.of(oldId), live(app).stream().map(PaymentOrder::id).toList());
        BudgetLineRepository.Line after = lines.find("2025:B1").orElseThrow();
        assertEquals(before.reservedFen(), after.reservedFen(), "every top-up's reservation went back");
        assertEquals(before.availableFen(), after.availableFen());
        assertEquals(before.disbursedFen(), after.disbursedFen());
    }

    /**
     * Issue 20 item 4: an officer re-decides an appealed award lower before it is paid (eligibility gave the cap
     * difference back): payments replaces the order, never adds one - the re-decision's order carries the lower amount,
     * the old reservation goes back whole, and a redelivery moves nothing. A lower re-decision of an award already paid
     * orders nothing and recovers nothing here (a recovery of the difference is not opened: see payments.md).
     */
    @Test
    void a_lower_re_decision_on_appeal_replaces_the_unpaid_order_with_one_order_of_the_lower_amount() {
        pause();
        String app = Fixtures.app("APP-SL");
        String oldId = decided(app, Fixtures.USCC, "B1", 2026, 5_000_000);
        BudgetLineRepository.Line before = lines.find("2026:B1").orElseThrow();

        String newId = redecided(app, Fixtures.USCC, 2026, 1, 3_000_000, "D-" + app);
        assertEquals(OrderState.RELEASED, orders.find(oldId).orElseThrow().state());
        assertEquals(org.susong.payments.domain.ReleaseReason.SUPERSEDED, orders.find(oldId).orElseThrow().releaseReason());
        List<PaymentOrder> live = live(app);
        assertEquals(List.of(newId), live.stream().map(PaymentOrder::id).toList(), "one decision chain, one order");
        assertEquals(3_000_000, live.get(0).amount().fen(), "the re-decided amount, not the appealed one");
        assertEquals(before.reservedFen() - 2_000_000, lines.find("2026:B1").orElseThrow().reservedFen());
        redecided(app, Fixtures.USCC, 2026, 1, 3_000_000, "D-" + app);
        assertEquals(1, live(app).size());
        assertEquals(before.reservedFen() - 2_000_000, lines.find("2026:B1").orElseThrow().reservedFen());
    }

    /** The appeal's approved re-decision {@code D-<app>-R1} of {@code D-<app>} on a line of the test's own. */
    OrderService.ApprovedDecision reDecisionOn(String app, String measure, long fen) {
        return new OrderService.ApprovedDecision(UUID.randomUUID().toString(), "h-D-" + app + "-R1", "D-" + app + "-R1", app,
                Fixtures.USCC, measure, 2027, "HULI", fen, null, "D-" + app);
    }

    /**
     * The decision chain D1 (50,000 CNY), superseded by R1 (60,000 CNY), on a line of 110,000 CNY: after the processor's
     * steps D1's order is released as superseded, never reserved twice or paid, and only R1's whole award is reserved.
     */
    void replacedByItsReDecision(String app, String measure) {
        approvals.endNotices();
        approvals.routeApproved();
        disbursements.batchApproved();
        String orderId = PaymentOrder.idFor("D-" + app);
        PaymentOrder late = orders.find(orderId).orElseThrow();
        assertEquals(OrderState.RELEASED, late.state(), "the superseded decision's order is never paid besides its re-decision");
        assertEquals(org.susong.payments.domain.ReleaseReason.SUPERSEDED, late.releaseReason());
        assertEquals(6_000_000, orders.find(PaymentOrder.idFor("D-" + app + "-R1")).orElseThrow().amount().fen(),
                "the re-decision pays the whole award");
        BudgetLineRepository.Line line = lines.find("2027:" + measure).orElseThrow();
        assertEquals(6_000_000, line.reservedFen(), "only the re-decision's award is reserved");
        assertEquals(5_000_000, line.availableFen());
        assertTrue(line.inFlight().isEmpty(), "the line forgot the orders' ids: " + line.inFlight());
        assertEquals(journalled(orderId, "RESERVATION"), journalled(orderId, "RELEASE"), "one release per reservation");
    }

    /**
     * Canvas "Still missing", first bullet (replay after an appeal), a crash: R1 was taken in first and found no D1 order;
     * D1 arrives late (replayed, or on another partition) and its intake dies right after inserting the order, before it
     * reads the appeal's outcome. The resumer reserves the order: it must read the outcome too, and release it.
     */
    @Test
    void a_late_superseded_decision_whose_intake_died_after_its_insert_is_released_by_the_resumer() {
        pause();
        String measure = ownLine(11_000_000);
        String app = Fixtures.app("APP-LR");
        orders.onApprovedDecision(reDecisionOn(app, measure, 6_000_000));
        assertTrue(orders.find(PaymentOrder.idFor("D-" + app)).isEmpty());

        // D1's intake: the insert, then the crash
        assertTrue(orderRepository.insert(PaymentOrder.open("D-" + app, app, Fixtures.USCC, measure, 2027, "HULI",
                org.susong.commons.money.Money.ofFen(5_000_000)), UUID.randomUUID().toString(), "h-" + app,
                java.util.Date.from(clock.instant())));
        new OrderService(orderRepository, supersessions, lines, withdrawals, recoveries, moves,
                Clock.offset(clock, config.resumeAfter().plusSeconds(1)), config, registry).resumeIntents();
        orders.releaseRejectedOnAppeal(); // the processor's appeals step
        replacedByItsReDecision(app, measure);
    }

    /**
     * The reverse interleaving: D1's intake has inserted its order and read what it reads after the insert (no appeal's
     * outcome yet) when R1 is taken in. R1 must see D1's order (written before R1 reads it) and replace it.
     */
    @Test
    void an_approved_re_decision_taken_in_while_the_superseded_decision_is_taken_in_replaces_its_order() {
        reDecisionWhileTakenIn(false);
    }

    /** As above, on the batched intake (eligibility-in is a batch channel). */
    @Test
    void an_approved_re_decision_taken_in_while_a_batch_takes_in_the_superseded_decision_replaces_its_order() {
        reDecisionWhileTakenIn(true);
    }

    /**
     * The other interleaving: R1's handler has kept the supersession and not yet read D1's order when D1 is taken in
     * whole. D1's intake must read the fact (written before its insert) and the handler must find D1's order: D1 is born
     * released, R1 pays the whole award once.
     */
    @Test
    void a_superseded_decision_taken_in_between_its_re_decisions_keep_and_read_is_released_and_not_paid() {
        pause();
        String measure = ownLine(11_000_000);
        String app = Fixtures.app("APP-RK");
        org.susong.payments.persistence.SupersessionRepository racing = InterleavedRepositories
                .supersessionsActingAfterFirstKeep(mongo, database, () -> orders.onApprovedDecision(decisionOn(app, measure,
                        5_000_000)));
        new OrderService(orderRepository, racing, lines, withdrawals, recoveries, moves, clock, config, registry)
                .onApprovedDecision(reDecisionOn(app, measure, 6_000_000));
        assertEquals(OrderState.RELEASED, orders.find(PaymentOrder.idFor("D-" + app)).orElseThrow().state(),
                "born released: nothing was reserved for it");
        replacedByItsReDecision(app, measure);
    }

    void reDecisionWhileTakenIn(boolean batched) {
        pause();
        String measure = ownLine(11_000_000);
        String app = Fixtures.app("APP-RW");
        AtomicBoolean raced = new AtomicBoolean();
        WithdrawalRepository racing = InterleavedRepositories.withdrawals(mongo, database, () -> {
            raced.set(true);
            orders.onApprovedDecision(reDecisionOn(app, measure, 6_000_000));
        });
        OrderService decisionSide = new OrderService(orderRepository, supersessions, lines, racing, recoveries, moves,
                clock, config, registry);
        OrderService.ApprovedDecision d1 = decisionOn(app, measure, 5_000_000);
        if (batched) {
            assertEquals(Map.of(), decisionSide.onApprovedDecisions(List.of(d1)));
        } else {
            decisionSide.onApprovedDecision(d1);
        }
        assertTrue(raced.get(), "R1 was taken in between D1's insert and its reservation");
        orders.releaseRejectedOnAppeal(); // the processor's appeals step
        replacedByItsReDecision(app, measure);
    }

    /** Review of issue 23, item 6: a void that crashes after the batch is VOIDED and before its orders are reopened. */
    @Test
    void orders_left_instructed_under_a_voided_batch_by_a_crash_are_reopened_by_the_straggler_pass() {
        pause();
        String app = Fixtures.app("APP-VC");
        String orderId = approvedOrder(app, VC_USCC, "B1", 2026, 2_700_000);
        disbursements.batchApproved();
        String batchId = orders.find(orderId).orElseThrow().batchId();
        disbursements.export(batchId);
        disbursements.instruct(batchId);
        assertEquals(OrderState.INSTRUCTED, orders.find(orderId).orElseThrow().state());

        OrderMoves crashing = new OrderMoves(orderRepository, relay, json, clock) {
            @Override
            public boolean change(OrderRepository.Stored stored, PaymentOrder next) {
                throw new IllegalStateException("crash after the batch was voided, before its orders were reopened");
            }

            @Override
            public boolean move(OrderRepository.Stored stored, PaymentEvent event, String actor, String causation) {
                // reopening publishes PaymentOrderReopened (issue 20 item 2), so it is a move with its event
                throw new IllegalStateException("crash after the batch was voided, before its orders were reopened");
            }
        };
        DisbursementService voiding = new DisbursementService(batches, orderRepository, payees, crashing, files, channel,
                reconciliation, recoveryService, orders, applicantChanges, clock, config);
        voiding.voidAndReissue(batchId, "wrong file sent", "RCL-" + app, "finance-1");
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> voiding.voidAndReissue(batchId, "wrong file sent", "RCL-" + app, "finance-2"));
        assertEquals(BatchState.VOIDED, batches.find(batchId).orElseThrow().state());
        assertEquals(OrderState.INSTRUCTED, orders.find(orderId).orElseThrow().state(), "the crash left it instructed");

        disbursements.reopenStragglers();
        PaymentOrder order = orders.find(orderId).orElseThrow();
        assertEquals(OrderState.APPROVED, order.state(), "an order of a voided file goes back into the next batch");
        assertEquals(null, order.batchId());
    }

    /** An order of its own line, approved with its payee snapshot, in an exported bank file (INSTRUCTED). */
    String instructed(String app, String measure, long fen) {
        String orderId = approvedOrder(app, AP_USCC, measure, 2027, fen);
        disbursements.batchApproved();
        String batchId = orders.find(orderId).orElseThrow().batchId();
        disbursements.export(batchId);
        disbursements.instruct(batchId);
        assertEquals(OrderState.INSTRUCTED, orders.find(orderId).orElseThrow().state());
        return orderId;
    }

    /**
     * Second reader of the appeal fix (canvas, Still missing): an appeal rejects the award of an order already in a bank
     * file (not releasable: the rejection is only kept); the file is voided, which reopens the order to APPROVED. A round
     * (or another replica) whose {@code disbursements} step runs before its {@code appeals} step must not batch it: the
     * order is released, never paid.
     */
    @Test
    void a_reopened_order_holding_an_appeals_rejection_is_not_batched_before_the_appeals_step_releases_it() {
        pause();
        long fen = 4_500_000;
        String measure = ownLine(fen);
        String app = Fixtures.app("APP-AV");
        String orderId = instructed(app, measure, fen);
        orders.onAppealRejected("D-" + app, UUID.randomUUID().toString());
        assertEquals(OrderState.INSTRUCTED, orders.find(orderId).orElseThrow().state(), "in a file: only kept");
        String batchId = orders.find(orderId).orElseThrow().batchId();
        disbursements.voidAndReissue(batchId, "wrong file sent", "RCL-" + app, "finance-1");
        disbursements.voidAndReissue(batchId, "wrong file sent", "RCL-" + app, "finance-2");
        assertEquals(OrderState.APPROVED, orders.find(orderId).orElseThrow().state(), "the void reopened it");

        disbursements.batchApproved(); // the disbursements step first
        assertEquals(OrderState.APPROVED, orders.find(orderId).orElseThrow().state(),
                "an order holding an appeal's rejection is never batched");
        orders.releaseRejectedOnAppeal(); // then the appeals step
        releasedOnAppeal(orderId, measure, fen);
    }

    /**
     * As above, two writers: the appeal's rejection is kept on the APPROVED order between the batching's read of the
     * APPROVED orders and its write (the appeal handler then reads the order). The batching's write must be refused
     * (not only its read filtered), else the handler reads it BATCHED, not releasable, and it is paid.
     */
    @Test
    void an_appeals_rejection_kept_between_the_batchings_read_and_its_write_refuses_the_batching() {
        pause();
        long fen = 4_600_000;
        String measure = ownLine(fen);
        String app = Fixtures.app("APP-AB");
        String orderId = approvedOrder(app, AP_USCC, measure, 2027, fen);

        String rejection = UUID.randomUUID().toString();
        PayeeRepository racing = InterleavedRepositories.payeesActingAfterFirstRead(mongo, database,
                () -> orderRepository.keepAppealRejection(orderId, rejection));
        new DisbursementService(batches, orderRepository, racing, moves, files, channel, reconciliation, recoveryService,
                orders, applicantChanges, clock, config).batchApproved();
        assertEquals(OrderState.APPROVED, orders.find(orderId).orElseThrow().state(),
                "the batching's write is refused once the rejection is kept");

        orders.onAppealRejected("D-" + app, rejection); // the appeal handler's read after its keep
        releasedOnAppeal(orderId, measure, fen);
    }

    /** Two intents of one line a stalled writer left RESERVING (older than resume-after for a resumer built to see it). */
    List<String> stalledIntents(String prefix, long fen) {
        String measure = ownLine(2 * fen);
        OrderService stalled = stalledOrders();
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 2; i++) {
            String app = Fixtures.app(prefix);
            stalled.onApprovedDecision(decisionOn(app, measure, fen));
            ids.add(PaymentOrder.idFor("D-" + app));
        }
        return ids;
    }

    /**
     * Second reader of the resumer fix (canvas, Still missing): a store outage is not one order's fault. The resumer's
     * per-order catch must rethrow a transient store error (here the driver's server-selection timeout), so the pass ends
     * at once instead of every order waiting out the same timeout; the intents stay for a later pass.
     */
    @Test
    void a_store_timeout_while_resuming_an_intent_ends_the_resumers_pass() {
        pause();
        List<String> ids = stalledIntents("APP-RT", 1_200_000);
        OrderService outage = new OrderService(orderRepository, supersessions, lines, withdrawals, recoveries, moves,
                Clock.offset(clock, config.resumeAfter().plusSeconds(1)), config, registry) {
            @Override
            void finish(OrderRepository.Stored stored, String causation) {
                if (ids.contains(stored.order().id())) {
                    throw new com.mongodb.MongoTimeoutException("timed out waiting for a server (test)");
                }
                super.finish(stored, causation);
            }
        };
        org.junit.jupiter.api.Assertions.assertThrows(com.mongodb.MongoTimeoutException.class, outage::resumeIntents,
                "a store outage ends the pass");

        new OrderService(orderRepository, supersessions, lines, withdrawals, recoveries, moves,
                Clock.offset(clock, config.resumeAfter().multipliedBy(2).plusSeconds(2)), config, registry).resumeIntents();
        for (String id : ids) {
            assertEquals(OrderState.IN_NOTICE, orders.find(id).orElseThrow().state(), "a later pass finishes " + id);
        }
    }

    /**
     * As above for the appeals step: of two orders holding an appeal's rejection, one's fault (here an illegal state) is
     * logged and the other is released; a transient failure (commons' {@code TransientFailure}) ends the step.
     */
    @Test
    void the_appeals_step_skips_one_orders_fault_and_ends_on_a_transient_failure() {
        pause();
        long fen = 1_300_000;
        String measure = ownLine(4 * fen);
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String app = Fixtures.app("APP-AS");
            orders.onApprovedDecision(decisionOn(app, measure, fen));
            ids.add(PaymentOrder.idFor("D-" + app));
            // kept by a handler that died before its read (the appeals step releases it)
            orderRepository.keepAppealRejection(ids.get(i), UUID.randomUUID().toString());
        }
        java.util.function.Function<RuntimeException, OrderService> failingOnFirst = fault -> new OrderService(orderRepository, supersessions,
                lines, withdrawals, recoveries, moves, clock, config, registry) {
            private final AtomicBoolean failed = new AtomicBoolean();

            @Override
            public boolean startRelease(OrderRepository.Stored stored, org.susong.payments.domain.ReleaseReason reason, String actor, String causation) {
                if (ids.contains(stored.order().id()) && failed.compareAndSet(false, true)) {
                    throw fault;
                }
                return super.startRelease(stored, reason, actor, causation);
            }
        };
        org.junit.jupiter.api.Assertions.assertThrows(org.susong.commons.messaging.TransientFailure.class,
                () -> failingOnFirst.apply(new org.susong.commons.messaging.TransientFailure("store down (test)"))
                        .releaseRejectedOnAppeal(), "a transient failure ends the step");
        assertEquals(List.of(OrderState.IN_NOTICE, OrderState.IN_NOTICE, OrderState.IN_NOTICE, OrderState.IN_NOTICE),
                ids.stream().map(id -> orders.find(id).orElseThrow().state()).toList(), "nothing released after it");

        failingOnFirst.apply(new IllegalStateException("one order's fault (test)")).releaseRejectedOnAppeal();
        assertEquals(3, ids.stream().filter(id -> orders.find(id).orElseThrow().state() == OrderState.RELEASED).count(),
                "the orders behind the faulty one are released");
    }

    /**
     * Benchmarks (canvas, Still missing): the processor's {@code approved} step once failed its whole round on one order
     * read as APPROVED from the AWAITING_PAYEE list ({@code IllegalTransition}). A step must skip (log and count) an order
     * whose state is not the one it listed and go on with the others.
     */
    @Test
    void an_order_listed_in_one_state_but_read_in_another_is_skipped_and_the_step_goes_on() {
        pause();
        long fen = 1_400_000;
        String measure = ownLine(2 * fen);
        String approvedApp = Fixtures.app("APP-LS");
        String approvedId = decided(approvedApp, AP_USCC, measure, 2027, fen);
        String waitingApp = Fixtures.app("APP-LW");
        String waitingId = PaymentOrder.idFor("D-" + waitingApp);
        orders.onApprovedDecision(decisionOn(waitingApp, measure, fen)); // no payee snapshot yet
        approvals.endNotices();
        approvals.routeApproved();
        assertEquals(OrderState.APPROVED, orders.find(approvedId).orElseThrow().state());
        assertEquals(OrderState.AWAITING_PAYEE, orders.find(waitingId).orElseThrow().state());
        // the snapshot arrives, stored only (the processor's step moves the order on)
        payees.insert(new PayeeRepository.StoredPayee("D-" + waitingApp, waitingApp, Fixtures.USCC, new Payee("Xiamen Wait Co.",
                "6222020200119977", "102393000019", "ICBC Xiamen", clock.instant()), UUID.randomUUID().toString(), "h"),
                clock.instant());

        OrderRepository stale = InterleavedRepositories.ordersListingAlso(mongo, database, outboxConfig,
                OrderState.AWAITING_PAYEE, approvedId);
        double skipped = registry.counter(RoundFaults.STALE_LISTED).count();
        new ApprovalService(stale, payees, moves, orders, clock, config).routeApproved();
        assertEquals(OrderState.APPROVED, orders.find(waitingId).orElseThrow().state(), "the step went on with the others");
        assertEquals(OrderState.APPROVED, orders.find(approvedId).orElseThrow().state());
        assertEquals(skipped + 1, registry.counter(RoundFaults.STALE_LISTED).count(), "the skipped order is counted");
    }
}
