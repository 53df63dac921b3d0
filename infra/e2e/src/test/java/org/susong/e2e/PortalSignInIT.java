package org.susong.e2e;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.http.ContentType;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.susong.infra.local.KeycloakProcess;
import org.susong.infra.local.PlatformProcesses;
import org.susong.infra.local.ServiceSpec;
import org.susong.infra.local.WebSpec;

/**
 * Issue 18 item 2 with the real identity provider: Keycloak (realm {@code infra/keycloak/susong-realm.json}, as
 * {@link IdentityIT} starts it), the applications service with bearer tokens on and the header stub off, and the portal
 * as {@code ./platform run --with-idp} starts it (OIDC on, the realm's {@code portal} client, the development sign-in
 * off). A demo applicant signs in through the authorization-code flow - the portal sends it to Keycloak, it posts
 * Keycloak's own login form, Keycloak sends it back with a code - and the portal shows its record, read from the
 * applications service with that user's access token (the service answers only a token of that applicant or an
 * officer). Sign-out ends the session at Keycloak: the next page asks for the password again. A client without
 * JavaScript (java.net.http, redirects followed by hand, cookies kept per host and port). Skipped, visibly, where no
 * JDK 21+ exists (Keycloak needs it).
 */
class PortalSignInIT {

    static PlatformProcesses platform;
    static KeycloakProcess.Settings idp;
    static List<ServiceSpec> services;
    static WebSpec portal;

    @BeforeAll
    static void start() throws Exception {
        Path root = Path.of(System.getProperty("susong.root", "../..")).toAbsolutePath().normalize();
        Optional<Path> jdk = KeycloakProcess.findJdk21();
        if (jdk.isEmpty()) {
            String message = "SKIPPED: portal sign-in through Keycloak (no JDK 21+)";
            System.out.println(message);
            Assumptions.abort(message);
        }
        Path home = KeycloakProcess.distributionDir(Path.of(System.getProperty("susong.keycloak.dir",
                root.resolve("infra/e2e/target/keycloak").toString())));
        assertTrue(Files.exists(home.resolve("bin/kc.sh")), "the e2e pom unpacks " + KeycloakProcess.ARTIFACT + " into " + home);
        Path state = Files.createTempDirectory("susong-portal-idp-e2e");
        // the portal's page here reads the applications service only: the other services are not started
        services = List.of(ServiceSpec.ALL.stream().filter(s -> s.name().equals("applications")).findFirst().orElseThrow()
                .onPort(PlatformProcesses.freePort()));
        PlatformProcesses.Options options = new PlatformProcesses.Options(root, state, "local",
                PlatformProcesses.freePort(), PlatformProcesses.freePort(), PlatformProcesses.freePort(),
                services, Duration.ofSeconds(180));
        idp = new KeycloakProcess.Settings(home, jdk.get(), PlatformProcesses.freePort(), PlatformProcesses.freePort(),
                state, root.resolve("infra/keycloak/susong-realm.json"));
        portal = BrowserJourneys.portal();
        platform = new PlatformProcesses(options, System.out::println).withIdentityProvider(idp)
                .withWebProcesses(List.of(portal));
        platform.start();
        assertEquals(List.of(portal), platform.webProcesses(), "--with-idp starts the portal");
        System.out.println("ready after: " + platform.readyMillis() + " ms; logs in " + options.logs());
    }

    @AfterAll
    static void stop() {
        E2ePlatforms.stop(platform);
    }

