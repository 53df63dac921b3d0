package org.susong.eligibility.application;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.susong.commons.messaging.NewEvent;
import org.susong.commons.messaging.Outbox;
import org.susong.commons.messaging.OutboxRelay;
import org.susong.commons.money.Money;
import org.susong.eligibility.config.EligibilityConfig;
import org.susong.eligibility.domain.Award;
import org.susong.eligibility.domain.BeneficiaryKinds;
import org.susong.eligibility.domain.CompiledRule;
import org.susong.eligibility.domain.Criterion;
import org.susong.eligibility.domain.Evaluation;
import org.susong.eligibility.domain.Measure;
import org.susong.eligibility.domain.Readings;
import org.susong.eligibility.domain.MeasureStatus;
import org.susong.eligibility.domain.Outcome;
import org.susong.eligibility.messaging.out.EligibilityEvents;
import org.susong.eligibility.persistence.AwardRepository;
import org.susong.eligibility.persistence.AwardWrites;
import org.susong.eligibility.persistence.DecisionIds;
import org.susong.eligibility.persistence.RegisteredContract;
import org.susong.eligibility.persistence.StoredAward;
import org.susong.eligibility.domain.AwardState;
import org.susong.eligibility.domain.ContractParty;

/**
 * Automatic B3b awards (no application needed). A registered contract is rewarded for the entitled
 * party (configurable; seller by default): the amount is computed under the current B3b version,
 * the annual cap is consumed intent first under the proposal id, and {@code AwardProposed} is
 * published from the award document. The system-initiated application the applications service
 * makes of it carries the proposal id, and its decision finalises the proposal - with the
 * proposal's amount, never capped a second time. A cancellation, or an amendment that lowers the
 * technical transaction amount, after the award asks payments to recover the difference
 * ({@code RevocationRequested}) and gives the cap share back.
 */
@ApplicationScoped
public class AwardService {

    private static final Logger LOG = Logger.getLogger(AwardService.class);
    public static final String MEASURE = "B3b";

    /** What a finalising decision states. */
    public record Finalisation(Evaluation evaluation, Measure measure, String ruleVersion,
                               List<Map<String, Object>> shares, Integer capYear) {
    }

    /** A registered contract, as the tech-contracts event states it. */
    public record Contract(String eventId, String contractId, String registrationNumber, String sellerUscc,
                           String sellerName, String buyerUscc, String buyerName, String district, String registeredOn,
                           long technicalTransactionAmountFen) {
    }

    private final AwardWrites awards;
    private final CatalogueService catalogue;
    private final LedgerService ledger;
    private final OutboxRelay relay;
    private final ObjectMapper json;
    private final Clock clock;
    private final EligibilityConfig config;
    private final ContractRegistry contracts;

    AwardService(AwardWrites awards, CatalogueService catalogue, LedgerService ledger, OutboxRelay relay,
                 ObjectMapper json, Clock clock, EligibilityConfig config, ContractRegistry contracts) {
        this.contracts = contracts;
        this.awards = awards;
        this.catalogue = catalogue;
        this.ledger = ledger;
        this.relay = relay;
        this.json = json;
        this.clock = clock;
        this.config = config;
    }

    /** Faults between writes, set by tests only: between the cap taken for a proposal and its award insert ("award-limited"). */
    private volatile java.util.function.Consumer<String> crashPoint = step -> { };

    void crashPoint(java.util.function.Consumer<String> hook) {
        crashPoint = hook;
    }

    /**
     * A registration (live, redelivered or replayed from the dead-letter topic): proposed once, on the registry as
     * the projection holds it - a cancellation projected before it proposes nothing, a lower amendment projected
     * before it is the basis. Then, the award written, the projection is read again: a cancellation or amendment
     * whose own handler looked for the award before it existed (the replay channel and the live one race) is
     * applied here, under its own event id (once, whichever side gets there first).
     */
    public void registered(Contract c) {
        if (!config.b3b().automatic()) {
            return;
        }
        if (awards.find(c.contractId()).isEmpty()) {
            propose(c);
        }
        reviseFromRegistry(c);
    }

