package org.susong.portal.rest;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.susong.portal.domain.District;

/**
 * The actions on an application's page (issue 18): the withdrawal by the applicant or an officer
 * ({@code withdrawApplication}) and an officer's resolution of a payment order's hold ({@code resolvePaymentHold}),
 * against {@link DownstreamFake}. Each test signs in as its own user, so the fake's record is read per user.
 */
@QuarkusTest
@WithTestResource(DownstreamFake.class)
class ApplicationActionsTest {

    private static final String APP = "APP-6H0LD2X9";

    @Test
    void the_officer_sees_the_withdrawal_and_the_hold_resolution_and_each_is_one_call_as_the_officer() {
        SignedIn.as(SignedIn.officer("act-officer", District.HULI)).when().get("/officer/applications/" + APP).then()
                .statusCode(200).body(containsString("action=\"/officer/applications/" + APP + "/withdrawal\""),
                        containsString("<label for=\"withdraw-reason\">撤回理由（不超过500个字符）</label>"),
                        containsString("action=\"/officer/applications/" + APP + "/payments/PO-6H0LD2X9/holds/H-2/resolution\""),
                        containsString("value=\"DISMISSED\">驳回异议，继续支付"), containsString("value=\"UPHELD\">异议成立"));
        SignedIn.as(SignedIn.officer("act-officer", District.HULI)).contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .formParam("reason", " 申请单位书面要求撤回 ").when().post("/officer/applications/" + APP + "/withdrawal")
                .then().statusCode(303).header("Location", containsString("/officer/applications/" + APP));
        SignedIn.as(SignedIn.officer("act-officer", District.HULI)).formParam("outcome", "DISMISSED").when()
                .post("/officer/applications/" + APP + "/payments/PO-6H0LD2X9/holds/H-2/resolution").then()
                .statusCode(303).header("Location", containsString("/officer/applications/" + APP));
        List<String> posts = asked("act-officer").stream().filter(l -> l.startsWith("POST")).toList();
        assertEquals(List.of("POST /applications/" + APP + "/withdrawal | X-User=act-officer X-Roles=officer X-District=HULI"
                        + " X-Acting-For= body={\"reason\":\"申请单位书面要求撤回\"}",
                "POST /payments/PO-6H0LD2X9/holds/H-2/resolution | X-User=act-officer X-Roles=officer X-District=HULI"
                        + " X-Acting-For= body={\"outcome\":\"DISMISSED\"}"),
                posts.stream().map(l -> l.replaceAll(" X-Funds=\\S*", "")).toList());
    }

    @Test
    void the_applicant_withdraws_its_own_and_sees_no_hold_resolution() {
        SignedIn.as(SignedIn.applicant("act-applicant", "91350200MA31G8Q17K")).queryParam("lang", "en").when()
                .get("/applicant/applications/" + APP).then().statusCode(200)
                .body(containsString("action=\"/applicant/applications/" + APP + "/withdrawal\""),
                        containsString("Withdraw the application"), not(containsString("/resolution\"")));
        SignedIn.as(SignedIn.applicant("act-applicant", "91350200MA31G8Q17K")).formParam("reason", "no longer needed")
                .when().post("/applicant/applications/" + APP + "/withdrawal").then().statusCode(303);
        List<String> posts = asked("act-applicant").stream().filter(l -> l.startsWith("POST")).toList();
        assertEquals(1, posts.size(), posts.toString());
        assertEquals("POST /applications/" + APP + "/withdrawal | X-User=act-applicant X-Roles=applicant X-District="
                + " X-Acting-For=91350200MA31G8Q17K body={\"reason\":\"no longer needed\"}",
                posts.get(0).replaceAll(" X-Funds=\\S*", ""));
        // a paid application offers no withdrawal
        SignedIn.as(SignedIn.applicant("act-applicant", "91350200MA31G8Q17K")).when()
                .get("/applicant/applications/APP-7Q2M4K9D").then().statusCode(200)
                .body(not(containsString("/withdrawal\"")));
    }

