package org.susong.eligibility.application;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.susong.eligibility.domain.Call;
import org.susong.eligibility.domain.CallRanking;
import org.susong.eligibility.domain.Criterion;
import org.susong.eligibility.domain.Decision;
import org.susong.eligibility.domain.DecisionRecord;
import org.susong.eligibility.domain.Measure;
import org.susong.eligibility.domain.Outcome;
import org.susong.eligibility.persistence.CallRepository;

/**
 * The decisions replay of an application to a call (issue 19): its decision is not the measure's alone but the call's
 * ranking's, so the replay ranks the call again from its stored score sheets ({@code call_entries}) under the call as
 * published (envelope, partial-award rule, the tie-break of {@link CallRanking}) by the code the ranking ran
 * ({@link CallService#ranking}), and compares, per application, its rank, what it is awarded and the cut-off with the
 * ranking stored on the call, and its outcome, amount, criteria, rule version (the one the call was opened on, however
 * many its measure published since) and the words of its {@code callRanking} criterion with
 * its decision, and how it is paid ({@code disbursementMode}: the call's mode, issue 19 item 4). The ranking is computed
 * once per call and replay ({@code reranked}). Read-only.
 */
@ApplicationScoped
public class CallReplay {

    /** A call as stored, its ranking as stored by application, the ranking computed again and its entries. */
    record Reranked(CallRepository.Stored call, Map<String, CallRanking.Ranked> stored, CallRanking.Result again,
                    Map<String, CallRanking.Ranked> byApplication, Map<String, CallRepository.Entry> entries) {
        String cutOff() {
            return again.cutOffScore() == null ? null : again.cutOffScore().toPlainString();
        }
    }

    private final CallRepository calls;
    private final CatalogueService catalogue;

    CallReplay(CallRepository calls, CatalogueService catalogue) {
        this.calls = calls;
        this.catalogue = catalogue;
    }

    /**
     * Replays the decision of an application naming {@code callId} (its fact), adding its differences to {@code found}.
     * Not ranked in its call (no such call, rejected on entering it, its call refused or cancelled, or reaching it after
     * the ranking): such a decision is a rejection with nothing granted, compared as that (its criteria are the entry's
     * checks, not replayed). Ranked: against the ranking computed again.
     */
    Optional<String> replay(DecisionRecord d, String callId, List<DecisionReplay.Difference> found,
                            Map<String, Reranked> reranked) {
        String id = d.decisionId();
        String app = d.applicationId();
        Optional<CallRepository.Stored> stored = calls.stored(callId);
        if (stored.isEmpty() || !stored.get().state().ranked() || !stored.get().applicationIds().contains(app)) {
            DecisionReplay.compare(found, id, "outcome", d.outcome(), Outcome.REJECTED);
            DecisionReplay.compare(found, id, "amountFen", d.amountFen(), 0L);
            return Optional.empty();
        }
        Reranked r = reranked.computeIfAbsent(callId, k -> rerank(stored.get()));
        CallRepository.Entry entry = r.entries().get(app);
        CallRanking.Ranked again = r.byApplication().get(app);
        if (entry == null || again == null) {
            return Optional.of("application " + app + " is a member of call " + callId + " without an entry (score sheet)"
                    + " in call_entries: its ranking cannot be computed again");
        }
        // only a re-decision can be a later round's (a first decision's criteria could be named alike by a call)
        Optional<Integer> round = d.supersedes() == null ? Optional.empty() : CallRounds.roundOf(d.criteria(), callId);
        if (round.isPresent()) {
            return replayRound(d, round.get(), r, entry, found);
        }
        CallRanking.Ranked kept = r.stored().get(app);
        DecisionReplay.compare(found, id, "rank", kept == null ? null : kept.rank(), again.rank());
        DecisionReplay.compare(found, id, "awardedFen", kept == null ? null : kept.awardedFen(), again.awardedFen());
        DecisionReplay.compare(found, id, "cutOffScore", r.call().cutOffScore(), r.cutOff());
        DecisionReplay.compare(found, id, "outcome", d.outcome(),
                again.funded() ? Outcome.APPROVED : Outcome.REJECTED);
        DecisionReplay.compare(found, id, "amountFen", d.amountFen(), again.awardedFen());
        DecisionReplay.compare(found, id, "proposedFen", d.proposedFen(), entry.amountFen());
        Call call = r.call().call();
        // decided under the version the call was opened on, never one its measure published while it was open
        DecisionReplay.compare(found, id, "ruleVersion", d.ruleVersion(), call.measureCode() + "@" + call.measureVersion());
        Criterion words = CallService.rankingCriterion(call, again, r.again().ranked().size(), r.again().funded(),
                r.cutOff());
        List<Criterion> criteria = new ArrayList<>(entry.criteria());
        criteria.add(words);
        DecisionReplay.compare(found, id, "criteria", DecisionReplay.compared(d.criteria()), DecisionReplay.compared(criteria));
        DecisionReplay.compare(found, id, "callRanking", d.criteria().stream().filter(c -> "callRanking".equals(c.name()))
                .map(Criterion::en).findFirst().orElse(null), words.en());
        // issue 19 item 4: paid as the call says (its mode as stored on it, the measure's for a call stored before)
        Optional<Measure> measure = catalogue.findVersion(call.measureCode(), call.measureVersion());
        DecisionReplay.compare(found, id, "disbursementMode", d.disbursementMode(), measure.map(m -> Decision.disbursed(
                call.paying(m), criteria).disbursementMode()).orElse("not in the catalogue"));
        return Optional.empty();
    }