    private void propose(Contract c) {
        Instant now = clock.instant();
        LocalDate today = LocalDate.now(clock);
        boolean seller = ContractParty.rewarded(config.b3b().rewardedParty()) == ContractParty.SELLER;
        String uscc = seller ? c.sellerUscc() : c.buyerUscc();
        String name = seller ? c.sellerName() : c.buyerName();
        Date at = Date.from(now);
        List<String> applied = List.of(c.eventId());
        String proposalId = DecisionIds.proposal(c.contractId(), 1);
        // the registry as an earlier attempt of this proposal took its cap on (kept with its intents), else as now
        RegisteredContract registry = ledger.basis(proposalId).map(RegisteredContract::fromMap)
                .orElseGet(() -> contracts.find(c.registrationNumber()).orElseGet(() -> asRegistered(c)));
        if (registry.cancelled()) {
            // 经认定登记: the registration was cancelled before it reached here (e.g. replayed from the dead-letter topic)
            awards.insertRefused(c.contractId(), c.registrationNumber(), c.eventId(), at,
                    registry.cancelEventId() == null ? applied : List.of(c.eventId(), registry.cancelEventId()),
                    "NOT_ELIGIBLE", "contract " + c.registrationNumber() + " was cancelled in the registry"
                            + (registry.cancelledOn() == null ? "" : " on " + registry.cancelledOn())
                            + " before its registration was consumed here: not rewarded",
                    "技术合同 " + c.registrationNumber() + " 已撤销登记，不予奖励", null);
            return;
        }
        // amendments projected before the registration: the award is due on the lowest amount, as if they had come after
        long basisFen = c.technicalTransactionAmountFen();
        for (RegisteredContract.Amendment a : registry.amendments()) {
            basisFen = Math.min(basisFen, a.technicalFen());
        }
        Measure measure = catalogue.find(MEASURE).orElse(null);
        if (uscc == null) {
            awards.insertRefused(c.contractId(), c.registrationNumber(), c.eventId(), at, applied, "NO_BENEFICIARY",
                    "the " + (seller ? "seller" : "buyer") + " is foreign (no USCC): nobody in Xiamen to reward", null, null);
            return;
        }
        if (measure == null || measure.status() != MeasureStatus.OPEN || !measure.validOn(today)) {
            awards.insertRefused(c.contractId(), c.registrationNumber(), c.eventId(), at, applied, "NOT_ELIGIBLE",
                    "B3b is not open on " + today, null, null);
            return;
        }
        // B3b 给予单家企业: a university or institute selling the contract is no enterprise (its USCC says so)
        Optional<Criterion> type = BeneficiaryKinds.criterion(measure, uscc);
        if (type.isPresent() && !type.get().passed()) {
            awards.insertRefused(c.contractId(), c.registrationNumber(), c.eventId(), at, applied, "NOT_ELIGIBLE",
                    type.get().en(), type.get().zh(), List.of(type.get()));
            return;
        }
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("contractRegistrationNumber", c.registrationNumber());
        facts.put("technicalTransactionAmountFen", basisFen);
        facts.put("registeredOn", c.registeredOn());
        facts.put("contractId", c.contractId());
        CompiledRule rule = catalogue.compiled(measure);
        CompiledRule.Result result = rule.evaluate(facts, today);
        if (!result.passed() || result.amountFen() == null || result.amountFen() <= 0) {
            awards.insertRefused(c.contractId(), c.registrationNumber(), c.eventId(), at, applied, "NOT_ELIGIBLE", null,
                    null, result.criteria());
            return;
        }
        LedgerService.Limited limited = ledger.limit(proposalId, registry.asMap(), measure, uscc, facts, today, null,
                rule.claimKey(facts, today), result.amountFen());
        long amount = limited.grantedFen();
        List<Criterion> criteria = new ArrayList<>();
        type.ifPresent(criteria::add);
        if (basisFen < c.technicalTransactionAmountFen()) {
            criteria.add(new Criterion("registryValues", true, "technical transaction amount " + Money.ofFen(basisFen)
                    + " as amended in the registry (registered: " + Money.ofFen(c.technicalTransactionAmountFen()) + ")",
                    "技术交易额以登记库变更后为准（" + Money.ofFen(basisFen) + "）"));
        }
        criteria.addAll(result.criteria());
        criteria.addAll(limited.criteria());
        var proposal = new AwardWrites.NewProposal(proposalId, 1, amount > 0 ? AwardState.PROPOSED : AwardState.CAP_EXHAUSTED, uscc, name,
                c.district(), MEASURE, measure.ruleVersion(), basisFen, result.amountFen(), amount, limited.shares(),
                limited.capYear(), null, null, facts, criteria, result.computationEn(), result.computationZh());
        List<NewEvent> events = new ArrayList<>();
        if (amount > 0) {
            String en = result.computationEn() + (amount < result.amountFen() ? "; limited to " + Money.ofFen(amount)
                    + " by the annual cap" : "");
            String zh = result.computationZh() + (amount < result.amountFen() ? "；受年度上限限制，支持 " + Money.ofFen(amount) : "");
            Readings.Words words = Readings.proposal(measure, criteria, en, zh);
            events.add(EligibilityEvents.awardProposed(new EligibilityEvents.AwardProposedV1(proposalId, MEASURE,
                    measure.ruleVersion(), uscc, name, c.district(), c.contractId(), c.registrationNumber(),
                    basisFen, amount, limited.capYear(),
                    new EligibilityEvents.Explanation(words.en(), words.zh()), now, facts), c.eventId()));
        }
        var outbox = Outbox.entries(json, 0, events, now);
        crashPoint.accept("award-limited");
        if (awards.insertProposed(c.contractId(), c.registrationNumber(), c.eventId(), at, proposal, outbox)
                && !events.isEmpty()) {
            relay.publishSoon(AwardRepository.COLLECTION, c.contractId());
        }
    }

