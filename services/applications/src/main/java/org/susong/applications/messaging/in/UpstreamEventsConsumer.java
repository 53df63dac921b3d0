package org.susong.applications.messaging.in;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.susong.applications.application.LifecycleService;
import org.susong.applications.domain.ApplicationStatus;
import org.susong.applications.domain.Fact;
import org.susong.applications.persistence.MeasureProjection;
import org.susong.commons.messaging.EventConsumer;
import org.susong.commons.messaging.EventHeaders;
import org.susong.commons.messaging.InboundEvent;
import org.susong.commons.messaging.PermanentFailure;
import org.susong.commons.money.Money;

/**
 * Facts from eligibility and payments become timeline entries; {@code MeasurePublished} keeps the
 * measure projection. Every handler is idempotent by event id.
 */
@ApplicationScoped
public class UpstreamEventsConsumer {

    static final String MEASURE_PUBLISHED = EventHeaders.type("eligibility", "MeasurePublished", 1);
    static final String DECIDED = EventHeaders.type("eligibility", "EligibilityDecided", 1);
    static final String RESERVED = EventHeaders.type("payments", "BudgetReserved", 1);
    static final String WAITLISTED = EventHeaders.type("payments", "BudgetWaitlisted", 1);
    static final String APPROVED = EventHeaders.type("payments", "PaymentApproved", 1);
    static final String INSTRUCTED = EventHeaders.type("payments", "PaymentInstructed", 1);
    static final String DISBURSED = EventHeaders.type("payments", "PaymentDisbursed", 1);

    private final EventConsumer consumer;
    private final LifecycleService lifecycle;
    private final MeasureProjection measures;
    private final Map<String, Consumer<InboundEvent>> eligibilityHandlers;
    private final Map<String, Consumer<InboundEvent>> paymentHandlers;

    UpstreamEventsConsumer(EventConsumer consumer, LifecycleService lifecycle, MeasureProjection measures) {
        this.consumer = consumer;
        this.lifecycle = lifecycle;
        this.measures = measures;
        this.eligibilityHandlers = Map.of(MEASURE_PUBLISHED, this::measurePublished, DECIDED, this::decided);
        this.paymentHandlers = Map.of(
                RESERVED, e -> fact(e, "BUDGET_RESERVED", ApplicationStatus.PAYMENT_SCHEDULED, "budget reserved: "
                        + Money.ofFen(e.number("amountFen"))),
                WAITLISTED, e -> fact(e, "BUDGET_WAITLISTED", ApplicationStatus.WAITLISTED,
                        "waitlisted: the budget line has not enough available"),
                APPROVED, e -> fact(e, "PAYMENT_APPROVED", ApplicationStatus.PAYMENT_SCHEDULED,
                        "payment approved by " + e.text("approvedBy")),
                INSTRUCTED, e -> fact(e, "PAYMENT_INSTRUCTED", ApplicationStatus.PAYMENT_SCHEDULED,
                        "payment " + e.text("orderId") + " sent to the bank"),
                DISBURSED, e -> fact(e, "PAYMENT_DISBURSED", ApplicationStatus.PAID, "paid "
                        + Money.ofFen(e.number("amountFen")) + " (order " + e.text("orderId") + ")"));
    }

    @Incoming("eligibility-in")
    @Blocking
    public CompletionStage<Void> onEligibility(Message<String> message) {
        return consumer.consume(message, eligibilityHandlers);
    }

    @Incoming("payments-in")
    @Blocking
    public CompletionStage<Void> onPayments(Message<String> message) {
        return consumer.consume(message, paymentHandlers);
    }

    private void measurePublished(InboundEvent e) {
        List<String> required = new ArrayList<>();
        if (e.data().has("requiredFacts")) {
            e.data().get("requiredFacts").forEach(node -> required.add(node.asText()));
        }
        measures.upsert(new MeasureProjection.Measure(e.text("code"), (int) e.number("version"), e.text("status"), required));
    }

    private void decided(InboundEvent e) {
        String outcome = e.text("outcome");
        ApplicationStatus status = switch (outcome) {
            case "APPROVED" -> ApplicationStatus.APPROVED;
            case "REJECTED" -> ApplicationStatus.REJECTED;
            case "REVIEW_REQUIRED" -> ApplicationStatus.UNDER_REVIEW;
            default -> throw new PermanentFailure("unknown decision outcome '" + outcome + "'");
        };
        String detail = "APPROVED".equals(outcome) ? "approved: " + Money.ofFen(e.number("amountFen")) + " under rule "
                + e.text("ruleVersion") : outcome.toLowerCase().replace('_', ' ') + ": " + e.data().path("explanation")
                .path("en").asText("");
        fact(e, "DECIDED_" + outcome, status, detail);
    }

    private void fact(InboundEvent e, String kind, ApplicationStatus status, String detail) {
        String applicationId = e.text("applicationId");
        Instant at = e.time() == null ? Instant.now() : e.time();
        lifecycle.record(applicationId, new Fact(e.id(), kind, status, at, actor(e), detail));
    }

    private static String actor(InboundEvent e) {
        String actor = e.extension(EventHeaders.ACTOR);
        return actor == null ? e.source() : actor;
    }
}
