package org.susong.portal.client;

/**
 * A payment order as payments' {@code GET /payments} lists it ({@code PaymentResource.PaymentView}): the fields the
 * pages show. {@code waitingFor} is the service's English sentence; the finance officers who approved it so far
 * ({@code approvals}, user names) and how many must ({@code approvalsRequired}); the payee and batch are ignored when read.
 */
public record Payment(String id, String decisionId, String applicationId, String beneficiaryUscc, String measureCode,
                      int fiscalYear, String district, long amountFen, String state, String mode, String noticeEndsAt,
                      Hold hold, String bankReference, String waitingFor, String budgetLine,
                      java.util.List<String> approvals, int approvalsRequired) {

    public Payment {
        approvals = approvals == null ? java.util.List.of() : java.util.List.copyOf(approvals);
    }

    /**
     * The order's hold ({@code domain.Hold}): an objection, or a conversion refused whose fallback is HOLD; {@code by}
     * (the objector) is null to those who may not see it, {@code from} the state the order was held in.
     */
    public record Hold(String id, String reason, String by, String at, String from) {
    }
}