    /**
     * Write before read (the registration's half): the award is written, so a cancellation or lower amendment
     * projected from now on finds it in its own handler; one projected before is read here. Applied under the
     * event's own id, so whichever side gets there first applies it and the other redoes only its releases.
     */
    private void reviseFromRegistry(Contract c) {
        RegisteredContract now = contracts.find(c.registrationNumber()).orElse(null);
        StoredAward award = now == null ? null : awards.find(c.contractId()).orElse(null);
        if (award == null || !award.proposed()) {
            return;
        }
        if (now.cancelled()) {
            if (now.cancelEventId() != null) {
                cancelled(now.cancelEventId(), c.contractId(), now.cancelReason() == null ? "cancelled" : now.cancelReason());
            }
            return;
        }
        long basisFen = Long.MAX_VALUE;
        for (StoredAward.Proposal p : award.proposals()) {
            basisFen = Math.min(basisFen, p.basisFen());
        }
        for (RegisteredContract.Amendment a : now.amendments()) {
            if (a.eventId() != null && a.technicalFen() < basisFen) {
                amended(a.eventId(), c.contractId(), basisFen, a.technicalFen());
            }
        }
    }

    private static RegisteredContract asRegistered(Contract c) {
        return new RegisteredContract(c.registrationNumber(), c.contractId(), false, null, null, null, c.registeredOn(),
                c.sellerUscc(), c.buyerUscc(), c.technicalTransactionAmountFen(), List.of());
    }

