package org.susong.portal.rest;

import io.quarkus.qute.i18n.Localized;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.susong.portal.application.RegistrarQueries;
import org.susong.portal.client.ContractDetail;
import org.susong.portal.client.ContractStatistics;
import org.susong.portal.client.RefusalRequest;
import org.susong.portal.client.ServiceError;
import org.susong.portal.client.ServicePage;
import org.susong.portal.domain.Role;

/**
 * The technology-contract registry's pages (role {@code registrar}, city-wide): the contracts awaiting review, a
 * contract with the two review forms (registration, refusal with coded reasons), and a year's statistics with the
 * service's CSV. Both writes are tech-contracts' own ({@code registerContract}, {@code refuseContract}) sent as the
 * registrar; a refused form answers 400 naming the field and sends nothing.
 */
@Path("/registrar")
@Blocking
public class RegistrarResource {

    /** tech-contracts' {@code RefusalReason}, in its order: the codes a refusal may name. */
    static final List<String> REFUSAL_REASONS = List.of("INVALID_OR_NOT_EFFECTIVE", "NOT_A_TECHNOLOGY_CONTRACT",
            "UNCLEAR_PARTIES_SUBJECT_PRICE_OR_PAYMENT", "MISSING_STATE_APPROVAL",
            "TITLE_NOT_MATCHING_RIGHTS_AND_OBLIGATIONS", "ILLEGAL_TECHNOLOGY_MONOPOLY_CLAUSES",
            "MISSING_OR_INVALID_DOCUMENTS", "SEAL_PROBLEMS", "OTHER");
    /** The reason that needs its text ({@code RefusalReason.Refusal}). */
    static final String OTHER = "OTHER";
    /** The longest explanation the portal sends (the service sets none; a form field needs one). */
    static final int MAX_TEXT = 2000;
    private static final ZoneId XIAMEN = ZoneId.of("Asia/Shanghai");

    /** One refusal reason of the form: its code, whether chosen, its text and the sentence refusing it (or null). */
    public record ReasonField(String code, String label, String textLabel, boolean checked, String text,
                              String problem) {
    }

    /** A row of a statistics table: the group's words (and its code), count, both amounts in yuan. */
    public record StatRow(String label, String key, long count, String contractYuan, String technicalYuan) {
    }

    /** One breakdown of the year (a dimension of the service's {@code by}) with its words. */
    public record StatTable(String dimension, String caption, List<StatRow> rows) {
    }

    private final Pages pages;
    private final RegistrarQueries queries;
    private final RegistrarMsg zh;
    private final RegistrarMsg en;

    RegistrarResource(Pages pages, RegistrarQueries queries, RegistrarMsg zh, @Localized("en") RegistrarMsg en) {
        this.pages = pages;
        this.queries = queries;
        this.zh = zh;
        this.en = en;
    }

    /** The registrar's words in the visit's language. */
    private RegistrarMsg reg(Pages.Visit visit) {
        return "en".equals(visit.lang()) ? en : zh;
    }

    /** The contracts awaiting review, every district, a page at a time in the service's order. */
    @GET
    @Path("queue")
    @Produces(MediaType.TEXT_HTML)
    public Response queue(@Context UriInfo uri, @Context HttpHeaders headers, @QueryParam("cursor") String cursor) {
        Pages.Visit visit = pages.visit(uri, headers);
        Response refused = pages.refusedUnless(visit, Role.REGISTRAR);
        if (refused != null) {
            return refused;
        }
        try {
            ServicePage<ContractDetail> page = queries.queue(visit.person(), cursor);
            String next = page.nextCursor() == null ? null : UriBuilder.fromPath("/registrar/queue")
                    .queryParam("cursor", page.nextCursor()).build().toString();
            return pages.respond(visit, 200, RegistrarTemplates.registrarQueue(visit.chrome(), page, next, null));
        } catch (ServiceError e) {
            return pages.respond(visit, Pages.status(e), RegistrarTemplates.registrarQueue(visit.chrome(),
                    ServicePage.empty(), null, Pages.text(visit.msg(), e)));
        }
    }

    /** A contract with its parties, terms, review, refusals and amendments; the two forms while SUBMITTED. */
    @GET
    @Path("contracts/{id}")
    @Produces(MediaType.TEXT_HTML)
    public Response contract(@Context UriInfo uri, @Context HttpHeaders headers, @PathParam("id") String id) {
        Pages.Visit visit = pages.visit(uri, headers);
        Response refused = pages.refusedUnless(visit, Role.REGISTRAR);
        if (refused != null) {
            return refused;
        }
        return contractPage(visit, id, 200, emptyForm(reg(visit)), null, null, null);
    }

