package org.susong.eligibility.application;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.susong.eligibility.domain.CompiledRule;
import org.susong.eligibility.domain.Call;
import org.susong.eligibility.domain.Criterion;
import org.susong.eligibility.domain.Decision;
import org.susong.eligibility.domain.DecisionRecord;
import org.susong.eligibility.domain.Measure;
import org.susong.eligibility.domain.Outcome;
import org.susong.eligibility.domain.RuleEngine;
import org.susong.eligibility.persistence.DecisionRecords;
import org.susong.eligibility.domain.Verdict;

/**
 * The decisions replay (issue 16 item 9): every stored decision is decided again from what it stores - its facts,
 * the registry values and fund scope it read ({@code basis}, {@link DecisionBasis}), its applicant and judging date -
 * under the measure version it pinned, by the code the live path runs ({@link DecisionService#precheck}: registry
 * check, validity, beneficiary type, facts schema, the compiled rule, fund scope, automatic-approval limit). Its
 * outcome, criteria (name and result, up to the ledger) and proposed amount before caps are compared with the stored
 * ones; the granted amount is checked against the cap shares the decision recorded (the lowest share granted, on
 * top of what an appealed decision already held), never against today's ledger. Read-only; pages through the
 * decisions by id. Automatic-award decisions (their amount is their proposal's) and decisions made before
 * decisions stored their registry values are counted as skipped, with the reason. A decision on an application to a
 * call (issue 19, not an appeal's) is the call's ranking's: {@link CallReplay} ranks the call again and compares.
 */
@ApplicationScoped
public class DecisionReplay {

    /** Criteria stated after the rule: by the ledger, a review, an appeal or an award proposal - not replayed. */
    static final Set<String> AFTER_THE_RULE = Set.of("oncePerClaim", "exclusionGroup", "annualCap", "projectCap",
            "oncePerCertificate", "capKey", "claimKey", "officerReview", "appeal", "appealDifference", "proposal", "automaticApprovalLimit");

    /** One field of one decision whose stored value differs from the replayed one. */
    public record Difference(String decisionId, String field, String stored, String recomputed) {
    }

    /** A decision not replayed, and why. */
    public record Skipped(String decisionId, String reason) {
    }

    /**
     * The report: how many decisions were read, replayed, skipped and differ; the differences and skips (the first
     * {@code limit} of each; {@code truncated} when more were found).
     */
    public record Report(String replayedAt, long decisions, long replayed, long skipped, long differing,
                         List<Difference> differences, List<Skipped> skips, boolean truncated) {
    }

    private final DecisionRecords decisions;
    private final DecisionService decide;
    private final CatalogueService catalogue;
    private final CallReplay calls;
    private final Clock clock;

    DecisionReplay(DecisionRecords decisions, DecisionService decide, CatalogueService catalogue, CallReplay calls,
                   Clock clock) {
        this.decisions = decisions;
        this.calls = calls;
        this.decide = decide;
        this.catalogue = catalogue;
        this.clock = clock;
    }

    /** Replays every decision, {@code pageSize} at a time, listing at most {@code limit} differences and skips. */
    public Report replayAll(int pageSize, int limit) {
        Tally tally = new Tally(limit);
        String after = null;
        while (true) {
            List<DecisionRecord> page = decisions.pageById(after, pageSize);
            page.forEach(tally::replay);
            if (page.size() < pageSize) {
                return tally.report();
            }
            after = page.get(page.size() - 1).decisionId();
        }
    }

    /** Replays one decision (none read when it does not exist). */
    public Report replayOne(String decisionId) {
        Tally tally = new Tally(MAX_LISTED);
        decisions.find(decisionId).ifPresent(tally::replay);
        return tally.report();
    }

    private static final int MAX_LISTED = 10_000;

    /** The counts and the first {@code limit} differences and skips of a replay. */
    private final class Tally {
        private final int limit;
        private long read;
        private long replayed;
        private long skipped;
        private long differing;
        private boolean truncated;
        private final List<Difference> differences = new ArrayList<>();
        private final List<Skipped> skips = new ArrayList<>();
        /** Each call's ranking computed again once per replay (issue 19). */
        private final Map<String, CallReplay.Reranked> reranked = new java.util.HashMap<>();

        Tally(int limit) {
            this.limit = limit;
        }

