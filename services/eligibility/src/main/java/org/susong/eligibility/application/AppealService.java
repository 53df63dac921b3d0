package org.susong.eligibility.application;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.susong.commons.ids.District;
import org.susong.commons.messaging.PermanentFailure;
import org.susong.eligibility.domain.Decision;
import org.susong.eligibility.domain.Criterion;
import org.susong.eligibility.domain.Evaluation;
import org.susong.eligibility.domain.Measure;
import org.susong.eligibility.messaging.out.EligibilityEvents;
import org.susong.eligibility.persistence.DecisionIds;
import org.susong.eligibility.persistence.DecisionRepository;

/**
 * Appeals are weighed by a person (issue 20 item 4): the appealed decision is checked again under the measure version
 * it pinned, on its original facts and judged-on date (the registry too), and the result goes to the officers' review
 * queue as a new decision {@code D-<applicationId>-R<n>} ({@code REVIEW_REQUIRED}, {@code reviewState} OPEN) that
 * {@code supersedes} it and carries the appeal: the applicant's grounds and document references, the appealed outcome
 * and the amount it holds. Nothing is taken from or given back to any cap and no event is published here: the officer
 * upholds or re-decides ({@link ReviewService}), and that completion publishes the one {@code EligibilityDecided}.
 * The re-decision inherits the cap shares the appealed decision holds; only a higher amount takes more, a lower one
 * gives the difference back.
 */
@ApplicationScoped
public class AppealService {

    /** An appeal, as {@code ApplicationAppealed} states it ({@code documents}: the applicant's references, may be empty). */
    public record Appeal(String eventId, String payloadHash, String applicationId, String decisionId, String grounds,
                         List<Map<String, Object>> documents) {
        public Appeal(String eventId, String payloadHash, String applicationId, String decisionId, String grounds) {
            this(eventId, payloadHash, applicationId, decisionId, grounds, List.of());
        }
    }

    private final DecisionRepository decisions;
    private final DecisionService decide;
    private final DecisionWriter writer;
    private final CatalogueService catalogue;
    private final ApplicantDistricts districts;

    AppealService(DecisionRepository decisions, DecisionService decide, DecisionWriter writer, CatalogueService catalogue,
                  ApplicantDistricts districts) {
        this.decisions = decisions;
        this.decide = decide;
        this.writer = writer;
        this.catalogue = catalogue;
        this.districts = districts;
    }

    public void appealed(Appeal appeal) {
        Document original = decisions.find(appeal.decisionId()).orElseThrow(() -> new PermanentFailure("appeal "
                + appeal.eventId() + " names decision " + appeal.decisionId() + ", which does not exist"));
        if (!appeal.applicationId().equals(original.getString("applicationId"))) {
            throw new PermanentFailure("decision " + appeal.decisionId() + " is not about application " + appeal.applicationId());
        }
        String outcome = original.getString("outcome");
        if (!"APPROVED".equals(outcome) && !"REJECTED".equals(outcome)) {
            throw new PermanentFailure("decision " + appeal.decisionId() + " is " + outcome + ": only final decisions are appealed");
        }
        // claim the appealed decision for this appeal: one appeal per decision (a later one appeals the re-decision)
        decisions.update(appeal.decisionId(), Filters.exists("appealedBy", false), Updates.set("appealedBy", appeal.eventId()),
                List.of());
        String claimedBy = decisions.find(appeal.decisionId()).orElseThrow().getString("appealedBy");
        if (!appeal.eventId().equals(claimedBy)) {
            throw new PermanentFailure("decision " + appeal.decisionId() + " was already appealed by event " + claimedBy
                    + "; appeal its re-decision instead");
        }
        int round = original.getInteger("round", 0) + 1;
        String newId = DecisionIds.forRound(appeal.applicationId(), round);
        if (decisions.find(newId).isPresent()) {
            writer.superseded(appeal.decisionId(), newId);
            districts.afterQueued(original.getString("applicantUscc"));
            return;
        }
        String ruleVersion = original.getString("ruleVersion");
        Measure measure = ruleVersion.endsWith("@none") ? null : catalogue.findVersion(original.getString("measureCode"),
                Integer.parseInt(ruleVersion.substring(ruleVersion.indexOf('@') + 1))).orElse(null);
        LocalDate businessDate = LocalDate.parse(original.getString("businessDate"));
        // judged again on the date the appealed decision was judged on (its submission's), not on the appeal's day
        LocalDate judgedOn = DecisionRepository.judgedOn(original);
        Map<String, Object> facts = ReviewService.inputs(original);
        long held = "APPROVED".equals(outcome) ? original.get("amountFen", Number.class).longValue() : 0;
        List<Criterion> criteria = new ArrayList<>();
        Long proposed = null;
        DecisionBasis basis = measure == null ? null : DecisionBasis.recording();
        if (measure == null) {
            criteria.add(new Criterion("measure", false, "measure '" + original.getString("measureCode")
                    + "' does not exist", "措施不存在"));
        } else {
            // the rule and the registry checked again, before any ledger: what the officer weighs the appeal against
            // (a contract registered after the first decision is honoured now)
            DecisionService.Prechecked p = decide.precheck(measure, facts, judgedOn, newId, original.getString("applicantUscc"),
                    held, basis);
            // a passed registry check's criteria first; a failed one is the rejection itself (as the replay reads it)
            if (p.contract() != null) {
                criteria.addAll(p.registryCriteria());
            }
            if (p.assessed().done() != null) {
                criteria.addAll(p.assessed().done().evaluation().criteria());
                proposed = p.assessed().done().proposedFen();
            } else {
                criteria.addAll(p.assessed().criteria());
                proposed = p.assessed().amountFen();
            }
            facts = p.facts();
        }
        criteria.removeIf(c -> "automaticApprovalLimit".equals(c.name()));
        criteria.add(new Criterion("appeal", true, "appeal of " + appeal.decisionId() + " (" + outcome.toLowerCase()
                + (held > 0 ? ", " + org.susong.commons.money.Money.ofFen(held) : "") + ") awaits an officer, checked again"
                + " under " + ruleVersion + " (grounds: " + appeal.grounds() + ")", "对 " + appeal.decisionId()
                + " 的申诉按原版本 " + ruleVersion + " 复核，待审核人员决定（理由：" + appeal.grounds() + "）"));
        Evaluation evaluation = Evaluation.review(criteria, "an appeal of " + appeal.decisionId()
                + " is weighed by an officer");
        // weighed by the officers of the district the applicant is in now (issue 20 item 6: it may have moved since)
        String uscc = original.getString("applicantUscc");
        District district = District.parse(districts.districtFor(uscc, original.getString("district"))).orElse(null);
        var queued = new Decision(newId, appeal.applicationId(), uscc,
                original.getString("measureCode"), district, evaluation,
                proposed, ruleVersion, businessDate, facts, measure,
                original.getList("capShares", Document.class, List.of()), original.getInteger("capYear"),
                original.getString("proposalId"), appeal.decisionId(), round, appeal.eventId(), appeal.payloadHash(),
                EligibilityEvents.SYSTEM_ACTOR, judgedOn, basis == null ? null : basis.values());
        Document filed = new Document("appealedDecisionId", appeal.decisionId()).append("appealedOutcome", outcome)
                .append("heldFen", held).append("grounds", appeal.grounds()).append("eventId", appeal.eventId())
                .append("documents", appeal.documents().stream().map(Document::new).toList());
        writer.insertForReview(queued, filed);
        writer.superseded(appeal.decisionId(), newId);
        districts.afterQueued(uscc);
    }
}