    /** The decision on the system-initiated application made from a proposal: the proposal's amount, not capped again. */
    public Finalisation finalise(String proposalId, String decisionId, DecisionService.Submission s) {
        String contractId = DecisionIds.contractOfProposal(proposalId);
        StoredAward award = contractId == null ? null : awards.find(contractId).orElse(null);
        StoredAward.Proposal proposal = award == null ? null : award.proposal(proposalId);
        if (proposal == null) {
            return refused("proposal", "award proposal " + proposalId + " is unknown", "自动奖励建议不存在", null, null);
        }
        // B3b (a contract) or B1 (a certification list, CertificationAwards): the measure the proposal was made under
        String code = proposal.measureCode() == null ? MEASURE : proposal.measureCode();
        Measure measure = catalogue.findVersion(code, version(proposal.ruleVersion())).orElse(null);
        String ruleVersion = proposal.ruleVersion();
        if (!code.equals(s.measureCode())) {
            return refused("proposal", "proposal " + proposalId + " is a " + code + " award, not " + s.measureCode(),
                    "申请的措施与自动奖励建议不符", measure, ruleVersion);
        }
        if (!proposal.beneficiaryUscc().equals(s.applicantUscc())) {
            return refused("proposal", "proposal " + proposalId + " rewards " + proposal.beneficiaryUscc()
                    + ", not the applicant " + s.applicantUscc(), "申请人与自动奖励对象不符", measure, ruleVersion);
        }
        String seq = proposal.seqField();
        String holder = proposal.decisionId();
        if (holder != null && !holder.equals(decisionId)) {
            return refused("proposal", "proposal " + proposalId + " was already finalised by decision " + holder,
                    "该自动奖励已由其他决定确认", measure, ruleVersion);
        }
        if (proposal.state() != AwardState.PROPOSED && !decisionId.equals(holder)) {
            return refused("proposal", "proposal " + proposalId + " is " + proposal.state()
                    + " (the contract was cancelled or the cap was used up)", "自动奖励已撤销或无额度", measure, ruleVersion);
        }
        // claim the proposal for this decision before the decision is written; a retry finds its own claim
        awards.claim(contractId, seq, decisionId, s.applicationId());
        StoredAward.Proposal claimed = awards.find(contractId).orElseThrow().proposal(proposalId);
        if (!decisionId.equals(claimed.decisionId())) {
            return refused("proposal", "proposal " + proposalId + " was finalised by decision "
                    + claimed.decisionId(), "该自动奖励已由其他决定确认", measure, ruleVersion);
        }
        long amount = claimed.heldFen();
        List<Criterion> criteria = new ArrayList<>(claimed.criteria());
        criteria.add(new Criterion("proposal", true, "finalises automatic award proposal " + proposalId + " for "
                + (MEASURE.equals(code) ? "contract " : "certification ") + contractId + " (the cap was consumed when it was proposed; not capped a second time)",
                "确认自动奖励建议 " + proposalId + "（额度已在建议时占用，不重复计算）"));
        if (amount <= 0) {
            return new Finalisation(Evaluation.rejected(criteria), measure, ruleVersion, claimed.capShares(),
                    claimed.capYear());
        }
        return new Finalisation(new Evaluation(Outcome.APPROVED, Money.ofFen(amount), criteria,
                claimed.computationEn() + "; proposal " + proposalId + " amount " + Money.ofFen(amount),
                (claimed.computationZh() == null ? "" : claimed.computationZh() + "；")
                        + "自动奖励 " + proposalId + "：" + Money.ofFen(amount)), measure, ruleVersion,
                claimed.capShares(), claimed.capYear());
    }

    /** The contract was cancelled: every award made on it is revoked (finalised) or withdrawn (still proposed). */
    public void cancelled(String eventId, String contractId, String reason) {
        revise(eventId, contractId, null, "contract " + contractId + " cancelled: " + reason);
    }

    /**
     * The contract was amended: a lower technical transaction amount lowers the award, a higher one tops it up
     * ({@link #toppedUp}).
     */
    public void amended(String eventId, String contractId, long beforeFen, long afterFen) {
        if (afterFen > beforeFen) {
            toppedUp(eventId, contractId, afterFen);
            return;
        }
        if (afterFen == beforeFen) {
            return;
        }
        revise(eventId, contractId, afterFen, "contract " + contractId + " amended: technical transaction amount "
                + Money.ofFen(beforeFen) + " -> " + Money.ofFen(afterFen));
    }

