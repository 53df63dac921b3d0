package org.susong.portal.rest;

import io.quarkus.qute.i18n.Localized;
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
import java.util.List;
import org.susong.portal.application.ApplicationStates;
import org.susong.portal.application.CaseQueries;
import org.susong.portal.application.Listing;
import org.susong.portal.application.OfficerQueue;
import org.susong.portal.application.PortalQueries;
import org.susong.portal.client.ApplicationRow;
import org.susong.portal.client.ReviewRequest;
import org.susong.portal.client.ServiceError;
import org.susong.portal.domain.Yuan;
import org.susong.portal.domain.Role;

/**
 * A district officer's pages: its district's applications (a state filter, the same list as CSV), an application's
 * page and the work queue. Read-only.
 */
@Path("/officer")
@Blocking
public class OfficerResource {

    private final Pages pages;
    private final PortalQueries queries;
    private final CaseQueries cases;
    private final CasePages casePages;

    private final ActionMsg actZh;
    private final ActionMsg actEn;

    OfficerResource(Pages pages, PortalQueries queries, CaseQueries cases, CasePages casePages, ActionMsg actZh,
                    @Localized("en") ActionMsg actEn) {
        this.actZh = actZh;
        this.actEn = actEn;
        this.pages = pages;
        this.queries = queries;
        this.cases = cases;
        this.casePages = casePages;
    }

    /** One application of the district: its timeline, decision, placeholders and payment orders. */
    @GET
    @Path("applications/{id}")
    @Produces(MediaType.TEXT_HTML)
    public Response application(@Context UriInfo uri, @Context HttpHeaders headers, @PathParam("id") String id) {
        Pages.Visit visit = pages.visit(uri, headers);
        Response refused = pages.refusedUnless(visit, Role.OFFICER);
        if (refused != null) {
            return refused;
        }
        return casePages.application(visit, id, "/officer/applications", "/officer/queue");
    }

    /** An officer's withdrawal of an application of its district, with the reason (see {@link CasePages#withdraw}). */
    @POST
    @Path("applications/{id}/withdrawal")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response withdraw(@Context UriInfo uri, @Context HttpHeaders headers, @PathParam("id") String id,
                             @FormParam("reason") String reason) {
        Pages.Visit visit = pages.visit(uri, headers);
        Response refused = pages.refusedUnless(visit, Role.OFFICER);
        if (refused != null) {
            return refused;
        }
        return casePages.withdraw(visit, id, reason, "/officer/applications", act(visit));
    }

    /**
     * An officer's resolution of a payment order's hold (an objection, a refused conversion held): {@code DISMISSED}
     * lets the order go on, {@code UPHELD} releases its money to the budget line. One call to payments'
     * {@code resolvePaymentHold} as the officer (payments decides: the order's district, not the objector, the hold
     * still open: 404/409 as its sentence), then 303 to the application's page. Upholding takes the money back at one
     * click, so it is sent only when confirmed ({@code confirmed=yes}): first a page says what it does, with the form
     * that confirms it and a way back. An outcome that is neither, or an id that is no id, is refused with nothing
     * sent.
     */
    @POST
    @Path("applications/{id}/payments/{orderId}/holds/{holdId}/resolution")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response resolveHold(@Context UriInfo uri, @Context HttpHeaders headers, @PathParam("id") String id,
                                @PathParam("orderId") String orderId, @PathParam("holdId") String holdId,
                                @FormParam("outcome") String outcome, @FormParam("confirmed") String confirmed) {
        Pages.Visit visit = pages.visit(uri, headers);
        Response refused = pages.refusedUnless(visit, Role.OFFICER);
        if (refused != null) {
            return refused;
        }
        ActionMsg act = act(visit);
        if (!CasePages.isId(id)) {
            return casePages.notFound(visit, id, "/officer/applications");
        }
        String back = "/officer/applications/" + id;
        if (!CasePages.isId(orderId) || !CasePages.isId(holdId)) {
            return pages.respond(visit, 404, Templates.notice(visit.chrome(), act.notAHold(), back, act.backToApplication()));
        }
        if (!"UPHELD".equals(outcome) && !"DISMISSED".equals(outcome)) {
            return pages.respond(visit, 400, Templates.notice(visit.chrome(), act.outcomeInvalid(), back,
                    act.backToApplication()));
        }
        if ("UPHELD".equals(outcome) && !"yes".equals(confirmed)) {
            return pages.respond(visit, 200, Templates.confirmUphold(visit.chrome(), id, orderId, holdId));
        }
        try {
            cases.resolveHold(visit.person(), orderId, holdId, outcome);
        } catch (ServiceError e) {
            return pages.respond(visit, Pages.status(e), Templates.notice(visit.chrome(), Pages.text(visit.msg(), e),
                    back, act.backToApplication()));
        }
        return Response.seeOther(java.net.URI.create(back)).build();
    }

