package org.susong.payments.domain;

/** One line of a reconciliation report: what a bank file said about a transfer and what it did (outcome). */
public record BankFileItem(String reference, String endToEndId, String kind, long amountFen, String orderId, String outcome) {
}
