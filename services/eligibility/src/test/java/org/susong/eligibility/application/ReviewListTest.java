package org.susong.eligibility.application;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.susong.eligibility.persistence.DecisionRepository;
import org.susong.testing.LocalInfraTestResource;
import org.junit.jupiter.api.extension.ExtendWith;
import org.susong.testing.ContractValidation;

/**
 * Issue 24: the review queue is a list like every other - the commons envelope, keyset-paged, filtered by
 * district (in any case, from the query or the officer's X-District), applicant and decision dates - and a
 * district or a parameter that is not one is a 400 naming it, never an empty list. B3a at 10% of 300,000,000 CNY
 * (30,000,000 CNY) is above the automatic limit, so each decision here waits for an officer. Business date
 * 2026-06-15 (%test clock).
 */
@QuarkusTest
@ExtendWith(ContractValidation.class)
@WithTestResource(LocalInfraTestResource.class)
class ReviewListTest {

    @Inject
    DecisionService decisions;
    @Inject
    DecisionRepository repository;

    String review(String district, String uscc) {
        String app = CapsAndReviewsTest.app("RL");
        decisions.decide(CapsAndReviewsTest.submission(app, uscc, "B3a", district, Map.of("projectNumber", "P-" + app,
                "projectName", "x", "resultSource", "MAJOR_SCIENCE_2030", "investmentInXiamenFen", 30_000_000_000L)));
        var decided = repository.findLatest(app).orElseThrow();
        assertEquals("REVIEW_REQUIRED", decided.getString("outcome"));
        return decided.getString("_id");
    }

    static RequestSpecification officer(String district) {
        return given().header("X-User", "rl-officer").header("X-Roles", "officer").header("X-District", district);
    }

    static RequestSpecification auditor() {
        return given().header("X-User", "rl-auditor").header("X-Roles", "auditor");
    }

    @Test
    void districts_are_read_in_any_case_and_answered_as_their_code() {
        String uscc = CapsAndReviewsTest.uscc();
        String id = review("HULI", uscc);
        for (String form : new String[] {"Huli", "huli", "HULI", "湖里区"}) {
            auditor().queryParam("district", form).queryParam("applicant", uscc).get("/reviews").then().statusCode(200)
                    .body("items.decisionId", hasItem(id)).body("items.district", everyItem(equalTo("HULI")));
        }
        // a header carries ASCII only (the token's claim may be 湖里区)
        for (String form : new String[] {"Huli", "huli", "HULI"}) {
            officer(form).queryParam("applicant", uscc).get("/reviews").then().statusCode(200)
                    .body("items.decisionId", hasItem(id)).body("items.district", everyItem(equalTo("HULI")));
        }
        officer("Siming").queryParam("applicant", uscc).get("/reviews").then().statusCode(200)
                .body("items", hasSize(0));
    }

    @Test
    void a_district_that_is_none_is_refused_naming_it() {
        auditor().queryParam("district", "Gulangyu").get("/reviews").then().statusCode(400)
                .body("field", equalTo("district"));
        officer("Gulangyu").get("/reviews").then().statusCode(400)
                .body("field", equalTo("district"));
    }

    @Test
    void an_unknown_parameter_is_refused_naming_it_not_ignored() {
        auditor().queryParam("form", "2030-01-01").get("/reviews").then().statusCode(400)
                .body("field", equalTo("form")).body("detail", org.hamcrest.Matchers.containsString("form"));
    }

    @Test
    void the_queue_pages_by_cursor_and_filters_by_decision_date() {
        String uscc = CapsAndReviewsTest.uscc();
        String first = review("JIMEI", uscc);
        String second = review("JIMEI", uscc);
        var page1 = auditor().queryParam("applicant", uscc).queryParam("limit", 1).get("/reviews").then()
                .statusCode(200).body("items", hasSize(1)).body("limit", equalTo(1))
                .body("nextCursor", notNullValue()).extract();
        String cursor = page1.path("nextCursor");
        var page2 = auditor().queryParam("applicant", uscc).queryParam("limit", 1).queryParam("cursor", cursor)
                .get("/reviews").then().statusCode(200).body("items", hasSize(1)).body("nextCursor", nullValue()).extract();
        java.util.Set<String> both = java.util.Set.of(page1.path("items[0].decisionId"), page2.path("items[0].decisionId"));
        assertEquals(java.util.Set.of(first, second), both, "two pages of one hold both reviews once");
        // decided on the business date 2026-06-15
        auditor().queryParam("applicant", uscc).queryParam("from", "2026-06-15").queryParam("to", "2026-06-15")
                .get("/reviews").then().statusCode(200).body("items", hasSize(2))
                // no submission time: judged on the day decided
                .body("items.judgedOn", everyItem(equalTo("2026-06-15")));
        auditor().queryParam("applicant", uscc).queryParam("from", "2026-06-16").get("/reviews").then().statusCode(200)
                .body("items", hasSize(0));
        auditor().queryParam("from", "2026-06-16").queryParam("to", "2026-06-15").get("/reviews").then()
                .statusCode(400).body("field", equalTo("from"));
        auditor().queryParam("limit", 201).get("/reviews").then().statusCode(400).body("field", equalTo("limit"));
        auditor().queryParam("cursor", "not-ours").get("/reviews").then().statusCode(400).body("field", equalTo("cursor"));
    }
}
