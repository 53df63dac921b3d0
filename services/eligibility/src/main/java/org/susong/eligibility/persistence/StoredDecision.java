package org.susong.eligibility.persistence;

import static org.susong.eligibility.persistence.StoredValues.fen;
import static org.susong.eligibility.persistence.StoredValues.fenOrNull;
import static org.susong.eligibility.persistence.StoredValues.intOrNull;

import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.susong.commons.messaging.Outbox;
import org.susong.commons.states.StoredText;
import org.susong.eligibility.domain.Criterion;
import org.susong.eligibility.domain.Outcome;
import org.susong.eligibility.domain.ReviewState;
import org.susong.eligibility.domain.Verdict;

/**
 * A decision as stored (issue 21 item 3: what the application layer reads instead of the document): what it states,
 * the event that caused it, its review state and what its review holds (the maker's approval, a lowering under way,
 * the appeal it decides), and the sequence of its outbox. {@code district} as stored (any of its forms, issue 24);
 * {@code inputs} and {@code capShares} as stored, so that a re-decision copies them unchanged.
 */
public record StoredDecision(String decisionId, String applicationId, String applicantUscc, String measureCode,
                             String district, Outcome outcome, Long amountFen, Long proposedFen, String ruleVersion,
                             String businessDate, String judgedOnText, Map<String, Object> inputs,
                             List<Criterion> criteria, String computationEn, String computationZh,
                             List<Map<String, Object>> capShares, Integer capYear, String proposalId, String supersedes,
                             int round, String sourceEventId, String sourceHash, ReviewState reviewState, String appealedBy,
                             String supersededBy, Appeal appeal, Review maker, Lowering lowering, long lastSequence) {

    /**
     * The appeal a re-decision weighs ({@code appeal}): the decision appealed, its outcome and the amount it holds on
     * the caps, the applicant's grounds and document references, and the event that filed it.
     */
    public record Appeal(String appealedDecisionId, Outcome appealedOutcome, long heldFen, String grounds, String eventId,
                         List<Map<String, Object>> documents) {
    }

    /** An officer's step of a review ({@code maker}, and each of {@code reviews}). */
    public record Review(String officer, Verdict outcome, long amountFen, String reason, Date at) {
    }

    /** An appeal's re-decision lower than the appealed decision held, under way ({@code lowering}). */
    public record Lowering(long amountFen, long heldFen, String officer) {
    }

    /** The date it was judged on ({@link DecisionRepository#judgedOn}). */
    public LocalDate judgedOn() {
        return LocalDate.parse(judgedOnText);
    }

    @SuppressWarnings("unchecked")
    public static StoredDecision of(Document d) {
        Document appeal = d.get("appeal", Document.class);
        Document maker = d.get("maker", Document.class);
        Document lowering = d.get("lowering", Document.class);
        return new StoredDecision(d.getString("_id"), d.getString("applicationId"), d.getString("applicantUscc"),
                d.getString("measureCode"), d.getString("district"), Outcome.of(d.getString("outcome")), fenOrNull(d, "amountFen"),
                fenOrNull(d, "proposedFen"), d.getString("ruleVersion"), d.getString("businessDate"),
                d.getString("judgedOn"), (Map<String, Object>) (Map<?, ?>) d.get("inputs", Document.class),
                StoredValues.criteria(d), d.getString("computationEn"), d.getString("computationZh"),
                (List<Map<String, Object>>) (List<?>) d.getList("capShares", Document.class, List.of()),
                intOrNull(d, "capYear"), d.getString("proposalId"), d.getString("supersedes"), (int) fen(d, "round"),
                d.getString("sourceEventId"), d.getString("sourceHash"), ReviewState.of(d.getString("reviewState")),
                d.getString("appealedBy"), d.getString("supersededBy"),
                appeal == null ? null : new Appeal(appeal.getString("appealedDecisionId"),
                        Outcome.of(appeal.getString("appealedOutcome")),
                        StoredValues.required(appeal, "heldFen"), appeal.getString("grounds"), appeal.getString("eventId"),
                        (List<Map<String, Object>>) (List<?>) appeal.getList("documents", Document.class, List.of())),
                maker == null ? null : new Review(maker.getString("officer"),
                        StoredText.of(Verdict.class, maker.getString("outcome")),
                        StoredValues.required(maker, "amountFen"), maker.getString("reason"), maker.getDate("at")),
                lowering == null ? null : new Lowering(StoredValues.required(lowering, "amountFen"),
                        StoredValues.required(lowering, "heldFen"),
                        lowering.getString("officer")),
                Outbox.lastSequence(d));
    }

    /** The stored form of an appeal ({@link DecisionStates#insertForReview}). */
    static Document document(Appeal a) {
        return new Document("appealedDecisionId", a.appealedDecisionId()).append("appealedOutcome", StoredText.text(a.appealedOutcome()))
                .append("heldFen", a.heldFen()).append("grounds", a.grounds()).append("eventId", a.eventId())
                .append("documents", a.documents().stream().map(Document::new).toList());
    }

    static Document document(Review r) {
        return new Document("officer", r.officer()).append("outcome", StoredText.text(r.outcome())).append("amountFen", r.amountFen())
                .append("reason", r.reason()).append("at", r.at());
    }
}
