package org.susong.portal.persistence;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;
import com.mongodb.client.model.Updates;
import org.susong.portal.domain.ApplicationFacts;
import org.susong.portal.domain.EvaluationFigures;

/**
 * The facts' documents: the updates each event makes (built only from the event, so re-applying one is a no-op) and
 * the reading of a document back into {@link ApplicationFacts}.
 */
public final class FactsDocuments {

    private FactsDocuments() {
    }

    /** The submission: measure, district, when (and its Xiamen year and quarter), automatic or applied. */
    public static Bson submitted(String measure, String district, Instant submittedAt, boolean automatic) {
        EvaluationFigures.Quarter q = EvaluationFigures.Quarter.of(submittedAt);
        return Updates.combine(Updates.set("measure", measure), Updates.set("district", district),
                Updates.set("submittedAt", Date.from(submittedAt)), Updates.set("year", q.year()),
                Updates.set("quarter", q.quarter()), Updates.set("automatic", automatic));
    }

    /** One published decision, keyed by its event id. */
    public static Bson decided(String eventId, ApplicationFacts.DecisionFact d) {
        Document doc = new Document("e", eventId).append("id", d.decisionId()).append("outcome", d.outcome())
                .append("amountFen", d.amountFen()).append("at", Date.from(d.decidedAt()))
                .append("failed", d.failedCriteria()).append("supersedes", d.supersedes())
                .append("proposal", d.proposal());
        return Updates.addToSet("decisions", doc);
    }

    public static Bson appealed(String eventId, ApplicationFacts.AppealFact a) {
        return Updates.addToSet("appeals", new Document("e", eventId).append("decisionId", a.decisionId())
                .append("at", Date.from(a.appealedAt())));
    }

    public static Bson paymentOutcome(String eventId, ApplicationFacts.PaymentFact p) {
        return Updates.addToSet("payments", new Document("e", eventId).append("orderId", p.orderId())
                .append("kind", p.kind()).append("amountFen", p.amountFen()).append("at", Date.from(p.at())));
    }

    static ApplicationFacts read(Document d) {
        Date submitted = d.getDate("submittedAt");
        boolean automatic = Boolean.TRUE.equals(d.getBoolean("automatic"));
        List<ApplicationFacts.DecisionFact> decisions = d.getList("decisions", Document.class, List.of()).stream()
                .map(x -> new ApplicationFacts.DecisionFact(x.getString("id"), x.getString("outcome"),
                        ((Number) x.get("amountFen")).longValue(), x.getDate("at").toInstant(),
                        x.getList("failed", String.class, List.of()), x.getString("supersedes"),
                        Boolean.TRUE.equals(x.getBoolean("proposal"))))
                .toList();
        // an application the platform created from a proposal: its submission says so, and so does its decision
        automatic = automatic || decisions.stream().anyMatch(ApplicationFacts.DecisionFact::proposal);
        List<ApplicationFacts.AppealFact> appeals = d.getList("appeals", Document.class, List.of()).stream()
                .map(x -> new ApplicationFacts.AppealFact(x.getString("decisionId"), x.getDate("at").toInstant()))
                .toList();
        List<ApplicationFacts.PaymentFact> payments = d.getList("payments", Document.class, List.of()).stream()
                .map(x -> new ApplicationFacts.PaymentFact(x.getString("orderId"), x.getString("kind"),
                        ((Number) x.get("amountFen")).longValue(), x.getDate("at").toInstant()))
                .toList();
        return new ApplicationFacts(d.getString("_id"), d.getString("measure"), d.getString("district"),
                submitted == null ? null : submitted.toInstant(), automatic, decisions, appeals, payments);
    }
}
