package org.susong.eligibility.application;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.susong.commons.messaging.Outbox;
import org.susong.commons.messaging.OutboxRelay;
import org.susong.commons.money.Money;
import org.susong.eligibility.config.EligibilityConfig;
import org.susong.eligibility.domain.Criterion;
import org.susong.eligibility.domain.Evaluation;
import org.susong.eligibility.domain.Measure;
import org.susong.eligibility.domain.Outcome;
import org.susong.eligibility.messaging.out.EligibilityEvents;
import org.susong.eligibility.persistence.DecisionRepository;

/**
 * Writes decisions: the decision document (inputs incl. the remaining cap seen and the business
 * date, rule version, criteria, computation, notice) and its {@code EligibilityDecided} event are one
 * insert, or one guarded update when an officer completes a review.
 */
@ApplicationScoped
public class DecisionWriter {

    /** Everything a decision states. {@code measure} is null for an unknown measure. */
    public record Decided(String decisionId, String applicationId, String applicantUscc, String measureCode,
                          String district, Evaluation evaluation, Long proposedFen, String ruleVersion,
                          LocalDate businessDate, Map<String, Object> inputs, Measure measure, List<Document> shares,
                          Integer capYear, String proposalId, String supersedes, int round, String sourceEventId,
                          String sourceHash, String actor) {
    }

    private final DecisionRepository decisions;
    private final OutboxRelay relay;
    private final ObjectMapper json;
    private final Clock clock;
    private final EligibilityConfig config;

    DecisionWriter(DecisionRepository decisions, OutboxRelay relay, ObjectMapper json, Clock clock, EligibilityConfig config) {
        this.decisions = decisions;
        this.relay = relay;
        this.json = json;
        this.clock = clock;
        this.config = config;
    }

    /** Inserts a new decision with its event; false when it exists already (a redelivery raced this one). */
    public boolean insert(Decided d) {
        Instant now = clock.instant();
        List<Document> outbox = Outbox.entries(json, 0, List.of(event(d, now)), now);
        Document document = document(d, now);
        document.putAll(Outbox.initialFields(outbox));
        if (!decisions.insert(document)) {
            return false;
        }
        relay.publishSoon(DecisionRepository.COLLECTION, d.decisionId());
        return true;
    }

    /**
     * Inserts the new decisions of a batch with their events in one unordered insert; returns the ids
     * that existed already (a redelivery raced this one: the caller compares payloads).
     */
    public java.util.Set<String> insertAll(List<Decided> batch) {
        Instant now = clock.instant();
        List<Document> documents = new ArrayList<>();
        for (Decided d : batch) {
            Document document = document(d, now);
            document.putAll(Outbox.initialFields(Outbox.entries(json, 0, List.of(event(d, now)), now)));
            documents.add(document);
        }
        java.util.Set<String> existed = decisions.insertAll(documents);
        batch.stream().map(Decided::decisionId).filter(id -> !existed.contains(id))
                .forEach(id -> relay.publishSoon(DecisionRepository.COLLECTION, id));
        return existed;
    }

    /** Replaces the outcome of an open review (guarded by {@code guard}) and publishes the new outcome. */
    public boolean complete(Document current, Decided d, Bson guard, Document review) {
        Instant now = clock.instant();
        List<Document> outbox = Outbox.entries(json, Outbox.lastSequence(current), List.of(event(d, now)), now);
        Document fields = document(d, now);
        fields.remove("_id");
        fields.remove("sourceEventId");
        fields.remove("sourceHash");
        fields.remove("reviewState");
        List<Bson> sets = new ArrayList<>();
        fields.forEach((k, v) -> sets.add(Updates.set(k, v)));
        sets.add(Updates.set("reviewState", "DONE"));
        sets.add(Updates.push("reviews", review));
        if (!decisions.update(d.decisionId(), guard, Updates.combine(sets), outbox)) {
            return false;
        }
        relay.publishSoon(DecisionRepository.COLLECTION, d.decisionId());
        return true;
    }

    /** Marks the earlier decision as superseded by a re-decision (for reading the latest). */
    public void superseded(String decisionId, String by) {
        decisions.update(decisionId, Filters.exists("supersededBy", false), Updates.set("supersededBy", by), List.of());
    }

