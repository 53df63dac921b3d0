package org.susong.eligibility.application;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.susong.commons.ids.District;
import org.susong.commons.money.Money;
import org.susong.commons.rest.Page;
import org.susong.commons.rest.ProblemException;
import org.susong.commons.security.Principal;
import org.susong.commons.states.StoredText;
import org.susong.eligibility.config.EligibilityConfig;
import org.susong.eligibility.domain.DecisionRecord;
import org.susong.eligibility.domain.Decision;
import org.susong.eligibility.domain.CompiledRule;
import org.susong.eligibility.domain.Criterion;
import org.susong.eligibility.domain.Evaluation;
import org.susong.eligibility.domain.Measure;
import org.susong.eligibility.domain.OrphanShares;
import org.susong.eligibility.domain.Outcome;
import org.susong.eligibility.domain.ReviewFilter;
import org.susong.eligibility.domain.ReviewState;
import org.susong.eligibility.domain.Verdict;
import org.susong.eligibility.persistence.DecisionRecords;
import org.susong.eligibility.persistence.DecisionRepository;
import org.susong.eligibility.persistence.DecisionStates;
import org.susong.eligibility.persistence.StoredDecision;

/**
 * The review queue: decisions a person must complete. An officer approves (with an amount) or
 * rejects; an approval above {@code maker-checker-above-fen} needs a second, different officer who
 * confirms the same outcome and amount. District officers see and decide only their district's
 * applications (the district comes from the principal, never from a parameter alone).
 */
@ApplicationScoped
public class ReviewService {

    /** What an officer decides. */
    public record ReviewCommand(String outcome, Long amountFen, String reason) {
    }

    /** What happened: DONE (the decision is final) or AWAITING_SECOND (a second officer must confirm). */
    public record ReviewResult(String decisionId, String reviewState, String outcome, long amountFen) {
    }


    private final DecisionRepository decisions;
    private final DecisionStates states;
    private final DecisionService decide;
    private final LedgerService ledger;
    private final DecisionWriter writer;
    private final CatalogueService catalogue;
    private final EligibilityConfig config;
    private final Clock clock;

    /**
     * Faults between writes, set by tests only: after the ledger step of an approval ("review-limited"), the state move
     * of a rejection or an uphold that gives shares back ("review-moved"), its release ("review-released") or the
     * give-back of a lower appeal re-decision ("appeal-lowered"), before the decision update; and before an approval's
     * ledger step ("review-approving", after its state was read: where a test holds it while another officer decides).
     */
    private volatile java.util.function.Consumer<String> crashPoint = step -> { };

    void crashPoint(java.util.function.Consumer<String> hook) {
        crashPoint = hook;
    }

    ReviewService(DecisionRepository decisions, DecisionStates states, DecisionService decide, LedgerService ledger,
                  DecisionWriter writer, CatalogueService catalogue, EligibilityConfig config, Clock clock) {
        this.decisions = decisions;
        this.states = states;
        this.decide = decide;
        this.ledger = ledger;
        this.writer = writer;
        this.catalogue = catalogue;
        this.config = config;
        this.clock = clock;
    }

    /**
     * Open reviews, filtered in the query, oldest first and keyset-paged: an auditor's all (or one district's,
     * {@code filter.district}); a district officer's only its own district's, whatever the filter asks (another
     * district finds nothing). An officer without a district claim sees none.
     */
    public Page<DecisionRecord> queue(Principal principal, ReviewFilter filter, String cursor, int limit) {
        if (principal.hasRole(Principal.AUDITOR)) {
            return DecisionRecords.records(decisions.openReviews(filter, cursor, limit));
        }
        Optional<District> own = principal.district().flatMap(District::parse);
        if (own.isEmpty() || filter.district().filter(a -> a != own.get()).isPresent()) {
            return new Page<>(List.of(), null, limit);
        }
        return DecisionRecords.records(decisions.openReviews(filter.in(own.get()), cursor, limit));
    }

