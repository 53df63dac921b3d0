package org.susong.eligibility.application;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.susong.commons.ids.District;
import org.susong.commons.messaging.PermanentFailure;
import org.susong.eligibility.domain.Outcome;
import org.susong.eligibility.domain.Decision;
import org.susong.eligibility.domain.Call;
import org.susong.eligibility.domain.Criterion;
import org.susong.eligibility.domain.Evaluation;
import org.susong.eligibility.domain.Measure;
import org.susong.eligibility.messaging.out.EligibilityEvents;
import org.susong.eligibility.persistence.DecisionIds;
import org.susong.eligibility.persistence.DecisionStates;
import org.susong.eligibility.persistence.StoredDecision;

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

    private final DecisionStates decisions;
    private final DecisionService decide;
    private final DecisionWriter writer;
    private final CatalogueService catalogue;
    private final ApplicantDistricts districts;

    AppealService(DecisionStates decisions, DecisionService decide, DecisionWriter writer, CatalogueService catalogue,
                  ApplicantDistricts districts) {
        this.decisions = decisions;
        this.decide = decide;
        this.writer = writer;
        this.catalogue = catalogue;
        this.districts = districts;
    }

    public void appealed(Appeal appeal) {
        StoredDecision original = decisions.find(appeal.decisionId()).orElseThrow(() -> new PermanentFailure("appeal "
                + appeal.eventId() + " names decision " + appeal.decisionId() + ", which does not exist"));
        if (!appeal.applicationId().equals(original.applicationId())) {
            throw new PermanentFailure("decision " + appeal.decisionId() + " is not about application " + appeal.applicationId());
        }
        Outcome outcome = original.outcome();
        if (outcome != Outcome.APPROVED && outcome != Outcome.REJECTED) {
            throw new PermanentFailure("decision " + appeal.decisionId() + " is " + outcome + ": only final decisions are appealed");
        }
        // claim the appealed decision for this appeal: one appeal per decision (a later one appeals the re-decision)
        decisions.claimAppeal(appeal.decisionId(), appeal.eventId());
        String claimedBy = decisions.find(appeal.decisionId()).orElseThrow().appealedBy();
        if (!appeal.eventId().equals(claimedBy)) {
            throw new PermanentFailure("decision " + appeal.decisionId() + " was already appealed by event " + claimedBy
                    + "; appeal its re-decision instead");
        }
        int round = original.round() + 1;
        String newId = DecisionIds.forRound(appeal.applicationId(), round);
        if (decisions.find(newId).isPresent()) {
            writer.superseded(appeal.decisionId(), newId);
            districts.afterQueued(original.applicantUscc());
            return;
        }
        String ruleVersion = original.ruleVersion();
        Measure measure = ruleVersion.endsWith("@none") ? null : catalogue.findVersion(original.measureCode(),
                Integer.parseInt(ruleVersion.substring(ruleVersion.indexOf('@') + 1))).orElse(null);
        LocalDate businessDate = LocalDate.parse(original.businessDate());
        // judged again on the date the appealed decision was judged on (its submission's), not on the appeal's day
        LocalDate judgedOn = original.judgedOn();
        Map<String, Object> facts = original.inputs();
        long held = outcome == Outcome.APPROVED ? original.amountFen() : 0;
        List<Criterion> criteria = new ArrayList<>();
        Long proposed = null;
        DecisionBasis basis = measure == null ? null : DecisionBasis.recording();
        if (measure == null) {
            criteria.add(new Criterion("measure", false, "measure '" + original.measureCode()
                    + "' does not exist", "措施不存在"));
        } else {
            // the rule and the registry checked again, before any ledger: what the officer weighs the appeal against
            // (a contract registered after the first decision is honoured now)
            DecisionService.Prechecked p = decide.precheck(measure, facts, judgedOn, newId, original.applicantUscc(),
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
        // issue 19 item 4: a GRANT call's decision is weighed as a grant (the call's mode, kept as its criterion), not
        // under the measure's own mode
        Call.grantAmong(original.criteria()).ifPresent(criteria::add);
        criteria.add(new Criterion("appeal", true, "appeal of " + appeal.decisionId() + " (" + outcome.stored().toLowerCase()
                + (held > 0 ? ", " + org.susong.commons.money.Money.ofFen(held) : "") + ") awaits an officer, checked again"
                + " under " + ruleVersion + " (grounds: " + appeal.grounds() + ")", "对 " + appeal.decisionId()
                + " 的申诉按原版本 " + ruleVersion + " 复核，待审核人员决定（理由：" + appeal.grounds() + "）"));
        Evaluation evaluation = Evaluation.review(criteria, "an appeal of " + appeal.decisionId()
                + " is weighed by an officer");
        // weighed by the officers of the district the applicant is in now (issue 20 item 6: it may have moved since)
        String uscc = original.applicantUscc();
        District district = District.parse(districts.districtFor(uscc, original.district())).orElse(null);
        var queued = new Decision(newId, appeal.applicationId(), uscc,
                original.measureCode(), district, evaluation,
                proposed, ruleVersion, businessDate, facts, measure,
                original.capShares(), original.capYear(),
                original.proposalId(), appeal.decisionId(), round, appeal.eventId(), appeal.payloadHash(),
                EligibilityEvents.SYSTEM_ACTOR, judgedOn, basis == null ? null : basis.values());
        var filed = new StoredDecision.Appeal(appeal.decisionId(), outcome, held, appeal.grounds(), appeal.eventId(),
                appeal.documents());
        writer.insertForReview(queued, filed);
        writer.superseded(appeal.decisionId(), newId);
        districts.afterQueued(uscc);
    }
}
