package org.susong.payments.messaging.in;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import org.susong.commons.messaging.EventConsumer;
import org.susong.commons.messaging.EventHeaders;
import org.susong.commons.messaging.InboundEvent;
import org.susong.commons.messaging.ReplayConsumer;
import org.susong.commons.messaging.PermanentFailure;
import org.susong.payments.application.ApplicantChanges;
import org.susong.payments.application.CallEnvelopeService;
import org.susong.payments.application.OrderService;
import org.susong.payments.application.RecoveryService;
import org.susong.payments.domain.Conversion;

/**
 * Eligibility's facts: approved decisions become payment orders (INVESTMENT ones convert into a
 * fund, C1/D1); a decision that supersedes another after an appeal releases the superseded order if
 * unpaid (not approved: APPEAL_REJECTED; approved: SUPERSEDED, and its own order replaces it, less
 * what a paid one paid); revocations open recoveries.
 */
@ApplicationScoped
public class DecisionEventsConsumer implements ReplayConsumer.Routes {

    static final String DECIDED = EventHeaders.type("eligibility", "EligibilityDecided", 1);
    static final String MEASURE_PUBLISHED = EventHeaders.type("eligibility", "MeasurePublished", 1);
    static final String REVOCATION = EventHeaders.type("eligibility", "RevocationRequested", 1);
    static final String CALL_OPENED = EventHeaders.type("eligibility", "CallOpened", 1);
    static final String CALL_CLOSED = EventHeaders.type("eligibility", "CallClosed", 1);

    private final EventConsumer consumer;
    private final OrderService orders;
    private final RecoveryService recoveries;
    private final CallEnvelopeService envelopes;
    private final ApplicantChanges applicants;
    private final Map<String, Consumer<InboundEvent>> handlers;

    DecisionEventsConsumer(EventConsumer consumer, OrderService orders, RecoveryService recoveries,
                           CallEnvelopeService envelopes, ApplicantChanges applicants) {
        this.consumer = consumer;
        this.applicants = applicants;
        this.orders = orders;
        this.recoveries = recoveries;
        this.envelopes = envelopes;
        // measures are read by type so they are not counted as unknown; payments keeps no projection of them
        this.handlers = Sources.only("eligibility", Map.of(DECIDED, this::decided, MEASURE_PUBLISHED, e -> { }, REVOCATION,
                this::revocation, CALL_OPENED, this::callOpened, CALL_CLOSED, this::callClosed));
    }

    /** Replayed records ({@code ./platform replay}) of the topic this consumer reads go through its handlers. */
    @Override
    public Map<String, Map<String, Consumer<InboundEvent>>> replayRoutes() {
        return Map.of("eligibility.events", handlers);
    }

    /**
     * A polled batch (channel {@code batch=true}): its decisions together ({@link OrderService#onApprovedDecisions}: one
     * insert, one reservation per budget line), revocations one by one in their place.
     */
    @Incoming("eligibility-in")
    @Blocking
    public CompletionStage<Void> onEligibility(KafkaRecordBatch<String, String> batch) {
        return consumer.consumeBatch(batch.getRecords(), Map.of(DECIDED, Sources.only("eligibility", this::decidedAll)),
                handlers);
    }

    /** Approved decisions go into one call; anything else about a decision (a rejected appeal) in its place after them. */
    private Map<String, RuntimeException> decidedAll(List<InboundEvent> events) {
        Map<String, RuntimeException> refused = new HashMap<>();
        List<OrderService.ApprovedDecision> approved = new ArrayList<>();
        for (InboundEvent e : events) {
            if ("APPROVED".equals(e.text("outcome"))) {
                try {
                    approved.add(approved(e));
                } catch (PermanentFailure bad) {
                    refused.put(e.id(), bad);
                }
                continue;
            }
            refused.putAll(intake(approved)); // the decisions before it first
            approved.clear();
            try {
                decided(e);
            } catch (PermanentFailure bad) {
                refused.put(e.id(), bad);
            }
        }
        refused.putAll(intake(approved));
        return refused;
    }

    /**
     * The orders of the decisions, then those of an applicant that moved follow it (issue 20 item 6: a decision made in
     * the old district and taken in after the move; also on a redelivery that finds its orders inserted).
     */
    private Map<String, RuntimeException> intake(List<OrderService.ApprovedDecision> approved) {
        Map<String, RuntimeException> refused = orders.onApprovedDecisions(approved);
        applicants.afterIntake(approved.stream().map(OrderService.ApprovedDecision::beneficiaryUscc).toList());
        return refused;
    }

    private void decided(InboundEvent e) {
        if (!"APPROVED".equals(e.text("outcome"))) {
            String supersedes = e.optionalText("supersedes");
            if (supersedes != null) {
                orders.onAppealRejected(e.text("applicationId"), supersedes, e.id());
            }
            return;
        }
        OrderService.ApprovedDecision approved = approved(e);
        orders.onApprovedDecision(approved);
        applicants.afterIntake(List.of(approved.beneficiaryUscc()));
    }

    private OrderService.ApprovedDecision approved(InboundEvent e) {
        Conversion conversion = null;
        if ("INVESTMENT".equals(e.optionalText("disbursementMode"))) {
            String fund = e.optionalText("fundCode");
            if (fund == null) {
                throw new PermanentFailure("decision " + e.text("decisionId") + " pays by INVESTMENT but names no fundCode");
            }
            String fallback = e.optionalText("fallback");
            conversion = new Conversion(fund, fallback == null ? Conversion.HOLD : fallback, e.optionalText("beneficiaryStage"),
                    e.optionalText("beneficiaryField"));
        }
        return new OrderService.ApprovedDecision(e.id(), e.hash(), e.text("decisionId"),
                e.text("applicationId"), e.text("applicantUscc"), e.text("measureCode"), (int) e.number("fiscalYear"),
                e.text("district"), e.number("amountFen"), conversion, e.optionalText("supersedes"), e.optionalText("callId"));
    }

    /** A call's envelope is reserved on its measure's line (issue 19); refused, payments says so to eligibility. */
    private void callOpened(InboundEvent e) {
        envelopes.onCallOpened(new CallEnvelopeService.Opened(e.id(), e.hash(), e.text("callId"), e.text("measureCode"),
                e.number("envelopeFen"), java.time.LocalDate.parse(e.text("submissionTo"))));
    }

    /** A ranked call gives back what its awards did not use of its envelope. */
    private void callClosed(InboundEvent e) {
        envelopes.onCallClosed(new CallEnvelopeService.Closed(e.id(), e.text("callId"), e.number("envelopeFen"),
                e.number("usedFen")));
    }

    private void revocation(InboundEvent e) {
        recoveries.onRevocationRequested(new RecoveryService.Revocation(e.id(), e.hash(), e.text("revocationId"),
                e.text("decisionId"), e.text("applicationId"), e.text("beneficiaryUscc"), e.number("amountFen"),
                e.text("reason"), e.extension(EventHeaders.DISTRICT)));
    }
}
