package org.susong.applications.messaging.out;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.susong.applications.domain.ApplicationEvent;
import org.susong.commons.ids.District;
import org.susong.commons.messaging.EventHeaders;
import org.susong.commons.messaging.NewEvent;
import org.susong.commons.security.FieldCipher;

/**
 * Wire events of the applications service ({@code applications.events}, key = application id),
 * mapped explicitly from domain events. Optional fields are absent, never null.
 * Schemas: services/event-contracts/src/main/resources/schemas/applications/.
 */
public final class ApplicationEvents {

    public static final String SERVICE = "applications";
    public static final String SUBMITTED = EventHeaders.type(SERVICE, "ApplicationSubmitted", 1);
    public static final String WITHDRAWAL_REQUESTED = EventHeaders.type(SERVICE, "WithdrawalRequested", 1);
    public static final String APPEALED = EventHeaders.type(SERVICE, "ApplicationAppealed", 1);
    public static final String PAYEE_SNAPSHOTTED = EventHeaders.type(SERVICE, "PayeeAccountSnapshotted", 1);

    private ApplicationEvents() {
    }

    public record AttachmentV1(String fileName, String sha256, long sizeBytes, String kind) {
    }

    /** {@code susong.applications.ApplicationSubmitted.v1}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ApplicationSubmittedV1(String applicationId, String applicantUscc, String measureCode, String district,
                                         Map<String, Object> facts, Instant submittedAt, String period, String proposalId,
                                         Boolean systemInitiated, List<AttachmentV1> attachments,
                                         String resubmissionOf) {
    }

    /** {@code susong.applications.WithdrawalRequested.v1}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record WithdrawalRequestedV1(String applicationId, String applicantUscc, String decisionId, String reason,
                                        String requestedBy, Instant requestedAt) {
    }

    /** {@code susong.applications.ApplicationAppealed.v1}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ApplicationAppealedV1(String applicationId, String decisionId, String grounds, Instant appealedAt,
                                        List<AttachmentV1> documents) {
    }

    /**
     * {@code susong.applications.PayeeAccountSnapshotted.v1}: the account number sealed for payments
     * ({@link FieldCipher}, issue 23 item 11) and masked for display; never in plaintext (the topic is kept forever).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PayeeAccountSnapshottedV1(String applicationId, String decisionId, String applicantUscc, String accountName,
                                            String accountNumberSealed, String accountNumberMasked, String bankCode,
                                            String bankName, Instant snapshottedAt) {
    }

    /** Events without an account number to seal (all but the payee snapshot). */
    public static NewEvent toWire(ApplicationEvent event, District district, String actor, String causation) {
        return toWire(event, district, actor, causation, null);
    }

    /** {@code cipher} seals the payee's account number; a payee snapshot cannot be mapped without it. */
    public static NewEvent toWire(ApplicationEvent event, District district, String actor, String causation,
                                  FieldCipher cipher) {
        NewEvent.Builder builder;
        if (event instanceof ApplicationEvent.Submitted s) {
            builder = NewEvent.of(SUBMITTED, s.applicationId(), new ApplicationSubmittedV1(s.applicationId(), s.applicantUscc(),
                    s.measureCode(), s.district().name(), s.facts(), s.submittedAt(), s.period(), s.proposalId(),
                    s.systemInitiated() ? Boolean.TRUE : null, s.attachments().isEmpty() ? null : s.attachments().stream()
                    .map(a -> new AttachmentV1(a.fileName(), a.sha256(), a.sizeBytes(), a.kind())).toList(),
                    s.resubmissionOf()));
        } else if (event instanceof ApplicationEvent.WithdrawalRequested w) {
            builder = NewEvent.of(WITHDRAWAL_REQUESTED, w.applicationId(), new WithdrawalRequestedV1(w.applicationId(),
                    w.applicantUscc(), w.decisionId(), w.reason(), w.requestedBy(), w.requestedAt()));
        } else if (event instanceof ApplicationEvent.Appealed a) {
            builder = NewEvent.of(APPEALED, a.applicationId(), new ApplicationAppealedV1(a.applicationId(), a.decisionId(),
                    a.grounds(), a.appealedAt(), a.documents().isEmpty() ? null : a.documents().stream()
                    .map(d -> new AttachmentV1(d.fileName(), d.sha256(), d.sizeBytes(), d.kind())).toList()));
        } else if (event instanceof ApplicationEvent.PayeeSnapshotted p) {
            var s = p.snapshot();
            if (cipher == null) {
                throw new IllegalStateException("a payee snapshot travels sealed: no cipher given");
            }
            builder = NewEvent.of(PAYEE_SNAPSHOTTED, p.applicationId(), new PayeeAccountSnapshottedV1(p.applicationId(),
                    s.decisionId(), p.applicantUscc(), s.accountName(), cipher.seal(s.accountNumber()), s.maskedNumber(),
                    s.bankCode(), s.bankName(), s.snapshottedAt()));
        } else {
            throw new IllegalArgumentException("no wire mapping for " + event);
        }
        return builder.actor(actor).correlation(event.applicationId()).causation(causation).district(district.name()).build();
    }
}
