package org.susong.funds.domain;

/** The fund takes no new investments. */
public class FundNotOpen extends RuntimeException {

    public FundNotOpen(String fundId, FundStatus status) {
        super("fund " + fundId + " is " + status + " and takes no new investments");
    }
}
