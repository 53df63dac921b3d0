package org.susong.payments.messaging.in;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.susong.commons.messaging.EventConsumer;
import org.susong.commons.messaging.EventHeaders;
import org.susong.commons.messaging.InboundEvent;
import org.susong.commons.messaging.ReplayConsumer;
import org.susong.commons.messaging.PermanentFailure;
import org.susong.payments.application.IntakeService;
import org.susong.payments.application.PayeeAccounts;
import org.susong.payments.domain.Payee;

/** Applications' facts for payments: payee account snapshots and withdrawal requests; the rest is skipped. */
@ApplicationScoped
public class ApplicationEventsConsumer implements ReplayConsumer.Routes {

    static final String PAYEE = EventHeaders.type("applications", "PayeeAccountSnapshotted", 1);
    static final String WITHDRAWAL = EventHeaders.type("applications", "WithdrawalRequested", 1);

    private final EventConsumer consumer;
    private final IntakeService intake;
    private final PayeeAccounts accounts;
    private final Map<String, Consumer<InboundEvent>> handlers;

    ApplicationEventsConsumer(EventConsumer consumer, IntakeService intake, PayeeAccounts accounts) {
        this.consumer = consumer;
        this.intake = intake;
        this.accounts = accounts;
        this.handlers = Sources.only("applications", Map.of(PAYEE, this::payee, WITHDRAWAL, this::withdrawal));
    }

    /** Replayed records ({@code ./platform replay}) of the topic this consumer reads go through its handlers. */
    @Override
    public Map<String, Map<String, Consumer<InboundEvent>>> replayRoutes() {
        return Map.of("applications.events", handlers);
    }

    @Incoming("applications-in")
    @Blocking
    public CompletionStage<Void> onApplications(Message<String> message) {
        return consumer.consume(message, handlers);
    }

    private void payee(InboundEvent e) {
        Instant at;
        try {
            at = Instant.parse(e.text("snapshottedAt"));
        } catch (java.time.format.DateTimeParseException ex) {
            throw new PermanentFailure("payee snapshot " + e.id() + " has no valid snapshottedAt");
        }
        // sealed since issue 23 item 11 (kept sealed, checked to open); snapshots from before carry the plaintext number
        String sealed = DecisionEventsConsumer.optional(e, "accountNumberSealed");
        String number = sealed != null ? accounts.checkedSealed(e.id(), sealed) : e.text("accountNumber");
        intake.onPayeeSnapshot(new IntakeService.PayeeSnapshot(e.id(), e.hash(), e.text("decisionId"), e.text("applicationId"),
                e.text("applicantUscc"), new Payee(e.text("accountName"), number, e.text("bankCode"),
                DecisionEventsConsumer.optional(e, "bankName"), at)));
    }

    private void withdrawal(InboundEvent e) {
        intake.onWithdrawalRequested(new IntakeService.WithdrawalRequest(e.id(), e.hash(), e.text("applicationId"),
                DecisionEventsConsumer.optional(e, "decisionId"), e.text("reason"), e.text("requestedBy")));
    }
}
