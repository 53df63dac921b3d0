package org.susong.portal.messaging.in;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.bson.conversions.Bson;
import org.susong.commons.messaging.InboundEvent;
import org.susong.commons.messaging.PermanentFailure;
import org.susong.portal.domain.ApplicationFacts;
import org.susong.portal.persistence.EvaluationStore;
import org.susong.portal.persistence.FactsDocuments;

/**
 * The evaluation read model's projection (issue 18 item 4, measure D3): each event it reads becomes one idempotent
 * update of its application's facts ({@link FactsDocuments}), written to the generation read and, while a rebuild
 * runs, to the one being rebuilt (so what arrives during a rebuild is in both). The fields are those of the events'
 * schemas (services/event-contracts).
 */
@ApplicationScoped
public class EvaluationProjection implements Projection {

    public static final String SUBMITTED = "susong.applications.ApplicationSubmitted.v1";
    public static final String APPEALED = "susong.applications.ApplicationAppealed.v1";
    public static final String DECIDED = "susong.eligibility.EligibilityDecided.v1";
    public static final String DISBURSED = "susong.payments.PaymentDisbursed.v1";
    public static final String CONVERTED = "susong.payments.PaymentConverted.v1";
    public static final String RETURNED = "susong.payments.PaymentReturned.v1";
    static final Set<String> TYPES = Set.of(SUBMITTED, APPEALED, DECIDED, DISBURSED, CONVERTED, RETURNED);

    private final EvaluationStore store;

    EvaluationProjection(EvaluationStore store) {
        this.store = store;
    }

    @Override
    public Set<String> types() {
        return TYPES;
    }

    @Override
    public void apply(InboundEvent event) {
        applyTo(event, store.liveTargets());
    }

    /** Applies the event to the given generations (a rebuild: its own only); a type not read is nothing. */
    public void applyTo(InboundEvent event, List<Integer> generations) {
        if (!TYPES.contains(event.type())) {
            return;
        }
        String applicationId = event.text("applicationId");
        store.apply(applicationId, update(event), generations);
    }

    static Bson update(InboundEvent e) {
        switch (e.type()) {
            case SUBMITTED -> {
                JsonNode initiated = e.data().get("systemInitiated");
                boolean automatic = (initiated != null && initiated.asBoolean(false)) || e.optionalText("proposalId") != null;
                return FactsDocuments.submitted(e.text("measureCode"), e.text("district"), instant(e, "submittedAt"),
                        automatic);
            }
            case DECIDED -> {
                List<String> failed = new ArrayList<>();
                JsonNode criteria = e.data().get("criteria");
                if (criteria == null || !criteria.isArray()) {
                    throw new PermanentFailure(e.type() + " " + e.id() + " has no 'criteria'");
                }
                for (JsonNode c : criteria) {
                    if (c.has("passed") && !c.get("passed").asBoolean(true) && c.hasNonNull("name")) {
                        failed.add(c.get("name").asText());
                    }
                }
                String outcome = e.text("outcome");
                return FactsDocuments.decided(e.id(), new ApplicationFacts.DecisionFact(e.text("decisionId"), outcome,
                        e.number("amountFen"), instant(e, "decidedAt"), failed, e.optionalText("supersedes"),
                        e.optionalText("proposalId") != null));
            }
            case APPEALED -> {
                return FactsDocuments.appealed(e.id(), new ApplicationFacts.AppealFact(e.text("decisionId"),
                        instant(e, "appealedAt")));
            }
            case DISBURSED -> {
                return payment(e, "PAID", "settledAt");
            }
            case CONVERTED -> {
                return payment(e, "CONVERTED", "convertedAt");
            }
            default -> {
                return payment(e, "RETURNED", "returnedAt");
            }
        }
    }

    private static Bson payment(InboundEvent e, String kind, String at) {
        return FactsDocuments.paymentOutcome(e.id(), new ApplicationFacts.PaymentFact(e.text("orderId"), kind,
                e.number("amountFen"), instant(e, at)));
    }

    private static Instant instant(InboundEvent e, String field) {
        try {
            return Instant.parse(e.text(field));
        } catch (DateTimeParseException bad) {
            throw new PermanentFailure(e.type() + " " + e.id() + ": '" + field + "' is not an instant", bad);
        }
    }
}
