package org.susong.eligibility.persistence;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bson.Document;
import org.susong.eligibility.domain.Outcome;
import org.susong.eligibility.domain.ReviewState;
import org.susong.eligibility.domain.IntentState;

/** Read-only scans for the audit (issue 12): cap ledgers, cap intents and open reviews. Nothing is written. */
@ApplicationScoped
public class AuditReads {

    /** A cap counter: its used amount, its limit and the share each consumer (decision or proposal) holds. */
    public record CapRow(String key, long usedFen, long limitFen, Map<String, Long> shares) {
    }

    /** An intent, an open review: id, state, the application, since when. */
    public record Row(String id, String applicationId, String state, Instant since) {
    }

    private final MongoDatabase database;

    AuditReads(MongoDatabase database) {
        this.database = database;
    }

    public List<CapRow> caps() {
        List<CapRow> rows = new ArrayList<>();
        for (Document d : database.getCollection("cap_ledgers").find(Filters.eq("kind", "CAP"))
                .projection(Projections.include("usedFen", "limitFen", "consumers"))) {
            Map<String, Long> shares = new TreeMap<>();
            Document consumers = d.get("consumers", Document.class);
            if (consumers != null) {
                consumers.forEach((owner, share) -> shares.put(owner, fen((Document) share, "fen")));
            }
            rows.add(new CapRow(d.getString("_id"), fen(d, "usedFen"), fen(d, "limitFen"), shares));
        }
        return rows;
    }

    /** A cap intent: its id ({@code owner|ledgerKey}), state and when it was written. */
    public record IntentRow(String id, IntentState state, Instant since) {
    }

    public List<IntentRow> intents() {
        List<IntentRow> rows = new ArrayList<>();
        for (Document d : database.getCollection("cap_intents").find().projection(Projections.include("state", "at"))) {
            rows.add(new IntentRow(d.getString("_id"), IntentState.of(d.getString("state")), instant(d.getDate("at"))));
        }
        return rows;
    }

    /** Decisions that required a review not yet done (every one, not a page). */
    public List<Row> openReviews() {
        List<Row> rows = new ArrayList<>();
        for (Document d : database.getCollection(DecisionRepository.COLLECTION).find(Filters.and(
                        Filters.eq("outcome", Outcome.REVIEW_REQUIRED.stored()), Filters.ne("reviewState", ReviewState.DONE.stored())))
                .projection(Projections.include("applicationId", "reviewState", "decidedAt"))) {
            rows.add(new Row(d.getString("_id"), d.getString("applicationId"), "REVIEW_" + d.getString("reviewState"),
                    instant(d.getDate("decidedAt"))));
        }
        return rows;
    }

    private static long fen(Document d, String field) {
        Number n = d == null ? null : d.get(field, Number.class);
        return n == null ? 0 : n.longValue();
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
