package org.susong.eligibility.application;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.susong.commons.messaging.Outbox;
import org.susong.commons.messaging.OutboxRelay;
import org.susong.commons.messaging.PermanentFailure;
import org.susong.commons.money.Money;
import org.susong.eligibility.config.EligibilityConfig;
import org.susong.eligibility.domain.Criterion;
import org.susong.eligibility.domain.Evaluation;
import org.susong.eligibility.domain.HighTechRewardRule;
import org.susong.eligibility.domain.Measure;
import org.susong.eligibility.domain.MeasureStatus;
import org.susong.eligibility.domain.Outcome;
import org.susong.eligibility.messaging.out.EligibilityEvents;
import org.susong.eligibility.persistence.DecisionIds;
import org.susong.eligibility.persistence.DecisionRepository;
import org.susong.eligibility.persistence.MeasureRepository;

/**
 * Decides submitted applications. The decision id comes from the application id and the decision,
 * its inputs, the causing event (id + payload hash) and its {@code EligibilityDecided} event are
 * one insert: a redelivery finds the decision and changes nothing; a redelivery whose payload
 * changed is a modified request and is refused (dead-lettered), never applied.
 */
@ApplicationScoped
public class DecisionService {

    /** What a submitted application says, taken from its event. */
    public record Submission(String eventId, String payloadHash, String applicationId, String applicantUscc,
                             String measureCode, String district, Map<String, Object> facts) {
    }

    private final DecisionRepository decisions;
    private final MeasureRepository measures;
    private final OutboxRelay relay;
    private final ObjectMapper json;
    private final Clock clock;
    private final HighTechRewardRule b1;

    DecisionService(DecisionRepository decisions, MeasureRepository measures, OutboxRelay relay, ObjectMapper json,
                    Clock clock, EligibilityConfig config) {
        this.decisions = decisions;
        this.measures = measures;
        this.relay = relay;
        this.json = json;
        this.clock = clock;
        Map<HighTechRewardRule.Category, Money> tiers = new EnumMap<>(HighTechRewardRule.Category.class);
        tiers.put(HighTechRewardRule.Category.HIGH_TECH_ENTERPRISE, Money.ofFen(config.b1().highTechEnterpriseFen()));
        tiers.put(HighTechRewardRule.Category.LITTLE_GIANT, Money.ofFen(config.b1().littleGiantFen()));
        tiers.put(HighTechRewardRule.Category.SINGLE_CHAMPION, Money.ofFen(config.b1().singleChampionFen()));
        tiers.put(HighTechRewardRule.Category.TECH_INNOVATION_DEMO, Money.ofFen(config.b1().techInnovationDemoFen()));
        this.b1 = new HighTechRewardRule(tiers);
    }

    public void decide(Submission submission) {
        String decisionId = DecisionIds.forApplication(submission.applicationId());
        Optional<Document> existing = decisions.find(decisionId);
        if (existing.isPresent()) {
            requireSamePayload(existing.get(), submission);
            return;
        }
        Instant now = clock.instant();
        LocalDate businessDate = LocalDate.ofInstant(now, clock.getZone());
        Optional<Measure> measure = measures.find(submission.measureCode());
        Evaluation evaluation = measure.map(m -> evaluate(m, submission, decisionId, businessDate))
                .orElseGet(() -> Evaluation.rejected(List.of(new Criterion("measure", false, "measure '"
                        + submission.measureCode() + "' does not exist", "措施不存在"))));
        String ruleVersion = measure.map(Measure::ruleVersion).orElse(submission.measureCode() + "@none");
        var wire = new EligibilityEvents.EligibilityDecidedV1(decisionId, submission.applicationId(),
                submission.applicantUscc(), submission.measureCode(), evaluation.outcome().name(), evaluation.amount().fen(),
                ruleVersion, businessDate.getYear(), submission.district(),
                measure.map(Measure::disbursementMode).orElse("GRANT"),
                new EligibilityEvents.Explanation(evaluation.explanationEn(), evaluation.explanationZh()),
                evaluation.criteria(), now);
        List<Document> outbox = Outbox.entries(json, 0, List.of(EligibilityEvents.decided(wire, submission.eventId())), now);
        Document decision = new Document("_id", decisionId)
                .append("applicationId", submission.applicationId())
                .append("applicantUscc", submission.applicantUscc())
                .append("measureCode", submission.measureCode())
                .append("district", submission.district())
                .append("outcome", evaluation.outcome().name())
                .append("amountFen", evaluation.amount().fen())
                .append("ruleVersion", ruleVersion)
                .append("businessDate", businessDate.toString())
                .append("inputs", new Document(submission.facts()))
                .append("criteria", criteria(evaluation.criteria()))
                .append("explanationEn", evaluation.explanationEn())
                .append("explanationZh", evaluation.explanationZh())
                .append("computationEn", evaluation.computationEn())
                .append("decidedAt", Date.from(now))
                .append("sourceEventId", submission.eventId())
                .append("sourceHash", submission.payloadHash());
        decision.putAll(Outbox.initialFields(outbox));
        if (!decisions.insert(decision)) {
            decisions.find(decisionId).ifPresent(raced -> requireSamePayload(raced, submission));
            return;
        }
        relay.publishSoon(DecisionRepository.COLLECTION, decisionId);
    }

