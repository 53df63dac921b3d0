package org.susong.techcontracts.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.susong.commons.rest.ProblemException;
import org.susong.commons.security.CurrentUser;
import org.susong.commons.security.Principal;
import org.susong.techcontracts.application.StatisticsService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Technology-market statistics of a registration year: JSON, or CSV with one line per group. Keys
 * of the breakdowns: month 1-12, contract type, district enum name, foreign true/false, BRICS
 * MEMBER/PARTNER/NONE. Growth rates are percentages with two decimals (null without a previous year).
 */
@Tag(name = "statistics", description = "Registered technology contracts per year: totals, growth and breakdowns.")
@Path("/statistics/contracts/{year}")
public class StatisticsResource {

    public record FiguresView(Object key, long count, long contractAmountFen, long technicalTransactionAmountFen) {
        static FiguresView of(StatisticsService.Figures f) {
            return new FiguresView(f.key(), f.count(), f.contractFen(), f.technicalFen());
        }
    }

    public record GrowthView(BigDecimal countPercent, BigDecimal contractAmountPercent,
                             BigDecimal technicalTransactionAmountPercent) {
    }

    public record YearView(int year, FiguresView total, FiguresView previousYear, GrowthView growth,
                           Map<String, List<FiguresView>> by) {
    }

    private final StatisticsService statistics;
    private final CurrentUser currentUser;

    StatisticsResource(StatisticsService statistics, CurrentUser currentUser) {
        this.statistics = statistics;
        this.currentUser = currentUser;
    }

    @Operation(operationId = "getContractStatistics", summary = "Contract statistics of a year",
            description = "Totals, the previous year and growth (percent), and breakdowns by type, district and more.")
    @GET
    @RolesAllowed({Principal.OFFICER, Principal.REGISTRAR, Principal.ADMIN, Principal.AUDITOR})
    @Produces(MediaType.APPLICATION_JSON)
    public YearView json(@PathParam("year") int year) {
        StatisticsService.YearReport report = report(year);
        Map<String, List<FiguresView>> by = new LinkedHashMap<>();
        report.breakdowns().forEach((dimension, groups) -> by.put(dimension,
                groups.stream().map(FiguresView::of).toList()));
        StatisticsService.Growth g = report.growth();
        return new YearView(year, FiguresView.of(report.total()), FiguresView.of(report.previousYear()),
                new GrowthView(percent(g.countBasisPoints()), percent(g.contractBasisPoints()),
                        percent(g.technicalBasisPoints())), by);
    }

    @Operation(operationId = "getContractStatisticsCsv", summary = "Contract statistics of a year as CSV",
            description = "One line per group, the same figures as the JSON answer.")
    @APIResponse(responseCode = "200", description = "The statistics as CSV",
            content = @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING),
                    examples = @ExampleObject(name = "csv", value = "dimension,key,count,contractAmountFen,technicalTransactionAmountFen\r\n"
                            + "total,2026,12,3000000000,2520000000\r\n")))
    @GET
    @Path("/csv")
    @RolesAllowed({Principal.OFFICER, Principal.REGISTRAR, Principal.ADMIN, Principal.AUDITOR})
    @Produces("text/csv")
    public String csv(@PathParam("year") int year) {
        StatisticsService.YearReport report = report(year);
        StringBuilder out = new StringBuilder("year,dimension,key,count,contractAmountFen,technicalTransactionAmountFen\n");
        line(out, year, "total", report.total());
        line(out, year - 1, "total", report.previousYear());
        report.breakdowns().forEach((dimension, groups) -> groups.forEach(f ->
                line(out, year, dimension, f)));
        return out.toString();
    }

    private StatisticsService.YearReport report(int year) {
        var principal = currentUser.require();
        if (year < 1990 || year > 9999) {
            throw ProblemException.badRequest("year", "a four-digit year from 1990");
        }
        return statistics.year(principal, year);
    }

    static void line(StringBuilder out, int year, String dimension, StatisticsService.Figures f) {
        out.append(year).append(',').append(cell(dimension)).append(',').append(cell(f.key() == null ? "" : f.key()))
                .append(',').append(f.count()).append(',').append(f.contractFen()).append(',').append(f.technicalFen())
                .append('\n');
    }

    /**
     * A cell no spreadsheet runs as a formula (issue 23 item 12): a leading {@code = + - @}, tab or
     * carriage return gets an apostrophe; a comma, quote or line break quotes the cell.
     */
    private static String cell(Object value) {
        return org.susong.commons.rest.CsvCells.cell(value);
    }

    static BigDecimal percent(Long basisPoints) {
        return basisPoints == null ? null : BigDecimal.valueOf(basisPoints, 2);
    }

}
