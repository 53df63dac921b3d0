package org.susong.portal.client;

import java.util.List;

/**
 * A technology contract as tech-contracts answers it ({@code rest.ContractView}, every field but the attachments):
 * what the registrar's pages show. {@code registrationNumber} is null until registered.
 */
public record ContractDetail(String id, String registrationNumber, String status, String title, String type,
                             Contract.Party seller, Contract.Party buyer, String sellerDistrict, String signingDate,
                             String termStart, String termEnd, long contractAmountFen,
                             long technicalTransactionAmountFen, List<Instalment> paymentSchedule,
                             String bricsStatus, boolean imported, String submittedOn, String reviewDueOn,
                             Boolean expertReview, Boolean reviewDueOnProvisional, String registeredOn,
                             String registeredAt, List<Reason> refusals, String decidedOn,
                             List<AmendmentView> amendments, String cancellationReason) {

    public ContractDetail {
        paymentSchedule = paymentSchedule == null ? List.of() : List.copyOf(paymentSchedule);
        refusals = refusals == null ? List.of() : List.copyOf(refusals);
        amendments = amendments == null ? List.of() : List.copyOf(amendments);
    }

    /** {@code ContractCommand.InstalmentInput}. */
    public record Instalment(String dueOn, Long amountFen) {
    }

    /** {@code ContractView.ReasonView}: a refusal reason's code ({@code RefusalReason}) and its text. */
    public record Reason(String code, String text) {
    }

    /** {@code ContractView.AmendmentView}. */
    public record AmendmentView(int number, String outcome, String reason, String proposedOn, String dueOn,
                                boolean expertReview, long contractAmountFen, long technicalTransactionAmountFen,
                                List<Reason> refusals, String decidedOn) {
        public AmendmentView {
            refusals = refusals == null ? List.of() : List.copyOf(refusals);
        }
    }

    /** Whether the registry may still review it (register or refuse). */
    public boolean submitted() {
        return "SUBMITTED".equals(status);
    }
}
