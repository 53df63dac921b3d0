package org.susong.payments.domain;

import java.time.Instant;

/** The payee account snapshotted by applications when the decision was approved (never re-read later). */
public record Payee(String accountName, String accountNumber, String bankCode, String bankName, Instant snapshottedAt) {
}