    private ActionMsg act(Pages.Visit visit) {
        return "en".equals(visit.lang()) ? actEn : actZh;
    }

    /**
     * The officer's review decision on the application's decision, sent to eligibility as that officer; then back to
     * the application's page (303). Invalid fields answer 400 naming the field and send nothing; the service's refusal
     * (the district, the state, the caps, the maker-checker) is shown as its sentence with its status.
     */
    @POST
    @Path("applications/{id}/review")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response review(@Context UriInfo uri, @Context HttpHeaders headers, @PathParam("id") String id,
                           @FormParam("decisionId") String decisionId, @FormParam("outcome") String outcome,
                           @FormParam("amount") String amount, @FormParam("reason") String reason) {
        Pages.Visit visit = pages.visit(uri, headers);
        Response refused = pages.refusedUnless(visit, Role.OFFICER);
        if (refused != null) {
            return refused;
        }
        if (!CasePages.isId(id)) {
            return casePages.notFound(visit, id, "/officer/applications");
        }
        Msg msg = visit.msg();
        String back = "/officer/applications/" + id;
        String invalid = null;
        Long fen = null;
        if (decisionId == null || !(decisionId.equals("D-" + id) || decisionId.startsWith("D-" + id + "-R"))) {
            invalid = msg.invalidDecision(); // the decision ids eligibility gives: D-<id>, D-<id>-R<n> after appeals
        } else if (outcome == null || !List.of("APPROVED", "REJECTED", "UPHELD").contains(outcome)) {
            invalid = msg.invalidOutcome();
        } else if (reason == null || reason.isBlank() || reason.length() > 2000) {
            invalid = msg.invalidReason();
        } else {
            try {
                var parsed = Yuan.toFen(amount);
                fen = parsed.isPresent() ? parsed.getAsLong() : null;
            } catch (IllegalArgumentException e) {
                invalid = msg.invalidAmount();
            }
        }
        if (invalid != null) {
            return pages.respond(visit, 400, Templates.notice(visit.chrome(), invalid, back, msg.backToApplication()));
        }
        try {
            cases.decideReview(visit.person(), decisionId, new ReviewRequest(outcome, fen, reason.strip()));
            return Response.seeOther(java.net.URI.create(back)).build();
        } catch (ServiceError e) {
            return pages.respond(visit, Pages.status(e), Templates.notice(visit.chrome(), Pages.text(msg, e), back,
                    msg.backToApplication()));
        }
    }

