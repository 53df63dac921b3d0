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
import org.susong.infra.local.CloudEventRecords;
import org.susong.infra.local.LocalInfraTestResource;
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
        assertEquals("SUPERSEDED", d1.releaseReason());
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
        assertEquals("APPEAL_REJECTED", d1.releaseReason());
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
