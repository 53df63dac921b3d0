package org.susong.portal.rest;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.susong.portal.domain.District;
import org.susong.portal.domain.Person;

/**
 * The officer's review decision form on an application's page, the portal's first write: shown only for a decision
 * awaiting review (the A3 fixture, whose amount an officer sets, {@code DecisionView} with {@code reviewState} OPEN),
 * sent to eligibility's {@code POST /reviews/{decisionId}/decision} ({@code ReviewResource.ReviewRequest}) as the
 * officer, invalid fields refused naming the field with nothing sent, the service's refusal shown as its sentence.
 */
@QuarkusTest
@WithTestResource(DownstreamFake.class)
class ReviewFormTest {

    private static final Person HULI_OFFICER = SignedIn.officer("officer-1", District.HULI);
    private static final String REVIEW = "POST /reviews/D-APP-4R7T1Y2U/decision";

    @Test
    void the_form_is_shown_for_a_decision_awaiting_review_only_and_only_to_the_officer() {
        SignedIn.as(HULI_OFFICER).when().get("/officer/applications/APP-4R7T1Y2U").then().statusCode(200)
                .body(containsString("action=\"/officer/applications/APP-4R7T1Y2U/review\""),
                        containsString("name=\"decisionId\" value=\"D-APP-4R7T1Y2U\""),
                        containsString("value=\"APPROVED\""), containsString("value=\"REJECTED\""),
                        not(containsString("value=\"UPHELD\"")), // not an appeal's decision
                        containsString("<label for=\"amount\">"), containsString("<label for=\"reason\">"),
                        containsString("value=\"800,000.00\""));
        SignedIn.as(HULI_OFFICER).when().get("/officer/applications/APP-3K8P2W6N").then().statusCode(200)
                .body(not(containsString("/review\""))); // APPROVED: nothing to review
    }

    @Test
    void a_decision_is_sent_as_the_officer_in_fen_and_leads_back_to_the_page() {
        int before = lines(REVIEW).size();
        form(SignedIn.as(HULI_OFFICER), "D-APP-4R7T1Y2U", "APPROVED", "800,000.00", "result landed at a Huli firm")
                .when().post("/officer/applications/APP-4R7T1Y2U/review").then().statusCode(303)
                .header("Location", containsString("/officer/applications/APP-4R7T1Y2U"));
        List<String> sent = lines(REVIEW);
        assertEquals(before + 1, sent.size());
        String last = sent.get(sent.size() - 1);
        assertTrue(last.contains("X-User=officer-1 X-Roles=officer X-District=HULI"), last);
        // 800,000.00 CNY is 80,000,000 fen (A3: the officer sets the amount)
        assertTrue(last.contains("body={\"outcome\":\"APPROVED\",\"amountFen\":80000000,"
                + "\"reason\":\"result landed at a Huli firm\"}"), last);
    }

    @Test
    void invalid_fields_are_refused_naming_the_field_and_nothing_is_sent() {
        int before = lines(REVIEW).size();
        form(SignedIn.as(HULI_OFFICER), "D-APP-4R7T1Y2U", "APPROVED", "12.345", "why").when()
                .post("/officer/applications/APP-4R7T1Y2U/review").then().statusCode(400)
                .body(containsString("金额无效"), containsString("href=\"/officer/applications/APP-4R7T1Y2U\""));
        form(SignedIn.as(HULI_OFFICER), "D-APP-4R7T1Y2U", "APPROVED", "", " ").queryParam("lang", "en").when()
                .post("/officer/applications/APP-4R7T1Y2U/review").then().statusCode(400)
                .body(containsString("Please give a reason"));
        form(SignedIn.as(HULI_OFFICER), "D-APP-4R7T1Y2U", "MAYBE", "", "why").when()
                .post("/officer/applications/APP-4R7T1Y2U/review").then().statusCode(400)
                .body(containsString("决定无效"));
        // a decision of another application through this application's page
        form(SignedIn.as(HULI_OFFICER), "D-APP-3K8P2W6N", "REJECTED", "", "why").when()
                .post("/officer/applications/APP-4R7T1Y2U/review").then().statusCode(400)
                .body(containsString("审核对象与此申请的决定不符"));
        assertEquals(before, lines(REVIEW).size());
        assertTrue(lines("POST /reviews/D-APP-3K8P2W6N").isEmpty());
    }

    @Test
    void the_services_refusal_is_its_sentence_and_another_role_may_not_post() {
        form(SignedIn.as(SignedIn.officer("review-conflict", District.HULI)), "D-APP-4R7T1Y2U", "APPROVED", "", "ok")
                .when().post("/officer/applications/APP-4R7T1Y2U/review").then().statusCode(409)
                .body(containsString("eligibility 服务拒绝了请求（HTTP 409）："
                        + "a second, different officer must confirm the amount"), not(containsString("Exception")));
        int before = SignedIn.downstreamRequests().lines().toList().size();
        form(SignedIn.as(SignedIn.applicant("me", SignedIn.USCC)), "D-APP-4R7T1Y2U", "APPROVED", "", "mine").when()
                .post("/officer/applications/APP-4R7T1Y2U/review").then().statusCode(403);
        assertEquals(before, SignedIn.downstreamRequests().lines().toList().size());
    }

    private static RequestSpecification form(RequestSpecification as, String decisionId, String outcome, String amount,
                                             String reason) {
        return as.contentType("application/x-www-form-urlencoded").formParam("decisionId", decisionId)
                .formParam("outcome", outcome).formParam("amount", amount).formParam("reason", reason);
    }

    private static List<String> lines(String prefix) {
        return SignedIn.downstreamRequests().lines().filter(l -> l.startsWith(prefix)).toList();
    }
}
