package org.susong.payments.domain;

import java.time.Instant;

/** A repayment of a recovery, with the bank reference it came with. */
public record Repayment(String id, long amountFen, String reference, String by, Instant at) {
}
