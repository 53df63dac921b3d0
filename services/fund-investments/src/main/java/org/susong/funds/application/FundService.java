package org.susong.funds.application;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.susong.commons.idempotency.IdempotencyInFlight;
import org.susong.commons.idempotency.IdempotencyRecords;
import org.susong.commons.ids.Ids;
import org.susong.commons.messaging.Outbox;
import org.susong.commons.money.Money;
import org.susong.commons.rest.ProblemException;
import org.susong.commons.security.Principal;
import org.susong.commons.time.BusinessClock;
import org.susong.funds.config.FundsConfig;
import org.susong.funds.domain.Fund;
import org.susong.funds.domain.FundKind;
import org.susong.funds.domain.FundStatus;
import org.susong.funds.domain.PendingTarget;
import org.susong.funds.domain.Instrument;
import org.susong.funds.domain.Stage;
import org.susong.funds.messaging.out.InvestmentEvents;
import org.susong.funds.persistence.FundRepository;

/** Funds: queries, registering and changing a fund or sub-fund, its target, opening and closing. */
@ApplicationScoped
public class FundService {

    /**
     * A fund to register: a top-level fund ({@code parentFundId} null: {@code kind} and {@code vintageYear} required) or a
     * sub-fund of a top-level fund (its kind and target membership are the parent's); its capital starts at zero
     * (commitments come through the capital API).
     */
    public record FundCommand(String id, String nameZh, String nameEn, String parentFundId, FundKind kind,
                              Integer vintageYear, Boolean inHundredBillionTarget, String manager, long targetSizeFen,
                              Integer reserveBasisPoints, Set<Stage> stages, List<String> fields,
                              Set<Instrument> instruments, boolean placeholder, String note) {
    }

    /** What {@code POST /funds} answers: the new fund, or the stored answer to a replayed Idempotency-Key. */
    public record Registered(Fund fund, IdempotencyRecords.Replayed replayed) {
    }

    /** A change of a fund's manager or scope; null members stay as they are. */
    public record FundChange(String manager, Set<Stage> stages, List<String> fields, Set<Instrument> instruments) {
    }

    /** How long the Idempotency-Key of a {@code POST /funds} is kept on the fund it created (as tech-contracts' default). */
    static final java.time.Duration IDEMPOTENCY_RETENTION = java.time.Duration.ofHours(24);

    /** How often a change of the manager or scope reads again after a concurrent change before it answers 409. */
    static final int CHANGE_ATTEMPTS = 5;

    private final FundRepository funds;
    private final FundsConfig config;
    private final Clock clock;
    private final ObjectMapper json;
    private final IdempotencyInFlight inFlight;

    FundService(FundRepository funds, FundsConfig config, Clock clock, ObjectMapper json, IdempotencyInFlight inFlight) {
        this.json = json;
        this.funds = funds;
        this.config = config;
        this.clock = clock;
        this.inFlight = inFlight;
    }

    /**
     * Registers a fund (admin). With an {@code Idempotency-Key} (commons {@code IdempotencyRecords}, as tech-contracts'
     * {@code POST /contracts}): the key (scoped to the user), the request hash and the answer ({@code answer} of the new
     * fund) are inserted with the fund, in one write; a repeat with the same body gets the stored answer
     * ({@link Registered#replayed()}), another body under the key 422 naming {@code Idempotency-Key}, a repeat while the
     * first is served here 409; a concurrent repeat elsewhere loses the insert and answers as a replay of the winner.
     */
    public Registered register(Principal principal, FundCommand command, String idempotencyKey,
                               Function<Fund, String> answer) {
        String scopedKey = IdempotencyRecords.scoped(principal, idempotencyKey);
        if (scopedKey == null) {
            return new Registered(registerOnce(principal, command, null, null, answer), null);
        }
        String requestHash = IdempotencyRecords.requestHash(command);
        Optional<IdempotencyRecords.Replayed> replay = funds.replay(scopedKey, requestHash, clock.instant());
        if (replay.isPresent()) {
            return new Registered(null, replay.get());
        }
        if (!inFlight.begin(scopedKey)) {
            throw IdempotencyRecords.inProgress();
        }
        try {
            return new Registered(registerOnce(principal, command, scopedKey, requestHash, answer), null);
        } catch (ProblemException e) {
            if (e.status() == 409) { // another instance's repeat won the insert: answer as its replay
                Optional<IdempotencyRecords.Replayed> won = funds.replay(scopedKey, requestHash, clock.instant());
                if (won.isPresent()) {
                    return new Registered(null, won.get());
                }
            }
            throw e;
        } finally {
            inFlight.end(scopedKey);
        }
    }

