package org.susong.payments.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.NoSuchElementException;
import org.susong.commons.rest.ListParams;
import org.susong.commons.rest.Page;
import org.susong.commons.rest.ProblemException;
import org.susong.commons.security.CurrentUser;
import org.susong.commons.security.Principal;
import org.susong.payments.application.ApplicantChanges;
import org.susong.payments.application.RecoveryService;
import org.susong.payments.domain.Recovery;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Recovery orders (clawbacks) and their repayments. */
@Tag(name = "recoveries", description = "Recoveries of revoked awards and the repayments booked against them.")
@Path("/recoveries")
@Produces(MediaType.APPLICATION_JSON)
public class RecoveryResource {

    @Schema(example = "{\"amountFen\": 20000000, \"reference\": \"CCB-20260615-000123\"}")
    public record RepaymentRequest(@NotNull @Positive Long amountFen, @NotBlank @Size(max = 35) String reference) {
    }

    private final RecoveryService recoveries;
    private final CurrentUser currentUser;
    private final ApplicantChanges applicants;

    RecoveryResource(RecoveryService recoveries, CurrentUser currentUser, ApplicantChanges applicants) {
        this.applicants = applicants;
        this.recoveries = recoveries;
        this.currentUser = currentUser;
    }

    /**
     * A beneficiary's recoveries that the principal sees (filtered in the query: district, own USCC), paged (one
     * beneficiary's recoveries are few: paged in memory).
     */
    @Operation(operationId = "listRecoveries", summary = "List a beneficiary's recoveries",
            description = "Only those the principal sees (their district's, their own USCC's, or a city-wide role); by id, "
                    + "paged by a keyset cursor (`nextCursor`).")
    @GET
    @RolesAllowed({Principal.APPLICANT, Principal.OFFICER, Principal.FINANCE, Principal.ADMIN, Principal.AUDITOR})
    public Page<Recovery> forBeneficiary(@QueryParam("beneficiaryUscc") @NotBlank String uscc,
                                         @QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        int size = ListParams.limit(limit);
        return Page.of(recoveries.forBeneficiary(uscc, Access.scope(currentUser.require(), applicants)), Recovery::id, cursor, size);
    }

    @Operation(operationId = "getRecovery", summary = "Read a recovery",
            description = "What is owed, repaid and unclaimed, and its repayments; visible to who sees the order (404 otherwise).")
    @GET
    @Path("/{id}")
    @RolesAllowed({Principal.APPLICANT, Principal.OFFICER, Principal.FINANCE, Principal.ADMIN, Principal.AUDITOR})
    public Recovery get(@PathParam("id") String id) {
        return visible(id, currentUser.require());
    }

    /** The recovery, if the principal sees it (its district, its USCC, or a city-wide role); otherwise 404. */
    private Recovery visible(String id, Principal p) {
        try {
            Recovery r = recoveries.find(id);
            if (Access.sees(p, r.districtCode(), r.beneficiaryUscc(), applicants)) {
                return r;
            }
        } catch (NoSuchElementException e) {
            // answered as one not seen
        }
        throw ProblemException.notFound("recovery", id);
    }

    /** A repayment received on the paying account, booked back to the order's line. */
    @Operation(operationId = "bookRepayment", summary = "Book a repayment",
            description = "A repayment received on the paying account, booked back to the order's budget line (finance).")
    @POST
    @Path("/{id}/repayments")
    @RolesAllowed(Principal.FINANCE)
    public Recovery repay(@PathParam("id") String id, @Valid @NotNull RepaymentRequest request) {
        Principal p = currentUser.requireAnyRole(Principal.FINANCE);
        try {
            return recoveries.repay(id, request.amountFen(), request.reference(), p.asActor());
        } catch (NoSuchElementException e) {
            throw ProblemException.notFound("recovery", id);
        } catch (RecoveryService.RepaymentRefused e) {
            throw ProblemException.conflict(e.getMessage());
        }
    }
}
