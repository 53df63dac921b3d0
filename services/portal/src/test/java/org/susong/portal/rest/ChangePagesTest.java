package org.susong.portal.rest;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.susong.portal.domain.District;

/**
 * The officer's applicant changes waiting for a checker ({@code /officer/changes}: applications'
 * {@code GET /applicants/pending-changes} and the checker's approval or rejection) against {@link ApplicantFake}. Each
 * test signs in as its own user, so the fake's record of requests is read per user.
 */
@QuarkusTest
@WithTestResource(DownstreamFake.class)
class ChangePagesTest {

    private static final String USCC = "91350200MA31G8Q17K";

    @Test
    void the_page_shows_both_queues_asked_as_the_officer_with_the_states_and_the_forms() {
        SignedIn.as(SignedIn.officer("chg-zh", District.HULI)).when().get("/officer/changes").then().statusCode(200)
                .body(containsString("待复核的申请单位变更（湖里区）"), containsString("BAC-7H2K9M4P"),
                        containsString("************5678"), containsString("data-change-state=\"AWAITING_APPROVAL\""),
                        containsString("data-change-state=\"COOLING_OFF\""),
                        containsString("已由 officer:huli-checker 批准，冷静期中：2026-12-05T03:00:00Z 生效"),
                        containsString("action=\"/officer/changes/bank-account/" + USCC + "/BAC-7H2K9M4P/approval\""),
                        // a change in its cooling-off can only be cancelled, not approved again
                        not(containsString("BAC-3C8V1N6Q/approval")),
                        containsString("action=\"/officer/changes/bank-account/91350206MA2Y7K3L5P/BAC-3C8V1N6Q/rejection\""),
                        containsString("RC-5T9W2E7R"), containsString("集美区"), containsString("moved its seat"),
                        containsString("action=\"/officer/changes/registration/91350206MA2Y7K3L5P/RC-5T9W2E7R/approval\""),
                        containsString("<label for=\"reason-RC-5T9W2E7R\">驳回理由</label>"));
        List<String> asked = asked("chg-zh");
        assertEquals(2, asked.size(), asked.toString());
        assertTrue(asked.get(0).startsWith("GET /applicants/pending-changes?kind=BANK_ACCOUNT&limit=50 | X-User=chg-zh"
                + " X-Roles=officer X-District=HULI"), asked.get(0));
        assertTrue(asked.get(1).startsWith("GET /applicants/pending-changes?kind=REGISTRATION&limit=50 |"), asked.get(1));
        SignedIn.as(SignedIn.officer("chg-zh", District.HULI)).queryParam("lang", "en").when().get("/officer/changes")
                .then().statusCode(200).body(containsString("Applicant changes waiting for a checker (Huli)"),
                        containsString("Approved by officer:huli-checker, in its cooling-off period"),
                        containsString("Jimei"), not(containsString("驳回理由")));
        SignedIn.as(SignedIn.officer("chg-zh", District.HULI)).when().get("/officer/queue").then()
                .body(containsString("href=\"/officer/changes\""));
    }

    @Test
    void the_applicants_own_request_is_flagged_and_the_makers_own_change_offers_no_approval() {
        String html = SignedIn.as(SignedIn.officer("chg-own", District.HULI)).when().get("/officer/changes").then()
                .statusCode(200).extract().asString();
        // BAC-7H2K9M4P was requested by the applicant itself: flagged for the checker
        assertTrue(html.contains("data-maker=\"applicant\">由申请单位在线提出"), html);
        assertEquals(1, html.split("data-maker=").length - 1, "only the applicant's request is flagged");
        // BAC-9OWN0001 is this officer's own request: no approval form, the reason why; the rejection stays
        assertTrue(html.contains("<p data-own=\"true\">您提出的变更"), html);
        assertTrue(!html.contains("BAC-9OWN0001/approval"), html);
        assertTrue(html.contains("BAC-9OWN0001/rejection"), html);
        assertTrue(html.contains("BAC-7H2K9M4P/approval"), html);
    }

    @Test
    void the_makers_kind_is_read_from_the_role_list_of_its_actor() {
        assertTrue(change("ent-1;applicant,default-roles-susong,offline_access;;91350200MA31G8Q17K").requestedByApplicant());
        assertTrue(change("ent-1;applicant;;91350200MA31G8Q17K").requestedByApplicant());
        assertTrue(!change("o-1;officer;HULI;").requestedByApplicant());
        assertTrue(!change("o-1;applicant-helper,officer;HULI;").requestedByApplicant());
        assertTrue(!change("legacy officer").requestedByApplicant());
        assertTrue(change("o-1;officer;HULI;").requestedBy("o-1") && !change("o-1;officer;HULI;").requestedBy("o"));
    }