    /** Registers the contract as the registrar; the page of the service's answer, with the number it issued. */
    @POST
    @Path("contracts/{id}/registration")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response register(@Context UriInfo uri, @Context HttpHeaders headers, @PathParam("id") String id) {
        Pages.Visit visit = pages.visit(uri, headers);
        Response refused = pages.refusedUnless(visit, Role.REGISTRAR);
        if (refused != null) {
            return refused;
        }
        if (!CasePages.isId(id)) {
            return notFound(visit, id);
        }
        try {
            ContractDetail registered = queries.register(visit.person(), id);
            return pages.respond(visit, 200, RegistrarTemplates.registrarContract(visit.chrome(), registered,
                    reg(visit).registeredNotice(registered.registrationNumber() == null ? ""
                            : registered.registrationNumber()), emptyForm(reg(visit)), null, null));
        } catch (ServiceError e) {
            return serviceRefusal(visit, id, e);
        }
    }

    /**
     * Refuses the contract with the chosen reasons (checkboxes {@code code}, each reason's text {@code text.<CODE>}),
     * as the registrar. No reason, an unknown one, {@code OTHER} without its text, a text over {@value #MAX_TEXT}
     * characters or for a reason not chosen: 400 with the form again, each field marked, nothing sent.
     */
    @POST
    @Path("contracts/{id}/refusal")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response refuse(@Context UriInfo uri, @Context HttpHeaders headers, @PathParam("id") String id,
                           MultivaluedMap<String, String> form) {
        Pages.Visit visit = pages.visit(uri, headers);
        Response refused = pages.refusedUnless(visit, Role.REGISTRAR);
        if (refused != null) {
            return refused;
        }
        if (!CasePages.isId(id)) {
            return notFound(visit, id);
        }
        RegistrarMsg reg = reg(visit);
        List<String> chosen = form.get("code") == null ? List.of() : form.get("code");
        String reasonsProblem = null;
        if (chosen.isEmpty()) {
            reasonsProblem = reg.invalidReasons();
        } else {
            for (String code : chosen) {
                if (!REFUSAL_REASONS.contains(code)) {
                    reasonsProblem = reg.unknownReason(code);
                    break;
                }
            }
        }
        List<ReasonField> fields = new ArrayList<>();
        List<RefusalRequest.Reason> reasons = new ArrayList<>();
        int problems = reasonsProblem == null ? 0 : 1;
        for (String code : REFUSAL_REASONS) {
            boolean checked = chosen.contains(code);
            String text = Optional.ofNullable(form.getFirst("text." + code)).map(String::strip).orElse("");
            String problem = null;
            if (text.length() > MAX_TEXT) {
                problem = reg.reasonTextTooLong();
            } else if (checked && OTHER.equals(code) && text.isEmpty()) {
                problem = reg.reasonTextRequired();
            } else if (!checked && !text.isEmpty()) {
                problem = reg.reasonTextUnchosen();
            }
            if (problem != null) {
                problems++;
            }
            fields.add(field(reg, code, checked, text, problem));
            if (checked) {
                reasons.add(new RefusalRequest.Reason(code, text.isEmpty() ? null : text));
            }
        }
        if (problems > 0) {
            return contractPage(visit, id, 400, fields, reasonsProblem, reg.refuseInvalid(problems), null);
        }
        try {
            ContractDetail answer = queries.refuse(visit.person(), id, new RefusalRequest(reasons));
            return pages.respond(visit, 200, RegistrarTemplates.registrarContract(visit.chrome(), answer,
                    reg.refusedNotice(), emptyForm(reg), null, null));
        } catch (ServiceError e) {
            return serviceRefusal(visit, id, e);
        }
    }

    /** The statistics of the latest year the service has registered contracts in. */
    @GET
    @Path("statistics")
    @Produces(MediaType.TEXT_HTML)
    public Response latestStatistics(@Context UriInfo uri, @Context HttpHeaders headers) {
        Pages.Visit visit = pages.visit(uri, headers);
        Response refused = pages.refusedUnless(visit, Role.REGISTRAR);
        if (refused != null) {
            return refused;
        }
        int thisYear = LocalDate.now(XIAMEN).getYear();
        try {
            return statisticsPage(visit, queries.latest(visit.person(), thisYear));
        } catch (ServiceError e) {
            return statisticsError(visit, thisYear, e);
        }
    }

    /** A year's statistics as tables, with the CSV link. */
    @GET
    @Path("statistics/{year}")
    @Produces(MediaType.TEXT_HTML)
    public Response statistics(@Context UriInfo uri, @Context HttpHeaders headers, @PathParam("year") String year) {
        return ofYear(uri, headers, year, (visit, y) -> {
            try {
                return statisticsPage(visit, queries.statistics(visit.person(), y));
            } catch (ServiceError e) {
                return statisticsError(visit, y, e);
            }
        });
    }

    /** The service's CSV of the year, passed on as it wrote it. */
    @GET
    @Path("statistics/{year}.csv")
    @Produces({"text/csv", MediaType.TEXT_HTML})
    public Response statisticsCsv(@Context UriInfo uri, @Context HttpHeaders headers, @PathParam("year") String year) {
        return ofYear(uri, headers, year, (visit, y) -> {
            try {
                return Response.ok(queries.statisticsCsv(visit.person(), y), "text/csv; charset=UTF-8")
                        .header("Content-Disposition", "attachment; filename=\"contract-statistics-" + y + ".csv\"")
                        .build();
            } catch (ServiceError e) {
                return pages.respond(visit, Pages.status(e), Templates.notice(visit.chrome(),
                        Pages.text(visit.msg(), e), "/registrar/statistics/" + y, reg(visit).statisticsTitle(y)));
            }
        });
    }

