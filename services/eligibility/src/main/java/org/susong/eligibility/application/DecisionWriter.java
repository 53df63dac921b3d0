package org.susong.eligibility.application;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.susong.commons.messaging.Outbox;
import org.susong.commons.messaging.OutboxRelay;
import org.susong.eligibility.config.EligibilityConfig;
import org.susong.eligibility.domain.ReviewState;
import org.susong.eligibility.domain.Decision;
import org.susong.eligibility.domain.Evaluation;
import org.susong.eligibility.domain.Measure;
import org.susong.eligibility.messaging.out.EligibilityEvents;
import org.susong.eligibility.persistence.DecisionRepository;
import org.susong.eligibility.persistence.DecisionStates;
import org.susong.eligibility.persistence.StoredDecision;

/**
 * Writes decisions: the decision document (inputs incl. the remaining cap seen and the business
 * date, rule version, criteria, computation, notice) and its {@code EligibilityDecided} event are one
 * insert, or one guarded update when an officer completes a review.
 */
@ApplicationScoped
public class DecisionWriter {

    private final DecisionStates states;
    private final OutboxRelay relay;
    private final ObjectMapper json;
    private final Clock clock;
    private final EligibilityConfig config;

    DecisionWriter(DecisionStates states, OutboxRelay relay, ObjectMapper json, Clock clock, EligibilityConfig config) {
        this.states = states;
        this.relay = relay;
        this.json = json;
        this.clock = clock;
        this.config = config;
    }

    /** Inserts a new decision with its event; false when it exists already (a redelivery raced this one). */
    public boolean insert(Decision d) {
        Instant now = clock.instant();
        var decided = new DecisionStates.NewDecision(d, Outbox.entries(json, 0, List.of(event(d, now)), now));
        if (!states.insert(decided, Date.from(now), config.appealDays())) {
            return false;
        }
        relay.publishSoon(DecisionRepository.COLLECTION, d.decisionId());
        return true;
    }

    /**
     * Inserts an appeal's decision into the review queue with {@code appeal} (grounds, documents, what the appealed
     * decision held) and no event: nothing is final until the officer completes it ({@link #complete}), which
     * publishes the one {@code EligibilityDecided}. False when it exists already (a redelivery).
     */
    public boolean insertForReview(Decision d, StoredDecision.Appeal appeal) {
        return states.insertForReview(d, Date.from(clock.instant()), config.appealDays(), appeal);
    }

    /**
     * Inserts the new decisions of a batch with their events in one unordered insert; returns the ids
     * that existed already (a redelivery raced this one: the caller compares payloads).
     */
    public java.util.Set<String> insertAll(List<Decision> batch) {
        Instant now = clock.instant();
        List<DecisionStates.NewDecision> decided = new ArrayList<>();
        for (Decision d : batch) {
            decided.add(new DecisionStates.NewDecision(d, Outbox.entries(json, 0, List.of(event(d, now)), now)));
        }
        java.util.Set<String> existed = states.insertAll(decided, Date.from(now), config.appealDays());
        batch.stream().map(Decision::decisionId).filter(id -> !existed.contains(id))
                .forEach(id -> relay.publishSoon(DecisionRepository.COLLECTION, id));
        return existed;
    }

    /**
     * Replaces the outcome of an open review (guarded by its review state still being {@code reviewState}) and
     * publishes the new outcome; false when another review moved it meanwhile.
     */
    public boolean complete(StoredDecision current, Decision d, ReviewState reviewState, StoredDecision.Review review) {
        Instant now = clock.instant();
        var decided = new DecisionStates.NewDecision(d, Outbox.entries(json, current.lastSequence(), List.of(event(d, now)),
                now));
        if (!states.complete(decided, Date.from(now), config.appealDays(), reviewState, review)) {
            return false;
        }
        relay.publishSoon(DecisionRepository.COLLECTION, d.decisionId());
        return true;
    }

    /** Marks the earlier decision as superseded by a re-decision (for reading the latest). */
    public void superseded(String decisionId, String by) {
        states.superseded(decisionId, by);
    }

    private org.susong.commons.messaging.NewEvent event(Decision d, Instant now) {
        Evaluation e = d.evaluation();
        Measure m = d.disbursed();
        Object stage = d.inputs().get("stage");
        Object field = d.inputs().get("field");
        String callId = CallService.named(d.inputs()); // the call the application named (issue 19: payments draws on its envelope)
        var wire = new EligibilityEvents.EligibilityDecidedV1(d.decisionId(), d.applicationId(), d.applicantUscc(),
                d.measureCode(), e.outcome().name(), e.amount().fen(), d.ruleVersion(), d.fiscalYear(),
                d.district() == null ? null : d.district().name(), m == null ? "GRANT" : m.disbursementMode(),
                new EligibilityEvents.Explanation(e.explanationEn(), e.explanationZh()), e.criteria(), now,
                d.proposalId(), m == null ? null : m.fundCode(), m == null ? null : m.fallback(),
                m == null ? null : m.capGroup(), d.capYear(), d.supersedes(),
                d.appealDeadline(config.appealDays()),
                stage == null ? null : stage.toString(), field == null ? null : field.toString(),
                m == null ? null : m.budgetLine(), callId);
        return EligibilityEvents.decided(wire, d.sourceEventId(), d.actor());
    }
}
