package org.susong.funds.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.Set;
import org.susong.commons.security.Principal;
import org.susong.funds.domain.Fund;
import org.susong.funds.persistence.FundRepository;

/** What ./platform audit checks on a fund, for tests. */
final class FundInvariants {

    /** An administrator acting on every fund (application services check the principal's fund scope). */
    static final Principal ADMIN = new Principal("admin-test", Set.of(Principal.ADMIN), Optional.empty(), Optional.empty());

    private FundInvariants() {
    }

    /** paid-in <= called <= committed; stored available + invested = paid-in - reserve + recycled. */
    static void assertBalanced(FundRepository funds, String fundId) {
        Fund fund = funds.find(fundId).orElseThrow();
        long available = funds.available(fundId).orElseThrow().fen();
        assertTrue(fund.paidIn().fen() <= fund.called().fen() && fund.called().fen() <= fund.committed().fen(),
                "paid-in <= called <= committed: " + fund.capital());
        assertEquals(fund.paidIn().fen() - fund.reserve().fen() + fund.recycled().fen(), available + fund.invested().fen(),
                "available + invested = paid-in - reserve + recycled");
    }
}
