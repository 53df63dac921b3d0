package org.susong.portal.rest;

import org.susong.portal.domain.Role;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.i18n.Localized;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import java.util.Optional;
import org.susong.portal.client.ServiceError;
import org.susong.portal.config.PortalConfig;
import org.susong.portal.domain.Person;

/**
 * What every page does the same way: whom it acts for (with the identity provider's sign-in on, the claims of the
 * signed-in user's access token; else the development sign-in's cookie, read only while that sign-in is on), its language (Chinese unless {@code ?lang=en} or the {@code lang} cookie says English), and how a service's
 * error reads.
 */
@ApplicationScoped
public class Pages {

    /** The development sign-in's cookie: the person, base64url (see {@link Person#encode()}). */
    public static final String PERSON_COOKIE = "susong_person";
    /** The identity provider's sign-in: a page that needs an authenticated user, so Quarkus OIDC starts the code flow. */
    public static final String LOGIN = "/login";
    /** The chosen language, kept for later pages. */
    public static final String LANG_COOKIE = "lang";

    /**
     * One request's person, language and words; {@code claimsProblems}: signed in at the identity provider, but its
     * token's claims make no person of the portal (each claim named), else empty.
     */
    public record Visit(Person person, String lang, boolean langChosen, Chrome chrome, Msg msg, List<String> claimsProblems) {

        public Optional<Person> signedIn() {
            return Optional.ofNullable(person);
        }
    }

    private final PortalConfig config;
    private final boolean oidc;
    private final SecurityIdentity identity;
    private final JsonWebToken accessToken;
    private final Msg zh;
    private final Msg en;

    Pages(PortalConfig config, @ConfigProperty(name = "quarkus.oidc.tenant-enabled", defaultValue = "true") boolean oidc,
          SecurityIdentity identity, JsonWebToken accessToken, Msg zh, @Localized("en") Msg en) {
        this.config = config;
        this.oidc = oidc;
        this.identity = identity;
        this.accessToken = accessToken;
        this.zh = zh;
        this.en = en;
    }

    /**
     * The development sign-in: on where {@code susong.portal.dev-sign-in} says so and the identity provider's sign-in
     * is off ({@code quarkus.oidc.tenant-enabled=false}). The two are never both active: with OIDC on its pages answer
     * 404 and its cookie is ignored.
     */
    public boolean devSignInOn() {
        return config.devSignIn() && !oidc;
    }

    /** The identity provider's sign-in (the OIDC authorization-code flow) is on. */
    public boolean oidcOn() {
        return oidc;
    }

    /**
     * The person of the cookie while the development sign-in is on; with it off (prod, or OIDC on) the cookie is
     * ignored, so a forged one makes no one and nothing is sent to the services in anyone's name.
     */
    public Optional<Person> person(String cookie) {
        return devSignInOn() ? Person.decode(cookie) : Optional.empty();
    }

    /** The signed-in user's person from its access token's claims (OIDC on and signed in), or why there is none. */
    Person.FromToken tokenPerson() {
        if (!oidc || identity.isAnonymous()) {
            return new Person.FromToken(null, List.of());
        }
        AccessTokenCredential credential = identity.getCredential(AccessTokenCredential.class);
        Object realmAccess = accessToken.getClaim("realm_access");
        Collection<String> roles = realmAccess instanceof JsonObject o && o.get("roles") instanceof JsonArray a
                ? strings(a) : List.of();
        return Person.fromToken(new Person.Claims(accessToken.getSubject(), roles, string(accessToken.getClaim("district")),
                string(accessToken.getClaim("uscc")), strings(accessToken.getClaim("funds"))),
                credential == null ? null : credential.getToken());
    }

    private static String string(Object claim) {
        List<String> all = strings(claim);
        return all.size() == 1 ? all.get(0) : null;
    }

    /** A claim's texts: a JSON string or array of strings (as the token's JSON holds them), or a plain string. */
    private static List<String> strings(Object claim) {
        if (claim instanceof JsonArray array) {
            return array.stream().filter(v -> v instanceof JsonString).map(v -> ((JsonString) v).getString()).toList();
        }
        if (claim instanceof JsonString s) {
            return List.of(s.getString());
        }
        if (claim instanceof Collection<?> c) {
            return c.stream().map(String::valueOf).toList();
        }
        return claim instanceof String s && !s.isBlank() ? List.of(s) : List.of();
    }

