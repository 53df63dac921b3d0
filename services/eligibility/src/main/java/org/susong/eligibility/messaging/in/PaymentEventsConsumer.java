package org.susong.eligibility.messaging.in;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import org.susong.commons.messaging.EventConsumer;
import org.susong.commons.messaging.EventHeaders;
import org.susong.commons.messaging.InboundEvent;
import org.susong.commons.messaging.ModifiedRequest;
import org.susong.commons.messaging.PermanentFailure;
import org.susong.commons.messaging.ReplayConsumer;
import org.susong.commons.money.BudgetLines;
import org.susong.eligibility.application.CallService;
import org.susong.eligibility.application.CallRounds;
import org.susong.eligibility.application.ReleaseService;
import org.susong.eligibility.domain.LineMovement;
import org.susong.eligibility.persistence.LineJournal;

/**
 * Money that does not flow after all gives its cap share back ({@code BudgetReleased}); a call whose envelope payments
 * could not reserve is refused ({@code CallEnvelopeRefused}, issue 19); payments' journal entries
 * ({@code LedgerEntryPosted}) keep eligibility's view of the budget lines' available amounts ({@link LineJournal}), so
 * a call whose envelope its line cannot hold is refused when it is opened (issue 19); other payment events are skipped.
 */
@ApplicationScoped
public class PaymentEventsConsumer implements ReplayConsumer.Routes {

    static final String RELEASED = EventHeaders.type("payments", "BudgetReleased", 1);
    static final String ENVELOPE_REFUSED = EventHeaders.type("payments", "CallEnvelopeRefused", 1);
    static final String LEDGER_ENTRY = EventHeaders.type("payments", "LedgerEntryPosted", 1);

    private final EventConsumer consumer;
    private final ReleaseService releases;
    private final CallRounds rounds;
    private final LineJournal lines;
    private final Map<String, Consumer<InboundEvent>> handlers;
    private final Map<String, Consumer<InboundEvent>> lineHandlers;

    PaymentEventsConsumer(EventConsumer consumer, ReleaseService releases, CallService calls, CallRounds rounds,
                          LineJournal lines) {
        this.consumer = consumer;
        this.releases = releases;
        this.rounds = rounds;
        this.lines = lines;
        this.handlers = Map.of(RELEASED, this::released, ENVELOPE_REFUSED,
                e -> calls.envelopeRefused(e.text("callId"), e.text("reason"), e.id()));
        this.lineHandlers = Map.of(LEDGER_ENTRY, e -> {
            if (!lines.record(moving(List.of(movement(e)))).isEmpty()) {
                throw modified(e);
            }
        });
    }

    /** Replayed records ({@code ./platform replay}) of the topic this consumer reads go through its handlers. */
    @Override
    public Map<String, Map<String, Consumer<InboundEvent>>> replayRoutes() {
        Map<String, Consumer<InboundEvent>> all = new HashMap<>(handlers);
        all.putAll(lineHandlers);
        return Map.of("payments.events", all);
    }

    /**
     * A polled batch (channel {@code batch=true}, issue 14 item 2), each record handled in offset order and acked after
     * its writes or dead-lettered alone (commons {@code EventConsumer.consumeBatch}). Releases give cap shares back
     * one by one (each release a guarded update of its ledger, by release id): they come only when money does not flow.
     */
    @Incoming("payments-in")
    @Blocking
    public CompletionStage<Void> onPayments(KafkaRecordBatch<String, String> batch) {
        return consumer.consumeBatch(batch.getRecords(), Map.of(), handlers);
    }

    /**
     * Payments' journal entries, on a channel of their own ({@code lines-in}: the same topic under its own consumer
     * group, so a platform upgraded to this version reads the topic's whole history, every line's allocations
     * included, and {@link LineJournal} adds up what payments' lines hold). Consecutive entries are kept with one
     * insert ({@link #entries}); the other payment events are skipped here.
     */
    @Incoming("lines-in")
    @Blocking
    public CompletionStage<Void> onJournal(KafkaRecordBatch<String, String> batch) {
        return consumer.consumeBatch(batch.getRecords(), Map.of(LEDGER_ENTRY, EventConsumer.BatchHandler.reading(e -> Map.entry(e, movement(e)), this::entries)), lineHandlers);
    }

    /**
     * Journal entries together (commons {@link EventConsumer.BatchHandler#reading}): a malformed one refused alone, the
     * others kept in one insert; an entry id kept before with another line or amount refused as modified.
     */
    private Map<String, RuntimeException> entries(List<Map.Entry<InboundEvent, LineMovement>> read) {
        Set<String> modified = lines.record(moving(read.stream().map(Map.Entry::getValue).toList()));
        Map<String, RuntimeException> refused = new HashMap<>();
        read.stream().filter(r -> modified.contains(r.getValue().entryId()))
                .forEach(r -> refused.put(r.getKey().id(), modified(r.getKey())));
        return refused;
    }

    /** The same entry id kept before with another line or amount: refused as a modified request (dead-lettered, counted). */
    private static ModifiedRequest modified(InboundEvent e) {
        return new ModifiedRequest(e.type() + " " + e.id() + ": journal entry " + e.text("entryId")
                + " was kept before with another line or amount");
    }

    /** Only what changed an available amount is kept: an award drawn from its envelope or a disbursement changes none. */
    private static List<LineMovement> moving(List<LineMovement> movements) {
        return movements.stream().filter(m -> m.availableFen() != 0).toList();
    }

    /**
     * What a journal entry did to its line's available amount: the sum of its postings on {@code <line>/available}
     * (zero for an entry that moves money within the line, e.g. an award drawn from its call's envelope).
     */
    static LineMovement movement(InboundEvent e) {
        String line = e.text("budgetLine");
        JsonNode postings = e.data().get("postings");
        if (postings == null || !postings.isArray() || postings.isEmpty()) {
            throw new PermanentFailure(e.type() + " " + e.id() + " has no postings");
        }
        long available = 0;
        for (JsonNode p : postings) {
            JsonNode account = p.get("account");
            JsonNode fen = p.get("fen");
            if (account == null || !account.isTextual() || fen == null || !fen.isIntegralNumber() || !fen.canConvertToLong()) {
                throw new PermanentFailure(e.type() + " " + e.id() + " has a posting without account or whole fen");
            }
            if (account.asText().equals(BudgetLines.account(line, BudgetLines.AVAILABLE))) {
                available = Math.addExact(available, fen.asLong());
            }
        }
        Instant postedAt;
        try {
            postedAt = Instant.parse(e.text("postedAt"));
        } catch (DateTimeParseException bad) {
            throw new PermanentFailure(e.type() + " " + e.id() + ": postedAt '" + e.text("postedAt") + "' is no instant");
        }
        return new LineMovement(e.text("entryId"), line, e.text("kind"), available, postedAt);
    }

    private void released(InboundEvent e) {
        if (e.data().hasNonNull("remainingFen")) {
            // a partial release: the order goes on with the rest, only the released amount leaves the caps
            releases.releasedPart(e.text("decisionId"), e.number("amountFen"),
                    e.data().hasNonNull("revocationId") ? e.text("revocationId") : null, e.id());
            return;
        }
        releases.released(e.text("decisionId"), e.text("reason"), e.id());
        // issue 19 item 3: a call's award released before payment hands its share of the envelope to the next in rank
        rounds.released(e.text("decisionId"), e.text("reason"), e.number("amountFen"), e.id());
    }
}
