package org.susong.portal.rest;

import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.susong.portal.application.ApplicantQueries;
import org.susong.portal.client.ServiceError;
import org.susong.portal.domain.Role;

/**
 * The applicant's own record (read-only): applications' {@code GET /applicants/{its USCC}} as the applicant. No
 * bank-account change form: applications takes a change only from an officer of the district (the page says so).
 */
@Path("/applicant/record")
@Produces(MediaType.TEXT_HTML)
@Blocking
public class RecordResource {

    private final Pages pages;
    private final ApplicantQueries queries;

    RecordResource(Pages pages, ApplicantQueries queries) {
        this.pages = pages;
        this.queries = queries;
    }

    @GET
    public Response record(@Context UriInfo uri, @Context HttpHeaders headers) {
        Pages.Visit visit = pages.visit(uri, headers);
        Response refused = pages.refusedUnless(visit, Role.APPLICANT);
        if (refused != null) {
            return refused;
        }
        try {
            return pages.respond(visit, 200, ApplicantTemplates.applicantRecord(visit.chrome(),
                    queries.record(visit.person()), null));
        } catch (ServiceError e) {
            return pages.respond(visit, Pages.status(e), ApplicantTemplates.applicantRecord(visit.chrome(), null,
                    Pages.text(visit.msg(), e)));
        }
    }
}
