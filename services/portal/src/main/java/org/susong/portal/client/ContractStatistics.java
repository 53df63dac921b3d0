package org.susong.portal.client;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * A registration year's figures as tech-contracts answers {@code GET /statistics/contracts/{year}}
 * ({@code StatisticsResource.YearView}): registered (not cancelled) contracts counted and summed, the previous year,
 * the growth in percent (null without a previous year) and the breakdowns ({@code by}: month, type, district,
 * foreign, brics, in the service's order).
 */
public record ContractStatistics(int year, Figures total, Figures previousYear, Growth growth,
                                 Map<String, List<Figures>> by) {

    public ContractStatistics {
        by = by == null ? Map.of() : by;
    }

    /** {@code StatisticsResource.FiguresView}: a group's key (a month number, a type, a district, true/false, ...). */
    public record Figures(Object key, long count, long contractAmountFen, long technicalTransactionAmountFen) {
    }

    /** {@code StatisticsResource.GrowthView}. */
    public record Growth(BigDecimal countPercent, BigDecimal contractAmountPercent,
                         BigDecimal technicalTransactionAmountPercent) {
    }

    /** Whether the year has any registered contract. */
    public boolean any() {
        return total != null && total.count() > 0;
    }
}
