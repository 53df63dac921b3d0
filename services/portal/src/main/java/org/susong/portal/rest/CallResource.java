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
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.susong.portal.application.CallQueries;
import org.susong.portal.application.Listing;
import org.susong.portal.client.Call;
import org.susong.portal.client.ScoreSheet;
import org.susong.portal.client.ServiceError;
import org.susong.portal.domain.Role;

/**
 * A district officer's call pages (competitive allocation, C1; issue 19 item 5), read-only: the calls, a call with
 * its district's applications and its ranking, an application's score sheet. Eligibility decides what the officer
 * sees (its district's applications and sheets); the portal sends the officer's identity and only reads.
 */
@Path("/officer/calls")
@Blocking
public class CallResource {

    private final Pages pages;
    private final CallQueries queries;

    CallResource(Pages pages, CallQueries queries) {
        this.pages = pages;
        this.queries = queries;
    }

    /** The calls, newest first, 50 a page, optionally of one state (another state: 400 without asking). */
    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response calls(@Context UriInfo uri, @Context HttpHeaders headers, @QueryParam("state") String stateParam,
                          @QueryParam("cursor") String cursor) {
        Pages.Visit visit = pages.visit(uri, headers);
        Response refused = pages.refusedUnless(visit, Role.OFFICER);
        if (refused != null) {
            return refused;
        }
        String state = stateParam == null || stateParam.isBlank() ? null : stateParam.trim();
        if (state != null && !CallQueries.STATES.contains(state)) {
            return pages.respond(visit, 400, CallTemplates.calls(visit.chrome(), List.of(), CallQueries.STATES, null,
                    null, visit.msg().unknownCallState(state)));
        }
        try {
            Listing<Call> listing = queries.calls(visit.person(), state, cursor);
            String next = null;
            if (listing.nextCursor() != null) {
                UriBuilder b = UriBuilder.fromPath("/officer/calls");
                if (state != null) {
                    b.queryParam("state", state);
                }
                next = b.queryParam("cursor", listing.nextCursor()).build().toString();
            }
            return pages.respond(visit, 200, CallTemplates.calls(visit.chrome(), listing.rows(), CallQueries.STATES,
                    state, next, null));
        } catch (ServiceError e) {
            return pages.respond(visit, Pages.status(e), CallTemplates.calls(visit.chrome(), List.of(),
                    CallQueries.STATES, state, null, Pages.text(visit.msg(), e)));
        }
    }

    /**
     * A call: as published, its applications of the officer's district (a page; {@code cursor} the next) and its
     * ranking with the later rounds, or "not ranked yet". A part that cannot be read is its sentence and the others
     * show; the page answers the failure only when none could be read, 404 when eligibility knows no such call.
     */
    @GET
    @Path("{callId}")
    @Produces(MediaType.TEXT_HTML)
    public Response call(@Context UriInfo uri, @Context HttpHeaders headers, @PathParam("callId") String callId,
                         @QueryParam("cursor") String cursor) {
        Pages.Visit visit = pages.visit(uri, headers);
        Response refused = pages.refusedUnless(visit, Role.OFFICER);
        if (refused != null) {
            return refused;
        }
        Msg msg = visit.msg();
        if (!CasePages.isId(callId)) {
            return callNotFound(visit, callId);
        }
        Optional<CallQueries.CallCase> found = queries.call(visit.person(), callId, cursor);
        if (found.isEmpty()) {
            return callNotFound(visit, callId);
        }
        CallQueries.CallCase c = found.get();
        int status = c.call().error() != null && c.entries().error() != null && c.ranking().error() != null
                ? Pages.status(c.call().error()) : 200;
        var entries = CasePages.page(c.entries());
        String next = entries.nextCursor() == null ? null : UriBuilder.fromPath("/officer/calls/{id}")
                .queryParam("cursor", entries.nextCursor()).build(callId).toString();
        return pages.respond(visit, status, CallTemplates.call(visit.chrome(), callId, c.call().value(),
                CasePages.error(msg, c.call()), msg.district(visit.person().district().code()), entries,
                CasePages.error(msg, c.entries()), next, c.ranking().value(), CasePages.error(msg, c.ranking())));
    }

    /**
     * An application's score sheet in a call: each officer's points per criterion (named in the page's language from
     * the call's scoring criteria), comment, weighted score and time; the declared conflicts; the mean once complete.
     * 404 when eligibility answers 404 or a sheet of another district; its refusal or failure is the page's sentence.
     */
    @GET
    @Path("{callId}/applications/{applicationId}")
    @Produces(MediaType.TEXT_HTML)
    public Response sheet(@Context UriInfo uri, @Context HttpHeaders headers, @PathParam("callId") String callId,
                          @PathParam("applicationId") String applicationId) {
        Pages.Visit visit = pages.visit(uri, headers);
        Response refused = pages.refusedUnless(visit, Role.OFFICER);
        if (refused != null) {
            return refused;
        }
        Msg msg = visit.msg();
        String callHref = UriBuilder.fromPath("/officer/calls/{id}").build(callId).toString();
        if (!CasePages.isId(callId) || !CasePages.isId(applicationId)) {
            return sheetNotFound(visit, applicationId, "/officer/calls");
        }
        Optional<CallQueries.SheetCase> found;
        try {
            found = queries.sheet(visit.person(), callId, applicationId);
        } catch (ServiceError e) {
            return pages.respond(visit, Pages.status(e), Templates.notice(visit.chrome(), Pages.text(msg, e), callHref,
                    msg.backToCall()));
        }
        if (found.isEmpty()) {
            return sheetNotFound(visit, applicationId, callHref);
        }
        ScoreSheet sheet = found.get().sheet();
        Call call = found.get().call().value();
        return pages.respond(visit, 200, CallTemplates.sheet(visit.chrome(), sheet, columns(call, sheet),
                CasePages.error(msg, found.get().call()), callHref));
    }

    /** A criterion column of a score sheet: its name, its words in both languages, its weight (null: not the call's). */
    public record Column(String name, String zh, String en, Integer weight) {
    }

    /**
     * The sheet's criterion columns: the call's scoring criteria in its order, then any name an officer scored that
     * the call does not list (or, the call unread, every name scored), shown by its name.
     */
    static List<Column> columns(Call call, ScoreSheet sheet) {
        List<Column> columns = new ArrayList<>();
        Set<String> named = new LinkedHashSet<>();
        for (Call.ScoringCriterion c : call == null ? List.<Call.ScoringCriterion>of() : call.scoringCriteria()) {
            if (named.add(c.name())) {
                columns.add(new Column(c.name(), c.zh() == null ? c.name() : c.zh(), c.en() == null ? c.name() : c.en(),
                        c.weight()));
            }
        }
        Set<String> scored = new TreeSet<>();
        sheet.scores().forEach(s -> scored.addAll(s.points().keySet()));
        for (String name : scored) {
            if (named.add(name)) {
                columns.add(new Column(name, name, name, null));
            }
        }
        return columns;
    }

    private Response callNotFound(Pages.Visit visit, String callId) {
        return pages.respond(visit, 404, Templates.notice(visit.chrome(), visit.msg().callNotFound(callId),
                "/officer/calls", visit.msg().backToCalls()));
    }

    private Response sheetNotFound(Pages.Visit visit, String applicationId, String back) {
        return pages.respond(visit, 404, Templates.notice(visit.chrome(), visit.msg().sheetNotFound(applicationId),
                back, visit.msg().backToCall()));
    }
}
