package org.susong.funds.messaging.out;

import java.time.LocalDate;
import org.susong.commons.messaging.EventHeaders;
import org.susong.commons.messaging.NewEvent;
import org.susong.funds.domain.InvestmentEvent;

/**
 * Wire events of the fund-investments service ({@code fund-investments.events}), mapped explicitly
 * from domain events. Schemas: services/event-contracts/src/main/resources/schemas/fund-investments/.
 */
public final class InvestmentEvents {

    public static final String SERVICE = "fund-investments";
    public static final String COMMITTED = EventHeaders.type(SERVICE, "InvestmentCommitted", 1);

    private InvestmentEvents() {
    }

    /**
     * {@code susong.fund-investments.InvestmentCommitted.v1}: a fund committed money to an enterprise.
     *
     * @param stakeBasisPoints equity stake in basis points (1 = 0.01%)
     */
    public record InvestmentCommittedV1(String investmentId, String fundId, String enterpriseUscc, String round,
                                        String instrument, long amountFen, int stakeBasisPoints, LocalDate investedOn,
                                        String stage) {
    }

    /**
     * The event to publish; the correlation is the investment (what the work is about), the
     * causation the request that asked for it.
     */
    public static NewEvent toWire(InvestmentEvent event, String actor, String causation) {
        if (event instanceof InvestmentEvent.Committed c) {
            return NewEvent.of(COMMITTED, c.investmentId(), new InvestmentCommittedV1(c.investmentId(), c.fundId(),
                            c.enterpriseUscc(), c.round(), c.instrument().name(), c.amount().fen(), c.stakeBasisPoints(),
                            c.investedOn(), c.stage().name()))
                    .actor(actor).correlation(c.investmentId()).causation(causation)
                    .build();
        }
        throw new IllegalArgumentException("no wire mapping for " + event);
    }
}
