package org.susong.payments.rest;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.susong.commons.messaging.ReplayConsumer;
import org.susong.testing.CloudEventRecords;
import org.susong.testing.LocalInfraTestResource;
import org.susong.payments.application.LedgerService;
import org.susong.payments.application.OrderService;
import org.susong.payments.domain.OrderState;
import org.susong.payments.domain.PaymentOrder;

/**
 * Canvas "Still missing", first bullet (second reader helper-58; issue 15 item 4, replay to the failing consumer only): an
 * {@code EligibilityDecided(D1, APPROVED)} that payments did not take in (dead-lettered, or late on another partition:
 * D1 and its re-decision have different keys), then the appeal's re-decision R1 (supersedes D1) is taken in first, then
 * D1 arrives: replayed on {@code payments.replay} (commons ReplayConsumer, the single path) or late on
 * {@code eligibility.events} (the batched intake). D1's order must never be paid besides R1's (approved: one decision
 * chain, one payment) or despite R1 (rejected). Everything goes through the real broker; the processor pays what it may
 * (B1 2026, amounts under the automatic approval threshold, notice of 0 days in the test profile).
 */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
class AppealReplayTest {

    static final String DECIDED = "susong.eligibility.EligibilityDecided.v1";
    static final Set<OrderState> FINAL = EnumSet.of(OrderState.SETTLED, OrderState.RELEASED, OrderState.CONVERTED,
            OrderState.RETURNED);

    @Inject
    OrderService orders;
    @Inject
    LedgerService ledger;

    @AfterEach
    void journal() {
        Fixtures.assertJournalBalances(ledger);
    }

    /** (a) R1 approved 60,000 CNY finds no D1 order and orders the whole; D1 (50,000 CNY) replayed afterwards. */
    @Test
    void a_decision_replayed_after_its_approved_re_decision_on_appeal_is_not_paid_besides_it() {
        approvedFirst("APP-RPA", app -> replay("D-" + app, Fixtures.decision(app, "APPROVED", "B1", 2026, 5_000_000, null)));
    }

    /** (b) R1 rejects the award on appeal; no D1 order to keep the rejection on; D1 (50,000 CNY) replayed afterwards. */
    @Test
    void a_decision_replayed_after_its_appeal_was_rejected_is_not_paid() {
        rejectedFirst("APP-RPB", app -> replay("D-" + app, Fixtures.decision(app, "APPROVED", "B1", 2026, 5_000_000, null)));
    }

    /** (a) on the batched intake: R1 approved taken in first, D1 arrives late on eligibility.events (another key). */
    @Test
    void a_decision_taken_in_by_the_batched_intake_after_its_approved_re_decision_is_not_paid_besides_it() {
        approvedFirst("APP-RPC", app -> Fixtures.decide(app, "B1", 2026, 5_000_000));
    }

    /** (b) on the batched intake. */
    @Test
    void a_decision_taken_in_by_the_batched_intake_after_its_appeal_was_rejected_is_not_paid() {
        rejectedFirst("APP-RPD", app -> Fixtures.decide(app, "B1", 2026, 5_000_000));
    }

    /**
     * A chain of re-decisions, D0 (50,000 CNY, approved and paid) -> D1 (55,000 CNY, supersedes D0) -> R2 (60,000 CNY,
     * supersedes D1): D1 is never taken in before R2 (dead-lettered here). R2 names only D1, whose order is not there:
     * what D0 paid must still count against R2 (before: R2 paid its whole award besides D0, 110,000 CNY for a 60,000 CNY
     * award). D1 replayed afterwards is born released; the chain pays 60,000 CNY once.
     */
    @Test
    void a_re_decision_whose_superseded_middle_decision_was_never_taken_in_counts_what_the_root_paid() {
        paidRootThenR2("APP-RPE", app -> replay("D-" + app + "-R1", reDecision(app, 1, "APPROVED", 5_500_000)));
    }

