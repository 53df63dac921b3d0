package org.susong.portal.rest;

import io.smallrye.common.annotation.Blocking;
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
import java.util.List;
import org.susong.portal.application.ApplicantRow;
import org.susong.portal.application.Listing;
import org.susong.portal.application.PortalQueries;
import org.susong.portal.client.ServiceError;
import org.susong.portal.domain.Role;

/** An applicant's pages: its applications with their state and decision, and one application's page; read-only. */
@Path("/applicant/applications")
@Produces(MediaType.TEXT_HTML)
@Blocking
public class ApplicantResource {

    private final Pages pages;
    private final PortalQueries queries;
    private final CasePages casePages;

    ApplicantResource(Pages pages, PortalQueries queries, CasePages casePages) {
        this.pages = pages;
        this.queries = queries;
        this.casePages = casePages;
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
