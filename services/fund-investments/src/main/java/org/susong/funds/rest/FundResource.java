package org.susong.funds.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.susong.commons.ids.District;
import org.susong.commons.ids.Uscc;
import org.susong.commons.rest.ListParams;
import org.susong.commons.rest.Page;
import org.susong.commons.rest.ProblemException;
import org.susong.commons.security.CurrentUser;
import org.susong.commons.security.Principal;
import org.susong.funds.application.FundService;
import org.susong.funds.application.InvestmentService;
import org.susong.funds.domain.CapitalSource;
import org.susong.funds.domain.ExitKind;
import org.susong.funds.domain.Fund;
import org.susong.funds.domain.FundKind;
import org.susong.funds.domain.FundStatus;
import org.susong.funds.domain.Instrument;
import org.susong.funds.domain.Investment;
import org.susong.funds.domain.InvestmentState;
import org.susong.funds.domain.Stage;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.susong.commons.rest.ApiContract;

@Tag(name = "funds", description = "Government guidance funds of measure C2 (sub-funds, targets, status) and their "
        + "investments in enterprises, with maker-checker above the second-approval limit, rejection and exit.")
@Path("/funds")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class FundResource {

    /**
     * An investment of the fund in an enterprise. {@code stakePercent}: the equity stake in percent
     * with at most two decimals (stored as basis points); {@code usccCheckOverrideReason}: an
     * officer's reason to accept a code whose check character fails.
     */
    @Schema(example = """
            {"enterpriseUscc": "91350200MA0000001W", "round": "Series A", "instrument": "EQUITY", "amountFen": 500000000,
             "stakePercent": 5.25, "investedOn": "2026-06-12", "stage": "GROWTH", "district": "HULI", "field": "new energy"}""")
    public record InvestRequest(
            @NotBlank @Size(max = 18) String enterpriseUscc,
            @NotBlank @Size(max = 50) String round,
            @NotNull Instrument instrument,
            @NotNull @Positive Long amountFen,
            @NotNull @DecimalMin(value = "0", inclusive = false, message = "must be more than 0 (percent)")
            @DecimalMax(value = "100", message = "must be at most 100 (percent)")
            @Schema(description = "The equity stake in percent, more than 0 and at most 100, with at most two decimals: a JSON "
                    + "number (5.25) or a decimal string (\"5.25\", read exactly)", oneOf = {BigDecimal.class, String.class})
            BigDecimal stakePercent,
            @NotNull LocalDate investedOn,
            @NotNull Stage stage,
            @Size(max = 500) String usccCheckOverrideReason,
            District district,
            @Size(max = 60) String field,
            Boolean followOn,
            @Size(max = 72) String firstRoundId,
            Boolean c3ResearchInfrastructure,
            @Size(max = 200) String infrastructure,
            @Schema(description = "A follow-on (`firstRoundId`, in this fund) drawn from the fund's reserve instead of its "
                    + "money available: 422 `amountFen` when the reserve holds less (`availableFen` = the reserve)")
            Boolean fromReserve) {
    }

    /**
     * The fund's exit from an investment: {@code proceedsFen} >= 0 (a write-off may return nothing); {@code exitedFen}
     * the part of the amount invested that leaves (a partial exit), absent for all the fund still holds.
     */
    @Schema(example = "{\"kind\": \"SALE\", \"exitedOn\": \"2026-06-14\", \"proceedsFen\": 750000000, \"exitedFen\": 500000000, \"note\": \"sold to a strategic buyer\"}")
    public record ExitRequest(@NotNull ExitKind kind, @NotNull LocalDate exitedOn,
                              @NotNull @PositiveOrZero Long proceedsFen, @Size(max = 500) String note,
                              @Positive Long exitedFen) {
    }

    /**
     * A fund to register: a top-level fund (no {@code parentFundId}; {@code kind} and {@code vintageYear}, the year of
     * its first close, required) or a sub-fund of a top-level fund (its kind and target membership are the parent's).
     * {@code placeholder} stays true (with a note) until its figures come from a source; {@code reserveBasisPoints}
     * absent = the configured default.
     */
    @Schema(example = """
            {"id": "FUND-XM-AI", "nameZh": "厦门人工智能产业基金", "nameEn": "Xiamen AI industry fund", "kind": "VENTURE",
             "vintageYear": 2025, "inHundredBillionTarget": true, "manager": "Xiamen Venture Capital Co.",
             "targetSizeFen": 500000000000, "reserveBasisPoints": 1000, "stages": ["START_UP", "GROWTH"],
             "fields": ["artificial intelligence"], "instruments": ["EQUITY"], "placeholder": true,
             "note": "target size to be confirmed by the fund's charter"}""")
    public record FundRequest(@NotBlank @Pattern(regexp = "FUND-[A-Z0-9-]{1,30}") String id,
                              @NotBlank @Size(max = 100) String nameZh, @NotBlank @Size(max = 200) String nameEn,
                              @Size(max = 40) String parentFundId,
                              @Schema(description = "Required for a top-level fund; a sub-fund's is its parent's") FundKind kind,
                              @Min(1990) @Max(2100) @Schema(description = "The year of the fund's first close; required for a "
                                      + "top-level fund, not after the current business year") Integer vintageYear,
                              Boolean inHundredBillionTarget,
                              @NotBlank @Size(max = 200) String manager,
                              @NotNull @PositiveOrZero Long targetSizeFen,
                              @Min(0) @Max(10_000) Integer reserveBasisPoints, @NotEmpty Set<Stage> stages,
                              List<@NotBlank @Size(max = 60) String> fields, @NotEmpty Set<Instrument> instruments,
                              @NotNull Boolean placeholder, @Size(max = 1000) String note) {
    }

    /** A change of a fund's manager or scope (stages, field codes, instruments); members left out stay as they are. */
    @Schema(example = "{\"manager\": \"Xiamen Venture Capital Co.\", \"stages\": [\"GROWTH\"], \"fields\": [\"digitalisation\"]}")
    public record FundChangeRequest(@Size(min = 1, max = 200) String manager, @Size(min = 1) Set<@NotNull Stage> stages,
                                    List<@NotBlank @Size(max = 60) String> fields,
                                    @Size(min = 1) Set<@NotNull Instrument> instruments) {
    }

    /** Why a second principal turns a waiting investment down. */
    @Schema(example = "{\"reason\": \"the valuation exceeds the independent appraisal\"}")
    public record RejectionRequest(@NotBlank @Size(max = 500) String reason) {
    }

    /** A fund's target size, at least what is committed to it. */
    @Schema(example = "{\"targetSizeFen\": 120000000000}")
    public record TargetRequest(@NotNull @PositiveOrZero Long targetSizeFen) {
    }

    /** The approval of a waiting raise of a sub-fund's target, named by its id ({@code pendingTarget.id}). */
    @Schema(example = "{\"changeId\": \"TGT-6F2K9Q\"}")
    public record TargetApprovalRequest(@NotBlank @Size(max = 40) String changeId) {
    }

    /** A fund's target; {@code pendingTarget}: a raise waiting for a second administrator, or null. */
    public record TargetView(String fundId, long targetSizeFen, long committedFen, PendingTargetView pendingTarget) {
        static TargetView of(FundService.TargetChange change) {
            Fund f = change.fund();
            return new TargetView(f.id(), f.targetSize().fen(), f.committed().fen(), change.pending()
                    .map(p -> new PendingTargetView(p.id(), p.targetSizeFen(), p.requestedBy(), p.requestedAt())).orElse(null));
        }
    }

    public record PendingTargetView(String id, long targetSizeFen, String requestedBy, Instant requestedAt) {
    }

    /** A fund opened or closed to new investments and conversions. */
    @Schema(example = "{\"status\": \"CLOSED\"}")
    public record StatusRequest(@NotNull FundStatus status) {
    }

    public record CapitalView(CapitalSource source, long committedFen, long calledFen, long uncalledFen, long paidInFen) {
    }

    /** A fund with its capital and what it may still invest ({@code availableFen} = paid-in - reserve - invested). */
    public record FundView(String id, String nameZh, String nameEn,
                           @Schema(implementation = org.susong.funds.domain.FundKind.class) String kind,
                           String parentFundId, String manager,
                           @Schema(implementation = org.susong.funds.domain.FundStatus.class) String status,
                           boolean inHundredBillionTarget, boolean placeholder, String placeholderNote,
                           long targetSizeFen, long committedFen, long calledFen, long paidInFen,
                           int governmentShareBasisPoints, int reserveBasisPoints, long reserveFen, long investedFen,
                           long convertedFen, long recycledFen, long availableFen, List<CapitalView> capital, List<Stage> stages,
                           List<String> fields, List<Instrument> instruments, Integer vintageYear,
                           List<org.susong.funds.domain.Reading> readings, long reserveFeesFen,
                           long reserveFollowOnsFen, long subFundsCommittedFen, long subFundsPaidInFen) {
        static FundView of(Fund f) {
            return new FundView(f.id(), f.names().chinese(), f.names().english(), f.kind().name(), f.parentFundId(),
                    f.manager(), f.status().name(), f.inHundredBillionTarget(), f.provenance().placeholder(),
                    f.provenance().note(), f.targetSize().fen(), f.committed().fen(), f.called().fen(), f.paidIn().fen(),
                    f.governmentShareBasisPoints(), f.reserveBasisPoints(), f.reserve().fen(), f.invested().fen(),
                    f.converted().fen(), f.recycled().fen(), f.available().fen(),
                    f.capital().entrySet().stream().sorted(Map.Entry.comparingByKey())
                            .map(e -> new CapitalView(e.getKey(), e.getValue().committed().fen(),
                                    e.getValue().called().fen(), e.getValue().uncalled().fen(), e.getValue().paidIn().fen()))
                            .toList(),
                    f.mandate().stages().stream().sorted().toList(), f.mandate().fields(),
                    f.mandate().instruments().stream().sorted().toList(), f.vintageYear(),
                    org.susong.funds.domain.Reading.of(f), f.reserveSpent().fees().fen(),
                    f.reserveSpent().followOns().fen(), f.subFunds().committed().fen(), f.subFunds().paidIn().fen());
        }
    }

    /**
     * How the fund left (a part of) an investment; {@code realisedMultiple} = proceeds / exitedFen (4 decimals);
     * {@code recyclingMovementId} the capital movement that recycles the proceeds (none for nothing received).
     */
    public record ExitView(ExitKind kind, LocalDate exitedOn, long proceedsFen, BigDecimal realisedMultiple,
                           long realisedMultipleBasisPoints, String note, String id, Long exitedFen,
                           String recyclingMovementId) {
        static ExitView of(Investment i, Investment.Exit x) {
            return x == null ? null : new ExitView(x.kind(), x.exitedOn(), x.proceeds().fen(),
                    BigDecimal.valueOf(x.realisedMultipleBasisPoints(), 4), x.realisedMultipleBasisPoints(), x.note(),
                    x.id(), (x.exitedAmount() == null ? i.terms().amount() : x.exitedAmount()).fen(),
                    x.id() != null && x.proceeds().isPositive() ? Investment.Exit.recyclingId(x.id()) : null);
        }
    }

    /** An investment; {@code stakePercent} and {@code stakeBasisPoints} are null for a grant-to-investment position. */
    public record InvestmentView(String id, String fundId, InvestmentState state, String enterpriseUscc, String round,
                                 Instrument instrument, long amountFen, BigDecimal stakePercent, Integer stakeBasisPoints,
                                 LocalDate investedOn, Stage stage, boolean stageAssumed, District district, String field,
                                 boolean followOn, String firstRoundId, boolean c3ResearchInfrastructure,
                                 String infrastructure, String conversionId, Instant createdAt, Instant finishedAt,
                                 String usccCheckOverrideReason, String refusal, Long availableAtRefusalFen, ExitView exit,
                                 ApprovalView approval, long heldFen, long exitedFen, List<ExitView> exits,
                                 boolean fromReserve) {
        static InvestmentView of(Investment i) {
            Integer stake = i.terms().stakeBasisPoints();
            Investment.Context c = i.context();
            return new InvestmentView(i.id(), i.fundId(), i.state(), i.terms().enterpriseUscc().value(), i.terms().round(),
                    i.terms().instrument(), i.terms().amount().fen(), stake == null ? null : BigDecimal.valueOf(stake, 2),
                    stake, i.terms().investedOn(), i.terms().stage(), c.stageAssumed(), c.district(), c.field(),
                    c.followOn(), c.firstRoundId(), c.c3ResearchInfrastructure(), c.infrastructure(), c.conversionId(),
                    i.createdAt(), i.finishedAt(), i.usccOverride() == null ? null : i.usccOverride().reason(),
                    i.refusal() == null ? null : i.refusal().reason(),
                    i.refusal() == null || i.refusal().available() == null ? null : i.refusal().available().fen(),
                    ExitView.of(i, i.exit()), ApprovalView.of(i), i.held().fen(), i.exitedAmount().fen(),
                    i.exits().stream().map(x -> ExitView.of(i, x)).toList(), c.fromReserve());
        }
    }

    /** Maker-checker of an investment above the second-approval limit: who asked, who approved (null while it waits). */
    public record ApprovalView(String id, String requestedBy, String approvedBy, Instant approvedAt, String rejectedBy) {
        static ApprovalView of(Investment i) {
            Investment.Approval a = i.approval();
            return a == null ? null : new ApprovalView(Investment.Approval.idOf(i.id()), a.requestedBy(), a.approvedBy(),
                    a.approvedAt(), a.rejectedBy());
        }
    }

    private final FundService funds;
    private final InvestmentService investments;
    private final CurrentUser currentUser;
    private final ObjectMapper json;

    FundResource(FundService funds, InvestmentService investments, CurrentUser currentUser, ObjectMapper json) {
        this.json = json;
        this.funds = funds;
        this.investments = investments;
        this.currentUser = currentUser;
    }

    /**
     * Every fund to admin, finance and auditor; a fund manager's own funds only (filtered in the query). By id,
     * keyset-paged (the catalogue of funds is small: read whole, paged in memory).
     */
    @Operation(operationId = "listFunds", summary = "List the funds",
            description = "Every fund to admin, finance and auditor; a fund manager's own funds only. By id, paged by a "
                    + "keyset cursor (`nextCursor`).")
    @GET
    @RolesAllowed({Principal.ADMIN, Principal.FINANCE, Principal.AUDITOR, Principal.FUND_MANAGER})
    public Page<FundView> list(@QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        List<FundView> byId = funds.list(currentUser.require()).stream().map(FundView::of)
                .sorted(java.util.Comparator.comparing(FundView::id)).toList();
        return Page.of(byId, FundView::id, cursor, ListParams.limit(limit));
    }

    /** One fund; 404 when unknown or another fund's manager asks. */
    @Operation(operationId = "getFund", summary = "Read a fund",
            description = "With its capital and what it may still invest (`availableFen` = paid-in - reserve - invested).")
    @GET
    @Path("/{id}")
    @RolesAllowed({Principal.ADMIN, Principal.FINANCE, Principal.AUDITOR, Principal.FUND_MANAGER})
    public FundView get(@PathParam("id") String id) {
        return funds.find(currentUser.require(), id).map(FundView::of).orElseThrow(() -> ProblemException.notFound("fund", id));
    }

    /**
     * Invests fund money in an enterprise: 201 when committed, 202 while a resumer is still
     * finishing it or, above {@code susong.funds.second-approval-above-fen}, while it awaits a second
     * approver (state AWAITING_APPROVAL, no money moved), 422 naming {@code amountFen} when the fund
     * has not enough available. With an {@code Idempotency-Key}, a repeat of the same body returns the
     * original answer.
     */
    @Operation(operationId = "invest", summary = "Record an investment of the fund",
            description = "A fund manager of the fund (or an admin). Within the fund's mandate and what it may still invest (422 "
                    + "with `availableFen` otherwise). Up to the second-approval limit it is COMMITTED at once (201); above it, it "
                    + "waits for a second principal (202, PENDING). With an `Idempotency-Key`, a repeat of the same body returns "
                    + "the original answer (`Idempotent-Replayed: true`); a different body under the same key: 422.")
    @APIResponse(responseCode = "201", description = "Committed",
            headers = {@Header(name = "Location", ref = ApiContract.LOCATION),
                    @Header(name = "Idempotent-Replayed", ref = ApiContract.IDEMPOTENT_REPLAYED)},
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = InvestmentView.class)))
    @APIResponse(responseCode = "202", description = "Accepted: waiting for a second principal's approval (state PENDING)",
            headers = {@Header(name = "Location", ref = ApiContract.LOCATION),
                    @Header(name = "Idempotent-Replayed", ref = ApiContract.IDEMPOTENT_REPLAYED)},
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = InvestmentView.class)))
    @POST
    @Path("/{id}/investments")
    @RolesAllowed({Principal.FUND_MANAGER, Principal.ADMIN})
    public Response invest(@PathParam("id") String fundId, @HeaderParam("Idempotency-Key") @Size(max = 100) String idempotencyKey,
                           @Valid @NotNull InvestRequest request) {
        Principal principal = currentUser.requireAnyRole(Principal.FUND_MANAGER, Principal.ADMIN);
        String uscc = request.enterpriseUscc().trim().toUpperCase(Locale.ROOT);
        Uscc.shapeProblem(uscc).ifPresent(problem -> {
            throw ProblemException.badRequest("enterpriseUscc", problem);
        });
        InvestmentService.Invested invested = investments.invest(principal, new InvestmentService.InvestCommand(fundId,
                uscc, request.round().trim(), request.instrument(), request.amountFen(), basisPoints(request.stakePercent()),
                request.investedOn(), request.stage(), request.usccCheckOverrideReason(), request.district(),
                request.field(), Boolean.TRUE.equals(request.followOn()), blankToNull(request.firstRoundId()),
                Boolean.TRUE.equals(request.c3ResearchInfrastructure()), blankToNull(request.infrastructure()),
                request.fromReserve()), idempotencyKey);
        Investment investment = invested.investment();
        return Response.status(investment.state() == InvestmentState.COMMITTED ? Response.Status.CREATED
                        : Response.Status.ACCEPTED)
                .location(URI.create("/funds/" + fundId + "/investments/" + investment.id()))
                .header("Idempotent-Replayed", String.valueOf(invested.replayed()))
                .entity(InvestmentView.of(investment))
                .build();
    }

    /**
     * The second approval of an investment above {@code susong.funds.second-approval-above-fen}, by a
     * fund manager of the fund or an admin other than the one who asked: 200 COMMITTED (202 while a
     * resumer finishes it); a repeat by the same approver answers it as it stands; 409 not awaiting
     * approval, the maker approving, or approved by another; 422 {@code amountFen} when the fund
     * cannot take it any more.
     */
    @Operation(operationId = "approveInvestment", summary = "Approve a waiting investment (checker)",
            description = "A second principal, not the one who asked. The answer is the investment as it then stands (200); 202 "
                    + "while it still waits. A repeated approval answers the first (`Idempotent-Replayed: true`).")
    @APIResponse(responseCode = "200", description = "Approved",
            headers = @Header(name = "Idempotent-Replayed", ref = ApiContract.IDEMPOTENT_REPLAYED),
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = InvestmentView.class)))
    @APIResponse(responseCode = "202", description = "Still waiting (state PENDING)",
            headers = @Header(name = "Idempotent-Replayed", ref = ApiContract.IDEMPOTENT_REPLAYED),
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = InvestmentView.class)))
    @POST
    @Path("/{id}/investments/{investmentId}/approval")
    @RolesAllowed({Principal.FUND_MANAGER, Principal.ADMIN})
    public Response approve(@PathParam("id") String fundId, @PathParam("investmentId") String investmentId) {
        Principal principal = currentUser.requireAnyRole(Principal.FUND_MANAGER, Principal.ADMIN);
        InvestmentService.Invested approved = investments.approve(principal, fundId, investmentId);
        Investment investment = approved.investment();
        return Response.status(investment.state() == InvestmentState.PENDING ? Response.Status.ACCEPTED
                        : Response.Status.OK)
                .header("Idempotent-Replayed", String.valueOf(approved.replayed()))
                .entity(InvestmentView.of(investment)).build();
    }

    /**
     * A second principal rejects an investment waiting for approval (a fund manager of the fund other than the one
     * who asked, or an admin): 200 REJECTED, nothing moved; 409 not waiting (approved, rejected, expired) or the
     * maker rejecting; 400 {@code reason} missing.
     */
    @Operation(operationId = "rejectInvestment", summary = "Reject a waiting investment",
            description = "A second principal turns it down, with a reason; nothing was invested.")
    @POST
    @Path("/{id}/investments/{investmentId}/rejection")
    @RolesAllowed({Principal.FUND_MANAGER, Principal.ADMIN})
    public InvestmentView reject(@PathParam("id") String fundId, @PathParam("investmentId") String investmentId,
                                 @Valid @NotNull RejectionRequest request) {
        Principal principal = currentUser.requireAnyRole(Principal.FUND_MANAGER, Principal.ADMIN);
        return InvestmentView.of(investments.reject(principal, fundId, investmentId, request.reason().trim()));
    }

    @Operation(operationId = "getInvestment", summary = "Read an investment",
            description = "With its state, terms, approval (maker-checker) and exit; visible to the fund's managers, finance, admins and auditors.")
    @GET
    @Path("/{id}/investments/{investmentId}")
    @RolesAllowed({Principal.ADMIN, Principal.FINANCE, Principal.AUDITOR, Principal.FUND_MANAGER})
    public InvestmentView investment(@PathParam("id") String fundId, @PathParam("investmentId") String investmentId) {
        return investments.find(currentUser.require(), fundId, investmentId).map(InvestmentView::of)
                .orElseThrow(() -> ProblemException.notFound("investment", investmentId));
    }

    /**
     * Records the fund's exit, or a partial exit ({@code exitedFen}): 200 with the investment (EXITED once nothing is
     * held) and the realised multiple on the part; the proceeds become available to invest again. 409 unless
     * COMMITTED, 422 naming {@code exitedOn}, {@code proceedsFen} or {@code exitedFen} (more than is held).
     */
    @Operation(operationId = "exitInvestment", summary = "Record the fund's exit from an investment",
            description = "How and when, and the proceeds (a write-off may return nothing); the realised multiple is computed. "
                    + "With an `Idempotency-Key`, a repeat of the same body records no second part and returns the "
                    + "investment as it stands (`Idempotent-Replayed: true`); a different body under the same key: 422.")
    @APIResponse(responseCode = "200", description = "Recorded (or the answer to a replayed Idempotency-Key)",
            headers = @Header(name = "Idempotent-Replayed", ref = ApiContract.IDEMPOTENT_REPLAYED),
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = InvestmentView.class)))
    @POST
    @Path("/{id}/investments/{investmentId}/exit")
    @RolesAllowed({Principal.FUND_MANAGER, Principal.ADMIN})
    public Response exit(@PathParam("id") String fundId, @PathParam("investmentId") String investmentId,
                         @HeaderParam("Idempotency-Key") @Size(max = 100) String idempotencyKey,
                         @Valid @NotNull ExitRequest request) {
        Principal principal = currentUser.requireAnyRole(Principal.FUND_MANAGER, Principal.ADMIN);
        InvestmentService.Invested exited = investments.exit(principal, fundId, investmentId,
                new InvestmentService.ExitCommand(request.kind(), request.exitedOn(), request.proceedsFen(), request.note(),
                        request.exitedFen()), idempotencyKey);
        return Response.ok(InvestmentView.of(exited.investment()))
                .header("Idempotent-Replayed", String.valueOf(exited.replayed())).build();
    }

    /**
     * Registers a top-level fund or a sub-fund of one (admin): 201, 409 when the id is taken, 400/422 naming the field.
     * With an {@code Idempotency-Key}, a repeat of the same body returns the original answer.
     */
    @Operation(operationId = "registerFund", summary = "Register a fund or a sub-fund",
            description = "Admin. Without `parentFundId` a top-level fund (its `kind` and `vintageYear` required, 400 naming "
                    + "the one missing; a vintage after this business year 422); with it a sub-fund of that top-level fund "
                    + "(kind and target membership the parent's, stages and instruments within the parent's: 422 naming the "
                    + "field). Capital starts at 0. `placeholder` stays true (with a note) until its figures come from a "
                    + "source. The code (`id`) taken: 409. With an `Idempotency-Key` (kept 24 hours, per user), a repeat of "
                    + "the same body returns the original answer (`Idempotent-Replayed: true`) and creates nothing, a "
                    + "different body under the same key is refused with 422 naming `Idempotency-Key`, and a repeat while "
                    + "the first is still being served gets 409.")
    @APIResponse(responseCode = "201", description = "Registered (or the original answer to a replayed Idempotency-Key)",
            headers = {@Header(name = "Location", ref = ApiContract.LOCATION),
                    @Header(name = "Idempotent-Replayed", ref = ApiContract.IDEMPOTENT_REPLAYED)},
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = FundView.class)))
    @POST
    @RolesAllowed(Principal.ADMIN)
    public Response registerFund(@Parameter(description = "A key of the client's choosing (up to 100 characters) that "
                                         + "makes a retried registration safe: the same key and body register one fund")
                                 @HeaderParam("Idempotency-Key") @Size(max = 100) String idempotencyKey,
                                 @Valid @NotNull FundRequest r) {
        Principal principal = currentUser.requireAnyRole(Principal.ADMIN);
        FundService.Registered registered = funds.register(principal, new FundService.FundCommand(r.id(), r.nameZh(),
                r.nameEn(), blankToNull(r.parentFundId()), r.kind(), r.vintageYear(), r.inHundredBillionTarget(),
                r.manager(), r.targetSizeFen(), r.reserveBasisPoints(), r.stages(), r.fields(), r.instruments(),
                r.placeholder(), r.note()), idempotencyKey, this::answer);
        if (registered.replayed() != null) {
            return Response.created(URI.create("/funds/" + registered.replayed().id()))
                    .header("Idempotent-Replayed", "true").type(MediaType.APPLICATION_JSON)
                    .entity(registered.replayed().json()).build();
        }
        return Response.created(URI.create("/funds/" + registered.fund().id())).header("Idempotent-Replayed", "false")
                .entity(FundView.of(registered.fund())).build();
    }

    /** The answer kept with an Idempotency-Key: the view as first answered. */
    private String answer(Fund fund) {
        try {
            return json.writeValueAsString(FundView.of(fund));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("the view of " + fund.id() + " is not JSON", e);
        }
    }

    /**
     * Changes a fund's manager or scope (admin): 200 with the fund; a change of stages or fields is announced as
     * {@code FundScopePublished.v1}. 400 nothing to change, 404 unknown, 422 {@code stages} / {@code instruments}.
     */
    @Operation(operationId = "changeFund", summary = "Change a fund's manager or scope",
            description = "Admin. Members left out stay as they are; at least one is given (400 otherwise). A sub-fund's "
                    + "stages and instruments stay within its parent's, a top-level fund keeps those its sub-funds use (422 "
                    + "naming `stages` or `instruments`). A change of stages or fields is announced as "
                    + "`FundScopePublished.v1` with the fund's next sequence. A change that keeps losing to concurrent "
                    + "changes: 409.")
    @PATCH
    @Path("/{id}")
    @RolesAllowed(Principal.ADMIN)
    public FundView change(@PathParam("id") String fundId, @Valid @NotNull FundChangeRequest r) {
        Principal principal = currentUser.requireAnyRole(Principal.ADMIN);
        if (r.manager() == null && r.stages() == null && r.fields() == null && r.instruments() == null) {
            throw ProblemException.badRequest("manager", "nothing to change: give manager, stages, fields or instruments");
        }
        return FundView.of(funds.change(principal, fundId, new FundService.FundChange(
                r.manager() == null ? null : r.manager().trim(), r.stages(), r.fields(), r.instruments())));
    }

    /** Opens or closes a fund to new investments and conversions (admin). */
    @Operation(operationId = "setFundStatus", summary = "Open or close a fund",
            description = "To new investments and conversions (admin).")
    @POST
    @RolesAllowed(Principal.ADMIN)
    @Path("/{id}/status")
    public FundView status(@PathParam("id") String fundId, @Valid @NotNull StatusRequest request) {
        currentUser.requireAnyRole(Principal.ADMIN);
        return FundView.of(funds.setStatus(fundId, request.status()));
    }

    /**
     * Sets a fund's or sub-fund's target size (admin): 200; a raise above {@code susong.funds.second-approval-above-fen}
     * 202 with the {@code pendingTarget} a second administrator approves; 409 while a raise waits; 422
     * {@code targetSizeFen} below its commitments.
     */
    @Operation(operationId = "setFundTarget", summary = "Set a fund's target size",
            description = "A top-level fund's or a sub-fund's, at least what is committed to it. A cut, and raises up to the "
                    + "second-approval limit in a business day, apply at once (200); a larger raise waits for a second "
                    + "administrator (202, `pendingTarget`).")
    @APIResponse(responseCode = "200", description = "Applied",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = TargetView.class)))
    @APIResponse(responseCode = "202", description = "A raise waiting for a second administrator",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = TargetView.class)))
    @POST
    @Path("/{id}/target")
    @RolesAllowed(Principal.ADMIN)
    public Response target(@PathParam("id") String fundId, @Valid @NotNull TargetRequest request) {
        Principal principal = currentUser.requireAnyRole(Principal.ADMIN);
        FundService.TargetChange change = funds.setTargetSize(principal, fundId, request.targetSizeFen());
        return Response.status(change.proposed() ? Response.Status.ACCEPTED : Response.Status.OK)
                .entity(TargetView.of(change)).build();
    }

    /**
     * A second administrator approves the waiting raise {@code changeId}: 200 with the new target;
     * the approver's repeat answers as it stands; 409 no such raise waiting, the maker approving, or
     * approved by another; 422 {@code targetSizeFen} when the commitments grew beyond it.
     */
    @Operation(operationId = "approveFundTarget", summary = "Approve a waiting raise of a target (checker)",
            description = "A second administrator, naming the change by its id (`pendingTarget.id`).")
    @POST
    @Path("/{id}/target/approval")
    @RolesAllowed(Principal.ADMIN)
    public TargetView approveTarget(@PathParam("id") String fundId, @Valid @NotNull TargetApprovalRequest request) {
        Principal principal = currentUser.requireAnyRole(Principal.ADMIN);
        return TargetView.of(funds.approveTarget(principal, fundId, request.changeId()));
    }

    static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }

    /** Percent with at most two decimals to basis points: 12.5 -> 1250. No floating point on the way. */
    static int basisPoints(BigDecimal percent) {
        BigDecimal points = percent.movePointRight(2).stripTrailingZeros();
        if (points.scale() > 0) {
            throw ProblemException.badRequest("stakePercent", "the stake has at most two decimals (basis points)");
        }
        if (points.signum() <= 0 || points.compareTo(BigDecimal.valueOf(10_000)) > 0) {
            throw ProblemException.badRequest("stakePercent", "the stake must be more than 0% and at most 100%");
        }
        return points.intValueExact();
    }
}
