package org.susong.payments.messaging.out;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.susong.commons.messaging.EventHeaders;
import org.susong.commons.messaging.NewEvent;
import org.susong.commons.time.BusinessClock;
import org.susong.payments.domain.JournalEntry;
import org.susong.payments.domain.PaymentEvent;
import org.susong.payments.domain.PaymentOrder;
import org.susong.payments.domain.ReleaseReason;

/**
 * Wire events of the payments service ({@code payments.events}), keyed by order id and mapped
 * explicitly from domain events. Schemas: services/event-contracts/src/main/resources/schemas/payments/.
 * A domain event that moved money also yields a {@code LedgerEntryPosted.v1} from the same outbox.
 */
public final class PaymentEvents {

    public static final String SERVICE = "payments";
    public static final String RESERVED = EventHeaders.type(SERVICE, "BudgetReserved", 1);
    public static final String WAITLISTED = EventHeaders.type(SERVICE, "BudgetWaitlisted", 1);
    public static final String IN_NOTICE = EventHeaders.type(SERVICE, "PaymentInNotice", 1);
    public static final String APPROVED = EventHeaders.type(SERVICE, "PaymentApproved", 1);
    public static final String ON_HOLD = EventHeaders.type(SERVICE, "PaymentOnHold", 1);
    public static final String RELEASED = EventHeaders.type(SERVICE, "BudgetReleased", 1);
    public static final String WITHDRAWAL_ACCEPTED = EventHeaders.type(SERVICE, "WithdrawalAccepted", 1);
    public static final String WITHDRAWAL_REFUSED = EventHeaders.type(SERVICE, "WithdrawalRefused", 1);
    public static final String INSTRUCTED = EventHeaders.type(SERVICE, "PaymentInstructed", 1);
    public static final String DISBURSED = EventHeaders.type(SERVICE, "PaymentDisbursed", 1);
    public static final String RETURNED = EventHeaders.type(SERVICE, "PaymentReturned", 1);
    public static final String CONVERSION_REQUESTED = EventHeaders.type(SERVICE, "ConversionRequested", 1);
    public static final String CONVERTED = EventHeaders.type(SERVICE, "PaymentConverted", 1);
    public static final String LEDGER = EventHeaders.type(SERVICE, "LedgerEntryPosted", 1);
    public static final String RECOVERY_OPENED = EventHeaders.type(SERVICE, "RecoveryOpened", 1);
    public static final String REOPENED = EventHeaders.type(SERVICE, "PaymentOrderReopened", 1);
    public static final String CALL_ENVELOPE_REFUSED = EventHeaders.type(SERVICE, "CallEnvelopeRefused", 1);

