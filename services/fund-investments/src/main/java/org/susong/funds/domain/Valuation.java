package org.susong.funds.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.susong.commons.money.Money;

/**
 * A fair value of what a fund still holds of an investment, as of a date, from a source (an appraisal, a later round's
 * price, the fund's own model), recorded by a fund manager (issue 20 item 9). Valuations are kept as a history; the
 * one that counts is the latest by as-of date (then by when recorded).
 *
 * @param fairValue the fair value of the remaining position (what the fund still holds), in fen
 */
public record Valuation(String id, String fundId, String investmentId, Money fairValue, LocalDate asOf, String source,
                        String recordedBy, Instant recordedAt) {

    public Valuation {
        if (fairValue.isNegative()) {
            throw new IllegalArgumentException("a fair value cannot be negative");
        }
    }

    static final Comparator<Valuation> ORDER = Comparator.comparing(Valuation::asOf).thenComparing(Valuation::recordedAt)
            .thenComparing(Valuation::id);

    /** The valuation that counts: the latest by as-of date, then by when it was recorded. */
    public static Optional<Valuation> latest(List<Valuation> history) {
        return history.stream().max(ORDER);
    }

    /**
     * {@code numerator / denominator} in basis points of a multiple (1.00x = 10000), rounded half up, in integers: the
     * rounding of the realised multiple, used for every multiple of the fund figures (unrealised, DPI, RVPI, TVPI). Null for a zero denominator.
     */
    public static Long multipleBasisPoints(long numeratorFen, long denominatorFen) {
        if (denominatorFen <= 0) {
            return null;
        }
        return Investment.realisedMultipleBasisPoints(Money.ofFen(numeratorFen), Money.ofFen(denominatorFen));
    }

    /** A multiple in basis points as a decimal with four places (23500 -> 2.3500), or null. */
    public static BigDecimal multiple(Long basisPoints) {
        return basisPoints == null ? null : BigDecimal.valueOf(basisPoints, 4);
    }
}
