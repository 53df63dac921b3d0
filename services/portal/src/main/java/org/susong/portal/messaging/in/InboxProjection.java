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
 * the application's owner; a decision, a payment's public notice, its payment, conversion or return is one entry each
 * ({@link InboxStore#add}, once per source: a redelivery changes nothing). An appeal or a superseding decision closes
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

    @Override
    public void apply(InboundEvent e) {
        String applicationId = e.text("applicationId");
        Instant now = clock.instant();
        switch (e.type()) {
            case EvaluationProjection.SUBMITTED -> store.learnOwner(applicationId, e.text("applicantUscc"));
            case EvaluationProjection.DECIDED -> {
                String uscc = e.text("applicantUscc");
                store.learnOwner(applicationId, uscc);
                String supersedes = e.optionalText("supersedes");
                if (supersedes != null) {
                    store.closeDecision(supersedes, "SUPERSEDED");
                }
                List<String> zh = new ArrayList<>();
                List<String> en = new ArrayList<>();
                JsonNode criteria = e.data().get("criteria");
                if (criteria == null || !criteria.isArray()) {
                    throw new PermanentFailure(e.type() + " " + e.id() + " has no 'criteria'");
                }
                for (JsonNode c : criteria) {
                    if (c.has("passed") && !c.get("passed").asBoolean(true)) {
                        zh.add(c.path("zh").asText(c.path("name").asText()));
                        en.add(c.path("en").asText(c.path("name").asText()));
                    }
                }
                String deadline = e.optionalText("appealDeadline");
                store.add(new InboxEntry("DECIDED:" + e.text("decisionId"), Kind.DECIDED, applicationId,
                        e.text("measureCode"), e.text("outcome"), e.number("amountFen"), instant(e, "decidedAt"),
                        deadline == null ? null : date(e, "appealDeadline"), List.of(),
                        e.optionalText("proposalId") != null, false), uscc, zh, en, now);
            }
            case EvaluationProjection.APPEALED -> store.closeDecision(e.text("decisionId"), "APPEALED");
            case IN_NOTICE -> store.add(entry(e, Kind.NOTICE_OPEN, date(e, "noticeUntil"), instant(e)), null,
                    List.of(), List.of(), now);
            case EvaluationProjection.DISBURSED -> store.add(entry(e, Kind.PAID, null, instant(e, "settledAt")),
                    e.optionalText("beneficiaryUscc"), List.of(), List.of(), now);
            case EvaluationProjection.CONVERTED -> store.add(entry(e, Kind.CONVERTED, null, instant(e, "convertedAt")),
                    null, List.of(), List.of(), now);
            case EvaluationProjection.RETURNED -> {
                String reason = e.optionalText("reason");
                List<String> reasons = reason == null ? List.of() : List.of(reason);
                store.add(entry(e, Kind.RETURNED, null, instant(e, "returnedAt")), null, reasons, reasons, now);
            }
            default -> {
                // not one of TYPES: the consumer gives this projection none other
            }
        }
    }

    /** A payment's entry: one per event (a payment returned and paid again is two entries). */
    private static InboxEntry entry(InboundEvent e, Kind kind, LocalDate deadline, Instant at) {
        return new InboxEntry(kind.name() + ":" + e.id(), kind, e.text("applicationId"), e.optionalText("measureCode"),
                null, e.number("amountFen"), at, deadline, List.of(), false, false);
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
