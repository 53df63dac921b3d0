package org.susong.techcontracts.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import org.susong.commons.ids.District;
import org.susong.commons.ids.Uscc;
import org.susong.commons.rest.ProblemException;
import org.susong.commons.security.CurrentUser;
import org.susong.commons.security.Principal;
import org.susong.techcontracts.application.ContractService;
import org.susong.techcontracts.domain.ContractTerms;
import org.susong.techcontracts.domain.ContractType;
import org.susong.techcontracts.domain.TechContract;

@Path("/contracts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ContractResource {

    /**
     * A contract to register. Amounts in integer fen; {@code sellerDistrict} is one of Xiamen's six
     * districts ("Huli", "HULI" or "湖里区"); {@code signingDate} an ISO date.
     */
    public record RegisterContractRequest(
            @NotBlank @Size(max = 200) String title,
            @NotNull ContractType type,
            @NotBlank @Size(max = 32) String sellerUscc,
            @NotBlank @Size(max = 32) String buyerUscc,
            @NotBlank @Size(max = 32) String sellerDistrict,
            @NotNull LocalDate signingDate,
            @NotNull @Positive Long contractAmountFen,
            @NotNull @Positive Long technicalTransactionAmountFen) {
    }

    public record ContractView(String id, String registrationNumber, String status, String title, ContractType type,
                               String sellerUscc, String buyerUscc, String sellerDistrict, LocalDate signingDate,
                               long contractAmountFen, long technicalTransactionAmountFen, LocalDate registeredOn,
                               Instant registeredAt) {
        static ContractView of(TechContract c) {
            ContractTerms t = c.terms();
            return new ContractView(c.id(), c.registrationNumber().value(), c.status().name(), t.title(), t.type(),
                    t.seller().value(), t.buyer().value(), t.sellerDistrict().english(), t.signingDate(),
                    t.contractAmount().fen(), t.technicalTransactionAmount().fen(), c.registeredOn(), c.registeredAt());
        }
    }

    private final ContractService contracts;
    private final CurrentUser currentUser;

    ContractResource(ContractService contracts, CurrentUser currentUser) {
        this.contracts = contracts;
        this.currentUser = currentUser;
    }

    /** Registers a contract at once (this slice has no review step) and answers with its registration number. */
    @POST
    public Response register(@Valid @NotNull RegisterContractRequest request) {
        Principal principal = currentUser.require();
        String seller = usccShape("sellerUscc", request.sellerUscc());
        String buyer = usccShape("buyerUscc", request.buyerUscc());
        District district = District.parse(request.sellerDistrict()).orElseThrow(() -> ProblemException.badRequest(
                "sellerDistrict", "unknown district '" + request.sellerDistrict() + "'; one of " + District.allowed()));
        TechContract contract = contracts.register(principal, new ContractService.RegisterCommand(request.title(),
                request.type(), seller, buyer, district, request.signingDate(), request.contractAmountFen(),
                request.technicalTransactionAmountFen()));
        return Response.created(URI.create("/contracts/" + contract.id())).entity(ContractView.of(contract)).build();
    }

    @GET
    @Path("/{id}")
    public ContractView get(@PathParam("id") String id) {
        Principal principal = currentUser.require();
        return contracts.find(id).filter(c -> visibleTo(principal, c)).map(ContractView::of)
                .orElseThrow(() -> ProblemException.notFound("contract", id));
    }

    /** District officers see contracts whose seller is in their district; applicants those their enterprise is party to. */
    static boolean visibleTo(Principal principal, TechContract contract) {
        District district = contract.terms().sellerDistrict();
        if (principal.hasRole(Principal.OFFICER) && principal.district().isPresent()) {
            return District.parse(principal.district().get()).map(district::equals).orElse(false);
        }
        if (principal.hasRole(Principal.APPLICANT)) {
            return principal.actingFor().map(uscc -> uscc.equals(contract.terms().seller().value())
                    || uscc.equals(contract.terms().buyer().value())).orElse(false);
        }
        return true;
    }

    private static String usccShape(String field, String raw) {
        String uscc = raw.trim().toUpperCase(Locale.ROOT);
        Uscc.shapeProblem(uscc).ifPresent(problem -> {
            throw ProblemException.badRequest(field, problem);
        });
        return uscc;
    }
}