    /** As above, D1 arriving late on eligibility.events (another key) through the batched intake. */
    @Test
    void a_middle_decision_taken_in_by_the_batched_intake_after_the_chains_latest_decision_is_not_paid() {
        paidRootThenR2("APP-RPF", app -> Fixtures.publish("eligibility.events", DECIDED, "D-" + app + "-R1",
                reDecision(app, 1, "APPROVED", 5_500_000)));
    }

    /** In order (D0 paid, D1 taken in and paid its 5,000 CNY top-up, then R2): R2 pays the last 5,000 CNY. */
    @Test
    void a_chain_taken_in_in_order_pays_the_latest_decisions_amount_once() {
        String app = Fixtures.app("APP-RPG");
        rootPaid(app);
        publishReDecision(app, 1, "APPROVED", 5_500_000);
        payee(app, "D-" + app + "-R1");
        assertEquals(OrderState.SETTLED, finalOrder("PO-D-" + app + "-R1").state());
        assertEquals(500_000, orders.find("PO-D-" + app + "-R1").orElseThrow().amount().fen());
        publishReDecision(app, 2, "APPROVED", 6_000_000);
        payee(app, "D-" + app + "-R2");
        assertEquals(OrderState.SETTLED, finalOrder("PO-D-" + app + "-R2").state());
        assertEquals(500_000, orders.find("PO-D-" + app + "-R2").orElseThrow().amount().fen());
        assertEquals(6_000_000, paysOrPaid(app), "the decision chain pays 60,000 CNY once");
    }

    /**
     * Neither D0 nor D1 taken in before R2 (both dead-lettered): R2 pays its whole award; D0 replayed afterwards names no
     * supersedes of its own and is still born released (R2 kept the fact about every earlier decision of its chain), as
     * is D1 replayed after it.
     */
    @Test
    void a_root_decision_replayed_after_a_re_decision_two_rounds_later_is_not_paid() {
        String app = Fixtures.app("APP-RPH");
        Fixtures.payee(app);
        publishReDecision(app, 2, "APPROVED", 6_000_000);
        payee(app, "D-" + app + "-R2");
        assertEquals(OrderState.SETTLED, finalOrder("PO-D-" + app + "-R2").state());
        assertEquals(6_000_000, orders.find("PO-D-" + app + "-R2").orElseThrow().amount().fen());

        replay("D-" + app, Fixtures.decision(app, "APPROVED", "B1", 2026, 5_000_000, null));
        PaymentOrder d0 = finalOrder("PO-D-" + app);
        assertEquals(OrderState.RELEASED, d0.state(), "the chain's root is paid besides its latest decision");
        assertEquals(org.susong.payments.domain.ReleaseReason.SUPERSEDED, d0.releaseReason());
        replay("D-" + app + "-R1", reDecision(app, 1, "APPROVED", 5_500_000));
        assertEquals(OrderState.RELEASED, finalOrder("PO-D-" + app + "-R1").state());
        assertEquals(6_000_000, paysOrPaid(app), "the decision chain pays 60,000 CNY once");
    }

    /** D0 paid, R1 rejects it on appeal (taken in), R2 approves 60,000 CNY: R2 pays what D0 did not, 10,000 CNY. */
    @Test
    void a_re_decision_after_a_rejected_middle_decision_counts_what_the_root_paid() {
        String app = Fixtures.app("APP-RPI");
        rootPaid(app);
        publishReDecision(app, 1, "REJECTED", 0);
        takenIn("D-" + app + "-R1");
        publishReDecision(app, 2, "APPROVED", 6_000_000);
        payee(app, "D-" + app + "-R2");
        assertEquals(OrderState.SETTLED, finalOrder("PO-D-" + app + "-R2").state());
        assertEquals(1_000_000, orders.find("PO-D-" + app + "-R2").orElseThrow().amount().fen());
        assertEquals(6_000_000, paysOrPaid(app));
    }

