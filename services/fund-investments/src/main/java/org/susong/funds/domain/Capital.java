package org.susong.funds.domain;

import org.susong.commons.money.Money;

/** Capital one source has committed to a fund and how much of it is paid in. */
public record Capital(Money committed, Money paidIn) {

    public Capital {
        if (committed.isNegative() || paidIn.isNegative()) {
            throw new IllegalArgumentException("capital amounts cannot be negative");
        }
        if (paidIn.greaterThan(committed)) {
            throw new IllegalArgumentException("paid-in capital " + paidIn + " exceeds the commitment " + committed);
        }
    }

    public static Capital of(long committedFen, long paidInFen) {
        return new Capital(Money.ofFen(committedFen), Money.ofFen(paidInFen));
    }
}
