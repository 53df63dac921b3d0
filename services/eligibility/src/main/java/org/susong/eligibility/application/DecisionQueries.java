package org.susong.eligibility.application;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.susong.commons.messaging.ModifiedRequest;
import org.susong.commons.rest.Page;
import org.susong.commons.security.Principal;
import org.susong.eligibility.domain.DecisionRecord;
import org.susong.eligibility.domain.ReviewFilter;
import org.susong.eligibility.persistence.DecisionRecords;

/** Stored decisions as the REST layer reads them ({@link DecisionRecord}s): by id, an application's latest, the review queue. */
@ApplicationScoped
public class DecisionQueries {

    private final DecisionRecords records;
    private final ReviewService reviews;

    DecisionQueries(DecisionRecords records, ReviewService reviews) {
        this.records = records;
        this.reviews = reviews;
    }

    /** The current decision on an application: after appeals, the latest re-decision. */
    public Optional<DecisionRecord> findByApplication(String applicationId) {
        return records.findLatest(applicationId);
    }

    public Optional<DecisionRecord> find(String decisionId) {
        return records.find(decisionId);
    }

    /** The open reviews {@code principal} may work on ({@link ReviewService#queue}), as records. */
    public Page<DecisionRecord> openReviews(Principal principal, ReviewFilter filter, String cursor, int limit) {
        return reviews.queue(principal, filter, cursor, limit);
    }

    /**
     * A decision found already under the id a submission decides: the same submission (its payload hash) redelivered,
     * or a {@link ModifiedRequest} naming the event it was decided from.
     */
    static void requireSamePayload(DecisionRecord decision, String hash, String eventId, String applicationId) {
        requireSamePayload(decision.sourceHash(), decision.sourceEventId(), hash, eventId, applicationId);
    }

    /** The check itself, on the stored decision's causing event and hash (either read model of a stored decision). */
    static void requireSamePayload(String storedHash, String storedEventId, String hash, String eventId,
                                   String applicationId) {
        if (!hash.equals(storedHash)) {
            throw new ModifiedRequest("application " + applicationId + " was already decided from event "
                    + storedEventId + "; event " + eventId + " carries a different payload");
        }
    }
}
