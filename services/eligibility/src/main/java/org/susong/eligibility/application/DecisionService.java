package org.susong.eligibility.application;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.susong.commons.ids.District;
import org.susong.commons.messaging.ModifiedRequest;
import org.susong.commons.messaging.PermanentFailure;
import org.susong.commons.money.Money;
import org.susong.commons.time.BusinessClock;
import org.susong.eligibility.config.EligibilityConfig;
import org.susong.eligibility.domain.Decision;
import org.susong.eligibility.domain.Award;
import org.susong.eligibility.domain.BeneficiaryKinds;
import org.susong.eligibility.domain.CompiledRule;
import org.susong.eligibility.domain.Criterion;
import org.susong.eligibility.domain.Evaluation;
import org.susong.eligibility.domain.FundScope;
import org.susong.eligibility.domain.Measure;
import org.susong.eligibility.domain.MeasureStatus;
import org.susong.eligibility.domain.Outcome;
import org.susong.eligibility.messaging.out.EligibilityEvents;
import org.susong.eligibility.persistence.DecisionIds;
import org.susong.eligibility.persistence.DecisionRepository;
import org.susong.eligibility.persistence.FundScopeRepository;
import org.susong.eligibility.persistence.DecisionStates;
import org.susong.eligibility.persistence.StoredDecision;
import org.susong.eligibility.persistence.RegisteredContract;
import org.susong.eligibility.domain.CapPeriod;
import org.susong.eligibility.domain.DisbursementMode;

/**
 * Decides submitted applications. The decision id comes from the application id; the cap is
 * consumed intent first under that id before the decision (with its inputs, the causing event's id
 * and payload hash, and its {@code EligibilityDecided} event) is inserted in one write: a
 * redelivery finds the decision and changes nothing; a redelivery whose payload changed is a
 * modified request and is refused (dead-lettered), never applied. An application made from an
 * automatic award proposal finalises the proposal instead of being decided and capped again.
 */
@ApplicationScoped
public class DecisionService {

    /**
     * What a submitted application says, taken from its event; {@code submittedAt} is the time applications took it
     * (the event's {@code submittedAt}, stamped by its clock, never a date the applicant typed), null when unknown.
     */
    public record Submission(String eventId, String payloadHash, String applicationId, String applicantUscc,
                             String measureCode, String district, Map<String, Object> facts, String proposalId,
                             Instant submittedAt) {

        /** A submission whose time is unknown: judged on the day it is decided. */
        public Submission(String eventId, String payloadHash, String applicationId, String applicantUscc,
                          String measureCode, String district, Map<String, Object> facts, String proposalId) {
            this(eventId, payloadHash, applicationId, applicantUscc, measureCode, district, facts, proposalId, null);
        }
    }

    /** An evaluation plus what the ledger did to it ({@code shares}: as decisions keep them, {@link Award#asShare}). */
    public record Determination(Evaluation evaluation, Long proposedFen, List<Map<String, Object>> shares, Integer capYear) {
    }

    private final DecisionRepository decisions;
    private final DecisionStates decisionStates;
    private final CatalogueService catalogue;
    private final FactsValidator factsValidator;
    private final LedgerService ledger;
    private final DecisionWriter writer;
    private final AwardService awards;
    private final ContractRegistry registry;
    private final FundScopeRepository fundScopes;
    private final CallService calls;
    private final CertificationLists certifications;
    private final Clock clock;
    private final EligibilityConfig config;
    private final Timer timer;

