package org.susong.payments.domain;

/**
 * One line of a reconciliation report: what a bank file said about a transfer and what it did (outcome). {@code kind}:
 * DEBIT or CREDIT of a camt.053 entry, {@code REJECTION:<reason code>} of a pain.002 transaction.
 */
public record BankFileItem(String reference, String endToEndId, String kind, long amountFen, String orderId,
                           ReconciliationOutcome outcome) {
}