    public Visit visit(UriInfo uri, HttpHeaders headers) {
        String personCookie = cookie(headers, PERSON_COOKIE);
        String langQuery = uri.getQueryParameters().getFirst("lang");
        String langCookie = cookie(headers, LANG_COOKIE);
        boolean chosen = "en".equals(langQuery) || "zh".equals(langQuery);
        String lang = chosen ? langQuery : "en".equals(langCookie) ? "en" : "zh";
        Person.FromToken fromToken = tokenPerson();
        Person person = oidc ? fromToken.person() : person(personCookie).orElse(null);
        URI other = UriBuilder.fromUri(uri.getRequestUri()).replaceQueryParam("lang", "en".equals(lang) ? "zh" : "en")
                .build();
        String href = other.getRawPath() + (other.getRawQuery() == null ? "" : "?" + other.getRawQuery());
        return new Visit(person, lang, chosen, new Chrome(lang, href, person, devSignInOn(), oidc),
                "en".equals(lang) ? en : zh, fromToken.problems());
    }

    private static String cookie(HttpHeaders headers, String name) {
        Cookie cookie = headers.getCookies().get(name);
        return cookie == null ? null : cookie.getValue();
    }

    /** The page, rendered in the visit's language, with the language cookie when this request chose one. */
    public Response respond(Visit visit, int status, TemplateInstance page) {
        String html = page.setLocale(Locale.forLanguageTag(visit.lang())).render();
        Response.ResponseBuilder answer = Response.status(status).type("text/html; charset=UTF-8").entity(html);
        if (visit.langChosen()) {
            answer.cookie(new NewCookie.Builder(LANG_COOKIE).value(visit.lang()).path("/").maxAge(365 * 24 * 3600)
                    .sameSite(NewCookie.SameSite.LAX).build());
        }
        return answer.build();
    }

    /**
     * Not signed in: to the identity provider's sign-in ({@code /login}, OIDC on), to the development sign-in page, or,
     * with neither here, a page saying so (401). Signed in at the identity provider with claims that make no person:
     * 403 naming the claims (never back to the provider, which would sign the same user in again).
     */
    public Response signInFirst(Visit visit) {
        if (oidc && !visit.claimsProblems().isEmpty()) {
            return respond(visit, 403, Templates.notice(visit.chrome(),
                    visit.msg().tokenClaimsMissing(String.join(", ", visit.claimsProblems())), null, null));
        }
        if (oidc) {
            return Response.seeOther(URI.create(LOGIN)).build();
        }
        if (devSignInOn()) {
            return Response.seeOther(URI.create("/sign-in")).build();
        }
        return respond(visit, 401, Templates.notice(visit.chrome(), visit.msg().signInUnavailable(), null, null));
    }

    /** Signed in, but this page is another role's. */
    /**
     * The answer to a visit that may not see a page of {@code role}: sign in first (no person), 403 (another role); null
     * when the person has that role.
     */
    public Response refusedUnless(Visit visit, Role role) {
        if (visit.person() == null) {
            return signInFirst(visit);
        }
        return visit.person().role() != role ? notYourPage(visit) : null;
    }

    public Response notYourPage(Visit visit) {
        return respond(visit, 403, Templates.notice(visit.chrome(), visit.msg().notYourPage(), "/", visit.msg().portalTitle()));
    }

    /** A service's error as one sentence in the page's language. */
    public static String text(Msg msg, ServiceError e) {
        if (e.unreachable()) {
            return msg.errorUnreachable(e.service());
        }
        if (e.refused()) {
            String why = e.detail() != null ? e.detail() : e.title() != null ? e.title() : "";
            return msg.errorRefused(e.service(), e.status(), why);
        }
        return msg.errorService(e.service(), e.status());
    }

    /** The page's status for a service's error: its refusal as it is, any other failure 502 (a bad gateway). */
    public static int status(ServiceError e) {
        return e.refused() ? e.status() : 502;
    }

    /**
     * A reason typed in a form (a rejection, a withdrawal, a cancellation): stripped, or null when it is blank or longer
     * than {@code max} characters (the services' {@code @NotBlank @Size(max)}), so nothing is sent.
     */
    static String reason(String typed, int max) {
        if (typed == null || typed.isBlank()) {
            return null;
        }
        String stripped = typed.strip();
        return stripped.length() > max ? null : stripped;
    }
}