    /**
     * A page of a year for a registrar: sign in first or 403 for another role, 400 for a year the service does not
     * accept (nothing sent), else {@code page} of that year.
     */
    private Response ofYear(UriInfo uri, HttpHeaders headers, String year,
                            java.util.function.BiFunction<Pages.Visit, Integer, Response> page) {
        Pages.Visit visit = pages.visit(uri, headers);
        Response refused = pages.refusedUnless(visit, Role.REGISTRAR);
        if (refused != null) {
            return refused;
        }
        Integer y = year(year);
        if (y == null) {
            return pages.respond(visit, 400, Templates.notice(visit.chrome(), reg(visit).invalidYear(year),
                    "/registrar/statistics", reg(visit).registrarStatsLink()));
        }
        return page.apply(visit, y);
    }

    private Response contractPage(Pages.Visit visit, String id, int status, List<ReasonField> fields,
                                  String reasonsProblem, String formError, String notice) {
        if (!CasePages.isId(id)) {
            return notFound(visit, id); // never sent
        }
        Optional<ContractDetail> found;
        try {
            found = queries.contract(visit.person(), id);
        } catch (ServiceError e) {
            return pages.respond(visit, Pages.status(e), Templates.notice(visit.chrome(), Pages.text(visit.msg(), e),
                    "/registrar/queue", reg(visit).backToQueue()));
        }
        if (found.isEmpty()) {
            return notFound(visit, id);
        }
        return pages.respond(visit, status, RegistrarTemplates.registrarContract(visit.chrome(), found.get(), notice,
                fields, reasonsProblem, formError));
    }

    /** The service refused a write (e.g. 409: not SUBMITTED any more) or failed: its sentence, a link back. */
    private Response serviceRefusal(Pages.Visit visit, String id, ServiceError e) {
        return pages.respond(visit, Pages.status(e), Templates.notice(visit.chrome(), Pages.text(visit.msg(), e),
                "/registrar/contracts/" + id, reg(visit).backToContract()));
    }

    private Response notFound(Pages.Visit visit, String id) {
        return pages.respond(visit, 404, Templates.notice(visit.chrome(), reg(visit).contractNotFound(id),
                "/registrar/queue", reg(visit).backToQueue()));
    }

    private Response statisticsPage(Pages.Visit visit, ContractStatistics s) {
        Msg msg = visit.msg();
        RegistrarMsg reg = reg(visit);
        List<StatTable> tables = new ArrayList<>();
        for (Map.Entry<String, List<ContractStatistics.Figures>> by : new LinkedHashMap<>(s.by()).entrySet()) {
            List<StatRow> rows = by.getValue().stream().map(f -> new StatRow(label(msg, reg, by.getKey(), f.key()),
                    f.key() == null ? "" : String.valueOf(f.key()), f.count(), Formats.yuan(f.contractAmountFen()),
                    Formats.yuan(f.technicalTransactionAmountFen()))).toList();
            tables.add(new StatTable(by.getKey(), reg.dimension(by.getKey()), rows));
        }
        return pages.respond(visit, 200, RegistrarTemplates.registrarStatistics(visit.chrome(), s.year(), s.year() - 1,
                s.year() + 1, s, tables, "/registrar/statistics/" + s.year() + ".csv", null));
    }

    private Response statisticsError(Pages.Visit visit, int year, ServiceError e) {
        return pages.respond(visit, Pages.status(e), RegistrarTemplates.registrarStatistics(visit.chrome(), year, year - 1,
                year + 1, null, List.of(), "/registrar/statistics/" + year + ".csv", Pages.text(visit.msg(), e)));
    }

    /** A group's words in the page's language: the service's key of that dimension, or the key as it is. */
    static String label(Msg msg, RegistrarMsg reg, String dimension, Object key) {
        if (key == null) {
            return "";
        }
        String k = String.valueOf(key);
        return switch (dimension) {
            case "month" -> reg.month(k);
            case "type" -> reg.contractType(k);
            case "district" -> msg.district(k);
            case "foreign" -> reg.foreign(k);
            case "brics" -> reg.bricsStatus(k);
            default -> k;
        };
    }

    /** A year the service accepts (four digits from 1990), or null: then nothing is sent. */
    static Integer year(String text) {
        if (text == null || !text.matches("\\d{4}")) {
            return null;
        }
        int y = Integer.parseInt(text);
        return y < 1990 ? null : y;
    }

    private static List<ReasonField> emptyForm(RegistrarMsg reg) {
        return REFUSAL_REASONS.stream().map(c -> field(reg, c, false, "", null)).toList();
    }

    private static ReasonField field(RegistrarMsg reg, String code, boolean checked, String text, String problem) {
        String label = reg.refusalReason(code);
        return new ReasonField(code, label, reg.reasonText(label), checked, text, problem);
    }
}
