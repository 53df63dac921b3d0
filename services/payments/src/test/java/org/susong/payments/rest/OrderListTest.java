package org.susong.payments.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.susong.testing.LocalInfraTestResource;
import org.junit.jupiter.api.extension.ExtendWith;
import org.susong.testing.ContractValidation;

/**
 * Issue 24: payment orders are listed without an application id - by state, budget line, district, measure,
 * beneficiary and creation date - in the commons envelope, and a district officer's list holds its own district's
 * orders only, whatever it asks for (issue 13's rule, kept in the query). B1 2026 decisions of 10,000 CNY; the
 * fixtures' district is HULI, one order here is SIMING's. Business date 2026-06-15 (%test clock).
 */
@QuarkusTest
@ExtendWith(ContractValidation.class)
@WithTestResource(LocalInfraTestResource.class)
class OrderListTest {

    static RequestSpecification finance() {
        return given().header("X-User", "finance-list").header("X-Roles", "finance");
    }

    static RequestSpecification officer(String district) {
        return given().header("X-User", "officer-list").header("X-Roles", "officer").header("X-District", district);
    }

    static void decide(String app, String district) {
        Fixtures.publish("eligibility.events", "susong.eligibility.EligibilityDecided.v1", "D-" + app,
                Fixtures.decision(app, "APPROVED", "B1", 2026, 1_000_000, null)
                        .replace("\"district\":\"HULI\"", "\"district\":\"" + district + "\""));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> finance().queryParam("applicationId", app)
                .get("/payments").then().statusCode(200).body("items", hasSize(1)));
    }

    @Test
    void orders_are_listed_by_filters_without_an_application_and_only_in_the_officers_district() {
        String huli = Fixtures.app("LH");
        String siming = Fixtures.app("LS");
        decide(huli, "HULI");
        decide(siming, "SIMING");
        String huliOrder = "PO-D-" + huli;
        String simingOrder = "PO-D-" + siming;

        // finance: both, by district in any case; the district answered as its code
        finance().queryParam("measure", "B1").queryParam("district", "siming").queryParam("limit", 200).get("/payments")
                .then().statusCode(200).body("items.id", hasItem(simingOrder)).body("items.id", not(hasItem(huliOrder)))
                .body("items.district", everyItem(equalTo("SIMING")));
        finance().queryParam("applicationId", huli).queryParam("budgetLine", "2026:B1").get("/payments").then()
                .statusCode(200).body("items.id", equalTo(java.util.List.of(huliOrder)));
        finance().queryParam("applicationId", huli).queryParam("budgetLine", "2025:B1").get("/payments").then()
                .statusCode(200).body("items", hasSize(0));
        // no payee snapshot: the processor moves the order on until it waits for one; a state read while it still moves
        // could be gone by the next request
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> finance().queryParam("applicationId", huli)
                .get("/payments").then().statusCode(200).body("items[0].state", equalTo("AWAITING_PAYEE")));
        String state = "AWAITING_PAYEE";
        finance().queryParam("applicationId", huli).queryParam("state", state.toLowerCase()).get("/payments").then()
                .statusCode(200).body("items", hasSize(1));
        String other = "SETTLED".equals(state) ? "RESERVING" : "SETTLED";
        finance().queryParam("applicationId", huli).queryParam("state", other).get("/payments").then()
                .statusCode(200).body("items", hasSize(0));
        finance().queryParam("state", "PAID-ISH").get("/payments").then().statusCode(400).body("field", equalTo("state"));
        // created on the business date
        finance().queryParam("applicationId", huli).queryParam("from", "2026-06-15").queryParam("to", "2026-06-15")
                .get("/payments").then().statusCode(200).body("items", hasSize(1));
        finance().queryParam("applicationId", huli).queryParam("to", "2026-06-14").get("/payments").then()
                .statusCode(200).body("items", hasSize(0));

        // a Huli officer: Huli's order, never Siming's - not even when it asks for Siming or for the application
        officer("huli").queryParam("measure", "B1").queryParam("limit", 200).get("/payments").then().statusCode(200)
                .body("items.id", hasItem(huliOrder)).body("items.id", not(hasItem(simingOrder)))
                .body("items.district", everyItem(equalTo("HULI")));
        officer("Huli").queryParam("district", "SIMING").get("/payments").then().statusCode(200)
                .body("items", hasSize(0));
        officer("HULI").queryParam("applicationId", siming).get("/payments").then().statusCode(200)
                .body("items", hasSize(0));
        officer("Gulangyu").get("/payments").then().statusCode(400).body("field", equalTo("district"));
        finance().queryParam("applicant", "x").queryParam("fromDate", "2026-01-01").get("/payments").then()
                .statusCode(400).body("field", equalTo("fromDate"));
    }

    @Test
    void the_published_notice_list_pages_in_the_envelope() {
        Fixtures.officer("finance-1").queryParam("limit", 1).get("/payments/notices").then().statusCode(200)
                .body("limit", equalTo(1)).body("items.size()", org.hamcrest.Matchers.lessThanOrEqualTo(1));
    }
}
