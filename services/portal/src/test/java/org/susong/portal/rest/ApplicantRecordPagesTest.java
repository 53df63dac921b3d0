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
 * The applicant's record ({@code GET /applicant/record}: applications' {@code ApplicantView}) and the appeal on its
 * application's page ({@code POST /applicant/applications/{id}/appeal}: {@code appealApplication} with
 * {@code AppealRequest}) against {@link ApplicantFake}. Each test signs in as its own user, so the fake's record of
 * requests is read per user.
 */
@QuarkusTest
@WithTestResource(DownstreamFake.class)
class ApplicantRecordPagesTest {

    private static final String OTHER_USCC = "91350206MA2Y7K3L5P";

    /** The inbox needs the event consumption (InboxTest has it on); here it is off, as by default, and says so. */
    @Test
    void without_the_event_consumption_the_inbox_says_it_is_not_kept_here_and_the_list_links_it() {
        String before = SignedIn.downstreamRequests();
        SignedIn.as(SignedIn.applicant("inbox-off", SignedIn.USCC)).when().get("/applicant/inbox").then().statusCode(503)
                .body(containsString("id=\"inbox-error\""), containsString("susong.portal.evaluation.enabled=false"),
                        not(containsString("id=\"mail-form\"")));
        SignedIn.as(SignedIn.applicant("inbox-off", SignedIn.USCC)).formParam("email", "a@example.com")
                .when().post("/applicant/inbox/address").then().statusCode(503);
        assertEquals(before, SignedIn.downstreamRequests(), "the inbox asks the services nothing");
        SignedIn.as(SignedIn.applicant("inbox-off", SignedIn.USCC)).when().get("/applicant/applications").then()
                .statusCode(200).body(containsString("<a href=\"/applicant/inbox\" id=\"inbox-link\">消息</a>"));
    }

    @Test
    void the_record_is_the_services_for_the_applicants_own_uscc_with_the_change_awaiting_its_checker() {
        SignedIn.as(SignedIn.applicant("rec-zh", SignedIn.USCC)).when().get("/applicant/record").then().statusCode(200)
                .body(containsString("<html lang=\"zh-CN\">"), containsString("本单位登记信息"),
                        containsString("厦门示例科技有限公司"), containsString("企业"), containsString("湖里区"),
                        containsString("****************1234"), not(containsString("35150198010000001234")),
                        containsString("105393000013"), containsString("BAC-7H2K9M4P"),
                        containsString("************5678"), containsString("data-change-state=\"AWAITING_APPROVAL\""),
                        containsString("须由本区另一名工作人员审批（申请人 officer:huli-maker 不能审批自己的申请）"),
                        containsString("<caption id=\"history-caption\">登记名称和所在区的沿革</caption>"),
                        containsString("思明区"), containsString("至今"),
                        containsString("本单位可在下方提出新的收款账户（提出人）"),
                        containsString("<form method=\"post\" action=\"/applicant/record/bank-account\""),
                        containsString("value=\"厦门示例科技有限公司\""));
        List<String> asked = asked("rec-zh");
        assertEquals(1, asked.size(), asked.toString());
        assertTrue(asked.get(0).startsWith("GET /applicants/" + SignedIn.USCC + " | X-User=rec-zh X-Roles=applicant"
                + " X-District= X-Acting-For=" + SignedIn.USCC), asked.get(0));

        SignedIn.as(SignedIn.applicant("rec-zh", SignedIn.USCC)).queryParam("lang", "en").when().get("/applicant/record")
                .then().statusCode(200).body(containsString("<html lang=\"en\">"),
                        containsString("Your organisation&#39;s record"), containsString("enterprise"),
                        containsString("Huli"), containsString("Account number (masked: the last four digits only)"),
                        containsString("Awaiting approval by another officer of the district (the maker "
                                + "officer:huli-maker cannot approve its own request)."),
                        containsString("Registered names and districts over time"), containsString("Siming"),
                        containsString("an officer of your district's science and technology bureau must approve it"
                                .replace("'", "&#39;")),
                        containsString("Account number (8 to 32 digits)"), not(containsString("户名")));
        assertTrue(asked("rec-zh").get(1).contains("X-Acting-For=" + SignedIn.USCC));
    }