    DecisionService(DecisionRepository decisions, DecisionStates decisionStates, CatalogueService catalogue,
                    FactsValidator factsValidator,
                    LedgerService ledger, DecisionWriter writer, AwardService awards, ContractRegistry contracts,
                    FundScopeRepository fundScopes, CallService calls, CertificationLists certifications, Clock clock,
                    EligibilityConfig config, MeterRegistry registry) {
        this.fundScopes = fundScopes;
        this.calls = calls;
        this.certifications = certifications;
        this.decisions = decisions;
        this.decisionStates = decisionStates;
        this.catalogue = catalogue;
        this.factsValidator = factsValidator;
        this.ledger = ledger;
        this.writer = writer;
        this.awards = awards;
        this.registry = contracts;
        this.clock = clock;
        this.config = config;
        this.timer = Timer.builder("susong.eligibility.decision").description("time to decide one submitted application,"
                + " inside the service (store reads, rule, ledger, insert)").publishPercentiles(0.5, 0.95, 0.99)
                .register(registry);
    }

    public void decide(Submission submission) {
        timer.record(() -> decideTimed(submission));
    }

    /**
     * Decides the submissions of a batch in submission order and returns those refused for good (a
     * modified request), by event id. Existing decisions are read at once; each submission is
     * evaluated in memory; the caps the batch asks for are taken together ({@link LedgerService#takeAll}:
     * intents in one insert, one guarded write per ledger key); the decisions and their events are
     * inserted at once, then the intents marked applied. A crash between these writes is repaired by
     * the redelivered batch: decided submissions are skipped, the others find their shares on the
     * ledger and take nothing more. Submissions that need the single path (automatic award
     * proposals, once-only claims, exclusion groups) are decided one by one, after those before them.
     */
    public Map<String, RuntimeException> decideAll(List<Submission> submissions) {
        long start = System.nanoTime();
        Map<String, RuntimeException> refused = new HashMap<>();
        Map<String, StoredDecision> existing = decisionStates.findAll(submissions.stream()
                .map(s -> DecisionIds.forApplication(s.applicationId())).distinct().toList());
        Map<String, Submission> taken = new HashMap<>();
        List<Map<String, Object>> redelivered = new ArrayList<>();
        Map<String, Optional<Measure>> measures = new HashMap<>();
        List<Submission> segment = new ArrayList<>();
        for (Submission s : submissions) {
            String id = DecisionIds.forApplication(s.applicationId());
            try {
                if (existing.containsKey(id)) {
                    requireSamePayload(existing.get(id), s.payloadHash(), s.eventId(), s.applicationId());
                    if (existing.get(id).proposalId() == null) {
                        redelivered.addAll(existing.get(id).capShares());
                    }
                    continue;
                }
                Submission earlier = taken.putIfAbsent(id, s);
                if (earlier != null) {
                    if (!earlier.payloadHash().equals(s.payloadHash())) {
                        throw new ModifiedRequest("application " + s.applicationId() + " is decided from event "
                                + earlier.eventId() + "; event " + s.eventId() + " carries a different payload");
                    }
                    continue;
                }
                Optional<Measure> measure = measures.computeIfAbsent(s.measureCode(), catalogue::find);
                if (s.proposalId() != null || CallService.names(s.facts()) || measure.map(m -> m.claimKey() != null || m.exclusionGroup() != null
                        || ContractRegistry.applies(m)).orElse(false)) {
                    decideSegment(segment, measures, refused);
                    segment.clear();
                    decide(s);
                } else {
                    segment.add(s);
                }
            } catch (PermanentFailure e) {
                // a modified request, or a single-path submission refused for good (e.g. an unknown proposal)
                refused.put(s.eventId(), e);
            }
        }
        decideSegment(segment, measures, refused);
        if (!redelivered.isEmpty()) {
            ledger.decided(redelivered);
        }
        long each = (System.nanoTime() - start) / Math.max(1, submissions.size());
        submissions.forEach(s -> timer.record(each, TimeUnit.NANOSECONDS));
        return refused;
    }

    /**
     * Faults between writes, set by tests only: of a batch ("ledgers-applied", "decisions-inserted"), and of the
     * single path between the ledger and the decision insert ("single-limited").
     */
    private volatile Consumer<String> crashPoint = step -> { };

