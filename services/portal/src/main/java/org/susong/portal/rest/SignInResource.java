package org.susong.portal.rest;

import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import org.susong.portal.domain.District;
import org.susong.portal.domain.Person;
import org.susong.portal.domain.Role;

/**
 * The home page (to the signed-in person's page), the identity provider's sign-in ({@code /login}) and the development
 * sign-in. The development sign-in exists only while {@code susong.portal.dev-sign-in} is on (local, dev, test) and
 * OIDC is off; else its page answers 404 and its cookie is ignored.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
@Blocking
public class SignInResource {

    private final Pages pages;

    SignInResource(Pages pages) {
        this.pages = pages;
    }

    @GET
    public Response home(@Context UriInfo uri, @Context HttpHeaders headers) {
        Pages.Visit visit = pages.visit(uri, headers);
        if (visit.person() == null) {
            return pages.signInFirst(visit);
        }
        return switch (visit.person().role()) {
            case APPLICANT -> Response.seeOther(URI.create("/applicant/applications")).build();
            case OFFICER -> Response.seeOther(URI.create("/officer/applications")).build();
            case FINANCE -> Response.seeOther(URI.create("/finance/approvals")).build();
            case REGISTRAR -> Response.seeOther(URI.create("/registrar/queue")).build();
            case ADMIN, AUDITOR -> Response.seeOther(URI.create("/evaluation")).build();
            default -> pages.respond(visit, 200, Templates.notice(visit.chrome(), visit.msg().noPageForRole(), null, null));
        };
    }

    /**
     * The identity provider's sign-in (OIDC on): an authenticated page, so an anonymous visit is sent to the provider
     * (the authorization-code flow) and comes back here signed in, then to its page. With OIDC off no one is
     * authenticated here: 401.
     */
    @GET
    @Path("login")
    @Authenticated
    public Response login() {
        return Response.seeOther(URI.create("/")).build();
    }

    @GET
    @Path("sign-in")
    public Response form(@Context UriInfo uri, @Context HttpHeaders headers) {
        if (!pages.devSignInOn()) {
            return unavailable(uri, headers);
        }
        Pages.Visit visit = pages.visit(uri, headers);
        return pages.respond(visit, 200, Templates.signIn(visit.chrome(), List.of(Role.values()),
                List.of(District.values()), SignInForm.empty(), List.of()));
    }

    /** Signs in as the form's person (kept in a cookie) and goes to its page; invalid fields show the form again (400). */
    @POST
    @Path("sign-in")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signIn(@Context UriInfo uri, @Context HttpHeaders headers, @FormParam("role") String role,
                           @FormParam("user") String user, @FormParam("district") String district,
                           @FormParam("actingFor") String actingFor, @FormParam("funds") String funds) {
        if (!pages.devSignInOn()) {
            return unavailable(uri, headers);
        }
        Role r = Role.of(role).orElse(null);
        District d = District.of(district).orElse(null);
        String uscc = trimmed(actingFor) == null ? null : trimmed(actingFor).toUpperCase(java.util.Locale.ROOT);
        List<String> problems = Person.problems(trimmed(user), r, d, uscc, trimmed(funds));
        if (!problems.isEmpty()) {
            Pages.Visit visit = pages.visit(uri, headers);
            return pages.respond(visit, 400, Templates.signIn(visit.chrome(), Arrays.asList(Role.values()),
                    List.of(District.values()), new SignInForm(role, user, district, actingFor, funds), problems));
        }
        Person person = Person.of(trimmed(user), r, d, uscc, trimmed(funds));
        return Response.seeOther(URI.create("/")).cookie(new NewCookie.Builder(Pages.PERSON_COOKIE)
                .value(person.encode()).path("/").httpOnly(true).sameSite(NewCookie.SameSite.LAX).build()).build();
    }

    /**
     * Drops the development sign-in's cookie. Signed in through the identity provider, this path is
     * {@code quarkus.oidc.logout.path}: Quarkus OIDC ends the session and sends the browser to the provider's end-session
     * endpoint (RP-initiated logout), which sends it back to {@code /}, before this method is reached.
     */
    @POST
    @Path("sign-out")
    public Response signOut() {
        return Response.seeOther(URI.create("/")).cookie(new NewCookie.Builder(Pages.PERSON_COOKIE).value("")
                .path("/").maxAge(0).httpOnly(true).sameSite(NewCookie.SameSite.LAX).build()).build();
    }

    private Response unavailable(UriInfo uri, HttpHeaders headers) {
        Pages.Visit visit = pages.visit(uri, headers);
        return pages.respond(visit, 404, Templates.notice(visit.chrome(), visit.msg().signInUnavailable(), null, null));
    }

    private static String trimmed(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