    private void revise(String eventId, String contractId, Long newBasisFen, String reason) {
        StoredAward award = awards.find(contractId).orElse(null);
        if (award == null || !award.proposed()) {
            return;
        }
        Instant now = clock.instant();
        boolean seen = award.appliedEvents().contains(eventId);
        List<NewEvent> events = new ArrayList<>();
        List<AwardWrites.Revision> revisions = new ArrayList<>();
        List<CapRelease> releases = new ArrayList<>();
        // what the contract is now due in all, kept by the oldest proposals first: a top-up (seq > 1) is revoked first
        long due = newBasisFen == null ? 0 : recompute(award.first(), newBasisFen);
        for (StoredAward.Proposal p : award.proposals()) {
            String seq = p.seq();
            long held = p.heldFen();
            if (held <= 0 || p.state() == AwardState.CANCELLED) {
                continue;
            }
            long entitled = Math.min(held, due);
            due -= entitled;
            long difference = held - entitled;
            if (difference <= 0) {
                continue;
            }
            String releaseId;
            if (p.decisionId() != null) {
                int n = p.revocations().size() + 1;
                String revocationId = DecisionIds.revocation(p.decisionId(), n);
                releaseId = revocationId;
                events.add(EligibilityEvents.revocationRequested(new EligibilityEvents.RevocationRequestedV1(revocationId,
                        p.decisionId(), p.applicationId(), p.beneficiaryUscc(), MEASURE,
                        difference, reason, contractId, now), eventId, p.district()));
                revisions.add(new AwardWrites.Revision(seq, new StoredAward.Recorded(revocationId, difference, eventId),
                        null, false, difference));
            } else {
                // one release id per proposal: the proposals of an award share their cap ledger (seq 1 keeps its old id)
                releaseId = "1".equals(seq) ? "WD:" + eventId : "WD:" + eventId + ":" + seq;
                // recorded like a revocation, so that a retry after this write still gives the cap share back
                revisions.add(new AwardWrites.Revision(seq, null, new StoredAward.Recorded(releaseId, difference, eventId),
                        newBasisFen == null, difference));
            }
            capReleases(p, difference, releaseId, releases);
        }
        if (!seen) {
            if (revisions.isEmpty() && events.isEmpty()) {
                awards.markApplied(contractId, eventId, false);
                return;
            }
            var outbox = Outbox.entries(json, award.lastSequence(), events, now);
            // guarded by rev: a proposal finalised meanwhile (another topic) is revised from its new state, on retry
            if (!awards.revise(contractId, eventId, award.rev(), revisions, outbox)) {
                throw new org.susong.commons.messaging.TransientFailure("award " + contractId + " changed meanwhile");
            }
            relay.publishSoon(AwardRepository.COLLECTION, contractId);
        } else {
            releases.clear();
            recordedReleases(award, eventId, releases);
        }
        for (CapRelease r : releases) {
            ledger.releasePart(r.ledgerKey(), r.owner(), r.fen(), r.releaseId());
        }
    }

