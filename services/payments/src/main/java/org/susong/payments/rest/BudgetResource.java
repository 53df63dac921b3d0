package org.susong.payments.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.NoSuchElementException;
import org.susong.commons.rest.ListParams;
import org.susong.commons.rest.Page;
import org.susong.commons.rest.ProblemException;
import org.susong.commons.security.CurrentUser;
import org.susong.commons.security.Principal;
import org.susong.commons.seed.Seeder;
import org.susong.payments.application.BudgetService;
import org.susong.payments.application.LedgerService;
import org.susong.payments.application.YearEndService;
import org.susong.payments.domain.Allocation;
import org.susong.payments.domain.AllocationState;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Tag(name = "budgets", description = "Budget lines of 2024-2026 against the fiscal commitment (C1), adjustments "
        + "(maker-checker above a threshold), and the ledger.")
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class BudgetResource {

    /** An adjustment: a positive amount adds to the line, a negative one takes from what is available. */
    @Schema(example = "{\"amountFen\": 100000000, \"reason\": \"mid-year reallocation approved by the finance bureau\"}")
    public record AdjustmentRequest(@NotNull Long amountFen, @NotBlank @Size(max = 500) String reason) {
    }

    private final BudgetService budgets;
    private final LedgerService ledger;
    private final YearEndService yearEnd;
    private final CurrentUser currentUser;
    private final java.time.Clock clock;

    BudgetResource(BudgetService budgets, LedgerService ledger, YearEndService yearEnd, CurrentUser currentUser,
                   java.time.Clock clock) {
        this.budgets = budgets;
        this.yearEnd = yearEnd;
        this.ledger = ledger;
        this.currentUser = currentUser;
        this.clock = clock;
    }

    /**
     * A fiscal year's lines and totals; the shares are of the 2024-2026 fiscal commitment (C1), which
     * also funds things outside this platform - a share, not progress towards 100%. A year outside 2024-2026 without
     * lines (2027 on: the policy takes no new application, issue 24 item 5) is 404, naming the 2026 lines that still
     * pay 2026 awards (an order's fiscal year is its decision's).
     */
    @Operation(operationId = "getBudgetYear", summary = "A fiscal year's budget lines and totals",
            description = "Shares are of the 2024-2026 fiscal commitment (C1), which also funds things outside this platform: a "
                    + "share, not progress towards 100%.")
    @GET
    @Path("budgets/{year}")
    @RolesAllowed({Principal.FINANCE, Principal.ADMIN, Principal.AUDITOR})
    public BudgetService.YearReport year(@PathParam("year") int year) {
        BudgetService.YearReport report = budgets.year(year);
        if ((year < FIRST_BUDGET_YEAR || year > LAST_BUDGET_YEAR) && report.lines().isEmpty()) {
            throw new ProblemException(404, "Not found", "there is no budget for fiscal year " + year + ": the 2024-2026"
                    + " policy budgets " + FIRST_BUDGET_YEAR + " to " + LAST_BUDGET_YEAR + ". Awards decided for 2026 are"
                    + " paid from the 2026 lines, in 2027 too: GET /budgets/" + LAST_BUDGET_YEAR, null)
                    .with("budgetYears", List.of(2024, 2025, LAST_BUDGET_YEAR))
                    .with("paidFrom", "/budgets/" + LAST_BUDGET_YEAR);
        }
        return report;
    }

    /** The fiscal years of the 2024-2026 policy's budget lines. */
    static final int FIRST_BUDGET_YEAR = 2024;
    static final int LAST_BUDGET_YEAR = 2026;

    /**
     * Closes a fiscal year (issue 20 item 1): per measure its rule carries the year's waitlisted, reserved and unpaid
     * orders over into the next year's line (a journaled transfer) or lapses them (released); orders in a bank file stay
     * charged to the closed year unless configured otherwise. Once per year: a close a crash interrupted is finished by
     * calling it again, a closed year answers 409 (naturally idempotent: the year is the key).
     */
    @Operation(operationId = "closeBudgetYear", summary = "Close a fiscal year (year-end)",
            description = "Finance or administrators. Applies each measure's year-end rule (`year-end.rule-by-measure`: "
                    + "CARRY_OVER into the next year's line, journaled, or LAPSE, released) to the year's waitlisted, reserved and "
                    + "unpaid orders and answers the report (per line, amounts in fen). Only a year that is over (the business "
                    + "date is in a later year; else 409). Once: a close that a crash interrupted is finished by calling it again; "
                    + "a closed year is 409. 409 too while another request runs the close, or when a carrying measure has no line "
                    + "in the next year.")
    @APIResponse(responseCode = "200", description = "Closed: the report",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = YearEndService.Report.class)))
    @POST
    @Path("budgets/{year}/close")
    @RolesAllowed({Principal.FINANCE, Principal.ADMIN})
    public YearEndService.Report close(@PathParam("year") int year) {
        Principal p = currentUser.require();
        try {
            return yearEnd.close(year, p.asActor());
        } catch (NoSuchElementException e) {
            throw ProblemException.notFound("fiscal year", String.valueOf(year));
        } catch (YearEndService.AlreadyClosed e) {
            throw ProblemException.conflict(e.getMessage()).with("closedAt", String.valueOf(e.report().closedAt()))
                    .with("report", "/budgets/" + year + "/close");
        } catch (YearEndService.Refused e) {
            throw ProblemException.conflict(e.getMessage());
        }
    }

    /** The report of a year's close (running or closed). */
    @Operation(operationId = "getBudgetYearClose", summary = "A fiscal year's year-end report",
            description = "What the close carried over, lapsed, released and left per line (fen); state RUNNING until it "
                    + "finished. 404 when the year was never closed.")
    @GET
    @Path("budgets/{year}/close")
    @RolesAllowed({Principal.FINANCE, Principal.ADMIN, Principal.AUDITOR})
    public YearEndService.Report closeReport(@PathParam("year") int year) {
        return yearEnd.report(year).orElseThrow(() -> ProblemException.notFound("year-end close", String.valueOf(year)));
    }

    /** 2024-2026: each year and the period against the 30,000,000,000 CNY commitment (C1). */
    @Operation(operationId = "getBudgetPeriod", summary = "The 2024-2026 period against the commitment",
            description = "Each year and the period against the 30,000,000,000 CNY commitment (C1).")
    @GET
    @Path("budgets")
    @RolesAllowed({Principal.FINANCE, Principal.ADMIN, Principal.AUDITOR})
    public BudgetService.PeriodReport period() {
        return budgets.period();
    }

    /**
     * Allocates more to a line or takes some away, journaled with who and why; administrators only (issue 13). An
     * {@code Idempotency-Key} is required: a retry with it answers the first adjustment and applies nothing again.
     * Above {@code adjustment-dual-above-fen}, alone or with what the requester moved alone on the line that business day,
     * the answer is 202 AWAITING_APPROVAL until a second administrator approves.
     */
    @Operation(operationId = "adjustBudgetLine", summary = "Adjust a budget line",
            description = "Administrators; journaled with who and why. An `Idempotency-Key` is required (400 without): a retry with "
                    + "it answers the first adjustment and applies nothing again. Above the dual-approval threshold (alone or with "
                    + "what the requester moved alone on the line that business day) the answer is 202 AWAITING_APPROVAL until a "
                    + "second administrator approves.")
    @Parameter(name = "Idempotency-Key", in = org.eclipse.microprofile.openapi.annotations.enums.ParameterIn.HEADER, required = true,
            description = "1-100 characters; the same key answers the first adjustment", schema = @Schema(type = SchemaType.STRING, maxLength = 100))
    @APIResponse(responseCode = "200", description = "Applied",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Allocation.class)))
    @APIResponse(responseCode = "202", description = "Waiting for a second administrator (state AWAITING_APPROVAL)",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Allocation.class)))
    @POST
    @Path("budgets/lines/{lineId}/adjustments")
    @RolesAllowed(Principal.ADMIN)
    public Response adjust(@PathParam("lineId") String lineId, @HeaderParam("Idempotency-Key") String key,
                           @Valid @NotNull AdjustmentRequest request) {
        Principal p = currentUser.require();
        if (request.amountFen() == 0) {
            throw ProblemException.badRequest("amountFen", "an adjustment moves a non-zero amount");
        }
        if (key == null || key.isBlank() || key.length() > 100) {
            throw ProblemException.badRequest("Idempotency-Key", "an adjustment needs an Idempotency-Key header (1-100"
                    + " characters) so that a retry applies it once");
        }
        Allocation a = adjustment(lineId, () -> budgets.adjust(lineId, request.amountFen(), request.reason(), key, p.user(),
                p.asActor()));
        return Response.status(a.state() == AllocationState.AWAITING_APPROVAL ? 202 : 200).entity(a).build();
    }

    /** A second, different administrator approves an adjustment above the threshold; then it is applied. */
    @Operation(operationId = "approveBudgetAdjustment", summary = "Approve an adjustment (checker)",
            description = "A second, different administrator approves an adjustment above the threshold; then it is applied.")
    @POST
    @Path("budgets/lines/{lineId}/adjustments/{id}/approvals")
    @RolesAllowed(Principal.ADMIN)
    public Allocation approveAdjustment(@PathParam("lineId") String lineId, @PathParam("id") String id) {
        Principal p = currentUser.require();
        return adjustment(lineId, () -> budgets.approveAdjustment(lineId, id, p.user()));
    }

    private static Allocation adjustment(String lineId, java.util.function.Supplier<Allocation> action) {
        try {
            return action.get();
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("amountFen", e.getMessage());
        } catch (NoSuchElementException e) {
            throw ProblemException.notFound("budget line or adjustment", lineId);
        } catch (BudgetService.Refused | BudgetService.KeyReused e) {
            throw ProblemException.conflict(e.getMessage());
        }
    }

    @Operation(operationId = "listBudgetAllocations", summary = "List a budget line's allocations and adjustments",
            description = "Every allocation and adjustment of the line, with who asked, who approved and its state.")
    @GET
    @Path("budgets/lines/{lineId}/allocations")
    @RolesAllowed({Principal.FINANCE, Principal.ADMIN, Principal.AUDITOR})
    public Page<Allocation> allocations(@PathParam("lineId") String lineId, @QueryParam("cursor") String cursor,
                                        @QueryParam("limit") Integer limit) {
        int size = ListParams.limit(limit);
        try {
            // a line's allocations are few: paged in memory
            return Page.of(budgets.allocations(lineId), Allocation::id, cursor, size);
        } catch (NoSuchElementException e) {
            throw ProblemException.notFound("budget line", lineId);
        }
    }

    /** The balances of a line's journal accounts at the end of a business date (default: today). */
    @Operation(operationId = "getLedgerBalance", summary = "A budget line's journal balances",
            description = "At the end of business date `at` (yyyy-MM-dd; default today).")
    @GET
    @Path("ledger/lines/{lineId}/balance")
    @RolesAllowed({Principal.FINANCE, Principal.ADMIN, Principal.AUDITOR})
    public LedgerService.Balance balance(@PathParam("lineId") String lineId, @QueryParam("at") String at) {
        LocalDate date;
        try {
            date = at == null ? LocalDate.now(clock.withZone(org.susong.commons.time.BusinessClock.ZONE)) : LocalDate.parse(at);
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest("at", "'" + at + "' is not a date (yyyy-MM-dd)");
        }
        try {
            return ledger.balance(lineId, date);
        } catch (NoSuchElementException e) {
            throw ProblemException.notFound("budget line", lineId);
        }
    }

    /** The invariant check: the journal balances and matches every line's counters. */
    @Operation(operationId = "checkLedger", summary = "Check the ledger",
            description = "The invariant check: the journal balances and matches every line's counters.")
    @GET
    @Path("ledger/check")
    @RolesAllowed({Principal.FINANCE, Principal.ADMIN, Principal.AUDITOR})
    public LedgerService.Check check() {
        return ledger.check();
    }

    /** Loads the 2024-2026 budget lines (placeholders, named as such); running it again creates nothing. */
    @Operation(operationId = "seedBudgets", summary = "Load the 2024-2026 budget lines",
            description = "Placeholders, named as such; running it again creates nothing.")
    @POST
    @Path("admin/seed")
    @RolesAllowed(Principal.ADMIN)
    public Seeder.SeedResult seed() {
        Principal admin = currentUser.requireAnyRole(Principal.ADMIN);
        return budgets.seed(admin.asActor());
    }
}
