package org.susong.portal.rest;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.susong.portal.domain.District;
import org.susong.portal.domain.Person;

/**
 * An application's page (officer's and applicant's) and the officer's work queue against {@link DownstreamFake}, whose
 * fixtures mirror the real views (named in its comment): ApplicationView with its timeline, DecisionView with its
 * criteria, Measure with its placeholders, PaymentView with its hold, ContractView and OverdueView.
 */
@QuarkusTest
@WithTestResource(DownstreamFake.class)
class ApplicationPagesTest {

    private static final Person HULI_OFFICER = SignedIn.officer("officer-1", District.HULI);
    private static final Person APPLICANT = SignedIn.applicant("me", SignedIn.USCC);

    @Test
    void the_officers_application_page_shows_timeline_decision_criteria_placeholders_and_payment_in_chinese() {
        String html = SignedIn.as(HULI_OFFICER).when().get("/officer/applications/APP-3K8P2W6N").then().statusCode(200)
                .extract().asString();
        assertContains(html, "<html lang=\"zh-CN\">", "<h1>申请 APP-3K8P2W6N</h1>", "创新飞地与海外协同创新中心",
                "湖里区", "data-status=\"IN_PUBLIC_NOTICE\">公示中<");
        // the timeline (ApplicationView.timeline), in Xiamen's time
        assertContains(html, "<caption id=\"timeline-caption\">办理记录</caption>", "<code>DECIDED_APPROVED</code>",
                "2026-05-20 09:30", "approved: 2,400,000.00 CNY");
        // the decision: outcome, amount, rule version, computation, criteria in both languages
        assertContains(html, "data-outcome=\"APPROVED\">批准<", "2,400,000.00", "<code>A4@1</code>", "2026-07-19",
                "批准：全部条件均满足", "符合条件的运营费用 8,000,000.00 元的 30% = 2,400,000.00 元",
                "<caption id=\"criteria-caption\">审核条件</caption>",
                "<td lang=\"zh-CN\" class=\"wrap\">经市级认定的创新飞地</td>",
                "<td lang=\"en\" class=\"wrap\">an innovation enclave recognised by the city</td>",
                "data-passed=\"true\">满足<");
        // the placeholders of the pinned version (Measure.placeholders), flagged
        assertContains(html, "id=\"placeholders\"", "暂定口径：A4@1 的金额",
                "<li lang=\"en\">operating subsidy = 30% of eligible operating costs (source gives only the annual cap)</li>",
                "<li lang=\"en\">the cap year is the year of the decision&#39;s business date</li>");
        // the payment order (PaymentView)
        assertContains(html, "<caption id=\"payments-caption\">支付指令</caption>", "<code>PO-3K8P2W6N</code>",
                "data-order-state=\"IN_NOTICE\">公示中<", "资金拨付", "2026-05-29 00:00");
        assertContains(html, "href=\"/officer/queue\"", "href=\"/officer/applications\"");

        String as = "X-User=officer-1 X-Roles=officer X-District=HULI";
        assertAsked("GET /applications/APP-3K8P2W6N | " + as);
        assertAsked("GET /decisions/APP-3K8P2W6N | " + as);
        assertAsked("GET /measures/A4/versions/1 | " + as);
        assertTrue(lines("GET /payments?").stream().anyMatch(r -> r.contains("applicationId=APP-3K8P2W6N")
                && r.contains("limit=50") && r.contains(as)), String.join("\n", lines("GET /payments?")));
    }

    @Test
    void the_same_page_in_english() {
        String html = SignedIn.as(HULI_OFFICER).queryParam("lang", "en").when().get("/officer/applications/APP-3K8P2W6N")
                .then().statusCode(200).extract().asString();
        assertContains(html, "<html lang=\"en\">", "<h1>Application APP-3K8P2W6N</h1>",
                "Innovation enclaves and overseas collaborative innovation centres", ">In public notice<", ">Timeline<",
                ">Approved<", "Approved: every criterion is met",
                "30% of eligible operating costs of 8,000,000.00 CNY = 2,400,000.00 CNY", ">Criteria<", ">Met<",
                "Placeholder: the amount or conditions of A4@1 rest on these values", ">Payment orders<", ">Grant<",
                "Back to the applications", "Work queue");
        assertFalse(html.contains("办理记录"), "no Chinese heading on the English page");
        // the criteria stay in both languages, each marked with its own
        assertContains(html, "<td lang=\"zh-CN\" class=\"wrap\">经市级认定的创新飞地</td>");
    }

