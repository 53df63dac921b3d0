package org.susong.payments.messaging.in;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.susong.commons.messaging.EventConsumer;
import org.susong.commons.messaging.EventHeaders;
import org.susong.commons.messaging.InboundEvent;
import org.susong.commons.messaging.ReplayConsumer;
import org.susong.commons.messaging.PermanentFailure;
import org.susong.commons.ids.District;
import org.susong.payments.application.ApplicantChanges;
import org.susong.payments.application.IntakeService;
import org.susong.payments.application.PayeeAccounts;
import org.susong.payments.domain.ApplicantDistrict;
import org.susong.payments.domain.ApplicantName;
import org.susong.payments.domain.Payee;

/**
 * Applications' facts for payments: payee account snapshots, withdrawal requests and an applicant's approved changes
 * (a rename, a district change: issue 20 item 6, {@link ApplicantChanges}); the rest is skipped.
 */
@ApplicationScoped
public class ApplicationEventsConsumer implements ReplayConsumer.Routes {

    static final String PAYEE = EventHeaders.type("applications", "PayeeAccountSnapshotted", 1);
    static final String WITHDRAWAL = EventHeaders.type("applications", "WithdrawalRequested", 1);
    static final String RENAMED = EventHeaders.type("applications", "ApplicantRenamed", 1);
    static final String DISTRICT_CHANGED = EventHeaders.type("applications", "ApplicantDistrictChanged", 1);

    private final EventConsumer consumer;
    private final IntakeService intake;
    private final PayeeAccounts accounts;
    private final ApplicantChanges applicants;
    private final Map<String, Consumer<InboundEvent>> handlers;
    private final Map<String, EventConsumer.BatchHandler> together;

    ApplicationEventsConsumer(EventConsumer consumer, IntakeService intake, PayeeAccounts accounts,
                              ApplicantChanges applicants) {
        this.consumer = consumer;
        this.intake = intake;
        this.accounts = accounts;
        this.applicants = applicants;
        this.handlers = Sources.only("applications", Map.of(PAYEE, this::payee, WITHDRAWAL, this::withdrawal,
                RENAMED, this::renamed, DISTRICT_CHANGED, this::districtChanged));
        this.together = Map.of(PAYEE, Sources.only("applications", EventConsumer.BatchHandler.reading(
                        this::snapshot, intake::onPayeeSnapshots)),
                WITHDRAWAL, Sources.only("applications", EventConsumer.BatchHandler.reading(
                        ApplicationEventsConsumer::request, intake::onWithdrawalsRequested)));
    }

    /** Replayed records ({@code ./platform replay}) of the topic this consumer reads go through its handlers. */
    @Override
    public Map<String, Map<String, Consumer<InboundEvent>>> replayRoutes() {
        return Map.of("applications.events", handlers);
    }

    /**
     * A polled batch (channel {@code batch=true}, issue 14): the payee snapshots that come one after another go into one
     * call ({@link IntakeService#onPayeeSnapshots}: one bulk insert), so do the withdrawals
     * ({@link IntakeService#onWithdrawalsRequested}), in the records' order; each record is acked after its call's writes
     * or dead-lettered alone (commons {@code EventConsumer.consumeBatch}).
     */
    @Incoming("applications-in")
    @Blocking
    public CompletionStage<Void> onApplications(KafkaRecordBatch<String, String> batch) {
        return consumer.consumeBatch(batch.getRecords(), together, handlers);
    }


    private void payee(InboundEvent e) {
        intake.onPayeeSnapshot(snapshot(e));
    }

    private IntakeService.PayeeSnapshot snapshot(InboundEvent e) {
        Instant at = instant(e, "snapshottedAt");
        // sealed since issue 23 item 11 (kept sealed, checked to open); snapshots from before carry the plaintext number
        String sealed = e.optionalText("accountNumberSealed");
        String number = sealed != null ? accounts.checkedSealed(e.id(), sealed) : e.text("accountNumber");
        return new IntakeService.PayeeSnapshot(e.id(), e.hash(), e.text("decisionId"), e.text("applicationId"),
                e.text("applicantUscc"), new Payee(e.text("accountName"), number, e.text("bankCode"),
                e.optionalText("bankName"), at));
    }

    private void withdrawal(InboundEvent e) {
        intake.onWithdrawalRequested(request(e));
    }

    private static IntakeService.WithdrawalRequest request(InboundEvent e) {
        return new IntakeService.WithdrawalRequest(e.id(), e.hash(), e.text("applicationId"),
                e.optionalText("decisionId"), e.text("reason"), e.text("requestedBy"));
    }

    /** A rename (one at a time: rare, and each a single upsert). */
    private void renamed(InboundEvent e) {
        applicants.renamed(new ApplicantName(e.text("uscc"), e.text("name"), e.text("changeId"),
                instant(e, "effectiveAt")));
    }

    /** A district change (one at a time: the move of its orders is one update of many). */
    private void districtChanged(InboundEvent e) {
        applicants.districtChanged(new ApplicantDistrict(e.text("uscc"), district(e, "toDistrict"), e.text("changeId"),
                instant(e, "effectiveAt")), district(e, "fromDistrict"));
    }

    private static District district(InboundEvent e, String field) {
        return District.parse(e.text(field)).orElseThrow(() -> new PermanentFailure(e.type() + " " + e.id() + ": '" + field
                + "' is no district"));
    }

    private static Instant instant(InboundEvent e, String field) {
        try {
            return Instant.parse(e.text(field));
        } catch (java.time.format.DateTimeParseException ex) {
            throw new PermanentFailure(e.type() + " " + e.id() + " has no valid " + field);
        }
    }
}
