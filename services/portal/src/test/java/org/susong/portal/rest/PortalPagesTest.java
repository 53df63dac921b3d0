package org.susong.portal.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.susong.portal.domain.District;
import org.susong.portal.domain.Person;
import org.susong.portal.domain.Role;

/**
 * The first pages of issue 18 against {@link DownstreamFake} (the services' answers as JSON fixtures in their APIs' shapes):
 * the development sign-in, an officer's district list with its filter and CSV, an applicant's applications with their
 * decisions, in Chinese and English, and a service's errors as sentences.
 */
@QuarkusTest
@WithTestResource(DownstreamFake.class)
class PortalPagesTest {

    private static final Person HULI_OFFICER = SignedIn.officer("officer-1", District.HULI);

    @Test
    void without_a_broker_and_store_the_evaluation_says_it_is_not_kept_here_and_admins_and_auditors_land_on_it() {
        // susong.portal.evaluation.enabled is off (the default; ./platform run and these tests give no broker or store)
        Person admin = Person.of("pages-admin", Role.ADMIN, null, null, null);
        SignedIn.as(admin).get("/evaluation").then().statusCode(503)
                .body(containsString("本门户未启用评估数据"), containsString("susong.portal.evaluation.enabled=false"));
        SignedIn.as(admin).get("/evaluation/export.csv").then().statusCode(503);
        SignedIn.as(admin).get("/evaluation?lang=en").then().statusCode(503)
                .body(containsString("The evaluation is not kept by this portal"));
        assertEquals("/evaluation", java.net.URI.create(SignedIn.as(Person.of("pages-auditor", Role.AUDITOR, null, null,
                null)).get("/").then().statusCode(303).extract().header("Location")).getPath());
    }

    @Test
    void the_sign_in_page_says_it_is_a_development_sign_in_and_offers_every_role_and_district() {
        given().when().get("/sign-in").then().statusCode(200)
                .body(containsString("开发登录"), containsString("仅用于本地、开发和测试环境"))
                .body(allOf(containsString("value=\"applicant\""), containsString("value=\"officer\""),
                        containsString("value=\"finance\""), containsString("value=\"registrar\""),
                        containsString("value=\"fund-manager\""), containsString("value=\"admin\""),
                        containsString("value=\"auditor\"")))
                .body(containsString("<option value=\"HULI\""), containsString("湖里区"), containsString("翔安区"));
    }

    @Test
    void signing_in_keeps_the_person_in_a_cookie_and_home_leads_to_the_roles_page() {
        Response signedIn = given().redirects().follow(false).formParam("role", "officer")
                .formParam("user", "officer-1").formParam("district", "HULI").formParam("actingFor", "")
                .formParam("funds", "").when().post("/sign-in");
        assertEquals(303, signedIn.statusCode());
        String cookie = signedIn.getCookie(Pages.PERSON_COOKIE);
        assertEquals(HULI_OFFICER, Person.decode(cookie).orElseThrow(), "the cookie holds the officer signed in");
        assertTrue(signedIn.getDetailedCookie(Pages.PERSON_COOKIE).isHttpOnly());

        given().redirects().follow(false).cookie(Pages.PERSON_COOKIE, cookie).when().get("/").then().statusCode(303)
                .header("Location", containsString("/officer/applications"));
        given().redirects().follow(false).cookie(Pages.PERSON_COOKIE,
                SignedIn.applicant("me", SignedIn.USCC).encode()).when().get("/").then().statusCode(303)
                .header("Location", containsString("/applicant/applications"));
    }

    @Test
    void an_applicant_without_a_valid_uscc_is_refused_naming_the_field_and_gets_no_cookie() {
        Response refused = given().redirects().follow(false).formParam("role", "applicant").formParam("user", "me")
                .formParam("district", "HULI").formParam("actingFor", "not-a-uscc").formParam("funds", "")
                .when().post("/sign-in");
        assertEquals(400, refused.statusCode());
        assertTrue(refused.body().asString().contains("id=\"actingFor\" name=\"actingFor\" value=\"not-a-uscc\""),
                refused.body().asString());
        assertTrue(refused.body().asString().contains("aria-invalid=\"true\""));
        assertEquals(null, refused.getCookie(Pages.PERSON_COOKIE));
    }