    /**
     * The district's work queue: reviews to decide, contracts to review, overdue registration reviews and payment
     * orders on hold, the first page of each; a section that cannot be read says so and the others show.
     */
    @GET
    @Path("queue")
    @Produces(MediaType.TEXT_HTML)
    public Response queue(@Context UriInfo uri, @Context HttpHeaders headers) {
        Pages.Visit visit = pages.visit(uri, headers);
        Response refused = pages.refusedUnless(visit, Role.OFFICER);
        if (refused != null) {
            return refused;
        }
        Msg msg = visit.msg();
        OfficerQueue q = cases.queue(visit.person());
        // a section that failed is its sentence; only when none could be read does the page answer the failure
        int status = q.reviews().error() != null && q.contracts().error() != null && q.overdue().error() != null
                && q.holds().error() != null ? Pages.status(q.reviews().error()) : 200;
        return pages.respond(visit, status, Templates.queue(visit.chrome(), msg.district(visit.person().district().code()),
                CasePages.page(q.reviews()), CasePages.error(msg, q.reviews()), CasePages.page(q.contracts()),
                CasePages.error(msg, q.contracts()), CasePages.page(q.overdue()), CasePages.error(msg, q.overdue()),
                CasePages.page(q.holds()), CasePages.error(msg, q.holds())));
    }

    @GET
    @Path("applications")
    @Produces(MediaType.TEXT_HTML)
    public Response applications(@Context UriInfo uri, @Context HttpHeaders headers, @QueryParam("status") String status,
                                 @QueryParam("cursor") String cursor) {
        Pages.Visit visit = pages.visit(uri, headers);
        Response refused = pages.refusedUnless(visit, Role.OFFICER);
        if (refused != null) {
            return refused;
        }
        String district = visit.msg().district(visit.person().district().code());
        String state = status == null || status.isBlank() ? null : status.trim();
        String csv = with(UriBuilder.fromPath("/officer/applications.csv"), state).build().toString();
        if (state != null && !ApplicationStates.ALL.contains(state)) {
            return pages.respond(visit, 400, Templates.officer(visit.chrome(), district, List.of(), ApplicationStates.ALL,
                    null, null, csv, visit.msg().unknownStatus(state)));
        }
        try {
            Listing<ApplicationRow> listing = queries.districtApplications(visit.person(), state, cursor);
            String next = listing.nextCursor() == null ? null : with(UriBuilder.fromPath("/officer/applications"), state)
                    .queryParam("cursor", listing.nextCursor()).build().toString();
            return pages.respond(visit, 200, Templates.officer(visit.chrome(), district, listing.rows(),
                    ApplicationStates.ALL, state, next, csv, null));
        } catch (ServiceError e) {
            return pages.respond(visit, Pages.status(e), Templates.officer(visit.chrome(), district, List.of(),
                    ApplicationStates.ALL, state, null, csv, Pages.text(visit.msg(), e)));
        }
    }

    /** The district's applications of the filter as CSV (UTF-8 with a byte-order mark), every page of the list. */
    @GET
    @Path("applications.csv")
    @Produces({"text/csv", MediaType.TEXT_HTML})
    public Response export(@Context UriInfo uri, @Context HttpHeaders headers, @QueryParam("status") String status) {
        Pages.Visit visit = pages.visit(uri, headers);
        Response refused = pages.refusedUnless(visit, Role.OFFICER);
        if (refused != null) {
            return refused;
        }
        String state = status == null || status.isBlank() ? null : status.trim();
        if (state != null && !ApplicationStates.ALL.contains(state)) {
            return pages.respond(visit, 400, Templates.notice(visit.chrome(), visit.msg().unknownStatus(state),
                    "/officer/applications", visit.msg().firstPage()));
        }
        try {
            return Response.ok(queries.districtCsv(visit.person(), state), "text/csv; charset=UTF-8")
                    .header("Content-Disposition", "attachment; filename=\"applications-"
                            + visit.person().district().name().toLowerCase(java.util.Locale.ROOT) + ".csv\"").build();
        } catch (ServiceError e) {
            return pages.respond(visit, Pages.status(e), Templates.notice(visit.chrome(), Pages.text(visit.msg(), e),
                    "/officer/applications", visit.msg().firstPage()));
        }
    }


    private static UriBuilder with(UriBuilder builder, String state) {
        return state == null ? builder : builder.queryParam("status", state);
    }
}