    public ReviewResult decide(String decisionId, Principal officer, ReviewCommand command) {
        // another district's decision answers as if it did not exist: neither its data nor its existence
        StoredDecision d = states.find(decisionId).filter(found -> officer.inDistrict(found.district()))
                .orElseThrow(() -> ProblemException.notFound("review", decisionId));
        ReviewState state = d.reviewState();
        if (d.outcome() != Outcome.REVIEW_REQUIRED || state == null || state.isFinal()) {
            throw ProblemException.conflict("decision " + decisionId + " is " + d.outcome()
                    + " and awaits no review").with("outcome", StoredText.text(d.outcome()));
        }
        StoredDecision.Appeal appeal = d.appeal();
        Verdict verdict = Verdict.find(command.outcome()).filter(v -> v != Verdict.UPHELD || appeal != null)
                .orElseThrow(() -> ProblemException.badRequest("outcome", appeal != null
                        ? "outcome must be UPHELD, APPROVED or REJECTED" : "outcome must be APPROVED or REJECTED"));
        if (command.reason() == null || command.reason().isBlank()) {
            throw ProblemException.badRequest("reason", "an officer's decision states its reason");
        }
        if ((state == ReviewState.REJECTING && verdict != Verdict.REJECTED)
                || (state == ReviewState.UPHOLDING && verdict != Verdict.UPHELD)) {
            // a rejection or an uphold that gave (or is giving) the decision's shares back: only its retry completes it
            throw ProblemException.conflict("decision " + decisionId + " is being "
                    + (state == ReviewState.REJECTING ? "rejected" : "upheld")).with("reviewState", state.stored());
        }
        String callId = CallService.named(d.inputs());
        if (appeal != null && callId != null && verdict != Verdict.UPHELD && state.takesUpholding()) {
            // issue 19: a call's decision comes from its ranking within its envelope, closed once ranked (or from the
            // call refusing the application); an officer re-deciding its appeal would award outside both (or take a
            // ranked award back on the applicant's own appeal). Until a score can be reopened and the call re-ranked,
            // such an appeal is upheld or goes to administrative reconsideration. A rejection or lowering an earlier
            // version started (REJECTING, LOWERING: shares already moved) is let finish, as only its retry can
            throw new ProblemException(409, "Conflict", "decision " + decisionId + " weighs an appeal of a decision of"
                    + " call " + callId + ", made by the call (its ranking within its envelope): it can only be UPHELD here (a"
                    + " changed score needs the call's scoring reopened, which is not available)", "outcome")
                    .with("callId", callId);
        }
        // what the appealed decision holds on the caps (inherited by this re-decision): only more takes more
        long held = appeal == null ? 0 : appeal.heldFen();
        if (verdict == Verdict.UPHELD) {
            if (!state.takesUpholding()) {
                throw ProblemException.conflict("the appeal " + decisionId + " is being re-decided")
                        .with("reviewState", state.stored());
            }
            return upheld(d, appeal, officer, command.reason(), state);
        }
        long amount = 0;
        if (verdict == Verdict.APPROVED) {
            Long chosen = command.amountFen() != null ? command.amountFen() : d.proposedFen();
            if (chosen == null) {
                throw ProblemException.badRequest("amountFen", "no amount was computed for " + d.measureCode()
                        + ": the officer states it");
            }
            if (chosen <= 0) {
                throw ProblemException.badRequest("amountFen", "the amount must be positive");
            }
            amount = chosen;
            // an earlier attempt that crashed after the ledger holds shares for the amount it stated: a retry states
            // the same amount (completes it, takes nothing more) or is refused; it never writes shares it does not state
            Optional<Long> asked = ledger.askedBy(decisionId);
            if (asked.isPresent() && asked.get() != amount - held) {
                throw new ProblemException(409, "Conflict", "an earlier approval of " + decisionId + " was interrupted after"
                        + " the cap ledger took " + Money.ofFen(asked.get()) + " for it; approve the same amount or reject",
                        "amountFen").with("heldFen", asked.get());
            }
            StoredDecision.Lowering lowering = d.lowering();
            if (state == ReviewState.LOWERING && lowering.amountFen() != amount) {
                throw new ProblemException(409, "Conflict", "an earlier re-decision of the appeal " + decisionId + " to "
                        + Money.ofFen(lowering.amountFen()) + " was interrupted after it"
                        + " gave the difference back to the caps; re-decide the same amount", "amountFen")
                        .with("loweringFen", lowering.amountFen());
            }
        } else if (state == ReviewState.LOWERING) {
            throw ProblemException.conflict("the appeal " + decisionId + " is being re-decided lower")
                    .with("reviewState", state.stored());
        }
        Measure measure = measure(d);
        if (amount > 0) {
            requireWithinCeiling(measure, d, amount);
        }
        var review = new StoredDecision.Review(officer.user(), verdict, amount, command.reason(),
                Date.from(clock.instant()));
        if (verdict == Verdict.APPROVED && amount > config.makerCheckerAboveFen()) {
            if (state == ReviewState.OPEN) {
                if (!states.awaitSecond(decisionId, review)) {
                    throw ProblemException.conflict("decision " + decisionId + " was reviewed meanwhile");
                }
                return new ReviewResult(decisionId, ReviewState.AWAITING_SECOND.stored(), verdict.stored(), amount);
            }
            StoredDecision.Review maker = d.maker();
            // principals compared whole, by id: the maker never confirms its own approval
            if (maker.officer().equals(officer.user())) {
                throw new ProblemException(409, "Conflict", "maker-checker: " + officer.user() + " made this approval; a"
                        + " second, different officer must confirm it", "officer").with("maker", maker.officer());
            }
            if (maker.amountFen() != amount || maker.outcome() != Verdict.APPROVED) {
                throw new ProblemException(409, "Conflict", "the first officer approved " + Money.ofFen(maker.amountFen())
                        + "; the confirmation must state the same outcome and amount",
                        "amountFen");
            }
        }
        if (verdict == Verdict.REJECTED && (state == ReviewState.REJECTING || ledger.askedBy(decisionId).isPresent())) {
            state = givenBack(decisionId, state, ReviewState.REJECTING);
        }
        Evaluation evaluation = evaluation(d, measure, officer, verdict, command.reason(), amount);
        List<Map<String, Object>> shares = List.of();
        Integer capYear = null;
        if (evaluation.outcome() == Outcome.APPROVED && amount < held) {
            // a lower re-decision of an appeal: the lowering is written first (guarded, with its amount), then the
            // difference goes back to each cap by this decision's release id (once), then the decision completes; a
            // crash in between is finished by the retry, which states the same amount and gives nothing back twice
            if (state != ReviewState.LOWERING) {
                if (!states.startLowering(decisionId, state, new StoredDecision.Lowering(amount, held,
                        officer.user()))) {
                    throw ProblemException.conflict("decision " + decisionId + " was reviewed meanwhile");
                }
                state = ReviewState.LOWERING;
            }
            long back = ledger.giveBackCaps(d.capShares(), held - amount, "APPEAL:" + decisionId);
            crashPoint.accept("appeal-lowered");
            shares = d.capShares();
            capYear = d.capYear();
            List<Criterion> criteria = new ArrayList<>(evaluation.criteria());
            criteria.add(new Criterion("appealDifference", true, Money.ofFen(held - amount) + " of the "
                    + Money.ofFen(held) + " the appealed decision held given back to the caps (" + Money.ofFen(back)
                    + " on its cap ledgers)", "原决定占用的 " + Money.ofFen(held) + " 中 " + Money.ofFen(held - amount)
                    + " 已退回额度"));
            evaluation = new Evaluation(evaluation.outcome(), evaluation.amount(), criteria, evaluation.computationEn(),
                    evaluation.computationZh());
        } else if (evaluation.outcome() == Outcome.APPROVED) {
            crashPoint.accept("review-approving");
            DecisionService.Determination determination = decide.approve(measure, catalogue.compiled(measure), d.inputs(),
                    d.judgedOn(), decisionId, d.applicantUscc(), amount, held,
                    evaluation.criteria(), evaluation.computationEn(), evaluation.computationZh());
            evaluation = determination.evaluation();
            shares = new ArrayList<>(d.capShares());
            shares.addAll(determination.shares());
            capYear = determination.capYear() != null ? determination.capYear() : d.capYear();
            crashPoint.accept("review-limited");
        } else if (appeal != null) {
            // a rejected appeal: the appealed decision's shares stay with it until payments releases its order
            // (APPEAL_REJECTED gives them back then; a paid order keeps them)
            shares = List.of();
        }
        var decided = new Decision(decisionId, d.applicationId(), d.applicantUscc(),
                d.measureCode(), District.parse(d.district()).orElse(null), evaluation, d.proposedFen(), d.ruleVersion(),
                noticeDay(d), d.inputs(), measure, shares, capYear, d.proposalId(),
                d.supersedes(), d.round(), d.sourceEventId(), d.sourceHash(),
                officer.asActor(), d.judgedOn());
        if (!writer.complete(d, decided, state, review)) {
            if (evaluation.outcome() == Outcome.APPROVED) {
                // two writers: this approval took its shares before reading that it lost; a rejection or an uphold that
                // won (or is under way), or a lowering, may have looked at the ledger before they were taken, so they
                // are given back here too - unless the winner is an approval holding them (the same owner's shares),
                // or no state after which no approval completes was reached (one still may, with these shares)
                StoredDecision now = states.find(decisionId).orElse(d);
                if (OrphanShares.allOrphaned(now.reviewState(), now.capShares(), decisionId)) {
                    ledger.releaseAll(decisionId);
                }
            }
            throw ProblemException.conflict("decision " + decisionId + " was reviewed meanwhile");
        }
        return new ReviewResult(decisionId, ReviewState.DONE.stored(), evaluation.outcome().stored(),
                evaluation.amount().fen());
    }