    /** D0 (50,000 CNY) taken in and paid. */
    void rootPaid(String app) {
        Fixtures.payee(app);
        Fixtures.decide(app, "B1", 2026, 5_000_000);
        assertEquals(OrderState.SETTLED, finalOrder("PO-D-" + app).state());
    }

    /** D0 paid, R2 (supersedes D1, never taken in) taken in and paid; then {@code late} delivers D1. */
    void paidRootThenR2(String prefix, Consumer<String> late) {
        String app = Fixtures.app(prefix);
        rootPaid(app);
        publishReDecision(app, 2, "APPROVED", 6_000_000);
        payee(app, "D-" + app + "-R2");
        PaymentOrder r2 = finalOrder("PO-D-" + app + "-R2");
        assertEquals(OrderState.SETTLED, r2.state());
        assertEquals(1_000_000, r2.amount().fen(), "what D0 paid counts against R2, though R2 names only D1");
        assertEquals(6_000_000, paysOrPaid(app), "D1 never taken in: the decision chain pays 60,000 CNY once");

        late.accept(app);
        PaymentOrder d1 = finalOrder("PO-D-" + app + "-R1");
        assertEquals(OrderState.RELEASED, d1.state(), "the middle decision is paid besides the chain's latest");
        assertEquals(org.susong.payments.domain.ReleaseReason.SUPERSEDED, d1.releaseReason());
        assertEquals(6_000_000, paysOrPaid(app), "the decision chain pays 60,000 CNY once");
    }

    /** The n-th re-decision {@code D-<app>-R<n>}, superseding round n-1, as eligibility publishes it. */
    static String reDecision(String app, int round, String outcome, long amountFen) {
        String supersedes = round == 1 ? "D-" + app : "D-" + app + "-R" + (round - 1);
        return Fixtures.decision(app, outcome, "B1", 2026, amountFen, ",\"disbursementMode\":\"GRANT\",\"supersedes\":\""
                + supersedes + "\"").replace("\"decisionId\":\"D-" + app + "\"", "\"decisionId\":\"D-" + app + "-R" + round + "\"");
    }

    static void publishReDecision(String app, int round, String outcome, long amountFen) {
        Fixtures.publish("eligibility.events", DECIDED, "D-" + app + "-R" + round, reDecision(app, round, outcome, amountFen));
    }

    /** R1 approved (60,000 CNY) is taken in and paid, then {@code late} delivers D1 (50,000 CNY, never taken in before). */
    void approvedFirst(String prefix, Consumer<String> late) {
        String app = Fixtures.app(prefix);
        Fixtures.payee(app); // applications' snapshot for D1
        reDecided(app, "APPROVED", 6_000_000);
        payee(app, "D-" + app + "-R1");
        await().atMost(Duration.ofSeconds(30)).until(() -> state("PO-D-" + app + "-R1") == OrderState.SETTLED);
        assertEquals(6_000_000, orders.find("PO-D-" + app + "-R1").orElseThrow().amount().fen(),
                "no D1 order when R1 was taken in: R1 pays the whole award");

        late.accept(app);
        PaymentOrder d1 = finalOrder("PO-D-" + app);
        assertEquals(OrderState.RELEASED, d1.state(), "the superseded decision is paid besides its re-decision: paid twice");
        assertEquals(org.susong.payments.domain.ReleaseReason.SUPERSEDED, d1.releaseReason());
        assertEquals(6_000_000, paysOrPaid(app), "the decision chain pays 60,000 CNY once");
    }

