package org.susong.payments.rest;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.susong.commons.security.CurrentUser;
import org.susong.commons.security.Principal;
import org.susong.payments.application.BudgetService;
import org.susong.payments.config.PaymentsConfig;
import org.susong.payments.persistence.BudgetLineRepository;

@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class BudgetResource {

    /**
     * A fiscal year's lines and totals. {@code allocatedShareOfCommitmentBasisPoints}: the year's
     * allocation as a share of the 2024-2026 fiscal commitment (C1), which also funds things outside
     * this platform - a share, not progress towards 100%.
     */
    public record BudgetYear(int year, List<BudgetLineRepository.Line> lines, long allocatedFen, long reservedFen,
                             long disbursedFen, long availableFen, long fiscalCommitmentFen,
                             long allocatedShareOfCommitmentBasisPoints) {
    }

    private final BudgetService budgets;
    private final CurrentUser currentUser;
    private final PaymentsConfig config;

    BudgetResource(BudgetService budgets, CurrentUser currentUser, PaymentsConfig config) {
        this.budgets = budgets;
        this.currentUser = currentUser;
        this.config = config;
    }

    @GET
    @Path("budgets/{year}")
    public BudgetYear year(@PathParam("year") @Min(2024) @Max(2026) int year) {
        currentUser.require();
        List<BudgetLineRepository.Line> lines = budgets.year(year);
        long allocated = lines.stream().mapToLong(BudgetLineRepository.Line::allocatedFen).sum();
        return new BudgetYear(year, lines, allocated, lines.stream().mapToLong(BudgetLineRepository.Line::reservedFen).sum(),
                lines.stream().mapToLong(BudgetLineRepository.Line::disbursedFen).sum(),
                lines.stream().mapToLong(BudgetLineRepository.Line::availableFen).sum(), config.fiscalCommitmentFen(),
                allocated * 10_000 / config.fiscalCommitmentFen());
    }

    /** Loads the 2024-2026 budget lines (placeholders, named as such); running it again creates nothing. */
    @POST
    @Path("admin/seed")
    public BudgetService.SeedResult seed() {
        Principal admin = currentUser.requireAnyRole(Principal.ADMIN);
        return budgets.seed(admin.asActor());
    }
}