        void replay(DecisionRecord d) {
            read++;
            List<Difference> found = new ArrayList<>();
            Optional<String> skip = DecisionReplay.this.replay(d, found, reranked);
            if (skip.isPresent()) {
                skipped++;
                add(skips, new Skipped(d.decisionId(), skip.get()));
                return;
            }
            replayed++;
            if (!found.isEmpty()) {
                differing++;
                found.forEach(f -> add(differences, f));
            }
        }

        private <T> void add(List<T> list, T item) {
            if (list.size() < limit) {
                list.add(item);
            } else {
                truncated = true;
            }
        }

        Report report() {
            return new Report(clock.instant().toString(), read, replayed, skipped, differing, List.copyOf(differences),
                    List.copyOf(skips), truncated);
        }
    }

    /** Replays one stored decision, adding its differences to {@code found}; the reason when it is not replayed. */
    Optional<String> replay(DecisionRecord d, List<Difference> found, Map<String, CallReplay.Reranked> reranked) {
        String id = d.decisionId();
        if (d.proposalId() != null) {
            return Optional.of("an automatic award's decision: its amount and criteria are its proposal's ("
                    + d.proposalId() + ")");
        }
        if ((d.supersedes() == null || CallRounds.roundOf(d.criteria(), CallService.named(d.inputs())).isPresent())
                && d.appeal() == null
                && CallService.names(d.inputs())) {
            // a later round's decision (issue 19 item 3) supersedes the one before it and is the call's too
            // issue 19: an application to a call is decided by the call's ranking, replayed as a ranking
            return calls.replay(d, CallService.named(d.inputs()), found, reranked);
        }
        String ruleVersion = d.ruleVersion();
        Outcome storedOutcome = d.outcome();
        long storedAmount = d.amountFen();
        Long storedProposed = d.proposedFen();
        List<Criterion> storedCriteria = d.criteria();
        if (ruleVersion.endsWith("@none")) {
            // an unknown measure: rejected, nothing proposed
            compare(found, id, "outcome", storedOutcome, Outcome.REJECTED);
            compare(found, id, "amountFen", storedAmount, 0L);
            compare(found, id, "proposedFen", storedProposed, null);
            return Optional.empty();
        }
        int version = Integer.parseInt(ruleVersion.substring(ruleVersion.indexOf('@') + 1));
        Optional<Measure> pinned = catalogue.findVersion(d.measureCode(), version);
        if (pinned.isEmpty()) {
            compare(found, id, "ruleVersion", ruleVersion, "not in the catalogue");
            return Optional.empty();
        }
        Measure measure = pinned.get();
        LocalDate judgedOn = d.judgedOn();
        String uscc = d.applicantUscc();
        Map<String, Object> inputs = d.inputs();
        long held = 0;
        Optional<Criterion> grant = Optional.empty();
        if (d.supersedes() != null) {
            DecisionRecord appealed = decisions.find(d.supersedes()).orElse(null);
            if (appealed == null) {
                return Optional.of("the appealed decision " + d.supersedes() + " is not in the store");
            }
            held = appealed.outcome() == Outcome.APPROVED ? appealed.amountFen() : 0;
            grant = Call.grantAmong(appealed.criteria()); // a GRANT call's decision is appealed as a grant (AppealService)
        }
        DecisionService.Prechecked p;
        try {
            p = decide.precheck(measure, inputs, judgedOn, id, uscc, held, DecisionBasis.stored(d.basis()));
        } catch (DecisionBasis.NotStored e) {
            return Optional.of(e.getMessage());
        }
        DecisionService.Assessed a = p.assessed();
        // a passed registry check's criteria come first; a failed one is the rejection itself (a.done())
        List<Criterion> recomputed = new ArrayList<>(p.contract() != null ? p.registryCriteria() : List.of());
        recomputed.addAll(a.done() != null ? a.done().evaluation().criteria() : a.criteria());
        grant.ifPresent(recomputed::add);
        compare(found, id, "criteria", compared(storedCriteria), compared(recomputed));
        // how it is paid (grant, or investment into the measure's fund) follows from the measure and the criteria
        compare(found, id, "disbursementMode", d.disbursementMode(), Decision.disbursed(measure, recomputed).disbursementMode());
        if (!Objects.equals(RuleEngine.normalise(inputs), RuleEngine.normalise(p.facts()))) {
            compare(found, id, "inputs", new TreeMap<>(inputs).toString(), new TreeMap<>(p.facts()).toString());
        }
        boolean reviewed = !d.reviews().isEmpty();
        DecisionRecord.Review review = reviewed ? d.reviews().get(d.reviews().size() - 1) : null;
        if (d.appeal() != null) {
            // an appeal weighed by an officer (issue 20 item 4): the outcome is the officer's - UPHELD keeps the appealed
            // outcome and amount, APPROVED the amount set (only the extra over what the appealed decision held was taken)
            if (!reviewed) {
                return Optional.empty(); // still in the queue: nothing decided to compare
            }
            Verdict officer = review.outcome();
            if (officer == Verdict.REJECTED || (officer == Verdict.UPHELD && held == 0)) {
                compare(found, id, "amountFen", storedAmount, 0L);
                return Optional.empty();
            }
            long set = officer == Verdict.UPHELD ? held : review.amountFen();
            compare(found, id, "amountFen", storedAmount, granted(d, measure, p.facts(), judgedOn, uscc, set, held));
            return Optional.empty();
        }
        long base;
        if (a.done() != null) {
            Outcome outcome = a.done().evaluation().outcome();
            compare(found, id, "proposedFen", storedProposed, a.done().proposedFen());
            if (outcome == Outcome.REVIEW_REQUIRED && reviewed) {
                // an officer decided it: the outcome is the officer's, the amount set in review is what the ledger took
                if (review.outcome() != Verdict.APPROVED) {
                    compare(found, id, "amountFen", storedAmount, 0L);
                    return Optional.empty();
                }
                base = review.amountFen();
            } else {
                compare(found, id, "outcome", storedOutcome, outcome);
                compare(found, id, "amountFen", storedAmount, 0L);
                return Optional.empty();
            }
        } else {
            if (reviewed) {
                compare(found, id, "reviewRequired", true, false);
            }
            compare(found, id, "proposedFen", storedProposed, a.amountFen());
            base = a.amountFen();
        }
        long granted = granted(d, measure, p.facts(), judgedOn, uscc, base, held);
        if (!reviewed) {
            compare(found, id, "outcome", storedOutcome, granted > 0 ? Outcome.APPROVED : Outcome.REJECTED);
        }
        compare(found, id, "amountFen", storedAmount, granted);
        return Optional.empty();
    }

