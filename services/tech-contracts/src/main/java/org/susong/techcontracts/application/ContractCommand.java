package org.susong.techcontracts.application;

import java.time.LocalDate;
import java.util.List;

/**
 * A contract as a caller gives it (one REST request or one bulk row), before the rules are applied.
 * Parties: a domestic one by USCC (country empty or CN), a foreign one by name and ISO 3166-1 alpha-2
 * country. {@code registrationNumber} and {@code registeredOn} only for contracts already registered
 * nationally (imports).
 */
public record ContractCommand(String title, String type, PartyInput seller, PartyInput buyer, String sellerDistrict,
                              LocalDate signingDate, LocalDate termStart, LocalDate termEnd, Long contractAmountFen,
                              Long technicalTransactionAmountFen, List<InstalmentInput> paymentSchedule,
                              List<AttachmentInput> attachments, String registrationNumber, LocalDate registeredOn) {

    /** @param checkOverrideReason an officer's reason to accept a USCC whose check character fails */
    public record PartyInput(String uscc, String name, String country, String checkOverrideReason) {
    }

    public record InstalmentInput(LocalDate dueOn, Long amountFen) {
    }

    public record AttachmentInput(String fileName, String sha256, Long sizeBytes, String kind) {
    }
}
