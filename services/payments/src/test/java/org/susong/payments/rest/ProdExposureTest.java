package org.susong.payments.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.vertx.http.HttpServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.susong.testing.LocalInfraTestResource;
import org.susong.testing.ProdTestProfile;

/**
 * Issue 23 item 12: what the service exposes in the {@code prod} profile. The public port serves the API only:
 * no OpenAPI document, no Swagger UI, no health and no metrics; health and metrics are on the management
 * interface (its own port, for the orchestrator and the metrics scraper). The configuration is shared by the
 * five services (commons' microprofile-config.properties), so one service's test covers it.
 */
@QuarkusTest
@TestProfile(ProdTestProfile.class)
@WithTestResource(LocalInfraTestResource.class)
class ProdExposureTest {

    @Inject
    HttpServer server;

    @Test
    void openapi_and_swagger_ui_are_not_served_on_the_public_port() {
        given().get("/q/openapi").then().statusCode(404);
        given().get("/q/openapi?format=json").then().statusCode(404);
        given().get("/q/swagger-ui").then().statusCode(404);
        given().get("/q/swagger-ui/").then().statusCode(404);
    }

    @Test
    void health_and_metrics_are_on_the_management_port_only() {
        given().get("/q/health/ready").then().statusCode(404);
        given().get("/q/health/live").then().statusCode(404);
        given().get("/q/metrics").then().statusCode(404);

        int management = server.getManagementPort();
        assertTrue(management > 0 && management != server.getPort(),
                "the management interface listens on its own port, got " + management + " (public " + server.getPort() + ")");
        given().port(management).get("/q/health/live").then().statusCode(200).body(containsString("\"UP\""));
        given().port(management).get("/q/health/ready").then().statusCode(200).body(containsString("\"UP\""));
        given().port(management).get("/q/metrics").then().statusCode(200).body(containsString("jvm_"));
        // nor does the management interface publish the API document
        given().port(management).get("/q/openapi").then().statusCode(404);
    }
}