    @Test
    void without_a_person_the_pages_send_to_the_sign_in_and_a_forged_cookie_is_no_one() {
        given().redirects().follow(false).when().get("/officer/applications").then().statusCode(303)
                .header("Location", containsString("/sign-in"));
        given().redirects().follow(false).cookie(Pages.PERSON_COOKIE, "b2ZmaWNlci0xCm9mZmljZXIKTk9XSEVSRQoK")
                .when().get("/officer/applications").then().statusCode(303)
                .header("Location", containsString("/sign-in"));
    }

    @Test
    void the_officers_page_asks_for_its_own_district_as_that_officer_and_shows_the_rows_in_chinese() {
        SignedIn.as(HULI_OFFICER).queryParam("status", "SUBMITTED").when().get("/officer/applications").then()
                .statusCode(200)
                .body(containsString("<html lang=\"zh-CN\">"), containsString("湖里区的申请"),
                        containsString("当前身份：officer-1"), containsString("区级经办人员"))
                .body(containsString("APP-1A2B3C4D"), containsString("APP-5E6F7G8H"), containsString("已提交"))
                .body(containsString("<option value=\"SUBMITTED\" selected>"))
                .body(containsString("href=\"/officer/applications.csv?status=SUBMITTED\""))
                .body(containsString("/officer/applications?status=SUBMITTED&amp;cursor=p2"));
        List<String> asked = lines("GET /applications?");
        assertTrue(asked.stream().anyMatch(r -> r.contains("district=HULI") && r.contains("status=SUBMITTED")
                && r.contains("X-User=officer-1 X-Roles=officer X-District=HULI")), String.join("\n", asked));
    }

    @Test
    void the_same_page_in_english_through_the_switch_which_a_cookie_keeps() {
        Response english = SignedIn.as(HULI_OFFICER).queryParam("lang", "en").when().get("/officer/applications");
        assertEquals(200, english.statusCode());
        String html = english.body().asString();
        assertTrue(html.contains("<html lang=\"en\">") && html.contains("Applications of Huli")
                && html.contains("Signed in as officer-1") && html.contains(">Submitted<")
                && html.contains("District officer"), html);
        assertFalse(html.contains("湖里区的申请"), "no Chinese heading on the English page");
        assertTrue(html.contains("href=\"/officer/applications?lang=zh\""), "the switch back to Chinese");
        assertEquals("en", english.getCookie(Pages.LANG_COOKIE));

        SignedIn.as(HULI_OFFICER).cookie(Pages.LANG_COOKIE, "en").when().get("/officer/applications").then()
                .statusCode(200).body(containsString("Applications of Huli"));
    }

    @Test
    void the_csv_export_reads_every_page_of_the_same_query_and_neutralises_formulas() {
        Response csv = SignedIn.as(HULI_OFFICER).queryParam("status", "SUBMITTED").when()
                .get("/officer/applications.csv");
        assertEquals(200, csv.statusCode());
        assertTrue(csv.contentType().startsWith("text/csv"), csv.contentType());
        assertTrue(csv.header("Content-Disposition").contains("applications-huli.csv"));
        String[] lines = csv.body().asString().split("\r\n");
        assertEquals("\uFEFFid,applicantUscc,measureCode,district,period,status,createdAt,submittedAt,proposalId",
                lines[0]);
        assertEquals(4, lines.length, "header and the three rows of both pages: " + Arrays.toString(lines));
        assertEquals("APP-1A2B3C4D,91350200MA31G8Q17K,B3a,HULI,2026,SUBMITTED,2026-06-15T02:00:00Z,"
                + "2026-06-15T02:00:00Z,", lines[1]);
        // the fixture carries a formula on purpose: the file shows it as text, quoted
        assertEquals("APP-5E6F7G8H,91350100M000100Y43,B1,HULI,2026,SUBMITTED,2026-06-14T09:00:00Z,"
                + "2026-06-14T09:00:00Z,\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\"", lines[2]);
        assertEquals("APP-9J0K1L2M,91350200MA31G8Q17K,C1,HULI,2026,SUBMITTED,2026-06-10T01:00:00Z,,", lines[3]);
        List<String> asked = lines("GET /applications?");
        assertTrue(asked.stream().anyMatch(r -> r.contains("cursor=p2") && r.contains("district=HULI")
                && r.contains("status=SUBMITTED") && r.contains("limit=200")), String.join("\n", asked));
    }