    private static org.susong.portal.client.PendingChange change(String requestedBy) {
        return new org.susong.portal.client.PendingChange(USCC, "n", "ENTERPRISE", "HULI",
                new org.susong.portal.client.ApplicantRecord.AccountChange("BAC-1", null, requestedBy, null, null, null, null),
                null);
    }

    @Test
    void an_approval_and_a_rejection_are_each_one_call_as_the_officer_then_the_page() {
        SignedIn.as(SignedIn.officer("chg-send", District.HULI)).when()
                .post("/officer/changes/bank-account/" + USCC + "/BAC-7H2K9M4P/approval").then().statusCode(303)
                .header("Location", containsString("/officer/changes"));
        SignedIn.as(SignedIn.officer("chg-send", District.HULI))
                .contentType("application/x-www-form-urlencoded; charset=UTF-8").formParam("reason", " 户名与营业执照不符 ")
                .when().post("/officer/changes/registration/91350206MA2Y7K3L5P/RC-5T9W2E7R/rejection").then()
                .statusCode(303);
        List<String> posts = asked("chg-send").stream().filter(l -> l.startsWith("POST")).toList();
        assertEquals(List.of("POST /applicants/" + USCC + "/bank-account-changes/BAC-7H2K9M4P/approval | X-User=chg-send"
                        + " X-Roles=officer X-District=HULI X-Acting-For=",
                "POST /applicants/91350206MA2Y7K3L5P/registration-changes/RC-5T9W2E7R/rejection | X-User=chg-send"
                        + " X-Roles=officer X-District=HULI X-Acting-For= body={\"reason\":\"户名与营业执照不符\"}"),
                posts.stream().map(l -> l.replaceAll(" X-Funds=\\S*", "")).toList());
    }

    @Test
    void the_services_refusals_are_its_sentences_and_bad_requests_send_nothing() {
        SignedIn.as(SignedIn.officer("chg-maker", District.HULI)).when()
                .post("/officer/changes/bank-account/" + USCC + "/BAC-7H2K9M4P/approval").then().statusCode(403)
                .body(containsString("the maker of a bank-account change cannot approve it"),
                        containsString("href=\"/officer/changes\""));
        SignedIn.as(SignedIn.officer("chg-gone", District.HULI)).queryParam("lang", "en").when()
                .post("/officer/changes/registration/91350206MA2Y7K3L5P/RC-5T9W2E7R/approval").then().statusCode(409)
                .body(containsString("no pending registration change"), containsString("Back to the changes waiting"));

        SignedIn.as(SignedIn.officer("chg-bad", District.HULI)).formParam("reason", "  ").when()
                .post("/officer/changes/bank-account/" + USCC + "/BAC-7H2K9M4P/rejection").then().statusCode(400)
                .body(containsString("请填写驳回理由"));
        SignedIn.as(SignedIn.officer("chg-bad", District.HULI)).formParam("reason", "x".repeat(501)).when()
                .post("/officer/changes/bank-account/" + USCC + "/BAC-7H2K9M4P/rejection").then().statusCode(400);
        SignedIn.as(SignedIn.officer("chg-bad", District.HULI)).when()
                .post("/officer/changes/pension/" + USCC + "/BAC-7H2K9M4P/approval").then().statusCode(404);
        SignedIn.as(SignedIn.officer("chg-bad", District.HULI)).when()
                .post("/officer/changes/bank-account/not-a-uscc/BAC-7H2K9M4P/approval").then().statusCode(404);
        SignedIn.as(SignedIn.officer("chg-bad", District.HULI)).when()
                .post("/officer/changes/bank-account/" + USCC + "/BAC%2F..%2Fx/approval").then().statusCode(404);
        assertEquals(List.of(), asked("chg-bad"));
    }

    @Test
    void one_queue_failing_leaves_the_other_and_other_roles_get_403_with_nothing_asked() {
        SignedIn.as(SignedIn.officer("chg-down", District.HULI)).when().get("/officer/changes").then().statusCode(200)
                .body(containsString("id=\"accounts-error\""), containsString("RC-5T9W2E7R"));
        var applicant = SignedIn.applicant("chg-applicant", USCC);
        SignedIn.as(applicant).when().get("/officer/changes").then().statusCode(403);
        SignedIn.as(applicant).when().post("/officer/changes/bank-account/" + USCC + "/BAC-7H2K9M4P/approval").then()
                .statusCode(403);
        assertEquals(List.of(), asked("chg-applicant"));
    }

    private static List<String> asked(String user) {
        return SignedIn.downstreamRequests().lines().filter(l -> l.contains("X-User=" + user + " ")).toList();
    }
}
