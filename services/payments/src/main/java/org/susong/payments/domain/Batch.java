package org.susong.payments.domain;

import java.time.Instant;
import java.util.List;

/**
 * A disbursement batch of one business date and budget line: OPEN (orders join), EXPORTING (file
 * hash and order list fixed before the file is released), EXPORTED, RECONCILED, or VOIDED with a reason
 * ({@link BatchState}). A void is requested by one person ({@code voidRequestedBy}, with the bank's
 * {@code recallReference}) and confirmed by another ({@code voidedBy}).
 */
public record Batch(String id, String budgetLine, String date, int sequence, BatchState state, Instant createdAt,
                    List<String> orderIds, long controlSumFen, String fileHash, Instant exportedAt, String voidReason,
                    String voidedBy, String voidRequestedBy, String recallReference) {

    /** Whether orders still join it. */
    public boolean open() {
        return state == BatchState.OPEN;
    }

    /** Whether it is voided: its file is recalled, its orders go into a new batch. */
    public boolean voided() {
        return state == BatchState.VOIDED;
    }

    /** Whether it can be voided: it has a file ({@code EXPORTING} or {@code EXPORTED}) that the bank has not booked. */
    public boolean voidable() {
        return state.canMoveTo(BatchState.VOIDED);
    }
}
