package org.susong.funds.domain;

import java.time.LocalDate;
import java.util.Objects;
import org.susong.commons.ids.Uscc;
import org.susong.commons.money.Money;

/**
 * What a fund puts into an enterprise.
 *
 * @param stakeBasisPoints the equity stake in basis points (1 = 0.01%), in (0, 10000]; never floating point.
 *                         Null only for a grant-to-investment position, whose stake the conversion does not fix.
 */
public record InvestmentTerms(Uscc enterpriseUscc, String round, Instrument instrument, Money amount,
                              Integer stakeBasisPoints, LocalDate investedOn, Stage stage) {

    public static final int MAX_ROUND_LENGTH = 50;

    public InvestmentTerms {
        Objects.requireNonNull(enterpriseUscc, "enterpriseUscc");
        Objects.requireNonNull(instrument, "instrument");
        Objects.requireNonNull(investedOn, "investedOn");
        Objects.requireNonNull(stage, "stage");
        if (round == null || round.isBlank() || round.length() > MAX_ROUND_LENGTH) {
            throw new InvestmentViolation("round", "the round is 1 to " + MAX_ROUND_LENGTH + " characters of text");
        }
        if (amount == null || !amount.isPositive()) {
            throw new InvestmentViolation("amountFen", "the amount must be more than 0 fen");
        }
        if (stakeBasisPoints != null && (stakeBasisPoints <= 0 || stakeBasisPoints > Fund.FULL_BASIS_POINTS)) {
            throw new InvestmentViolation("stakePercent", "the stake must be more than 0% and at most 100%");
        }
        round = round.trim();
    }
}
