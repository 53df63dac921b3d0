package org.susong.eligibility.application;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.susong.commons.ids.District;
import org.susong.commons.money.Money;
import org.susong.eligibility.domain.AwardRelease;
import org.susong.eligibility.domain.Call;
import org.susong.eligibility.domain.CallRanking;
import org.susong.eligibility.domain.CallState;
import org.susong.eligibility.domain.Criterion;
import org.susong.eligibility.domain.Decision;
import org.susong.eligibility.domain.Evaluation;
import org.susong.eligibility.domain.Measure;
import org.susong.eligibility.domain.Outcome;
import org.susong.eligibility.messaging.out.EligibilityEvents;
import org.susong.eligibility.persistence.CallRepository;
import org.susong.eligibility.persistence.DecisionIds;
import org.susong.eligibility.persistence.DecisionStates;
import org.susong.eligibility.persistence.StoredDecision;

/**
 * Later rounds of a ranked call (issue 19 item 3, C1 竞争性分配: objections reopen the allocation). When payments
 * releases the order of a call's award because an objection was upheld during its public notice (公示异议成立) or the
 * applicant withdrew before payment ({@code BudgetReleased} OBJECTION_UPHELD, WITHDRAWN), that application's score no
 * longer holds a place in the ranking: its withdrawal is kept on the call ({@link CallRepository#withdraw}, once per
 * application) and the call's next round ({@link CallRanking#rerank}) gives what the release freed to the applications
 * the round before left unfunded, in rank order, each its whole request (递补). A round changes no award (not lowered,
 * not grown) and re-decides only rejections, so it never touches an award whose order payments may hold, pay or
 * release.
 *
 * <p>Order of writes, each safe to run again: the withdrawal (guarded, with {@code roundsPending}); the round (the
 * intent: guarded on the number of rounds stored); each newly funded application's decision, superseding its
 * latest decision under the next round id of its chain ({@code D-<applicationId>-R<n>}: payments pays what the chain has
 * not paid, the applications service shows it as the application's latest round), the latest decision claimed first for
 * the call ({@code appealedBy} = {@value #CLAIM}&lt;callId&gt;) so that an appeal and a round never both re-decide it;
 * then {@code roundsPending} removed, guarded on the withdrawals counted. A crash anywhere is finished by the next
 * release's redelivery or by {@link CallResumer}. An application whose latest decision awaits an officer (the review of
 * an appeal of its rejection) is left for a later run, as is one an appeal claimed but has not re-decided yet; an appeal
 * of an award does not hold a round up (the award stands).
 */
@ApplicationScoped
public class CallRounds {

    private static final Logger LOG = Logger.getLogger(CallRounds.class);
    /** The claim a round puts on the decision it supersedes ({@code appealedBy}), followed by the call's id. */
    static final String CLAIM = "CALL-ROUND:";
    /**
     * Whether a later round may make a partial award: never (a partial award is the ranking's own, issue 19 item 3). A
     * round funds whole asks only, so what the rounds fund is the same whatever order the releases arrive in (the
     * longest run of the not funded, in rank order, that the freed money covers), and no round leaves a later
     * application part-funded for good (second reader helper-143's RISK).
     */
    static final boolean LATER_ROUNDS_PARTIAL = false;
    /** The criterion a round's decision carries: its round and what was withdrawn. */
    static final String ROUND_CRITERION = "callRound";
    private static final Pattern ROUND = Pattern.compile("^round (\\d{1,4}) of call (\\S+): ");

    private final CallRepository calls;
    private final DecisionStates decisions;
    private final DecisionWriter writer;
    private final CatalogueService catalogue;
    private final Clock clock;
    /** Faults between writes, set by tests only: after each decision of a round ("round-decided"). */
    private volatile java.util.function.Consumer<String> crashPoint = step -> { };

    CallRounds(CallRepository calls, DecisionStates decisions, DecisionWriter writer, CatalogueService catalogue,
               Clock clock) {
        this.calls = calls;
        this.decisions = decisions;
        this.writer = writer;
        this.catalogue = catalogue;
        this.clock = clock;
    }

    void crashPoint(java.util.function.Consumer<String> hook) {
        crashPoint = hook;
    }

    /**
     * What a run of {@link #reround} did: the decisions it wrote, those left for a later run (of which {@code forOfficer}
     * wait for an officer's answer to an appeal), whether all are written.
     */
    public record Rounded(int round, int written, int waiting, int forOfficer, boolean done) {
    }

