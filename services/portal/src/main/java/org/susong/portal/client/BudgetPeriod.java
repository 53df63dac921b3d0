package org.susong.portal.client;

import java.util.List;

/**
 * payments' {@code GET /budgets} ({@code BudgetService.PeriodReport}): each fiscal year of 2024-2026 with its lines
 * ({@code LineView}) and totals, and the period's totals against the C1 fiscal commitment (shares in basis points);
 * {@code note} is the service's English sentence.
 */
public record BudgetPeriod(int fromYear, int toYear, List<Year> years, Totals totals, String note) {

    public BudgetPeriod {
        years = years == null ? List.of() : List.copyOf(years);
    }

    /** {@code BudgetService.YearReport}. */
    public record Year(int year, List<Line> lines, Totals totals) {
        public Year {
            lines = lines == null ? List.of() : List.copyOf(lines);
        }
    }

    /** {@code BudgetService.LineView}: the fields the page shows (the city and district shares are not shown yet). */
    public record Line(String id, int year, String measureCode, long allocatedFen, long reservedFen, long disbursedFen,
                       long availableFen, long returnedFen, long receivableFen, boolean placeholder) {
    }

    /** {@code BudgetService.Totals}. */
    public record Totals(long allocatedFen, long reservedFen, long disbursedFen, long availableFen, long returnedFen,
                         long receivableFen, long fiscalCommitmentFen, long allocatedShareOfCommitmentBasisPoints,
                         long disbursedShareOfCommitmentBasisPoints) {
    }
}
