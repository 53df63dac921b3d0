package org.susong.eligibility.domain;

/**
 * Versioned rounding rules for amounts in integer fen (CEL has no decimal type). Inside a formula,
 * {@code muldiv(a, n, d)} is exact and rounds half up to the fen; the measure version's rounding
 * rule is then applied to the formula's result. A new rule gets a new name; old versions keep theirs.
 */
public enum Rounding {
    /** The formula's fen amount as is (muldiv rounds half up to the fen). */
    HALF_UP_FEN_V1,
    /** The formula's amount rounded down to whole yuan (never pays a fraction of a yuan more than the rule gives). */
    DOWN_TO_YUAN_V1;

    public long apply(long fen) {
        return switch (this) {
            case HALF_UP_FEN_V1 -> fen;
            case DOWN_TO_YUAN_V1 -> Math.floorDiv(fen, 100L) * 100L;
        };
    }

    public String describe() {
        return switch (this) {
            case HALF_UP_FEN_V1 -> "rounding " + name() + ": half up to the fen";
            case DOWN_TO_YUAN_V1 -> "rounding " + name() + ": down to whole yuan";
        };
    }

    /** In words, for the applicant. */
    public String wordsEn() {
        return switch (this) {
            case HALF_UP_FEN_V1 -> "rounded half up to the fen";
            case DOWN_TO_YUAN_V1 -> "rounded down to whole yuan";
        };
    }

    public String wordsZh() {
        return switch (this) {
            case HALF_UP_FEN_V1 -> "四舍五入到分";
            case DOWN_TO_YUAN_V1 -> "向下取整到元";
        };
    }

    /** {@code a * n / d} exactly, rounded half up (away from zero for halves) to a whole fen. */
    public static long muldiv(long a, long n, long d) {
        if (d == 0) {
            throw new ArithmeticException("muldiv by zero");
        }
        long product = Math.multiplyExact(a, n);
        long quotient = product / d;
        long remainder = product % d;
        if (Math.abs(remainder) * 2 >= Math.abs(d)) {
            quotient += (product < 0) == (d < 0) ? 1 : -1;
        }
        return quotient;
    }
}