    /**
     * payments released the order of {@code decisionId} for {@code reason}: when that is a ranked call's award and a
     * reason of {@link AwardRelease}, the withdrawal is kept and the call's next round run. A failure of the round is left
     * to the resumer (the withdrawal is kept first); a failure keeping the withdrawal is thrown (the event is retried).
     */
    public Optional<Rounded> released(String decisionId, String reason, long releasedFen, String eventId) {
        if (AwardRelease.of(reason).isEmpty()) {
            return Optional.empty();
        }
        StoredDecision d = decisions.find(decisionId).orElse(null);
        String callId = d == null ? null : CallService.named(d.inputs());
        if (callId == null || d.outcome() != Outcome.APPROVED) {
            return Optional.empty();
        }
        Optional<CallRepository.Stored> call = calls.stored(callId);
        if (call.isEmpty() || !call.get().state().ranked() || call.get().ranking().stream()
                .noneMatch(r -> r.applicationId().equals(d.applicationId()))) {
            return Optional.empty(); // not an award of this call's ranking
        }
        // a release of less than the decision's amount (an earlier partial revocation shrank the order): the rest stays
        // the application's, never handed on
        long kept = Math.max(0, (d.amountFen() == null ? 0 : d.amountFen()) - releasedFen);
        if (calls.withdraw(callId, new CallRepository.Withdrawal(d.applicationId(), decisionId, reason, eventId,
                Date.from(clock.instant()), kept))) {
            LOG.infof("call %s: the award %s of %s was released (%s, event %s): its envelope share goes to the next in rank",
                    callId, decisionId, d.applicationId(), reason, eventId);
        }
        try {
            return Optional.of(reround(callId));
        } catch (RuntimeException e) {
            LOG.warnf("call %s: its next round failed, the resumer runs it: %s", callId, e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Runs the call's rounds up to its withdrawals: stores the next round if the latest does not cover them all (guarded:
     * of two runs one stores it), then writes the decisions of the latest round that are missing. Nothing for a call
     * not AWARDED yet (its ranking's decisions are still being written; the resumer comes back) or without withdrawals.
     */
    public Rounded reround(String callId) {
        for (int attempt = 0; attempt < 5; attempt++) {
            CallRepository.Stored d = calls.stored(callId).orElseThrow();
            if (d.state() != CallState.AWARDED || d.withdrawals().isEmpty()) {
                return new Rounded(1, 0, 0, 0, d.withdrawals().isEmpty());
            }
            Set<String> withdrawn = d.withdrawals().stream().map(CallRepository.Withdrawal::applicationId)
                    .collect(Collectors.toCollection(TreeSet::new));
            List<CallRepository.Round> rounds = d.rounds();
            CallRepository.Round latest = rounds.isEmpty() ? null : rounds.get(rounds.size() - 1);
            if (latest == null || !new TreeSet<>(latest.withdrawn()).equals(withdrawn)) {
                // the next round from the latest stored one (the first: the ranking), the new withdrawals' money handed on
                CallRanking.Result result = CallRanking.rerank(as(d, latest), kept(d, withdrawn), d.call().envelopeFen(),
                        LATER_ROUNDS_PARTIAL);
                Map<String, Long> awards = new LinkedHashMap<>();
                result.ranked().forEach(r -> awards.put(r.applicationId(), r.awardedFen()));
                String eventId = d.withdrawals().get(d.withdrawals().size() - 1).eventId();
                calls.storeRound(callId, rounds.size(), new CallRepository.Round(rounds.size() + 2, List.copyOf(withdrawn),
                        awards, result.cutOffScore() == null ? null : result.cutOffScore().toPlainString(),
                        result.usedFen(), eventId, Date.from(clock.instant())));
                continue; // read what was stored (this run's round, or another writer's)
            }
            Rounded done = decide(d, latest);
            if (done.done() && calls.roundsDone(callId, d.withdrawalsCount(), Date.from(clock.instant()))) {
                LOG.infof("call %s: round %d is decided (%d decision(s) written by this run)", callId, latest.round(),
                        done.written());
            } else if (!done.done() && done.forOfficer() == done.waiting()) {
                // waiting for people only: the mark moves, so the gauge shows rounds whose runs fail, not this one
                calls.roundsWaiting(callId, Date.from(clock.instant()));
                LOG.infof("call %s: round %d waits for %d application(s) whose appeal an officer is weighing", callId,
                        latest.round(), done.waiting());
            } else if (!done.done()) {
                LOG.warnf("call %s: round %d has %d application(s) it cannot decide yet (%d of them wait for an officer)",
                        callId, latest.round(), done.waiting(), done.forOfficer());
            }
            return done;
        }
        throw new IllegalStateException("the rounds of call " + callId + " kept changing");
    }

    /** The ranking as {@code round} stored it (its awards on the first round's lines); the first round when null. */
    static List<CallRanking.Ranked> as(CallRepository.Stored d, CallRepository.Round round) {
        if (round == null) {
            return d.ranking();
        }
        return d.ranking().stream().map(r -> new CallRanking.Ranked(r.applicationId(), r.rank(), r.weightedTotal(),
                r.scorers(), r.score(), r.amountFen(), round.awards().getOrDefault(r.applicationId(), 0L), r.submittedAt()))
                .toList();
    }

    /** What each of {@code withdrawn} keeps of its award ({@link CallRepository.Withdrawal#keptFen}). */
    static Map<String, Long> kept(CallRepository.Stored d, Set<String> withdrawn) {
        Map<String, Long> kept = new LinkedHashMap<>();
        d.withdrawals().stream().filter(w -> withdrawn.contains(w.applicationId()))
                .forEach(w -> kept.put(w.applicationId(), w.keptFen()));
        return kept;
    }

    /** Writes each decision of {@code round} that the applications' latest decisions do not state yet. */
    private Rounded decide(CallRepository.Stored d, CallRepository.Round round) {
        Call call = d.call();
        List<CallRanking.Ranked> lines = as(d, round);
        CallRanking.Result result = new CallRanking.Result(lines, round.cutOffScore() == null ? null
                : new java.math.BigDecimal(round.cutOffScore()), round.usedFen());
        // the withdrawn keep what they keep and get no decision from a round; the ranking's own awards are its decisions
        java.util.Set<String> rankingsAwards = d.ranking().stream().filter(CallRanking.Ranked::funded)
                .map(CallRanking.Ranked::applicationId).collect(Collectors.toSet());
        List<CallRanking.Ranked> funded = result.ranked().stream().filter(CallRanking.Ranked::funded)
                .filter(r -> !round.withdrawn().contains(r.applicationId()))
                .filter(r -> !rankingsAwards.contains(r.applicationId())).toList();
        Map<String, CallRepository.Entry> entries = new LinkedHashMap<>();
        calls.entries(funded.stream().map(CallRanking.Ranked::applicationId).toList())
                .forEach(e -> entries.put(e.applicationId(), e));
        Measure measure = catalogue.findVersion(call.measureCode(), call.measureVersion()).orElseThrow();
        String cutOff = result.cutOffScore() == null ? null : result.cutOffScore().toPlainString();
        Criterion roundCriterion = roundCriterion(call, round.round(), d.withdrawals().stream()
                .filter(w -> round.withdrawn().contains(w.applicationId())).toList());
        int written = 0;
        int waiting = 0;
        int forOfficer = 0;
        for (CallRanking.Ranked r : funded) {
            CallRepository.Entry e = entries.get(r.applicationId());
            switch (decideOne(call, measure, e, r, result.ranked().size(), result.funded(), cutOff, roundCriterion, round)) {
                case WRITTEN -> written++;
                case WAITING -> waiting++;
                case WAITING_FOR_OFFICER -> {
                    waiting++;
                    forOfficer++;
                }
                case DECIDED -> { }
            }
        }
        return new Rounded(round.round(), written, waiting, forOfficer, waiting == 0);
    }

    private enum Step { DECIDED, WRITTEN, WAITING, WAITING_FOR_OFFICER }

    private Step decideOne(Call call, Measure measure, CallRepository.Entry e, CallRanking.Ranked r, int of, int funded,
                           String cutOff, Criterion roundCriterion, CallRepository.Round round) {
        String claim = CLAIM + call.callId();
        for (int step = 0; step < 100; step++) {
            Chain chain = chain(r.applicationId());
            StoredDecision latest = chain.latest();
            if (latest == null) {
                return Step.WAITING; // the ranking's own decision is not there: never after AWARDED, read again later
            }
            if (latest.outcome() == Outcome.APPROVED) {
                // an award stands as decided: a round funds only applications that had nothing (CallRanking.rerank), so
                // it never re-decides an award whose order payments may hold, pay or have released
                return Step.DECIDED;
            }
            if (latest.outcome() != Outcome.APPROVED && latest.outcome() != Outcome.REJECTED) {
                if (latest.appeal() != null && latest.appeal().appealedOutcome() == Outcome.APPROVED) {
                    return Step.DECIDED; // an appeal of its award (a call's is only upheld): the award stands
                }
                return Step.WAITING_FOR_OFFICER; // an appeal of its rejection awaits an officer: after the officer's answer
            }
            if (chain.awarded()) {
                // a rejection in a chain that once awarded it: an award taken back (not possible for a call's decision
                // today, ReviewService) is never re-approved by a round, however many appeals followed
                LOG.warnf("call %s: %s's latest decision %s rejects an award: a round does not fund it again", call.callId(),
                        r.applicationId(), latest.decisionId());
                return Step.DECIDED;
            }
            // (a chain that never awarded it has no payment order, so no release can have withdrawn it meanwhile; an award
            // inserted but not yet linked by supersededBy is found by the find(next) check below, before anything is written)
            decisions.claimAppeal(latest.decisionId(), claim);
            String claimedBy = decisions.find(latest.decisionId()).orElseThrow().appealedBy();
            String next = DecisionIds.forRound(r.applicationId(), latest.round() + 1);
            if (decisions.find(next).isPresent()) {
                writer.superseded(latest.decisionId(), next); // written before a crash, or the appeal's: follow it
                continue;
            }
            if (!claim.equals(claimedBy)) {
                return Step.WAITING; // an appeal claimed it and has not written its re-decision yet
            }
            Evaluation evaluation = CallService.evaluation(call, e, r, of, funded, cutOff, List.of(roundCriterion));
            Decision decision = new Decision(next, e.applicationId(), e.applicantUscc(), e.measureCode(),
                    District.parse(e.district()).orElse(null), evaluation, e.amountFen(), e.ruleVersion(),
                    LocalDate.now(clock), e.facts(), measure, List.of(), null, null, latest.decisionId(),
                    latest.round() + 1, round.eventId(), e.sourceHash(), EligibilityEvents.SYSTEM_ACTOR, e.judgedOn(),
                    e.basis());
            boolean inserted = writer.insert(decision);
            crashPoint.accept("round-decided");
            writer.superseded(latest.decisionId(), next);
            if (inserted) {
                return Step.WRITTEN;
            }
        }
        throw new IllegalStateException("the decisions of " + r.applicationId() + " kept changing");
    }

    /** An application's decision chain as a round reads it: its latest decision, and whether any of them awarded it. */
    private record Chain(StoredDecision latest, boolean awarded) {
    }

    /** The chain from the first decision along {@code supersededBy}, read once; latest null when there is none. */
    private Chain chain(String applicationId) {
        StoredDecision d = decisions.find(DecisionIds.forApplication(applicationId)).orElse(null);
        boolean awarded = false;
        for (int i = 0; i < 100 && d != null; i++) {
            awarded |= d.outcome() == Outcome.APPROVED;
            StoredDecision next = d.supersededBy() == null ? null : decisions.find(d.supersededBy()).orElse(null);
            if (next == null) {
                break;
            }
            d = next;
        }
        return new Chain(d, awarded);
    }

    /**
     * The criterion {@code callRound} of a later round's decision: the round, and each award whose order was released
     * and why. The decisions replay reads the round from its English words ({@link #roundOf}); it compares criteria by
     * name and result, not their words.
     */
    static Criterion roundCriterion(Call call, int round, List<CallRepository.Withdrawal> withdrawals) {
        String en = withdrawals.stream().map(w -> w.applicationId() + " (" + AwardRelease.of(w.reason())
                .map(AwardRelease::en).orElse(w.reason()) + ")").collect(Collectors.joining(", "));
        String zh = withdrawals.stream().map(w -> w.applicationId() + "（" + AwardRelease.of(w.reason())
                .map(AwardRelease::zh).orElse(w.reason()) + "）").collect(Collectors.joining("、"));
        return new Criterion(ROUND_CRITERION, true, "round " + round + " of call " + call.callId() + ": the awards of "
                + en + " were released before payment; the money of its envelope of "
                + Money.ofFen(call.envelopeFen()).format() + " that no award holds was given in rank order to the"
                + " applications not funded, each its whole request, until one did not fit; no other award changed",
                "征集 " + call.callId() + " 第 " + round + " 轮：" + zh + " 的资助在支付前已释放；资金额度 "
                        + Money.ofFen(call.envelopeFen()).format() + " 中未被占用的资金按排名依次递补给未获资助的申请，每项按申请金额"
                        + "全额资助，至不足以全额资助下一项为止；其他资助不变");
    }

    /**
     * The round a decision of a later round of {@code callId} states: its last {@code callRound} criterion (a round's
     * own comes after the entry's criteria, which a call's published criteria could name alike) naming that call; empty
     * for any other decision.
     */
    static Optional<Integer> roundOf(List<Criterion> criteria, String callId) {
        List<Criterion> named = criteria.stream().filter(c -> ROUND_CRITERION.equals(c.name())).toList();
        if (named.isEmpty() || callId == null) {
            return Optional.empty();
        }
        Matcher m = ROUND.matcher(named.get(named.size() - 1).en());
        return m.find() && callId.equals(m.group(2)) ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
    }

    /** The criteria a later round's decision of {@code e} states, for the replay. */
    static List<Criterion> criteria(Call call, CallRepository.Entry e, CallRanking.Ranked r, int of, int funded,
                                    String cutOff, Criterion roundCriterion) {
        List<Criterion> criteria = new ArrayList<>(e.criteria());
        criteria.add(CallService.rankingCriterion(call, r, of, funded, cutOff));
        criteria.add(roundCriterion);
        return criteria;
    }
}
