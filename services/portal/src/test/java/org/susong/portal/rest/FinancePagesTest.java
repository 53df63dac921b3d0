package org.susong.portal.rest;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.susong.portal.domain.District;
import org.susong.portal.domain.Person;
import org.susong.portal.domain.Role;

/**
 * The finance bureau's pages (issue 18 item 3) on {@link FinanceFake}'s payments: the orders awaiting approval and their
 * (bulk) approval, one {@code POST /payments/{id}/approvals} per checked order as the signed-in finance officer; the
 * public-notice list; a date's batches and their pain.001 files through the portal; the 2024-2026 budget. Each page in
 * Chinese and English, as the finance person ({@code X-Roles: finance}); other roles refused with nothing asked.
 */
@QuarkusTest
@WithTestResource(DownstreamFake.class)
class FinancePagesTest {

    private static final Person FIN_A = Person.of("fin-a", Role.FINANCE, null, null, null);
    private static final Person FIN_B = Person.of("fin-b", Role.FINANCE, null, null, null);

    @Test
    void a_finance_person_is_led_from_home_to_the_approvals() {
        SignedIn.as(FIN_B).when().get("/").then().statusCode(303)
                .header("Location", containsString("/finance/approvals"));
    }

    @Test
    void the_orders_awaiting_approval_with_who_approved_them_in_both_languages() {
        String zh = SignedIn.as(FIN_B).when().get("/finance/approvals").then().statusCode(200).extract().asString();
        assertContains(zh, "<h1>待审批的支付指令</h1>", "<caption id=\"approvals-caption\">待审批的支付指令</caption>",
                "<code>PO-FIN00001</code>", "<code>APP-FIN00001</code>", "湖里区", "300,000.00", "已审批 0/1",
                // above the dual-approval amount: 2 officers, fin-a approved already (maker-checker visible)
                "<code>PO-FIN00002</code>", "思明区", "6,000,000.00", "已审批 1/2: 审批人：fin-a",
                "name=\"order\" value=\"PO-FIN00003\"", "aria-label=\"审批支付指令 PO-FIN00003\"", "集美区",
                "审批所选的支付指令", "href=\"/finance/approvals?cursor=f2\"", "href=\"/finance/notices\"",
                "href=\"/finance/batches\"", "href=\"/finance/budget\"");
        assertFalse(zh.contains("href=\"/officer/applications/APP-FIN00001\""), "no officer page link for finance");
        String asked = last("GET /payments?");
        assertTrue(asked.contains("state=AWAITING_APPROVAL") && asked.contains("limit=50"), asked);
        assertTrue(asked.contains("X-User=fin-b X-Roles=finance"), asked);
        SignedIn.as(FIN_B).queryParam("cursor", "f2").when().get("/finance/approvals").then().statusCode(200);
        assertTrue(last("GET /payments?").contains("cursor=f2"), last("GET /payments?"));

        SignedIn.as(FIN_B).queryParam("lang", "en").when().get("/finance/approvals").then().statusCode(200)
                .body(containsString("<h1>Orders awaiting approval</h1>"), containsString("1 of 2 approved: approved by fin-a"),
                        containsString("Siming"), containsString("Approve the checked orders"),
                        containsString("aria-label=\"Approve payment order PO-FIN00001\""), not(containsString("审批所选")));
    }