    private Evaluation evaluate(Measure measure, Submission submission, String decisionId, LocalDate businessDate) {
        if (measure.status() != MeasureStatus.OPEN) {
            return Evaluation.rejected(List.of(new Criterion("status", false, "measure " + measure.code() + " is "
                    + measure.status() + " and takes no applications", "该措施不受理申请")));
        }
        if (!HighTechRewardRule.CODE.equals(measure.code())) {
            Criterion valid = new Criterion("validity", measure.validOn(businessDate), "measure " + measure.code()
                    + (measure.validOn(businessDate) ? " is valid on " : " is not valid on ") + businessDate, "措施有效期");
            return valid.passed() ? Evaluation.review(List.of(valid), "no automated rule for " + measure.code()
                    + " yet: an officer decides the amount (" + measure.sourceRule() + ")")
                    : Evaluation.rejected(List.of(valid));
        }
        Evaluation evaluation = b1.evaluate(measure, submission.facts(), businessDate);
        if (evaluation.outcome() != Outcome.APPROVED) {
            return evaluation;
        }
        // one award per certificate: the first decision to claim it keeps it (B1, domain.md)
        String holder = decisions.claimCertificate(HighTechRewardRule.certificateKey(submission.facts()), decisionId);
        if (!holder.equals(decisionId)) {
            List<Criterion> criteria = new ArrayList<>(evaluation.criteria());
            criteria.add(new Criterion("oncePerCertificate", false, "certificate " + submission.facts().get("certificateNumber")
                    + " was already rewarded by decision " + holder, "该证书已获奖励（" + holder + "）"));
            return Evaluation.rejected(criteria);
        }
        List<Criterion> criteria = new ArrayList<>(evaluation.criteria());
        criteria.add(new Criterion("oncePerCertificate", true, "certificate " + submission.facts().get("certificateNumber")
                + " has not been rewarded before", "该证书此前未获奖励"));
        return new Evaluation(evaluation.outcome(), evaluation.amount(), criteria, evaluation.computationEn(),
                evaluation.computationZh());
    }

    private static void requireSamePayload(Document decision, Submission submission) {
        if (!submission.payloadHash().equals(decision.getString("sourceHash"))) {
            throw new PermanentFailure("application " + submission.applicationId() + " was already decided from event "
                    + decision.getString("sourceEventId") + "; event " + submission.eventId()
                    + " carries a different payload (modified request refused)");
        }
    }

    private static List<Document> criteria(List<Criterion> criteria) {
        return criteria.stream().map(c -> new Document("name", c.name()).append("passed", c.passed()).append("en", c.en())
                .append("zh", c.zh())).toList();
    }

    public Optional<Document> findByApplication(String applicationId) {
        return decisions.findByApplication(applicationId);
    }
}
