package org.susong.portal.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.susong.portal.domain.District;

/**
 * The portal in the {@code prod} configuration profile itself (every {@code %prod.} entry, no {@code %test.} one):
 * the development sign-in is off, its page answers 404, signing in sets no cookie, and a cookie made elsewhere is no
 * one - nothing reaches the services in its name; the sign-in is the identity provider's (OIDC on in prod; here the
 * {@link FakeIdentityProvider}'s URL and secret, the rest of the prod configuration as it is).
 */
@QuarkusTest
@TestProfile(ProdSignInTest.Prod.class)
@WithTestResource(DownstreamFake.class)
@WithTestResource(FakeIdentityProvider.class)
class ProdSignInTest {

    public static class Prod implements QuarkusTestProfile {
        @Override
        public String getConfigProfile() {
            return "prod";
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.test-port", "0");
        }
    }

    @Test
    void the_sign_in_page_is_not_there() {
        given().when().get("/sign-in").then().statusCode(404)
                .body(containsString("此环境未开放开发登录"), containsString("href=\"/login\""));
    }

    @Test
    void signing_in_sets_no_cookie() {
        Response refused = given().redirects().follow(false).formParam("role", "admin").formParam("user", "intruder")
                .formParam("district", "HULI").when().post("/sign-in");
        assertEquals(404, refused.statusCode());
        assertEquals(null, refused.getCookie(Pages.PERSON_COOKIE));
    }

    @Test
    void a_cookie_forged_for_an_officer_is_no_one_and_nothing_is_asked_in_its_name() {
        SignedIn.as(SignedIn.officer("forged-officer", District.HULI)).when().get("/officer/applications").then()
                .statusCode(303).header("Location", endsWith(Pages.LOGIN));
        SignedIn.as(SignedIn.officer("forged-officer", District.HULI)).when().get("/officer/applications.csv").then()
                .statusCode(303).header("Location", endsWith(Pages.LOGIN));
        assertFalse(SignedIn.downstreamRequests().contains("forged-officer"), SignedIn.downstreamRequests());
    }
}