    @Test
    void a_change_in_its_cooling_off_the_account_to_reconfirm_and_a_pending_district_change_are_shown() {
        SignedIn.as(SignedIn.applicant("rec-cool", OTHER_USCC)).when().get("/applicant/record").then().statusCode(200)
                .body(containsString("科研院所"), containsString("data-change-state=\"COOLING_OFF\""),
                        containsString("已由 officer:huli-checker 审批，冷静期中：2026-12-05T02:00:00Z 生效"),
                        containsString("id=\"reconfirm\""), containsString("待审批的登记变更"),
                        containsString("集美区"), containsString("moved its seat"), containsString("无沿革记录。"),
                        containsString("无资质证书。"), containsString("id=\"account-change-locked\""),
                        not(containsString("action=\"/applicant/record/bank-account\"")));
        SignedIn.as(SignedIn.applicant("rec-cool", OTHER_USCC)).queryParam("lang", "en").when()
                .get("/applicant/record").then().statusCode(200)
                .body(containsString("Approved by officer:huli-checker, in its cooling-off period: effective at "
                        + "2026-12-05T02:00:00Z"), containsString("Pending registration change"),
                        containsString("research institute"), containsString("No history."));
    }

    @Test
    void the_account_change_is_sent_once_as_the_applicant_for_its_own_uscc_then_the_record() {
        SignedIn.as(SignedIn.applicant("acct-send", SignedIn.USCC))
                .contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .formParam("accountName", " 厦门示例科技有限公司 ").formParam("accountNumber", "3515 0198 0100 0099 99")
                .formParam("bankCode", "105393000013").formParam("bankName", "")
                .formParam("uscc", OTHER_USCC)
                .when().post("/applicant/record/bank-account").then().statusCode(303)
                .header("Location", containsString("/applicant/record"));
        List<String> posts = asked("acct-send").stream().filter(l -> l.startsWith("POST")).toList();
        assertEquals(1, posts.size(), posts.toString());
        assertEquals("POST /applicants/" + SignedIn.USCC + "/bank-account-changes | X-User=acct-send X-Roles=applicant"
                + " X-District= X-Acting-For=" + SignedIn.USCC + " body={\"accountName\":\"厦门示例科技有限公司\","
                + "\"accountNumber\":\"351501980100009999\",\"bankCode\":\"105393000013\",\"bankName\":null}",
                posts.get(0));
    }

    @Test
    void malformed_account_fields_are_marked_on_the_form_and_nothing_is_sent() {
        SignedIn.as(SignedIn.applicant("acct-bad", SignedIn.USCC)).formParam("accountName", "")
                .formParam("accountNumber", "12ab").formParam("bankCode", "10539300001")
                .when().post("/applicant/record/bank-account").then().statusCode(400)
                .body(containsString("role=\"alert\" id=\"account-summary\""), containsString("变更申请有误，未提交"),
                        containsString("id=\"account-accountName\" name=\"accountName\" value=\"\""),
                        containsString("aria-invalid=\"true\" aria-describedby=\"account-accountNumber-error\""),
                        containsString("账号应为8至32位数字。"), containsString("行号应为12位数字。"),
                        containsString("此项必填。"), containsString("value=\"12ab\""));
        SignedIn.as(SignedIn.applicant("acct-bad", SignedIn.USCC)).queryParam("lang", "en")
                .formParam("accountName", "x".repeat(201)).formParam("accountNumber", "12345678")
                .formParam("bankCode", "105393000013").when().post("/applicant/record/bank-account").then()
                .statusCode(400).body(containsString("At most 200 characters."),
                        not(containsString("aria-describedby=\"account-accountNumber-error\"")));
        assertTrue(asked("acct-bad").stream().noneMatch(l -> l.startsWith("POST")), asked("acct-bad").toString());
    }

    @Test
    void the_services_refusals_of_the_account_are_shown_on_the_field_or_as_its_sentence() {
        SignedIn.as(SignedIn.applicant("acct-name", SignedIn.USCC))
                .contentType("application/x-www-form-urlencoded; charset=UTF-8").formParam("accountName", "别的公司")
                .formParam("accountNumber", "35150198010000999999").formParam("bankCode", "105393000013")
                .when().post("/applicant/record/bank-account").then().statusCode(422)
                .body(containsString("aria-invalid=\"true\" aria-describedby=\"account-accountName-error\""),
                        containsString("the account name must be the registered name"), containsString("value=\"别的公司\""));
        SignedIn.as(SignedIn.applicant("acct-cooling", SignedIn.USCC)).queryParam("lang", "en")
                .formParam("accountName", "厦门示例科技有限公司").formParam("accountNumber", "35150198010000999999")
                .formParam("bankCode", "105393000013").when().post("/applicant/record/bank-account").then()
                .statusCode(409).body(containsString("reject it before requesting another"),
                        containsString("Back to the record"));
    }

