package org.susong.eligibility.application;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.susong.commons.ids.CanonicalJson;
import org.susong.commons.ids.District;
import org.susong.commons.ids.Hashes;
import org.susong.commons.messaging.ModifiedRequest;
import org.susong.commons.messaging.NewEvent;
import org.susong.commons.messaging.Outbox;
import org.susong.commons.messaging.OutboxRelay;
import org.susong.commons.money.BudgetLines;
import org.susong.commons.money.Money;
import org.susong.commons.rest.ProblemException;
import org.susong.commons.security.Principal;
import org.susong.commons.states.StoredText;
import org.susong.eligibility.config.EligibilityConfig;
import org.susong.eligibility.domain.Call;
import org.susong.eligibility.domain.CallRanking;
import org.susong.eligibility.domain.CallRules;
import org.susong.eligibility.domain.CallState;
import org.susong.eligibility.domain.CompiledRule;
import org.susong.eligibility.domain.Criterion;
import org.susong.eligibility.domain.Decision;
import org.susong.eligibility.domain.DisbursementMode;
import org.susong.eligibility.domain.Evaluation;
import org.susong.eligibility.domain.Measure;
import org.susong.eligibility.domain.MeasureStatus;
import org.susong.eligibility.domain.Outcome;
import org.susong.eligibility.domain.RuleEngine;
import org.susong.eligibility.messaging.out.EligibilityEvents;
import org.susong.eligibility.persistence.CallRepository;
import org.susong.eligibility.persistence.DecisionIds;
import org.susong.eligibility.persistence.DecisionRecords;
import org.susong.eligibility.persistence.LineJournal;

/**
 * Calls for proposals and their competitive allocation (issue 19, C1 竞争性分配). An administrator opens a call
 * ({@code CallOpened.v1} from the call's outbox); an application naming it ({@code facts.callId}) is checked against
 * the measure, the call's window and its eligibility criteria and then awaits scoring (no decision yet) or is rejected;
 * after the window officers score it per criterion (one sheet per officer, two above the configured amount, declared
 * conflicts excluded); the ranking is computed once and stored on the call first (intent), then each application's
 * decision is inserted under its own id ({@code D-<applicationId>}): a rank run again after a crash finds the stored
 * ranking and inserts only the decisions that are missing. Awards are ordinary APPROVED decisions, the rest REJECTED with
 * the criterion {@code callRanking} saying their rank and the cut-off (the wire outcome has no NOT_FUNDED).
 */
@ApplicationScoped
public class CallService {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(CallService.class);

    /**
     * What an administrator states when opening a call. {@code disbursementMode} GRANT or INVESTMENT, null for the
     * measure's; absent from the request hash when null, so a key's hash taken before it existed still matches.
     */
    public record OpenCommand(String measureCode, String titleEn, String titleZh, Long envelopeFen, String submissionFrom,
                              String submissionTo, List<Measure.CriterionSpec> eligibilityCriteria,
                              List<Call.ScoringCriterion> scoringCriteria, Boolean partialAwardAllowed,
                              @JsonInclude(JsonInclude.Include.NON_NULL) String disbursementMode) {
    }

    /** An officer's score sheet for one application: points 0-100 per criterion of the call, and a comment. */
    public record ScoreCommand(Map<String, Integer> points, String comment) {
    }

    /** One officer's scores as kept on the sheet. */
    public record OfficerScore(String officer, Map<String, Integer> points, String comment, BigDecimal weightedScore,
                               Instant scoredAt) {
    }

    /** A declared conflict of interest: the officer is excluded from scoring the application. */
    public record Conflict(String officer, String reason, Instant declaredAt) {
    }

    /** An application's score sheet. {@code score}: the officers' mean weighted score (points), null until complete. */
    public record Sheet(String callId, String applicationId, String applicantUscc, String district, String state,
                        long amountFen, int requiredScorers, List<OfficerScore> scores, List<Conflict> conflicts,
                        BigDecimal score) {
    }

    /** One line of a call's ranking. {@code outcome} APPROVED (awarded) or NOT_FUNDED. */
    public record RankedView(String applicationId, int rank, BigDecimal score, long amountFen, long awardedFen,
                             String outcome, String decisionId) {
    }

    /**
     * A call's ranking and awards: {@code ranking} as its first round decided them; {@code round} the latest round (1 when
     * no award was released since) and {@code rounds} each later round (issue 19 item 3).
     */
    public record RankResult(String callId, String state, long envelopeFen, long usedFen, BigDecimal cutOffScore,
                             String tieBreakEn, List<RankedView> ranking, int round, List<RoundView> rounds) {
    }

    /**
     * A later round of a ranked call (issue 19 item 3): the awards released before payment (an objection upheld in the
     * public notice, a withdrawal) and, for every ranked application, what it is awarded in this round; the cut-off
     * (null: none funded) and what the round uses of the envelope.
     */
    public record RoundView(int round, List<WithdrawnView> withdrawn, List<AwardView> awards, BigDecimal cutOffScore,
                            long usedFen, Instant at) {
    }

    /** An award released before payment: the application, its decision, payments' reason (OBJECTION_UPHELD, WITHDRAWN). */
    public record WithdrawnView(String applicationId, String decisionId, String reason) {
    }

    /** What a ranked application is awarded in a round. */
    public record AwardView(String applicationId, long awardedFen) {
    }

    /** A call as published, with where it stands. */
    public record CallView(String callId, int version, String measureCode, String ruleVersion, String titleEn,
                           String titleZh, long envelopeFen, String submissionFrom, String submissionTo,
                           List<Measure.CriterionSpec> eligibilityCriteria, List<Call.ScoringCriterion> scoringCriteria,
                           boolean partialAwardAllowed, long secondScorerAboveFen, String tieBreakEn, String tieBreakZh,
                           String state, String phase, int applications, String disbursementMode) {
    }

    private static final Pattern NAME = Pattern.compile("[a-zA-Z][a-zA-Z0-9_]{0,39}");
    private static final String CALL_ID_FACT = "callId";

    private final CallRepository calls;
    private final CatalogueService catalogue;
    private final DecisionWriter writer;
    private final DecisionRecords decisions;
    private final OutboxRelay relay;
    private final ObjectMapper json;
    private final EligibilityConfig config;
    private final LineJournal lines;
    private final Map<String, CompiledRule> compiled = new ConcurrentHashMap<>();
    private volatile Clock clock;
    /** Faults between writes, set by tests only: after each decision of a ranking ("call-decided"). */
    private volatile Consumer<String> crashPoint = step -> { };

    CallService(CallRepository calls, CatalogueService catalogue, DecisionWriter writer, DecisionRecords decisions,
                OutboxRelay relay, ObjectMapper json, EligibilityConfig config, Clock clock, LineJournal lines) {
        this.calls = calls;
        this.lines = lines;
        this.catalogue = catalogue;
        this.writer = writer;
        this.decisions = decisions;
        this.relay = relay;
        this.json = json;
        this.config = config;
        this.clock = clock;
    }

