package org.susong.eligibility.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;
import org.susong.infra.local.LocalInfraTestResource;
import org.susong.infra.local.OidcTestProfile;
import org.susong.infra.local.TestTokens;

/**
 * Issue 13 (bad input): the service runs as in production, verifying bearer tokens with quarkus-oidc.
 * A missing, expired, foreign-signed or wrong-audience token and a forged header are 401 problem+json;
 * a valid token without the role is 403; with it, 200.
 */
@QuarkusTest
@TestProfile(OidcTestProfile.class)
@WithTestResource(LocalInfraTestResource.class)
class BearerTokenTest {

    private static final String MEASURES = "/measures";

    @Test
    void no_token_is_401_problem_with_a_bearer_challenge() {
        given().get(MEASURES).then().statusCode(401)
                .contentType(startsWith("application/problem+json"))
                .header("WWW-Authenticate", "Bearer");
    }

    @Test
    void a_forged_development_header_is_ignored_outside_the_stub() {
        given().header("X-User", "finance-1").header("X-Roles", "admin,finance").get(MEASURES).then().statusCode(401);
        given().header("X-User", "finance-1").header("X-Roles", "admin")
                .contentType("application/json").body("{}")
                .post("/admin/seed").then().statusCode(401);
    }

    @Test
    void expired_foreign_and_misaddressed_tokens_are_401() {
        bearer(TestTokens.subject("officer-1").roles("officer").district("Huli").expired().sign()).statusCode(401);
        bearer(TestTokens.subject("officer-1").roles("officer").district("Huli").signedByAnotherKey().sign())
                .statusCode(401);
        bearer(TestTokens.subject("officer-1").roles("officer").district("Huli").audience("another-api").sign())
                .statusCode(401);
        bearer(TestTokens.subject("officer-1").roles("officer").district("Huli").issuer("https://elsewhere").sign())
                .statusCode(401);
        bearer("not-a-token").statusCode(401);
    }

    @Test
    void a_valid_token_is_accepted_and_its_roles_are_checked() {
        bearer(TestTokens.subject("officer-1").roles("officer").district("Huli").sign()).statusCode(200);
        given().header("Authorization", "Bearer " + TestTokens.subject("officer-1").roles("officer").sign())
                .contentType("application/json").body("{}")
                .post("/admin/seed").then().statusCode(403)
                .contentType(startsWith("application/problem+json")).body("status", equalTo(403));
    }

    private static io.restassured.response.ValidatableResponse bearer(String token) {
        return given().header("Authorization", "Bearer " + token).get(MEASURES).then();
    }
}
