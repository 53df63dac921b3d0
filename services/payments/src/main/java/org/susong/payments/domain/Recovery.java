package org.susong.payments.domain;

import java.util.Date;
import java.util.List;

/**
 * A recovery order (clawback) of a revoked decision: WAITING (the order is still on its way to the
 * bank), OPEN (a receivable on the order's line), CLOSED (repaid, or nothing was paid out).
 */
public record Recovery(String id, String revocationId, String decisionId, String applicationId, String beneficiaryUscc,
                       String orderId, String budgetLine, long amountFen, long repaidFen, long unclaimedFen, String state,
                       String reason,
                       Repayment pending, List<Repayment> repayments, String sourceEventId, String sourceHash,
                       long lastSequence, Date updatedAt) {

    public long outstandingFen() {
        return amountFen - repaidFen;
    }
}