    void crashPoint(Consumer<String> hook) {
        crashPoint = hook;
    }

    /** A submission of a batch once evaluated: final, or an amount its cap key still limits. */
    private record Evaluated(Submission submission, String decisionId, Measure measure, Determination done,
                             Assessed assessed, String capKey, Integer capYear, String capKeyValue, DecisionBasis basis) {
    }

    private void decideSegment(List<Submission> segment, Map<String, Optional<Measure>> measures,
                               Map<String, RuntimeException> refused) {
        if (segment.isEmpty()) {
            return;
        }
        LocalDate businessDate = LocalDate.now(clock);
        List<Evaluated> evaluated = new ArrayList<>();
        List<LedgerService.Ask> asks = new ArrayList<>();
        for (Submission s : segment) {
            String id = DecisionIds.forApplication(s.applicationId());
            Measure m = measures.get(s.measureCode()).orElse(null);
            if (m == null) {
                evaluated.add(new Evaluated(s, id, null, unknownMeasure(s), null, null, null, null, null));
                continue;
            }
            LocalDate judgedOn = judgedOn(s, businessDate);
            DecisionBasis basis = DecisionBasis.recording();
            Assessed a = assess(m, s.facts(), judgedOn, 0, s.applicantUscc(), basis);
            if (a.done() != null) {
                evaluated.add(new Evaluated(s, id, m, a.done(), null, null, null, null, basis));
                continue;
            }
            int year = LedgerService.capYear(m, s.facts(), judgedOn);
            String keyValue = a.rule().capKey(s.facts(), judgedOn);
            String key = LedgerService.capKey(m, s.applicantUscc(), year, keyValue);
            if (m.capFen() != null && key == null) {
                evaluated.add(new Evaluated(s, id, m, limited(a.amountFen(), 0, a.criteria(),
                        List.of(LedgerService.noCapKey(m)), a.computationEn(), a.computationZh(), List.of(), null),
                        null, null, null, null, basis));
            } else if (key == null) {
                evaluated.add(new Evaluated(s, id, m, limited(a.amountFen(), a.amountFen(), a.criteria(), List.of(),
                        a.computationEn(), a.computationZh(), List.of(), null), null, null, null, null, basis));
            } else {
                evaluated.add(new Evaluated(s, id, m, null, a, key, year, keyValue, basis));
                asks.add(new LedgerService.Ask(id, key, m.capFen(), m.period() == CapPeriod.CERTIFICATE, a.amountFen()));
            }
        }
        Map<String, Award> awards = asks.isEmpty() ? Map.of() : ledger.takeAll(asks);
        crashPoint.accept("ledgers-applied");
        List<Decision> batch = new ArrayList<>();
        for (Evaluated e : evaluated) {
            Determination d = e.done();
            if (d == null) {
                Award award = awards.get(e.decisionId());
                Assessed a = e.assessed();
                d = limited(a.amountFen(), award.grantedFen(), a.criteria(),
                        List.of(LedgerService.capCriterion(e.measure(), e.capYear(), e.capKeyValue(), award)),
                        a.computationEn(), a.computationZh(), List.of(award.asShare()), e.capYear());
            }
            Submission s = e.submission();
            batch.add(new Decision(e.decisionId(), s.applicationId(), s.applicantUscc(), s.measureCode(),
                    District.parse(s.district()).orElse(null), d.evaluation(), d.proposedFen(), e.measure() == null ? s.measureCode() + "@none"
                    : e.measure().ruleVersion(), businessDate, s.facts(), e.measure(), d.shares(), d.capYear(), null, null,
                    0, s.eventId(), s.payloadHash(), EligibilityEvents.SYSTEM_ACTOR, judgedOn(s, businessDate),
                    e.basis() == null ? null : e.basis().values()));
        }
        Set<String> raced = writer.insertAll(batch);
        if (!raced.isEmpty()) {
            Map<String, StoredDecision> found = decisionStates.findAll(raced);
            for (Evaluated e : evaluated) {
                StoredDecision other = found.get(e.decisionId());
                if (other != null && !e.submission().payloadHash().equals(other.sourceHash())) {
                    refused.put(e.submission().eventId(), new ModifiedRequest("application "
                            + e.submission().applicationId() + " was already decided from event "
                            + other.sourceEventId() + "; event " + e.submission().eventId()
                            + " carries a different payload"));
                }
            }
        }
        crashPoint.accept("decisions-inserted");
        ledger.appliedAll(awards.values());
    }