    /**
     * An upward amendment tops the award up: a new proposal ({@code seq} n+1) for the difference between what the
     * amended amount is due under the rule version of the first proposal and what the earlier proposals still hold,
     * limited to what is left of the B3b annual cap (1,000,000 CNY per enterprise per year) and taken intent first
     * under the new proposal's id, exactly like the first proposal (no claim: the contract's once-only claim is the
     * first proposal's). Once per amendment event: the event id first reserves the seq in the award (so a retry or
     * a redelivery uses the same proposal id, whose ledger intents are idempotent), and the proposal is written with
     * the event marked applied, guarded by the award's {@code rev}. Write before read: the reservation is written
     * before the registry is read, so a cancellation either is seen here (nothing topped up, a share taken by an
     * earlier attempt given back) or sees the reservation in its own award write (which then fails this one's guard).
     * An award not made yet (amendment before registration) is left to the registration, which rewards the lowest
     * amount.
     */
    private void toppedUp(String eventId, String contractId, long afterFen) {
        StoredAward award = awards.find(contractId).orElse(null);
        if (award == null || !award.proposed() || award.appliedEvents().contains(eventId)) {
            return;
        }
        Integer seq = award.topUps().get(eventId);
        if (seq == null) {
            int next = 1;
            for (StoredAward.Proposal p : award.proposals()) {
                next = Math.max(next, Integer.parseInt(p.seq()) + 1);
            }
            for (int taken : award.topUps().values()) {
                next = Math.max(next, taken + 1);
            }
            seq = next;
            if (!awards.reserveTopUp(contractId, award.rev(), eventId, seq)) {
                throw new org.susong.commons.messaging.TransientFailure("award " + contractId + " changed meanwhile");
            }
            award = awards.find(contractId).orElseThrow();
        }
        Instant now = clock.instant();
        LocalDate today = LocalDate.now(clock);
        StoredAward.Proposal first = award.first();
        String proposalId = DecisionIds.proposal(contractId, seq);
        String uscc = first.beneficiaryUscc();
        Measure measure = catalogue.findVersion(MEASURE, version(first.ruleVersion())).orElseThrow();
        Map<String, Object> facts = new LinkedHashMap<>(first.facts());
        // an earlier attempt of this top-up kept what it was computed on with its intents: decide on that again
        Map<String, Object> basis = ledger.basis(proposalId).orElse(null);
        long afterBasisFen = basis == null ? afterFen : ((Number) basis.get("technicalTransactionAmountFen")).longValue();
        long heldFen = basis == null ? award.heldFen() : ((Number) basis.get("heldFen")).longValue();
        if (basis == null) {
            basis = new LinkedHashMap<>();
            basis.put("topUpOf", eventId);
            basis.put("technicalTransactionAmountFen", afterBasisFen);
            basis.put("heldFen", heldFen);
        }
        facts.put("technicalTransactionAmountFen", afterBasisFen);
        CompiledRule.Result result = catalogue.compiled(measure).evaluate(facts, today);
        long dueFen = result.passed() && result.amountFen() != null ? result.amountFen() : 0;
        long requested = dueFen - heldFen;
        String registrationNumber = (String) first.facts().get("contractRegistrationNumber");
        RegisteredContract registry = contracts.find(registrationNumber).orElse(null);
        boolean cancelled = (registry != null && registry.cancelled()) || award.proposals().stream()
                .anyMatch(p -> p.state() == AwardState.CANCELLED);
        if (cancelled || requested <= 0) {
            if (ledger.basis(proposalId).isPresent()) {
                // an earlier attempt took a share before the cancellation was seen: finish its intent, give it back
                LedgerService.Limited taken = ledger.limit(proposalId, basis, measure, uscc, facts, today, null, null,
                        Math.max(requested, 0));
                for (Map<String, Object> share : taken.shares()) {
                    ledger.release(Award.of(share).ledgerKey(), proposalId);
                }
            }
            awards.markApplied(contractId, eventId, true);
            return;
        }
        LedgerService.Limited limited = ledger.limit(proposalId, basis, measure, uscc, facts, today, null, null, requested);
        long amount = limited.grantedFen();
        List<Criterion> criteria = new ArrayList<>();
        criteria.add(new Criterion("topUp", true, "upward amendment of contract " + contractId + ": technical transaction"
                + " amount " + Money.ofFen(afterBasisFen) + " is due " + Money.ofFen(dueFen) + " under "
                + measure.ruleVersion() + "; the earlier proposals hold " + Money.ofFen(heldFen) + ", so the top-up asks "
                + Money.ofFen(requested) + (amount < requested ? ", limited to " + Money.ofFen(amount)
                + " left of the annual cap of " + Money.ofFen(measure.capFen()) + " per enterprise" : ""),
                "技术合同变更后技术交易额 " + Money.ofFen(afterBasisFen) + "，应奖励 " + Money.ofFen(dueFen) + "，已建议 "
                        + Money.ofFen(heldFen) + "，补差 " + Money.ofFen(requested)
                        + (amount < requested ? "，受年度上限限制，支持 " + Money.ofFen(amount) : "")));
        criteria.addAll(result.criteria());
        criteria.addAll(limited.criteria());
        String en = "top-up for the upward amendment: " + result.computationEn() + " less " + Money.ofFen(heldFen)
                + " already proposed = " + Money.ofFen(requested) + (amount < requested ? "; limited to "
                + Money.ofFen(amount) + " by the annual cap" : "");
        String zh = "合同变更补差：" + result.computationZh() + "，减去已建议 " + Money.ofFen(heldFen) + "，补 "
                + Money.ofFen(requested) + (amount < requested ? "；受年度上限限制，支持 " + Money.ofFen(amount) : "");
        var proposal = new AwardWrites.NewProposal(proposalId, seq, amount > 0 ? AwardState.PROPOSED : AwardState.CAP_EXHAUSTED, uscc,
                first.beneficiaryName(), first.district(), MEASURE, measure.ruleVersion(), afterBasisFen, requested, amount,
                limited.shares(), limited.capYear(), eventId, heldFen, facts, criteria, en, zh);
        List<NewEvent> events = new ArrayList<>();
        if (amount > 0) {
            Readings.Words words = Readings.proposal(measure, criteria, en, zh);
            events.add(EligibilityEvents.awardProposed(new EligibilityEvents.AwardProposedV1(proposalId, MEASURE,
                    measure.ruleVersion(), uscc, first.beneficiaryName(), first.district(), contractId,
                    registrationNumber, afterBasisFen, amount,
                    limited.capYear(), new EligibilityEvents.Explanation(words.en(), words.zh()), now, facts), eventId));
        }
        crashPoint.accept("top-up-limited");
        // guarded by rev: a cancellation or lower amendment written meanwhile is read again on retry (its own write
        // sees this reservation), and the same proposal id takes its ledger shares again idempotently
        if (!awards.addTopUp(contractId, award.rev(), eventId, proposal, Outbox.entries(json, award.lastSequence(), events,
                now))) {
            throw new org.susong.commons.messaging.TransientFailure("award " + contractId + " changed meanwhile");
        }
        if (!events.isEmpty()) {
            relay.publishSoon(AwardRepository.COLLECTION, contractId);
        }
    }

