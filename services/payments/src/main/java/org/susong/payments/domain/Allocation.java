package org.susong.payments.domain;

import java.time.Instant;

/** An allocation or adjustment of a budget line: signed amount, who and why; PENDING, APPLIED or REFUSED. */
public record Allocation(String id, String budgetLine, long amountFen, String reason, String actor, String state,
                         Instant createdAt, long lastSequence) {
}
