package org.susong.portal.rest;

import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.susong.portal.application.FinanceQueries;
import org.susong.portal.client.Batch;
import org.susong.portal.client.Payment;
import org.susong.portal.client.ServiceError;
import org.susong.portal.client.ServicePage;
import org.susong.portal.config.PortalConfig;
import org.susong.portal.domain.Person;
import org.susong.portal.domain.Role;

/**
 * The finance bureau's pages (issue 18 item 3): the orders awaiting approval and their approval (the one write: one
 * {@code POST /payments/{id}/approvals} per checked order, as the signed-in finance officer), the public-notice list,
 * a business date's batches with their pain.001 files, and the 2024-2026 budget. Payments decides what the officer
 * may do; the portal checks the form, sends and shows each answer.
 */
@Path("/finance")
@Blocking
public class FinanceResource {

    private static final ZoneId XIAMEN = ZoneId.of("Asia/Shanghai");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private final Pages pages;
    private final FinanceQueries finance;
    private final PortalConfig config;

    FinanceResource(Pages pages, FinanceQueries finance, PortalConfig config) {
        this.pages = pages;
        this.finance = finance;
        this.config = config;
    }

    /** The orders awaiting approval (a page, as the service lists them), each with its approvals and a checkbox. */
    @GET
    @Path("approvals")
    @Produces(MediaType.TEXT_HTML)
    public Response approvals(@Context UriInfo uri, @Context HttpHeaders headers, @QueryParam("cursor") String cursor) {
        return listPage(uri, headers, "/finance/approvals", p -> finance.awaitingApproval(p, cursor),
                FinanceTemplates::approvals);
    }

    /** One checked order's outcome as the page shows it. */
    public record Outcome(String orderId, String kind, Payment order, String sentence) {
    }

    /**
     * Approves the checked orders ({@code order}, one per checkbox) one by one as this finance officer and shows each
     * outcome: approved (or approved and awaiting a second officer), refused with the service's sentence (e.g. the
     * same officer approving twice: the service's 409), or not sent after a failure. No order checked, an order that
     * is no id, or more than a page of them: 400 naming {@code order}, nothing sent. No {@code Idempotency-Key}: a
     * second approval of an order by the same officer is the service's 409 (maker-checker), never a second approval.
     */
    @POST
    @Path("approvals")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response approve(@Context UriInfo uri, @Context HttpHeaders headers, @FormParam("order") List<String> orders) {
        Pages.Visit visit = pages.visit(uri, headers);
        Response refused = pages.refusedUnless(visit, Role.FINANCE);
        if (refused != null) {
            return refused;
        }
        Msg msg = visit.msg();
        LinkedHashSet<String> ids = new LinkedHashSet<>();
        for (String id : orders == null ? List.<String>of() : orders) {
            if (id != null && !id.isBlank()) {
                ids.add(id.strip());
            }
        }
        String invalid = ids.isEmpty() ? msg.noOrderChecked()
                : ids.size() > config.pageSize() ? msg.tooManyOrders(config.pageSize())
                : ids.stream().filter(id -> !CasePages.isId(id)).findFirst().map(msg::invalidOrder).orElse(null);
        if (invalid != null) {
            return pages.respond(visit, 400, Templates.notice(visit.chrome(), invalid, "/finance/approvals",
                    msg.backToApprovals()));
        }
        List<Outcome> outcomes = new ArrayList<>();
        ServiceError first = null;
        boolean anyApproved = false;
        for (FinanceQueries.Approval a : finance.approve(visit.person(), List.copyOf(ids))) {
            if (a.order() != null) {
                anyApproved = true;
                boolean waiting = FinanceQueries.AWAITING_APPROVAL.equals(a.order().state());
                outcomes.add(new Outcome(a.orderId(), waiting ? "AWAITING_SECOND" : "APPROVED", a.order(), null));
            } else if (a.error() != null) {
                first = first == null ? a.error() : first;
                outcomes.add(new Outcome(a.orderId(), "REFUSED", null, Pages.text(msg, a.error())));
            } else {
                outcomes.add(new Outcome(a.orderId(), "NOT_SENT", null, null));
            }
        }
        // each outcome is on the page; only when none was approved does the page answer the (first) failure
        int status = anyApproved || first == null ? 200 : Pages.status(first);
        return pages.respond(visit, status, FinanceTemplates.approvalOutcomes(visit.chrome(), outcomes));
    }

    /** The public-notice list (公示): the orders in notice now, as the service answers it. */
    @GET
    @Path("notices")
    @Produces(MediaType.TEXT_HTML)
    public Response notices(@Context UriInfo uri, @Context HttpHeaders headers, @QueryParam("cursor") String cursor) {
        return listPage(uri, headers, "/finance/notices", p -> finance.notices(p, cursor), FinanceTemplates::notices);
    }

