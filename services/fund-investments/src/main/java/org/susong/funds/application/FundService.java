package org.susong.funds.application;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.susong.commons.money.Money;
import org.susong.commons.rest.ProblemException;
import org.susong.commons.security.Principal;
import org.susong.funds.config.FundsConfig;
import org.susong.funds.domain.Fund;
import org.susong.funds.domain.FundStatus;
import org.susong.funds.domain.Instrument;
import org.susong.funds.domain.Stage;
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

    FundService(FundRepository funds, FundsConfig config, Clock clock) {
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
    public Fund registerSubFund(SubFundCommand c) {
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
        if (!funds.insertRegistered(fund, clock.instant())) {
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
     * Sets a sub-fund's target size (the seeded sub-funds have 0, a placeholder: every commitment
     * to them is refused until an administrator sets it). A top-level fund's target is the seed's.
     *
     * @throws ProblemException 404 unknown, 409 a top-level fund, 422 naming {@code targetSizeFen} below the commitments
     */
    public Fund setTargetSize(String id, long targetSizeFen) {
        Fund fund = funds.find(id).orElseThrow(() -> ProblemException.notFound("fund", id));
        if (!fund.subFund()) {
            throw ProblemException.conflict("fund " + id + " is a top-level fund: its target size comes from the seed");
        }
        if (!funds.setTargetSize(id, Money.ofFen(targetSizeFen))) {
            throw ProblemException.unprocessable("targetSizeFen", "fund " + id + " has " + funds.find(id).orElseThrow()
                    .committed() + " committed: its target cannot be less");
        }
        return funds.find(id).orElseThrow();
    }

    /** Opens or closes the fund; 404 problem when unknown. */
    public Fund setStatus(String id, FundStatus status) {
        if (!funds.setStatus(id, status)) {
            throw ProblemException.notFound("fund", id);
        }
        return funds.find(id).orElseThrow();
    }
}
