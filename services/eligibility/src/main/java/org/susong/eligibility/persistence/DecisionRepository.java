package org.susong.eligibility.persistence;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Date;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.susong.commons.messaging.Outbox;
import org.susong.commons.messaging.OutboxConfig;
import org.susong.commons.ids.District;
import org.susong.commons.persistence.Keyset;
import org.susong.commons.persistence.MongoErrors;
import org.susong.commons.rest.Page;
import org.susong.eligibility.domain.Criterion;
import org.susong.eligibility.domain.Decision;
import org.susong.eligibility.domain.Evaluation;
import org.susong.eligibility.domain.Outcome;
import org.susong.eligibility.domain.ReviewFilter;
import org.susong.eligibility.domain.ReviewState;

/**
 * Decisions, one document per decision ({@code D-<applicationId>}, appeals {@code D-<applicationId>-R<n>})
 * with their inputs, criteria, amount, the cap ledger entries they hold, the pinned rule version,
 * the event that caused them (id and payload hash), the review state and their outbox.
 */
@ApplicationScoped
public class DecisionRepository {

    public static final String COLLECTION = "decisions";

    private final MongoCollection<Document> decisions;
    private final OutboxConfig outbox;

    DecisionRepository(MongoDatabase database,
                       OutboxConfig outbox) {
        this.decisions = database.getCollection(COLLECTION);
        this.outbox = outbox;
    }

    /**
     * Secondary indexes: an applicant's decisions ({@link #moveOpenReviews}, issue 20 item 6); reviews by state and
     * completion ({@link #closedReviews}, the orphan-share sweeper).
     */
    void indexes(@Observes StartupEvent event) {
        decisions.createIndex(Indexes.ascending("applicantUscc"));
        decisions.createIndex(Indexes.ascending("reviewState", "decidedAt"));
    }

    /**
     * The date a stored decision was judged on ({@link Decision#judgedOn}); decisions stored before it existed got their
     * business date at start-up ({@link EligibilityMigrations}).
     */
    public static java.time.LocalDate judgedOn(Document decision) {
        return java.time.LocalDate.parse(decision.getString("judgedOn"));
    }

    /** The stored form of a decision (without its outbox), decided at {@code decidedAt}. */
    public static Document document(Decision d, Date decidedAt, int appealDays) {
        Evaluation e = d.evaluation();
        Decision.Notice notice = d.notice(appealDays);
        Document document = new Document("_id", d.decisionId())
                .append("applicationId", d.applicationId())
                .append("applicantUscc", d.applicantUscc())
                .append("measureCode", d.measureCode())
                .append("district", d.district() == null ? null : d.district().name())
                .append("outcome", e.outcome().name())
                .append("amountFen", e.amount().fen())
                .append("proposedFen", d.proposedFen())
                .append("ruleVersion", d.ruleVersion())
                .append("businessDate", d.businessDate().toString())
                .append("judgedOn", d.judgedOn().toString())
                .append("inputs", new Document(d.inputs()))
                .append("criteria", criteria(e.criteria()))
                .append("explanationEn", e.explanationEn())
                .append("explanationZh", e.explanationZh())
                .append("computationEn", e.computationEn())
                .append("computationZh", e.computationZh())
                .append("capShares", d.shares())
                .append("capYear", d.capYear())
                .append("capGroup", d.measure() == null ? null : d.measure().capGroup())
                .append("disbursementMode", d.disbursed() == null ? null : d.disbursed().disbursementMode())
                .append("fundCode", d.disbursed() == null ? null : d.disbursed().fundCode())
                .append("proposalId", d.proposalId())
                .append("supersedes", d.supersedes())
                .append("round", d.round())
                .append("reviewState", e.outcome() == Outcome.REVIEW_REQUIRED ? ReviewState.OPEN.stored() : null)
                .append("appealDeadline", notice == null ? null : notice.appealDeadline())
                .append("notice", notice == null ? null : new Document("appealDeadline", notice.appealDeadline())
                        .append("en", notice.en()).append("zh", notice.zh()))
                .append("decidedAt", decidedAt)
                .append("sourceEventId", d.sourceEventId())
                .append("sourceHash", d.sourceHash());
        if (d.basis() != null) {
            // absent rather than null when not recorded: a review's update must not erase what the decision stored
            document.append("basis", new Document(d.basis()));
        }
        return document;
    }

    /** Criteria as decisions and award proposals store them. */
    public static List<Document> criteria(List<Criterion> criteria) {
        return criteria.stream().map(c -> new Document("name", c.name()).append("passed", c.passed()).append("en", c.en())
                .append("zh", c.zh())).toList();
    }

    public Optional<Document> find(String decisionId) {
        return Optional.ofNullable(decisions.find(Filters.eq("_id", decisionId)).first());
    }

