package org.susong.techcontracts.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A registered technology contract. It decides; it does not publish: registration returns the
 * contract together with the event that announces it, and the application layer stores both in
 * one write.
 *
 * @param registeredOn the registration date in Asia/Shanghai, whose year starts the registration number
 */
public record TechContract(String id, RegistrationNumber registrationNumber, ContractTerms terms, ContractStatus status,
                           LocalDate registeredOn, Instant registeredAt, String registeredBy) {

    public TechContract {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(registrationNumber, "registrationNumber");
        Objects.requireNonNull(terms, "terms");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(registeredOn, "registeredOn");
        Objects.requireNonNull(registeredAt, "registeredAt");
    }

    /**
     * Registers a contract on {@code today} under a number issued for today's year.
     *
     * @param today the Asia/Shanghai date of {@code now}
     * @throws ContractRuleViolation when the terms break a registration rule
     */
    public static Registration register(String id, ContractTerms terms, RegistrationNumber number, Instant now,
                                        LocalDate today, String actor) {
        terms.checkRegistrable(today);
        if (number.year() != today.getYear()) {
            throw new IllegalArgumentException("registration number " + number + " belongs to " + number.year()
                    + ", not to the registration year " + today.getYear());
        }
        TechContract contract = new TechContract(id, number, terms, ContractStatus.REGISTERED, today, now, actor);
        TechContractEvent.Registered registered = new TechContractEvent.Registered(id, number, terms.title(), terms.type(),
                terms.seller(), terms.buyer(), terms.sellerDistrict(), terms.signingDate(), today, terms.contractAmount(),
                terms.technicalTransactionAmount());
        return new Registration(contract, registered);
    }

    public record Registration(TechContract contract, TechContractEvent.Registered event) {
    }
}
