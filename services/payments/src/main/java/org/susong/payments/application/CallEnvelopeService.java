package org.susong.payments.application;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.function.Consumer;
import org.jboss.logging.Logger;
import org.susong.commons.money.BudgetLines;
import org.susong.commons.messaging.ModifiedRequest;
import org.susong.commons.messaging.NewEvent;
import org.susong.commons.messaging.Outbox;
import org.susong.commons.messaging.OutboxRelay;
import org.susong.commons.messaging.PermanentFailure;
import org.susong.commons.persistence.GuardedCounter;
import org.susong.payments.domain.EnvelopeState;
import org.susong.payments.domain.JournalEntry;
import org.susong.payments.domain.Ledger;
import org.susong.payments.messaging.out.PaymentEvents;
import org.susong.payments.persistence.BudgetLineRepository;
import org.susong.payments.persistence.CallEnvelopeRepository;

/**
 * The budget envelopes of eligibility's calls for proposals (issue 19, C1 competitive allocation 竞争性分配).
 * <p>
 * {@code CallOpened}: the envelope is reserved on the line of the call's measure and of the year its window ends
 * ({@code <year>:<measure>}), intent first ({@code call_envelopes}, RESERVING), then the line (available to reserved,
 * once per call: {@code <callId>:envelope}), then the outcome: RESERVED with its journal entry, or REFUSED with
 * {@code CallEnvelopeRefused} (eligibility then stops the call taking applications: it cannot read payments itself).
 * <p>
 * The call's awards ({@code EligibilityDecided} naming {@code callId}) take their orders' reservations from the envelope
 * ({@link BudgetLineRepository#draw}), not a second time from available.
 * <p>
 * {@code CallClosed}: RELEASING (with what eligibility awarded), then what the awards have not drawn goes back to
 * available in one guarded update ({@code <callId>:envelope:release}; after it no award draws any more and one that
 * arrives later reserves on the line as any order), then CLOSED with its journal entry. In the usual order of events this
 * is the envelope less what the call awarded; an award whose decision is still on its way reserves on the line when it
 * arrives, so the line is charged once either way. Each step is idempotent by its own id: a redelivered event, or one
 * retried after a crash between two writes, finishes the work once.
 */
@ApplicationScoped
public class CallEnvelopeService {

    private static final Logger LOG = Logger.getLogger(CallEnvelopeService.class);
    static final String SYSTEM = OrderMoves.SYSTEM;

    /** A call opened ({@code CallOpened.v1}) as payments needs it. */
    public record Opened(String eventId, String payloadHash, String callId, String measureCode, long envelopeFen,
                         LocalDate submissionTo) {
    }

    /** A call closed ({@code CallClosed.v1}): its envelope and what its ranking awarded. */
    public record Closed(String eventId, String callId, long envelopeFen, long usedFen) {
    }

    private final CallEnvelopeRepository envelopes;
    private final BudgetLineRepository lines;
    private final OutboxRelay relay;
    private final ObjectMapper json;
    private final Clock clock;
    /** Faults between writes, set by tests only: after the line moved ("envelope-reserved", "envelope-released"). */
    private volatile Consumer<String> crashPoint = step -> { };

    CallEnvelopeService(CallEnvelopeRepository envelopes, BudgetLineRepository lines, OutboxRelay relay, ObjectMapper json,
                        Clock clock) {
        this.envelopes = envelopes;
        this.lines = lines;
        this.relay = relay;
        this.json = json;
        this.clock = clock;
    }

    void crashPoint(Consumer<String> hook) {
        crashPoint = hook;
    }

