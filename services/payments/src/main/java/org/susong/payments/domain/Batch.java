package org.susong.payments.domain;

import java.time.Instant;
import java.util.List;

/**
 * A disbursement batch of one business date and budget line: OPEN (orders join), EXPORTING (file
 * hash and order list fixed before the file is released), EXPORTED, RECONCILED, or VOIDED with a reason.
 * A void is requested by one person ({@code voidRequestedBy}, with the bank's {@code recallReference}) and
 * confirmed by another ({@code voidedBy}).
 */
public record Batch(String id, String budgetLine, String date, int sequence, String state, Instant createdAt,
                    List<String> orderIds, long controlSumFen, String fileHash, Instant exportedAt, String voidReason,
                    String voidedBy, String voidRequestedBy, String recallReference) {
}