    /**
     * A later round's decision (issue 19 item 3, {@link CallRounds}): the round as stored on the call (its withdrawn
     * applications), computed again from the first round computed again from the sheets, compared with what the round
     * stored and with the decision (outcome, amount, criteria with the {@code callRanking} and {@code callRound} words).
     */
    private Optional<String> replayRound(DecisionRecord d, int round, Reranked r, CallRepository.Entry entry,
                                         List<DecisionReplay.Difference> found) {
        String id = d.decisionId();
        String app = d.applicationId();
        CallRepository.Stored stored = r.call();
        Optional<CallRepository.Round> kept = stored.rounds().stream().filter(x -> x.round() == round).findFirst();
        if (kept.isEmpty()) {
            return Optional.of("decision " + id + " states round " + round + " of call " + stored.call().callId()
                    + ", which the call does not store");
        }
        java.util.Set<String> withdrawn = new java.util.TreeSet<>(kept.get().withdrawn());
        // each round from the one before it, from the first computed again from the sheets (a round funds only what
        // the round before it left unfunded, so the rounds are replayed in turn)
        CallRanking.Result again = r.again();
        for (CallRepository.Round earlier : stored.rounds().stream().filter(x -> x.round() <= round)
                .sorted(java.util.Comparator.comparingInt(CallRepository.Round::round)).toList()) {
            again = CallRanking.rerank(again.ranked(), CallRounds.kept(stored, new java.util.TreeSet<>(earlier.withdrawn())),
                    stored.call().envelopeFen(), CallRounds.LATER_ROUNDS_PARTIAL);
        }
        Optional<CallRanking.Ranked> ranked = again.ranked().stream().filter(x -> x.applicationId().equals(app)).findFirst();
        if (ranked.isEmpty()) {
            return Optional.of("application " + app + " is not in the ranking of call " + stored.call().callId());
        }
        CallRanking.Ranked mine = ranked.get();
        DecisionReplay.compare(found, id, "awardedFen", kept.get().awards().get(app), mine.awardedFen());
        DecisionReplay.compare(found, id, "outcome", d.outcome(), mine.funded() ? Outcome.APPROVED : Outcome.REJECTED);
        DecisionReplay.compare(found, id, "amountFen", d.amountFen(), mine.awardedFen());
        String cutOff = again.cutOffScore() == null ? null : again.cutOffScore().toPlainString();
        DecisionReplay.compare(found, id, "cutOffScore", kept.get().cutOffScore(), cutOff);
        Criterion roundWords = CallRounds.roundCriterion(stored.call(), round, stored.withdrawals().stream()
                .filter(w -> withdrawn.contains(w.applicationId())).toList());
        List<Criterion> criteria = CallRounds.criteria(stored.call(), entry, mine, again.ranked().size(), again.funded(),
                cutOff, roundWords);
        DecisionReplay.compare(found, id, "criteria", DecisionReplay.compared(d.criteria()), DecisionReplay.compared(criteria));
        return Optional.empty();
    }

    private Reranked rerank(CallRepository.Stored stored) {
        Map<String, CallRepository.Entry> entries = new LinkedHashMap<>();
        calls.entries(stored.applicationIds()).forEach(e -> entries.put(e.applicationId(), e));
        CallRanking.Result again = CallService.ranking(stored.call(), entries.values());
        Map<String, CallRanking.Ranked> byApplication = new LinkedHashMap<>();
        again.ranked().forEach(x -> byApplication.put(x.applicationId(), x));
        Map<String, CallRanking.Ranked> kept = new LinkedHashMap<>();
        stored.ranking().forEach(x -> kept.put(x.applicationId(), x));
        return new Reranked(stored, kept, again, byApplication, entries);
    }
}