    /**
     * The amount the decision's recorded cap shares grant for {@code base} (the rule's amount, or the one set in
     * review): nothing when the measure is capped and the facts give no cap key, or when it rewards once and the facts
     * give no claim; {@code base} when an appealed decision already held as much; otherwise what it held plus the
     * lowest grant among its own shares (claim, exclusion group, cap - each grants at most what the one before it
     * did), or the whole difference when it took none (no cap).
     */
    private long granted(DecisionRecord d, Measure measure, Map<String, Object> facts, LocalDate judgedOn, String uscc,
                         long base, long held) {
        if (held >= base) {
            return base;
        }
        CompiledRule rule = catalogue.compiled(measure);
        int year = LedgerService.capYear(measure, facts, judgedOn);
        if (measure.capFen() != null && LedgerService.capKey(measure, uscc, year, rule.capKey(facts, judgedOn)) == null) {
            return 0;
        }
        if (held == 0 && measure.claimKey() != null && rule.claimKey(facts, judgedOn) == null) {
            return 0;
        }
        String id = d.decisionId();
        long lowest = base - held;
        for (Map<String, Object> share : d.capShares()) {
            if (id.equals(share.get("owner"))) {
                lowest = Math.min(lowest, share.get("grantedFen") instanceof Number n ? n.longValue() : 0);
            }
        }
        return held + lowest;
    }

    /** A decision's criteria as compared: name and result, those stated after the rule left out. */
    static List<String> compared(List<Criterion> criteria) {
        return names(criteria.stream().map(c -> c.name() + ":" + c.passed()).toList());
    }

    private static List<String> names(List<String> criteria) {
        return criteria.stream().filter(c -> !AFTER_THE_RULE.contains(c.substring(0, c.lastIndexOf(':')))).toList();
    }

    static void compare(List<Difference> found, String id, String field, Object stored, Object recomputed) {
        if (!Objects.equals(stored, recomputed)) {
            found.add(new Difference(id, field, String.valueOf(stored), String.valueOf(recomputed)));
        }
    }
}