    /**
     * The date a submission is judged on: the day applications took it (its {@code submittedAt} in Asia/Shanghai), so
     * an application submitted by a measure's last day and decided after it is judged within the window; never after
     * the decision day (a stamp ahead of this clock is not believed), the decision day when the time is unknown.
     */
    static LocalDate judgedOn(Submission s, LocalDate decisionDay) {
        if (s.submittedAt() == null) {
            return decisionDay;
        }
        LocalDate submitted = LocalDate.ofInstant(s.submittedAt(), BusinessClock.ZONE);
        return submitted.isBefore(decisionDay) ? submitted : decisionDay;
    }

    private static Determination unknownMeasure(Submission s) {
        return new Determination(Evaluation.rejected(List.of(new Criterion("measure", false, "measure '"
                + s.measureCode() + "' does not exist", "措施不存在"))), null, List.of(), null);
    }

    private void decideTimed(Submission submission) {
        String decisionId = DecisionIds.forApplication(submission.applicationId());
        Optional<StoredDecision> existing = decisionStates.find(decisionId);
        if (existing.isPresent()) {
            requireSamePayload(existing.get(), submission.payloadHash(), submission.eventId(), submission.applicationId());
            return;
        }
        LocalDate businessDate = LocalDate.now(clock);
        LocalDate judgedOn = judgedOn(submission, businessDate);
        if (submission.proposalId() != null) {
            AwardService.Finalisation f = awards.finalise(submission.proposalId(), decisionId, submission);
            write(submission, decisionId, businessDate, f.measure(), f.ruleVersion(),
                    new Determination(f.evaluation(), null, f.shares(), f.capYear()), submission.proposalId());
            return;
        }
        Optional<Measure> measure = catalogue.find(submission.measureCode());
        DecisionBasis basis = DecisionBasis.recording();
        if (measure.isPresent() && CallService.names(submission.facts())) {
            // issue 19: an application to a call is not decided alone: it awaits scoring and the call's ranking, under
            // the measure version the call was opened on (not one published since), as the call pays it: a call that
            // grants checks no fund scope (issue 19 item 4)
            CallService.Deciding call = calls.deciding(measure.get(), submission.facts());
            Assessed a = assess(call.paying(), submission.facts(), judgedOn, 0, submission.applicantUscc(), basis, false);
            calls.enter(submission, call.measure(), judgedOn, businessDate, a, basis.values());
            return;
        }
        Checked checked = measure.map(m -> determineChecked(m, submission.facts(), judgedOn, decisionId,
                        submission.applicantUscc(), 0, basis))
                .orElseGet(() -> new Checked(unknownMeasure(submission), submission.facts()));
        crashPoint.accept("single-limited");
        write(submission, decisionId, businessDate, measure.orElse(null),
                measure.map(Measure::ruleVersion).orElse(submission.measureCode() + "@none"), checked.determination(),
                null, checked.facts(), measure.isPresent() ? basis.values() : null);
    }

    private void write(Submission s, String decisionId, LocalDate businessDate, Measure measure, String ruleVersion,
                       Determination d, String proposalId) {
        write(s, decisionId, businessDate, measure, ruleVersion, d, proposalId, s.facts(), null);
    }

