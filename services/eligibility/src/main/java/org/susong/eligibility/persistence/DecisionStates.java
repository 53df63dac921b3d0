package org.susong.eligibility.persistence;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.susong.commons.messaging.Outbox;
import org.susong.eligibility.domain.Decision;
import org.susong.eligibility.domain.ReviewState;

/**
 * The writes of a decision's life after the rule, typed (issue 21 item 3): the insert of a decision with its outbox,
 * an appeal's decision queued for review, the review's steps (each a conditional update on the review state read, so
 * that of two officers one wins and the other is told), its completion with its event, and the marks that link
 * decisions (appealed by, superseded by, caps released). Documents and guards stay here; the callers pass domain
 * records and the outbox entries {@code Outbox.entries} built, unread.
 */
@ApplicationScoped
public class DecisionStates {

    /** A new decision and the outbox entries of its event. */
    public record NewDecision(Decision decision, List<Document> outbox) {
    }

    /** A review closed to approvals as the orphan-share sweeper reads it: its state and the shares it states. */
    public record ClosedReview(String decisionId, ReviewState reviewState, List<Map<String, Object>> capShares) {
    }

    private final DecisionRepository decisions;

    DecisionStates(DecisionRepository decisions) {
        this.decisions = decisions;
    }

    public Optional<StoredDecision> find(String decisionId) {
        return decisions.find(decisionId).map(StoredDecision::of);
    }

    /** The decisions of a batch that exist, by id (one read). */
    public Map<String, StoredDecision> findAll(Collection<String> decisionIds) {
        Map<String, StoredDecision> found = new LinkedHashMap<>();
        decisions.findAll(decisionIds).forEach((id, d) -> found.put(id, StoredDecision.of(d)));
        return found;
    }

    /**
     * The reviews closed to approvals ({@link ReviewState#closedToApprovals()}): those still completing (REJECTING,
     * UPHOLDING, LOWERING) and those DONE since {@code since}.
     */
    @SuppressWarnings("unchecked")
    public List<ClosedReview> closedReviews(Date since) {
        List<String> closing = new ArrayList<>();
        for (ReviewState s : ReviewState.values()) {
            if (s.closedToApprovals() && s != ReviewState.DONE) {
                closing.add(s.stored());
            }
        }
        List<ClosedReview> found = new ArrayList<>();
        for (Document d : decisions.closedReviews(closing, ReviewState.DONE.stored(), since)) {
            List<Map<String, Object>> shares = new ArrayList<>();
            d.getList("capShares", Document.class, List.of()).forEach(share -> shares.add((Map<String, Object>) share));
            found.add(new ClosedReview(d.getString("_id"), ReviewState.of(d.getString("reviewState")), shares));
        }
        return found;
    }

    /** Inserts a decision decided at {@code at} with its outbox; false when it exists (a redelivery raced this one). */
    public boolean insert(NewDecision d, Date at, int appealDays) {
        return decisions.insert(document(d, at, appealDays));
    }

    /** Inserts the decisions of a batch in one unordered insert; returns the ids that existed already. */
    public Set<String> insertAll(List<NewDecision> batch, Date at, int appealDays) {
        return decisions.insertAll(batch.stream().map(d -> document(d, at, appealDays)).toList());
    }

    /** Inserts an appeal's decision into the review queue carrying {@code appeal}, no event; false when it exists. */
    public boolean insertForReview(Decision d, Date at, int appealDays, StoredDecision.Appeal appeal) {
        Document document = DecisionRepository.document(d, at, appealDays);
        document.append("appeal", StoredDecision.document(appeal));
        document.putAll(Outbox.initialFields(List.of()));
        return decisions.insert(document);
    }

    /**
     * Completes a review: the decision's outcome replaced by {@code d} (its id, causing event and review state kept),
     * the review DONE with the officer's step pushed to {@code reviews}, and its event appended, in one update guarded
     * by the review state still being {@code reviewState}. False when another review moved it meanwhile.
     */
    public boolean complete(NewDecision d, Date at, int appealDays, ReviewState reviewState, StoredDecision.Review review) {
        Document fields = DecisionRepository.document(d.decision(), at, appealDays);
        fields.remove("_id");
        fields.remove("sourceEventId");
        fields.remove("sourceHash");
        fields.remove("reviewState");
        List<Bson> sets = new ArrayList<>();
        fields.forEach((k, v) -> sets.add(Updates.set(k, v)));
        sets.add(Updates.set("reviewState", reviewState.moveTo(ReviewState.DONE).stored()));
        sets.add(Updates.push("reviews", StoredDecision.document(review)));
        return decisions.update(d.decision().decisionId(), Filters.eq("reviewState", reviewState.stored()), Updates.combine(sets),
                d.outbox());
    }

    /** A maker's approval above the threshold, waiting for the checker: only from OPEN. */
    public boolean awaitSecond(String decisionId, StoredDecision.Review maker) {
        ReviewState from = ReviewState.OPEN;
        return decisions.update(decisionId, Filters.eq("reviewState", from.stored()), Updates.combine(
                Updates.set("reviewState", from.moveTo(ReviewState.AWAITING_SECOND).stored()), Updates.set("maker", StoredDecision.document(maker))), List.of());
    }

    /** Moves the review state from {@code from} to {@code to}; false when it is no longer {@code from}. */
    public boolean moveReview(String decisionId, ReviewState from, ReviewState to) {
        return decisions.update(decisionId, Filters.eq("reviewState", from.stored()),
                Updates.set("reviewState", from.moveTo(to).stored()), List.of());
    }

    /** Moves the review state from {@code from} to {@code to} recording the lowering under way; false when it moved. */
    public boolean startLowering(String decisionId, ReviewState from, StoredDecision.Lowering lowering) {
        return decisions.update(decisionId, Filters.eq("reviewState", from.stored()),
                Updates.combine(Updates.set("reviewState", from.moveTo(ReviewState.LOWERING).stored()),
                Updates.set("lowering", new Document("amountFen", lowering.amountFen()).append("heldFen", lowering.heldFen())
                        .append("officer", lowering.officer()))), List.of());
    }

    /** Claims the decision for the appeal of event {@code eventId}, once: false when another appeal holds it. */
    public boolean claimAppeal(String decisionId, String eventId) {
        return decisions.update(decisionId, Filters.exists("appealedBy", false), Updates.set("appealedBy", eventId),
                List.of());
    }

    /** Marks the earlier decision as superseded by a re-decision (for reading the latest), once. */
    public void superseded(String decisionId, String by) {
        decisions.update(decisionId, Filters.exists("supersededBy", false), Updates.set("supersededBy", by), List.of());
    }

    /** Records the first release of the decision's cap shares ({@code capReleased}: payments' reason and event). */
    public void capReleased(String decisionId, String reason, String eventId) {
        decisions.update(decisionId, Filters.exists("capReleased", false), Updates.set("capReleased",
                new Document("reason", reason).append("eventId", eventId)), List.of());
    }

    private static Document document(NewDecision d, Date at, int appealDays) {
        Document document = DecisionRepository.document(d.decision(), at, appealDays);
        document.putAll(Outbox.initialFields(d.outbox()));
        return document;
    }
}
