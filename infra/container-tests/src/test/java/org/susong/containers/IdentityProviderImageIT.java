package org.susong.containers;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.susong.testing.Principals;

/**
 * The identity provider's image (infra/docker/build-keycloak-image.sh) with a service image in OIDC mode, as
 * docker-compose.local.yml runs them: Keycloak imports the realm of infra/keycloak at start and issues a demo user's
 * token on its published port with the issuer {@value ContainerPlatform#ISSUER} (its --hostname), which the service,
 * on the same network, verifies; the header stub is off, so headers alone are nobody.
 */
class IdentityProviderImageIT {

    /** One service is enough to prove the wiring (each service takes the same commons configuration). */
    static final String SERVICE = "tech-contracts";
    static ContainerPlatform platform;

    @RegisterExtension
    static final ContainerPlatform.LogsOnFailure LOGS = new ContainerPlatform.LogsOnFailure();

    @BeforeAll
    static void start() throws Exception {
        platform = new ContainerPlatform(List.of(SERVICE)).withIdentityProvider().start();
        platform.reportReadyTimes("identity provider and " + SERVICE + " (one at a time)", "container-ready-times-idp.txt",
                String.format("%nkeycloak          resident %d MB after start", platform.keycloakResidentMegabytes()));
    }

    @AfterAll
    static void stop() {
        LOGS.close(platform);
    }

    @Test
    void a_demo_users_token_is_accepted_and_headers_without_one_answer_401() {
        String token = platform.token("admin-huli");
        String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        // asked for on the published port, issued for the address the service verifies against
        assertTrue(payload.contains("\"iss\":\"" + ContainerPlatform.ISSUER + "\""), payload);

        given().baseUri(platform.baseUri(SERVICE)).auth().oauth2(token).get("/admin/audit").then().statusCode(200)
                .body("service", equalTo(SERVICE));
        given().baseUri(platform.baseUri(SERVICE)).get("/admin/audit").then().statusCode(401)
                .contentType(containsString("application/problem+json"));
        // the header stub's headers, which the local profile would take without the identity provider
        given().baseUri(platform.baseUri(SERVICE))
                .headers(Principals.withRoles("forger", Principals.ADMIN, Principals.AUDITOR).inDistrict(Principals.HULI).headers())
                .get("/admin/audit").then().statusCode(401)
                .contentType(containsString("application/problem+json"));
        // a real user without the role: 403, so the 200 above came from the token's roles
        given().baseUri(platform.baseUri(SERVICE)).auth().oauth2(platform.token("applicant-huli")).get("/admin/audit")
                .then().statusCode(403);
    }
}