    private void write(Submission s, String decisionId, LocalDate businessDate, Measure measure, String ruleVersion,
                       Determination d, String proposalId, Map<String, Object> inputs, Map<String, Object> basis) {
        var decided = new Decision(decisionId, s.applicationId(), s.applicantUscc(), s.measureCode(),
                District.parse(s.district()).orElse(null), d.evaluation(), d.proposedFen(), ruleVersion, businessDate, inputs, measure, d.shares(),
                d.capYear(), proposalId, null, 0, s.eventId(), s.payloadHash(), EligibilityEvents.SYSTEM_ACTOR,
                judgedOn(s, businessDate), basis);
        if (!writer.insert(decided)) {
            decisionStates.find(decisionId).ifPresent(raced -> requireSamePayload(raced, s.payloadHash(), s.eventId(),
                    s.applicationId()));
        }
    }

    /** A determination and the facts it was made on (a registered contract's values from the registry). */
    public record Checked(Determination determination, Map<String, Object> facts) {
    }

    /**
     * {@link #determine} after checking the facts against the platform's own registries: a measure whose
     * facts name a technology contract (B3b, 经认定登记的技术合同) is decided on the registry's amount and
     * date, or rejected when the contract is not registered, cancelled or not the applicant's - nothing
     * taken from any cap. Facts failing the schema are rejected by {@link #determine} as before.
     */
    public Checked determineChecked(Measure measure, Map<String, Object> facts, LocalDate businessDate, String owner,
                                    String uscc, long alreadyHeldFen) {
        return determineChecked(measure, facts, businessDate, owner, uscc, alreadyHeldFen, DecisionBasis.recording());
    }

    /** {@link #determineChecked}, recording in {@code basis} the registry values and fund scope it read. */
    public Checked determineChecked(Measure measure, Map<String, Object> facts, LocalDate businessDate, String owner,
                                    String uscc, long alreadyHeldFen, DecisionBasis basis) {
        Prechecked p = precheck(measure, facts, businessDate, owner, uscc, alreadyHeldFen, basis);
        Assessed a = p.assessed();
        if (p.registryCriteria().isEmpty()) {
            return new Checked(a.done() != null ? a.done() : approve(measure, a.rule(), facts, businessDate, owner, uscc,
                    a.amountFen(), alreadyHeldFen, a.criteria(), a.computationEn(), a.computationZh()), facts);
        }
        if (p.contract() == null) {
            return new Checked(a.done(), facts);
        }
        Determination d = a.done() != null ? a.done() : approve(measure, a.rule(), p.facts(), businessDate, owner, uscc,
                a.amountFen(), alreadyHeldFen, a.criteria(), a.computationEn(), a.computationZh(), p.contract().asMap());
        List<Criterion> criteria = new ArrayList<>(p.registryCriteria());
        criteria.addAll(d.evaluation().criteria());
        Evaluation e = d.evaluation();
        return new Checked(new Determination(new Evaluation(e.outcome(), e.amount(), criteria, e.computationEn(),
                e.computationZh()), d.proposedFen(), d.shares(), d.capYear()), p.facts());
    }

    /**
     * The verdict before the ledger, registry check included: {@code assessed} (a registry check that failed is a
     * final rejection naming it, {@code contract} then null), the criteria of a passed registry check to put first
     * ({@code registryCriteria}, empty when no registry applies), the facts decided on (the registry's values in) and
     * the contract checked. What the live path and the replay ({@link DecisionReplay}) both run.
     */
    record Prechecked(Assessed assessed, List<Criterion> registryCriteria, Map<String, Object> facts,
                      RegisteredContract contract) {
    }

