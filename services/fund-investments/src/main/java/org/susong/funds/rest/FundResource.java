package org.susong.funds.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.susong.commons.ids.Uscc;
import org.susong.commons.rest.ProblemException;
import org.susong.commons.security.CurrentUser;
import org.susong.commons.security.Principal;
import org.susong.funds.application.FundService;
import org.susong.funds.application.InvestmentService;
import org.susong.funds.domain.CapitalSource;
import org.susong.funds.domain.Fund;
import org.susong.funds.domain.Instrument;
import org.susong.funds.domain.Investment;
import org.susong.funds.domain.InvestmentState;
import org.susong.funds.domain.Stage;

@Path("/funds")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class FundResource {

    /**
     * An investment of the fund in an enterprise. {@code stakePercent}: the equity stake in percent
     * with at most two decimals (stored as basis points); {@code usccCheckOverrideReason}: an
     * officer's reason to accept a code whose check character fails.
     */
    public record InvestRequest(
            @NotBlank @Size(max = 18) String enterpriseUscc,
            @NotBlank @Size(max = 50) String round,
            @NotNull Instrument instrument,
            @NotNull @Positive Long amountFen,
            @NotNull @DecimalMin(value = "0", inclusive = false, message = "must be more than 0 (percent)")
            @DecimalMax(value = "100", message = "must be at most 100 (percent)") BigDecimal stakePercent,
            @NotNull LocalDate investedOn,
            @NotNull Stage stage,
            @Size(max = 500) String usccCheckOverrideReason) {
    }

    public record CapitalView(CapitalSource source, long committedFen, long paidInFen) {
    }

    /** A fund with its capital and what it may still invest ({@code availableFen} = paid-in - reserve - invested). */
    public record FundView(String id, String nameZh, String nameEn, String kind, String manager, String status,
                           boolean inHundredBillionTarget, boolean placeholder, String placeholderNote, long targetSizeFen,
                           long committedFen, long paidInFen, int reserveBasisPoints, long reserveFen, long investedFen,
                           long availableFen, List<CapitalView> capital, List<Stage> stages, List<String> fields,
                           List<Instrument> instruments) {
        static FundView of(Fund f) {
            return new FundView(f.id(), f.names().chinese(), f.names().english(), f.kind().name(), f.manager(),
                    f.status().name(), f.inHundredBillionTarget(), f.provenance().placeholder(), f.provenance().note(),
                    f.targetSize().fen(), f.committed().fen(), f.paidIn().fen(), f.reserveBasisPoints(), f.reserve().fen(),
                    f.invested().fen(), f.available().fen(),
                    f.capital().entrySet().stream().sorted(Map.Entry.comparingByKey())
                            .map(e -> new CapitalView(e.getKey(), e.getValue().committed().fen(), e.getValue().paidIn().fen()))
                            .toList(),
                    f.mandate().stages().stream().sorted().toList(), f.mandate().fields(),
                    f.mandate().instruments().stream().sorted().toList());
        }
    }

    public record InvestmentView(String id, String fundId, InvestmentState state, String enterpriseUscc, String round,
                                 Instrument instrument, long amountFen, BigDecimal stakePercent, int stakeBasisPoints,
                                 LocalDate investedOn, Stage stage, Instant createdAt, Instant finishedAt,
                                 String usccCheckOverrideReason, String refusal, Long availableAtRefusalFen) {
        static InvestmentView of(Investment i) {
            return new InvestmentView(i.id(), i.fundId(), i.state(), i.terms().enterpriseUscc().value(), i.terms().round(),
                    i.terms().instrument(), i.terms().amount().fen(), BigDecimal.valueOf(i.terms().stakeBasisPoints(), 2),
                    i.terms().stakeBasisPoints(), i.terms().investedOn(), i.terms().stage(), i.createdAt(), i.finishedAt(),
                    i.usccOverride() == null ? null : i.usccOverride().reason(),
                    i.refusal() == null ? null : i.refusal().reason(),
                    i.refusal() == null ? null : i.refusal().available().fen());
        }
    }

    private final FundService funds;
    private final InvestmentService investments;
    private final CurrentUser currentUser;

    FundResource(FundService funds, InvestmentService investments, CurrentUser currentUser) {
        this.funds = funds;
        this.investments = investments;
        this.currentUser = currentUser;
    }

    @GET
    public List<FundView> list() {
        currentUser.require();
        return funds.list().stream().map(FundView::of).toList();
    }

    @GET
    @Path("/{id}")
    public FundView get(@PathParam("id") String id) {
        currentUser.require();
        return funds.find(id).map(FundView::of).orElseThrow(() -> ProblemException.notFound("fund", id));
    }

    /**
     * Invests fund money in an enterprise: 201 when committed, 202 while a resumer is still
     * finishing it, 422 naming {@code amountFen} when the fund has not enough available. With an
     * {@code Idempotency-Key}, a repeat of the same body returns the original answer.
     */
    @POST
    @Path("/{id}/investments")
    public Response invest(@PathParam("id") String fundId, @HeaderParam("Idempotency-Key") @Size(max = 100) String idempotencyKey,
                           @Valid @NotNull InvestRequest request) {
        Principal principal = currentUser.require();
        String uscc = request.enterpriseUscc().trim().toUpperCase(Locale.ROOT);
        Uscc.shapeProblem(uscc).ifPresent(problem -> {
            throw ProblemException.badRequest("enterpriseUscc", problem);
        });
        InvestmentService.Invested invested = investments.invest(principal, new InvestmentService.InvestCommand(fundId,
                uscc, request.round().trim(), request.instrument(), request.amountFen(), basisPoints(request.stakePercent()),
                request.investedOn(), request.stage(), request.usccCheckOverrideReason()), idempotencyKey);
        Investment investment = invested.investment();
        return Response.status(investment.state() == InvestmentState.COMMITTED ? Response.Status.CREATED
                        : Response.Status.ACCEPTED)
                .location(URI.create("/funds/" + fundId + "/investments/" + investment.id()))
                .header("Idempotent-Replayed", String.valueOf(invested.replayed()))
                .entity(InvestmentView.of(investment))
                .build();
    }

    @GET
    @Path("/{id}/investments/{investmentId}")
    public InvestmentView investment(@PathParam("id") String fundId, @PathParam("investmentId") String investmentId) {
        currentUser.require();
        return investments.find(fundId, investmentId).map(InvestmentView::of)
                .orElseThrow(() -> ProblemException.notFound("investment", investmentId));
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