    public void onCallOpened(Opened o) {
        if (o.envelopeFen() <= 0) {
            throw new PermanentFailure("call " + o.callId() + " opens with a non-positive envelope " + o.envelopeFen());
        }
        String line = BudgetLines.envelopeLine(o.measureCode(), o.submissionTo());
        Instant now = clock.instant();
        if (!envelopes.insert(o.callId(), line, o.measureCode(), o.envelopeFen(), o.eventId(), o.payloadHash(), Date.from(now))) {
            CallEnvelopeRepository.Envelope stored = envelopes.find(o.callId()).orElseThrow();
            if (!stored.sourceHash().equals(o.payloadHash())) {
                throw new ModifiedRequest("call " + o.callId() + " has its envelope already; event " + o.eventId()
                        + " carries a different payload");
            }
            if (stored.state() != EnvelopeState.RESERVING) {
                return; // the same event again, finished before
            }
        }
        CallEnvelopeRepository.Envelope e = envelopes.find(o.callId()).orElseThrow();
        GuardedCounter.Outcome outcome = lines.reserveEnvelope(line, o.callId(), o.envelopeFen());
        crashPoint.accept("envelope-reserved");
        now = clock.instant();
        if (outcome == GuardedCounter.Outcome.APPLIED || outcome == GuardedCounter.Outcome.ALREADY_APPLIED) {
            JournalEntry entry = Ledger.envelopeReserved(o.callId(), line, o.envelopeFen(), now, SYSTEM);
            decide(e, EnvelopeState.RESERVING, EnvelopeState.RESERVED, entry, List.of(PaymentEvents.ledger(entry, SYSTEM,
                    o.eventId(), o.callId(), null)), null, now);
            lines.forget(line, o.callId() + ":envelope");
            return;
        }
        Long available = lines.find(line).map(BudgetLineRepository.Line::availableFen).orElse(null);
        String reason = available == null ? "there is no budget line " + line : "budget line " + line + " has "
                + available + " fen available, less than the envelope of " + o.envelopeFen() + " fen";
        LOG.infof("call %s: envelope refused (%s)", o.callId(), reason);
        decide(e, EnvelopeState.RESERVING, EnvelopeState.REFUSED, null, List.of(PaymentEvents.callEnvelopeRefused(
                new PaymentEvents.CallEnvelopeRefusedV1(o.callId(), o.measureCode(), line, o.envelopeFen(), available, reason,
                        now), SYSTEM, o.eventId())), null, now);
    }

    public void onCallClosed(Closed c) {
        CallEnvelopeRepository.Envelope e = envelopes.find(c.callId()).orElse(null);
        if (e == null) {
            // opened before payments reserved envelopes (or its CallOpened was dead-lettered): nothing was reserved
            LOG.warnf("call %s closed (event %s) without an envelope reserved here: nothing to give back", c.callId(), c.eventId());
            return;
        }
        Instant now = clock.instant();
        switch (e.state()) {
            case RESERVED -> {
                if (!envelopes.closing(c.callId(), c.usedFen(), c.eventId(), Date.from(now))) {
                    onCallClosed(c); // moved meanwhile: read it again
                    return;
                }
            }
            case RELEASING -> {
                // a retry after a crash: the line's release is idempotent by its id
            }
            case REFUSED, CLOSED -> {
                return; // nothing reserved, or given back before
            }
            default -> throw new PermanentFailure("call " + c.callId() + " closed while its envelope is " + e.state()
                    + " (its opening was not finished)");
        }
        long released = lines.releaseEnvelope(e.budgetLine(), c.callId());
        crashPoint.accept("envelope-released");
        now = clock.instant();
        if (released < 0) {
            throw new IllegalStateException("budget line " + e.budgetLine() + " holds no envelope of call " + c.callId());
        }
        if (released != e.envelopeFen() - c.usedFen()) {
            LOG.infof("call %s: %d fen of its envelope given back, not the %d fen eligibility did not award: the awards not "
                    + "drawn yet reserve on the line when their decisions arrive", c.callId(), released,
                    e.envelopeFen() - c.usedFen());
        }
        JournalEntry entry = released == 0 ? null : Ledger.envelopeReleased(c.callId(), e.budgetLine(), released, now, SYSTEM);
        List<NewEvent> events = new ArrayList<>();
        if (entry != null) {
            events.add(PaymentEvents.ledger(entry, SYSTEM, c.eventId(), c.callId(), null));
        }
        decide(e, EnvelopeState.RELEASING, EnvelopeState.CLOSED, entry, events, released, now);
        lines.forget(e.budgetLine(), c.callId() + ":envelope:release");
    }

    private void decide(CallEnvelopeRepository.Envelope e, EnvelopeState from, EnvelopeState to, JournalEntry entry,
                        List<NewEvent> events, Long releasedFen, Instant now) {
        CallEnvelopeRepository.Envelope current = envelopes.find(e.callId()).orElseThrow();
        var outbox = Outbox.entries(json, current.lastSequence(), events, now);
        if (envelopes.decide(e.callId(), from, to, entry, outbox, releasedFen, Date.from(now)) && !events.isEmpty()) {
            relay.publishSoon(CallEnvelopeRepository.COLLECTION, e.callId());
        }
    }
}
