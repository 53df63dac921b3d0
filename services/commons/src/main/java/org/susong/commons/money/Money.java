package org.susong.commons.money;

import java.util.Objects;

/**
 * An amount of CNY in integer fen (1 yuan = 100 fen). Never floating point, never BigDecimal:
 * every rule of the platform computes in whole fen and states its own rounding.
 */
public record Money(long fen) implements Comparable<Money> {

    public static final String CURRENCY = "CNY";
    public static final Money ZERO = new Money(0);

    public static Money ofFen(long fen) {
        return new Money(fen);
    }

    public static Money ofYuan(long yuan) {
        return new Money(Math.multiplyExact(yuan, 100L));
    }

    public Money plus(Money other) {
        return new Money(Math.addExact(fen, Objects.requireNonNull(other).fen));
    }

    public Money minus(Money other) {
        return new Money(Math.subtractExact(fen, Objects.requireNonNull(other).fen));
    }

    public boolean isPositive() {
        return fen > 0;
    }

    public boolean isNegative() {
        return fen < 0;
    }

    public boolean greaterThan(Money other) {
        return fen > other.fen;
    }

    @Override
    public int compareTo(Money o) {
        return Long.compare(fen, o.fen);
    }

    /** "1,234.56 CNY" - for explanations and reports, not for computation. */
    public String format() {
        long abs = Math.abs(fen);
        String yuan = String.format("%,d", abs / 100);
        return (fen < 0 ? "-" : "") + yuan + "." + String.format("%02d", abs % 100) + " " + CURRENCY;
    }

    @Override
    public String toString() {
        return format();
    }
}