    /**
     * The officer upholds the appealed decision: it stands as it was (outcome, amount, the cap shares it holds); the
     * appeal's decision completes with it and its event says so (criterion {@code appeal}). No maker-checker: nothing
     * changes. Shares an interrupted approval of the appeal took under its id are given back first (UPHOLDING, as a
     * rejection does), so the caps hold only what the appealed decision holds.
     */
    private ReviewResult upheld(StoredDecision d, StoredDecision.Appeal appeal, Principal officer, String reason,
                                ReviewState state) {
        String decisionId = d.decisionId();
        if (state == ReviewState.UPHOLDING || ledger.askedBy(decisionId).isPresent()) {
            state = givenBack(decisionId, state, ReviewState.UPHOLDING);
        }
        StoredDecision appealed = states.find(appeal.appealedDecisionId()).orElseThrow(() ->
                ProblemException.conflict("the appealed decision " + appeal.appealedDecisionId() + " is gone"));
        List<Criterion> criteria = new ArrayList<>(appealed.criteria());
        criteria.add(new Criterion("appeal", true, "appeal of " + appealed.decisionId() + " upheld by " + officer.user()
                + ": the decision stands, because: " + reason + " (grounds: " + appeal.grounds() + ")",
                "对 " + appealed.decisionId() + " 的申诉经 " + officer.user() + " 审核，维持原决定，理由：" + reason));
        long held = appeal.heldFen();
        Evaluation evaluation = appealed.outcome() == Outcome.APPROVED
                ? new Evaluation(Outcome.APPROVED, Money.ofFen(held), criteria, appealed.computationEn(),
                appealed.computationZh())
                : Evaluation.rejected(criteria);
        Measure measure = d.ruleVersion().endsWith("@none") ? null : measure(d);
        var decided = new Decision(decisionId, d.applicationId(), d.applicantUscc(),
                d.measureCode(), District.parse(d.district()).orElse(null), evaluation,
                d.proposedFen(), d.ruleVersion(),
                noticeDay(d), d.inputs(), measure,
                evaluation.outcome() == Outcome.APPROVED ? d.capShares() : List.of(),
                d.capYear(), d.proposalId(), d.supersedes(), d.round(),
                d.sourceEventId(), d.sourceHash(), officer.asActor(), d.judgedOn());
        var review = new StoredDecision.Review(officer.user(), Verdict.UPHELD, evaluation.amount().fen(), reason,
                Date.from(clock.instant()));
        if (!writer.complete(d, decided, state, review)) {
            throw ProblemException.conflict("decision " + decisionId + " was reviewed meanwhile");
        }
        return new ReviewResult(decisionId, ReviewState.DONE.stored(), Verdict.UPHELD.stored(), evaluation.amount().fen());
    }

