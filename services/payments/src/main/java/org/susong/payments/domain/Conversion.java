package org.susong.payments.domain;

/**
 * Grant-to-investment terms of a decision (C1/D1): the fund that receives the money, what happens
 * when the fund rejects the conversion ({@code GRANT}: pay as a grant; {@code HOLD}: hold for a
 * decision), and the scope facts the fund checks.
 */
public record Conversion(String fundCode, String fallback, String beneficiaryStage, String beneficiaryField) {

    public static final String GRANT = "GRANT";
    public static final String HOLD = "HOLD";

    public String conversionId(String decisionId) {
        return "CV-" + decisionId;
    }
}