    @Test
    void the_applicant_withdraws_a_pending_change_with_a_reason_and_nothing_is_sent_without_one() {
        SignedIn.as(SignedIn.applicant("acct-cancel", SignedIn.USCC)).when().get("/applicant/record").then()
                // an officer requested BAC-7H2K9M4P: the applicant asks an officer to reject it, no cancel form
                .statusCode(200).body(containsString("id=\"cancel-by-officer\""),
                        not(containsString("action=\"/applicant/record/bank-account/BAC-7H2K9M4P/cancellation\"")));
        SignedIn.as(SignedIn.applicant("acct-cancel", SignedIn.USCC)).formParam("reason", " ")
                .when().post("/applicant/record/bank-account/BAC-7H2K9M4P/cancellation").then().statusCode(400)
                .body(containsString("请填写撤销理由"));
        SignedIn.as(SignedIn.applicant("acct-cancel", SignedIn.USCC)).formParam("reason", "x")
                .when().post("/applicant/record/bank-account/BAC%2F..%2Fy/cancellation").then().statusCode(404);
        assertTrue(asked("acct-cancel").stream().noneMatch(l -> l.startsWith("POST")), asked("acct-cancel").toString());
        SignedIn.as(SignedIn.applicant("acct-cancel", SignedIn.USCC)).formParam("reason", "we did not ask for it")
                .when().post("/applicant/record/bank-account/BAC-7H2K9M4P/cancellation").then().statusCode(303)
                .header("Location", containsString("/applicant/record"));
        List<String> posts = asked("acct-cancel").stream().filter(l -> l.startsWith("POST")).toList();
        assertEquals(List.of("POST /applicants/" + SignedIn.USCC + "/bank-account-changes/BAC-7H2K9M4P/rejection"
                + " | X-User=acct-cancel X-Roles=applicant X-District= X-Acting-For=" + SignedIn.USCC
                + " body={\"reason\":\"we did not ask for it\"}"), posts.stream().map(l -> l.replaceAll(" X-Funds=\\S*", "")).toList());
    }

    @Test
    void the_services_404_for_an_unknown_applicant_is_its_sentence() {
        SignedIn.as(SignedIn.applicant("rec-none", "91350200MA0000001W")).when().get("/applicant/record").then()
                .statusCode(404).body(containsString("role=\"alert\""),
                        containsString("applicant &#39;91350200MA0000001W&#39; does not exist"));
    }

    @Test
    void an_open_appeal_shows_its_form_in_both_languages_and_the_list_links_the_record() {
        SignedIn.as(SignedIn.applicant("app-form", SignedIn.USCC)).when().get("/applicant/applications/APP-REJ00001")
                .then().statusCode(200).body(containsString("<h3 id=\"appeal-title\">申诉</h3>"),
                        containsString("action=\"/applicant/applications/APP-REJ00001/appeal\""),
                        containsString("可在 2099-12-31（含当日）前提出申诉"),
                        containsString("<label for=\"grounds\">申诉理由（必填，最多 2000 字）</label>"),
                        containsString("maxlength=\"2000\" required aria-required=\"true\""),
                        not(containsString("aria-invalid")));
        SignedIn.as(SignedIn.applicant("app-form", SignedIn.USCC)).queryParam("lang", "en").when()
                .get("/applicant/applications/APP-REJ00001").then().statusCode(200)
                .body(containsString("you may appeal by 2099-12-31 (inclusive)"), containsString("Submit the appeal"));
        assertTrue(asked("app-form").stream().allMatch(l -> l.contains("X-Acting-For=" + SignedIn.USCC)));
        assertTrue(asked("app-form").stream().noneMatch(l -> l.startsWith("POST")));
        SignedIn.as(SignedIn.applicant("app-form", SignedIn.USCC)).when().get("/applicant/applications").then()
                .statusCode(200).body(containsString("<a href=\"/applicant/record\" id=\"record-link\">本单位登记信息</a>"));
    }

    @Test
    void after_the_deadline_the_page_says_so_instead_of_the_form_and_a_paid_application_has_neither() {
        SignedIn.as(SignedIn.applicant("app-late", SignedIn.USCC)).when().get("/applicant/applications/APP-REJ00002")
                .then().statusCode(200).body(containsString("申诉期限 2026-01-10 已过，不能再提出申诉。"),
                        not(containsString("/appeal\"")));
        SignedIn.as(SignedIn.applicant("app-late", SignedIn.USCC)).queryParam("lang", "en").when()
                .get("/applicant/applications/APP-REJ00002").then().statusCode(200)
                .body(containsString("The appeal deadline 2026-01-10 has passed"));
        SignedIn.as(SignedIn.applicant("app-late", SignedIn.USCC)).when().get("/applicant/applications/APP-7Q2M4K9D")
                .then().statusCode(200).body(not(containsString("appeal-title")), not(containsString("appeal-closed")));
    }