    /** Forgets Idempotency-Key records of {@code POST /funds} past their retention (the store has no TTL). */
    public long purgeIdempotency() {
        return funds.purgeIdempotency(clock.instant());
    }

    private Fund registerOnce(Principal principal, FundCommand c, String scopedKey, String requestHash,
                              Function<Fund, String> answer) {
        Fund fund = c.parentFundId() == null ? topLevel(c) : subFund(c);
        Instant now = clock.instant();
        IdempotencyRecords.Record record = scopedKey == null ? null : IdempotencyRecords.Record.of(scopedKey, requestHash,
                answer.apply(fund), now.plus(IDEMPOTENCY_RETENTION));
        if (!funds.insertRegistered(fund, now, Outbox.entries(json, 0, List.of(InvestmentEvents.scopePublished(fund,
                principal.user(), now)), now), record)) {
            throw ProblemException.conflict("fund " + c.id() + " already exists").with("field", "id");
        }
        return funds.find(c.id()).orElseThrow();
    }

    private Fund topLevel(FundCommand c) {
        if (c.kind() == null) {
            throw ProblemException.badRequest("kind", "a top-level fund (no parentFundId) needs its kind");
        }
        if (c.vintageYear() == null) {
            throw ProblemException.badRequest("vintageYear", "a top-level fund (no parentFundId) needs its vintage year");
        }
        int thisYear = LocalDate.ofInstant(clock.instant(), BusinessClock.ZONE).getYear();
        if (c.vintageYear() > thisYear) {
            throw ProblemException.unprocessable("vintageYear", "the vintage year (first close) cannot be after " + thisYear);
        }
        return open(c, c.kind(), Boolean.TRUE.equals(c.inHundredBillionTarget()));
    }

    /**
     * A sub-fund of a top-level fund (measure C2: the venture guidance fund's sub-funds, the S&T credit-enhancement
     * sub-fund): same kind and target membership as its parent, stages and instruments within the parent's.
     */
    private Fund subFund(FundCommand c) {
        Fund parent = funds.find(c.parentFundId()).orElseThrow(() -> ProblemException.unprocessable("parentFundId",
                "there is no fund " + c.parentFundId()));
        if (parent.subFund()) {
            throw ProblemException.unprocessable("parentFundId", c.parentFundId() + " is itself a sub-fund of "
                    + parent.parentFundId() + ": sub-funds belong to a top-level fund");
        }
        if (c.kind() != null && c.kind() != parent.kind()) {
            throw ProblemException.unprocessable("kind", "a sub-fund is of its parent's kind, " + parent.kind());
        }
        if (c.inHundredBillionTarget() != null && c.inHundredBillionTarget() != parent.inHundredBillionTarget()) {
            throw ProblemException.unprocessable("inHundredBillionTarget", "a sub-fund counts towards the target as its "
                    + "parent does (" + parent.inHundredBillionTarget() + ")");
        }
        withinParent(parent, c.stages(), c.instruments());
        return open(c, parent.kind(), parent.inHundredBillionTarget());
    }

    private static void withinParent(Fund parent, Set<Stage> stages, Set<Instrument> instruments) {
        if (!parent.mandate().stages().containsAll(stages)) {
            throw ProblemException.unprocessable("stages", "the parent " + parent.id() + " invests in "
                    + parent.mandate().stages() + " only");
        }
        if (!parent.mandate().instruments().containsAll(instruments)) {
            throw ProblemException.unprocessable("instruments", "the parent " + parent.id() + " uses "
                    + parent.mandate().instruments() + " only");
        }
    }

    private Fund open(FundCommand c, FundKind kind, boolean inHundredBillionTarget) {
        try {
            return Fund.open(c.id(), new Fund.Names(c.nameZh(), c.nameEn()), kind, c.parentFundId(), c.manager(),
                    Money.ofFen(c.targetSizeFen()), Map.of(), c.reserveBasisPoints() == null
                            ? config.defaultReserveBasisPoints() : c.reserveBasisPoints(),
                    new Fund.Mandate(c.stages(), c.fields() == null ? List.of() : c.fields(), c.instruments()),
                    inHundredBillionTarget, new Fund.Provenance(c.placeholder(), c.note())).withVintageYear(c.vintageYear());
        } catch (IllegalArgumentException e) {
            throw ProblemException.unprocessable("id", e.getMessage());
        }
    }

