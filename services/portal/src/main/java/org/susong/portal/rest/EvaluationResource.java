package org.susong.portal.rest;

import com.mongodb.MongoException;
import io.quarkus.qute.i18n.Localized;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;
import org.susong.portal.application.EvaluationQueries;
import org.susong.portal.application.EvaluationRebuild;
import org.susong.portal.config.PortalConfig;
import org.susong.portal.domain.District;
import org.susong.portal.domain.Role;
import org.susong.portal.persistence.EvaluationStore;

/**
 * The evaluation (issue 18 item 4, measure D3, 建立定期评估机制): the figures per measure × district × quarter of the
 * portal's read model, filtered by year, quarter, measure and district, as a page, CSV and XLSX; the committee
 * ({@code admin}) and auditors see every district, a district officer its own (the district filter is then its
 * district whatever was asked), anyone else 403. {@code POST /evaluation/rebuild} ({@code admin} only) rebuilds the
 * read model from offset 0. A filter that is not one answers 400 naming it; with the read model off here
 * ({@code susong.portal.evaluation.enabled=false}) every operation answers 503 saying so, and the store not answering
 * is 503 too.
 */
@Path("/evaluation")
@Blocking
public class EvaluationResource {

    private static final Logger LOG = Logger.getLogger(EvaluationResource.class);
    private static final Pattern YEAR = Pattern.compile("20[0-9]{2}");
    private static final Pattern QUARTER = Pattern.compile("[1-4]");
    private static final Pattern MEASURE = Pattern.compile("[A-D][0-9][a-z]?");

    /** The filters of the page and the exports, as sent (checked by {@link #problem}). */
    public static class Filters {
        @QueryParam("year")
        String year;
        @QueryParam("quarter")
        String quarter;
        @QueryParam("measure")
        String measure;
        @QueryParam("district")
        String district;
    }

    /** The filters as typed (for the form) and the choices offered. */
    public record Choices(String year, String quarter, String measure, String district, boolean districtFixed,
                          List<String> years, List<String> measures, List<String> districts) {

        public List<String> quarters() {
            return List.of("1", "2", "3", "4");
        }
    }

    private final Pages pages;
    private final EvaluationQueries queries;
    private final EvaluationRebuild rebuild;
    private final PortalConfig config;
    private final EvaluationMsg zh;
    private final EvaluationMsg en;

    EvaluationResource(Pages pages, EvaluationQueries queries, EvaluationRebuild rebuild, PortalConfig config,
                       EvaluationMsg zh, @Localized("en") EvaluationMsg en) {
        this.pages = pages;
        this.queries = queries;
        this.rebuild = rebuild;
        this.config = config;
        this.zh = zh;
        this.en = en;
    }

