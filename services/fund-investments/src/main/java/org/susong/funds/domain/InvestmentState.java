package org.susong.funds.domain;

/**
 * Where an investment intent stands (architecture rule 4): PENDING until the fund's counter has
 * taken it, then COMMITTED; REFUSED when the fund had not enough available.
 */
public enum InvestmentState {
    PENDING,
    COMMITTED,
    REFUSED
}
