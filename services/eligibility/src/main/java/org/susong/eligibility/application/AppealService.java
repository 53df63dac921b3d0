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
 * Appeals: the appealed decision is decided again under the measure version it pinned, on its
 * original facts and business date, as a new decision {@code D-<applicationId>-R<n>} that
 * {@code supersedes} it; the history stays. Cap already held by the earlier decision counts for the
 * new one; only a higher amount consumes more.
 */
@ApplicationScoped
public class AppealService {

    /** An appeal, as {@code ApplicationAppealed} states it. */
    public record Appeal(String eventId, String payloadHash, String applicationId, String decisionId, String grounds) {
    }

    private final DecisionRepository decisions;
    private final DecisionService decide;
    private final DecisionWriter writer;
    private final CatalogueService catalogue;

    AppealService(DecisionRepository decisions, DecisionService decide, DecisionWriter writer, CatalogueService catalogue) {
        this.decisions = decisions;
        this.decide = decide;
        this.writer = writer;
        this.catalogue = catalogue;
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
            return;
        }
        String ruleVersion = original.getString("ruleVersion");
        Measure measure = ruleVersion.endsWith("@none") ? null : catalogue.findVersion(original.getString("measureCode"),
                Integer.parseInt(ruleVersion.substring(ruleVersion.indexOf('@') + 1))).orElse(null);
        LocalDate businessDate = LocalDate.parse(original.getString("businessDate"));
        // judged again on the date the appealed decision was judged on (its submission's), not on the appeal's day
        LocalDate judgedOn = DecisionRepository.judgedOn(original);
        Map<String, Object> facts = ReviewService.inputs(original);
        List<Document> inherited = original.getList("capShares", Document.class, List.of());
        long held = "APPROVED".equals(outcome) ? original.get("amountFen", Number.class).longValue() : 0;
        DecisionService.Determination d;
        DecisionBasis basis = measure == null ? null : DecisionBasis.recording();
        if (measure == null) {
            d = new DecisionService.Determination(Evaluation.rejected(List.of(new Criterion("measure", false, "measure '"
                    + original.getString("measureCode") + "' does not exist", "措施不存在"))), null, List.of(), null);
        } else {
            // the registry is checked again: a contract registered after the first decision is honoured now
            DecisionService.Checked checked = decide.determineChecked(measure, facts, judgedOn, newId,
                    original.getString("applicantUscc"), held, basis);
            d = checked.determination();
            facts = checked.facts();
        }
        List<Criterion> criteria = new ArrayList<>(d.evaluation().criteria());
        criteria.add(new Criterion("appeal", true, "appeal of " + appeal.decisionId() + " decided again under " + ruleVersion
                + " (grounds: " + appeal.grounds() + ")", "对 " + appeal.decisionId() + " 的申诉按原版本 " + ruleVersion
                + " 重新决定"));
        Evaluation e = d.evaluation();
        Evaluation evaluation = new Evaluation(e.outcome(), e.amount(), criteria, e.computationEn(), e.computationZh());
        List<Document> shares = new ArrayList<>(inherited);
        shares.addAll(d.shares());
        var decided = new Decision(newId, appeal.applicationId(), original.getString("applicantUscc"),
                original.getString("measureCode"), District.parse(original.getString("district")).orElse(null), evaluation, d.proposedFen(), ruleVersion,
                businessDate, facts, measure, shares, d.capYear() != null ? d.capYear() : original.getInteger("capYear"),
                original.getString("proposalId"), appeal.decisionId(), round, appeal.eventId(), appeal.payloadHash(),
                EligibilityEvents.SYSTEM_ACTOR, judgedOn, basis == null ? null : basis.values());
        writer.insert(decided);
        writer.superseded(appeal.decisionId(), newId);
    }
}
