package org.susong.funds.domain;

import java.time.Instant;
import java.time.LocalDate;
import org.susong.commons.money.Money;

/** What an investment announces. */
public sealed interface InvestmentEvent {

    String investmentId();

    /** The fund's counter took the investment: the money is committed to the enterprise. */
    record Committed(String investmentId, String fundId, String enterpriseUscc, String round, Instrument instrument,
                     Money amount, Integer stakeBasisPoints, LocalDate investedOn, Stage stage,
                     Investment.Context context, Instant committedAt) implements InvestmentEvent {
    }

    /** The fund left the investment, or a part of it ({@code held} is what it still holds after this exit). */
    record Exited(String investmentId, String fundId, String enterpriseUscc, Money amount, Investment.Exit exit,
                  Money held, Instant recordedAt) implements InvestmentEvent {
    }

    /**
     * The investment moved no money and never will: the fund's counter REFUSED it, a second principal REJECTED it, or it
     * EXPIRED waiting for one.
     *
     * @param rejectedBy the second principal who rejected it, null otherwise
     */
    record Refused(String investmentId, String fundId, String enterpriseUscc, Money amount, InvestmentState outcome,
                   Investment.Refusal refusal, String rejectedBy, Instant refusedAt) implements InvestmentEvent {
    }
}
