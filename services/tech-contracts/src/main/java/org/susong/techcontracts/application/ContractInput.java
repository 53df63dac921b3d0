package org.susong.techcontracts.application;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.susong.commons.ids.District;
import org.susong.commons.ids.Uscc;
import org.susong.commons.ids.UsccOverride;
import org.susong.commons.money.Money;
import org.susong.commons.rest.ProblemException;
import org.susong.commons.security.Principal;
import org.susong.techcontracts.domain.BricsStatus;
import org.susong.techcontracts.domain.ContractRuleViolation;
import org.susong.techcontracts.domain.ContractTerms;
import org.susong.techcontracts.domain.ContractType;
import org.susong.techcontracts.domain.Party;
import org.susong.techcontracts.domain.TechContract;

/**
 * Turns a {@link ContractCommand} into contract terms, naming the request field of the first
 * problem (400 for shape, 422 for a rule). Shared by single requests and bulk rows, so both refuse
 * the same things the same way.
 */
final class ContractInput {

    /** Terms ready for the aggregate, with the BRICS standing and any accepted check-character overrides. */
    record Prepared(ContractTerms terms, BricsStatus brics, List<TechContract.CheckOverride> overrides) {
    }

    private ContractInput() {
    }

    static Prepared prepare(ContractCommand c, Principal principal, ReferenceData reference, LocalDate today) {
        String title = required("title", c.title()).trim();
        if (title.length() > 200) {
            throw ProblemException.badRequest("title", "at most 200 characters");
        }
        ContractType type = type(c.type());
        List<TechContract.CheckOverride> overrides = new ArrayList<>();
        Party seller = party("seller", c.seller(), principal, overrides);
        Party buyer = party("buyer", c.buyer(), principal, overrides);
        String districtText = required("sellerDistrict", c.sellerDistrict());
        District district = District.parse(districtText).orElseThrow(() -> ProblemException.badRequest("sellerDistrict",
                "unknown district '" + districtText + "'; one of " + District.allowed()));
        if (c.signingDate() == null) {
            throw ProblemException.badRequest("signingDate", "required");
        }
        Money contract = amount("contractAmountFen", c.contractAmountFen());
        Money technical = amount("technicalTransactionAmountFen", c.technicalTransactionAmountFen());
        List<ContractTerms.Instalment> schedule = new ArrayList<>();
        List<ContractCommand.InstalmentInput> instalments = c.paymentSchedule() == null ? List.of() : c.paymentSchedule();
        for (int i = 0; i < instalments.size(); i++) {
            ContractCommand.InstalmentInput in = instalments.get(i);
            if (in == null || in.dueOn() == null || in.amountFen() == null) {
                throw ProblemException.badRequest("paymentSchedule[" + i + "]", "an instalment needs dueOn and amountFen");
            }
            schedule.add(new ContractTerms.Instalment(in.dueOn(), amount("paymentSchedule[" + i + "].amountFen",
                    in.amountFen())));
        }
        List<ContractTerms.Attachment> attachments = new ArrayList<>();
        List<ContractCommand.AttachmentInput> files = c.attachments() == null ? List.of() : c.attachments();
        for (int i = 0; i < files.size(); i++) {
            ContractCommand.AttachmentInput a = files.get(i);
            try {
                attachments.add(new ContractTerms.Attachment(a.fileName(), a.sha256() == null ? null
                        : a.sha256().toLowerCase(Locale.ROOT), a.sizeBytes() == null ? 0 : a.sizeBytes(),
                        ContractTerms.AttachmentKind.valueOf(required("attachments[" + i + "].kind", a.kind()))));
            } catch (IllegalArgumentException e) {
                throw ProblemException.badRequest("attachments[" + i + "]", e.getMessage() + "; kinds: "
                        + List.of(ContractTerms.AttachmentKind.values()));
            }
        }
        ContractTerms terms = new ContractTerms(title, type, seller, buyer, district, c.signingDate(), c.termStart(),
                c.termEnd(), contract, technical, schedule, attachments);
        check(terms, today);
        return new Prepared(terms, reference.brics().statusOf(terms), overrides);
    }