    /**
     * The batches of a date ({@code date}, yyyy-MM-dd; today in Xiamen when none), each linked to its pain.001 file
     * once exported. A date that is not one: 400 naming {@code date}, nothing asked.
     */
    @GET
    @Path("batches")
    @Produces(MediaType.TEXT_HTML)
    public Response batches(@Context UriInfo uri, @Context HttpHeaders headers, @QueryParam("date") String dateParam,
                            @QueryParam("cursor") String cursor) {
        Pages.Visit visit = pages.visit(uri, headers);
        Response refused = pages.refusedUnless(visit, Role.FINANCE);
        if (refused != null) {
            return refused;
        }
        String date = dateParam == null || dateParam.isBlank() ? LocalDate.now(XIAMEN).toString() : dateParam.strip();
        if (!isDate(date)) {
            return pages.respond(visit, 400, FinanceTemplates.batches(visit.chrome(), date, true, List.of(), null,
                    visit.msg().invalidDate(date)));
        }
        try {
            ServicePage<Batch> page = finance.batches(visit.person(), date, cursor);
            String next = page.nextCursor() == null ? null : UriBuilder.fromPath("/finance/batches")
                    .queryParam("date", date).queryParam("cursor", page.nextCursor()).build().toString();
            return pages.respond(visit, 200, FinanceTemplates.batches(visit.chrome(), date, false, page.items(), next, null));
        } catch (ServiceError e) {
            return pages.respond(visit, Pages.status(e), FinanceTemplates.batches(visit.chrome(), date, false, List.of(), null,
                    Pages.text(visit.msg(), e)));
        }
    }

    /**
     * A batch's pain.001 file through the portal: the service's bytes with its content type and file name; its
     * refusal (409: not exported yet; 404) is the page's sentence with its status.
     */
    @GET
    @Path("batches/{id}/file")
    @Produces({MediaType.APPLICATION_XML, MediaType.TEXT_HTML, MediaType.WILDCARD})
    public Response batchFile(@Context UriInfo uri, @Context HttpHeaders headers, @PathParam("id") String id) {
        Pages.Visit visit = pages.visit(uri, headers);
        Response refused = pages.refusedUnless(visit, Role.FINANCE);
        if (refused != null) {
            return refused;
        }
        Msg msg = visit.msg();
        if (!CasePages.isId(id)) {
            return pages.respond(visit, 404, Templates.notice(visit.chrome(), msg.batchNotFound(id), "/finance/batches",
                    msg.backToBatches()));
        }
        try {
            FinanceQueries.BatchFile file = finance.batchFile(visit.person(), id);
            String type = file.contentType() == null ? MediaType.APPLICATION_XML : file.contentType();
            String disposition = file.disposition() != null && SAFE_DISPOSITION.matcher(file.disposition()).matches()
                    ? file.disposition() : "attachment; filename=\"" + id + ".pain.001.xml\"";
            return Response.ok(file.bytes()).type(type).header("Content-Disposition", disposition).build();
        } catch (ServiceError e) {
            return pages.respond(visit, Pages.status(e), Templates.notice(visit.chrome(), Pages.text(msg, e),
                    "/finance/batches", msg.backToBatches()));
        }
    }

    /** The service's {@code attachment; filename="<id>.pain.001.xml"}: passed on only in that plain shape. */
    private static final Pattern SAFE_DISPOSITION = Pattern.compile("attachment; filename=\"[A-Za-z0-9._-]{1,120}\"");

    /** The 2024-2026 budget: each year's lines (allocated, reserved, disbursed, available, ...) and the period. */
    @GET
    @Path("budget")
    @Produces(MediaType.TEXT_HTML)
    public Response budget(@Context UriInfo uri, @Context HttpHeaders headers) {
        Pages.Visit visit = pages.visit(uri, headers);
        Response refused = pages.refusedUnless(visit, Role.FINANCE);
        if (refused != null) {
            return refused;
        }
        try {
            return pages.respond(visit, 200, FinanceTemplates.budget(visit.chrome(), finance.budget(visit.person()),
                    null));
        } catch (ServiceError e) {
            return pages.respond(visit, Pages.status(e), FinanceTemplates.budget(visit.chrome(), null,
                    Pages.text(visit.msg(), e)));
        }
    }

    /** A finance list page: its rows, the next page's link, or the list's failure as a sentence. */
    @FunctionalInterface
    interface ListTemplate<T> {
        TemplateInstance render(Chrome chrome, List<T> rows, String nextHref, String error);
    }

    /** A page of one list read from payments as the finance person, {@code path} with the service's next cursor. */
    private <T> Response listPage(UriInfo uri, HttpHeaders headers, String path,
                                  Function<Person, ServicePage<T>> read, ListTemplate<T> template) {
        Pages.Visit visit = pages.visit(uri, headers);
        Response refused = pages.refusedUnless(visit, Role.FINANCE);
        if (refused != null) {
            return refused;
        }
        try {
            ServicePage<T> page = read.apply(visit.person());
            return pages.respond(visit, 200, template.render(visit.chrome(), page.items(), next(path, page.nextCursor()),
                    null));
        } catch (ServiceError e) {
            return pages.respond(visit, Pages.status(e), template.render(visit.chrome(), List.of(), null,
                    Pages.text(visit.msg(), e)));
        }
    }

    static boolean isDate(String date) {
        if (!DATE.matcher(date).matches()) {
            return false;
        }
        try {
            LocalDate.parse(date);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static String next(String path, String cursor) {
        return cursor == null ? null : UriBuilder.fromPath(path).queryParam("cursor", cursor).build().toString();
    }
}
