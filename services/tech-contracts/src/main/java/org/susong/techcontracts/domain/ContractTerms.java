package org.susong.techcontracts.domain;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.susong.commons.ids.District;
import org.susong.commons.money.Money;
import org.susong.techcontracts.domain.ContractRuleViolation.Term;

/**
 * What the parties agreed, as submitted for registration. The technical transaction amount is the
 * part of the contract amount paid for the technology itself (the basis of measure B3b and of the
 * city's technology-market statistics), so it can never exceed the contract amount; the difference
 * is non-technical cost such as equipment and materials.
 *
 * @param sellerDistrict the district of the applying party: the seller's, or for a technology
 *                       import (foreign seller) the domestic buyer's
 * @param termStart      first day of the contract's term (optional, with termEnd)
 * @param paymentSchedule instalments; when given they add up to the contract amount
 */
public record ContractTerms(String title, ContractType type, Party seller, Party buyer, District sellerDistrict,
                            LocalDate signingDate, LocalDate termStart, LocalDate termEnd, Money contractAmount,
                            Money technicalTransactionAmount, List<Instalment> paymentSchedule,
                            List<Attachment> attachments) {

    /** One payment the buyer owes. */
    public record Instalment(LocalDate dueOn, Money amount) {
        public Instalment {
            Objects.requireNonNull(dueOn, "dueOn");
            Objects.requireNonNull(amount, "amount");
        }
    }

    /** Metadata of a document filed with the contract (the file itself lives elsewhere). */
    public record Attachment(String fileName, String sha256, long sizeBytes, AttachmentKind kind) {
        private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

        public Attachment {
            if (fileName == null || fileName.isBlank() || fileName.length() > 255) {
                throw new IllegalArgumentException("an attachment needs a file name of 1-255 characters");
            }
            if (sha256 == null || !SHA256.matcher(sha256).matches()) {
                throw new IllegalArgumentException("an attachment's sha256 is 64 lower-case hex digits");
            }
            if (sizeBytes <= 0) {
                throw new IllegalArgumentException("an attachment's size must be positive");
            }
            Objects.requireNonNull(kind, "kind");
        }
    }

    /** What a filed document is. */
    public enum AttachmentKind {
        CONTRACT_TEXT,
        TECHNICAL_ANNEX,
        STATE_APPROVAL,
        AUTHORISATION,
        OTHER
    }

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
        paymentSchedule = paymentSchedule == null ? List.of() : List.copyOf(paymentSchedule);
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    /** Terms without term dates, schedule or attachments (the slice's original shape). */
    public static ContractTerms basic(String title, ContractType type, Party seller, Party buyer, District district,
                                      LocalDate signingDate, Money contractAmount, Money technicalTransactionAmount) {
        return new ContractTerms(title, type, seller, buyer, district, signingDate, null, null, contractAmount,
                technicalTransactionAmount, List.of(), List.of());
    }

    /** A technology import: a foreign seller, the domestic buyer applies. */
    public boolean isImport() {
        return !seller.isDomestic();
    }

    /** Whether a party is outside the mainland. */
    public boolean isForeign() {
        return !seller.isDomestic() || !buyer.isDomestic();
    }

    /**
     * Checks the rules a contract must meet to be registered on {@code today} (Asia/Shanghai). The
     * USCC check characters are checked where they enter (an officer may override them).
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
        if (!seller.isDomestic() && !buyer.isDomestic()) {
            throw new ContractRuleViolation(Term.BUYER, "a contract between two foreign parties is not registered here:"
                    + " the seller, or for a technology import the buyer, must be a domestic enterprise");
        }
        if (seller.identity().equals(buyer.identity())) {
            throw new ContractRuleViolation(Term.BUYER, "seller and buyer are the same party (" + seller + ")");
        }
        if ((termStart == null) != (termEnd == null)) {
            throw new ContractRuleViolation(Term.TERM, "a term needs both its start and its end");
        }
        if (termStart != null && termEnd.isBefore(termStart)) {
            throw new ContractRuleViolation(Term.TERM, "the term ends (" + termEnd + ") before it starts (" + termStart + ")");
        }
        if (!paymentSchedule.isEmpty()) {
            Money scheduled = Money.ZERO;
            for (Instalment instalment : paymentSchedule) {
                if (!instalment.amount().isPositive()) {
                    throw new ContractRuleViolation(Term.PAYMENT_SCHEDULE, "every instalment must be positive");
                }
                scheduled = scheduled.plus(instalment.amount());
            }
            if (!scheduled.equals(contractAmount)) {
                throw new ContractRuleViolation(Term.PAYMENT_SCHEDULE, "the instalments add up to " + scheduled
                        + ", not to the contract amount " + contractAmount);
            }
        }
    }

    /**
     * What makes two registrations the same contract: the parties, the signing date and both
     * amounts (the title is free text and may be retyped differently).
     */
    public String duplicateKey() {
        return seller.identity() + "|" + buyer.identity() + "|" + signingDate + "|" + contractAmount.fen() + "|"
                + technicalTransactionAmount.fen();
    }
}