    Prechecked precheck(Measure measure, Map<String, Object> facts, LocalDate businessDate, String owner, String uscc,
                        long alreadyHeldFen, DecisionBasis basis) {
        if (!ContractRegistry.applies(measure) || measure.status() != MeasureStatus.OPEN
                || !factsValidator.violations(measure.ruleVersion(), measure.factsSchema(), facts).isEmpty()) {
            return new Prechecked(assess(measure, facts, businessDate, alreadyHeldFen, uscc, basis), List.of(), facts, null);
        }
        // a retry of an owner whose earlier attempt took ledger shares decides on the registry as that attempt read
        // it (kept with its intents): a contract cancelled or amended in between must not leave shares it does not state
        RegisteredContract contract = basis.contract(() -> ledger.basis(owner).map(RegisteredContract::fromMap)
                .orElseGet(() -> registry.find(ContractRegistry.number(facts)).orElse(null)));
        ContractRegistry.Check check = registry.check(uscc, facts, contract);
        if (!check.passed()) {
            return new Prechecked(Assessed.done(rejected(check.criteria())), check.criteria(), facts, null);
        }
        return new Prechecked(assess(measure, check.facts(), businessDate, alreadyHeldFen, uscc, basis),
                check.criteria(), check.facts(), contract);
    }

    /**
     * Applies a measure version to facts on a business date for {@code owner} (the decision id): status,
     * validity, facts schema, CEL criteria and amount, the automatic-approval limit, then exclusion
     * group and cap on the ledger. {@code alreadyHeldFen}: what an earlier decision on the same
     * application already holds on the ledger (appeals); only the difference is consumed.
     */
    public Determination determine(Measure measure, Map<String, Object> facts, LocalDate businessDate, String owner,
                                   String uscc, long alreadyHeldFen) {
        Assessed a = assess(measure, facts, businessDate, alreadyHeldFen, uscc, DecisionBasis.recording());
        if (a.done() != null) {
            return a.done();
        }
        return approve(measure, a.rule(), facts, businessDate, owner, uscc, a.amountFen(), alreadyHeldFen, a.criteria(),
                a.computationEn(), a.computationZh());
    }

    /** The verdict of the rule before the ledger: final ({@code done}), or an amount the ledger still limits. */
    record Assessed(Determination done, long amountFen, CompiledRule rule, List<Criterion> criteria, String computationEn,
                    String computationZh) {
        static Assessed done(Determination d) {
            return new Assessed(d, 0, null, null, null, null);
        }
    }

    Assessed assess(Measure measure, Map<String, Object> facts, LocalDate businessDate, long alreadyHeldFen, String uscc,
                    DecisionBasis basis) {
        return assess(measure, facts, businessDate, alreadyHeldFen, uscc, basis, true);
    }

