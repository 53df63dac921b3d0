package org.susong.portal.messaging.in;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.susong.commons.messaging.InboundEvent;
import org.susong.commons.messaging.PermanentFailure;
import org.susong.portal.domain.InboxEntry;
import org.susong.portal.domain.InboxEntry.Kind;
import org.susong.portal.persistence.InboxStore;

/**
 * The applicants' inbox (issue 18 item 5), fed by the same events as the evaluation: a submission or a decision names
 * the application's owner; a decision (per outcome), a payment's public notice, its payment (with what was withheld
 * for a recovery), conversion or return is one entry each ({@link InboxStore#add}, once per source: a redelivery
 * changes nothing). An appeal or a superseding decision closes
 * a decision for the appeal reminders ({@code application/AppealReminders}). The fields are those of the events'
 * schemas (services/event-contracts); an event missing one it needs is dead-lettered.
 */
@ApplicationScoped
public class InboxProjection implements Projection {

    static final String IN_NOTICE = "susong.payments.PaymentInNotice.v1";
    static final Set<String> TYPES = Set.of(EvaluationProjection.SUBMITTED, EvaluationProjection.DECIDED,
            EvaluationProjection.APPEALED, IN_NOTICE, EvaluationProjection.DISBURSED, EvaluationProjection.CONVERTED,
            EvaluationProjection.RETURNED);

    private final InboxStore store;
    private final Clock clock;

    InboxProjection(InboxStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public Set<String> types() {
        return TYPES;
    }

    /** After the evaluation's: an event the inbox refuses has been counted there first (the record is dead-lettered). */
    @Override
    public int order() {
        return 10;
    }

    /**
     * Reads every field it needs before it writes anything, so an event it refuses (dead-lettered) has changed
     * nothing here.
     */
    @Override
    public void apply(InboundEvent e) {
        String applicationId = e.text("applicationId");
        Instant now = clock.instant();
        switch (e.type()) {
            case EvaluationProjection.SUBMITTED -> store.learnOwner(applicationId, e.text("applicantUscc"));
            case EvaluationProjection.DECIDED -> decided(e, applicationId, now);
            case EvaluationProjection.APPEALED -> store.closeDecision(e.text("decisionId"), "APPEALED");
            case IN_NOTICE -> store.add(entry(e, Kind.NOTICE_OPEN, null, date(e, "noticeUntil"), instant(e)), null,
                    List.of(), List.of(), now);
            case EvaluationProjection.DISBURSED -> {
                JsonNode offset = e.data().get("offsetFen");
                Long withheld = offset == null || offset.isNull() ? null : e.number("offsetFen");
                store.add(entry(e, Kind.PAID, withheld, null, instant(e, "settledAt")), e.text("beneficiaryUscc"),
                        List.of(), List.of(), now);
            }
            case EvaluationProjection.CONVERTED -> store.add(entry(e, Kind.CONVERTED, null, null,
                    instant(e, "convertedAt")), null, List.of(), List.of(), now);
            case EvaluationProjection.RETURNED -> {
                String reason = e.optionalText("reason");
                List<String> reasons = reason == null ? List.of() : List.of(reason);
                store.add(entry(e, Kind.RETURNED, null, null, instant(e, "returnedAt")), null, reasons, reasons, now);
            }
            default -> {
                // not one of TYPES: the consumer gives this projection none other
            }
        }
    }

    /**
     * A decision: one entry per decision and outcome (eligibility decides REVIEW_REQUIRED first, then the officer's
     * APPROVED or REJECTED under the same decision id: two entries, the second no redelivery of the first). A
     * decision that supersedes another (an appeal's) closes that one for the reminders.
     */
    private void decided(InboundEvent e, String applicationId, Instant now) {
        String uscc = e.text("applicantUscc");
        String decisionId = e.text("decisionId");
        String outcome = e.text("outcome");
        String measure = e.text("measureCode");
        long amount = e.number("amountFen");
        Instant decidedAt = instant(e, "decidedAt");
        LocalDate deadline = e.optionalText("appealDeadline") == null ? null : date(e, "appealDeadline");
        String supersedes = e.optionalText("supersedes");
        JsonNode criteria = e.data().get("criteria");
        if (criteria == null || !criteria.isArray()) {
            throw new PermanentFailure(e.type() + " " + e.id() + " has no 'criteria'");
        }
        List<String> zh = new ArrayList<>();
        List<String> en = new ArrayList<>();
        for (JsonNode c : criteria) {
            if (c.has("passed") && !c.get("passed").asBoolean(true)) {
                zh.add(c.path("zh").asText(c.path("name").asText()));
                en.add(c.path("en").asText(c.path("name").asText()));
            }
        }
        store.learnOwner(applicationId, uscc);
        if (supersedes != null) {
            store.closeDecision(supersedes, "SUPERSEDED");
        }
        store.add(new InboxEntry("DECIDED:" + decisionId + ":" + outcome, Kind.DECIDED, applicationId, measure, outcome,
                amount, null, decidedAt, deadline, List.of(), e.optionalText("proposalId") != null, false), uscc,
                zh, en, now);
    }

    /** A payment's entry: one per event (a payment returned and paid again is two entries). */
    private static InboxEntry entry(InboundEvent e, Kind kind, Long withheld, LocalDate deadline, Instant at) {
        return new InboxEntry(kind.name() + ":" + e.id(), kind, e.text("applicationId"), e.optionalText("measureCode"),
                null, e.number("amountFen"), withheld, at, deadline, List.of(), false, false);
    }

    /** The notice's opening: the event's own time (its data has dates only). */
    private static Instant instant(InboundEvent e) {
        return e.time() != null ? e.time() : date(e, "noticeFrom").atStartOfDay(org.susong.commons.time.BusinessClock.ZONE)
                .toInstant();
    }

    private static Instant instant(InboundEvent e, String field) {
        try {
            return Instant.parse(e.text(field));
        } catch (DateTimeParseException bad) {
            throw new PermanentFailure(e.type() + " " + e.id() + ": '" + field + "' is not an instant", bad);
        }
    }

    private static LocalDate date(InboundEvent e, String field) {
        try {
            return LocalDate.parse(e.text(field));
        } catch (DateTimeParseException bad) {
            throw new PermanentFailure(e.type() + " " + e.id() + ": '" + field + "' is not a date", bad);
        }
    }
}
