package org.susong.funds.domain;

/** Terms an investment may not have; names the request field at fault. */
public class InvestmentViolation extends RuntimeException {

    private final String field;

    public InvestmentViolation(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
