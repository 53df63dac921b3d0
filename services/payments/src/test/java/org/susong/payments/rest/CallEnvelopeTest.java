package org.susong.payments.rest;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.susong.contracts.EventContracts;
import org.susong.testing.CloudEventRecords;
import org.susong.testing.LocalInfraTestResource;
import org.susong.payments.application.LedgerService;
import org.susong.payments.application.OrderService;
import org.susong.payments.domain.OrderState;
import org.susong.payments.domain.PaymentOrder;
import org.susong.payments.persistence.BudgetLineRepository;

/**
 * Issue 19, a call's envelope on the C1 budget line: reserved once when eligibility opens the call ({@code CallOpened},
 * a redelivery changes nothing), its awards' orders reserved from it and not a second time from available, what they
 * did not use given back once when it closes ({@code CallClosed}); an envelope the line cannot hold is refused
 * ({@code CallEnvelopeRefused}) and nothing moves. The calls' windows end in 2024, so the line is {@code 2024:C1},
 * which no other test of this service moves. Real broker and store.
 */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
class CallEnvelopeTest {

    static final String LINE = "2024:C1";
    static final long MILLION = 100_000_000L; // 1,000,000 CNY in fen

    @Inject
    BudgetLineRepository lines;
    @Inject
    OrderService orders;
    @Inject
    LedgerService ledger;

    @AfterEach
    void journal_balances() {
        Fixtures.assertJournalBalances(ledger);
    }

    static String callId() {
        return "CALL-C1-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }

    static String opened(String callId, long envelopeFen) {
        return "{\"callId\":\"" + callId + "\",\"version\":1,\"measureCode\":\"C1\",\"ruleVersion\":\"C1@1\",\"titleEn\":\"round\","
                + "\"titleZh\":\"轮次\",\"envelopeFen\":" + envelopeFen + ",\"submissionFrom\":\"2024-06-01\",\"submissionTo\":"
                + "\"2024-06-30\",\"eligibilityCriteria\":[],\"scoringCriteria\":[{\"name\":\"innovation\",\"weight\":100,"
                + "\"en\":\"innovation\",\"zh\":\"创新性\"}],\"partialAwardAllowed\":false,\"secondScorerAboveFen\":500000000,"
                + "\"tieBreakEn\":\"higher score first\",\"tieBreakZh\":\"得分高者在前\",\"openedAt\":\"2024-05-31T02:00:00Z\"}";
    }

    static String closed(String callId, long envelopeFen, long usedFen, int awards) {
        return "{\"callId\":\"" + callId + "\",\"measureCode\":\"C1\",\"envelopeFen\":" + envelopeFen + ",\"usedFen\":" + usedFen
                + ",\"awards\":" + awards + ",\"applications\":5,\"closedAt\":\"2024-07-02T02:00:00Z\"}";
    }

    static void publishOpened(String callId, long envelopeFen) {
        String payload = opened(callId, envelopeFen);
        assertEquals(List.of(), EventContracts.violations("susong.eligibility.CallOpened.v1", payload));
        Fixtures.publish("eligibility.events", "susong.eligibility.CallOpened.v1", callId, payload);
    }

    static void publishClosed(String callId, long envelopeFen, long usedFen, int awards) {
        String payload = closed(callId, envelopeFen, usedFen, awards);
        assertEquals(List.of(), EventContracts.violations("susong.eligibility.CallClosed.v1", payload));
        Fixtures.publish("eligibility.events", "susong.eligibility.CallClosed.v1", callId, payload);
    }

    /** An award of the call: an approved C1 decision of 2024 naming it. */
    static String award(String callId, long amountFen) {
        String app = Fixtures.app("APP-CALL");
        String payload = Fixtures.decision(app, "APPROVED", "C1", 2024, amountFen,
                ",\"disbursementMode\":\"GRANT\",\"callId\":\"" + callId + "\"");
        assertEquals(List.of(), EventContracts.violations("susong.eligibility.EligibilityDecided.v1", payload));
        Fixtures.publish("eligibility.events", "susong.eligibility.EligibilityDecided.v1", "D-" + app, payload);
        return PaymentOrder.idFor("D-" + app);
    }

    BudgetLineRepository.Line line() {
        return lines.find(LINE).orElseThrow();
    }

    boolean reserved(String orderId) {
        return orders.find(orderId).map(o -> o.state() != OrderState.RESERVING && o.state() != OrderState.WAITLISTED)
                .orElse(false);
    }

    @Test
    void the_envelope_is_reserved_once_its_awards_draw_from_it_and_the_unused_part_returns_when_the_call_closes() {
        BudgetLineRepository.Line before = line();
        String callId = callId();
        long envelope = 4 * MILLION;
        publishOpened(callId, envelope);
        publishOpened(callId, envelope); // the same event again (a redelivery): nothing more
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertEquals(before.reservedFen() + envelope, line().reservedFen(), "the envelope is reserved on open");
            assertEquals(before.availableFen() - envelope, line().availableFen());
        });

        String first = award(callId, MILLION);
        String second = award(callId, 2 * MILLION);
        await().atMost(Duration.ofSeconds(30)).until(() -> reserved(first) && reserved(second));
        assertEquals(before.reservedFen() + envelope, line().reservedFen(), "the awards are reserved from the envelope");
        assertEquals(before.availableFen() - envelope, line().availableFen(), "not a second time from available");

        publishClosed(callId, envelope, 3 * MILLION, 2);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertEquals(before.reservedFen() + 3 * MILLION, line().reservedFen(), "the awards keep their reservations");
            assertEquals(before.availableFen() - 3 * MILLION, line().availableFen(), "the unused million is given back");
        });
        publishClosed(callId, envelope, 3 * MILLION, 2); // again: nothing more
        publishOpened(callId, envelope); // and a late redelivery of the opening: nothing either
        String late = award(callId, MILLION / 2); // an award arriving after the close reserves on the line as any order
        await().atMost(Duration.ofSeconds(30)).until(() -> reserved(late));
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertEquals(before.reservedFen() + 3 * MILLION + MILLION / 2, line().reservedFen());
            assertEquals(before.availableFen() - 3 * MILLION - MILLION / 2, line().availableFen());
        });
    }

    @Test
    void an_envelope_the_line_cannot_hold_is_refused_and_nothing_moves() {
        BudgetLineRepository.Line before = line();
        String callId = callId();
        long envelope = before.availableFen() + 1;
        publishOpened(callId, envelope);
        ConsumerRecord<String, String> refused = await().atMost(Duration.ofSeconds(30)).until(() -> Fixtures.events(callId)
                .stream().filter(r -> "susong.payments.CallEnvelopeRefused.v1".equals(CloudEventRecords.header(r, "ce_type")))
                .toList(), l -> !l.isEmpty()).get(0);
        assertEquals(List.of(), EventContracts.violations("susong.payments.CallEnvelopeRefused.v1", refused.value()));
        assertTrue(refused.value().contains("\"budgetLine\":\"" + LINE + "\""), refused.value());
        assertEquals(before.reservedFen(), line().reservedFen());
        assertEquals(before.availableFen(), line().availableFen());
        // its awards (if any were decided) reserve on the line as any order; closing it gives nothing back
        String award = award(callId, MILLION);
        await().atMost(Duration.ofSeconds(30)).until(() -> reserved(award));
        publishClosed(callId, envelope, MILLION, 1);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertEquals(before.reservedFen() + MILLION, line().reservedFen());
            assertEquals(before.availableFen() - MILLION, line().availableFen());
        });
    }
}