    private Document document(Decided d, Instant now) {
        Evaluation e = d.evaluation();
        Document notice = notice(d);
        return new Document("_id", d.decisionId())
                .append("applicationId", d.applicationId())
                .append("applicantUscc", d.applicantUscc())
                .append("measureCode", d.measureCode())
                .append("district", d.district())
                .append("outcome", e.outcome().name())
                .append("amountFen", e.amount().fen())
                .append("proposedFen", d.proposedFen())
                .append("ruleVersion", d.ruleVersion())
                .append("businessDate", d.businessDate().toString())
                .append("inputs", new Document(d.inputs()))
                .append("criteria", criteria(e.criteria()))
                .append("explanationEn", e.explanationEn())
                .append("explanationZh", e.explanationZh())
                .append("computationEn", e.computationEn())
                .append("computationZh", e.computationZh())
                .append("capShares", d.shares())
                .append("capYear", d.capYear())
                .append("capGroup", d.measure() == null ? null : d.measure().capGroup())
                .append("proposalId", d.proposalId())
                .append("supersedes", d.supersedes())
                .append("round", d.round())
                .append("reviewState", e.outcome() == Outcome.REVIEW_REQUIRED ? "OPEN" : null)
                .append("appealDeadline", notice == null ? null : notice.getString("appealDeadline"))
                .append("notice", notice)
                .append("decidedAt", Date.from(now))
                .append("sourceEventId", d.sourceEventId())
                .append("sourceHash", d.sourceHash());
    }

    private Document notice(Decided d) {
        Evaluation e = d.evaluation();
        if (e.outcome() == Outcome.REVIEW_REQUIRED) {
            return null;
        }
        String deadline = d.businessDate().plusDays(config.appealDays()).toString();
        String what = e.outcome() == Outcome.APPROVED ? "approved: " + Money.ofFen(e.amount().fen()).format() : "rejected";
        return new Document("appealDeadline", deadline)
                .append("en", "Decision " + d.decisionId() + " on application " + d.applicationId() + " under "
                        + d.ruleVersion() + ": " + what + ". Reasons: " + e.explanationEn() + ". You may appeal through"
                        + " the platform (an appeal is decided again under " + d.ruleVersion() + ") or apply for"
                        + " administrative reconsideration within " + config.appealDays() + " days, by " + deadline
                        + " (Administrative Reconsideration Law of the PRC).")
                .append("zh", "决定 " + d.decisionId() + "（" + d.ruleVersion() + "）："
                        + (e.outcome() == Outcome.APPROVED ? "予以支持 " + Money.ofFen(e.amount().fen()).format() : "不予支持")
                        + "。理由：" + e.explanationZh() + "。如不服，可在 " + deadline + " 前（" + config.appealDays()
                        + " 日内）通过平台申诉或依法申请行政复议。");
    }

    private org.susong.commons.messaging.NewEvent event(Decided d, Instant now) {
        Evaluation e = d.evaluation();
        Measure m = d.measure();
        Object stage = d.inputs().get("stage");
        Object field = d.inputs().get("field");
        var wire = new EligibilityEvents.EligibilityDecidedV1(d.decisionId(), d.applicationId(), d.applicantUscc(),
                d.measureCode(), e.outcome().name(), e.amount().fen(), d.ruleVersion(), d.businessDate().getYear(),
                d.district(), m == null ? "GRANT" : m.disbursementMode(),
                new EligibilityEvents.Explanation(e.explanationEn(), e.explanationZh()), e.criteria(), now,
                d.proposalId(), m == null ? null : m.fundCode(), m == null ? null : m.fallback(),
                m == null ? null : m.capGroup(), d.capYear(), d.supersedes(),
                e.outcome() == Outcome.REVIEW_REQUIRED ? null : d.businessDate().plusDays(config.appealDays()).toString(),
                stage == null ? null : stage.toString(), field == null ? null : field.toString(),
                m == null ? null : m.budgetLine());
        return EligibilityEvents.decided(wire, d.sourceEventId(), d.actor());
    }

    static List<Document> criteria(List<Criterion> criteria) {
        return criteria.stream().map(c -> new Document("name", c.name()).append("passed", c.passed()).append("en", c.en())
                .append("zh", c.zh())).toList();
    }
}
