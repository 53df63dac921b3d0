package org.susong.payments.application;

import org.susong.payments.domain.EnvelopeState;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.susong.testing.LocalInfraTestResource;
import org.susong.payments.persistence.BudgetLineRepository;
import org.susong.payments.persistence.CallEnvelopeRepository;
import org.susong.payments.rest.Fixtures;

/**
 * Issue 19: a crash between the line's move and the envelope's outcome, on opening and on closing. The redelivered
 * event (the offset was not committed) finishes the work once: the line moves by the envelope once and gives the unused
 * part back once, and the journal balances. Real store; the handlers are called as the consumer calls them.
 */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
class CallEnvelopeCrashTest {

    static final String LINE = "2024:C1";
    static final long MILLION = 100_000_000L;

    @Inject
    CallEnvelopeService envelopes;
    @Inject
    CallEnvelopeRepository repository;
    @Inject
    BudgetLineRepository lines;
    @Inject
    OrderService orders;
    @Inject
    LedgerService ledger;

    @AfterEach
    void restore() {
        envelopes.crashPoint(step -> { });
        Fixtures.assertJournalBalances(ledger);
    }

    void crashOnceAt(String point) {
        AtomicBoolean crashed = new AtomicBoolean();
        envelopes.crashPoint(step -> {
            if (step.equals(point) && crashed.compareAndSet(false, true)) {
                throw new IllegalStateException("killed at " + step);
            }
        });
    }

    @Test
    void a_crash_after_the_line_moved_is_finished_once_by_the_redelivered_event() {
        String callId = "CALL-C1-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        BudgetLineRepository.Line before = lines.find(LINE).orElseThrow();
        CallEnvelopeService.Opened opened = new CallEnvelopeService.Opened("ev-open-" + callId, "hash-" + callId, callId, "C1",
                5 * MILLION, LocalDate.parse("2024-06-30"));
        crashOnceAt("envelope-reserved");
        assertThrows(IllegalStateException.class, () -> envelopes.onCallOpened(opened));
        assertEquals(EnvelopeState.RESERVING, repository.find(callId).orElseThrow().state(), "the intent is written first");
        assertEquals(before.reservedFen() + 5 * MILLION, lines.find(LINE).orElseThrow().reservedFen(), "the line moved");
        envelopes.onCallOpened(opened); // redelivered
        envelopes.onCallOpened(opened); // and again
        assertEquals(EnvelopeState.RESERVED, repository.find(callId).orElseThrow().state());
        assertEquals(before.reservedFen() + 5 * MILLION, lines.find(LINE).orElseThrow().reservedFen(), "once");
        assertEquals(before.availableFen() - 5 * MILLION, lines.find(LINE).orElseThrow().availableFen());

        // one award of 2,000,000 CNY drawn from the envelope, then the close crashes after giving the rest back
        String app = Fixtures.app("APP-CALLCRASH");
        orders.onApprovedDecision(new OrderService.ApprovedDecision(UUID.randomUUID().toString(), "h-" + app, "D-" + app, app,
                Fixtures.USCC, "C1", 2024, "HULI", 2 * MILLION, null, null, callId));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> orders.find(
                org.susong.payments.domain.PaymentOrder.idFor("D-" + app)).orElseThrow().state()
                != org.susong.payments.domain.OrderState.RESERVING);
        assertEquals(before.reservedFen() + 5 * MILLION, lines.find(LINE).orElseThrow().reservedFen(), "drawn, not reserved");
        CallEnvelopeService.Closed closed = new CallEnvelopeService.Closed("ev-close-" + callId, callId, 5 * MILLION,
                2 * MILLION);
        crashOnceAt("envelope-released");
        assertThrows(IllegalStateException.class, () -> envelopes.onCallClosed(closed));
        assertEquals(EnvelopeState.RELEASING, repository.find(callId).orElseThrow().state());
        envelopes.onCallClosed(closed); // redelivered
        envelopes.onCallClosed(closed);
        CallEnvelopeRepository.Envelope done = repository.find(callId).orElseThrow();
        assertEquals(EnvelopeState.CLOSED, done.state());
        assertEquals(3 * MILLION, done.releasedFen(), "the envelope less the award, given back once");
        assertEquals(before.reservedFen() + 2 * MILLION, lines.find(LINE).orElseThrow().reservedFen());
        assertEquals(before.availableFen() - 2 * MILLION, lines.find(LINE).orElseThrow().availableFen());
    }
}