    /** The latest decision on an application: the first one, followed along {@code supersededBy}. */
    public Optional<Document> findLatest(String applicationId) {
        Optional<Document> current = find(DecisionIds.forApplication(applicationId));
        for (int i = 0; i < 100 && current.isPresent() && current.get().getString("supersededBy") != null; i++) {
            Optional<Document> next = find(current.get().getString("supersededBy"));
            if (next.isEmpty()) {
                break;
            }
            current = next;
        }
        return current;
    }

    /** The decisions of a batch that exist, by id (one read). */
    public Map<String, Document> findAll(Collection<String> decisionIds) {
        Map<String, Document> found = new HashMap<>();
        decisions.find(Filters.in("_id", decisionIds)).forEach(d -> found.put(d.getString("_id"), d));
        return found;
    }

    /**
     * Inserts the decisions of a batch in one unordered insert; returns the ids that existed already. Not known to be
     * durable (a write concern error): a {@code TransientFailure}, the batch is retried (commons
     * {@code MongoErrors.insertAllIfAbsent}).
     */
    public Set<String> insertAll(List<Document> batch) {
        Set<String> existed = new HashSet<>();
        MongoErrors.insertAllIfAbsent(decisions, batch).forEach(i -> existed.add(batch.get(i).getString("_id")));
        return existed;
    }

    /**
     * The next {@code limit} decisions after id {@code after} (null: from the first), by id: the replay pages
     * through every decision this way, never holding them all. Without their outbox.
     */
    public List<Document> pageById(String after, int limit) {
        Bson filter = after == null ? Filters.empty() : Filters.gt("_id", after);
        return decisions.find(filter).projection(com.mongodb.client.model.Projections.exclude(Outbox.FIELD))
                .sort(com.mongodb.client.model.Sorts.ascending("_id")).limit(limit).into(new ArrayList<>());
    }

    /** False when the decision exists already (a redelivery raced us). */
    public boolean insert(Document decision) {
        return MongoErrors.insertIfAbsent(decisions, decision);
    }

    /** One atomic change of a decision guarded by {@code guard}, appending events to its outbox. */
    public boolean update(String decisionId, Bson guard, Bson change, List<Document> events) {
        Bson filter = Filters.and(Filters.eq("_id", decisionId), guard, Outbox.hasRoom(outbox.outboxMaxPending(), events.size()));
        Bson update = events.isEmpty() ? change : Updates.combine(change, Outbox.append(events));
        return decisions.updateOne(filter, update).getModifiedCount() == 1;
    }

    /**
     * Moves the applicant's open reviews (decisions and appeals waiting for an officer) that are not in {@code to} into
     * it: the work follows the applicant to its district's officers (issue 20 item 6). One update of many, each
     * document on its own guard (still open, not in {@code to}): idempotent, and a review decided meanwhile keeps the
     * district it was decided in. Decided decisions keep theirs (the record of who decided where).
     *
     * @return how many moved
     */
    public long moveOpenReviews(String applicantUscc, District to) {
        return decisions.updateMany(Filters.and(Filters.eq("applicantUscc", applicantUscc),
                        Filters.eq("outcome", Outcome.REVIEW_REQUIRED.stored()), Filters.ne("reviewState", ReviewState.DONE.stored()),
                        Filters.nin("district", to.storedForms())),
                Updates.set("district", to.name())).getModifiedCount();
    }

    /**
     * The reviews closed to approvals whose shares the orphan-share sweeper checks: those a rejection, an uphold or a
     * lowering is still completing ({@code closing}, whatever their age: few, and stuck until retried), and those
     * {@code done} since {@code since} ({@code decidedAt}: a review's completion writes it). Only their id, review
     * state and the shares they state.
     */
    public List<Document> closedReviews(Collection<String> closing, String done, Date since) {
        return decisions.find(Filters.or(Filters.in("reviewState", closing),
                        Filters.and(Filters.eq("reviewState", done), Filters.gte("decidedAt", since))))
                .projection(com.mongodb.client.model.Projections.include("reviewState", "capShares"))
                .into(new ArrayList<>());
    }

    /**
     * A page of open reviews, oldest first (a work queue), ties by id. A district matches every form a
     * decision may hold for it ({@link District#storedForms()}).
     */
    public Page<Document> openReviews(ReviewFilter f, String cursor, int limit) {
        List<Bson> conditions = new ArrayList<>(List.of(Filters.eq("outcome", Outcome.REVIEW_REQUIRED.stored()),
                Filters.ne("reviewState", ReviewState.DONE.stored())));
        f.district().ifPresent(d -> conditions.add(Filters.in("district", d.storedForms())));
        f.measureCode().ifPresent(m -> conditions.add(Filters.eq("measureCode", m)));
        f.applicantUscc().ifPresent(u -> conditions.add(Filters.eq("applicantUscc", u)));
        conditions.addAll(Keyset.onDates("decidedAt", f.from(), f.to()));
        return Keyset.page(decisions, Filters.and(conditions), "decidedAt", Keyset.Order.ASCENDING, cursor, limit, null,
                d -> d);
    }
}