    /**
     * Changes a fund's manager or scope (admin). A sub-fund's stages and instruments stay within its parent's; a
     * top-level fund keeps the stages and instruments its sub-funds use. A change of stages or fields is announced as
     * {@code FundScopePublished.v1} with the fund's next sequence, in the same conditional write as the change
     * (architecture rule 1, docs/architecture.md#rule-1); a concurrent change makes it read again.
     *
     * @throws ProblemException 404 unknown; 422 naming {@code stages} or {@code instruments}; 409 when it kept losing
     */
    public Fund change(Principal principal, String id, FundChange change) {
        for (int attempt = 0; attempt < CHANGE_ATTEMPTS; attempt++) {
            FundRepository.Scope read = funds.scope(id).orElseThrow(() -> ProblemException.notFound("fund", id));
            Fund before = read.fund();
            Fund.Mandate mandate = new Fund.Mandate(change.stages() == null ? before.mandate().stages() : change.stages(),
                    change.fields() == null ? before.mandate().fields() : change.fields(),
                    change.instruments() == null ? before.mandate().instruments() : change.instruments());
            if (before.subFund()) {
                withinParent(funds.find(before.parentFundId()).orElseThrow(), mandate.stages(), mandate.instruments());
            } else {
                for (Fund sub : funds.findAll()) {
                    if (before.id().equals(sub.parentFundId())) {
                        keepsSubFund(sub, mandate);
                    }
                }
            }
            Fund changed = new Fund(before.id(), before.names(), before.kind(), before.parentFundId(),
                    change.manager() == null ? before.manager() : change.manager(), before.targetSize(), before.capital(),
                    before.reserveBasisPoints(), before.reserve(), mandate, before.status(), before.inHundredBillionTarget(),
                    before.provenance(), before.invested(), before.converted(), before.recycled(), before.vintageYear(),
                    before.reserveSpent(), before.subFunds());
            boolean scopeChanged = !mandate.stages().equals(before.mandate().stages())
                    || !mandate.fields().equals(before.mandate().fields());
            Instant now = clock.instant();
            var outbox = Outbox.entries(json, read.lastSequence(), scopeChanged
                    ? List.of(InvestmentEvents.scopePublished(changed, principal.user(), now)) : List.of(), now);
            if (funds.changeScope(read, changed, outbox)) {
                return funds.find(id).orElseThrow();
            }
        }
        throw ProblemException.conflict("fund " + id + " was changed concurrently; read it and repeat the change");
    }

    private static void keepsSubFund(Fund sub, Fund.Mandate mandate) {
        if (!mandate.stages().containsAll(sub.mandate().stages())) {
            throw ProblemException.unprocessable("stages", "the sub-fund " + sub.id() + " invests in "
                    + sub.mandate().stages() + ": its parent keeps them");
        }
        if (!mandate.instruments().containsAll(sub.mandate().instruments())) {
            throw ProblemException.unprocessable("instruments", "the sub-fund " + sub.id() + " uses "
                    + sub.mandate().instruments() + ": its parent keeps them");
        }
    }

    /** The funds the principal may see ({@link FundScope}), filtered in the query. */
    public List<Fund> list(Principal principal) {
        return funds.findAll(FundScope.restriction(principal));
    }

    /** The fund, when the principal may see it ({@link FundScope}); another fund is as unknown. */
    public Optional<Fund> find(Principal principal, String id) {
        return FundScope.covers(principal, id) ? funds.find(id) : Optional.empty();
    }

    /**
     * A fund's target as it stands, and the raise waiting for a second administrator, if any.
     *
     * @param proposed this request's raise is the one waiting (nothing changed yet)
     */
    public record TargetChange(Fund fund, Optional<PendingTarget> pending, boolean proposed) {
    }

