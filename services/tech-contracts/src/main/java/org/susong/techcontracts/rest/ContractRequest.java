package org.susong.techcontracts.rest;

import java.time.LocalDate;
import java.util.List;
import org.susong.commons.ids.District;
import org.susong.techcontracts.application.ContractCommand;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A contract as a request (or one JSON line of a bulk file) gives it. Amounts in integer fen;
 * {@code sellerDistrict} is one of Xiamen's six districts, in any case ("Huli", "HULI" or "湖里区"; an unknown one
 * is a 400 naming the field) - the applying
 * party's, i.e. the domestic buyer's for a technology import; dates ISO. A domestic party is given
 * by its USCC (country empty or CN), a foreign one by name and ISO 3166-1 alpha-2 country. An officer
 * may accept a USCC whose check character fails by giving {@code sellerUsccOverrideReason} /
 * {@code buyerUsccOverrideReason}. {@code registrationNumber} and {@code registeredOn}: imports only.
 */
@Schema(description = "A technology contract's terms, as filed (or one JSON line of a bulk file)", example = """
            {"title": "Solid-state electrolyte coating process", "type": "DEVELOPMENT", "sellerUscc": "91350200MA0000001W",
             "buyerUscc": "91350200MA00000020", "sellerDistrict": "Huli", "signingDate": "2026-06-06",
             "termStart": "2026-07-01", "termEnd": "2027-06-30", "contractAmountFen": 250000000,
             "technicalTransactionAmountFen": 210000000,
             "paymentSchedule": [{"dueOn": "2026-07-15", "amountFen": 125000000}, {"dueOn": "2027-06-30", "amountFen": 125000000}]}""")
public record ContractRequest(String title,
                              @Schema(implementation = org.susong.techcontracts.domain.ContractType.class) String type,
                              String sellerUscc, String sellerName, String sellerCountry,
                              String sellerUsccOverrideReason, String buyerUscc, String buyerName, String buyerCountry,
                              String buyerUsccOverrideReason, District sellerDistrict, LocalDate signingDate,
                              LocalDate termStart, LocalDate termEnd, Long contractAmountFen,
                              Long technicalTransactionAmountFen, List<ContractCommand.InstalmentInput> paymentSchedule,
                              List<ContractCommand.AttachmentInput> attachments, String registrationNumber,
                              LocalDate registeredOn) {

    ContractCommand toCommand() {
        return new ContractCommand(title, type,
                new ContractCommand.PartyInput(sellerUscc, sellerName, sellerCountry, sellerUsccOverrideReason),
                new ContractCommand.PartyInput(buyerUscc, buyerName, buyerCountry, buyerUsccOverrideReason),
                sellerDistrict == null ? null : sellerDistrict.name(), signingDate, termStart, termEnd, contractAmountFen, technicalTransactionAmountFen,
                paymentSchedule, attachments, registrationNumber, registeredOn);
    }
}
