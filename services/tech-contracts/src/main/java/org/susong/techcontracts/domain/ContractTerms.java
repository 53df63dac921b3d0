package org.susong.techcontracts.domain;

import java.time.LocalDate;
import java.util.Objects;
import org.susong.commons.ids.District;
import org.susong.commons.ids.Uscc;
import org.susong.commons.money.Money;
import org.susong.techcontracts.domain.ContractRuleViolation.Term;

/**
 * What the parties agreed, as submitted for registration. The technical transaction amount is the
 * part of the contract amount paid for the technology itself (the basis of measure B3b and of the
 * city's technology-market statistics), so it can never exceed the contract amount.
 */
public record ContractTerms(String title, ContractType type, Uscc seller, Uscc buyer, District sellerDistrict,
                            LocalDate signingDate, Money contractAmount, Money technicalTransactionAmount) {

    public ContractTerms {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(seller, "seller");
        Objects.requireNonNull(buyer, "buyer");
        Objects.requireNonNull(sellerDistrict, "sellerDistrict");
        Objects.requireNonNull(signingDate, "signingDate");
        Objects.requireNonNull(contractAmount, "contractAmount");
        Objects.requireNonNull(technicalTransactionAmount, "technicalTransactionAmount");
        title = title.trim();
    }

    /**
     * Checks the rules a contract must meet to be registered on {@code today} (Asia/Shanghai).
     *
     * @throws ContractRuleViolation naming the first term at fault
     */
    public void checkRegistrable(LocalDate today) {
        if (!contractAmount.isPositive()) {
            throw new ContractRuleViolation(Term.CONTRACT_AMOUNT, "the contract amount must be positive, not "
                    + contractAmount);
        }
        if (!technicalTransactionAmount.isPositive()) {
            throw new ContractRuleViolation(Term.TECHNICAL_TRANSACTION_AMOUNT,
                    "the technical transaction amount must be positive, not " + technicalTransactionAmount);
        }
        if (technicalTransactionAmount.greaterThan(contractAmount)) {
            throw new ContractRuleViolation(Term.TECHNICAL_TRANSACTION_AMOUNT, "the technical transaction amount ("
                    + technicalTransactionAmount + ") cannot exceed the contract amount (" + contractAmount + ")");
        }
        if (signingDate.isAfter(today)) {
            throw new ContractRuleViolation(Term.SIGNING_DATE, "a contract signed on " + signingDate
                    + " cannot be registered on " + today + " (Asia/Shanghai): it is not signed yet");
        }
        if (seller.equals(buyer)) {
            throw new ContractRuleViolation(Term.BUYER, "seller and buyer are the same party (" + seller + ")");
        }
        checkCharacter(Term.SELLER, seller);
        checkCharacter(Term.BUYER, buyer);
    }

    /**
     * What makes two registrations the same contract: the parties, the signing date and both
     * amounts (the title is free text and may be retyped differently).
     */
    public String duplicateKey() {
        return seller.value() + "|" + buyer.value() + "|" + signingDate + "|" + contractAmount.fen() + "|"
                + technicalTransactionAmount.fen();
    }

    private static void checkCharacter(Term party, Uscc uscc) {
        if (!uscc.checkCharacterValid()) {
            throw new ContractRuleViolation.UsccCheckFailed(party, uscc.value(), uscc.expectedCheckCharacter());
        }
    }
}