    @Test
    void a_bulk_approval_sends_one_post_per_order_as_the_officer_and_shows_each_outcome() {
        int before = lines("POST /payments/").size();
        String html = approve(SignedIn.as(FIN_A), "PO-FIN00001", "PO-FIN00002", "PO-FIN00003").when()
                .post("/finance/approvals").then().statusCode(200).extract().asString();
        List<String> sent = lines("POST /payments/");
        assertEquals(before + 3, sent.size(), String.join("\n", sent));
        List<String> mine = sent.subList(before, sent.size());
        assertTrue(mine.get(0).startsWith("POST /payments/PO-FIN00001/approvals | X-User=fin-a X-Roles=finance"), mine.get(0));
        assertTrue(mine.get(1).startsWith("POST /payments/PO-FIN00002/approvals | X-User=fin-a X-Roles=finance"), mine.get(1));
        assertTrue(mine.get(2).startsWith("POST /payments/PO-FIN00003/approvals | X-User=fin-a X-Roles=finance"), mine.get(2));
        // fin-a approved PO-FIN00002 before: the service's 409 is its sentence, the other two are approved
        assertContains(html, "<h1>审批结果</h1>",
                "<tr data-outcome=\"APPROVED\">\n    <th scope=\"row\"><code>PO-FIN00001</code></th>",
                "<tr data-outcome=\"REFUSED\">\n    <th scope=\"row\"><code>PO-FIN00002</code></th>",
                "payments 服务拒绝了请求（HTTP 409）：officer fin-a already approved payment order PO-FIN00002; a second,"
                        + " different finance officer must approve it",
                "<tr data-outcome=\"APPROVED\">\n    <th scope=\"row\"><code>PO-FIN00003</code></th>", "已批准",
                "已审批 1/1: 审批人：fin-a", "href=\"/finance/approvals\"");

        // a second officer completes the dual approval; in English
        approve(SignedIn.as(FIN_B), "PO-FIN00002").queryParam("lang", "en").when().post("/finance/approvals").then()
                .statusCode(200).body(containsString("data-outcome=\"APPROVED\""),
                        containsString("2 of 2 approved: approved by fin-a, fin-b"), containsString("Approved"));
        // the first of two officers on an order above the dual-approval amount: it awaits the second
        String pending = approve(SignedIn.as(Person.of("fin-c", Role.FINANCE, null, null, null)), "PO-FIN00004")
                .when().post("/finance/approvals").then().statusCode(200).extract().asString();
        assertContains(pending, "data-outcome=\"AWAITING_SECOND\"", "已审批，待另一名财务人员审批",
                "已审批 1/2: 审批人：fin-c");
    }

    @Test
    void only_a_refusal_answers_its_status_and_a_failure_stops_the_rest() {
        approve(SignedIn.as(FIN_A), "PO-FIN00002").queryParam("lang", "en").when().post("/finance/approvals").then()
                .statusCode(409).body(containsString("The payments service refused the request (HTTP 409): officer fin-a"
                        + " already approved payment order PO-FIN00002"), containsString("Refused"));
        int before = lines("POST /payments/").size();
        String html = approve(SignedIn.as(Person.of("approvals-down", Role.FINANCE, null, null, null)), "PO-FIN00001",
                "PO-FIN00002", "PO-FIN00003").when().post("/finance/approvals").then().statusCode(200).extract()
                .asString();
        List<String> sent = lines("POST /payments/");
        assertEquals(before + 2, sent.size(), "PO-FIN00003 is not sent after the 500 of PO-FIN00002");
        assertContains(html, "data-outcome=\"NOT_SENT\"", "未提交（前一项失败，结果不明）", "payments 服务出错（HTTP 500）");
        assertFalse(html.contains("boom"));
    }

    @Test
    void nothing_is_sent_for_an_invalid_form() {
        int before = lines("POST /payments/").size();
        SignedIn.as(FIN_A).contentType("application/x-www-form-urlencoded").formParam("other", "x").when()
                .post("/finance/approvals").then().statusCode(400)
                .body(containsString("请至少勾选一项支付指令（字段 order）"), containsString("href=\"/finance/approvals\""));
        SignedIn.as(FIN_A).contentType("application/x-www-form-urlencoded").queryParam("lang", "en").formParam("other", "x")
                .when().post("/finance/approvals").then().statusCode(400)
                .body(containsString("Check at least one order (field order); nothing was sent."));
        approve(SignedIn.as(FIN_A), "PO-FIN00001", "../budgets").when().post("/finance/approvals").then().statusCode(400)
                .body(containsString("支付指令编号无效（字段 order）：../budgets"));
        assertEquals(before, lines("POST /payments/").size());
    }

    @Test
    void the_public_notice_list_in_both_languages() {
        SignedIn.as(FIN_B).when().get("/finance/notices").then().statusCode(200)
                .body(containsString("<h1>公示名单</h1>"), containsString("<code>PO-NOT00002</code>"),
                        containsString("1,234,567.89"), containsString("2026-06-15"),
                        containsString("<code>91350100M000100Y43</code>"),
                        containsString("lang=\"en\">POST /payments/PO-NOT00001/objections with the reason"));
        assertTrue(last("GET /payments/notices").contains("limit=50")
                && last("GET /payments/notices").contains("X-User=fin-b X-Roles=finance"), last("GET /payments/notices"));
        SignedIn.as(FIN_B).queryParam("lang", "en").when().get("/finance/notices").then().statusCode(200)
                .body(containsString("<h1>Public notice list</h1>"), containsString("How to object"));
    }