    /** A client without JavaScript: redirects followed by hand, each host and port's cookies kept apart. */
    static final class Browser {
        final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5)).build();
        final Map<String, Map<String, String>> cookies = new LinkedHashMap<>();

        HttpResponse<String> get(String url) throws Exception {
            return send(HttpRequest.newBuilder(URI.create(url)).GET(), url);
        }

        HttpResponse<String> post(String url, Map<String, String> form) throws Exception {
            String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
            return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)), url);
        }

        /** Follows redirects from {@code first} to the first answer that is none (at most 12). */
        HttpResponse<String> follow(HttpResponse<String> first) throws Exception {
            HttpResponse<String> r = first;
            for (int i = 0; i < 12 && r.statusCode() / 100 == 3; i++) {
                r = get(r.uri().resolve(r.headers().firstValue("Location").orElseThrow()).toString());
            }
            return r;
        }

        private HttpResponse<String> send(HttpRequest.Builder request, String url) throws Exception {
            URI uri = URI.create(url);
            Map<String, String> jar = cookies.computeIfAbsent(uri.getAuthority(), a -> new LinkedHashMap<>());
            if (!jar.isEmpty()) {
                request.header("Cookie", jar.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining("; ")));
            }
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            for (String set : response.headers().allValues("Set-Cookie")) {
                String pair = set.split(";", 2)[0];
                String name = pair.substring(0, pair.indexOf('=')).trim();
                String value = pair.substring(pair.indexOf('=') + 1).trim();
                if (value.isEmpty() || set.contains("Max-Age=0")) {
                    jar.remove(name);
                } else {
                    jar.put(name, value);
                }
            }
            return response;
        }
    }

    static final Pattern LOGIN_FORM = Pattern.compile("<form[^>]*id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"");

    static String loginAction(HttpResponse<String> page) {
        Matcher form = LOGIN_FORM.matcher(page.body());
        assertTrue(page.statusCode() == 200 && form.find(), "Keycloak's login form: " + page.statusCode() + " "
                + page.body().substring(0, Math.min(600, page.body().length())));
        return form.group(1).replace("&amp;", "&");
    }

    @Test
    void an_applicant_signs_in_at_keycloak_and_the_portal_shows_its_record_read_with_its_token() throws Exception {
        String uscc = "91350200MA31G8Q17K";
        String name = "Portal IdP E2E Enterprise";
        int applications = E2ePlatforms.port(services, "applications");
        // the applicant registers itself over REST with its own token (password grant of the demo client)
        given().port(applications).auth().oauth2(KeycloakProcess.userToken(idp, "applicant-huli"))
                .contentType(ContentType.JSON).body(Map.of("uscc", uscc, "name", name, "type", "ENTERPRISE",
                        "district", "Huli", "bankAccount", Map.of("accountName", name, "accountNumber", "6222000000000901",
                                "bankCode", "102393000019", "bankName", "ICBC Xiamen Branch")))
                .post("/applicants").then().statusCode(201);

        String base = "http://127.0.0.1:" + portal.port();
        Browser browser = new Browser();
        HttpResponse<String> devSignIn = browser.get(base + "/sign-in");
        assertEquals(404, devSignIn.statusCode(), "with OIDC on the development sign-in is not there");

        HttpResponse<String> record = browser.get(base + "/applicant/record");
        assertEquals(303, record.statusCode());
        assertTrue(record.headers().firstValue("Location").orElseThrow().endsWith("/login"), record.headers().toString());
        HttpResponse<String> login = browser.follow(record);
        assertTrue(login.uri().toString().startsWith(idp.issuer() + "/protocol/openid-connect/auth?"), login.uri().toString());
        assertTrue(login.uri().getQuery().contains("client_id=portal") && login.uri().getQuery().contains("code_challenge="),
                "the portal client, PKCE: " + login.uri());

        HttpResponse<String> back = browser.post(loginAction(login), Map.of("username", "applicant-huli",
                "password", idp.secrets().demoPassword(), "credentialId", ""));
        assertEquals(302, back.statusCode(), "Keycloak accepts the password: " + back.body());
        assertTrue(back.headers().firstValue("Location").orElseThrow().startsWith(base + "/login?"),
                "back to the portal with a code: " + back.headers().firstValue("Location"));
        HttpResponse<String> home = browser.follow(back);
        assertEquals(200, home.statusCode(), home.body());
        assertTrue(home.uri().getPath().equals("/applicant/applications"), "the token's role's page: " + home.uri());
        assertTrue(home.body().contains("applicant-huli"), "the signed-in user named on the page");
        assertFalse(home.body().contains("dev-banner"), "no development sign-in banner");

        HttpResponse<String> page = browser.get(base + "/applicant/record");
        assertEquals(200, page.statusCode(), page.body());
        assertTrue(page.body().contains(name) && page.body().contains(uscc),
                "the record the applications service answered to the applicant's token (its uscc claim): " + page.body());

        HttpResponse<String> out = browser.post(base + "/sign-out", Map.of());
        assertEquals(302, out.statusCode(), out.body());
        String endSession = out.headers().firstValue("Location").orElseThrow();
        assertTrue(endSession.startsWith(idp.issuer() + "/protocol/openid-connect/logout?") && endSession.contains("id_token_hint="),
                "RP-initiated logout at Keycloak: " + endSession);
        HttpResponse<String> afterLogout = browser.follow(out);
        assertTrue(afterLogout.uri().toString().startsWith(idp.issuer()), "after the portal's home, Keycloak asks again: "
                + afterLogout.uri());
        loginAction(afterLogout); // the session at Keycloak is over: its login form, not a code
        assertEquals(303, browser.get(base + "/applicant/record").statusCode(), "the portal's session is over too");
    }
}