    /**
     * Gives back the shares an interrupted approval took under {@code decisionId} before a rejection or an uphold
     * completes: {@code step} (REJECTING, UPHOLDING) is written first, guarded on the state read, so that no approval
     * completes after it (one that loses its write to it gives back what it took); then every share is released by its
     * release id, so a retry after a crash at any point gives back once; the caller then completes, guarded on {@code
     * step}. Releasing without the step would not be safe: an approval reading the released intent would complete
     * stating shares that were given back.
     *
     * @return the state the completion is guarded on
     */
    private ReviewState givenBack(String decisionId, ReviewState state, ReviewState step) {
        if (state != step) {
            if (!states.moveReview(decisionId, state, step)) {
                throw ProblemException.conflict("decision " + decisionId + " was reviewed meanwhile");
            }
            crashPoint.accept("review-moved");
        }
        ledger.releaseAll(decisionId);
        crashPoint.accept("review-released");
        return step;
    }

    private Evaluation evaluation(StoredDecision d, Measure measure, Principal officer, Verdict verdict,
                                  String officerReason, long amount) {
        List<Criterion> criteria = new ArrayList<>();
        for (Criterion c : d.criteria()) {
            if (!"automaticApprovalLimit".equals(c.name()) && !"appeal".equals(c.name())) {
                criteria.add(c);
            }
        }
        StoredDecision.Review maker = d.maker();
        // both officers set it only when the checker confirmed the maker's amount (above the maker-checker threshold)
        boolean twoOfficers = maker != null && verdict == Verdict.APPROVED && amount > config.makerCheckerAboveFen()
                && maker.amountFen() == amount;
        String by = twoOfficers ? maker.officer() + " (maker), " + officer.user() + " (checker)" : officer.user();
        StoredDecision.Appeal appeal = d.appeal();
        if (appeal != null) {
            criteria.add(new Criterion("appeal", true, "appeal of " + appeal.appealedDecisionId() + " re-decided by "
                    + officer.user() + " under " + d.ruleVersion() + " (grounds: " + appeal.grounds()
                    + ")", "对 " + appeal.appealedDecisionId() + " 的申诉经审核重新决定"));
        }
        if (verdict == Verdict.REJECTED) {
            criteria.add(new Criterion("officerReview", false, "rejected by " + by + ": " + officerReason,
                    "审核不予支持（" + by + "）：" + officerReason));
            return Evaluation.rejected(criteria);
        }
        String reason = twoOfficers ? maker.reason() + "; confirmed: " + officerReason : officerReason;
        criteria.add(new Criterion("officerReview", true, "approved by " + by + ": " + reason,
                "审核通过（" + by + "）：" + reason));
        // the amount a person set says so, who and why, in both languages (the measure's words for MANUAL_REVIEW)
        CompiledRule.Reviewed words = catalogue.compiled(measure).reviewed(d.inputs(), d.judgedOn(), amount,
                by, reason);
        return new Evaluation(Outcome.APPROVED, Money.ofFen(amount), criteria, words.en(), words.zh());
    }