    static void check(ContractTerms terms, LocalDate today) {
        try {
            terms.checkRegistrable(today);
        } catch (ContractRuleViolation e) {
            throw ProblemException.unprocessable(field(e.term()), e.getMessage());
        }
    }

    /** The request field each contract term arrives in. */
    static String field(ContractRuleViolation.Term term) {
        switch (term) {
            case SELLER:
                return "sellerUscc";
            case BUYER:
                return "buyerUscc";
            case SIGNING_DATE:
                return "signingDate";
            case REGISTRATION_DATE:
                return "registeredOn";
            case REGISTRATION_NUMBER:
                return "registrationNumber";
            case TERM:
                return "termEnd";
            case CONTRACT_AMOUNT:
                return "contractAmountFen";
            case TECHNICAL_TRANSACTION_AMOUNT:
                return "technicalTransactionAmountFen";
            case PAYMENT_SCHEDULE:
                return "paymentSchedule";
            case REFUSAL_REASONS:
                return "reasons";
            default:
                return null;
        }
    }

    private static Party party(String role, ContractCommand.PartyInput in, Principal principal,
                               List<TechContract.CheckOverride> overrides) {
        ContractCommand.PartyInput p = in == null ? new ContractCommand.PartyInput(null, null, null, null) : in;
        String country = p.country() == null || p.country().isBlank() ? Party.CHINA
                : p.country().trim().toUpperCase(Locale.ROOT);
        if (!Party.isCountryCode(country)) {
            throw ProblemException.badRequest(role + "Country", "'" + p.country()
                    + "' is not an ISO 3166-1 alpha-2 country code");
        }
        if (!Party.CHINA.equals(country)) {
            if (p.uscc() != null && !p.uscc().isBlank()) {
                throw ProblemException.badRequest(role + "Uscc", "a foreign party (" + country + ") has no USCC;"
                        + " give its name and country");
            }
            String name = required(role + "Name", p.name()).trim();
            if (name.length() > 200) {
                throw ProblemException.badRequest(role + "Name", "at most 200 characters");
            }
            return Party.foreign(name, country);
        }
        String field = role + "Uscc";
        String code = required(field, p.uscc()).trim().toUpperCase(Locale.ROOT);
        Uscc.shapeProblem(code).ifPresent(problem -> {
            throw ProblemException.badRequest(field, problem);
        });
        Uscc uscc = new Uscc(code);
        try {
            UsccOverride override = UsccOverride.require(uscc, field, p.checkOverrideReason(),
                    principal.hasRole(Principal.OFFICER) || principal.hasRole(ContractService.REGISTRAR), principal.user());
            if (override != null) {
                overrides.add(new TechContract.CheckOverride(role, override.officer(), override.reason()));
            }
        } catch (UsccOverride.UsccCheckFailed e) {
            throw ProblemException.unprocessable(field, e.getMessage())
                    .with("expectedCheckCharacter", String.valueOf(e.expected()));
        }
        String name = p.name() == null || p.name().isBlank() ? null : p.name().trim();
        return Party.domestic(name, uscc);
    }

    private static ContractType type(String raw) {
        String text = required("type", raw).trim().toUpperCase(Locale.ROOT);
        try {
            return ContractType.valueOf(text);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("type", "unknown contract type '" + raw + "'; one of "
                    + List.of(ContractType.values()));
        }
    }

    private static Money amount(String field, Long fen) {
        if (fen == null) {
            throw ProblemException.badRequest(field, "required");
        }
        if (fen <= 0) {
            throw ProblemException.badRequest(field, "must be greater than 0");
        }
        return Money.ofFen(fen);
    }

    private static String required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw ProblemException.badRequest(field, "required");
        }
        return value;
    }
}