    /**
     * Sets a fund's target size (the seeded sub-funds have 0, a placeholder: every commitment to them is refused until
     * an administrator sets it; a top-level fund's, issue 20 item 9, the same way). A
     * raise of more than {@code susong.funds.second-approval-above-fen} lets that much more capital be
     * committed: it waits for a second administrator ({@link #approveTarget}) and changes nothing yet. The
     * limit holds for the raises applied without a second administrator on the fund in a business day
     * together, so splitting a raise does not avoid the approval.
     *
     * @throws ProblemException 404 unknown, 409 a raise already waiting, 422 naming
     *                          {@code targetSizeFen} below the commitments
     */
    public TargetChange setTargetSize(Principal principal, String id, long targetSizeFen) {
        Fund fund = funds.find(id).orElseThrow(() -> ProblemException.notFound("fund", id));
        long raise = targetSizeFen - fund.targetSize().fen();
        long limit = config.secondApprovalAboveFen();
        if (raise > limit || raise > 0 && !funds.addWithinDailyLimit("target-raises:" + id,
                LocalDate.ofInstant(clock.instant(), BusinessClock.ZONE), raise, limit)) {
            // above the limit, alone or with the raises one administrator applied today: a second administrator
            PendingTarget pending = new PendingTarget(Ids.newId("TGT", clock), targetSizeFen,
                    principal.user(), clock.instant());
            if (!funds.proposeTarget(id, pending)) {
                throw ProblemException.conflict("a target change of fund " + id + " already awaits approval")
                        .with("changeId", funds.pendingTarget(id).map(PendingTarget::id).orElse(null));
            }
            return new TargetChange(fund, Optional.of(pending), true);
        }
        if (!funds.setTargetSize(id, Money.ofFen(targetSizeFen))) {
            throw ProblemException.unprocessable("targetSizeFen", "fund " + id + " has " + funds.find(id).orElseThrow()
                    .committed() + " committed: its target cannot be less");
        }
        return new TargetChange(funds.find(id).orElseThrow(), funds.pendingTarget(id), false);
    }

    /**
     * A second administrator approves the waiting raise {@code changeId} (maker-checker: principal
     * ids): the target is set and the change removed in one write. Idempotent by the change's id: its
     * approver's repeat answers the fund as it stands.
     *
     * @throws ProblemException 404 unknown fund; 409 no such change waiting, the maker approving, or
     *                          approved by another; 422 {@code targetSizeFen} when commitments grew beyond it
     */
    public TargetChange approveTarget(Principal principal, String id, String changeId) {
        Fund fund = funds.find(id).orElseThrow(() -> ProblemException.notFound("fund", id));
        Optional<PendingTarget> pending = funds.pendingTarget(id).filter(p -> p.id().equals(changeId));
        if (pending.isEmpty()) {
            if (approvedBy(id, changeId, principal)) {
                return new TargetChange(fund, funds.pendingTarget(id), false);
            }
            throw ProblemException.conflict("no target change " + changeId + " of fund " + id + " awaits approval");
        }
        if (pending.get().requestedBy().equals(principal.user())) {
            throw ProblemException.conflict("maker-checker: " + principal.user() + " asked for target change " + changeId
                    + "; a second, different administrator must approve it");
        }
        if (!funds.approveTarget(id, pending.get(), principal.user(), clock.instant())) {
            if (approvedBy(id, changeId, principal)) {
                return new TargetChange(funds.find(id).orElseThrow(), funds.pendingTarget(id), false);
            }
            if (funds.pendingTarget(id).filter(p -> p.id().equals(changeId)).isPresent()) {
                throw ProblemException.unprocessable("targetSizeFen", "fund " + id + " has " + funds.find(id).orElseThrow()
                        .committed() + " committed: its target cannot be less");
            }
            throw ProblemException.conflict("target change " + changeId + " of fund " + id + " was approved by another");
        }
        return new TargetChange(funds.find(id).orElseThrow(), funds.pendingTarget(id), false);
    }

    private boolean approvedBy(String fundId, String changeId, Principal principal) {
        return funds.lastTargetApproval(fundId).filter(a -> a.id().equals(changeId)
                && a.approvedBy().equals(principal.user())).isPresent();
    }

    /** Opens or closes the fund; 404 problem when unknown. */
    public Fund setStatus(String id, FundStatus status) {
        if (!funds.setStatus(id, status)) {
            throw ProblemException.notFound("fund", id);
        }
        return funds.find(id).orElseThrow();
    }
}
