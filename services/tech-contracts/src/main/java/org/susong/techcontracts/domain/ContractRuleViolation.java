package org.susong.techcontracts.domain;

/** A contract or a step on it that the rules do not allow; names the term at fault. */
public class ContractRuleViolation extends RuntimeException {

    /** The terms of a contract a rule can be about. */
    public enum Term {
        SELLER,
        BUYER,
        SIGNING_DATE,
        REGISTRATION_DATE,
        REGISTRATION_NUMBER,
        TERM,
        CONTRACT_AMOUNT,
        TECHNICAL_TRANSACTION_AMOUNT,
        PAYMENT_SCHEDULE,
        REFUSAL_REASONS,
        STATUS
    }

    private final Term term;

    public ContractRuleViolation(Term term, String message) {
        super(message);
        this.term = term;
    }

    public Term term() {
        return term;
    }

    /** A step the contract's current status does not allow (REST: 409). */
    public static final class IllegalTransition extends ContractRuleViolation {
        public IllegalTransition(String message) {
            super(Term.STATUS, message);
        }
    }
}