    private EvaluationMsg words(Pages.Visit visit) {
        return "en".equals(visit.lang()) ? en : zh;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response page(@Context UriInfo uri, @Context HttpHeaders headers, @BeanParam Filters filters,
                         @QueryParam("rebuild") String rebuildNotice) {
        Asked asked = ask(uri, headers, filters);
        if (asked.refusal() != null) {
            return asked.refusal();
        }
        Pages.Visit visit = asked.visit();
        EvaluationMsg w = words(visit);
        EvaluationQueries.Figures f = asked.figures();
        Choices choices = typed(visit, filters.year, filters.quarter, filters.measure, filters.district, f.years(),
                f.measures());
        EvaluationStore.Generations g = f.generations();
        String state = g.building() != null ? w.rebuilding(g.building())
                : g.lastFailure() != null ? w.rebuildFailed(g.lastFailure())
                : g.rebuiltAt() != null ? w.rebuiltAt(Formats.time(g.rebuiltAt().toString()), g.current())
                : w.neverRebuilt(g.current());
        String notice = "started".equals(rebuildNotice) ? w.rebuildStarted() : null;
        return pages.respond(visit, 200, EvaluationTemplates.evaluation(visit.chrome(), choices, f.rows(), f.totals(),
                exportQuery(choices), state, visit.person().role() == Role.ADMIN, notice, null));
    }

    @GET
    @Path("export.csv")
    @Produces({"text/csv", MediaType.TEXT_HTML})
    public Response csv(@Context UriInfo uri, @Context HttpHeaders headers, @BeanParam Filters filters) {
        return export(uri, headers, filters, false);
    }

    @GET
    @Path("export.xlsx")
    @Produces({"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", MediaType.TEXT_HTML})
    public Response xlsx(@Context UriInfo uri, @Context HttpHeaders headers, @BeanParam Filters filters) {
        return export(uri, headers, filters, true);
    }

    /** Starts a rebuild from offset 0 ({@code admin} only), then back to the page; 409 while one runs. */
    @POST
    @Path("rebuild")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response rebuild(@Context UriInfo uri, @Context HttpHeaders headers) {
        Pages.Visit visit = pages.visit(uri, headers);
        Response refused = refused(visit, true);
        if (refused != null) {
            return refused;
        }
        EvaluationMsg w = words(visit);
        try {
            if (rebuild.start().isEmpty()) {
                return page(visit, 409, typed(visit, null, null, null, null, List.of(), List.of()), null, null,
                        w.rebuildRunning());
            }
        } catch (MongoException e) {
            return page(visit, 503, typed(visit, null, null, null, null, List.of(), List.of()), null, null,
                    w.storeUnavailable());
        }
        return Response.seeOther(URI.create("/evaluation?rebuild=started")).build();
    }

    private Response export(UriInfo uri, HttpHeaders headers, Filters filters, boolean xlsx) {
        Asked asked = ask(uri, headers, filters);
        if (asked.refusal() != null) {
            return asked.refusal();
        }
        EvaluationQueries.Figures f = asked.figures();
        if (xlsx) {
            return Response.ok(EvaluationExports.xlsx(f.rows(), f.totals()),
                            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                    .header("Content-Disposition", "attachment; filename=\"evaluation.xlsx\"").build();
        }
        return Response.ok(EvaluationExports.csv(f.rows(), f.totals()), "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"evaluation.csv\"").build();
    }

    /**
     * The figures as asked, with the visit: or the answer refusing them (sign in, 403, 503 when off), a filter that is
     * not one (400 naming it), or the store not answering (503).
     */
    private record Asked(Pages.Visit visit, EvaluationQueries.Figures figures, Response refusal) {
    }

    private Asked ask(UriInfo uri, HttpHeaders headers, Filters f) {
        Pages.Visit visit = pages.visit(uri, headers);
        Response refused = refused(visit, false);
        if (refused != null) {
            return new Asked(visit, null, refused);
        }
        EvaluationMsg w = words(visit);
        Choices typed = typed(visit, f.year, f.quarter, f.measure, f.district, List.of(), List.of());
        Optional<String> bad = problem(w, f.year, f.quarter, f.measure, f.district);
        if (bad.isPresent()) {
            return new Asked(visit, null, page(visit, 400, typed, null, null, bad.get()));
        }
        try {
            return new Asked(visit, queries.figures(visit.person(), filter(f.year, f.quarter, f.measure, f.district)),
                    null);
        } catch (MongoException e) {
            LOG.warnf("the evaluation's store cannot be read: %s", e.getMessage());
            return new Asked(visit, null, page(visit, 503, typed, null, null, w.storeUnavailable()));
        }
    }

    /** Sign in first; 403 to a role that may not (rebuild: all but {@code admin}); 503 with the read model off. */
    private Response refused(Pages.Visit visit, boolean rebuilding) {
        if (visit.person() == null) {
            return pages.signInFirst(visit);
        }
        boolean may = rebuilding ? visit.person().role() == Role.ADMIN : EvaluationQueries.mayRead(visit.person());
        if (!may) {
            return pages.notYourPage(visit);
        }
        if (!config.evaluation().enabled()) {
            return page(visit, 503, typed(visit, null, null, null, null, List.of(), List.of()), null, null,
                    words(visit).switchedOff());
        }
        return null;
    }

    private Response page(Pages.Visit visit, int status, Choices choices, String state, String notice, String error) {
        return pages.respond(visit, status, EvaluationTemplates.evaluation(visit.chrome(), choices, List.of(), null,
                exportQuery(choices), state, false, notice, error));
    }

    /** The first filter that is not one, as a sentence naming it. */
    static Optional<String> problem(EvaluationMsg w, String year, String quarter, String measure, String district) {
        if (blank(year) != null && !YEAR.matcher(year).matches()) {
            return Optional.of(w.invalidFilter("year"));
        }
        if (blank(quarter) != null && !QUARTER.matcher(quarter).matches()) {
            return Optional.of(w.invalidFilter("quarter"));
        }
        if (blank(measure) != null && !MEASURE.matcher(measure).matches()) {
            return Optional.of(w.invalidFilter("measure"));
        }
        if (blank(district) != null && Arrays.stream(District.values()).noneMatch(d -> d.name().equals(district))) {
            return Optional.of(w.invalidFilter("district"));
        }
        return Optional.empty();
    }

    private static EvaluationQueries.Filter filter(String year, String quarter, String measure, String district) {
        return new EvaluationQueries.Filter(blank(year) == null ? null : Integer.valueOf(year),
                blank(quarter) == null ? null : Integer.valueOf(quarter), blank(measure), blank(district));
    }

    private static Choices typed(Pages.Visit visit, String year, String quarter, String measure, String district,
                                 List<Integer> years, List<String> measures) {
        boolean fixed = visit.person() != null && visit.person().role() == Role.OFFICER;
        String d = fixed ? visit.person().district().name() : blank(district);
        return new Choices(blank(year), blank(quarter), blank(measure), d, fixed,
                years.stream().map(String::valueOf).toList(), measures,
                Arrays.stream(District.values()).map(District::name).toList());
    }

    private static String exportQuery(Choices c) {
        UriBuilder b = UriBuilder.fromPath("");
        if (c.year() != null) {
            b.queryParam("year", c.year());
        }
        if (c.quarter() != null) {
            b.queryParam("quarter", c.quarter());
        }
        if (c.measure() != null) {
            b.queryParam("measure", c.measure());
        }
        if (c.district() != null) {
            b.queryParam("district", c.district());
        }
        String q = b.build().getRawQuery();
        return q == null ? "" : "?" + q;
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
