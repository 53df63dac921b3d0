package org.susong.applications.messaging.in;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Function;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import org.susong.commons.messaging.ModifiedRequest;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.susong.applications.application.ApplicationService;
import org.susong.applications.application.LifecycleService;
import org.susong.applications.domain.ApplicationStatus;
import org.susong.applications.domain.DecisionOutcome;
import org.susong.applications.domain.Fact;
import org.susong.applications.domain.FactKind;
import org.susong.applications.domain.ReleaseReason;
import org.susong.applications.persistence.MeasureProjection;
import org.susong.commons.ids.District;
import org.susong.applications.domain.UsccText;
import org.susong.commons.ids.Uscc;
import org.susong.commons.messaging.EventConsumer;
import org.susong.commons.messaging.EventHeaders;
import org.susong.commons.messaging.InboundEvent;
import org.susong.commons.messaging.ReplayConsumer;
import org.susong.commons.messaging.PermanentFailure;
import org.susong.commons.money.Money;

/**
 * Facts from eligibility and payments become timeline entries; {@code MeasurePublished} keeps the
 * measure projection; {@code AwardProposed} creates a system-initiated application. Every handler
 * is idempotent by event id (facts) or by a derived id (proposals).
 */
@ApplicationScoped
public class UpstreamEventsConsumer implements ReplayConsumer.Routes {

    private static final Logger LOG = Logger.getLogger(UpstreamEventsConsumer.class);

    static final String MEASURE_PUBLISHED = EventHeaders.type("eligibility", "MeasurePublished", 1);
    static final String DECIDED = EventHeaders.type("eligibility", "EligibilityDecided", 1);
    static final String AWARD_PROPOSED = EventHeaders.type("eligibility", "AwardProposed", 1);

    private final EventConsumer consumer;
    private final LifecycleService lifecycle;
    private final ApplicationService applications;
    private final MeasureProjection measures;
    private final Map<String, Consumer<InboundEvent>> eligibilityHandlers;
    private final Map<String, Consumer<InboundEvent>> paymentHandlers = new HashMap<>();
    /** The timeline facts, by event type: consumed in batches (one read and one bulk write per batch, issue 14). */
    private final Map<String, Function<InboundEvent, LifecycleService.Recorded>> facts = new HashMap<>();
    private final EventConsumer.BatchHandler recordAll = this::recordAll;

    UpstreamEventsConsumer(EventConsumer consumer, LifecycleService lifecycle, ApplicationService applications,
                           MeasureProjection measures) {
        this.consumer = consumer;
        this.lifecycle = lifecycle;
        this.applications = applications;
        this.measures = measures;
        // calls for proposals (issue 19) are read by type so they are not counted as unknown; an application names its
        // call in its facts and learns its outcome from the decision
        this.eligibilityHandlers = Map.of(MEASURE_PUBLISHED, this::measurePublished, DECIDED, this::decided,
                AWARD_PROPOSED, this::awardProposed, EventHeaders.type("eligibility", "CallOpened", 1), e -> { },
                EventHeaders.type("eligibility", "CallClosed", 1), e -> { });
        facts.put(DECIDED, this::decision);
        payments("BudgetReserved", "BUDGET_RESERVED", ApplicationStatus.PAYMENT_SCHEDULED,
                e -> "budget reserved: " + Money.ofFen(e.number("amountFen")));
        payments("BudgetWaitlisted", "BUDGET_WAITLISTED", ApplicationStatus.WAITLISTED,
                e -> "waitlisted: the budget line has not enough available");
        payments("PaymentApproved", "PAYMENT_APPROVED", ApplicationStatus.PAYMENT_SCHEDULED,
                e -> "payment approved by " + e.text("approvedBy"));
        payments("PaymentInNotice", "PAYMENT_IN_NOTICE", ApplicationStatus.IN_PUBLIC_NOTICE,
                e -> "in public notice " + e.text("noticeFrom") + " to " + e.text("noticeUntil"));
        payments("PaymentOnHold", "PAYMENT_ON_HOLD", ApplicationStatus.ON_HOLD,
                e -> "on hold (objection " + e.text("objectionId") + "): " + e.text("reason"));
        payments("PaymentInstructed", FactKind.PAYMENT_INSTRUCTED.name(), ApplicationStatus.PAYMENT_SCHEDULED,
                e -> "payment " + e.text("orderId") + " sent to the bank");
        payments("PaymentDisbursed", FactKind.PAYMENT_DISBURSED.name(), ApplicationStatus.PAID,
                e -> "paid " + Money.ofFen(e.number("amountFen")) + " (order " + e.text("orderId") + ")");
        payments("PaymentReturned", FactKind.PAYMENT_RETURNED.name(), ApplicationStatus.PAYMENT_RETURNED,
                e -> "payment returned by the bank: " + e.text("reason"));
        payments("PaymentConverted", FactKind.PAYMENT_CONVERTED.name(), ApplicationStatus.CONVERTED,
                e -> "converted into investment " + e.text("investmentId") + " of fund " + e.text("fundCode"));
        payments("WithdrawalAccepted", FactKind.WITHDRAWAL_ACCEPTED.name(), ApplicationStatus.WITHDRAWN,
                e -> "withdrawal accepted; released " + Money.ofFen(e.number("releasedFen")));
        payments("WithdrawalRefused", "WITHDRAWAL_REFUSED", null,
                e -> "withdrawal refused: " + e.text("reason"));
        paymentHandlers.put(EventHeaders.type("payments", "BudgetReleased", 1), this::budgetReleased);
        paymentHandlers.put(EventHeaders.type("payments", "CallEnvelopeRefused", 1), e -> { }); // eligibility's, issue 19
        facts.put(EventHeaders.type("payments", "BudgetReleased", 1), this::release);
    }

