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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.regex.Pattern;
import org.susong.portal.application.ChangeQueries;
import org.susong.portal.application.ChangeQueries.Changes;
import org.susong.portal.client.ServiceError;
import org.susong.portal.domain.Role;

/**
 * A district officer's applicant changes waiting for a checker (issue 18: the officers' pages approving account and
 * registration changes): the two queues, and the checker's approval or the rejection (a reason required), each one
 * call to applications as the signed-in officer, then 303 back to the page. The service decides: the maker cannot
 * approve its own change (403 for an account, 409 for a registration), a change no longer pending is 409, another
 * district's applicant 404; each is its sentence with its status. Nothing is sent for a path that names no applicant
 * or change, nor for a rejection without a reason.
 */
@Path("/officer/changes")
@Produces(MediaType.TEXT_HTML)
@Blocking
public class ChangesResource {

    private static final String PAGE = "/officer/changes";
    /** A USCC as applications canonicalises it (18 characters of digits and capitals) and a change id ({@code BAC-...}, {@code ARC-...}). */
    private static final Pattern USCC = Pattern.compile("[0-9A-Z]{18}");
    private static final Pattern CHANGE_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");
    /** The longest reason applications takes ({@code RejectionRequest}: {@code @Size(max = 500)}). */
    static final int MAX_REASON = 500;

    private final Pages pages;
    private final ChangeQueries queries;
    private final ChangeMsg zh;
    private final ChangeMsg en;

    ChangesResource(Pages pages, ChangeQueries queries, ChangeMsg zh, @Localized("en") ChangeMsg en) {
        this.pages = pages;
        this.queries = queries;
        this.zh = zh;
        this.en = en;
    }

    @GET
    public Response changes(@Context UriInfo uri, @Context HttpHeaders headers) {
        Pages.Visit visit = pages.visit(uri, headers);
        Response refused = pages.refusedUnless(visit, Role.OFFICER);
        if (refused != null) {
            return refused;
        }
        Msg msg = visit.msg();
        Changes c = queries.waiting(visit.person());
        int status = c.accounts().error() != null && c.registrations().error() != null
                ? Pages.status(c.accounts().error()) : 200;
        return pages.respond(visit, status, ChangeTemplates.officerChanges(visit.chrome(),
                msg.district(visit.person().district().code()), visit.person().user(), CasePages.page(c.accounts()),
                CasePages.error(msg, c.accounts()), CasePages.page(c.registrations()), CasePages.error(msg, c.registrations())));
    }

    @POST
    @Path("{kind}/{uscc}/{changeId}/approval")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response approve(@Context UriInfo uri, @Context HttpHeaders headers, @PathParam("kind") String kind,
                            @PathParam("uscc") String uscc, @PathParam("changeId") String changeId) {
        return answer(uri, headers, kind, uscc, changeId, null, false);
    }

    @POST
    @Path("{kind}/{uscc}/{changeId}/rejection")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response reject(@Context UriInfo uri, @Context HttpHeaders headers, @PathParam("kind") String kind,
                           @PathParam("uscc") String uscc, @PathParam("changeId") String changeId,
                           @FormParam("reason") String reason) {
        return answer(uri, headers, kind, uscc, changeId, reason, true);
    }

    private Response answer(UriInfo uri, HttpHeaders headers, String kindWord, String uscc, String changeId,
                            String reason, boolean rejection) {
        Pages.Visit visit = pages.visit(uri, headers);
        Response refused = pages.refusedUnless(visit, Role.OFFICER);
        if (refused != null) {
            return refused;
        }
        ChangeMsg chg = "en".equals(visit.lang()) ? en : zh;
        ChangeQueries.Kind kind = ChangeQueries.Kind.ofPath(kindWord);
        if (kind == null || uscc == null || !USCC.matcher(uscc).matches() || changeId == null
                || !CHANGE_ID.matcher(changeId).matches()) {
            return pages.respond(visit, 404, Templates.notice(visit.chrome(), chg.notAChange(), PAGE, chg.backToChanges()));
        }
        String given = Pages.reason(reason, MAX_REASON);
        if (rejection && given == null) {
            return pages.respond(visit, 400, Templates.notice(visit.chrome(), chg.reasonRequired(), PAGE,
                    chg.backToChanges()));
        }
        try {
            if (rejection) {
                queries.reject(visit.person(), kind, uscc, changeId, given);
            } else {
                queries.approve(visit.person(), kind, uscc, changeId);
            }
        } catch (ServiceError e) {
            return pages.respond(visit, Pages.status(e), Templates.notice(visit.chrome(), Pages.text(visit.msg(), e),
                    PAGE, chg.backToChanges()));
        }
        return Response.seeOther(URI.create(PAGE)).build();
    }
}