    @Test
    void the_appeal_is_sent_once_as_the_applicant_with_the_grounds_then_the_application_page() {
        SignedIn.as(SignedIn.applicant("app-send", SignedIn.USCC))
                .contentType("application/x-www-form-urlencoded; charset=UTF-8").formParam("grounds", "证书已于 2026-03-01 续期")
                .formParam("applicantUscc", "91350206MA2Y7K3L5P")
                .when().post("/applicant/applications/APP-REJ00001/appeal").then().statusCode(303)
                .header("Location", containsString("/applicant/applications/APP-REJ00001"));
        List<String> posts = asked("app-send").stream().filter(l -> l.startsWith("POST")).toList();
        assertEquals(1, posts.size(), posts.toString());
        assertEquals("POST /applications/APP-REJ00001/appeal | X-User=app-send X-Roles=applicant X-District= X-Acting-For="
                + SignedIn.USCC + " body={\"grounds\":\"证书已于 2026-03-01 续期\"}", posts.get(0));
    }

    @Test
    void blank_or_overlong_grounds_are_refused_on_the_form_and_nothing_is_sent() {
        SignedIn.as(SignedIn.applicant("app-blank", SignedIn.USCC)).formParam("grounds", "   ")
                .when().post("/applicant/applications/APP-REJ00001/appeal").then().statusCode(400)
                .body(containsString("aria-invalid=\"true\" aria-describedby=\"grounds-error\""),
                        containsString("<p class=\"error\" id=\"grounds-error\">请填写申诉理由。</p>"),
                        containsString("role=\"alert\" id=\"appeal-summary\""));
        SignedIn.as(SignedIn.applicant("app-blank", SignedIn.USCC)).queryParam("lang", "en")
                .formParam("grounds", "x".repeat(2001))
                .when().post("/applicant/applications/APP-REJ00001/appeal").then().statusCode(400)
                .body(containsString("The grounds are at most 2,000 characters."), containsString("x".repeat(2001)));
        assertTrue(asked("app-blank").stream().noneMatch(l -> l.startsWith("POST")), asked("app-blank").toString());
    }

    @Test
    void the_services_refusals_are_its_sentences_with_their_status() {
        SignedIn.as(SignedIn.applicant("appeal-late", SignedIn.USCC)).formParam("grounds", "late")
                .when().post("/applicant/applications/APP-REJ00001/appeal").then().statusCode(422)
                .body(containsString("the appeal deadline of D-APP-REJ00001 was 2099-12-31"),
                        containsString("href=\"/applicant/applications/APP-REJ00001\""), containsString("返回申请"));
        SignedIn.as(SignedIn.applicant("appeal-twice", SignedIn.USCC)).queryParam("lang", "en")
                .formParam("grounds", "again").when().post("/applicant/applications/APP-REJ00001/appeal").then()
                .statusCode(409).body(containsString("this one is APPEALED"), containsString("Back to the application"));
    }

    @Test
    void an_officer_gets_403_on_the_record_and_the_appeal_with_nothing_asked() {
        var officer = SignedIn.officer("rec-officer", District.HULI);
        SignedIn.as(officer).when().get("/applicant/record").then().statusCode(403);
        SignedIn.as(officer).formParam("grounds", "x").when().post("/applicant/applications/APP-REJ00001/appeal").then()
                .statusCode(403);
        SignedIn.as(officer).formParam("accountName", "x").formParam("accountNumber", "12345678")
                .formParam("bankCode", "105393000013").when().post("/applicant/record/bank-account").then()
                .statusCode(403);
        assertEquals(List.of(), asked("rec-officer"));
        SignedIn.as(officer).when().get("/officer/applications/APP-REJ00001").then().statusCode(200)
                .body(not(containsString("appeal-title")));
        io.restassured.RestAssured.given().redirects().follow(false).when().get("/applicant/record").then()
                .statusCode(303).header("Location", containsString("/sign-in"));
    }

    private static List<String> asked(String user) {
        return SignedIn.downstreamRequests().lines().filter(l -> l.contains("X-User=" + user + " ")).toList();
    }
}