    private void payments(String event, String kind, ApplicationStatus status,
                          java.util.function.Function<InboundEvent, String> detail) {
        Function<InboundEvent, LifecycleService.Recorded> fact = e -> fact(e, kind, status, detail.apply(e));
        paymentHandlers.put(EventHeaders.type("payments", event, 1), e -> record(fact.apply(e)));
        facts.put(EventHeaders.type("payments", event, 1), fact);
    }

    /** Replayed records ({@code ./platform replay}) of the topic this consumer reads go through its handlers. */
    @Override
    public Map<String, Map<String, Consumer<InboundEvent>>> replayRoutes() {
        return Map.of("eligibility.events", eligibilityHandlers, "payments.events", paymentHandlers);
    }

    /** A polled batch (channel {@code batch=true}): its timeline facts together, the other events one by one in their place. */
    @Incoming("eligibility-in")
    @Blocking
    public CompletionStage<Void> onEligibility(KafkaRecordBatch<String, String> batch) {
        return consumer.consumeBatch(batch.getRecords(), batchOf(eligibilityHandlers), eligibilityHandlers);
    }

    @Incoming("payments-in")
    @Blocking
    public CompletionStage<Void> onPayments(KafkaRecordBatch<String, String> batch) {
        return consumer.consumeBatch(batch.getRecords(), batchOf(paymentHandlers), paymentHandlers);
    }

    /** One batch handler for every fact type of the channel, so facts of different types go into one write. */
    private Map<String, EventConsumer.BatchHandler> batchOf(Map<String, Consumer<InboundEvent>> handlers) {
        Map<String, EventConsumer.BatchHandler> batch = new HashMap<>();
        handlers.keySet().stream().filter(facts::containsKey).forEach(type -> batch.put(type, recordAll));
        return batch;
    }

    /**
     * The facts of a batch in one call ({@link LifecycleService#recordAll}); a fact whose event is malformed or a
     * modified redelivery is refused alone (dead-lettered); any other failure fails the call, which the consumer
     * retries (transient) or splits into single events (so each keeps today's classification).
     */
    private Map<String, RuntimeException> recordAll(List<InboundEvent> events) {
        Map<String, RuntimeException> refused = new HashMap<>();
        List<InboundEvent> taken = new ArrayList<>();
        List<LifecycleService.Recorded> recorded = new ArrayList<>();
        for (InboundEvent e : events) {
            try {
                recorded.add(facts.get(e.type()).apply(e));
                taken.add(e);
            } catch (PermanentFailure bad) {
                refused.put(e.id(), bad);
            }
        }
        List<RuntimeException> failures = lifecycle.recordAll(recorded);
        for (int i = 0; i < failures.size(); i++) {
            RuntimeException failure = failures.get(i);
            if (failure instanceof ModifiedRequest || failure instanceof PermanentFailure) {
                refused.put(taken.get(i).id(), failure);
            } else if (failure != null) {
                throw failure;
            }
        }
        return refused;
    }

    private void measurePublished(InboundEvent e) {
        List<String> required = new ArrayList<>();
        if (e.data().has("requiredFacts")) {
            e.data().get("requiredFacts").forEach(node -> required.add(node.asText()));
        }
        JsonNode schema = e.data().get("factsSchema");
        measures.upsert(new MeasureProjection.Measure(e.text("code"), (int) e.number("version"), e.text("status"), required,
                schema == null || !schema.isObject() ? null : schema.toString(), date(e, "validFrom"), date(e, "validTo")));
    }

    private static java.time.LocalDate date(InboundEvent e, String field) {
        if (!e.data().hasNonNull(field)) {
            return null;
        }
        try {
            return java.time.LocalDate.parse(e.data().get(field).asText());
        } catch (java.time.format.DateTimeParseException notADate) {
            throw new PermanentFailure(e.type() + " " + e.id() + ": '" + field + "' is not a date");
        }
    }

    private void decided(InboundEvent e) {
        record(decision(e));
    }

