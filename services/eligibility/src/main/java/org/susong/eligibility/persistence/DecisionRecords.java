package org.susong.eligibility.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.susong.commons.ids.District;
import org.susong.commons.rest.Page;
import org.susong.eligibility.domain.Criterion;
import org.susong.eligibility.domain.Decision;
import org.susong.eligibility.domain.DecisionRecord;
import org.susong.commons.states.StoredText;
import org.susong.eligibility.domain.Outcome;
import org.susong.eligibility.domain.ReviewState;
import org.susong.eligibility.domain.Verdict;

/**
 * Stored decisions read as {@link DecisionRecord}s (issue 21 item 3): the reads of {@link DecisionRepository}, mapped
 * here so that the application and REST layers never hold the documents.
 */
@ApplicationScoped
public class DecisionRecords {

    private final DecisionRepository decisions;

    DecisionRecords(DecisionRepository decisions) {
        this.decisions = decisions;
    }

    public Optional<DecisionRecord> find(String decisionId) {
        return decisions.find(decisionId).map(DecisionRecords::of);
    }

    /** The latest decision on an application ({@link DecisionRepository#findLatest}). */
    public Optional<DecisionRecord> findLatest(String applicationId) {
        return decisions.findLatest(applicationId).map(DecisionRecords::of);
    }

    /** The next {@code limit} decisions after id {@code after} (null: from the first), by id ({@link DecisionRepository#pageById}). */
    public List<DecisionRecord> pageById(String after, int limit) {
        return decisions.pageById(after, limit).stream().map(DecisionRecords::of).toList();
    }

    /**
     * A page of stored decisions as records: the adapter for a page read as documents elsewhere (the review queue of
     * {@code ReviewService.queue}), handed over unread by the caller.
     */
    public static Page<DecisionRecord> records(Page<Document> documents) {
        return documents.map(DecisionRecords::of);
    }

    /** Criteria as decisions, award proposals and call entries store them ({@link DecisionRepository#criteria}). */
    static List<Criterion> criteria(List<Document> stored) {
        return stored.stream().map(c -> new Criterion(c.getString("name"), c.getBoolean("passed"), c.getString("en"),
                c.getString("zh"))).toList();
    }

    @SuppressWarnings("unchecked")
    static DecisionRecord of(Document d) {
        Document notice = d.get("notice", Document.class);
        Number proposed = d.get("proposedFen", Number.class);
        Number amount = d.get("amountFen", Number.class);
        Number capYear = d.get("capYear", Number.class);
        return new DecisionRecord(d.getString("_id"), d.getString("applicationId"), d.getString("applicantUscc"),
                District.parse(d.getString("district")).orElse(null), d.getString("measureCode"), Outcome.of(d.getString("outcome")),
                amount == null ? 0 : amount.longValue(), proposed == null ? null : proposed.longValue(),
                d.getString("ruleVersion"), d.getString("businessDate"),
                d.getString("judgedOn") == null ? null : DecisionRepository.judgedOn(d),
                d.get("inputs", Document.class), criteria(d.getList("criteria", Document.class, List.of())),
                d.getString("explanationEn"), d.getString("explanationZh"), d.getString("computationEn"),
                d.getString("computationZh"),
                (List<Map<String, Object>>) (List<?>) d.getList("capShares", Document.class, List.of()),
                capYear == null ? null : capYear.intValue(), d.getString("proposalId"), d.getString("supersedes"), d.getString("supersededBy"),
                ReviewState.of(d.getString("reviewState")), d.getDate("decidedAt") == null ? null : d.getDate("decidedAt").toInstant(),
                d.getString("appealDeadline"), notice == null ? null : new Decision.Notice(notice.getString("appealDeadline"),
                        notice.getString("en"), notice.getString("zh")),
                d.get("appeal", Document.class), d.get("basis", Document.class),
                d.getList("reviews", Document.class, List.of()).stream().map(r -> new DecisionRecord.Review(
                        StoredText.of(Verdict.class, r.getString("outcome")), fen(r))).toList(),
                d.getString("sourceEventId"), d.getString("sourceHash"), d.getString("disbursementMode"));
    }

    private static long fen(Document review) {
        Number n = review.get("amountFen", Number.class);
        return n == null ? 0 : n.longValue();
    }
}
