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
import java.util.Locale;
import java.util.Optional;
import org.susong.portal.client.ServiceError;
import org.susong.portal.config.PortalConfig;
import org.susong.portal.domain.Person;

/**
 * What every page does the same way: whom it acts for (the development sign-in's cookie, read only while that sign-in
 * is on), its language (Chinese unless {@code ?lang=en} or the {@code lang} cookie says English), and how a service's
 * error reads.
 */
@ApplicationScoped
public class Pages {

    /** The development sign-in's cookie: the person, base64url (see {@link Person#encode()}). */
    public static final String PERSON_COOKIE = "susong_person";
    /** The chosen language, kept for later pages. */
    public static final String LANG_COOKIE = "lang";

    /** One request's person, language and words. */
    public record Visit(Person person, String lang, boolean langChosen, Chrome chrome, Msg msg) {

        public Optional<Person> signedIn() {
            return Optional.ofNullable(person);
        }
    }

    private final PortalConfig config;
    private final Msg zh;
    private final Msg en;

    Pages(PortalConfig config, Msg zh, @Localized("en") Msg en) {
        this.config = config;
        this.zh = zh;
        this.en = en;
    }

    public boolean devSignInOn() {
        return config.devSignIn();
    }

    /**
     * The person of the cookie while the development sign-in is on; with it off (prod) the cookie is ignored, so a
     * forged one makes no one and nothing is sent to the services in anyone's name.
     */
    public Optional<Person> person(String cookie) {
        return config.devSignIn() ? Person.decode(cookie) : Optional.empty();
    }

    public Visit visit(UriInfo uri, HttpHeaders headers) {
        String personCookie = cookie(headers, PERSON_COOKIE);
        String langQuery = uri.getQueryParameters().getFirst("lang");
        String langCookie = cookie(headers, LANG_COOKIE);
        boolean chosen = "en".equals(langQuery) || "zh".equals(langQuery);
        String lang = chosen ? langQuery : "en".equals(langCookie) ? "en" : "zh";
        Person person = person(personCookie).orElse(null);
        URI other = UriBuilder.fromUri(uri.getRequestUri()).replaceQueryParam("lang", "en".equals(lang) ? "zh" : "en")
                .build();
        String href = other.getRawPath() + (other.getRawQuery() == null ? "" : "?" + other.getRawQuery());
        return new Visit(person, lang, chosen, new Chrome(lang, href, person, config.devSignIn()),
                "en".equals(lang) ? en : zh);
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

    /** Not signed in: to the sign-in page, or, without one here, a page saying so (401). */
    public Response signInFirst(Visit visit) {
        if (config.devSignIn()) {
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
}
