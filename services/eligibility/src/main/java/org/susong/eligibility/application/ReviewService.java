package org.susong.eligibility.application;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.susong.commons.ids.District;
import org.susong.commons.money.Money;
import org.susong.commons.rest.Page;
import org.susong.commons.rest.ProblemException;
import org.susong.commons.security.Principal;
import org.susong.eligibility.config.EligibilityConfig;
import org.susong.eligibility.domain.Decision;
import org.susong.eligibility.domain.CompiledRule;
import org.susong.eligibility.domain.Criterion;
import org.susong.eligibility.domain.Evaluation;
import org.susong.eligibility.domain.Measure;
import org.susong.eligibility.domain.Outcome;
import org.susong.eligibility.domain.ReviewFilter;
import org.susong.eligibility.persistence.DecisionRepository;

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

    /** A rejection that gives back the shares an interrupted approval took: written before the ledger moves. */
    static final String REJECTING = "REJECTING";

    private final DecisionRepository decisions;
    private final DecisionService decide;
    private final LedgerService ledger;
    private final DecisionWriter writer;
    private final CatalogueService catalogue;
    private final EligibilityConfig config;
    private final Clock clock;

    /**
     * Faults between writes, set by tests only: after the ledger step of an approval ("review-limited") or the release of
     * a rejection ("review-released"), before the decision update.
     */
    private volatile java.util.function.Consumer<String> crashPoint = step -> { };

    void crashPoint(java.util.function.Consumer<String> hook) {
        crashPoint = hook;
    }

    ReviewService(DecisionRepository decisions, DecisionService decide, LedgerService ledger, DecisionWriter writer,
                  CatalogueService catalogue, EligibilityConfig config, Clock clock) {
        this.decisions = decisions;
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
    public Page<Document> queue(Principal principal, ReviewFilter filter, String cursor, int limit) {
        if (principal.hasRole(Principal.AUDITOR)) {
            return decisions.openReviews(filter, cursor, limit);
        }
        Optional<District> own = principal.district().flatMap(District::parse);
        if (own.isEmpty() || filter.district().filter(a -> a != own.get()).isPresent()) {
            return new Page<>(List.of(), null, limit);
        }
        return decisions.openReviews(filter.in(own.get()), cursor, limit);
    }

    public ReviewResult decide(String decisionId, Principal officer, ReviewCommand command) {
        // another district's decision answers as if it did not exist: neither its data nor its existence
        Document d = decisions.find(decisionId).filter(found -> officer.inDistrict(found.getString("district")))
                .orElseThrow(() -> ProblemException.notFound("review", decisionId));
        String state = d.getString("reviewState");
        if (!"REVIEW_REQUIRED".equals(d.getString("outcome")) || state == null || "DONE".equals(state)) {
            throw ProblemException.conflict("decision " + decisionId + " is " + d.getString("outcome")
                    + " and awaits no review").with("outcome", d.getString("outcome"));
        }
        if (!"APPROVED".equals(command.outcome()) && !"REJECTED".equals(command.outcome())) {
            throw ProblemException.badRequest("outcome", "outcome must be APPROVED or REJECTED");
        }
        if (command.reason() == null || command.reason().isBlank()) {
            throw ProblemException.badRequest("reason", "an officer's decision states its reason");
        }
        if (REJECTING.equals(state) && !"REJECTED".equals(command.outcome())) {
            // a rejection that gave (or is giving) the decision's shares back: only its retry completes it
            throw ProblemException.conflict("decision " + decisionId + " is being rejected").with("reviewState", state);
        }
        long amount = 0;
        if ("APPROVED".equals(command.outcome())) {
            Number proposed = d.get("proposedFen", Number.class);
            Long chosen = command.amountFen() != null ? command.amountFen() : proposed == null ? null : proposed.longValue();
            if (chosen == null) {
                throw ProblemException.badRequest("amountFen", "no amount was computed for " + d.getString("measureCode")
                        + ": the officer states it");
            }
            if (chosen <= 0) {
                throw ProblemException.badRequest("amountFen", "the amount must be positive");
            }
            amount = chosen;
            // an earlier attempt that crashed after the ledger holds shares for the amount it stated: a retry states
            // the same amount (completes it, takes nothing more) or is refused; it never writes shares it does not state
            Optional<Long> asked = ledger.askedBy(decisionId);
            if (asked.isPresent() && asked.get() != amount) {
                throw new ProblemException(409, "Conflict", "an earlier approval of " + decisionId + " was interrupted after"
                        + " the cap ledger took " + Money.ofFen(asked.get()) + " for it; approve the same amount or reject",
                        "amountFen").with("heldFen", asked.get());
            }
        }
        Measure measure = measure(d);
        if (amount > 0) {
            requireWithinCeiling(measure, d, amount);
        }
        Document review = new Document("officer", officer.user()).append("outcome", command.outcome())
                .append("amountFen", amount).append("reason", command.reason()).append("at", Date.from(clock.instant()));
        if ("APPROVED".equals(command.outcome()) && amount > config.makerCheckerAboveFen()) {
            if ("OPEN".equals(state)) {
                if (!decisions.update(decisionId, Filters.eq("reviewState", "OPEN"), Updates.combine(
                        Updates.set("reviewState", "AWAITING_SECOND"), Updates.set("maker", review)), List.of())) {
                    throw ProblemException.conflict("decision " + decisionId + " was reviewed meanwhile");
                }
                return new ReviewResult(decisionId, "AWAITING_SECOND", command.outcome(), amount);
            }
            Document maker = d.get("maker", Document.class);
            // principals compared whole, by id: the maker never confirms its own approval
            if (maker.getString("officer").equals(officer.user())) {
                throw new ProblemException(409, "Conflict", "maker-checker: " + officer.user() + " made this approval; a"
                        + " second, different officer must confirm it", "officer").with("maker", maker.getString("officer"));
            }
            if (maker.get("amountFen", Number.class).longValue() != amount || !"APPROVED".equals(maker.getString("outcome"))) {
                throw new ProblemException(409, "Conflict", "the first officer approved " + Money.ofFen(maker.get(
                        "amountFen", Number.class).longValue()) + "; the confirmation must state the same outcome and amount",
                        "amountFen");
            }
        }
        if ("REJECTED".equals(command.outcome()) && (REJECTING.equals(state) || ledger.askedBy(decisionId).isPresent())) {
            // shares an interrupted approval took: the rejection is written first (REJECTING, guarded, so no approval
            // completes after it), then the shares are given back by their release ids, then the rejection completes;
            // a crash in between is finished by the rejection's retry
            if (!REJECTING.equals(state)) {
                if (!decisions.update(decisionId, Filters.eq("reviewState", state), Updates.set("reviewState", REJECTING),
                        List.of())) {
                    throw ProblemException.conflict("decision " + decisionId + " was reviewed meanwhile");
                }
                state = REJECTING;
            }
            ledger.releaseAll(decisionId);
            crashPoint.accept("review-released");
        }
        Evaluation evaluation = evaluation(d, measure, officer, command, amount);
        List<Document> shares = List.of();
        Integer capYear = null;
        if (evaluation.outcome() == Outcome.APPROVED) {
            DecisionService.Determination determination = decide.approve(measure, catalogue.compiled(measure), inputs(d),
                    DecisionRepository.judgedOn(d), decisionId, d.getString("applicantUscc"), amount, 0,
                    evaluation.criteria(), evaluation.computationEn(), evaluation.computationZh());
            evaluation = determination.evaluation();
            shares = new ArrayList<>(d.getList("capShares", Document.class, List.of()));
            shares.addAll(determination.shares());
            capYear = determination.capYear();
            crashPoint.accept("review-limited");
        }
        var decided = new Decision(decisionId, d.getString("applicationId"), d.getString("applicantUscc"),
                d.getString("measureCode"), District.parse(d.getString("district")).orElse(null), evaluation, d.get("proposedFen", Number.class) == null
                ? null : d.get("proposedFen", Number.class).longValue(), d.getString("ruleVersion"),
                LocalDate.parse(d.getString("businessDate")), inputs(d), measure, shares, capYear, d.getString("proposalId"),
                d.getString("supersedes"), d.getInteger("round", 0), d.getString("sourceEventId"), d.getString("sourceHash"),
                officer.asActor(), DecisionRepository.judgedOn(d));
        if (!writer.complete(d, decided, Filters.eq("reviewState", state), review)) {
            if (evaluation.outcome() == Outcome.APPROVED) {
                // two writers: this approval took its shares before reading that it lost; a rejection that won (or is
                // under way) may have looked at the ledger before they were taken, so they are given back here too
                Document now = decisions.find(decisionId).orElse(d);
                if (REJECTING.equals(now.getString("reviewState")) || "REJECTED".equals(now.getString("outcome"))) {
                    ledger.releaseAll(decisionId);
                }
            }
            throw ProblemException.conflict("decision " + decisionId + " was reviewed meanwhile");
        }
        return new ReviewResult(decisionId, "DONE", evaluation.outcome().name(), evaluation.amount().fen());
    }

    private Evaluation evaluation(Document d, Measure measure, Principal officer, ReviewCommand command, long amount) {
        List<Criterion> criteria = new ArrayList<>();
        for (Document c : d.getList("criteria", Document.class, List.of())) {
            if (!"automaticApprovalLimit".equals(c.getString("name"))) {
                criteria.add(new Criterion(c.getString("name"), c.getBoolean("passed"), c.getString("en"), c.getString("zh")));
            }
        }
        Document maker = d.get("maker", Document.class);
        // both officers set it only when the checker confirmed the maker's amount (above the maker-checker threshold)
        boolean twoOfficers = maker != null && "APPROVED".equals(command.outcome()) && amount > config.makerCheckerAboveFen()
                && maker.get("amountFen", Number.class).longValue() == amount;
        String by = twoOfficers ? maker.getString("officer") + " (maker), " + officer.user() + " (checker)" : officer.user();
        if ("REJECTED".equals(command.outcome())) {
            criteria.add(new Criterion("officerReview", false, "rejected by " + by + ": " + command.reason(),
                    "审核不予支持（" + by + "）：" + command.reason()));
            return Evaluation.rejected(criteria);
        }
        String reason = twoOfficers ? maker.getString("reason") + "; confirmed: " + command.reason() : command.reason();
        criteria.add(new Criterion("officerReview", true, "approved by " + by + ": " + reason,
                "审核通过（" + by + "）：" + reason));
        // the amount a person set says so, who and why, in both languages (the measure's words for MANUAL_REVIEW)
        CompiledRule.Reviewed words = catalogue.compiled(measure).reviewed(inputs(d), DecisionRepository.judgedOn(d), amount,
                by, reason);
        return new Evaluation(Outcome.APPROVED, Money.ofFen(amount), criteria, words.en(), words.zh());
    }

    /**
     * An officer's amount is bounded by the measure's ceiling: its cap and its sourced upper bound for one award
     * (the lower of the two); for a measure with neither (B2), by the amount its rule computed. With no ceiling at
     * all the officer cannot set an amount (422): never an unbounded award.
     */
    private static void requireWithinCeiling(Measure measure, Document decision, long amount) {
        Long ceiling = measure.capFen();
        Long sourced = measure.rule().maxFen();
        if (sourced != null && (ceiling == null || sourced < ceiling)) {
            ceiling = sourced;
        }
        String what = "ceiling";
        if (ceiling == null) {
            Number computed = decision.get("proposedFen", Number.class);
            ceiling = computed == null ? null : computed.longValue();
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

    private Measure measure(Document d) {
        String ruleVersion = d.getString("ruleVersion");
        int version = Integer.parseInt(ruleVersion.substring(ruleVersion.indexOf('@') + 1));
        return catalogue.findVersion(d.getString("measureCode"), version).orElseThrow(() ->
                ProblemException.conflict("measure version " + ruleVersion + " is not in the catalogue"));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> inputs(Document d) {
        return (Map<String, Object>) (Map<?, ?>) d.get("inputs", Document.class);
    }
}
