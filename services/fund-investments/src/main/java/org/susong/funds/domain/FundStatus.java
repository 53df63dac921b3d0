package org.susong.funds.domain;

/** Whether a fund takes new investments. */
public enum FundStatus {
    OPEN,
    CLOSED
}