    /** What a proposal gives back of one cap share ({@code fen}), once per {@code releaseId}. */
    private record CapRelease(String ledgerKey, String owner, long fen, String releaseId) {
    }

    /**
     * A redelivered contract event: redo the (idempotent, by release id) ledger releases that its
     * recorded revocations and withdrawals stand for - the award write may have been the last one
     * before a crash or a store failure.
     */
    private static void recordedReleases(StoredAward award, String eventId, List<CapRelease> releases) {
        for (StoredAward.Proposal p : award.proposals()) {
            for (List<StoredAward.Recorded> recorded : List.of(p.revocations(), p.withdrawals())) {
                for (StoredAward.Recorded r : recorded) {
                    if (eventId.equals(r.cause())) {
                        capReleases(p, r.amountFen(), r.id(), releases);
                    }
                }
            }
        }
    }

    /** The cap shares (not the claim) a proposal gives back for {@code fen} revoked or withdrawn. */
    private static void capReleases(StoredAward.Proposal proposal, long fen, String releaseId, List<CapRelease> releases) {
        for (Map<String, Object> stored : proposal.capShares()) {
            Award share = Award.of(stored);
            if (share.ledgerKey().startsWith("CAP|")) {
                releases.add(new CapRelease(share.ledgerKey(), share.owner(), Math.min(fen, share.grantedFen()), releaseId));
            }
        }
    }

    private long recompute(StoredAward.Proposal proposal, long basisFen) {
        Measure m = catalogue.findVersion(MEASURE, version(proposal.ruleVersion())).orElseThrow();
        Map<String, Object> facts = new LinkedHashMap<>(proposal.facts());
        facts.put("technicalTransactionAmountFen", basisFen);
        CompiledRule.Result r = catalogue.compiled(m).evaluate(facts, LocalDate.now(clock));
        LOG.debugf("B3b recomputed on %d fen: %s", basisFen, r.computationEn());
        return r.passed() && r.amountFen() != null ? r.amountFen() : 0;
    }

    private static int version(String ruleVersion) {
        return Integer.parseInt(ruleVersion.substring(ruleVersion.indexOf('@') + 1));
    }

    private static Finalisation refused(String name, String en, String zh, Measure measure, String ruleVersion) {
        return new Finalisation(Evaluation.rejected(List.of(new Criterion(name, false, en, zh))), measure,
                ruleVersion == null ? MEASURE + "@none" : ruleVersion, List.of(), null);
    }
}
