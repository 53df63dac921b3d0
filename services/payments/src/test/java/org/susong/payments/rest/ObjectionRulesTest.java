package org.susong.payments.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.susong.testing.ContractValidation;
import org.susong.testing.LocalInfraTestResource;
import org.susong.payments.application.OrderService;
import org.susong.payments.domain.OrderState;
import org.susong.payments.domain.PaymentOrder;

/**
 * Issue 23 item 7, objections during public notice: anyone may object, but the objector's identity is visible only
 * to officers; a hold is resolved by an officer of the order's district who is not the objector; the same person's
 * objection to the same order after a dismissal needs new grounds.
 */
@QuarkusTest
@ExtendWith(ContractValidation.class)
@WithTestResource(LocalInfraTestResource.class)
class ObjectionRulesTest extends ProcessorSteps {

    /** A Huli order waiting for approval, the processor paused so that only the test moves it. */
    String order() {
        pause();
        String app = Fixtures.app("APP-OB");
        orders.onApprovedDecision(new OrderService.ApprovedDecision(UUID.randomUUID().toString(), "h-" + app, "D-" + app, app,
                Fixtures.USCC, "B3a", 2025, "HULI", 150_000_000));
        approvals.endNotices();
        return PaymentOrder.idFor("D-" + app);
    }

    static RequestSpecification huliOfficer(String user) {
        return given().header("X-User", user).header("X-Roles", "officer").header("X-District", "Huli");
    }

    static String object(RequestSpecification who, String id, String reason) {
        return who.contentType("application/json").body("{\"reason\":\"" + reason + "\"}").post("/payments/" + id + "/objections")
                .then().statusCode(200).extract().path("hold.id");
    }

    static io.restassured.response.ValidatableResponse resolve(RequestSpecification who, String id, String hold, String outcome) {
        return who.contentType("application/json").body("{\"outcome\":\"" + outcome + "\"}")
                .post("/payments/" + id + "/holds/" + hold + "/resolution").then();
    }

    @Test
    void the_objectors_identity_is_visible_only_to_officers() {
        String id = order();
        object(Fixtures.officer("finance-9"), id, "the enterprise moved away");
        Fixtures.officer("finance-1").get("/payments/" + id).then().statusCode(200).body("hold.by", nullValue())
                .body("hold.reason", equalTo("the enterprise moved away"));
        given().header("X-User", "applicant-1").header("X-Roles", "applicant").header("X-Acting-For", Fixtures.USCC)
                .get("/payments/" + id).then().statusCode(200).body("hold.by", nullValue());
        huliOfficer("officer-h2").get("/payments/" + id).then().statusCode(200).body("hold.by", equalTo("finance-9"));
    }

    @Test
    void a_hold_is_resolved_by_an_officer_of_the_orders_district_who_is_not_the_objector() {
        String id = order();
        String hold = object(huliOfficer("officer-h1"), id, "a related party");
        resolve(Fixtures.officer("finance-1"), id, hold, "DISMISSED").statusCode(403);
        resolve(given().header("X-User", "officer-s1").header("X-Roles", "officer").header("X-District", "Siming"), id, hold,
                "DISMISSED").statusCode(404);
        resolve(huliOfficer("officer-h1"), id, hold, "DISMISSED").statusCode(409);
        resolve(huliOfficer("officer-h2"), id, hold, "DISMISSED").statusCode(200).body("state", equalTo("AWAITING_APPROVAL"));
    }

    @Test
    void an_officer_of_another_district_resolves_no_hold_even_with_a_city_wide_role_or_acting_for_the_beneficiary() {
        String id = order();
        String hold = object(huliOfficer("officer-h1"), id, "a related party");
        // an officer of Siming who is also finance (city-wide) or acts for the beneficiary's USCC: not the order's district
        resolve(given().header("X-User", "officer-s2").header("X-Roles", "officer,finance").header("X-District", "Siming"),
                id, hold, "UPHELD").statusCode(404);
        resolve(given().header("X-User", "officer-s3").header("X-Roles", "officer,applicant").header("X-District", "Siming")
                .header("X-Acting-For", Fixtures.USCC), id, hold, "UPHELD").statusCode(404);
        assertEquals(OrderState.ON_HOLD, orders.find(id).orElseThrow().state(), "nobody outside Huli decided the hold");
    }

    @Test
    void a_repeated_objection_by_the_same_person_after_a_dismissal_needs_new_grounds() {
        String id = order();
        String first = object(Fixtures.officer("finance-9"), id, "the enterprise moved away");
        resolve(huliOfficer("officer-h2"), id, first, "DISMISSED").statusCode(200);
        // the same grounds again (spelled a little differently) hold nothing
        Fixtures.officer("finance-9").contentType("application/json").body("{\"reason\":\"  The enterprise  moved away \"}")
                .post("/payments/" + id + "/objections").then().statusCode(409).contentType("application/problem+json");
        // another person may raise them; the same person with new grounds too
        String second = object(Fixtures.officer("finance-8"), id, "the enterprise moved away");
        resolve(huliOfficer("officer-h2"), id, second, "DISMISSED").statusCode(200);
        object(Fixtures.officer("finance-9"), id, "its 2025 audit report is forged");
    }
}
