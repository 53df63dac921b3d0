package org.susong.eligibility.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.susong.commons.messaging.Outbox;
import org.susong.eligibility.application.DecisionService;
import org.susong.eligibility.persistence.DecisionRepository;
import org.susong.testing.ContractValidation;
import org.susong.testing.LocalInfraTestResource;
import org.susong.testing.OidcTestProfile;
import org.susong.testing.TestTokens;

/**
 * Issue 13 (bad input): the service runs as in production, verifying bearer tokens with quarkus-oidc.
 * A missing, expired, foreign-signed or wrong-audience token and a forged header are 401 problem+json;
 * a valid token without the role is 403; with it, 200. None of the refused calls changes anything: they
 * are sent to an officer's decision on an open review, which is read before and after.
 */
@QuarkusTest
@ExtendWith(ContractValidation.class)
@TestProfile(OidcTestProfile.class)
@WithTestResource(LocalInfraTestResource.class)
class BearerTokenTest {

    private static final String MEASURES = "/measures";
    private static final String REJECTION = "{\"outcome\":\"REJECTED\",\"reason\":\"not plausible\"}";

    @Inject
    DecisionService decisions;
    @Inject
    DecisionRepository repository;

    /** A B3a decision of Huli awaiting an officer (its amount is above the automatic limit); its decision id. */
    String openReview() {
        String app = "APP-BT-" + UUID.randomUUID().toString().substring(0, 8);
        decisions.decide(new DecisionService.Submission(UUID.randomUUID().toString(), "hash-" + app, app,
                "91350206MA00BTK001", "B3a", "HULI", Map.of("projectNumber", "P-" + app, "projectName", "x",
                "resultSource", "MAJOR_SCIENCE_2030", "investmentInXiamenFen", 30_000_000_000L), null));
        return "D-" + app;
    }

    /** The decision as stored, without the outbox the relay empties on its own time. */
    String stored(String decisionId) {
        Document d = repository.find(decisionId).orElseThrow();
        d.remove(Outbox.FIELD);
        d.remove(Outbox.LEASE_FIELD);
        return d.toJson();
    }

    /** An officer's decision on the review with this token: refused with {@code status}, problem+json. */
    private static void refusedDecision(String token, String decisionId, int status) {
        given().header("Authorization", "Bearer " + token).contentType("application/json").body(REJECTION)
                .post("/reviews/" + decisionId + "/decision").then().statusCode(status)
                .contentType(startsWith("application/problem+json")).body("status", equalTo(status));
    }

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
        // an officer's headers on an officer's write: 401 problem+json, and the review is as it was
        String review = openReview();
        String before = stored(review);
        given().header("X-User", "officer-1").header("X-Roles", "officer").header("X-District", "Huli")
                .contentType("application/json").body(REJECTION).post("/reviews/" + review + "/decision").then()
                .statusCode(401).contentType(startsWith("application/problem+json"));
        assertEquals(before, stored(review), "a forged header changed the decision");
    }

    @Test
    void expired_foreign_and_misaddressed_tokens_are_401() {
        List<String> refused = List.of(
                TestTokens.subject("officer-1").roles("officer").district("Huli").expired().sign(),
                TestTokens.subject("officer-1").roles("officer").district("Huli").signedByAnotherKey().sign(),
                TestTokens.subject("officer-1").roles("officer").district("Huli").audience("another-api").sign(),
                TestTokens.subject("officer-1").roles("officer").district("Huli").issuer("https://elsewhere").sign(),
                "not-a-token");
        for (String token : refused) {
            bearer(token).statusCode(401).contentType(startsWith("application/problem+json"));
        }
        // the same tokens on a write: each refused, and the review is as it was
        String review = openReview();
        String before = stored(review);
        for (String token : refused) {
            refusedDecision(token, review, 401);
            assertEquals(before, stored(review), "a call with a refused token changed the decision");
        }
        // a valid token without the officer's role: 403, nothing changed either
        refusedDecision(TestTokens.subject("huli-enterprise").roles("applicant").uscc("91350206MA00BTK001").sign(),
                review, 403);
        refusedDecision(TestTokens.subject("auditor-1").roles("auditor").sign(), review, 403);
        assertEquals(before, stored(review), "a call without the role changed the decision");
        // while the same call with a valid officer's token decides it: the refusals above could have changed it
        given().header("Authorization", "Bearer " + TestTokens.subject("officer-1").roles("officer").district("Huli").sign())
                .contentType("application/json").body(REJECTION).post("/reviews/" + review + "/decision").then()
                .statusCode(200).body("outcome", equalTo("REJECTED"));
        assertNotEquals(before, stored(review));
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