    private LifecycleService.Recorded decision(InboundEvent e) {
        String outcome = e.text("outcome");
        DecisionOutcome decided = DecisionOutcome.of(outcome)
                .orElseThrow(() -> new PermanentFailure("unknown decision outcome '" + outcome + "'"));
        String decisionId = e.text("decisionId");
        String detail = decided == DecisionOutcome.APPROVED ? "approved: " + Money.ofFen(e.number("amountFen")) + " under rule "
                + e.text("ruleVersion") : outcome.toLowerCase().replace('_', ' ') + ": " + e.data().path("explanation")
                .path("en").asText("");
        if (e.data().hasNonNull("supersedes")) {
            detail = detail + " (supersedes " + e.data().get("supersedes").asText() + ")";
        }
        LifecycleService.Recorded recorded = recorded(e, decided.factKind(), decided.status(), detail, decisionId,
                Fact.roundOf(decisionId));
        Fact f = recorded.fact();
        // the notice's last day to appeal (issue 20 item 4): the appeal is refused after it
        return new LifecycleService.Recorded(recorded.applicationId(), new Fact(f.eventId(), f.kind(), f.status(), f.at(),
                f.actor(), f.detail(), f.round(), f.decisionId(), f.sequence(), f.hash(), date(e, "appealDeadline")));
    }

    private void budgetReleased(InboundEvent e) {
        record(release(e));
    }

    private LifecycleService.Recorded release(InboundEvent e) {
        String reason = e.text("reason");
        // a release is final for the order; a reason this service does not know yet only informs (and is logged)
        Optional<ReleaseReason> known = ReleaseReason.of(reason);
        if (known.isEmpty()) {
            LOG.warnf("BudgetReleased %s has reason '%s', unknown here: kept on the timeline without a status", e.id(), reason);
        }
        if (e.data().hasNonNull("remainingFen")) {
            // a partial release (a partial revocation of an unpaid order): the order goes on with the rest, so the
            // application stays open and keeps its slot; the fact only informs
            return fact(e, "BUDGET_RELEASED", null, "budget released in part (" + reason + "): " + Money.ofFen(e.number("amountFen"))
                    + ", " + Money.ofFen(e.number("remainingFen")) + " still to be paid");
        }
        return fact(e, "BUDGET_RELEASED", known.flatMap(ReleaseReason::status).orElse(null), "budget released (" + reason + "): "
                + Money.ofFen(e.number("amountFen")));
    }

    private void awardProposed(InboundEvent e) {
        String uscc = UsccText.canonical(e.text("beneficiaryUscc"));
        if (Uscc.shapeProblem(uscc).isPresent()) {
            throw new PermanentFailure("AwardProposed " + e.id() + ": beneficiaryUscc '" + uscc + "' is no USCC");
        }
        District district = e.data().hasNonNull("district") ? District.parse(e.data().get("district").asText())
                .orElseThrow(() -> new PermanentFailure("AwardProposed " + e.id() + ": unknown district")) : null;
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("proposalId", e.text("proposalId"));
        facts.put("contractId", e.text("contractId"));
        if (e.data().hasNonNull("registrationNumber")) {
            facts.put("registrationNumber", e.data().get("registrationNumber").asText());
        }
        if (e.data().hasNonNull("beneficiaryName")) { // optional: a contract may not name its party
            facts.put("beneficiaryName", e.data().get("beneficiaryName").asText());
        }
        facts.put("basisFen", e.number("basisFen"));
        facts.put("proposedAmountFen", e.number("amountFen"));
        facts.put("fiscalYear", e.number("fiscalYear"));
        facts.put("ruleVersion", e.text("ruleVersion"));
        applications.fromProposal(new ApplicationService.Proposal(e.text("proposalId"), e.id(), e.text("measureCode"), uscc,
                district, (int) e.number("fiscalYear"), facts, Instant.parse(e.text("proposedAt"))), actor(e));
    }

    private LifecycleService.Recorded fact(InboundEvent e, String kind, ApplicationStatus status, String detail) {
        String decisionId = e.data().hasNonNull("decisionId") ? e.data().get("decisionId").asText() : null;
        String roundSource = decisionId != null ? decisionId : e.data().path("orderId").asText(null);
        return recorded(e, kind, status, detail, decisionId, Fact.roundOf(roundSource));
    }

    private void record(LifecycleService.Recorded recorded) {
        lifecycle.record(recorded.applicationId(), recorded.fact());
    }

    private static LifecycleService.Recorded recorded(InboundEvent e, String kind, ApplicationStatus status, String detail,
                                                      String decisionId, int round) {
        Instant at = e.time() == null ? Instant.now() : e.time();
        return new LifecycleService.Recorded(e.text("applicationId"), new Fact(e.id(), kind, status, at, actor(e), detail,
                round, decisionId, sequence(e), e.hash()));
    }

    /** The producer's aggregate sequence: orders the events of one outbox write, which share their {@code ce_time}. */
    private static long sequence(InboundEvent e) {
        String sequence = e.extension(EventHeaders.SEQUENCE);
        try {
            return sequence == null ? 0 : Long.parseLong(sequence.trim());
        } catch (NumberFormatException notANumber) {
            return 0;
        }
    }

    private static String actor(InboundEvent e) {
        String actor = e.extension(EventHeaders.ACTOR);
        return actor == null ? e.source() : actor;
    }
}