    @Test
    void the_applicants_own_application_page_is_asked_as_the_applicant() {
        String html = SignedIn.as(APPLICANT).when().get("/applicant/applications/APP-7Q2M4K9D").then().statusCode(200)
                .extract().asString();
        assertContains(html, "申请 APP-7Q2M4K9D", "data-status=\"PAID\">已拨付<", "<code>B3a@1</code>",
                "国家重点研发计划成果", "A national key R&amp;D result", "尚无支付指令。", "href=\"/applicant/applications\"",
                "<code>PAYMENT_DISBURSED</code>");
        assertFalse(html.contains("id=\"placeholders\""), "B3a@1 has no placeholders: nothing flagged");
        assertFalse(html.contains("/officer/queue"), "no officer's link on the applicant's page");
        String as = "X-User=me X-Roles=applicant X-District= X-Acting-For=" + SignedIn.USCC;
        assertAsked("GET /applications/APP-7Q2M4K9D | " + as);
        assertAsked("GET /decisions/APP-7Q2M4K9D | " + as);
        assertTrue(lines("GET /payments?").stream().anyMatch(r -> r.contains("applicationId=APP-7Q2M4K9D")
                && r.contains(as)), String.join("\n", lines("GET /payments?")));

        // one not decided yet: said so, and no measure version is asked for it
        SignedIn.as(APPLICANT).queryParam("lang", "en").when().get("/applicant/applications/APP-8R3N5L0E").then()
                .statusCode(200).body(containsString("Not decided yet"), containsString(">Submitted<"),
                        containsString("No payment order yet."));
    }

    @Test
    void an_application_the_person_may_not_see_is_a_404_page() {
        SignedIn.as(HULI_OFFICER).when().get("/officer/applications/APP-NOPE0000").then().statusCode(404)
                .body(containsString("未找到申请 APP-NOPE0000：它不存在，或您无权查看。"),
                        containsString("href=\"/officer/applications\""), not(containsString("Exception")));
        SignedIn.as(HULI_OFFICER).queryParam("lang", "en").when().get("/officer/applications/APP-NOPE0000").then()
                .statusCode(404).body(containsString("Application APP-NOPE0000 was not found"));
        // a service that answers another district's application anyway: the portal shows nothing of it
        SignedIn.as(HULI_OFFICER).when().get("/officer/applications/APP-SIMING01").then().statusCode(404)
                .body(not(containsString("创新飞地")));
        assertTrue(lines("GET /decisions/APP-SIMING01").isEmpty(), "nothing more asked about it");
        // another applicant's application (the fake answers it, its USCC is not this applicant's)
        SignedIn.as(APPLICANT).when().get("/applicant/applications/APP-3K8P2W6N").then().statusCode(404);
        // an id that is no id is not sent to the service
        SignedIn.as(HULI_OFFICER).when().get("/officer/applications/{id}", "APP<x>").then().statusCode(404)
                .body(containsString("未找到申请 APP&lt;x&gt;"));
        assertTrue(lines("GET /applications/APP<x>").isEmpty() && lines("GET /applications/APP%3Cx%3E").isEmpty());
    }

    @Test
    void a_refusal_is_shown_with_its_reason_and_a_failing_part_as_its_sentence() {
        SignedIn.as(SignedIn.officer("refused", District.HULI)).when().get("/officer/applications/APP-3K8P2W6N").then()
                .statusCode(403).body(containsString("applications 服务拒绝了请求（HTTP 403）："
                        + "a Huli officer sees only Huli applications"), not(containsString("Exception")));
        // eligibility fails: the decision says so, the application and its payment still show
        SignedIn.as(SignedIn.officer("eligibility-down", District.HULI)).when()
                .get("/officer/applications/APP-3K8P2W6N").then().statusCode(200)
                .body(containsString("id=\"decision-error\">eligibility 服务出错（HTTP 500），请稍后再试。"),
                        containsString("<code>DECIDED_APPROVED</code>"), containsString("<code>PO-3K8P2W6N</code>"),
                        not(containsString("boom")));
    }

    @Test
    void pages_of_another_role_are_refused_without_asking_a_service() {
        int before = SignedIn.downstreamRequests().lines().toList().size();
        SignedIn.as(APPLICANT).when().get("/officer/applications/APP-7Q2M4K9D").then().statusCode(403)
                .body(containsString("此页面不属于您的角色"));
        SignedIn.as(APPLICANT).when().get("/officer/queue").then().statusCode(403);
        SignedIn.as(HULI_OFFICER).when().get("/applicant/applications/APP-7Q2M4K9D").then().statusCode(403);
        SignedIn.as(Person.of("fin-1", org.susong.portal.domain.Role.FINANCE, null, null, null)).when()
                .get("/officer/queue").then().statusCode(403);
        assertEquals(before, SignedIn.downstreamRequests().lines().toList().size());
    }