    @Test
    void the_batches_of_a_date_link_each_exported_file_in_both_languages() {
        String zh = SignedIn.as(FIN_B).queryParam("date", "2026-06-15").when().get("/finance/batches").then()
                .statusCode(200).extract().asString();
        assertContains(zh, "<h1>拨付批次</h1>", "2026-06-15 的批次", "<code>" + FinanceFake.EXPORTED + "</code>", "已导出",
                "450,000.00", "2026-06-15 17:00", "href=\"/finance/batches/" + FinanceFake.EXPORTED + "/file\"",
                "<code>" + FinanceFake.OPEN + "</code>", "开放（可加入指令）", "尚未导出");
        assertFalse(zh.contains("href=\"/finance/batches/" + FinanceFake.OPEN + "/file\""));
        String asked = last("GET /batches?");
        assertTrue(asked.contains("date=2026-06-15") && asked.contains("X-User=fin-b X-Roles=finance"), asked);
        SignedIn.as(FIN_B).queryParam("date", "2026-06-15").queryParam("lang", "en").when().get("/finance/batches").then()
                .statusCode(200).body(containsString("Batches of 2026-06-15"), containsString("Exported"),
                        containsString("Open (orders join)"), containsString("not exported yet"));
        // no date: today in Xiamen; a date that is none: 400 naming the field, nothing asked
        SignedIn.as(FIN_B).when().get("/finance/batches").then().statusCode(200).body(containsString("该日没有批次。"));
        int before = lines("GET /batches").size();
        SignedIn.as(FIN_B).queryParam("date", "2026-02-30").when().get("/finance/batches").then().statusCode(400)
                .body(containsString("日期无效（字段 date）：2026-02-30"), containsString("aria-invalid=\"true\""));
        assertEquals(before, lines("GET /batches").size());
    }

    @Test
    void the_file_download_passes_the_bytes_and_headers_through_and_a_409_is_a_sentence() {
        ExtractableResponse<Response> file = SignedIn.as(FIN_B).when()
                .get("/finance/batches/" + FinanceFake.EXPORTED + "/file").then().statusCode(200).extract();
        assertArrayEquals(FinanceFake.PAIN_001.getBytes(StandardCharsets.UTF_8), file.asByteArray());
        assertTrue(file.contentType().startsWith("application/xml"), file.contentType());
        assertEquals("attachment; filename=\"" + FinanceFake.EXPORTED + ".pain.001.xml\"",
                file.header("Content-Disposition"));
        assertTrue(last("GET /batches/").startsWith("GET /batches/" + FinanceFake.EXPORTED + "/file | X-User=fin-b"
                + " X-Roles=finance"), last("GET /batches/"));
        SignedIn.as(FIN_B).when().get("/finance/batches/" + FinanceFake.OPEN + "/file").then().statusCode(409)
                .body(containsString("payments 服务拒绝了请求（HTTP 409）：batch " + FinanceFake.OPEN
                        + " is OPEN and has no file yet"), containsString("href=\"/finance/batches\""));
        SignedIn.as(FIN_B).queryParam("lang", "en").when().get("/finance/batches/BATCH-NONE/file").then().statusCode(404)
                .body(containsString("The payments service refused the request (HTTP 404)"));
    }