    private PaymentEvents() {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record BudgetReservedV1(String orderId, String decisionId, String applicationId, String beneficiaryUscc,
                                   String measureCode, int fiscalYear, String budgetLine, long amountFen,
                                   Instant noticeEndsAt) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record BudgetWaitlistedV1(String orderId, String decisionId, String applicationId, String measureCode,
                                     int fiscalYear, String budgetLine, long amountFen, String reason) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PaymentInNoticeV1(String orderId, String decisionId, String applicationId, long amountFen,
                                    LocalDate noticeFrom, LocalDate noticeUntil) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PaymentApprovedV1(String orderId, String applicationId, long amountFen, String approvedBy) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PaymentOnHoldV1(String orderId, String decisionId, String applicationId, String objectionId, String reason,
                                  Instant heldAt) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record BudgetReleasedV1(String orderId, String decisionId, String applicationId, String beneficiaryUscc,
                                   String measureCode, int fiscalYear, String budgetLine, long amountFen, String reason,
                                   Instant releasedAt, Long remainingFen, String revocationId) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record WithdrawalAcceptedV1(String applicationId, String decisionId, String orderId, long releasedFen,
                                       Instant acceptedAt) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record WithdrawalRefusedV1(String applicationId, String decisionId, String orderId, String reason,
                                      Instant refusedAt) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PaymentInstructedV1(String orderId, String applicationId, long amountFen, String bankReference) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PaymentDisbursedV1(String orderId, String decisionId, String applicationId, String beneficiaryUscc,
                                     String measureCode, int fiscalYear, long amountFen, Instant settledAt, Long offsetFen) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PaymentReturnedV1(String orderId, String decisionId, String applicationId, long amountFen, String reason,
                                    Instant returnedAt) {
    }

    /**
     * An order out of a bank instruction and back to APPROVED (issue 20 item 2): {@code reason} RETURNED (the bank returned
     * it and it is sent again to a corrected account, {@code nextEndToEndId} its new instruction), REJECTED (pain.002),
     * VOIDED (its file voided) or NOT_IN_FILE; {@code endToEndId} and {@code batchId} name the instruction it left.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PaymentOrderReopenedV1(String orderId, String decisionId, String applicationId, long amountFen, String reason,
                                         String endToEndId, String batchId, String nextEndToEndId, Instant reopenedAt) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ConversionRequestedV1(String conversionId, String orderId, String decisionId, String applicationId,
                                        String beneficiaryUscc, String measureCode, String fundCode, long amountFen,
                                        String district, int fiscalYear, Instant requestedAt, String beneficiaryStage,
                                        String beneficiaryField) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PaymentConvertedV1(String orderId, String decisionId, String applicationId, String conversionId,
                                     String fundCode, String investmentId, long amountFen, Instant convertedAt) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PostingV1(String account, long fen) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LedgerEntryPostedV1(String entryId, String kind, String documentId, String budgetLine, long amountFen,
                                      List<PostingV1> postings, String reason, Instant postedAt) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RecoveryOpenedV1(String recoveryId, String revocationId, String decisionId, String applicationId,
                                   String beneficiaryUscc, long amountFen, Instant openedAt) {
    }

    /** The wire events of one domain event: the event itself, then what travels with it. */
    public static List<NewEvent> toWire(PaymentEvent event, String actor, String causation, Instant now) {
        PaymentOrder o = event.order();
        List<NewEvent> wire = new ArrayList<>();
        if (event instanceof PaymentEvent.BudgetReserved r) {
            wire.add(order(RESERVED, o, actor, causation, new BudgetReservedV1(o.id(), o.decisionId(), o.applicationId(),
                    o.beneficiaryUscc(), o.measureCode(), o.fiscalYear(), o.budgetLineId(), o.amount().fen(), r.noticeEndsAt())));
            if (r.noticeEndsAt() != null && r.noticeEndsAt().isAfter(now)) {
                wire.add(order(IN_NOTICE, o, actor, causation, new PaymentInNoticeV1(o.id(), o.decisionId(), o.applicationId(),
                        o.amount().fen(), date(now), date(r.noticeEndsAt()))));
            }
        } else if (event instanceof PaymentEvent.BudgetWaitlisted w) {
            wire.add(order(WAITLISTED, o, actor, causation, new BudgetWaitlistedV1(o.id(), o.decisionId(), o.applicationId(),
                    o.measureCode(), o.fiscalYear(), o.budgetLineId(), o.amount().fen(), w.reason())));
        } else if (event instanceof PaymentEvent.PaymentApproved a) {
            wire.add(order(APPROVED, o, actor, causation, new PaymentApprovedV1(o.id(), o.applicationId(), o.amount().fen(),
                    a.approvedBy())));
        } else if (event instanceof PaymentEvent.PaymentOnHold h) {
            wire.add(order(ON_HOLD, o, actor, causation, new PaymentOnHoldV1(o.id(), o.decisionId(), o.applicationId(),
                    o.hold().id(), o.hold().reason(), o.hold().at())));
        } else if (event instanceof PaymentEvent.BudgetReleased r) {
            wire.add(order(RELEASED, o, actor, causation, new BudgetReleasedV1(o.id(), o.decisionId(), o.applicationId(),
                    o.beneficiaryUscc(), o.measureCode(), o.fiscalYear(), o.budgetLineId(), r.releasedFen(),
                    java.util.Objects.toString(r.reason(), null), r.releasedAt(), r.partial() ? o.amount().fen() : null, r.cause())));
            // a withdrawal that came before the decision was answered by the withdrawal itself
            if (r.reason() == ReleaseReason.WITHDRAWN && o.releasedFrom() != null) {
                wire.add(NewEvent.of(WITHDRAWAL_ACCEPTED, o.applicationId(), new WithdrawalAcceptedV1(o.applicationId(),
                        o.decisionId(), o.id(), r.journal() == null ? 0 : o.amount().fen(), r.releasedAt())).actor(actor)
                        .correlation(o.applicationId()).causation(causation).district(o.districtCode()).build());
            }
        } else if (event instanceof PaymentEvent.PaymentInstructed i) {
            wire.add(order(INSTRUCTED, o, actor, causation, new PaymentInstructedV1(o.id(), o.applicationId(), o.amount().fen(),
                    i.bankReference())));
        } else if (event instanceof PaymentEvent.PaymentDisbursed d) {
            wire.add(order(DISBURSED, o, actor, causation, new PaymentDisbursedV1(o.id(), o.decisionId(), o.applicationId(),
                    o.beneficiaryUscc(), o.measureCode(), o.fiscalYear(), o.amount().fen(), d.settledAt(),
                    o.offsetFen() > 0 ? o.offsetFen() : null)));
        } else if (event instanceof PaymentEvent.PaymentReturned r) {
            wire.add(order(RETURNED, o, actor, causation, new PaymentReturnedV1(o.id(), o.decisionId(), o.applicationId(),
                    o.amount().fen(), r.reason(), r.returnedAt())));
        } else if (event instanceof PaymentEvent.OrderReopened r) {
            wire.add(order(REOPENED, o, actor, causation, new PaymentOrderReopenedV1(o.id(), o.decisionId(), o.applicationId(),
                    o.amount().fen(), r.reason(), r.endToEndId(), r.batchId(),
                    PaymentOrder.REOPENED_RETURNED.equals(r.reason()) ? o.endToEndId() : null, r.reopenedAt())));
        } else if (event instanceof PaymentEvent.ConversionRequested c) {
            wire.add(order(CONVERSION_REQUESTED, o, actor, causation, new ConversionRequestedV1(
                    o.conversion().conversionId(o.decisionId()), o.id(), o.decisionId(), o.applicationId(), o.beneficiaryUscc(),
                    o.measureCode(), o.conversion().fundCode(), o.amount().fen(), o.districtCode(), o.fiscalYear(), c.requestedAt(),
                    o.conversion().beneficiaryStage(), o.conversion().beneficiaryField())));
        } else if (event instanceof PaymentEvent.PaymentConverted c) {
            wire.add(order(CONVERTED, o, actor, causation, new PaymentConvertedV1(o.id(), o.decisionId(), o.applicationId(),
                    o.conversion().conversionId(o.decisionId()), o.conversion().fundCode(), o.investmentId(), o.amount().fen(),
                    c.convertedAt())));
        } else if (!(event instanceof PaymentEvent.CarriedOver)) {
            // a carry-over is announced by its two journal entries (LedgerEntryPosted, kind CARRY_OVER) alone
            throw new IllegalArgumentException("no wire mapping for " + event);
        }
        for (JournalEntry entry : event.journals()) {
            wire.add(ledger(entry, actor, causation, o.applicationId(), o.districtCode()));
        }
        return wire;
    }

    public static NewEvent withdrawalRefused(PaymentOrder o, String applicationId, String reason, Instant at, String actor,
                                             String causation) {
        return NewEvent.of(WITHDRAWAL_REFUSED, applicationId, new WithdrawalRefusedV1(applicationId,
                        o == null ? null : o.decisionId(), o == null ? null : o.id(), reason, at)).actor(actor)
                .correlation(applicationId).causation(causation).district(o == null ? null : o.districtCode()).build();
    }

    public static NewEvent withdrawalAccepted(String applicationId, String decisionId, Instant at, String actor, String causation) {
        return NewEvent.of(WITHDRAWAL_ACCEPTED, applicationId, new WithdrawalAcceptedV1(applicationId, decisionId, null, 0, at))
                .actor(actor).correlation(applicationId).causation(causation).build();
    }

    /** The journal entry of a movement, published from the outbox of the document that moved the money. */
    public static NewEvent ledger(JournalEntry e, String actor, String causation, String correlation, String district) {
        return NewEvent.of(LEDGER, e.documentId(), new LedgerEntryPostedV1(e.id(), e.kind(), e.documentId(), e.budgetLine(),
                        e.amountFen(), e.postings().stream().map(p -> new PostingV1(p.account(), p.fen())).toList(), e.reason(),
                        e.at())).actor(actor).correlation(correlation).causation(causation).district(district).build();
    }

/**
     * {@code susong.payments.CallEnvelopeRefused.v1} (issue 19): the budget line of a call's measure could not reserve its
     * envelope when the call opened ({@code availableFen} what it had, null when there is no such line); eligibility
     * stops the call taking applications. Keyed by the call id.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CallEnvelopeRefusedV1(String callId, String measureCode, String budgetLine, long envelopeFen,
                                        Long availableFen, String reason, Instant refusedAt) {
    }

    public static NewEvent callEnvelopeRefused(CallEnvelopeRefusedV1 payload, String actor, String causation) {
        return NewEvent.of(CALL_ENVELOPE_REFUSED, payload.callId(), payload).actor(actor).correlation(payload.callId())
                .causation(causation).build();
    }

        public static NewEvent recoveryOpened(RecoveryOpenedV1 payload, String actor, String causation, String district) {
        return NewEvent.of(RECOVERY_OPENED, payload.recoveryId(), payload).actor(actor).correlation(payload.applicationId())
                .causation(causation).district(district).build();
    }

    private static NewEvent order(String type, PaymentOrder o, String actor, String causation, Object payload) {
        return NewEvent.of(type, o.id(), payload).actor(actor).correlation(o.applicationId()).causation(causation)
                .district(o.districtCode()).build();
    }

    private static LocalDate date(Instant at) {
        return at.atZone(BusinessClock.ZONE).toLocalDate();
    }
}
