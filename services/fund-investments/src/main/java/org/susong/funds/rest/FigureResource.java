package org.susong.funds.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.susong.commons.ids.Uscc;
import org.susong.commons.rest.ProblemException;
import org.susong.commons.security.CurrentUser;
import org.susong.commons.security.Principal;
import org.susong.funds.application.FigureService;
import org.susong.funds.application.InvestmentService;
import org.susong.funds.domain.Tally;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The figures of measures C1 and C2 and an enterprise's portfolio, as JSON or, with
 * {@code Accept: text/csv}, as CSV (formulas: docs/services/fund-investments.md).
 */
@Tag(name = "figures", description = "The figures of measures C1 and C2 and an enterprise's portfolio, as JSON or CSV.")
@Path("/figures")
public class FigureResource {

    public static final String CSV = "text/csv";

    /** The {@code year} parameter of the figures (issue 20 item 9). */
    static final String YEAR = "A calendar year (four digits, 1990 to this business year): the figures count what happened in it, "
            + "each by its own date (commitments made, capital paid in, fees paid net of refunds, conversions and investments "
            + "by `investedOn`, exits by `exitedOn`); without it the totals since the start. Anything else is 400 naming `year`.";

    /**
     * The columns of the scale CSV: a row per family (group {@code IN_100_BILLION_TARGET} or {@code REPORTED_SEPARATELY}),
     * the totals, the fees of every fund ({@code TOTAL_FEES}) and a row per fund against its own target
     * ({@code OWN_TARGET}: its parent, the shares of its target committed and paid in, in percent); {@code readings} last.
     */
    static final String SCALE_HEADER = "group,fundId,nameEn,kind,subFunds,targetSizeFen,committedFen,paidInFen,"
            + "fiscalCommittedFen,managementFeesFen,parentFundId,committedOfTargetPercent,paidInOfTargetPercent,"
            + "placeholder,readings\n";

    public record PortfolioView(String enterpriseUscc, int positions, long investedFen, long heldFen, long proceedsFen,
                                List<FundResource.InvestmentView> investments) {
    }

    private final FigureService figures;
    private final InvestmentService investments;
    private final CurrentUser currentUser;
    @jakarta.ws.rs.core.Context
    jakarta.ws.rs.core.UriInfo uriInfo;

    FigureResource(FigureService figures, InvestmentService investments, CurrentUser currentUser) {
        this.figures = figures;
        this.investments = investments;
        this.currentUser = currentUser;
    }

