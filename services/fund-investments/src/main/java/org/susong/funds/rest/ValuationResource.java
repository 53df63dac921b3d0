package org.susong.funds.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.susong.commons.rest.ApiContract;
import org.susong.commons.rest.ProblemException;
import org.susong.commons.security.CurrentUser;
import org.susong.commons.security.Principal;
import org.susong.funds.application.ValuationService;
import org.susong.funds.domain.InvestmentState;
import org.susong.funds.domain.Valuation;

@Tag(name = "valuations", description = "Fair values of the funds' investments (history kept), unrealised multiples and the "
        + "funds' DPI, RVPI and TVPI on paid-in capital.")
@Path("/funds")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ValuationResource {

    /** A fair value of what the fund still holds of the investment, as of a date, and where it comes from. */
    @Schema(example = "{\"fairValueFen\": 900000000, \"asOf\": \"2026-06-12\", \"source\": \"independent appraisal, Q2 2026\"}")
    public record ValuationRequest(@NotNull @PositiveOrZero Long fairValueFen, @NotNull LocalDate asOf,
                                   @NotBlank @Size(max = 200) String source) {
    }

    public record ValuationView(String id, long fairValueFen, LocalDate asOf, String source, String recordedBy,
                                Instant recordedAt) {
        static ValuationView of(Valuation v) {
            return new ValuationView(v.id(), v.fairValue().fen(), v.asOf(), v.source(), v.recordedBy(), v.recordedAt());
        }
    }

    /**
     * An investment's valuations: {@code latest} the one that counts (latest as-of date, then latest recorded);
     * {@code unrealisedMultiple} = latest fair value / {@code heldFen} (the cost still held), 4 decimals, rounded half up
     * in basis points; null without a valuation or with nothing held.
     */
    public record ValuedInvestmentView(String investmentId, String fundId, InvestmentState state, long heldFen,
                                       ValuationView latest, BigDecimal unrealisedMultiple,
                                       Long unrealisedMultipleBasisPoints, List<ValuationView> valuations) {
        static ValuedInvestmentView of(ValuationService.Valued v) {
            Long points = v.unrealisedMultipleBasisPoints();
            return new ValuedInvestmentView(v.investment().id(), v.investment().fundId(), v.investment().state(),
                    v.investment().held().fen(), v.latest().map(ValuationView::of).orElse(null), Valuation.multiple(points),
                    points, v.history().stream().map(ValuationView::of).toList());
        }
    }

    /**
     * A fund's multiples on paid-in capital, each = its numerator / {@code paidInFen}, 4 decimals, rounded half up in
     * basis points (null while nothing is paid in): DPI (realised) = {@code distributedFen}, RVPI (unrealised) =
     * {@code residualValueFen}, TVPI = their sum, computed from the sum (it may differ from DPI + RVPI by 0.0001).
     */
    public record PerformanceView(String fundId, long paidInFen, long distributedFen, long residualValueFen,
                                  int positionsValued, int positionsAtCost, BigDecimal dpi, Long dpiBasisPoints,
                                  BigDecimal rvpi, Long rvpiBasisPoints, BigDecimal tvpi, Long tvpiBasisPoints) {
        static PerformanceView of(ValuationService.Performance p) {
            return new PerformanceView(p.fund().id(), p.fund().paidIn().fen(), p.distributedFen(), p.residualValueFen(),
                    p.valued(), p.atCost(), Valuation.multiple(p.dpiBasisPoints()), p.dpiBasisPoints(),
                    Valuation.multiple(p.rvpiBasisPoints()), p.rvpiBasisPoints(), Valuation.multiple(p.tvpiBasisPoints()),
                    p.tvpiBasisPoints());
        }
    }

    private final ValuationService valuations;
    private final CurrentUser currentUser;

    ValuationResource(ValuationService valuations, CurrentUser currentUser) {
        this.valuations = valuations;
        this.currentUser = currentUser;
    }

    @Operation(operationId = "recordValuation", summary = "Record a valuation of an investment",
            description = "A fund manager of the fund (or an admin) records the fair value of what the fund still holds of a "
                    + "COMMITTED investment (409 otherwise), as of a date (not after today nor before the investment: 422 "
                    + "`asOf`), with its source. Every valuation is kept; the latest as-of date counts. Moves no money.")
    @APIResponse(responseCode = "201", description = "Recorded: the investment's valuations",
            headers = @Header(name = "Location", ref = ApiContract.LOCATION),
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ValuedInvestmentView.class)))
    @POST
    @Path("/{id}/investments/{investmentId}/valuations")
    @RolesAllowed({Principal.FUND_MANAGER, Principal.ADMIN})
    public Response record(@PathParam("id") String fundId, @PathParam("investmentId") String investmentId,
                           @Valid @NotNull ValuationRequest request) {
        Principal principal = currentUser.requireAnyRole(Principal.FUND_MANAGER, Principal.ADMIN);
        ValuationService.Valued valued = valuations.record(principal, fundId, investmentId,
                new ValuationService.ValuationCommand(request.fairValueFen(), request.asOf(), request.source().trim()));
        return Response.created(URI.create("/funds/" + fundId + "/investments/" + investmentId + "/valuations"))
                .entity(ValuedInvestmentView.of(valued)).build();
    }

    @Operation(operationId = "getValuations", summary = "Read an investment's valuations and unrealised multiple",
            description = "Oldest first, with the one that counts and the unrealised multiple (fair value / cost still held).")
    @GET
    @Path("/{id}/investments/{investmentId}/valuations")
    @RolesAllowed({Principal.ADMIN, Principal.FINANCE, Principal.AUDITOR, Principal.FUND_MANAGER})
    public ValuedInvestmentView valuations(@PathParam("id") String fundId, @PathParam("investmentId") String investmentId) {
        return valuations.valued(currentUser.require(), fundId, investmentId).map(ValuedInvestmentView::of)
                .orElseThrow(() -> ProblemException.notFound("investment", investmentId));
    }

    @Operation(operationId = "getFundPerformance", summary = "Read a fund's DPI, RVPI and TVPI",
            description = "Distributed (exit proceeds) and residual value (COMMITTED positions at their latest fair value, at "
                    + "the cost still held when not valued) on paid-in capital, from the stored values when read.")
    @GET
    @Path("/{id}/performance")
    @RolesAllowed({Principal.ADMIN, Principal.FINANCE, Principal.AUDITOR, Principal.FUND_MANAGER})
    public PerformanceView performance(@PathParam("id") String fundId) {
        return valuations.performance(currentUser.require(), fundId).map(PerformanceView::of)
                .orElseThrow(() -> ProblemException.notFound("fund", fundId));
    }
}