    @Test
    void bad_input_sends_nothing_and_the_services_refusals_are_its_sentences() {
        var officer = SignedIn.officer("act-bad", District.HULI);
        SignedIn.as(officer).formParam("reason", " ").when().post("/officer/applications/" + APP + "/withdrawal").then()
                .statusCode(400).body(containsString("请填写撤回理由"));
        SignedIn.as(officer).formParam("reason", "x".repeat(501)).when()
                .post("/applicant/applications/" + APP + "/withdrawal").then().statusCode(403);
        SignedIn.as(officer).formParam("reason", "x".repeat(501)).when()
                .post("/officer/applications/" + APP + "/withdrawal").then().statusCode(400);
        SignedIn.as(officer).formParam("outcome", "MAYBE").when()
                .post("/officer/applications/" + APP + "/payments/PO-6H0LD2X9/holds/H-2/resolution").then()
                .statusCode(400).body(containsString("处理结果只能是"));
        SignedIn.as(officer).formParam("outcome", "UPHELD").when()
                .post("/officer/applications/" + APP + "/payments/PO..x/holds/H-2/resolution").then().statusCode(404);
        assertEquals(List.of(), asked("act-bad"));

        SignedIn.as(SignedIn.officer("objector", District.HULI)).formParam("outcome", "UPHELD").formParam("confirmed", "yes").when()
                .post("/officer/applications/" + APP + "/payments/PO-6H0LD2X9/holds/H-2/resolution").then()
                .statusCode(409).body(containsString("the officer who objected cannot resolve the hold"),
                        containsString("href=\"/officer/applications/" + APP + "\""));
        SignedIn.as(SignedIn.applicant("withdraw-late", "91350200MA31G8Q17K")).queryParam("lang", "en")
                .formParam("reason", "late").when().post("/applicant/applications/" + APP + "/withdrawal").then()
                .statusCode(409).body(containsString("cannot be withdrawn"), containsString("Back to the application"));
        // an applicant cannot resolve holds
        SignedIn.as(SignedIn.applicant("act-nohold", "91350200MA31G8Q17K")).formParam("outcome", "UPHELD").when()
                .post("/officer/applications/" + APP + "/payments/PO-6H0LD2X9/holds/H-2/resolution").then()
                .statusCode(403);
        assertEquals(List.of(), asked("act-nohold"));
    }

    /** Upholding takes the money back at one click: a page says so first, and only its form sends it. */
    @Test
    void upholding_an_objection_is_sent_only_once_confirmed() {
        var officer = SignedIn.officer("act-uphold", District.HULI);
        String hold = "/officer/applications/" + APP + "/payments/PO-6H0LD2X9/holds/H-2/resolution";
        SignedIn.as(officer).queryParam("lang", "en").formParam("outcome", "UPHELD").when().post(hold).then()
                .statusCode(200).body(containsString("payment order PO-6H0LD2X9 is not paid: its money goes back to the"
                                + " budget line"), containsString("action=\"" + hold + "\" id=\"confirm-uphold-form\""),
                        containsString("name=\"confirmed\" value=\"yes\""),
                        containsString("href=\"/officer/applications/" + APP + "\" id=\"confirm-uphold-cancel\""));
        SignedIn.as(officer).formParam("outcome", "UPHELD").formParam("confirmed", "no").when().post(hold).then()
                .statusCode(200).body(containsString("id=\"confirm-uphold-form\""));
        assertEquals(List.of(), asked("act-uphold"), "nothing sent before the confirmation");
        SignedIn.as(officer).formParam("outcome", "UPHELD").formParam("confirmed", "yes").when().post(hold).then()
                .statusCode(303).header("Location", containsString("/officer/applications/" + APP));
        assertEquals(List.of("POST /payments/PO-6H0LD2X9/holds/H-2/resolution | X-User=act-uphold X-Roles=officer"
                        + " X-District=HULI X-Acting-For= body={\"outcome\":\"UPHELD\"}"),
                asked("act-uphold").stream().map(l -> l.replaceAll(" X-Funds=\\S*", "")).toList());
    }

    private static List<String> asked(String user) {
        return SignedIn.downstreamRequests().lines().filter(l -> l.contains("X-User=" + user + " ")).toList();
    }
}