    @Test
    void the_work_queue_shows_each_section_of_the_officers_district() {
        String html = SignedIn.as(HULI_OFFICER).when().get("/officer/queue").then().statusCode(200).extract().asString();
        assertContains(html, "<h1>湖里区待办事项</h1>",
                // reviews (DecisionView): a page with more after it
                "<caption id=\"reviews-caption\">待决定的人工审核 · 1 项（仅显示前 1 项，另有更多）</caption>",
                "href=\"/officer/applications/APP-4R7T1Y2U\"", "待第二人确认", "800,000.00",
                // contracts to review (ContractView)
                "<caption id=\"contracts-caption\">待审核的技术合同 · 1 项</caption>", "<code>TC-8H2J4K6L</code>",
                "锂电池隔膜涂覆技术转让", "厦门湖里新材料有限公司", "2,100,000.00", "2026-06-17",
                // overdue registrations (OverdueView)
                "<caption id=\"overdue-caption\">逾期未办结的合同登记审核 · 1 项</caption>", "<code>TC-1Q3W5E7R</code>",
                "<td class=\"num\">19</td>", "data-contract-status=\"SUBMITTED\">待审核<",
                // objections: orders on hold (PaymentView.hold)
                "<caption id=\"holds-caption\">待处理的异议（暂缓的支付指令） · 1 项</caption>", "<code>PO-9Z8X7C6V</code>",
                "href=\"/officer/applications/APP-9Z8X7C6V\"", "the company was struck off the register in May",
                "2026-06-04 16:00", "href=\"/officer/applications\"");
        assertContains(html, "scope=\"col\"", "aria-labelledby=\"holds-caption\"");
        String as = "X-User=officer-1 X-Roles=officer X-District=HULI";
        assertTrue(lines("GET /reviews?").stream().anyMatch(r -> r.contains("district=HULI") && r.contains("limit=50")
                && r.contains(as)), String.join("\n", lines("GET /reviews?")));
        assertTrue(lines("GET /contracts?").stream().anyMatch(r -> r.contains("district=HULI")
                && r.contains("status=SUBMITTED") && r.contains("limit=50") && r.contains(as)));
        assertTrue(lines("GET /contracts/overdue?").stream().anyMatch(r -> r.contains("limit=50") && r.contains(as)));
        assertTrue(lines("GET /payments?").stream().anyMatch(r -> r.contains("state=ON_HOLD")
                && r.contains("district=HULI") && r.contains("limit=50") && r.contains(as)));

        SignedIn.as(HULI_OFFICER).queryParam("lang", "en").when().get("/officer/queue").then().statusCode(200)
                .body(containsString("<h1>Work queue of Huli</h1>"),
                        containsString("Reviews to decide · 1 (the first 1; there are more)"),
                        containsString("Awaiting a second officer"), containsString("Contracts to review · 1<"),
                        containsString("Overdue registration reviews · 1<"),
                        containsString("Objections to handle (payment orders on hold) · 1<"));
    }

    @Test
    void a_failing_section_is_its_sentence_and_the_others_still_show() {
        SignedIn.as(SignedIn.officer("overdue-down", District.HULI)).when().get("/officer/queue").then().statusCode(200)
                .body(containsString("tech-contracts 服务出错（HTTP 500），请稍后再试。"),
                        containsString("<code>TC-8H2J4K6L</code>"), containsString("APP-4R7T1Y2U"),
                        containsString("<code>PO-9Z8X7C6V</code>"), not(containsString("TC-1Q3W5E7R")),
                        not(containsString("boom")));
    }

    @Test
    void the_lists_link_to_the_application_pages_and_the_queue() {
        SignedIn.as(HULI_OFFICER).when().get("/officer/applications").then().statusCode(200)
                .body(containsString("href=\"/officer/applications/APP-1A2B3C4D\""),
                        containsString("href=\"/officer/queue\""));
        SignedIn.as(APPLICANT).when().get("/applicant/applications").then().statusCode(200)
                .body(containsString("href=\"/applicant/applications/APP-7Q2M4K9D\""));
    }

    private static void assertContains(String html, String... parts) {
        for (String part : parts) {
            assertTrue(html.contains(part), "missing: " + part + "\n" + html);
        }
    }

    private static void assertAsked(String request) {
        assertTrue(SignedIn.downstreamRequests().lines().anyMatch(l -> l.startsWith(request)),
                "not asked: " + request + "\n" + SignedIn.downstreamRequests());
    }

    private static List<String> lines(String prefix) {
        return SignedIn.downstreamRequests().lines().filter(l -> l.startsWith(prefix)).toList();
    }
}