    /** {@link #assess}; {@code limitAutomatic} false for an application to a call (its ranking decides the amount). */
    Assessed assess(Measure measure, Map<String, Object> facts, LocalDate businessDate, long alreadyHeldFen, String uscc,
                    DecisionBasis basis, boolean limitAutomatic) {
        List<Criterion> criteria = new ArrayList<>();
        if (measure.status() != MeasureStatus.OPEN) {
            criteria.add(new Criterion("status", false, "measure " + measure.code() + " is " + measure.status()
                    + " and takes no applications", "该措施不受理申请"));
            return Assessed.done(rejected(criteria));
        }
        boolean valid = measure.validOn(businessDate);
        criteria.add(valid
                ? new Criterion("validity", true, "measure " + measure.code() + " is valid on " + businessDate,
                measure.code() + " 措施在 " + businessDate + " 有效")
                : new Criterion("validity", false, "measure " + measure.code() + " runs from " + measure.validFrom() + " to "
                + measure.validTo() + ", not on " + businessDate, measure.code() + " 措施有效期为 " + measure.validFrom()
                + " 至 " + measure.validTo()));
        if (!valid) {
            return Assessed.done(rejected(criteria));
        }
        // where the source says enterprise (企业): from the applicant's unified social credit code, not a typed fact
        Optional<Criterion> type = BeneficiaryKinds.criterion(measure, uscc);
        if (type.isPresent()) {
            criteria.add(type.get());
            if (!type.get().passed()) {
                return Assessed.done(rejected(criteria));
            }
        }
        List<String> violations = factsValidator.violations(measure.ruleVersion(), measure.factsSchema(), facts);
        if (!violations.isEmpty()) {
            violations.forEach(v -> criteria.add(new Criterion("facts", false, v, "申请事实不符合要求：" + v)));
            return Assessed.done(rejected(criteria));
        }
        // B1 (认定的……企业): the certificate is checked against the imported certification lists, not the applicant's word
        Optional<Criterion> listed = certifications.check(measure, facts, uscc);
        if (listed.isPresent()) {
            criteria.add(listed.get());
            if (!listed.get().passed()) {
                return Assessed.done(rejected(criteria));
            }
        }
        CompiledRule rule = catalogue.compiled(measure);
        CompiledRule.Result result = rule.evaluate(facts, businessDate);
        criteria.addAll(result.criteria());
        if (!result.passed()) {
            return Assessed.done(rejected(criteria));
        }
        if (result.amountFen() == null) {
            return Assessed.done(new Determination(Evaluation.review(criteria, "no amount formula for " + measure.code()
                    + ": an officer decides the amount (" + measure.sourceRule() + ")"), null, List.of(), null));
        }
        long amount = result.amountFen();
        Long bound = measure.capFen() != null ? measure.capFen() : measure.rule().maxFen();
        if (amount <= 0) {
            criteria.add(new Criterion("amount", false, "the computed amount " + Money.ofFen(amount) + " is not positive",
                    "计算金额不为正"));
            return Assessed.done(rejected(criteria));
        }
        if (bound != null && amount / config.absurdFactor() > bound) {
            criteria.add(new Criterion("amount", false, "the computed amount " + Money.ofFen(amount) + " exceeds the measure's"
                    + " cap " + Money.ofFen(bound) + " by orders of magnitude: the facts are not plausible",
                    "计算金额超出上限数个数量级，申请事实不合理"));
            return Assessed.done(rejected(criteria));
        }
        // 拨改投 (C1): an award the receiving fund would refuse is decided as a grant, saying why (issue 16 item 5)
        String computationEn = result.computationEn();
        String computationZh = result.computationZh();
        Optional<Criterion> scope = fundScope(measure, facts, basis);
        if (scope.isPresent()) {
            criteria.add(scope.get());
            if (!scope.get().passed()) {
                computationEn += "; " + scope.get().en();
                computationZh += "；" + scope.get().zh();
            }
        }
        if (limitAutomatic && amount > config.autoApproveMaxFen() && alreadyHeldFen == 0) {
            criteria.add(new Criterion("automaticApprovalLimit", false, "the computed amount " + Money.ofFen(amount)
                    + " is above the automatic approval limit " + Money.ofFen(config.autoApproveMaxFen())
                    + ": an officer confirms it", "金额超过自动审批上限，需人工审核"));
            return Assessed.done(new Determination(new Evaluation(Outcome.REVIEW_REQUIRED, Money.ZERO, criteria,
                    computationEn, computationZh), amount, List.of(), null));
        }
        return new Assessed(null, amount, rule, criteria, computationEn, computationZh);
    }

    /**
     * The receiving fund's scope check of a grant-to-investment measure (one naming a {@code fundCode}), from the
     * projection of fund-investments' {@code FundScopePublished}: outside it a failed criterion (the decision is paid
     * as a grant, {@link Decision#disbursed}); inside, or the scope not received yet (the fund checks it on
     * conversion, as before), a passed one. Empty for other measures.
     */
    private Optional<Criterion> fundScope(Measure measure, Map<String, Object> facts, DecisionBasis basis) {
        if (measure.fundCode() == null || measure.disbursement() != DisbursementMode.INVESTMENT) {
            return Optional.empty();
        }
        String stage = facts.get("stage") == null ? null : facts.get("stage").toString();
        String field = facts.get("field") == null ? null : facts.get("field").toString();
        return Optional.of(basis.fundScope(() -> fundScopes.find(measure.fundCode())).map(s -> s.outside(stage, field)
                        .orElseGet(() -> s.within(stage, field)))
                .orElseGet(() -> FundScope.unknown(measure.fundCode(), measure.fallback())));
    }

