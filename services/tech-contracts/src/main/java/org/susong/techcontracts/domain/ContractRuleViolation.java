package org.susong.techcontracts.domain;

/** A contract that cannot be registered as it stands; names the term at fault. */
public class ContractRuleViolation extends RuntimeException {

    /** The terms of a contract a rule can be about. */
    public enum Term {
        SELLER,
        BUYER,
        SIGNING_DATE,
        CONTRACT_AMOUNT,
        TECHNICAL_TRANSACTION_AMOUNT
    }

    private final Term term;

    public ContractRuleViolation(Term term, String message) {
        super(message);
        this.term = term;
    }

    public Term term() {
        return term;
    }

    /** The check character of a party's USCC does not match; carries the one GB 32100-2015 expects. */
    public static final class UsccCheckFailed extends ContractRuleViolation {
        private final char expected;

        public UsccCheckFailed(Term party, String uscc, char expected) {
            super(party, "the check character of " + uscc + " should be '" + expected + "' (GB 32100-2015)");
            this.expected = expected;
        }

        public char expected() {
            return expected;
        }
    }
}