    @Test
    void an_unknown_state_is_refused_without_asking_the_service() {
        int before = lines("GET /applications?").size();
        SignedIn.as(HULI_OFFICER).queryParam("status", "BOGUS").when().get("/officer/applications").then()
                .statusCode(400).body(containsString("未知状态：BOGUS"));
        assertEquals(before, lines("GET /applications?").size());
    }

    @Test
    void the_applicants_page_shows_its_own_applications_with_state_and_decision() {
        SignedIn.as(SignedIn.applicant("me", SignedIn.USCC)).when().get("/applicant/applications").then()
                .statusCode(200)
                .body(containsString("我的申请"), containsString("代表 " + SignedIn.USCC))
                .body(containsString("APP-7Q2M4K9D"), containsString("已拨付"), containsString("批准"),
                        containsString("1,000,000.00"), containsString("2026-07-15"))
                .body(containsString("APP-8R3N5L0E"), containsString("已提交"), containsString("尚未决定"));
        List<String> asked = lines("GET /applications?");
        assertTrue(asked.stream().anyMatch(r -> r.contains("applicant=" + SignedIn.USCC)
                && r.contains("X-User=me X-Roles=applicant") && r.contains("X-Acting-For=" + SignedIn.USCC)),
                String.join("\n", asked));
        assertTrue(lines("GET /decisions/APP-7Q2M4K9D").stream().anyMatch(r -> r.contains("X-Roles=applicant")));

        SignedIn.as(SignedIn.applicant("me", SignedIn.USCC)).queryParam("lang", "en").when()
                .get("/applicant/applications").then().statusCode(200)
                .body(containsString("My applications"), containsString(">Paid<"), containsString(">Approved<"),
                        containsString("Not decided yet"));
    }

    @Test
    void a_page_of_another_role_is_refused() {
        SignedIn.as(HULI_OFFICER).when().get("/applicant/applications").then().statusCode(403)
                .body(containsString("此页面不属于您的角色"));
        SignedIn.as(SignedIn.applicant("me", SignedIn.USCC)).when().get("/officer/applications.csv").then()
                .statusCode(403);
    }

    @Test
    void a_services_refusal_is_shown_with_its_reason_and_a_failure_as_a_sentence_never_a_stack_trace() {
        SignedIn.as(SignedIn.officer("refused", District.HULI)).when().get("/officer/applications").then()
                .statusCode(403)
                .body(containsString("applications 服务拒绝了请求（HTTP 403）："
                        + "a Huli officer sees only Huli applications"))
                .body(not(containsString("Exception")), not(containsString("at org.")));
        SignedIn.as(SignedIn.officer("fail-500", District.HULI)).when().get("/officer/applications").then()
                .statusCode(502).body(containsString("applications 服务出错（HTTP 500），请稍后再试。"))
                .body(not(containsString("boom")), not(containsString("Exception")));
        SignedIn.as(SignedIn.officer("fail-500", District.HULI)).queryParam("lang", "en").when()
                .get("/officer/applications.csv").then().statusCode(502)
                .body(containsString("The applications service failed (HTTP 500)"));
    }

    @Test
    void the_style_sheet_is_served() {
        given().when().get("/portal.css").then().statusCode(200).body(containsString("overflow-x: auto"));
    }

    private static List<String> lines(String prefix) {
        return SignedIn.downstreamRequests().lines().filter(l -> l.startsWith(prefix)).toList();
    }
}
