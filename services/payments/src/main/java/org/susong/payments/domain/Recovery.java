package org.susong.payments.domain;

import java.util.Date;
import java.util.List;
import org.susong.commons.ids.District;

/**
 * A recovery order (clawback) of a revoked decision ({@link RecoveryState}): WAITING (the order is still on its way to the
 * bank), OPEN (a receivable on the order's line), CLOSED (repaid, or nothing was paid out). {@code district}: the
 * order's district (or the revocation event's {@code district} extension when the order has not arrived), for scoping.
 */
public record Recovery(String id, String revocationId, String decisionId, String applicationId, String beneficiaryUscc,
                       String orderId, String budgetLine, long amountFen, long repaidFen, long unclaimedFen, RecoveryState state,
                       String reason,
                       Repayment pending, List<Repayment> repayments, String sourceEventId, String sourceHash,
                       long lastSequence, Date updatedAt, District district) {

    /** The district's code as events and the store carry it ({@code HULI}); null when unknown. */
    public String districtCode() {
        return district == null ? null : district.name();
    }

    public long outstandingFen() {
        return amountFen - repaidFen;
    }
}