    /** R1 rejects the award and is taken in, then {@code late} delivers D1 (50,000 CNY, never taken in before). */
    void rejectedFirst(String prefix, Consumer<String> late) {
        String app = Fixtures.app(prefix);
        Fixtures.payee(app);
        reDecided(app, "REJECTED", 0);
        takenIn("D-" + app + "-R1");

        late.accept(app);
        PaymentOrder d1 = finalOrder("PO-D-" + app);
        assertEquals(OrderState.RELEASED, d1.state(), "an award rejected on appeal is paid");
        assertEquals(org.susong.payments.domain.ReleaseReason.APPEAL_REJECTED, d1.releaseReason());
        assertEquals(0, paysOrPaid(app));
    }

    /** The appeal's re-decision {@code D-<app>-R1} of {@code D-<app>} as eligibility publishes it (key: its decision id). */
    static void reDecided(String app, String outcome, long amountFen) {
        String decisionId = "D-" + app + "-R1";
        Fixtures.publish("eligibility.events", DECIDED, decisionId, Fixtures.decision(app, outcome, "B1", 2026, amountFen,
                ",\"disbursementMode\":\"GRANT\",\"supersedes\":\"D-" + app + "\"")
                .replace("\"decisionId\":\"D-" + app + "\"", "\"decisionId\":\"" + decisionId + "\""));
    }

    /**
     * Waits until payments has taken in the record published under {@code key} on eligibility.events: a decision of
     * another application published after it under the same key (same partition, so taken in after it) has its order.
     */
    void takenIn(String key) {
        String marker = Fixtures.app("APP-RPM");
        Fixtures.publish("eligibility.events", DECIDED, key, Fixtures.decision(marker, "APPROVED", "B1", 2026, 100_000, null));
        await().atMost(Duration.ofSeconds(30)).until(() -> orders.find("PO-D-" + marker).isPresent());
    }

    /** The beneficiary's payee snapshot for one decision of the application. */
    static void payee(String app, String decisionId) {
        Fixtures.publish("applications.events", "susong.applications.PayeeAccountSnapshotted.v1", app,
                "{\"applicationId\":\"" + app + "\",\"decisionId\":\"" + decisionId + "\",\"applicantUscc\":\"" + Fixtures.USCC
                        + "\",\"accountName\":\"Xiamen Test Co., Ltd.\",\"accountNumber\":\"6222020200112233445\","
                        + "\"bankCode\":\"102393000019\",\"bankName\":\"ICBC Xiamen\",\"snapshottedAt\":\"2026-06-15T02:00:01Z\"}");
    }

    /**
     * What {@code ./platform replay payments.dlq} puts on payments.replay: the dead letter byte for byte with its key and
     * CloudEvents headers (from eligibility), plus the topic it was first read from.
     */
    static void replay(String key, String payload) {
        ProducerRecord<String, String> original = Fixtures.fromOwner(CloudEventRecords.event("eligibility.events",
                UUID.randomUUID().toString(), DECIDED, key, payload, Map.of()));
        ProducerRecord<String, String> replayed = new ProducerRecord<>(ReplayConsumer.topic("payments"), null, key, payload,
                original.headers());
        replayed.headers().add(ReplayConsumer.ORIGIN_HEADER, "eligibility.events".getBytes(StandardCharsets.UTF_8));
        Fixtures.kafka().produceStrings().fromRecords(replayed).awaitCompletion();
    }

    /** The order once it is in a final state (released, or paid if it is paid). */
    PaymentOrder finalOrder(String orderId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> orders.find(orderId).map(o -> FINAL.contains(o.state()))
                .orElse(false));
        return orders.find(orderId).orElseThrow();
    }

    OrderState state(String orderId) {
        return orders.find(orderId).map(PaymentOrder::state).orElse(null);
    }

    /** What the application's orders paid (settled) or will pay (not final yet), in fen. */
    long paysOrPaid(String app) {
        List<PaymentOrder> all = orders.forApplication(app);
        return all.stream().filter(o -> o.state() == OrderState.SETTLED).mapToLong(o -> o.amount().fen()).sum()
                + all.stream().filter(o -> !FINAL.contains(o.state())).mapToLong(o -> o.amount().fen()).sum();
    }
}