    void crashPoint(Consumer<String> hook) {
        crashPoint = hook;
    }

    /** Tests only: the business clock the calls' phases read (the scoring phase starts after the window). */
    void clock(Clock moved) {
        clock = moved;
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }

    /** Whether a submission names a call (the C1 fact {@code callId}): it is then not decided alone. */
    public static boolean names(Map<String, Object> facts) {
        return named(facts) != null;
    }

    /** The call a submission's (or a decision's) facts name, null when none. */
    public static String named(Map<String, Object> facts) {
        Object callId = facts == null ? null : facts.get(CALL_ID_FACT);
        return callId == null ? null : String.valueOf(callId);
    }

    // ---- opening

    /** A call opened, or the answer to a repeat of the request that opened it ({@code replayed}). */
    public record Opened(CallView call, boolean replayed) {
    }

    public CallView open(OpenCommand cmd, Principal admin) {
        return open(cmd, admin, null).call();
    }

    /**
     * Opens a call. With an {@code Idempotency-Key} the call's id comes from the administrator and the key
     * ({@code CALL-<measure>-<16 hex>}), so a retried POST finds the call the first one opened (one insert by id: of two
     * concurrent repeats one inserts, the other reads it) and answers it as it stands, replayed, without validating the
     * dates again (today may have moved); the same key with another body: 422 naming {@code Idempotency-Key}.
     */
    public Opened open(OpenCommand cmd, Principal admin, String idempotencyKey) {
        String measureCode = required("measureCode", cmd.measureCode());
        String requestHash = Hashes.sha256(CanonicalJson.of(cmd));
        String keyedId = idempotencyKey == null ? null : "CALL-" + measureCode + "-"
                + Hashes.sha256(admin.user() + "\n" + idempotencyKey).substring(0, 16).toUpperCase();
        if (keyedId != null) {
            Optional<CallRepository.Stored> earlier = calls.stored(keyedId);
            if (earlier.isPresent()) {
                return replay(earlier.get(), requestHash);
            }
        }
        String titleEn = required("titleEn", cmd.titleEn());
        String titleZh = required("titleZh", cmd.titleZh());
        if (cmd.envelopeFen() == null || cmd.envelopeFen() <= 0) {
            throw ProblemException.badRequest("envelopeFen", "the envelope must be a positive amount in fen");
        }
        LocalDate from = date("submissionFrom", cmd.submissionFrom());
        LocalDate to = date("submissionTo", cmd.submissionTo());
        if (to.isBefore(from)) {
            throw ProblemException.badRequest("submissionTo", "the window ends (" + to + ") before it starts (" + from + ")");
        }
        List<Call.ScoringCriterion> scoring = cmd.scoringCriteria() == null ? List.of() : cmd.scoringCriteria();
        if (scoring.isEmpty()) {
            throw ProblemException.badRequest("scoringCriteria", "a call needs at least one scoring criterion");
        }
        Set<String> names = new HashSet<>();
        int sum = 0;
        for (int i = 0; i < scoring.size(); i++) {
            Call.ScoringCriterion c = scoring.get(i);
            if (c == null || c.name() == null || !NAME.matcher(c.name()).matches() || !names.add(c.name())) {
                throw ProblemException.badRequest("scoringCriteria[" + i + "].name", "a unique name of letters, digits "
                        + "and _ (up to 40), starting with a letter");
            }
            if (c.weight() < 1 || c.weight() > 100) {
                throw ProblemException.badRequest("scoringCriteria[" + i + "].weight", "a weight from 1 to 100 (percent)");
            }
            required("scoringCriteria[" + i + "].en", c.en());
            required("scoringCriteria[" + i + "].zh", c.zh());
            sum += c.weight();
        }
        DisbursementMode chosen = chosenMode(cmd.disbursementMode());
        List<Measure.CriterionSpec> eligibility = cmd.eligibilityCriteria() == null ? List.of() : cmd.eligibilityCriteria();
        for (int i = 0; i < eligibility.size(); i++) {
            Measure.CriterionSpec c = eligibility.get(i);
            if (c == null || c.name() == null || !NAME.matcher(c.name()).matches()) {
                throw ProblemException.badRequest("eligibilityCriteria[" + i + "].name", "a name of letters, digits and _");
            }
            required("eligibilityCriteria[" + i + "].en", c.en());
            required("eligibilityCriteria[" + i + "].zh", c.zh());
        }
        Measure measure = catalogue.find(measureCode).filter(m -> m.status() == MeasureStatus.OPEN && m.rule().automated())
                .orElseThrow(() -> ProblemException.unprocessable("measureCode", "'" + measureCode + "' is no OPEN measure "
                        + "with an amount rule: a call allocates such a measure's money"));
        CompiledRule rules;
        try {
            rules = CallRules.compile(measure, eligibility);
        } catch (RuleEngine.RuleCompileException e) {
            throw ProblemException.badRequest(e.field(), e.getMessage());
        }
        if (sum != 100) {
            throw ProblemException.unprocessable("scoringCriteria", "the weights add up to " + sum + ", not 100");
        }
        if (to.isBefore(today())) {
            throw ProblemException.unprocessable("submissionTo", "the window ends on " + to + ", before today " + today());
        }
        if (!measure.validOn(from) || !measure.validOn(to)) {
            throw ProblemException.unprocessable(measure.validOn(from) ? "submissionTo" : "submissionFrom", "the window "
                    + from + " to " + to + " is not within " + measure.ruleVersion() + "'s validity " + measure.validFrom()
                    + " to " + measure.validTo());
        }
        DisbursementMode mode = chosen != null ? chosen : measure.disbursement();
        if (mode == DisbursementMode.INVESTMENT && (measure.disbursement() != DisbursementMode.INVESTMENT
                || measure.fundCode() == null)) {
            throw ProblemException.unprocessable("disbursementMode", measure.ruleVersion() + " pays into no fund: a call "
                    + "on it awards grants (GRANT)");
        }
        envelopeFits(measureCode, to, cmd.envelopeFen());
        String callId = keyedId != null ? keyedId
                : "CALL-" + measureCode + "-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        Call call = new Call(callId, 1, measureCode, measure.version(), titleEn, titleZh, cmd.envelopeFen(), from, to,
                eligibility, scoring, Boolean.TRUE.equals(cmd.partialAwardAllowed()), config.callSecondScorerAboveFen(),
                admin.user(), mode);
        Instant now = clock.instant();
        Optional<CallRepository.Stored> inserted = calls.open(call, Date.from(now), Outbox.entries(json, 0,
                List.of(EligibilityEvents.callOpened(call, now, admin.asActor())), now), requestHash);
        if (inserted.isEmpty()) {
            return replay(calls.stored(callId).orElseThrow(), requestHash); // a concurrent repeat inserted it first
        }
        compiled.put(callId, rules);
        relay.publishSoon(CallRepository.COLLECTION, callId);
        return new Opened(view(inserted.get()), false);
    }

    /**
     * An envelope larger than its line's available amount as eligibility last saw it (payments' journal entries,
     * {@link LineJournal}) is refused before anything is written: 422 {@code envelopeFen} with the line and the amount.
     * Payments owns the line and still decides when the call's {@code CallOpened} reaches it: an envelope that fitted
     * here but no longer fits there (another call, awards reserved meanwhile) is refused then ({@code CallEnvelopeRefused},
     * the call REFUSED); a line no entry has named yet, or whose entries add up to less than nothing (the view still
     * catching up), is left to payments alone.
     */
    private void envelopeFits(String measureCode, LocalDate submissionTo, long envelopeFen) {
        String line = BudgetLines.envelopeLine(measureCode, submissionTo);
        OptionalLong available = lines.available(line);
        // a negative sum is a view still catching up (reservations read before their line's allocation): left to payments
        if (available.isPresent() && available.getAsLong() >= 0 && envelopeFen > available.getAsLong()) {
            throw ProblemException.unprocessable("envelopeFen", "the envelope of " + Money.ofFen(envelopeFen).format()
                    + " exceeds budget line " + line + ", which has " + Money.ofFen(available.getAsLong()).format()
                    + " available (as of payments' journal entries seen so far)")
                    .with("budgetLine", line).with("availableFen", available.getAsLong());
        }
    }

    private Opened replay(CallRepository.Stored earlier, String requestHash) {
        if (!requestHash.equals(earlier.requestHash())) {
            throw ProblemException.unprocessable("Idempotency-Key", "this Idempotency-Key opened call "
                    + earlier.call().callId() + " with a different request body").with("callId", earlier.call().callId());
        }
        return new Opened(view(earlier), true);
    }

    public CallView find(String callId) {
        return view(storedCall(callId));
    }

    /** The calls, newest first, as published with where they stand (state and measure filters when given). */
    public org.susong.commons.rest.Page<CallView> list(Optional<CallState> state, Optional<String> measureCode, String cursor,
                                                      int limit) {
        return calls.page(state, measureCode, cursor, limit).map(this::view);
    }

    /**
     * An application's entry in a call as its list shows it: what it asks, where its sheet stands (scorers done and
     * required, the mean score once complete) and, once ranked, its rank and what the latest round awards it.
     */
    public record EntryView(String applicationId, String applicantUscc, String district, long amountFen, String state,
                            int requiredScorers, int scorers, BigDecimal score, Integer rank, Long awardedFen) {
    }

    /**
     * The applications of a call in submission order: all for administrators and auditors, an officer's district's
     * for an officer (the sheets' rule); 404 for an unknown call.
     */
    public org.susong.commons.rest.Page<EntryView> entries(String callId, Principal who, String cursor, int limit) {
        CallRepository.Stored d = storedCall(callId);
        Optional<List<String>> forms = who.hasAnyRole(Principal.ADMIN, Principal.AUDITOR) ? Optional.empty()
                : Optional.of(who.district().flatMap(District::parse).map(District::storedForms).orElse(List.of()));
        Map<String, CallRanking.Ranked> ranked = new LinkedHashMap<>();
        d.ranking().forEach(r -> ranked.put(r.applicationId(), r));
        Map<String, Long> latest = d.rounds().isEmpty() ? Map.of() : d.rounds().get(d.rounds().size() - 1).awards();
        return calls.entriesOf(callId, forms, cursor, limit).map(e -> {
            Sheet sheet = sheet(e);
            CallRanking.Ranked r = ranked.get(e.applicationId());
            return new EntryView(e.applicationId(), e.applicantUscc(), e.district(), e.amountFen(),
                    d.state() == CallState.OPEN ? sheet.state() : d.state().stored(), sheet.requiredScorers(),
                    sheet.scores().size(), sheet.score(), r == null ? null : r.rank(),
                    r == null ? null : latest.getOrDefault(r.applicationId(), r.awardedFen()));
        });
    }

    private CallView view(CallRepository.Stored d) {
        Call c = d.call();
        return new CallView(c.callId(), c.version(), c.measureCode(), c.measureCode() + "@" + c.measureVersion(),
                c.titleEn(), c.titleZh(), c.envelopeFen(), c.submissionFrom().toString(), c.submissionTo().toString(),
                c.eligibilityCriteria(), c.scoringCriteria(), c.partialAwardAllowed(), c.secondScorerAboveFen(),
                Call.TIE_BREAK_EN, Call.TIE_BREAK_ZH, d.state().stored(),
                phase(d).name(),
                d.applicationIds().size(), c.disbursementMode() != null ? c.disbursementMode().stored()
                : catalogue.findVersion(c.measureCode(), c.measureVersion()).map(c::disbursementMode).orElse(null));
    }

    /**
     * The measure as the call an application names decides it (issue 19): {@code measure}, the version the call was
     * opened on (its pinned {@code ruleVersion}: the version its criteria are compiled against, {@link #rules}, its
     * ranking's decisions are written under, {@link #award}, and the replay checks, {@link CallReplay}), however many
     * versions the measure published since; {@code paying}, that version as the call pays its awards ({@link Call#paying},
     * issue 19 item 4: a call that grants is assessed without the fund-scope check of C1's investments). An application
     * is assessed under {@code paying} and entered under {@code measure}. Both are {@code current} (the measure's
     * current version) when the facts name no call of that measure (the entry then rejects it, naming the call).
     */
    record Deciding(Measure measure, Measure paying) {
    }

    Deciding deciding(Measure current, Map<String, Object> facts) {
        Optional<Call> call = calls.stored(named(facts)).map(CallRepository.Stored::call)
                .filter(c -> c.measureCode().equals(current.code()));
        if (call.isEmpty()) {
            return new Deciding(current, current);
        }
        Measure pinned = call.get().measureVersion() == current.version() ? current
                : catalogue.findVersion(call.get().measureCode(), call.get().measureVersion()).orElseThrow();
        return new Deciding(pinned, call.get().paying(pinned));
    }

    /** The call's phase today; REFUSED (its envelope), CANCELLED and ranked from its stored state. */
    private Call.Phase phase(CallRepository.Stored d) {
        CallState state = d.state();
        if (state == CallState.REFUSED) {
            return Call.Phase.REFUSED;
        }
        return state == CallState.CANCELLED ? Call.Phase.CANCELLED : d.call().phase(today(), state != CallState.OPEN);
    }

    private CompiledRule rules(Call c) {
        return compiled.computeIfAbsent(c.callId(), id -> CallRules.compile(catalogue.findVersion(c.measureCode(),
                c.measureVersion()).orElseThrow(), c.eligibilityCriteria()));
    }

    // ---- applications to a call (from DecisionService)

    /**
     * A submission naming a call: the measure's verdict before the ledger ({@code assessed}, without the automatic
     * approval limit: the ranking decides), the call's window (on the date the application is judged on) and its
     * eligibility criteria. Eligible: an entry awaiting scoring, joined to the call (no decision yet); otherwise a
     * REJECTED decision. The entry is written before the call's membership, and the ranking stores itself guarded on
     * the membership it read, so an application that reaches eligibility after the ranking is told so (rejected), never
     * left waiting. A redelivery finds its entry (same payload) and only re-joins (idempotent).
     */
    void enter(DecisionService.Submission s, Measure measure, LocalDate judgedOn, LocalDate businessDate,
               DecisionService.Assessed assessed, Map<String, Object> basis) {
        String callId = named(s.facts());
        List<Criterion> criteria = new ArrayList<>();
        Optional<CallRepository.Stored> stored = calls.stored(callId);
        Optional<Call> found = stored.map(CallRepository.Stored::call);
        if (found.isEmpty() || !found.get().measureCode().equals(s.measureCode())) {
            criteria.add(new Criterion("call", false, "no call '" + callId + "' for " + s.measureCode() + " exists",
                    "申请所填征集 " + callId + " 不存在"));
            reject(s, measure, judgedOn, businessDate, criteria);
            return;
        }
        Call call = found.get();
        if (call.grants(measure)) {
            criteria.add(call.grantCriterion(measure)); // every decision on it a grant, also one re-decided on appeal
        }
        if (stored.get().state() == CallState.REFUSED || stored.get().state() == CallState.CANCELLED) {
            criteria.add(closedCriterion(callId, stored.get()));
            reject(s, measure, judgedOn, businessDate, criteria);
            return;
        }
        if (!call.takes(judgedOn)) {
            criteria.add(new Criterion("callWindow", false, "call " + callId + " takes applications submitted from "
                    + call.submissionFrom() + " to " + call.submissionTo() + ", not on " + judgedOn, "征集 " + callId
                    + " 的申报期为 " + call.submissionFrom() + " 至 " + call.submissionTo() + "，本申请提交于 " + judgedOn));
            reject(s, measure, judgedOn, businessDate, criteria);
            return;
        }
        criteria.add(new Criterion("callWindow", true, "submitted to call " + callId + " on " + judgedOn
                + ", within its window", "在征集 " + callId + " 申报期内提交"));
        if (assessed.done() != null) {
            criteria.addAll(assessed.done().evaluation().criteria());
            if (assessed.done().evaluation().outcome() != Outcome.REJECTED) {
                criteria.add(new Criterion("amount", false, "a call ranks applications with a computed amount; "
                        + measure.ruleVersion() + " computes none", "该措施无金额规则，无法参与竞争性分配"));
            }
            reject(s, measure, judgedOn, businessDate, criteria);
            return;
        }
        criteria.addAll(assessed.criteria());
        CompiledRule.Result r = rules(call).evaluate(s.facts(), judgedOn);
        criteria.addAll(r.criteria());
        if (!r.passed()) {
            reject(s, measure, judgedOn, businessDate, criteria);
            return;
        }
        Instant submittedAt = s.submittedAt() != null ? s.submittedAt() : clock.instant();
        CallRepository.Entry entry = new CallRepository.Entry(s.applicationId(), callId, s.measureCode(),
                measure.ruleVersion(), s.applicantUscc(), s.district(), s.facts(), assessed.amountFen(), criteria,
                assessed.computationEn(), assessed.computationZh(), submittedAt, judgedOn, s.eventId(), s.payloadHash(),
                CallState.Entry.AWAITING_SCORING, call.scorersFor(assessed.amountFen()), List.of(), List.of(), 0, basis);
        if (!calls.insertEntry(entry)) {
            CallRepository.Entry existing = calls.entry(s.applicationId()).orElseThrow();
            if (!s.payloadHash().equals(existing.sourceHash())) {
                throw new ModifiedRequest("application " + s.applicationId() + " was entered into call "
                        + existing.callId() + " from event " + existing.sourceEventId() + "; event "
                        + s.eventId() + " carries a different payload");
            }
        }
        if (!calls.join(callId, s.applicationId())) {
            List<Criterion> late = new ArrayList<>(criteria);
            CallRepository.Stored now = calls.stored(callId).orElseThrow();
            late.add(now.state() == CallState.REFUSED || now.state() == CallState.CANCELLED
                    ? closedCriterion(callId, now) : new Criterion("callWindow", false, "call " + callId + " was ranked before this application reached"
                    + " eligibility: it cannot be scored any more", "征集 " + callId + " 已完成排序，本申请未能参与评审"));
            reject(s, measure, judgedOn, businessDate, late);
        }
    }

    /** Why a REFUSED or CANCELLED call takes no application. */
    private static Criterion closedCriterion(String callId, CallRepository.Stored call) {
        if (call.state() == CallState.CANCELLED) {
            return cancelledCriterion(callId, call);
        }
        return new Criterion("call", false, "call " + callId + " takes no application: its envelope could not be reserved "
                + "on the budget line (" + call.refusedReason() + ")", "征集 " + callId
                + " 的资金额度未能在预算科目中预留，不受理申请");
    }

    // ---- the envelope (payments)

    /**
     * Payments could not reserve the call's envelope ({@code CallEnvelopeRefused}, issue 19): the call is REFUSED, guarded
     * on OPEN as the ranking is, so of the two one wins. A redelivery changes nothing; a refusal that arrives after the
     * ranking won is only logged: the call's awards then reserve on the line one by one as any decision (payments has no
     * envelope for them to draw from), and what does not fit waits on the line's waitlist.
     */
    public void envelopeRefused(String callId, String reason, String eventId) {
        if (!calls.refuse(callId, reason, eventId, Date.from(clock.instant()))) {
            CallState state = calls.stored(callId).map(CallRepository.Stored::state).orElse(null);
            if (state == CallState.CANCELLED) {
                LOG.infof("call %s: payments refused its envelope (%s, event %s); the call was cancelled already", callId,
                        reason, eventId); // its CallClosed finds the envelope refused on payments' side: nothing to give back
            } else if (state != CallState.REFUSED) {
                LOG.warnf("call %s: payments refused its envelope (%s, event %s) but the call is %s: its awards reserve on "
                        + "the line one by one", callId, reason, eventId, state);
            }
        }
    }

    private void reject(DecisionService.Submission s, Measure measure, LocalDate judgedOn, LocalDate businessDate,
                        List<Criterion> criteria) {
        String decisionId = DecisionIds.forApplication(s.applicationId());
        Decision d = new Decision(decisionId, s.applicationId(), s.applicantUscc(), s.measureCode(),
                District.parse(s.district()).orElse(null), Evaluation.rejected(criteria), null, measure.ruleVersion(),
                businessDate, s.facts(), measure, List.of(), null, null, null, 0, s.eventId(), s.payloadHash(),
                EligibilityEvents.SYSTEM_ACTOR, judgedOn);
        if (!writer.insert(d)) {
            decisions.find(decisionId).ifPresent(raced -> DecisionQueries.requireSamePayload(raced, s.payloadHash(),
                    s.eventId(), s.applicationId()));
        }
    }

    // ---- scoring

    /** The entry of {@code applicationId} in {@code callId} as {@code who} may see it (404 otherwise). */
    private CallRepository.Entry entry(String callId, String applicationId, Principal who) {
        return calls.entry(applicationId).filter(e -> callId.equals(e.callId()))
                .filter(e -> who.hasAnyRole(Principal.ADMIN, Principal.AUDITOR) || who.inDistrict(e.district()))
                .orElseThrow(() -> ProblemException.notFound("application in call " + callId, applicationId));
    }

    private CallRepository.Stored storedCall(String callId) {
        return calls.stored(callId).orElseThrow(() -> ProblemException.notFound("call", callId));
    }

    public Sheet score(String callId, String applicationId, Principal officer, ScoreCommand cmd) {
        Call call = storedCall(callId).call();
        CallRepository.Entry entry = entry(callId, applicationId, officer);
        Map<String, Integer> points = points(call, cmd);
        String comment = required("comment", cmd.comment());
        if (comment.length() > 2000) {
            throw ProblemException.badRequest("comment", "at most 2,000 characters");
        }
        for (int attempt = 0; ; attempt++) {
            CallRepository.Stored callNow = storedCall(callId);
            Call.Phase phase = phase(callNow);
            if (phase != Call.Phase.SCORING) {
                throw new ProblemException(409, "Conflict", "call " + callId + " is in its " + phase + " phase: "
                        + "applications are scored after the window closes (" + call.submissionTo() + ") and before the "
                        + "ranking", "phase").with("currentStatus", phase.name());
            }
            if (conflicted(entry, officer.user())) {
                throw new ProblemException(403, "Forbidden", "officer " + officer.user() + " declared a conflict of "
                        + "interest on " + applicationId + " and is excluded from scoring it", "officer");
            }
            List<CallRepository.Score> scores = entry.scores();
            if (scores.stream().anyMatch(x -> officer.user().equals(x.officer()))) {
                throw new ProblemException(409, "Conflict", "officer " + officer.user() + " has scored " + applicationId
                        + " already", "officer");
            }
            if (scores.size() >= entry.requiredScorers()) {
                throw new ProblemException(409, "Conflict", "the score sheet of " + applicationId + " is complete ("
                        + scores.size() + " officers)", "scores");
            }
            CallRepository.Score score = new CallRepository.Score(officer.user(), points, comment, call.weighted(points),
                    clock.instant());
            if (calls.addScore(applicationId, entry.version(), score)) {
                return sheet(calls.entry(applicationId).orElseThrow());
            }
            if (attempt >= 3) {
                throw ProblemException.conflict("the score sheet of " + applicationId + " kept changing: try again");
            }
            entry = entry(callId, applicationId, officer);
        }
    }

    private static Map<String, Integer> points(Call call, ScoreCommand cmd) {
        Map<String, Integer> given = cmd.points() == null ? Map.of() : cmd.points();
        Map<String, Integer> points = new LinkedHashMap<>();
        for (Call.ScoringCriterion c : call.scoringCriteria()) {
            Integer p = given.get(c.name());
            if (p == null || p < 0 || p > 100) {
                throw ProblemException.badRequest("scores." + c.name(), "points from 0 to 100 for '" + c.name() + "'");
            }
            points.put(c.name(), p);
        }
        for (String name : given.keySet()) {
            if (!points.containsKey(name)) {
                throw ProblemException.badRequest("scores." + name, "call " + call.callId() + " has no criterion '" + name + "'");
            }
        }
        return points;
    }

    private static boolean conflicted(CallRepository.Entry entry, String officer) {
        return entry.conflicts().stream().anyMatch(c -> officer.equals(c.officer()));
    }

    public Sheet declareConflict(String callId, String applicationId, Principal officer, String reason) {
        storedCall(callId);
        CallRepository.Entry entry = entry(callId, applicationId, officer);
        String why = required("reason", reason);
        for (int attempt = 0; ; attempt++) {
            CallRepository.Stored callNow = storedCall(callId);
            if (callNow.state() != CallState.OPEN) {
                Call.Phase phase = phase(callNow);
                throw new ProblemException(409, "Conflict", "call " + callId + " is " + phase, "phase")
                        .with("currentStatus", phase.name());
            }
            if (conflicted(entry, officer.user())) {
                return sheet(entry);
            }
            if (entry.scores().stream().anyMatch(x -> officer.user().equals(x.officer()))) {
                throw new ProblemException(409, "Conflict", "officer " + officer.user() + " has scored " + applicationId
                        + " already: a conflict must be declared before scoring", "officer");
            }
            CallRepository.Conflict conflict = new CallRepository.Conflict(officer.user(), why, clock.instant());
            if (calls.addConflict(applicationId, entry.version(), conflict)) {
                return sheet(calls.entry(applicationId).orElseThrow());
            }
            if (attempt >= 3) {
                throw ProblemException.conflict("the score sheet of " + applicationId + " kept changing: try again");
            }
            entry = entry(callId, applicationId, officer);
        }
    }

    /** The sheet; once the call is ranked its state is the call's (RANKING, AWARDED), no longer AWAITING_SCORING. */
    public Sheet sheet(String callId, String applicationId, Principal who) {
        CallState state = storedCall(callId).state();
        Sheet sheet = sheet(entry(callId, applicationId, who));
        return state == CallState.OPEN ? sheet : new Sheet(sheet.callId(), sheet.applicationId(), sheet.applicantUscc(),
                sheet.district(), state.stored(), sheet.amountFen(), sheet.requiredScorers(), sheet.scores(), sheet.conflicts(),
                sheet.score());
    }

    private static Sheet sheet(CallRepository.Entry e) {
        List<CallRepository.Score> scores = e.scores();
        int required = e.requiredScorers();
        long total = scores.stream().mapToLong(CallRepository.Score::weighted).sum();
        return new Sheet(e.callId(), e.applicationId(), e.applicantUscc(), e.district(), e.state().stored(), e.amountFen(), required,
                scores.stream().map(s -> new OfficerScore(s.officer(), s.points(), s.comment(),
                        BigDecimal.valueOf(s.weighted(), 2), s.scoredAt())).toList(),
                e.conflicts().stream().map(c -> new Conflict(c.officer(), c.reason(), c.declaredAt())).toList(),
                scores.size() >= required ? new CallRanking.Sheet(e.applicationId(), null, 0, total, scores.size()).score()
                        : null);
    }

    // ---- ranking and awards

    /**
     * Ranks a call whose window has closed and whose applications are all scored, and decides them. First the
     * ranking is computed and stored on the call (OPEN to RANKING, guarded on the membership read), then each
     * application's decision is inserted under its own id in rank order, then the call is AWARDED. Run again (after a
     * crash, or by a second administrator) it reads the stored ranking and inserts only what is missing.
     */
    public RankResult rank(String callId, Principal admin) {
        CallRepository.Stored d = storedCall(callId);
        Call call = d.call();
        if (d.state() == CallState.REFUSED) {
            throw refusedCall(d);
        }
        if (d.state() == CallState.CANCELLED) {
            throw cancelledCall(d);
        }
        if (d.state() == CallState.OPEN) {
            Call.Phase phase = call.phase(today(), false);
            if (phase != Call.Phase.SCORING) {
                throw new ProblemException(409, "Conflict", "call " + callId + " takes applications until "
                        + call.submissionTo() + ": it is ranked after its window closed and its applications are scored",
                        "phase").with("currentStatus", phase.name());
            }
            long members = d.members();
            List<String> ids = d.applicationIds();
            Map<String, CallRepository.Entry> entries = new LinkedHashMap<>();
            calls.entries(ids).forEach(e -> entries.put(e.applicationId(), e));
            List<String> incomplete = ids.stream().filter(id -> entries.get(id) == null || entries.get(id)
                    .scores().size() < entries.get(id).requiredScorers()).sorted().toList();
            if (!incomplete.isEmpty()) {
                throw new ProblemException(409, "Conflict", incomplete.size() + " application(s) of call " + callId
                        + " are not fully scored: " + String.join(", ", incomplete), "scores").with("incomplete", incomplete);
            }
            CallRanking.Result result = ranking(call, entries.values());
            boolean won = calls.storeRanking(callId, members, result, admin.user(), admin.asActor(),
                    Date.from(clock.instant()));
            d = storedCall(callId);
            if (!won && d.state() == CallState.REFUSED) {
                throw refusedCall(d); // payments' refusal of the envelope won the guarded write on OPEN: nothing ranked
            }
            if (!won && d.state() == CallState.CANCELLED) {
                throw cancelledCall(d); // a cancel won the guarded write on OPEN: nothing ranked
            }
            if (!won && d.state() == CallState.OPEN) {
                throw new ProblemException(409, "Conflict", "an application joined call " + callId + " while it was "
                        + "being ranked: score it, then rank again", "scores");
            }
        }
        return award(d, call, admin.asActor()).result();
    }

    /**
     * The ranking of {@code entries} under the call as published (envelope, partial-award rule, the tie-break of
     * {@link CallRanking}): what {@link #rank} stores and what the decisions replay ({@link CallReplay}) computes again.
     */
    static CallRanking.Result ranking(Call call, java.util.Collection<CallRepository.Entry> entries) {
        List<CallRanking.Sheet> sheets = entries.stream().map(e -> new CallRanking.Sheet(e.applicationId(),
                e.submittedAt(), e.amountFen(), e.scores().stream().mapToLong(CallRepository.Score::weighted).sum(),
                e.scores().size())).toList();
        return CallRanking.rank(sheets, call.envelopeFen(), call.partialAwardAllowed());
    }

    private static ProblemException refusedCall(CallRepository.Stored d) {
        return new ProblemException(409, "Conflict", "call " + d.call().callId() + " is not ranked: its envelope could not "
                + "be reserved on the budget line (" + d.refusedReason() + ")", "phase")
                .with("currentStatus", Call.Phase.REFUSED.name());
    }

    /**
     * The decisions of a stored ranking, each inserted under {@code D-<applicationId>} (an existing one kept: written
     * before a crash or by another run), then AWARDED with {@code CallClosed} (once: guarded on RANKING). The one writer
     * of a ranking's decisions: {@link #rank} (first run and retried) and the resumer ({@link #finishDecisions}) call it.
     * The decisions and the event name the actor who ranked the call as stored; {@code actor} only for a call ranked
     * by a build before that was stored. Says how many decisions this run inserted and whether it closed the call.
     */
    private Awarded award(CallRepository.Stored d, Call call, String actor) {
        String rankedBy = d.rankedByActor() != null ? d.rankedByActor() : actor;
        List<CallRanking.Ranked> ranking = d.ranking();
        String cutOff = d.cutOffScore();
        int funded = (int) ranking.stream().filter(CallRanking.Ranked::funded).count();
        Map<String, CallRepository.Entry> entries = new LinkedHashMap<>();
        calls.entries(ranking.stream().map(CallRanking.Ranked::applicationId).toList())
                .forEach(e -> entries.put(e.applicationId(), e));
        Measure measure = catalogue.findVersion(call.measureCode(), call.measureVersion()).orElseThrow();
        LocalDate businessDate = today();
        int written = 0;
        for (CallRanking.Ranked r : ranking) {
            CallRepository.Entry e = entries.get(r.applicationId());
            Decision decision = decision(call, measure, e, r, ranking.size(), funded, cutOff, businessDate, rankedBy);
            if (writer.insert(decision)) { // false: written before a crash or by another run; the same id, never a second one
                written++;
            }
            crashPoint.accept("call-decided");
        }
        // CallClosed in the same write as AWARDED (outbox): payments gives back what the awards did not use; a rank run
        // again after a crash before this write publishes it then, one run after it finds AWARDED and publishes nothing
        Instant now = clock.instant();
        long used = d.usedFen();
        NewEvent closed = EligibilityEvents.callClosed(new EligibilityEvents.CallClosedV1(call.callId(), call.measureCode(),
                call.envelopeFen(), used, funded, ranking.size(), now, null), call.measureCode() + "@" + call.measureVersion(),
                rankedBy);
        boolean awarded = calls.awarded(call.callId(), Date.from(now), Outbox.entries(json, d.lastSequence(),
                List.of(closed), now));
        if (awarded) {
            relay.publishSoon(CallRepository.COLLECTION, call.callId());
        }
        return new Awarded(result(d, CallState.AWARDED), written, awarded);
    }

    /**
     * The ranking of a ranked call as stored (the decisions are {@code D-<applicationId>}, each stating what its line
     * states), with its later rounds; {@code state} as answered.
     */
    private static RankResult result(CallRepository.Stored d, CallState state) {
        Call call = d.call();
        List<RankedView> views = d.ranking().stream().map(r -> new RankedView(r.applicationId(), r.rank(), r.score(),
                r.amountFen(), r.awardedFen(), CallState.Award.of(r.awardedFen()).name(),
                DecisionIds.forApplication(r.applicationId()))).toList();
        // each round's withdrawn in the order their releases came
        List<RoundView> rounds = d.rounds().stream().map(r -> new RoundView(r.round(), d.withdrawals().stream()
                .filter(w -> r.withdrawn().contains(w.applicationId()))
                .map(w -> new WithdrawnView(w.applicationId(), w.decisionId(), w.reason())).toList(),
                r.awards().entrySet().stream().map(a -> new AwardView(a.getKey(), a.getValue())).toList(),
                r.cutOffScore() == null ? null : new BigDecimal(r.cutOffScore()), r.usedFen(),
                r.at() == null ? null : r.at().toInstant())).toList();
        return new RankResult(call.callId(), state.stored(), call.envelopeFen(), d.usedFen(),
                d.cutOffScore() == null ? null : new BigDecimal(d.cutOffScore()), Call.TIE_BREAK_EN, views,
                rounds.isEmpty() ? 1 : rounds.get(rounds.size() - 1).round(), rounds);
    }

    /**
     * The ranking of a ranked call (RANKING, AWARDED) and its later rounds, for anyone who may read the call: the ranked
     * list is published (public notice). A call not ranked: 409 {@code phase}.
     */
    public RankResult ranking(String callId) {
        CallRepository.Stored d = storedCall(callId);
        if (!d.state().ranked()) {
            Call.Phase phase = phase(d);
            throw new ProblemException(409, "Conflict", "call " + callId + " is not ranked: it is in its " + phase
                    + " phase", "phase").with("currentStatus", phase.name());
        }
        return result(d, d.state());
    }

    /** What {@link #award} answers and what this run of it wrote: decisions inserted, the call closed (AWARDED). */
    private record Awarded(RankResult result, int written, boolean closed) {
    }

    private Decision decision(Call call, Measure measure, CallRepository.Entry e, CallRanking.Ranked r, int of, int funded,
                              String cutOff, LocalDate businessDate, String actor) {
        return entryDecision(e, evaluation(call, e, r, of, funded, cutOff, List.of()), measure, businessDate, actor);
    }

    /**
     * What a ranking (or a later round, {@link CallRounds}) decides for the entry {@code e} ranked as {@code r}: an award
     * from the envelope or not funded, with the entry's criteria, the {@code callRanking} criterion and {@code more}.
     */
    static Evaluation evaluation(Call call, CallRepository.Entry e, CallRanking.Ranked r, int of, int funded, String cutOff,
                                 List<Criterion> more) {
        int rank = r.rank();
        String score = r.score().toPlainString();
        long amount = r.amountFen();
        long awarded = r.awardedFen();
        String envelope = Money.ofFen(call.envelopeFen()).format();
        String cutOffEn = cutOffEn(cutOff);
        String cutOffZh = cutOffZh(cutOff);
        List<Criterion> criteria = new ArrayList<>(e.criteria());
        criteria.add(rankingCriterion(call, r, of, funded, cutOff));
        criteria.addAll(more);
        if (awarded > 0) {
            boolean partial = awarded < amount;
            String en = e.computationEn() + "; ranked " + rank + " of " + of + " in call " + call.callId()
                    + " (" + score + " points, cut-off " + cutOffEn + "): awarded " + Money.ofFen(awarded).format()
                    + " from its envelope of " + envelope + (partial ? ", a partial award: what remained of the envelope"
                    : "");
            String zh = e.computationZh() + "；在征集 " + call.callId() + " 中排名第 " + rank + " 位（共 " + of
                    + " 项，得分 " + score + " 分，入围分数线 " + cutOffZh + "），从资金额度 " + envelope + " 中支持 "
                    + Money.ofFen(awarded).format() + (partial ? "（部分支持：资金额度剩余部分）" : "");
            return new Evaluation(Outcome.APPROVED, Money.ofFen(awarded), criteria, en, zh);
        }
        return Evaluation.rejected(criteria);
    }

    private static String cutOffEn(String cutOff) {
        return cutOff == null ? "none (the envelope funds no application)" : cutOff + " points";
    }

    private static String cutOffZh(String cutOff) {
        return cutOff == null ? "无（资金额度不足以资助任何申请）" : cutOff + " 分";
    }

    /**
     * The criterion {@code callRanking} of a ranked application's decision: its rank of {@code of}, its score and the
     * cut-off (and, not funded, how far the envelope reaches and the tie-break). The decisions replay compares a stored
     * decision's words with these ({@link CallReplay}).
     */
    static Criterion rankingCriterion(Call call, CallRanking.Ranked r, int of, int funded, String cutOff) {
        int rank = r.rank();
        String score = r.score().toPlainString();
        String envelope = Money.ofFen(call.envelopeFen()).format();
        if (r.funded()) {
            return new Criterion("callRanking", true, "ranked " + rank + " of " + of + " in call " + call.callId()
                    + " with " + score + " points; cut-off score " + cutOffEn(cutOff), "在征集 " + call.callId() + " 中排名第 "
                    + rank + " 位（共 " + of + " 项），得分 " + score + " 分；入围分数线 " + cutOffZh(cutOff));
        }
        return new Criterion("callRanking", false, "not funded: ranked " + rank + " of " + of + " in call "
                + call.callId() + " with " + score + " points; its envelope of " + envelope + " funds the "
                + (funded == 0 ? "no application" : "applications ranked 1 to " + funded) + ", cut-off score "
                + cutOffEn(cutOff) + " (ties: " + Call.TIE_BREAK_EN + ")",
                "未获资助：在征集 " + call.callId() + " 中排名第 " + rank + " 位（共 " + of + " 项），得分 " + score
                        + " 分；资金额度 " + envelope + (funded == 0 ? " 不足以资助任何申请" : " 资助排名第 1 至 " + funded
                        + " 位的申请") + "，入围分数线 " + cutOffZh(cutOff) + "（同分规则：" + Call.TIE_BREAK_ZH + "）");
    }

    /** The decision on an application to a call (its entry), under {@code D-<applicationId>}: ranked or cancelled. */
    private static Decision entryDecision(CallRepository.Entry e, Evaluation evaluation, Measure measure,
                                          LocalDate businessDate, String actor) {
        return new Decision(DecisionIds.forApplication(e.applicationId()), e.applicationId(),
                e.applicantUscc(), e.measureCode(), District.parse(e.district()).orElse(null),
                evaluation, e.amountFen(), e.ruleVersion(), businessDate, e.facts(),
                measure, List.of(), null, null, null, 0, e.sourceEventId(), e.sourceHash(), actor,
                e.judgedOn(), e.basis());
    }

    // ---- cancelling a call never ranked

    /**
     * Cancels a call that has not been ranked (issue 19): one write OPEN to CANCELLED guarded on OPEN and on the
     * membership read ({@link CallRepository#cancel}, the guard of the ranking and of the refusal: of the three one
     * wins), with {@code CallClosed} (usedFen 0: payments gives the whole envelope back) in the call's outbox in the same
     * write; then each application is decided not funded under {@code D-<applicationId>} (an existing decision is left
     * as it is). A cancel of a CANCELLED call (retried after a crash, or a second administrator) writes the decisions
     * still missing, then answers 409 {@code phase} CANCELLED; a ranked or refused call: 409 {@code phase}, nothing
     * written.
     */
    public CallView cancel(String callId, Principal admin, String reason) {
        String why = required("reason", reason);
        if (why.length() > 500) {
            throw ProblemException.badRequest("reason", "at most 500 characters");
        }
        for (int attempt = 0; ; attempt++) {
            CallRepository.Stored d = storedCall(callId);
            Call call = d.call();
            CallState state = d.state();
            if (state == CallState.CANCELLED) {
                decideCancelled(d, call);
                throw cancelledCall(d);
            }
            if (state != CallState.OPEN) {
                Call.Phase phase = phase(d);
                throw new ProblemException(409, "Conflict", "call " + callId + " is " + state.stored() + ": only a call not ranked "
                        + "yet (OPEN) can be cancelled", "phase").with("currentStatus", phase.name()).with("state", state.stored());
            }
            long members = d.members();
            Instant now = clock.instant();
            NewEvent closed = EligibilityEvents.callClosed(new EligibilityEvents.CallClosedV1(callId, call.measureCode(),
                    call.envelopeFen(), 0, 0, (int) members, now, why), call.measureCode() + "@" + call.measureVersion(),
                    admin.asActor());
            if (calls.cancel(callId, members, why, admin.asActor(), Date.from(now),
                    Outbox.entries(json, d.lastSequence(), List.of(closed), now))) {
                relay.publishSoon(CallRepository.COLLECTION, callId);
                crashPoint.accept("call-cancelled");
                CallRepository.Stored cancelled = storedCall(callId);
                decideCancelled(cancelled, call);
                return view(cancelled);
            }
            if (attempt >= 3) {
                throw ProblemException.conflict("call " + callId + " kept changing while being cancelled: try again");
            }
        }
    }

    /**
     * Every application of a CANCELLED call decided not funded, once each (inserted by id, an existing one kept), then
     * the call marked decided ({@link CallRepository#cancelDecided}). The one writer of a cancel's decisions: the
     * cancel (first and retried) and the resumer ({@link #finishDecisions}) call it. Returns how many decisions this run
     * inserted.
     */
    private int decideCancelled(CallRepository.Stored d, Call call) {
        List<String> ids = d.applicationIds();
        List<CallRepository.Entry> entries = ids.isEmpty() ? List.of() : calls.entries(ids);
        int written = 0;
        if (!entries.isEmpty()) {
            Measure measure = catalogue.findVersion(call.measureCode(), call.measureVersion()).orElseThrow();
            LocalDate businessDate = today();
            Criterion cancelled = cancelledCriterion(call.callId(), d);
            for (CallRepository.Entry e : entries) {
                List<Criterion> criteria = new ArrayList<>(e.criteria());
                criteria.add(cancelled);
                if (writer.insert(entryDecision(e, Evaluation.rejected(criteria), measure, businessDate, d.cancelledBy()))) {
                    written++;
                }
            }
        }
        if (entries.size() == ids.size()) { // an entry is written before its join: never fewer; if so, not marked decided
            calls.cancelDecided(call.callId(), Date.from(clock.instant()));
        } else {
            LOG.warnf("call %s: %d of its %d applications have no entry: not marked decided", call.callId(),
                    ids.size() - entries.size(), ids.size());
        }
        return written;
    }

    // ---- the resumer's step

    /**
     * Writes the decisions a crash left unwritten on a CANCELLED or RANKING call (issue 19; {@link CallResumer}), through
     * the code the retried request runs ({@link #decideCancelled}, {@link #award}): each missing decision inserted once
     * under {@code D-<applicationId>}, an existing one kept, no second event, no second {@code CallClosed} (written with
     * CANCELLED, or guarded on RANKING). Safe beside another replica's resumer and a retried request.
     *
     * @return the state whose decisions it finished (CANCELLED, RANKING) and what this run wrote (nothing when the
     *         decisions were all written already, by the request retried or another replica); empty when the call
     *         needed nothing
     */
    Optional<Finished> finishDecisions(String callId) {
        CallRepository.Stored d = storedCall(callId);
        if (d.state() == CallState.CANCELLED) {
            return Optional.of(new Finished(CallState.CANCELLED, decideCancelled(d, d.call()), false));
        }
        if (d.state() == CallState.RANKING) {
            Awarded a = award(d, d.call(), EligibilityEvents.SYSTEM_ACTOR);
            return Optional.of(new Finished(CallState.RANKING, a.written(), a.closed()));
        }
        return Optional.empty();
    }

    /**
     * What {@link #finishDecisions} did to a call in {@code state}: {@code decisions} inserted by this run, and whether
     * it closed the call (AWARDED with its {@code CallClosed}).
     */
    record Finished(CallState state, int decisions, boolean closed) {
        boolean wrote() {
            return decisions > 0 || closed;
        }
    }

    private static Criterion cancelledCriterion(String callId, CallRepository.Stored call) {
        return new Criterion("call", false, "not funded: call " + callId + " was cancelled (" + call.cancelReason()
                + ") before its ranking", "未获资助：征集 " + callId + " 在排序前已撤销（" + call.cancelReason() + "）");
    }

    private static ProblemException cancelledCall(CallRepository.Stored d) {
        return new ProblemException(409, "Conflict", "call " + d.call().callId() + " was cancelled ("
                + d.cancelReason() + ")", "phase").with("currentStatus", Call.Phase.CANCELLED.name())
                .with("state", CallState.CANCELLED.stored());
    }

    // ---- input

    private static String required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw ProblemException.badRequest(field, field + " is required");
        }
        return value.strip();
    }

    /** The mode an administrator chose for a call: GRANT or INVESTMENT, null when not stated (the measure's). */
    private static DisbursementMode chosenMode(String text) {
        if (text == null) {
            return null;
        }
        return StoredText.find(DisbursementMode.class, text).filter(m -> m != DisbursementMode.EITHER)
                .orElseThrow(() -> ProblemException.badRequest("disbursementMode", "GRANT or INVESTMENT (the measure's "
                        + "grant-to-investment into its fund), or absent for the measure's mode"));
    }

    private static LocalDate date(String field, String value) {
        try {
            return LocalDate.parse(required(field, value));
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(field, "a date yyyy-MM-dd");
        }
    }
}
