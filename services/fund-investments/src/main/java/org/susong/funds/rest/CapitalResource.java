package org.susong.funds.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
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
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.susong.commons.rest.ListParams;
import org.susong.commons.rest.Page;
import org.susong.commons.security.CurrentUser;
import org.susong.commons.security.Principal;
import org.susong.funds.application.CapitalService;
import org.susong.funds.domain.CapitalMovement;
import org.susong.funds.domain.CapitalSource;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.susong.commons.rest.ApiContract;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Commitments, capital calls and paid-in capital of a fund, by source (the fund's managers, finance, admins). */
@Tag(name = "capital", description = "A fund's capital: commitments, calls and paid-in capital by source.")
@Path("/funds/{fundId}/capital")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CapitalResource {

    /** A commitment ({@code dated}: the day it was made) or a call ({@code dated}: the day it is due). */
    @Schema(example = "{\"source\": \"CITY_FISCAL\", \"amountFen\": 2000000000, \"dated\": \"2026-06-15\", \"reference\": \"XCF-2026-017\"}")
    public record MovementRequest(@NotNull CapitalSource source, @NotNull @Positive Long amountFen,
                                  @NotNull LocalDate dated, @Size(max = 200) String reference) {
    }

    /** A management fee paid from the fund's reserve ({@code dated}: the day it is paid). */
    @Schema(example = "{\"amountFen\": 150000000, \"dated\": \"2026-06-15\", \"reference\": \"GP fee 2026 H1\"}")
    public record FeeRequest(@NotNull @Positive Long amountFen, @NotNull LocalDate dated, @Size(max = 200) String reference) {
    }

    /** A fee refunded into the reserve ({@code amountFen} absent: the whole fee; {@code dated}: the day of the refund). */
    @Schema(example = "{\"amountFen\": 50000000, \"dated\": \"2026-06-15\", \"reference\": \"GP fee 2026 H1 overcharged\"}")
    public record RefundRequest(@Positive Long amountFen, @NotNull LocalDate dated, @Size(max = 200) String reference) {
    }

    @Schema(example = "{\"paidOn\": \"2026-06-15\", \"reference\": \"CCB-20260615-000456\"}")
    public record PaymentRequest(@NotNull LocalDate paidOn, @Size(max = 200) String reference) {
    }

    /** A movement; {@code approval} the maker-checker of a fee above the fee limit (null otherwise). */
    public record MovementView(String id, String fundId, CapitalMovement.Kind kind, CapitalSource source, long amountFen,
                               String callId, LocalDate dated, String reference, CapitalMovement.State state,
                               String refusal, Instant createdAt, CapitalMovement.Approval approval) {
        static MovementView of(CapitalMovement m) {
            return new MovementView(m.id(), m.fundId(), m.kind(), m.source(), m.amount().fen(), m.callId(), m.dated(),
                    m.reference(), m.state(), m.refusal(), m.createdAt(), m.approval());
        }
    }

    private final CapitalService capital;
    private final CurrentUser currentUser;

    CapitalResource(CapitalService capital, CurrentUser currentUser) {
        this.capital = capital;
        this.currentUser = currentUser;
    }

    @Operation(operationId = "listCapitalMovements", summary = "List a fund's capital movements",
            description = "Commitments, calls and their payments, by source, oldest first.")
    @GET
    @RolesAllowed({Principal.ADMIN, Principal.FINANCE, Principal.AUDITOR, Principal.FUND_MANAGER})
    public Page<MovementView> movements(@PathParam("fundId") String fundId, @QueryParam("cursor") String cursor,
                                        @QueryParam("limit") Integer limit) {
        int size = ListParams.limit(limit);
        // a fund's capital movements are tens: paged in memory
        return Page.of(capital.ofFund(currentUser.require(), fundId).stream().map(MovementView::of).toList(),
                MovementView::id, cursor, size);
    }

    /** 201 APPLIED; 422 naming {@code amountFen} when it would take the fund's commitments beyond its target size. */
    @Operation(operationId = "commitCapital", summary = "Record a capital commitment", description = "`dated`: the day it was made.")
    @APIResponse(responseCode = "201", description = "Recorded",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = MovementView.class)))
    @POST
    @Path("/commitments")
    @RolesAllowed({Principal.FUND_MANAGER, Principal.FINANCE, Principal.ADMIN})
    public Response commit(@PathParam("fundId") String fundId, @Valid @NotNull MovementRequest request) {
        Principal principal = manager();
        return created(capital.commit(principal, fundId, request.source(), request.amountFen(), request.dated(),
                request.reference()));
    }

    /** 201 APPLIED; 422 naming {@code amountFen} beyond what the source committed and was not yet called. */
    @Operation(operationId = "callCapital", summary = "Record a capital call", description = "`dated`: the day it is due; at most what is committed and not yet called.")
    @APIResponse(responseCode = "201", description = "Recorded",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = MovementView.class)))
    @POST
    @Path("/calls")
    @RolesAllowed({Principal.FUND_MANAGER, Principal.FINANCE, Principal.ADMIN})
    public Response call(@PathParam("fundId") String fundId, @Valid @NotNull MovementRequest request) {
        Principal principal = manager();
        return created(capital.call(principal, fundId, request.source(), request.amountFen(), request.dated(),
                request.reference()));
    }

    /** The call paid in: 201 with the PAID_IN movement ({@code PAY-<callId>}); 409 when it was paid before. */
    @Operation(operationId = "payCapitalCall", summary = "Record the payment of a capital call", description = "The call becomes paid-in capital.")
    @APIResponse(responseCode = "201", description = "Recorded",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = MovementView.class)))
    @POST
    @Path("/calls/{callId}/payment")
    @RolesAllowed({Principal.FUND_MANAGER, Principal.FINANCE, Principal.ADMIN})
    public Response pay(@PathParam("fundId") String fundId, @PathParam("callId") String callId,
                        @Valid @NotNull PaymentRequest request) {
        Principal principal = manager();
        return created(capital.payIn(principal, fundId, callId, request.paidOn(), request.reference()));
    }

    /**
     * A management fee paid from the fund's reserve (issue 20 item 9): 201 APPLIED (the reserve down by the fee), 202
     * AWAITING_APPROVAL above the fee limit; 422 naming {@code amountFen} with {@code reserveFen} when the reserve holds
     * less (refused, announced). Optional {@code Idempotency-Key}.
     */
    @Operation(operationId = "payManagementFee", summary = "Pay a management fee from the fund's reserve",
            description = "Intent first (a MANAGEMENT_FEE movement `FEE-…`, PENDING, then applied to the fund's counter in one "
                    + "guarded update: only while the reserve holds the fee). 201 APPLIED: the reserve shrinks by the fee, the "
                    + "money available to invest does not change, `CapitalMoved.v1` announces it. **Above "
                    + "`susong.funds.fee-second-approval-above-fen`, 202 AWAITING_APPROVAL**: nothing moves until another "
                    + "principal approves it (`.../fees/{feeId}/approval`). 422 `amountFen` (+ `reserveFen`, `movementId`) "
                    + "when the reserve holds less: the movement is REFUSED and `CapitalMovementRefused.v1` announces it. 422 "
                    + "`dated` after today. With an `Idempotency-Key` (per user, kept 24 hours), a repeat of the same body on "
                    + "the same fund answers the first fee as it stands (`Idempotent-Replayed: true`) and moves nothing; "
                    + "another body under the key: 422 `Idempotency-Key`; a repeat while the first is served: 409.")
    @APIResponse(responseCode = "201", description = "Paid from the reserve (or the first answer to a repeated key)",
            headers = @Header(name = "Idempotent-Replayed", ref = ApiContract.IDEMPOTENT_REPLAYED),
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = MovementView.class)))
    @APIResponse(responseCode = "202", description = "Above the fee limit: waits for a second principal (AWAITING_APPROVAL)",
            headers = @Header(name = "Idempotent-Replayed", ref = ApiContract.IDEMPOTENT_REPLAYED),
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = MovementView.class)))
    @POST
    @Path("/fees")
    @RolesAllowed({Principal.FUND_MANAGER, Principal.FINANCE, Principal.ADMIN})
    public Response payFee(@PathParam("fundId") String fundId,
                           @HeaderParam("Idempotency-Key") @Size(max = 100) String idempotencyKey,
                           @Valid @NotNull FeeRequest request) {
        Principal principal = manager();
        CapitalService.Fee fee = capital.payManagementFee(principal, fundId, request.amountFen(), request.dated(),
                request.reference(), idempotencyKey, request);
        return fee(fee, Response.Status.CREATED);
    }

    /**
     * The second principal's approval of a waiting management fee (maker-checker): 200 APPLIED (202 while a resumer
     * finishes it), 422 {@code amountFen} when the reserve cannot take it any more; 409 the maker, not waiting, or
     * approved by another.
     */
    @Operation(operationId = "approveManagementFee", summary = "Approve a waiting management fee (checker)",
            description = "A principal other than the one who asked (principal ids compared). AWAITING_APPROVAL → PENDING in one "
                    + "conditional write, then applied like any fee: 200 APPLIED; 422 `amountFen` (+ `reserveFen`) when the "
                    + "reserve holds less now (REFUSED, announced). 409 when the maker approves, when the fee is not waiting, or "
                    + "when another principal approved it. The approver's repeat answers the fee as it stands "
                    + "(`Idempotent-Replayed: true`) and moves nothing.")
    @APIResponse(responseCode = "200", description = "Approved and paid from the reserve",
            headers = @Header(name = "Idempotent-Replayed", ref = ApiContract.IDEMPOTENT_REPLAYED),
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = MovementView.class)))
    @APIResponse(responseCode = "202", description = "Approved, still being applied (PENDING)",
            headers = @Header(name = "Idempotent-Replayed", ref = ApiContract.IDEMPOTENT_REPLAYED),
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = MovementView.class)))
    @POST
    @Path("/fees/{feeId}/approval")
    @RolesAllowed({Principal.FUND_MANAGER, Principal.FINANCE, Principal.ADMIN})
    public Response approveFee(@PathParam("fundId") String fundId, @PathParam("feeId") String feeId) {
        Principal principal = manager();
        return fee(capital.approveFee(principal, fundId, feeId), Response.Status.OK);
    }

    /** A fee refunded into the reserve, once: 201 with movement {@code RFD-<feeId>}; 409 when refunded before. */
    @Operation(operationId = "refundManagementFee", summary = "Refund a management fee into the fund's reserve",
            description = "Once per fee (movement `RFD-<feeId>`, kind FEE_REFUND): `amountFen` (absent: the whole fee) never more "
                    + "than the fee (422 `amountFen`), `dated` not before the fee nor after today (422 `dated`); only an APPLIED "
                    + "fee (422 `feeId`). Intent first, then one guarded update of the fund: the reserve grows by the refund, "
                    + "the fees paid shrink, the money available does not change; `CapitalMoved.v1` announces it. 409 when the "
                    + "fee was refunded before.")
    @APIResponse(responseCode = "201", description = "Refunded into the reserve",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = MovementView.class)))
    @POST
    @Path("/fees/{feeId}/refund")
    @RolesAllowed({Principal.FUND_MANAGER, Principal.FINANCE, Principal.ADMIN})
    public Response refundFee(@PathParam("fundId") String fundId, @PathParam("feeId") String feeId,
                              @Valid @NotNull RefundRequest request) {
        Principal principal = manager();
        return created(capital.refundFee(principal, fundId, feeId, request.amountFen(), request.dated(),
                request.reference()));
    }

    private static Response fee(CapitalService.Fee fee, Response.Status applied) {
        CapitalMovement m = fee.movement();
        boolean waiting = m.state() == CapitalMovement.State.AWAITING_APPROVAL || m.state() == CapitalMovement.State.PENDING;
        return Response.status(waiting ? Response.Status.ACCEPTED : applied)
                .header("Idempotent-Replayed", String.valueOf(fee.replayed())).entity(MovementView.of(m)).build();
    }

    private Principal manager() {
        return currentUser.requireAnyRole(Principal.FUND_MANAGER, Principal.FINANCE, Principal.ADMIN);
    }

    private static Response created(CapitalMovement movement) {
        return Response.status(Response.Status.CREATED).entity(MovementView.of(movement)).build();
    }
}
