package org.susong.techcontracts.domain;

import java.time.LocalDate;
import org.susong.commons.ids.District;
import org.susong.commons.ids.Uscc;
import org.susong.commons.money.Money;

/** What the technology-contract aggregate announces. */
public sealed interface TechContractEvent {

    String contractId();

    record Registered(String contractId, RegistrationNumber registrationNumber, String title, ContractType type,
                      Uscc seller, Uscc buyer, District sellerDistrict, LocalDate signingDate, LocalDate registeredOn,
                      Money contractAmount, Money technicalTransactionAmount) implements TechContractEvent {
    }
}