    @Operation(operationId = "getFundScale", summary = "Fund scale (measure C2)", description = "C2: the fund families in the 100-billion target against it; the other funds beside it. As JSON, or CSV with `Accept: text/csv`.")
    @APIResponse(responseCode = "200", description = "The figures",
            content = {@Content(mediaType = "application/json", schema = @Schema(implementation = FigureService.Scale.class)),
                    @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING))})
    @GET
    @Path("/scale")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Principal.ADMIN, Principal.FINANCE, Principal.AUDITOR})
    public FigureService.Scale scale(@Parameter(description = YEAR) @QueryParam("year") String year) {
        currentUser.require();
        return figures.scale(year(year));
    }

    @GET
    @Path("/scale")
    @Produces(CSV)
    @RolesAllowed({Principal.ADMIN, Principal.FINANCE, Principal.AUDITOR})
    public String scaleCsv(@Parameter(description = YEAR) @QueryParam("year") String year) {
        FigureService.Scale s = scale(year);
        StringBuilder csv = new StringBuilder(SCALE_HEADER);
        for (FigureService.FundFamily f : s.inTarget()) {
            family(csv, "IN_100_BILLION_TARGET", f);
        }
        for (FigureService.FundFamily f : s.others()) {
            family(csv, "REPORTED_SEPARATELY", f);
        }
        csv.append("TOTAL_IN_TARGET,,,,,").append(s.targetFen()).append(',').append(s.inTargetCommittedFen()).append(',')
                .append(s.inTargetPaidInFen()).append(",,,,,,").append(s.placeholderFigures()).append(",\n");
        csv.append("TOTAL_SEPARATELY,,,,,,").append(s.otherCommittedFen()).append(',').append(s.otherPaidInFen())
                .append(",,,,,,").append(s.placeholderFigures()).append(",\n");
        csv.append("TOTAL_FEES,,,,,,,,,").append(s.managementFeesFen()).append(",,,,")
                .append(s.placeholderFigures()).append(",\n");
        for (FigureService.FundAgainstTarget f : s.funds()) { // each fund against its own target (issue 20 item 9)
            csv.append("OWN_TARGET,").append(cell(f.fundId())).append(",,,,").append(f.targetSizeFen()).append(',')
                    .append(f.committedFen()).append(',').append(f.paidInFen()).append(",,").append(f.managementFeesFen())
                    .append(',').append(cell(f.parentFundId())).append(',').append(hundredths(f.committedOfTargetBasisPoints()))
                    .append(',').append(hundredths(f.paidInOfTargetBasisPoints())).append(',').append(f.placeholder())
                    .append(",\n");
        }
        return csv.toString();
    }

    @Operation(operationId = "getFundLeverage", summary = "Leverage of government money", description = "C1: fiscal money put into the funds against all money they mobilised. As JSON, or CSV with `Accept: text/csv`.")
    @APIResponse(responseCode = "200", description = "The figures",
            content = {@Content(mediaType = "application/json", schema = @Schema(implementation = FigureService.Leverage.class)),
                    @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING))})
    @GET
    @Path("/leverage")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Principal.ADMIN, Principal.FINANCE, Principal.AUDITOR})
    public FigureService.Leverage leverage(@Parameter(description = YEAR) @QueryParam("year") String year) {
        currentUser.require();
        return figures.leverage(year(year));
    }

    @GET
    @Path("/leverage")
    @Produces(CSV)
    @RolesAllowed({Principal.ADMIN, Principal.FINANCE, Principal.AUDITOR})
    public String leverageCsv(@Parameter(description = YEAR) @QueryParam("year") String year) {
        FigureService.Leverage l = leverage(year);
        return "fiscalCommittedFen,mobilisedCommittedFen,leverage,fiscalPaidInFen,mobilisedPaidInFen,paidInLeverage,"
                + "convertedFen,leverageGoal,c1FiscalFen,c1MobilisedFen,fiscalShareOfC1Percent,placeholder,readings\n"
                + l.fiscalCommittedFen() + ',' + l.mobilisedCommittedFen() + ',' + hundredths(l.leverageHundredths()) + ','
                + l.fiscalPaidInFen() + ',' + l.mobilisedPaidInFen() + ',' + hundredths(l.paidInLeverageHundredths()) + ','
                + l.convertedFen() + ',' + l.leverageGoal() + ',' + l.c1FiscalFen() + ',' + l.c1MobilisedFen() + ','
                + BigDecimal.valueOf(l.fiscalShareOfC1BasisPoints(), 2) + ',' + l.placeholderFigures() + ','
                + cell(org.susong.funds.domain.Reading.ids(l.readings())) + '\n';
    }

    @Operation(operationId = "getInvestmentFigures", summary = "Investment figures", description = "Investments by district, stage and field (count and amount), follow-ons among them. As JSON, or CSV with `Accept: text/csv`.")
    @APIResponse(responseCode = "200", description = "The figures",
            content = {@Content(mediaType = "application/json", schema = @Schema(implementation = FigureService.InvestmentFigures.class)),
                    @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING))})
    @GET
    @Path("/investments")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Principal.ADMIN, Principal.FINANCE, Principal.AUDITOR})
    public FigureService.InvestmentFigures investments(@Parameter(description = YEAR) @QueryParam("year") String year) {
        currentUser.require();
        return figures.investments(year(year));
    }

    @GET
    @Path("/investments")
    @Produces(CSV)
    @RolesAllowed({Principal.ADMIN, Principal.FINANCE, Principal.AUDITOR})
    public String investmentsCsv(@Parameter(description = YEAR) @QueryParam("year") String year) {
        FigureService.InvestmentFigures f = investments(year);
        StringBuilder csv = new StringBuilder("dimension,key,count,amountFen\n");
        buckets(csv, "district", f.byDistrict());
        buckets(csv, "stage", f.byStage());
        buckets(csv, "field", f.byField());
        buckets(csv, "fund", f.byFund());
        buckets(csv, "followOn", Map.of("ALL", f.followOns(), "C3_RESEARCH_INFRASTRUCTURE", f.c3FollowOns()));
        csv.append("total,ALL,").append(f.count()).append(',').append(f.amountFen()).append('\n');
        if (f.exits() != null) { // a year's exits: the cost that left, and what the exits brought in
            csv.append("exits,EXITED,").append(f.exits().count()).append(',').append(f.exits().exitedFen()).append('\n');
            csv.append("exits,PROCEEDS,").append(f.exits().count()).append(',').append(f.exits().proceedsFen()).append('\n');
        }
        return csv.toString();
    }

    @Operation(operationId = "getPortfolio", summary = "An enterprise's portfolio", description = "Every position of the funds in one enterprise (by USCC): invested, held and proceeds. As JSON, or CSV with `Accept: text/csv`.")
    @APIResponse(responseCode = "200", description = "The figures",
            content = {@Content(mediaType = "application/json", schema = @Schema(implementation = PortfolioView.class)),
                    @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING))})
    @GET
    @Path("/portfolios/{uscc}")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Principal.ADMIN, Principal.FINANCE, Principal.AUDITOR, Principal.FUND_MANAGER, Principal.APPLICANT})
    public PortfolioView portfolio(@PathParam("uscc") String uscc) {
        Principal principal = currentUser.require();
        String code = uscc.trim().toUpperCase(Locale.ROOT);
        Uscc.shapeProblem(code).ifPresent(problem -> {
            throw ProblemException.badRequest("uscc", problem);
        });
        List<FundResource.InvestmentView> views = investments.portfolio(principal, code).stream()
                .map(FundResource.InvestmentView::of).toList();
        if (views.isEmpty()) {
            throw ProblemException.notFound("portfolio of enterprise", code);
        }
        long invested = views.stream().mapToLong(FundResource.InvestmentView::amountFen).sum();
        long held = views.stream().mapToLong(FundResource.InvestmentView::heldFen).sum();
        long proceeds = views.stream().flatMap(v -> v.exits().stream()).mapToLong(FundResource.ExitView::proceedsFen).sum();
        return new PortfolioView(code, views.size(), invested, held, proceeds, views);
    }

    @GET
    @Path("/portfolios/{uscc}")
    @Produces(CSV)
    @RolesAllowed({Principal.ADMIN, Principal.FINANCE, Principal.AUDITOR, Principal.FUND_MANAGER, Principal.APPLICANT})
    public String portfolioCsv(@PathParam("uscc") String uscc) {
        PortfolioView p = portfolio(uscc);
        StringBuilder csv = new StringBuilder("investmentId,fundId,state,round,instrument,amountFen,stakePercent,"
                + "investedOn,stage,district,field,firstRoundId,c3ResearchInfrastructure,conversionId,exitKind,exitedOn,"
                + "proceedsFen,realisedMultiple\n");
        for (FundResource.InvestmentView v : p.investments()) {
            List<Object> row = new ArrayList<>(List.of(v.id(), v.fundId(), v.state(), v.round(), v.instrument(),
                    v.amountFen()));
            row.add(v.stakePercent());
            row.add(v.investedOn());
            row.add(v.stage());
            row.add(v.district());
            row.add(v.field());
            row.add(v.firstRoundId());
            row.add(v.c3ResearchInfrastructure());
            row.add(v.conversionId());
            row.add(v.exit() == null ? null : v.exit().kind());
            row.add(v.exit() == null ? null : v.exit().exitedOn());
            row.add(v.exit() == null ? null : v.exit().proceedsFen());
            row.add(v.exit() == null ? null : v.exit().realisedMultiple());
            csv.append(String.join(",", row.stream().map(FigureResource::cell).toList())).append('\n');
        }
        return csv.toString();
    }

    /** The query's {@code year}; {@code ?year} or {@code ?year=} without a value is a mistyped year too (400). */
    private Integer year(String raw) {
        boolean given = uriInfo.getQueryParameters().containsKey("year");
        return figures.year(raw == null && given ? "" : raw);
    }

    private static void family(StringBuilder csv, String group, FigureService.FundFamily f) {
        csv.append(group).append(',').append(cell(f.fundId())).append(',').append(cell(f.nameEn())).append(',')
                .append(f.kind()).append(',').append(f.subFunds()).append(',').append(f.targetSizeFen()).append(',')
                .append(f.committedFen()).append(',').append(f.paidInFen()).append(',').append(f.fiscalCommittedFen())
                .append(',').append(f.managementFeesFen()).append(",,,,").append(f.placeholder()).append(',')
                .append(cell(org.susong.funds.domain.Reading.ids(f.readings()))).append('\n');
    }

    private static void buckets(StringBuilder csv, String dimension, Map<String, Tally> buckets) {
        new java.util.TreeMap<>(buckets).forEach((key, b) -> csv.append(dimension).append(',').append(cell(key)).append(',')
                .append(b.count()).append(',').append(b.amountFen()).append('\n'));
    }

    private static String hundredths(Long value) {
        return value == null ? "" : BigDecimal.valueOf(value, 2).toPlainString();
    }

    /**
     * RFC 4180: quote a cell holding a comma, quote or line break; null is empty. Text (not a number)
     * starting with =, +, -, @, a tab or a carriage return gets a leading apostrophe, so a spreadsheet
     * shows it instead of running it as a formula (CSV injection; rounds and fields are typed by users).
     */
    static String cell(Object value) {
        return org.susong.commons.rest.CsvCells.cell(value);
    }
}
