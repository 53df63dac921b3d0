package org.susong.techcontracts.messaging.out;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.util.List;
import org.susong.commons.messaging.EventHeaders;
import org.susong.commons.messaging.NewEvent;
import org.susong.techcontracts.domain.ContractTerms;
import org.susong.techcontracts.domain.Party;
import org.susong.techcontracts.domain.RefusalReason;
import org.susong.techcontracts.domain.TechContractEvent;

/**
 * Wire events of the tech-contracts service ({@code tech-contracts.events}), mapped explicitly from
 * domain events. Schemas: services/event-contracts/src/main/resources/schemas/tech-contracts/.
 * Amounts in integer fen, districts as enum names, dates as ISO dates.
 */
public final class ContractEvents {

    public static final String SERVICE = "tech-contracts";
    public static final String SUBMITTED = EventHeaders.type(SERVICE, "ContractSubmitted", 1);
    public static final String REGISTERED = EventHeaders.type(SERVICE, "ContractRegistered", 1);
    public static final String REFUSED = EventHeaders.type(SERVICE, "ContractRefused", 1);
    public static final String AMENDED = EventHeaders.type(SERVICE, "ContractAmended", 1);
    public static final String CANCELLED = EventHeaders.type(SERVICE, "ContractCancelled", 1);

    private ContractEvents() {
    }

    /**
     * {@code susong.tech-contracts.ContractRegistered.v1}. The members after
     * {@code technicalTransactionAmountFen} were added with issue 6 (additive); the USCC of a foreign
     * party is absent, its name and country are given instead.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ContractRegisteredV1(String contractId, String registrationNumber, String title, String type,
                                       String sellerUscc, String buyerUscc, String sellerDistrict, LocalDate signingDate,
                                       LocalDate registeredOn, long contractAmountFen, long technicalTransactionAmountFen,
                                       String sellerName, String sellerCountry, String buyerName, String buyerCountry,
                                       LocalDate termStart, LocalDate termEnd, String bricsStatus, Boolean imported) {
    }

    /** A party on the wire: USCC for a domestic one, name and ISO 3166-1 alpha-2 country for a foreign one. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PartyV1(String uscc, String name, String country) {
        static PartyV1 of(Party p) {
            return new PartyV1(p.uscc() == null ? null : p.uscc().value(), p.name(), p.country());
        }
    }

    /** The amount-bearing terms of a contract, before or after an amendment. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TermsV1(String title, String type, PartyV1 seller, PartyV1 buyer, String sellerDistrict,
                          LocalDate signingDate, LocalDate termStart, LocalDate termEnd, long contractAmountFen,
                          long technicalTransactionAmountFen) {
        static TermsV1 of(ContractTerms t) {
            return new TermsV1(t.title(), t.type().name(), PartyV1.of(t.seller()), PartyV1.of(t.buyer()),
                    t.sellerDistrict().name(), t.signingDate(), t.termStart(), t.termEnd(), t.contractAmount().fen(),
                    t.technicalTransactionAmount().fen());
        }
    }

    public record ContractSubmittedV1(String contractId, TermsV1 terms, LocalDate submittedOn, LocalDate reviewDueOn,
                                      boolean expertReview, String bricsStatus) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ReasonV1(String code, String text) {
    }

    public record ContractRefusedV1(String contractId, TermsV1 terms, List<ReasonV1> reasons, LocalDate refusedOn) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ContractAmendedV1(String contractId, String registrationNumber, int amendmentNumber, TermsV1 before,
                                    TermsV1 after, String reason, LocalDate amendedOn, String bricsStatus) {
    }

    public record ContractCancelledV1(String contractId, String registrationNumber, TermsV1 terms, String reason,
                                      LocalDate cancelledOn) {
    }

    /**
     * @param actor     the acting principal ({@code Principal.asActor()})
     * @param causation the request that caused the event
     */
    public static NewEvent toWire(TechContractEvent event, String actor, String causation) {
        String id = event.contractId();
        NewEvent.Builder wire;
        String district;
        if (event instanceof TechContractEvent.Registered r) {
            ContractTerms t = r.terms();
            district = t.sellerDistrict().name();
            wire = NewEvent.of(REGISTERED, id, new ContractRegisteredV1(id, r.registrationNumber().value(), t.title(),
                    t.type().name(), uscc(t.seller()), uscc(t.buyer()), district, t.signingDate(), r.registeredOn(),
                    t.contractAmount().fen(), t.technicalTransactionAmount().fen(), t.seller().name(),
                    t.seller().country(), t.buyer().name(), t.buyer().country(), t.termStart(), t.termEnd(),
                    r.brics().name(), r.imported()));
        } else if (event instanceof TechContractEvent.Submitted s) {
            district = s.terms().sellerDistrict().name();
            wire = NewEvent.of(SUBMITTED, id, new ContractSubmittedV1(id, TermsV1.of(s.terms()), s.submittedOn(),
                    s.deadline().dueOn(), s.deadline().expertReview(), s.brics().name()));
        } else if (event instanceof TechContractEvent.Refused f) {
            district = f.terms().sellerDistrict().name();
            wire = NewEvent.of(REFUSED, id, new ContractRefusedV1(id, TermsV1.of(f.terms()), reasons(f.reasons()),
                    f.refusedOn()));
        } else if (event instanceof TechContractEvent.Amended a) {
            district = a.after().sellerDistrict().name();
            wire = NewEvent.of(AMENDED, id, new ContractAmendedV1(id, a.registrationNumber().value(), a.amendmentNumber(),
                    TermsV1.of(a.before()), TermsV1.of(a.after()), a.reason(), a.amendedOn(), a.brics().name()));
        } else if (event instanceof TechContractEvent.Cancelled c) {
            district = c.terms().sellerDistrict().name();
            wire = NewEvent.of(CANCELLED, id, new ContractCancelledV1(id, c.registrationNumber().value(),
                    TermsV1.of(c.terms()), c.reason(), c.cancelledOn()));
        } else {
            throw new IllegalArgumentException("no wire mapping for " + event);
        }
        return wire.actor(actor).correlation(id).causation(causation).district(district).build();
    }

    private static String uscc(Party party) {
        return party.uscc() == null ? null : party.uscc().value();
    }

    private static List<ReasonV1> reasons(List<RefusalReason.Refusal> reasons) {
        return reasons.stream().map(r -> new ReasonV1(r.code().name(), r.text())).toList();
    }
}