    /** Runs an approved amount through the ledger (exclusion group, cap) and states the outcome. */
    public Determination approve(Measure measure, CompiledRule rule, Map<String, Object> facts, LocalDate businessDate,
                                 String owner, String uscc, long amount, long alreadyHeldFen, List<Criterion> criteria,
                                 String computationEn, String computationZh) {
        return approve(measure, rule, facts, businessDate, owner, uscc, amount, alreadyHeldFen, criteria, computationEn,
                computationZh, null);
    }

    /** {@link #approve}, keeping {@code basis} with the owner's cap intents ({@link LedgerService#basis}). */
    private Determination approve(Measure measure, CompiledRule rule, Map<String, Object> facts, LocalDate businessDate,
                                  String owner, String uscc, long amount, long alreadyHeldFen, List<Criterion> criteria,
                                  String computationEn, String computationZh, Map<String, Object> basis) {
        List<Criterion> all = new ArrayList<>(criteria);
        if (alreadyHeldFen >= amount) {
            return new Determination(new Evaluation(Outcome.APPROVED, Money.ofFen(amount), all, computationEn
                    + "; within the " + Money.ofFen(alreadyHeldFen) + " the earlier decision already holds on the ledger",
                    computationZh), amount, List.of(), null);
        }
        String claim = alreadyHeldFen > 0 ? null : rule.claimKey(facts, businessDate);
        if (alreadyHeldFen == 0 && measure.claimKey() != null && claim == null) {
            // what may be rewarded once cannot be named: refused, never rewarded without the once-only claim
            all.add(new Criterion("claimKey", false, measure.code() + " rewards " + measure.claimKey() + " once, and the"
                    + " facts do not give it: the application is refused", "无法确定一次性奖励的对象，不予支持"));
            return new Determination(Evaluation.rejected(all), amount, List.of(), null);
        }
        LedgerService.Limited limited = ledger.limit(owner, basis, measure, uscc, facts, businessDate,
                rule.capKey(facts, businessDate), claim, amount - alreadyHeldFen);
        return limited(amount, alreadyHeldFen + limited.grantedFen(), all, limited.criteria(), computationEn, computationZh,
                limited.shares(), limited.capYear());
    }

    /** The outcome once the limits granted {@code granted} of {@code amount}, explained by {@code limits}. */
    private static Determination limited(long amount, long granted, List<Criterion> criteria, List<Criterion> limits,
                                         String computationEn, String computationZh, List<Map<String, Object>> shares,
                                         Integer capYear) {
        List<Criterion> all = new ArrayList<>(criteria);
        all.addAll(limits);
        if (granted <= 0) {
            return new Determination(Evaluation.rejected(all), amount, shares, capYear);
        }
        String en = granted < amount ? computationEn + "; limited to " + Money.ofFen(granted) + " by "
                + String.join(", ", limits.stream().map(Criterion::name).toList()) + " (see criteria)"
                : computationEn;
        String zh = granted < amount ? computationZh + "；受上限或互斥规则限制，支持 " + Money.ofFen(granted) : computationZh;
        return new Determination(new Evaluation(Outcome.APPROVED, Money.ofFen(granted), all, en, zh), amount, shares,
                capYear);
    }

    private static Determination rejected(List<Criterion> criteria) {
        return new Determination(Evaluation.rejected(criteria), null, List.of(), null);
    }

    static void requireSamePayload(StoredDecision decision, String hash, String eventId, String applicationId) {
        DecisionQueries.requireSamePayload(decision.sourceHash(), decision.sourceEventId(), hash, eventId, applicationId);
    }
}
