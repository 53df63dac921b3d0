package org.susong.techcontracts.domain;

import java.time.LocalDate;
import java.util.List;

/** What the technology-contract aggregate announces. */
public sealed interface TechContractEvent {

    String contractId();

    /** Filed for review; the registry must decide by {@code dueOn}. */
    record Submitted(String contractId, ContractTerms terms, LocalDate submittedOn, ReviewRules.Deadline deadline,
                     BricsStatus brics) implements TechContractEvent {
    }

    /** Registered (by review, directly by the registry, or imported with its national number). */
    record Registered(String contractId, RegistrationNumber registrationNumber, ContractTerms terms,
                      LocalDate registeredOn, BricsStatus brics, boolean imported) implements TechContractEvent {
    }

    /** Not registered, on one or more coded grounds. */
    record Refused(String contractId, ContractTerms terms, List<RefusalReason.Refusal> reasons, LocalDate refusedOn)
            implements TechContractEvent {
    }

    /** A reviewed amendment applied: the terms before and after. */
    record Amended(String contractId, RegistrationNumber registrationNumber, int amendmentNumber, ContractTerms before,
                   ContractTerms after, String reason, LocalDate amendedOn, BricsStatus brics) implements TechContractEvent {
    }

    /** Cancelled for good; its registration no longer counts. */
    record Cancelled(String contractId, RegistrationNumber registrationNumber, ContractTerms terms, String reason,
                     LocalDate cancelledOn) implements TechContractEvent {
    }
}
