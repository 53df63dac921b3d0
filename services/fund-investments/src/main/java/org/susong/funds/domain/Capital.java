package org.susong.funds.domain;

import org.susong.commons.money.Money;

/**
 * Capital one source has committed to a fund, how much of it the fund has called, and how much of
 * the calls is paid in: {@code paidIn <= called <= committed}.
 */
public record Capital(Money committed, Money called, Money paidIn) {

    public Capital {
        if (committed.isNegative() || called.isNegative() || paidIn.isNegative()) {
            throw new IllegalArgumentException("capital amounts cannot be negative");
        }
        if (called.greaterThan(committed)) {
            throw new IllegalArgumentException("called capital " + called + " exceeds the commitment " + committed);
        }
        if (paidIn.greaterThan(called)) {
            throw new IllegalArgumentException("paid-in capital " + paidIn + " exceeds the commitment called " + called);
        }
    }

    /** Capital whose paid-in part was all called (a seeded fund's opening position). */
    public static Capital of(long committedFen, long paidInFen) {
        if (paidInFen > committedFen) {
            throw new IllegalArgumentException("paid-in capital " + paidInFen + " fen exceeds the commitment " + committedFen);
        }
        return new Capital(Money.ofFen(committedFen), Money.ofFen(paidInFen), Money.ofFen(paidInFen));
    }

    /** Committed but not yet called: what a capital call may still ask of this source. */
    public Money uncalled() {
        return committed.minus(called);
    }
}
