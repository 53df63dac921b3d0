package org.susong.funds.domain;

/** How many investments and how much money in one bucket of the figures. */
public record Tally(long count, long amountFen) {

    public static final Tally ZERO = new Tally(0, 0);

    public Tally plus(Tally other) {
        return new Tally(count + other.count, amountFen + other.amountFen);
    }
}
