package org.susong.techcontracts.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.susong.commons.ids.District;
import org.susong.commons.rest.ListParams;
import org.susong.commons.rest.Page;
import org.susong.commons.rest.ProblemException;
import org.susong.commons.security.CurrentUser;
import org.susong.commons.security.Principal;
import org.susong.techcontracts.application.ContractQueries;
import org.susong.techcontracts.application.ContractService;
import org.susong.techcontracts.application.ReviewService;
import org.susong.techcontracts.domain.ContractFilter;
import org.susong.techcontracts.domain.ContractStatus;
import org.susong.techcontracts.domain.ContractType;
import org.susong.techcontracts.domain.TechContract;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.susong.commons.rest.ApiContract;

@Tag(name = "contracts", description = "Technology contracts (技术合同): filing, the registrar's review (registration with "
        + "a 16-digit number, refusal with coded reasons), amendments and cancellation.")
@Path("/contracts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ContractResource {

    /** Grounds of a refusal. */
    @Schema(example = "{\"reasons\": [{\"code\": \"NOT_A_TECHNOLOGY_CONTRACT\", \"text\": \"the subject is equipment supply, not technology\"}]}")
    public record RefusalRequest(List<ReviewService.ReasonInput> reasons) {
    }

    /** Why a contract is cancelled. */
    @Schema(example = "{\"reason\": \"the parties terminated the contract on 2026-06-10\"}")
    public record CancellationRequest(String reason) {
    }

    /** New terms (all of them, as in a filing) and the reason for the change. */
    @Schema(example = """
            {"reason": "the amount was raised by a supplementary agreement", "terms": {"title": "Solid-state electrolyte coating process", "type": "DEVELOPMENT", "sellerUscc": "91350200MA0000001W",
             "buyerUscc": "91350200MA00000020", "sellerDistrict": "Huli", "signingDate": "2026-06-06",
             "termStart": "2026-07-01", "termEnd": "2027-06-30", "contractAmountFen": 300000000,
             "technicalTransactionAmountFen": 210000000,
             "paymentSchedule": [{"dueOn": "2026-07-15", "amountFen": 150000000}, {"dueOn": "2027-06-30", "amountFen": 150000000}]}}""")
    public record AmendmentRequest(String reason, @Valid @NotNull ContractRequest terms) {
    }

    /** One overdue review. */
    public record OverdueView(String id,
                              @Schema(implementation = org.susong.techcontracts.domain.ContractStatus.class) String status,
                              String title, District sellerDistrict, LocalDate submittedOn,
                              LocalDate reviewDueOn, long daysOverdue, Integer amendmentNumber) {
    }

    private final ContractService contracts;
    private final ReviewService reviews;
    private final CurrentUser currentUser;
    private final ContractQueries queries;

    private final ObjectMapper json;

    ContractResource(ContractService contracts, ReviewService reviews, CurrentUser currentUser, ContractQueries queries,
                     ObjectMapper json) {
        this.json = json;
        this.queries = queries;
        this.contracts = contracts;
        this.reviews = reviews;
        this.currentUser = currentUser;
    }

    /**
     * Files a contract: an applicant's is SUBMITTED for review (201, no number yet); one entered by
     * registry staff (registrar or officer) is REGISTERED at once with its 16-digit number.
     */
    @Operation(operationId = "fileContract", summary = "File a contract",
            description = "An applicant's is SUBMITTED for review (no number yet); one entered by registry staff (registrar or officer) "
                    + "is REGISTERED at once with its 16-digit number. The same contract filed twice: 409 with `existingContract`. "
                    + "With an `Idempotency-Key` (kept 24 hours, per acting party), a repeat of the same body returns the original "
                    + "answer (`Idempotent-Replayed: true`) and files nothing, a different body under the same key is refused with "
                    + "422 naming `Idempotency-Key`, and a repeat while the first is still being served gets 409.")
    @APIResponse(responseCode = "201", description = "Filed (or the original answer to a replayed Idempotency-Key)",
            headers = {@Header(name = "Location", ref = ApiContract.LOCATION),
                    @Header(name = "Idempotent-Replayed", ref = ApiContract.IDEMPOTENT_REPLAYED)},
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ContractView.class)))
    @POST
    @RolesAllowed({Principal.APPLICANT, Principal.OFFICER, Principal.REGISTRAR})
    public Response file(@Parameter(description = "A key of the client's choosing (up to 100 characters) that makes a "
                                 + "retried filing safe: the same key and body file one contract")
                         @HeaderParam("Idempotency-Key") @Size(max = 100) String idempotencyKey,
                         @Valid @NotNull ContractRequest request) {
        ContractService.Filed filed = contracts.file(currentUser.require(), request.toCommand(), idempotencyKey,
                this::answer);
        if (filed.replayed() != null) {
            return Response.created(URI.create("/contracts/" + filed.replayed().id()))
                    .header("Idempotent-Replayed", "true").type(MediaType.APPLICATION_JSON)
                    .entity(filed.replayed().json()).build();
        }
        return Response.created(URI.create("/contracts/" + filed.contract().id())).header("Idempotent-Replayed", "false")
                .entity(ContractView.of(filed.contract())).build();
    }

    /** The answer kept with an Idempotency-Key: the view as first answered. */
    private String answer(TechContract contract) {
        try {
            return json.writeValueAsString(ContractView.of(contract));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("the view of " + contract.id() + " is not JSON", e);
        }
    }

    /** A registrar imports a contract already registered nationally, keeping its registration number. */
    @Operation(operationId = "importRegisteredContract", summary = "Import a contract registered elsewhere",
            description = "With its existing `registrationNumber` and `registeredOn`; registry staff only.")
    @APIResponse(responseCode = "201", description = "Imported", headers = @Header(name = "Location", ref = ApiContract.LOCATION),
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ContractView.class)))
    @POST
    @Path("/imports")
    @RolesAllowed(Principal.REGISTRAR)
    public Response importRegistered(@Valid @NotNull ContractRequest request) {
        return created(contracts.importRegistered(currentUser.require(), request.toCommand()));
    }

    /**
     * The contracts the caller sees (registrars and auditors all, a district officer its district's, an applicant
     * those it is a party to), newest first, keyset-paged. Filters: district (any case), status, type, applicant
     * (a party's USCC), from/to (registration dates, inclusive).
     */
    @Operation(operationId = "listContracts", summary = "List contracts",
            description = "The contracts the caller sees (registrars and auditors all, a district officer their district's, an "
                    + "applicant those it is a party to), newest first, paged by a keyset cursor (`nextCursor`). Filters: "
                    + "district (any case), status, type, applicant (a party's USCC), from/to (registration dates, inclusive).")
    @GET
    @RolesAllowed({Principal.APPLICANT, Principal.OFFICER, Principal.REGISTRAR, Principal.AUDITOR})
    public Page<ContractView> list(@QueryParam("district") String district, @QueryParam("status") String status,
                                   @QueryParam("type") String type, @QueryParam("applicant") String applicant,
                                   @QueryParam("from") String from, @QueryParam("to") String to,
                                   @QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        Principal principal = currentUser.require();
        ListParams.Dates dates = ListParams.dates(from, to);
        ContractFilter filter = new ContractFilter(ListParams.district("district", district),
                ListParams.oneOf("status", status, ContractStatus.class), ListParams.oneOf("type", type, ContractType.class),
                ListParams.text(applicant).map(u -> u.toUpperCase(java.util.Locale.ROOT)), dates.from(), dates.to());
        return queries.list(principal, filter, cursor, ListParams.limit(limit)).map(ContractView::of);
    }

    @Operation(operationId = "getContract", summary = "Read a contract",
            description = "With its parties, terms, review dates, refusals and amendments; visible to registry staff, auditors, the district's officers and its parties (404 otherwise).")
    @GET
    @Path("/{id}")
    @RolesAllowed({Principal.APPLICANT, Principal.OFFICER, Principal.REGISTRAR, Principal.AUDITOR})
    public ContractView get(@PathParam("id") String id) {
        Principal principal = currentUser.require();
        return contracts.find(id).filter(c -> ContractService.visibleTo(principal, c)).map(ContractView::of)
                .orElseThrow(() -> ProblemException.notFound("contract", id));
    }

    /**
     * Reviews (submissions, amendments) past their deadline, oldest deadline first, keyset-paged; district officers
     * see their district.
     */
    @Operation(operationId = "listOverdueReviews", summary = "List reviews past their due date",
            description = "Submissions and amendments past their review deadline, oldest due first, paged by a keyset cursor "
                    + "(`nextCursor`); district officers see their district.")
    @GET
    @Path("/overdue")
    @RolesAllowed({Principal.OFFICER, Principal.REGISTRAR, Principal.AUDITOR})
    public Page<OverdueView> overdue(@QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        Principal principal = currentUser.require();
        int size = ListParams.limit(limit);
        LocalDate today = reviews.today();
        ReviewService.OverduePage page = reviews.overdue(principal, cursor, size);
        List<OverdueView> views = page.contracts().stream().map(c -> {
            LocalDate due = c.reviewDueOn().orElseThrow();
            return new OverdueView(c.id(), c.status().name(), c.terms().title(), c.terms().sellerDistrict(),
                    c.submittedOn(), due, ChronoUnit.DAYS.between(due, today),
                    c.pendingAmendment().map(a -> a.number()).orElse(null));
        }).toList();
        return new Page<>(views, page.nextCursor().orElse(null), size);
    }

    /** The review ends in registration: the number is issued now. Registrar only. */
    @Operation(operationId = "registerContract", summary = "Register a submitted contract",
            description = "The review ends in registration: the 16-digit number is issued now. Registrar only; 409 with "
                    + "`currentStatus` when the contract is not SUBMITTED.")
    @POST
    @Path("/{id}/registration")
    @RolesAllowed(Principal.REGISTRAR)
    @Consumes(MediaType.WILDCARD)
    public ContractView register(@PathParam("id") String id) {
        return ContractView.of(reviews.register(currentUser.require(), id));
    }

    /** The review ends without registration, with one or more coded reasons. Registrar only. */
    @Operation(operationId = "refuseContract", summary = "Refuse a submitted contract",
            description = "The review ends without registration, with one or more coded reasons. Registrar only.")
    @POST
    @Path("/{id}/refusal")
    @RolesAllowed(Principal.REGISTRAR)
    public ContractView refuse(@PathParam("id") String id, @NotNull RefusalRequest request) {
        return ContractView.of(reviews.refuse(currentUser.require(), id, request.reasons()));
    }

    /** Proposes an amendment of a registered contract; it applies once a registrar approves it. */
    @Operation(operationId = "proposeContractAmendment", summary = "Propose an amendment",
            description = "New terms (all of them, as in a filing) and the reason; it applies once a registrar approves it.")
    @APIResponse(responseCode = "202", description = "Proposed: waiting for a registrar",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ContractView.class)))
    @POST
    @Path("/{id}/amendments")
    @RolesAllowed({Principal.APPLICANT, Principal.REGISTRAR})
    public Response amend(@PathParam("id") String id, @Valid @NotNull AmendmentRequest request) {
        TechContract contract = reviews.proposeAmendment(currentUser.require(), id, request.terms().toCommand(),
                request.reason());
        return Response.accepted(ContractView.of(contract)).build();
    }

    @Operation(operationId = "approveContractAmendment", summary = "Approve the pending amendment",
            description = "Registrar only; the new terms apply.")
    @POST
    @Path("/{id}/amendments/pending/approval")
    @RolesAllowed(Principal.REGISTRAR)
    @Consumes(MediaType.WILDCARD)
    public ContractView approveAmendment(@PathParam("id") String id) {
        return ContractView.of(reviews.approveAmendment(currentUser.require(), id));
    }

    @Operation(operationId = "refuseContractAmendment", summary = "Refuse the pending amendment",
            description = "With one or more coded reasons; the registered terms stay. Registrar only.")
    @POST
    @Path("/{id}/amendments/pending/refusal")
    @RolesAllowed(Principal.REGISTRAR)
    public ContractView refuseAmendment(@PathParam("id") String id, @NotNull RefusalRequest request) {
        return ContractView.of(reviews.refuseAmendment(currentUser.require(), id, request.reasons()));
    }

    /** Cancels a registered contract for good; the same contract may then be filed again. Registrar only. */
    @Operation(operationId = "cancelContract", summary = "Cancel a registered contract",
            description = "For good; the same contract may then be filed again. Registrar only.")
    @POST
    @Path("/{id}/cancellation")
    @RolesAllowed(Principal.REGISTRAR)
    public ContractView cancel(@PathParam("id") String id, @NotNull CancellationRequest request) {
        return ContractView.of(reviews.cancel(currentUser.require(), id, request.reason()));
    }

    private static Response created(TechContract contract) {
        return Response.created(URI.create("/contracts/" + contract.id())).entity(ContractView.of(contract)).build();
    }
}
