package org.susong.techcontracts.rest;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.susong.commons.ids.District;
import org.susong.techcontracts.application.ContractCommand;
import org.susong.techcontracts.domain.Amendment;
import org.susong.techcontracts.domain.ContractTerms;
import org.susong.techcontracts.domain.Party;
import org.susong.techcontracts.domain.RefusalReason;
import org.susong.techcontracts.domain.TechContract;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A contract as the API shows it (never the Mongo document). {@code registrationNumber} is null until registered. */
public record ContractView(String id, String registrationNumber,
                           @Schema(implementation = org.susong.techcontracts.domain.ContractStatus.class) String status,
                           String title,
                           @Schema(implementation = org.susong.techcontracts.domain.ContractType.class) String type,
                           String sellerUscc, String buyerUscc, PartyView seller, PartyView buyer, District sellerDistrict,
                           LocalDate signingDate, LocalDate termStart, LocalDate termEnd, long contractAmountFen,
                           long technicalTransactionAmountFen, List<ContractCommand.InstalmentInput> paymentSchedule,
                           List<ContractCommand.AttachmentInput> attachments,
                           @Schema(implementation = org.susong.techcontracts.domain.BricsStatus.class) String bricsStatus,
                           boolean imported,
                           LocalDate submittedOn, LocalDate reviewDueOn, Boolean expertReview,
                           Boolean reviewDueOnProvisional, LocalDate registeredOn,
                           Instant registeredAt, List<ReasonView> refusals, LocalDate decidedOn,
                           List<AmendmentView> amendments, String cancellationReason) {

    public record PartyView(String uscc, String name, String country) {
        static PartyView of(Party p) {
            return new PartyView(p.uscc() == null ? null : p.uscc().value(), p.name(), p.country());
        }
    }

    public record ReasonView(@Schema(implementation = org.susong.techcontracts.domain.RefusalReason.class) String code,
                             String text) {
        static List<ReasonView> of(List<RefusalReason.Refusal> reasons) {
            return reasons.stream().map(r -> new ReasonView(r.code().name(), r.text())).toList();
        }
    }

    public record AmendmentView(int number,
                                @Schema(implementation = org.susong.techcontracts.domain.Amendment.Outcome.class) String outcome,
                                String reason, LocalDate proposedOn, LocalDate dueOn,
                                boolean expertReview, long contractAmountFen, long technicalTransactionAmountFen,
                                List<ReasonView> refusals, LocalDate decidedOn) {
        static AmendmentView of(Amendment a) {
            return new AmendmentView(a.number(), a.outcome().name(), a.reason(), a.proposedOn(), a.dueOn(),
                    a.expertReview(), a.proposed().contractAmount().fen(), a.proposed().technicalTransactionAmount().fen(),
                    ReasonView.of(a.refusals()), a.decidedOn());
        }
    }

    static ContractView of(TechContract c) {
        ContractTerms t = c.terms();
        return new ContractView(c.id(), c.registrationNumber() == null ? null : c.registrationNumber().value(),
                c.status().name(), t.title(), t.type().name(), uscc(t.seller()), uscc(t.buyer()), PartyView.of(t.seller()),
                PartyView.of(t.buyer()), t.sellerDistrict(), t.signingDate(), t.termStart(), t.termEnd(),
                t.contractAmount().fen(), t.technicalTransactionAmount().fen(),
                t.paymentSchedule().stream().map(i -> new ContractCommand.InstalmentInput(i.dueOn(), i.amount().fen()))
                        .toList(),
                t.attachments().stream().map(a -> new ContractCommand.AttachmentInput(a.fileName(), a.sha256(),
                        a.sizeBytes(), a.kind().name())).toList(),
                c.brics().name(), c.imported(), c.submittedOn(), c.reviewDueOn().orElse(null),
                c.review() == null ? null : c.review().expertReview(),
                c.review() == null ? null : c.review().provisional(), c.registeredOn(), c.registeredAt(),
                ReasonView.of(c.refusals()), c.decidedOn(), c.amendments().stream().map(AmendmentView::of).toList(),
                c.cancellationReason());
    }

    private static String uscc(Party p) {
        return p.uscc() == null ? null : p.uscc().value();
    }
}