    /**
     * An officer's amount is bounded by the measure's ceiling: its cap and its sourced upper bound for one award
     * (the lower of the two); for a measure with neither (B2), by the amount its rule computed. With no ceiling at
     * all the officer cannot set an amount (422): never an unbounded award.
     */
    private static void requireWithinCeiling(Measure measure, StoredDecision decision, long amount) {
        Long ceiling = measure.capFen();
        Long sourced = measure.rule().maxFen();
        if (sourced != null && (ceiling == null || sourced < ceiling)) {
            ceiling = sourced;
        }
        String what = "ceiling";
        if (ceiling == null) {
            ceiling = decision.proposedFen();
            what = "computed amount";
        }
        if (ceiling == null) {
            throw ProblemException.unprocessable("amountFen", measure.code() + " has no cap, no sourced ceiling and no"
                    + " computed amount: an officer cannot set an unbounded amount");
        }
        if (amount > ceiling) {
            throw ProblemException.unprocessable("amountFen", Money.ofFen(amount) + " exceeds " + measure.code()
                    + "'s " + what + " of " + Money.ofFen(ceiling));
        }
    }

    /**
     * The day the decision is made, from which its notice counts the appeal deadline: a review's is the day its
     * decision was first written (as before); an appeal's re-decision is made the day the officer decides it, so the
     * applicant has the whole period against it (60 days, Administrative Reconsideration Law).
     */
    private LocalDate noticeDay(StoredDecision d) {
        return d.appeal() != null ? LocalDate.now(clock) : LocalDate.parse(d.businessDate());
    }

    private Measure measure(StoredDecision d) {
        String ruleVersion = d.ruleVersion();
        int version = Integer.parseInt(ruleVersion.substring(ruleVersion.indexOf('@') + 1));
        return catalogue.findVersion(d.measureCode(), version).orElseThrow(() ->
                ProblemException.conflict("measure version " + ruleVersion + " is not in the catalogue"));
    }
}