    @Test
    void the_budget_per_line_and_year_against_the_commitment_in_both_languages() {
        String zh = SignedIn.as(FIN_B).when().get("/finance/budget").then().statusCode(200).extract().asString();
        assertContains(zh, "<h1>预算执行（2024-2026）</h1>", "2024 年度预算科目: 该年度没有预算科目。",
                "<caption id=\"year-2025-caption\">2025 年度预算科目</caption>", "<code>BL-2025-B1</code> (占位)",
                "500,000,000.00", "120,000,000.00", "<caption id=\"year-2026-caption\">2026 年度预算科目</caption>",
                "<code>BL-2026-A4</code>", "194,000,000.00", "15,000.00", "2,500.00", "2026 年合计", "800,000,000.00",
                "2024-2026 合计与财政承诺", "1,300,000,000.00", "30,000,000,000.00", "4.33%", "0.40%",
                "C1：2024-2026 年财政科技投入承诺不少于 300 亿元");
        assertTrue(last("GET /budgets").contains("X-User=fin-b X-Roles=finance"), last("GET /budgets"));
        SignedIn.as(FIN_B).queryParam("lang", "en").when().get("/finance/budget").then().statusCode(200)
                .body(containsString("Budget lines of 2026"), containsString("Allocated (CNY)"),
                        containsString("Total 2024-2026"), containsString("(placeholder)"),
                        containsString("not progress towards it"));
    }

    @Test
    void the_budget_chart_uses_the_portals_own_echarts_and_the_years_data() {
        String html = SignedIn.as(FIN_B).when().get("/finance/budget").then().statusCode(200).extract().asString();
        assertContains(html, "<script src=\"/webjars/echarts/5.3.1/dist/echarts.min.js\" defer></script>",
                "<script src=\"/budget-chart.js\" defer></script>", "id=\"budget-chart\" class=\"chart\" hidden aria-hidden=\"true\"",
                "data-year=\"2026\" data-allocated=\"800000000.00\" data-reserved=\"6300000.00\" data-disbursed=\"450000.00\"",
                "data-year=\"2024\" data-allocated=\"0.00\"");
        assertFalse(html.contains("cdn"), "no CDN");
        // served by the portal itself (the webjar's META-INF/resources), not from elsewhere
        io.restassured.RestAssured.given().when().get("/webjars/echarts/5.3.1/dist/echarts.min.js").then().statusCode(200)
                .body(containsString("echarts"));
        io.restassured.RestAssured.given().when().get("/budget-chart.js").then().statusCode(200)
                .body(containsString("echarts.init"));
    }

    @Test
    void a_failing_service_is_a_sentence_on_each_page() {
        Person down = Person.of("payments-down", Role.FINANCE, null, null, null);
        for (String page : List.of("/finance/approvals", "/finance/notices", "/finance/batches", "/finance/budget")) {
            SignedIn.as(down).when().get(page).then().statusCode(502)
                    .body(containsString("payments 服务出错（HTTP 500）"), not(containsString("boom")));
        }
    }

    @Test
    void other_roles_are_refused_and_nothing_is_asked() {
        int before = SignedIn.downstreamRequests().lines().toList().size();
        Person officer = SignedIn.officer("officer-1", District.HULI);
        Person applicant = SignedIn.applicant("me", SignedIn.USCC);
        for (Person p : List.of(officer, applicant)) {
            for (String page : List.of("/finance/approvals", "/finance/notices", "/finance/batches", "/finance/budget",
                    "/finance/batches/" + FinanceFake.EXPORTED + "/file")) {
                SignedIn.as(p).when().get(page).then().statusCode(403).body(containsString("此页面不属于您的角色"));
            }
            approve(SignedIn.as(p), "PO-FIN00001").when().post("/finance/approvals").then().statusCode(403);
        }
        RequestSpecification nobody = io.restassured.RestAssured.given().redirects().follow(false);
        nobody.when().get("/finance/approvals").then().statusCode(303).header("Location", containsString("/sign-in"));
        assertEquals(before, SignedIn.downstreamRequests().lines().toList().size());
    }

    private static RequestSpecification approve(RequestSpecification as, String... orders) {
        RequestSpecification form = as.contentType("application/x-www-form-urlencoded");
        for (String order : orders) {
            form = form.formParam("order", order);
        }
        return form;
    }

    private static List<String> lines(String prefix) {
        return SignedIn.downstreamRequests().lines().filter(l -> l.startsWith(prefix)).toList();
    }

    private static String last(String prefix) {
        List<String> all = lines(prefix);
        return all.isEmpty() ? "" : all.get(all.size() - 1);
    }

    private static void assertContains(String html, String... parts) {
        for (String part : parts) {
            assertTrue(html.contains(part), () -> "missing " + part + " in\n" + html);
        }
    }
}
