package org.susong.funds.application;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import org.susong.funds.config.FundsConfig;
import org.susong.funds.persistence.FundRepository;
import org.susong.funds.persistence.InvestmentRepository;

/** Expires investments that waited too long for a second approver. */
@ApplicationScoped
public class ApprovalSweeper {

    private final InvestmentRepository investments;
    private final FundRepository funds;
    private final FundsConfig config;
    private final Clock clock;

    ApprovalSweeper(InvestmentRepository investments, FundRepository funds, FundsConfig config, Clock clock) {
        this.investments = investments;
        this.funds = funds;
        this.config = config;
        this.clock = clock;
    }

    /** @return how many waiting investments this round expired */
    public int expireWaiting() {
        return 0;
    }
}
