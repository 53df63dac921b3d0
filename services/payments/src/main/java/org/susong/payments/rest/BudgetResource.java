package org.susong.payments.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.NoSuchElementException;
import org.susong.commons.rest.ProblemException;
import org.susong.commons.security.CurrentUser;
import org.susong.commons.security.Principal;
import org.susong.payments.application.BudgetService;
import org.susong.payments.application.LedgerService;
import org.susong.payments.domain.Allocation;

@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class BudgetResource {

    /** An adjustment: a positive amount adds to the line, a negative one takes from what is available. */
    public record AdjustmentRequest(@NotNull Long amountFen, @NotBlank @Size(max = 500) String reason) {
    }

    private final BudgetService budgets;
    private final LedgerService ledger;
    private final CurrentUser currentUser;

    BudgetResource(BudgetService budgets, LedgerService ledger, CurrentUser currentUser) {
        this.budgets = budgets;
        this.ledger = ledger;
        this.currentUser = currentUser;
    }

    /**
     * A fiscal year's lines and totals; the shares are of the 2024-2026 fiscal commitment (C1), which
     * also funds things outside this platform - a share, not progress towards 100%.
     */
    @GET
    @Path("budgets/{year}")
    @RolesAllowed({Principal.FINANCE, Principal.ADMIN, Principal.AUDITOR})
    public BudgetService.YearReport year(@PathParam("year") @Min(2024) @Max(2026) int year) {
        return budgets.year(year);
    }

    /** 2024-2026: each year and the period against the 30,000,000,000 CNY commitment (C1). */
    @GET
    @Path("budgets")
    @RolesAllowed({Principal.FINANCE, Principal.ADMIN, Principal.AUDITOR})
    public BudgetService.PeriodReport period() {
        return budgets.period();
    }

    /** Allocates more to a line or takes some away, journaled with who and why; administrators only (issue 13). */
    @POST
    @Path("budgets/lines/{lineId}/adjustments")
    @RolesAllowed(Principal.ADMIN)
    public Allocation adjust(@PathParam("lineId") String lineId, @Valid @NotNull AdjustmentRequest request) {
        Principal p = currentUser.requireAnyRole(Principal.ADMIN);
        if (request.amountFen() == 0) {
            throw ProblemException.badRequest("amountFen", "an adjustment moves a non-zero amount");
        }
        try {
            return budgets.adjust(lineId, request.amountFen(), request.reason(), p.asActor());
        } catch (NoSuchElementException e) {
            throw ProblemException.notFound("budget line", lineId);
        } catch (BudgetService.Refused e) {
            throw ProblemException.conflict(e.getMessage());
        }
    }

    @GET
    @Path("budgets/lines/{lineId}/allocations")
    @RolesAllowed({Principal.FINANCE, Principal.ADMIN, Principal.AUDITOR})
    public List<Allocation> allocations(@PathParam("lineId") String lineId) {
        try {
            return budgets.allocations(lineId);
        } catch (NoSuchElementException e) {
            throw ProblemException.notFound("budget line", lineId);
        }
    }

    /** The balances of a line's journal accounts at the end of a business date (default: today). */
    @GET
    @Path("ledger/lines/{lineId}/balance")
    @RolesAllowed({Principal.FINANCE, Principal.ADMIN, Principal.AUDITOR})
    public LedgerService.Balance balance(@PathParam("lineId") String lineId, @QueryParam("at") String at) {
        LocalDate date;
        try {
            date = at == null ? LocalDate.now(org.susong.commons.time.BusinessClock.ZONE) : LocalDate.parse(at);
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
    @GET
    @Path("ledger/check")
    @RolesAllowed({Principal.FINANCE, Principal.ADMIN, Principal.AUDITOR})
    public LedgerService.Check check() {
        return ledger.check();
    }

    /** Loads the 2024-2026 budget lines (placeholders, named as such); running it again creates nothing. */
    @POST
    @Path("admin/seed")
    @RolesAllowed(Principal.ADMIN)
    public BudgetService.SeedResult seed() {
        Principal admin = currentUser.requireAnyRole(Principal.ADMIN);
        return budgets.seed(admin.asActor());
    }
}
