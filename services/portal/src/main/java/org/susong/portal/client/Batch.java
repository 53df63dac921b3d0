package org.susong.portal.client;

import java.util.List;

/**
 * A disbursement batch as payments' {@code GET /batches} lists it ({@code domain.Batch}): one business date and budget
 * line, its state ({@code BatchState}: OPEN, EXPORTING, EXPORTED, RECONCILED, VOIDED), its orders and control sum,
 * and the file's hash once exported.
 */
public record Batch(String id, String budgetLine, String date, int sequence, String state, String createdAt,
                    List<String> orderIds, long controlSumFen, String fileHash, String exportedAt, String voidReason) {

    public Batch {
        orderIds = orderIds == null ? List.of() : List.copyOf(orderIds);
    }

    /** Whether it has a file to download: exported once (the service fixes the hash at export; OPEN has none). */
    public boolean hasFile() {
        return fileHash != null;
    }
}
