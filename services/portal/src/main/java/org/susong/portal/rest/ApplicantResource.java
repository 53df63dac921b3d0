package org.susong.portal.rest;

import io.quarkus.qute.i18n.Localized;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.GET;
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
import java.net.URI;
import java.util.List;
import org.susong.portal.application.ApplicantQueries;
import org.susong.portal.application.ApplicantRow;
import org.susong.portal.application.Listing;
import org.susong.portal.application.PortalQueries;
import org.susong.portal.client.ServiceError;
import org.susong.portal.domain.Role;

/**
 * An applicant's pages: its applications with their state and decision, one application's page, and the appeal of its
 * decision (the one write here: applications' {@code appealApplication} as the applicant).
 */
@Path("/applicant/applications")
@Produces(MediaType.TEXT_HTML)
@Blocking
public class ApplicantResource {

    private final Pages pages;
    private final PortalQueries queries;
    private final CasePages casePages;
    private final ApplicantQueries applicant;
    private final ApplicantMsg zh;
    private final ApplicantMsg en;

    private final ActionMsg actZh;
    private final ActionMsg actEn;

    ApplicantResource(Pages pages, PortalQueries queries, CasePages casePages, ApplicantQueries applicant,
                      ApplicantMsg zh, @Localized("en") ApplicantMsg en, ActionMsg actZh, @Localized("en") ActionMsg actEn) {
        this.actZh = actZh;
        this.actEn = actEn;
        this.pages = pages;
        this.queries = queries;
        this.casePages = casePages;
        this.applicant = applicant;
        this.zh = zh;
        this.en = en;
    }

    /** The longest grounds applications takes ({@code AppealRequest}: {@code @NotBlank @Size(max = 2000)}). */
    static final int MAX_GROUNDS = 2000;

    /**
     * The appeal of the application's current decision, sent as the applicant with the grounds as typed (the service
     * trims them); blank or over-long grounds answer 400 with the page and its form marked, nothing sent. Then 303 to
     * the application's page (APPEALED); the service's refusal (409 not appealable, 422 past the deadline) is its
     * sentence with its status.
     */
    @POST
    @Path("{id}/appeal")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response appeal(@Context UriInfo uri, @Context HttpHeaders headers, @PathParam("id") String id,
                           @FormParam("grounds") String grounds) {
        Pages.Visit visit = pages.visit(uri, headers);
        Response refused = pages.refusedUnless(visit, Role.APPLICANT);
        if (refused != null) {
            return refused;
        }
        if (!CasePages.isId(id)) {
            return casePages.notFound(visit, id, LIST);
        }
        ApplicantMsg rec = "en".equals(visit.lang()) ? en : zh;
        String problem = grounds == null || grounds.isBlank() ? rec.appealGroundsRequired()
                : grounds.length() > MAX_GROUNDS ? rec.appealGroundsTooLong() : null;
        if (problem != null) {
            return casePages.application(visit, id, LIST, null, 400, grounds, problem);
        }
        try {
            applicant.appeal(visit.person(), id, grounds);
        } catch (ServiceError e) {
            return pages.respond(visit, Pages.status(e), Templates.notice(visit.chrome(), Pages.text(visit.msg(), e),
                    LIST + "/" + id, rec.backToApplication()));
        }
        return Response.seeOther(URI.create(LIST + "/" + id)).build();
    }

    private static final String LIST = "/applicant/applications";

    /** The applicant's withdrawal of its application, with its reason (see {@link CasePages#withdraw}). */
    @POST
    @Path("{id}/withdrawal")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response withdraw(@Context UriInfo uri, @Context HttpHeaders headers, @PathParam("id") String id,
                             @FormParam("reason") String reason) {
        Pages.Visit visit = pages.visit(uri, headers);
        Response refused = pages.refusedUnless(visit, Role.APPLICANT);
        if (refused != null) {
            return refused;
        }
        return casePages.withdraw(visit, id, reason, LIST, "en".equals(visit.lang()) ? actEn : actZh);
    }

    /** One of its applications: the timeline, the decision with its criteria, the payment orders. */
    @GET
    @Path("{id}")
    public Response application(@Context UriInfo uri, @Context HttpHeaders headers, @PathParam("id") String id) {
        Pages.Visit visit = pages.visit(uri, headers);
        Response refused = pages.refusedUnless(visit, Role.APPLICANT);
        if (refused != null) {
            return refused;
        }
        return casePages.application(visit, id, "/applicant/applications", null);
    }

    @GET
    public Response applications(@Context UriInfo uri, @Context HttpHeaders headers,
                                 @QueryParam("cursor") String cursor) {
        Pages.Visit visit = pages.visit(uri, headers);
        Response refused = pages.refusedUnless(visit, Role.APPLICANT);
        if (refused != null) {
            return refused;
        }
        try {
            Listing<ApplicantRow> listing = queries.applicantApplications(visit.person(), cursor);
            String next = listing.nextCursor() == null ? null
                    : UriBuilder.fromPath("/applicant/applications").queryParam("cursor", listing.nextCursor()).build()
                    .toString();
            return pages.respond(visit, 200, Templates.applicant(visit.chrome(), listing.rows(), next, null));
        } catch (ServiceError e) {
            return pages.respond(visit, Pages.status(e), Templates.applicant(visit.chrome(), List.of(), null,
                    Pages.text(visit.msg(), e)));
        }
    }
}
