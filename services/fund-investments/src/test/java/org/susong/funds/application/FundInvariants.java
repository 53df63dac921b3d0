package org.susong.funds.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.susong.funds.domain.Fund;
import org.susong.funds.persistence.FundRepository;

/** What ./platform audit checks on a fund, for tests. */
final class FundInvariants {

    private FundInvariants() {
    }

    /** paid-in <= called <= committed; stored available + invested = paid-in - reserve. */
    static void assertBalanced(FundRepository funds, String fundId) {
        Fund fund = funds.find(fundId).orElseThrow();
        long available = funds.available(fundId).orElseThrow().fen();
        assertTrue(fund.paidIn().fen() <= fund.called().fen() && fund.called().fen() <= fund.committed().fen(),
                "paid-in <= called <= committed: " + fund.capital());
        assertEquals(fund.paidIn().fen() - fund.reserve().fen(), available + fund.invested().fen(),
                "available + invested = paid-in - reserve");
    }
}
