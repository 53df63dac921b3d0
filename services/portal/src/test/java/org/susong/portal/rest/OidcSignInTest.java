package org.susong.portal.rest;

import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.susong.portal.domain.District;

/**
 * Issue 18 item 2: the identity provider's sign-in (OIDC authorization-code flow against {@link FakeIdentityProvider})
 * in the test profile, where the development sign-in is also configured on: OIDC wins, so the development sign-in's
 * pages answer 404 and its cookie is ignored; the signed-in user's person comes from its access token's claims, the
 * services receive that token as {@code Authorization: Bearer} and none of the header stub; sign-out ends the session at
 * the provider.
 */
@QuarkusTest
@TestProfile(OidcSignInTest.Oidc.class)
@WithTestResource(DownstreamFake.class)
@WithTestResource(FakeIdentityProvider.class)
class OidcSignInTest {

    public static class Oidc implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // also in its %test form: commons' profiled default (off in test) wins over a plain key
            return Map.of("quarkus.oidc.tenant-enabled", "true", "%test.quarkus.oidc.tenant-enabled", "true",
                    "susong.portal.dev-sign-in", "true");
        }
    }

    /** A browser without JavaScript: follows redirects by hand (portal and provider), keeping the portal's cookies. */
    static final class Browser {
        final Map<String, String> cookies = new LinkedHashMap<>();
        final List<String> visited = new ArrayList<>();

        Response get(String url) {
            return keep(RestAssured.given().urlEncodingEnabled(false).redirects().follow(false).cookies(cookies).get(url));
        }

        Response post(String url) {
            return keep(RestAssured.given().urlEncodingEnabled(false).redirects().follow(false).cookies(cookies).post(url));
        }

        /** Follows {@code first}'s redirects to the first answer that is none (at most 12). */
        Response follow(Response first) {
            Response r = first;
            for (int i = 0; i < 12 && r.statusCode() / 100 == 3; i++) {
                visited.add(r.header("Location"));
                r = get(r.header("Location"));
            }
            return r;
        }

        private Response keep(Response r) {
            for (String set : r.headers().getValues("Set-Cookie")) {
                String pair = set.split(";", 2)[0];
                String name = pair.substring(0, pair.indexOf('=')).trim();
                String value = pair.substring(pair.indexOf('=') + 1).trim();
                if (value.isEmpty() || set.contains("Max-Age=0")) {
                    cookies.remove(name);
                } else {
                    cookies.put(name, value);
                }
            }
            return r;
        }
    }

    static Browser signedIn(Map<String, Object> user) {
        FakeIdentityProvider.nextUser = user;
        Browser browser = new Browser();
        Response page = browser.get("/officer/applications");
        assertEquals(303, page.statusCode(), "not signed in: to the identity provider's sign-in");
        assertTrue(page.header("Location").endsWith(Pages.LOGIN), page.header("Location"));
        Response login = browser.get(page.header("Location"));
        assertEquals(302, login.statusCode(), login.asString());
        String authorize = login.header("Location");
        assertTrue(authorize.contains("/realms/susong/protocol/openid-connect/auth?"), authorize);
        assertTrue(authorize.contains("client_id=portal") && authorize.contains("response_type=code")
                && authorize.contains("code_challenge_method=S256"), "the code flow with PKCE: " + authorize);
        browser.follow(login);
        return browser;
    }

    @Test
    void an_officer_signs_in_at_the_provider_and_its_page_is_read_with_its_access_token_and_no_stub() {
        Browser officer = signedIn(FakeIdentityProvider.officerHuli());
        String token = FakeIdentityProvider.accessTokens.get(FakeIdentityProvider.accessTokens.size() - 1);

        Response home = officer.get("/");
        assertEquals(303, home.statusCode(), home.asString());
        assertTrue(home.header("Location").endsWith("/officer/applications"), "the token's role: " + home.header("Location"));
        officer.get("/officer/applications").then().statusCode(200)
                .body(containsString("officer-huli"), containsString("湖里区"))
                .body(org.hamcrest.Matchers.not(containsString("开发登录")));

        String asked = SignedIn.downstreamRequests();
        String line = asked.lines().filter(l -> l.contains("Authorization=Bearer " + token)).findFirst().orElse("");
        assertTrue(line.startsWith("GET /applications?") && line.contains("district=HULI"),
                "the officer's list, its district from the token's claim, with its token: " + asked);
        assertTrue(line.contains("X-User=null X-Roles=null X-District=null X-Acting-For=null"), "no header stub: " + line);
    }

    @Test
    void the_development_sign_in_is_off_while_oidc_is_on_and_its_cookie_is_no_one() {
        RestAssured.given().when().get("/sign-in").then().statusCode(404).body(containsString("此环境未开放开发登录"));
        Response refused = RestAssured.given().redirects().follow(false).formParam("role", "admin")
                .formParam("user", "intruder").formParam("district", "HULI").when().post("/sign-in");
        assertEquals(404, refused.statusCode());
        assertNull(refused.getCookie(Pages.PERSON_COOKIE));

        Response forged = SignedIn.as(SignedIn.officer("cookie-officer", District.HULI)).when().get("/officer/applications");
        assertEquals(303, forged.statusCode());
        assertTrue(forged.header("Location").endsWith(Pages.LOGIN), forged.header("Location"));
        assertFalse(SignedIn.downstreamRequests().contains("cookie-officer"), SignedIn.downstreamRequests());
    }

    @Test
    void sign_out_ends_the_session_at_the_provider_and_the_next_page_asks_for_a_sign_in_again() {
        Browser officer = signedIn(FakeIdentityProvider.officerHuli());
        int before = FakeIdentityProvider.logouts.size();

        Response out = officer.post("/sign-out");
        assertEquals(302, out.statusCode(), out.asString());
        String endSession = out.header("Location");
        assertTrue(endSession.contains("/realms/susong/protocol/openid-connect/logout?"), endSession);
        assertTrue(endSession.contains("id_token_hint="), "RP-initiated logout names the session's ID token: " + endSession);
        assertTrue(endSession.contains("post_logout_redirect_uri="), endSession);
        Response back = officer.get(endSession);
        assertEquals(302, back.statusCode());
        assertTrue(back.header("Location").matches("http://localhost:\\d+/"), "back to the portal's home: " + back.header("Location"));

        assertEquals(before + 1, FakeIdentityProvider.logouts.size(), "the provider was told");
        assertTrue(officer.cookies.keySet().stream().noneMatch(c -> c.startsWith("q_session")),
                "the session cookie is dropped: " + out.headers().getValues("Set-Cookie") + " " + officer.cookies.keySet());
        Response again = officer.get("/officer/applications");
        assertEquals(303, again.statusCode());
        assertTrue(again.header("Location").endsWith(Pages.LOGIN), again.header("Location"));
    }

    @Test
    void an_applicant_is_its_tokens_uscc_and_a_user_whose_claims_make_no_person_is_told_which() {
        Browser applicant = signedIn(Map.of("sub", "applicant-huli", "district", "Huli", "uscc", SignedIn.USCC,
                "realm_access", Map.of("roles", List.of("default-roles-susong", "applicant"))));
        Response home = applicant.get("/");
        assertTrue(home.header("Location").endsWith("/applicant/applications"), home.header("Location"));
        applicant.get("/applicant/applications").then().statusCode(200).body(containsString(SignedIn.USCC));
        assertTrue(SignedIn.downstreamRequests().contains("applicant=" + SignedIn.USCC), SignedIn.downstreamRequests());

        Browser noDistrict = signedIn(Map.of("sub", "officer-nowhere",
                "realm_access", Map.of("roles", List.of("officer"))));
        noDistrict.get("/officer/applications").then().statusCode(403).body(containsString("district"));
    }
}
