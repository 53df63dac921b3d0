package org.susong.funds.domain;

/**
 * Where an investment stands. Above the configured amount it first waits AWAITING_APPROVAL for a
 * second approver, moving no money (nothing finishes it but the approval). The intent (architecture rule 4, docs/architecture.md#rule-4) is PENDING until the fund's counter
 * has taken it, then COMMITTED; REFUSED when the fund had not enough available. A COMMITTED
 * investment the fund has left (sold, bought back, listed and sold, written off) is EXITED. A waiting
 * investment a second principal turned down is REJECTED; one nobody decided on in time, EXPIRED.
 */
public enum InvestmentState {
    AWAITING_APPROVAL,
    PENDING,
    COMMITTED,
    REFUSED,
    EXITED,
    REJECTED,
    EXPIRED
}
