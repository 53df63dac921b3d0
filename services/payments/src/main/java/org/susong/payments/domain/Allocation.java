package org.susong.payments.domain;

import java.time.Instant;

/**
 * An allocation or adjustment of a budget line: signed amount, who and why; PENDING, APPLIED or REFUSED, or first
 * AWAITING_APPROVAL (a large adjustment, until a second administrator approves it; {@link AllocationState}).
 * {@code requestedBy} and {@code approvedBy} are principal ids; {@code requestHash} identifies the request its
 * Idempotency-Key was used for.
 */
public record Allocation(String id, String budgetLine, long amountFen, String reason, String actor, AllocationState state,
                         Instant createdAt, long lastSequence, String requestedBy, String approvedBy, String requestHash) {

    public Allocation(String id, String budgetLine, long amountFen, String reason, String actor, AllocationState state,
                      Instant createdAt, long lastSequence) {
        this(id, budgetLine, amountFen, reason, actor, state, createdAt, lastSequence, null, null, null);
    }
}
