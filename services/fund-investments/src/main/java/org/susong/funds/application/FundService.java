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
import org.susong.commons.ids.Ids;
import org.susong.commons.messaging.Outbox;
import org.susong.commons.money.Money;
import org.susong.commons.rest.ProblemException;
import org.susong.commons.security.Principal;
import org.susong.commons.time.BusinessClock;
import org.susong.funds.config.FundsConfig;
import org.susong.funds.domain.Fund;
import org.susong.funds.domain.FundStatus;
import org.susong.funds.domain.PendingTarget;
import org.susong.funds.domain.Instrument;
import org.susong.funds.domain.Stage;
import org.susong.funds.messaging.out.InvestmentEvents;
import org.susong.funds.persistence.FundRepository;

/** Funds: queries, registering a sub-fund, opening and closing. */
@ApplicationScoped
public class FundService {

    /** A sub-fund to register under a top-level fund; its capital starts at zero (commitments come through the capital API). */
    public record SubFundCommand(String id, String nameZh, String nameEn, String parentFundId, String manager,
                                 long targetSizeFen, Integer reserveBasisPoints, Set<Stage> stages, List<String> fields,
                                 Set<Instrument> instruments, boolean placeholder, String note) {
    }

    private final FundRepository funds;
    private final FundsConfig config;
    private final Clock clock;
    private final ObjectMapper json;

    FundService(FundRepository funds, FundsConfig config, Clock clock, ObjectMapper json) {
        this.json = json;
        this.funds = funds;
        this.config = config;
        this.clock = clock;
    }

    /**
     * Registers a sub-fund of a top-level fund (measure C2: the venture guidance fund's sub-funds, the
     * S&T credit-enhancement sub-fund): same kind and target membership as its parent, stages and
     * instruments within the parent's.
     *
     * @throws ProblemException 422 naming {@code parentFundId}, {@code stages} or {@code instruments}; 409 when the id is taken
     */
    public Fund registerSubFund(Principal principal, SubFundCommand c) {
        Fund parent = funds.find(c.parentFundId()).orElseThrow(() -> ProblemException.unprocessable("parentFundId",
                "there is no fund " + c.parentFundId()));
        if (parent.subFund()) {
            throw ProblemException.unprocessable("parentFundId", c.parentFundId() + " is itself a sub-fund of "
                    + parent.parentFundId() + ": sub-funds belong to a top-level fund");
        }
        if (!parent.mandate().stages().containsAll(c.stages())) {
            throw ProblemException.unprocessable("stages", "the parent " + parent.id() + " invests in "
                    + parent.mandate().stages() + " only");
        }
        if (!parent.mandate().instruments().containsAll(c.instruments())) {
            throw ProblemException.unprocessable("instruments", "the parent " + parent.id() + " uses "
                    + parent.mandate().instruments() + " only");
        }
        Fund fund;
        try {
            fund = Fund.open(c.id(), new Fund.Names(c.nameZh(), c.nameEn()), parent.kind(), parent.id(), c.manager(),
                    Money.ofFen(c.targetSizeFen()), Map.of(), c.reserveBasisPoints() == null
                            ? config.defaultReserveBasisPoints() : c.reserveBasisPoints(),
                    new Fund.Mandate(c.stages(), c.fields() == null ? List.of() : c.fields(), c.instruments()),
                    parent.inHundredBillionTarget(), new Fund.Provenance(c.placeholder(), c.note()));
        } catch (IllegalArgumentException e) {
            throw ProblemException.unprocessable("id", e.getMessage());
        }
        Instant now = clock.instant();
        if (!funds.insertRegistered(fund, now, Outbox.entries(json, 0, List.of(InvestmentEvents.scopePublished(fund,
                principal.user(), now)), now))) {
            throw ProblemException.conflict("fund " + c.id() + " already exists");
        }
        return funds.find(c.id()).orElseThrow();
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
     * A sub-fund's target as it stands, and the raise waiting for a second administrator, if any.
     *
     * @param proposed this request's raise is the one waiting (nothing changed yet)
     */
    public record TargetChange(Fund fund, Optional<PendingTarget> pending, boolean proposed) {
    }

    /**
     * Sets a sub-fund's target size (the seeded sub-funds have 0, a placeholder: every commitment
     * to them is refused until an administrator sets it). A top-level fund's target is the seed's. A
     * raise of more than {@code susong.funds.second-approval-above-fen} lets that much more capital be
     * committed: it waits for a second administrator ({@link #approveTarget}) and changes nothing yet. The
     * limit holds for the raises applied without a second administrator on the fund in a business day
     * together, so splitting a raise does not avoid the approval.
     *
     * @throws ProblemException 404 unknown, 409 a top-level fund or a raise already waiting, 422 naming
     *                          {@code targetSizeFen} below the commitments
     */
    public TargetChange setTargetSize(Principal principal, String id, long targetSizeFen) {
        Fund fund = funds.find(id).orElseThrow(() -> ProblemException.notFound("fund", id));
        if (!fund.subFund()) {
            throw ProblemException.conflict("fund " + id + " is a top-level fund: its target size comes from the seed");
        }
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
