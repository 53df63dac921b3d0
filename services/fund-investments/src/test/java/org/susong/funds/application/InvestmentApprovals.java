package org.susong.funds.application;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.susong.commons.messaging.OutboxRelay;
import org.susong.commons.security.Principal;
import org.susong.funds.config.FundsConfig;
import org.susong.funds.persistence.CapitalMovementRepository;
import org.susong.funds.persistence.FundRepository;
import org.susong.funds.persistence.InvestmentRepository;

/**
 * The one set-up of fund-investments' tests of the second approval (issue 23 item 2): the investment service, the
 * investments and funds it keeps, a checker, and the approval sweeper of a replica whose clock is ahead.
 */
abstract class InvestmentApprovals {

    static final Principal CHECKER = new Principal("admin-checker", Set.of(Principal.ADMIN), Optional.empty(),
            Optional.empty());

    @Inject
    InvestmentService service;
    @Inject
    InvestmentRepository investments;
    @Inject
    FundRepository funds;
    @Inject
    FundsConfig config;
    @Inject
    Clock clock;
    @Inject
    ObjectMapper json;
    @Inject
    OutboxRelay relay;
    @Inject
    CapitalMovementRepository movements;

    /** The sweeper of a replica whose clock is {@code ahead} of the service's (the passing days). */
    ApprovalSweeper sweeperAhead(Duration ahead) {
        return new ApprovalSweeper(investments, funds, config, Clock.offset(clock, ahead), json, relay, movements);
    }
}
