package org.susong.portal.rest;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.susong.portal.domain.District;
import org.susong.portal.domain.Person;

/**
 * The applicant's apply form, generated from the measure's published facts schema: the fake answers eligibility's
 * {@code GET /measures} and {@code GET /measures/{code}} with the records of eligibility's {@code seed/measures.json}
 * (B1: enums, a text with a pattern, an integer with bounds; A4: an amount in fen), and applications'
 * {@code POST /applications} with its {@code SubmittedView} (or {@code FactsValidator}'s 422 naming the fact).
 */
@QuarkusTest
@WithTestResource(DownstreamFake.class)
class ApplyFormTest {

    private static final Person ME = SignedIn.applicant("me", SignedIn.USCC);
    private static final String SUBMIT = "POST /applications ";
    private static final Pattern KEY = Pattern.compile("name=\"idempotencyKey\" value=\"([0-9a-f-]{36})\"");

    @Test
    void the_open_measures_are_listed_and_linked_from_the_applicants_page() {
        SignedIn.as(ME).when().get("/applicant/applications").then().statusCode(200)
                .body(containsString("href=\"/applicant/apply\""));
        SignedIn.as(ME).when().get("/applicant/apply").then().statusCode(200)
                .body(containsString("href=\"/applicant/apply/B1\""), containsString("href=\"/applicant/apply/A4\""),
                        containsString("href=\"/applicant/apply/C1\""), containsString("高新技术企业等一次性奖励"),
                        containsString("2024-01-01 至 2026-12-31"),
                        not(containsString("href=\"/applicant/apply/A1\""))); // INFORMATIONAL: takes no applications
        String asked = lines("GET /measures?").get(0);
        assertTrue(asked.startsWith("GET /measures?limit=200 | X-User=me X-Roles=applicant X-District= X-Acting-For="
                + SignedIn.USCC), asked);
        SignedIn.as(ME).queryParam("lang", "en").when().get("/applicant/apply").then().statusCode(200)
                .body(containsString("Apply for support"), containsString("One-time rewards"),
                        containsString("2024-01-01 to 2026-12-31"));
    }

    @Test
    void the_form_is_generated_from_the_measures_schema_in_chinese_and_english() {
        String zh = SignedIn.as(ME).when().get("/applicant/apply/B1").then().statusCode(200).extract().asString();
        // B1's schema: category and certificationKind enums, certificateNumber a string (pattern, 1..40),
        // certificationYear an integer 2000..2100; all four required
        assertContains(zh, "<label for=\"fact-category\">认定类别",
                "<select id=\"fact-category\" name=\"f.category\" required aria-required=\"true\"",
                "<option value=\"HIGH_TECH_ENTERPRISE\">高新技术企业</option>",
                "<option value=\"TECH_INNOVATION_DEMO\">技术创新示范企业</option>",
                "<label for=\"fact-certificateNumber\">证书编号",
                "<input id=\"fact-certificateNumber\" name=\"f.certificateNumber\" value=\"\" maxlength=\"40\" required aria-required=\"true\"",
                "<label for=\"fact-certificationYear\">认定年度",
                "type=\"number\" step=\"1\" id=\"fact-certificationYear\" name=\"f.certificationYear\" value=\"\" min=\"2000\" max=\"2100\" required aria-required=\"true\"",
                "<option value=\"RENEWED\">重新认定</option>", "(必填)",
                "申请以 " + SignedIn.USCC + " 的名义提交", "<button type=\"submit\">提交申请</button>");
        assertTrue(KEY.matcher(zh).find(), "a submission number in the form");
        assertTrue(!zh.contains("applicantUscc"), "the USCC is no field of the form");
        String en = SignedIn.as(ME).queryParam("lang", "en").when().get("/applicant/apply/B1").then().statusCode(200)
                .extract().asString();
        assertContains(en, "<label for=\"fact-category\">Category", "National high-tech enterprise</option>",
                "<label for=\"fact-certificateNumber\">Certificate number", "Year certified", "(required)",
                "Submit the application");
        // A4's operatingCostsFen: an amount typed in yuan, not a number input in fen
        String a4 = SignedIn.as(ME).when().get("/applicant/apply/A4").then().statusCode(200).extract().asString();
        assertContains(a4, "<label for=\"fact-operatingCostsFen\">运行费用（元）",
                "<input id=\"fact-operatingCostsFen\" name=\"f.operatingCostsFen\" value=\"\" inputmode=\"decimal\"",
                "<option value=\"NONE\">无</option>");
        assertTrue(!a4.contains("type=\"number\" step=\"1\" id=\"fact-operatingCostsFen\""), a4);
        // two renders, two submission numbers
        assertTrue(!key(zh).equals(key(en)));
    }

    @Test
    void typed_facts_are_sent_as_the_signed_in_applicant_and_lead_to_the_application() {
        String key = key(SignedIn.as(ME).when().get("/applicant/apply/B1").then().extract().asString());
        b1(SignedIn.as(ME), key, "HIGH_TECH_ENTERPRISE", " GR202535000123 ", "2025", "FIRST")
                .formParam("applicantUscc", "91350200MA0000001W") // a forged field: never read
                .when().post("/applicant/apply/B1").then().statusCode(303)
                .header("Location", matchesPattern(".*/applicant/applications/APP-NEW\\d{5}$"));
        String sent = last(SUBMIT);
        assertTrue(sent.contains("X-User=me X-Roles=applicant X-District= X-Acting-For=" + SignedIn.USCC
                + " Idempotency-Key=" + key + " body="), sent);
        assertTrue(sent.endsWith("body={\"applicantUscc\":\"" + SignedIn.USCC + "\",\"measureCode\":\"B1\","
                + "\"facts\":{\"category\":\"HIGH_TECH_ENTERPRISE\",\"certificateNumber\":\"GR202535000123\","
                + "\"certificationYear\":2025,\"certificationKind\":\"FIRST\"},\"draft\":false}"), sent);
        // A4 (the operating subsidy, cap 5,000,000 per year; operatingCostsFen in the catalogue's schema):
        // 1,234,567.89 CNY is 123456789 fen, exactly
        String a4 = key(SignedIn.as(ME).when().get("/applicant/apply/A4").then().extract().asString());
        SignedIn.as(ME).contentType("application/x-www-form-urlencoded; charset=UTF-8").formParam("idempotencyKey", a4)
                .formParam("f.centreName", "厦门某新型研发机构").formParam("f.operatingCostsFen", "1,234,567.89")
                .formParam("f.performanceGrade", "A").when().post("/applicant/apply/A4").then().statusCode(303);
        assertTrue(last(SUBMIT).endsWith("\"facts\":{\"centreName\":\"厦门某新型研发机构\",\"operatingCostsFen\":123456789,"
                + "\"performanceGrade\":\"A\"},\"draft\":false}"), last(SUBMIT));
    }

    @Test
    void a_resubmitted_render_keeps_its_idempotency_key_so_a_double_submit_is_one_application() {
        String key = key(SignedIn.as(ME).when().get("/applicant/apply/B1").then().extract().asString());
        int before = lines(SUBMIT).size();
        String again = b1(SignedIn.as(ME), key, "LITTLE_GIANT", "GR1", "20x5", "FIRST").when()
                .post("/applicant/apply/B1").then().statusCode(400).extract().asString();
        assertEquals(key, key(again), "the form comes back with the same submission number");
        assertEquals(before, lines(SUBMIT).size(), "nothing sent");
        String first = b1(SignedIn.as(ME), key, "LITTLE_GIANT", "GR1", "2025", "FIRST").when()
                .post("/applicant/apply/B1").then().statusCode(303).extract().header("Location");
        String second = b1(SignedIn.as(ME), key, "LITTLE_GIANT", "GR1", "2025", "FIRST").when()
                .post("/applicant/apply/B1").then().statusCode(303).extract().header("Location");
        assertEquals(first, second, "the service answers the same key with the same application");
        List<String> sent = lines(SUBMIT);
        assertEquals(before + 2, sent.size());
        assertTrue(sent.get(sent.size() - 1).contains("Idempotency-Key=" + key), sent.get(sent.size() - 1));
        assertTrue(sent.get(sent.size() - 2).contains("Idempotency-Key=" + key), sent.get(sent.size() - 2));
    }

    @Test
    void a_bad_field_is_refused_on_the_form_naming_it_and_nothing_is_sent() {
        int before = lines(SUBMIT).size();
        String key = key(SignedIn.as(ME).when().get("/applicant/apply/B1").then().extract().asString());
        String page = b1(SignedIn.as(ME), key, "NOT_A_CATEGORY", "GR#1", "1999", "").when()
                .post("/applicant/apply/B1").then().statusCode(400).extract().asString();
        assertContains(page, "有 4 项需要修改", "name=\"f.category\" required aria-required=\"true\" aria-invalid=\"true\" aria-describedby=\"fact-category-error\"",
                "<p class=\"error\" id=\"fact-category-error\">请从列表中选择。</p>",
                "name=\"f.certificateNumber\" value=\"GR#1\"", "<p class=\"error\" id=\"fact-certificateNumber-error\">格式不符合要求。</p>",
                "value=\"1999\" min=\"2000\"", "<p class=\"error\" id=\"fact-certificationYear-error\">不能小于 2000。</p>",
                "<p class=\"error\" id=\"fact-certificationKind-error\">请填写此项。</p>",
                "<a href=\"#fact-certificationYear\">认定年度</a>");
        String en = SignedIn.as(ME).queryParam("lang", "en").contentType("application/x-www-form-urlencoded")
                .formParam("idempotencyKey", key).formParam("f.centreName", "x").formParam("f.operatingCostsFen", "12.345")
                .formParam("f.performanceGrade", "A").when().post("/applicant/apply/A4").then().statusCode(400)
                .extract().asString();
        assertContains(en, "1 field needs changing", "name=\"f.operatingCostsFen\" value=\"12.345\"",
                "aria-invalid=\"true\" aria-describedby=\"fact-operatingCostsFen-error\"",
                "The amount is not valid: a positive number of CNY with at most two decimals");
        // without its submission number the form is shown again with a new one
        String stale = SignedIn.as(ME).contentType("application/x-www-form-urlencoded")
                .formParam("f.centreName", "x").formParam("f.operatingCostsFen", "12").formParam("f.performanceGrade", "A")
                .when().post("/applicant/apply/A4").then().statusCode(400).extract().asString();
        assertContains(stale, "表单已失效");
        assertTrue(KEY.matcher(stale).find());
        assertEquals(before, lines(SUBMIT).size(), "nothing sent");
    }

    @Test
    void the_services_refusal_naming_a_fact_is_shown_on_that_field() {
        Person refused = SignedIn.applicant("facts-refused", SignedIn.USCC);
        String key = key(SignedIn.as(refused).when().get("/applicant/apply/B1").then().extract().asString());
        String page = b1(SignedIn.as(refused), key, "HIGH_TECH_ENTERPRISE", "GR1", "2025", "FIRST").when()
                .post("/applicant/apply/B1").then().statusCode(422).extract().asString();
        assertContains(page, "name=\"f.certificateNumber\" value=\"GR1\" maxlength=\"40\" required aria-required=\"true\" aria-invalid=\"true\"",
                "<p class=\"error\" id=\"fact-certificateNumber-error\">applications 服务拒绝了请求（HTTP 422）："
                        + "measure B1: $.certificateNumber: does not match the regex pattern</p>",
                "name=\"idempotencyKey\" value=\"" + key + "\"");
        // a refusal of no field of the form is the form's sentence
        Person period = SignedIn.applicant("period-refused", SignedIn.USCC);
        String other = b1(SignedIn.as(period), key, "HIGH_TECH_ENTERPRISE", "GR1", "2025", "FIRST").when()
                .post("/applicant/apply/B1").then().statusCode(422).extract().asString();
        assertContains(other, "role=\"alert\" id=\"form-error\"", "period 2023 is outside measure B1&#39;s validity window");
        assertTrue(!other.contains("aria-invalid=\"true\""), other);
    }

    @Test
    void an_officer_may_not_apply_and_a_measure_that_takes_no_applications_has_no_form() {
        Person officer = SignedIn.officer("officer-1", District.HULI);
        int before = SignedIn.downstreamRequests().lines().toList().size();
        SignedIn.as(officer).when().get("/applicant/apply").then().statusCode(403);
        SignedIn.as(officer).when().get("/applicant/apply/B1").then().statusCode(403);
        b1(SignedIn.as(officer), "0f8fad5b-d9cb-469f-a165-70867728950e", "HIGH_TECH_ENTERPRISE", "GR1", "2025", "FIRST")
                .when().post("/applicant/apply/B1").then().statusCode(403);
        assertEquals(before, SignedIn.downstreamRequests().lines().toList().size(), "nothing asked, nothing sent");
        SignedIn.as(ME).when().get("/applicant/apply/A1").then().statusCode(409)
                .body(allOf(containsString("措施 A1 目前不受理申请"), not(containsString("<form method=\"post\" action=\"/applicant/apply"))));
        SignedIn.as(ME).when().get("/applicant/apply/Z9").then().statusCode(404).body(containsString("措施 Z9 不存在"));
        int asked = SignedIn.downstreamRequests().lines().toList().size();
        SignedIn.as(ME).when().get("/applicant/apply/B1..x").then().statusCode(404);
        assertEquals(asked, SignedIn.downstreamRequests().lines().toList().size(), "a code that is no code is not sent");
    }

    private static RequestSpecification b1(RequestSpecification as, String key, String category, String number,
                                           String year, String kind) {
        return as.contentType("application/x-www-form-urlencoded").formParam("idempotencyKey", key)
                .formParam("f.category", category).formParam("f.certificateNumber", number)
                .formParam("f.certificationYear", year).formParam("f.certificationKind", kind);
    }

    private static String key(String page) {
        Matcher m = KEY.matcher(page);
        assertTrue(m.find(), "no submission number in the page");
        return m.group(1);
    }

    private static void assertContains(String page, String... parts) {
        for (String part : parts) {
            assertTrue(page.contains(part), "missing «" + part + "» in\n" + page);
        }
    }

    private static List<String> lines(String prefix) {
        return SignedIn.downstreamRequests().lines().filter(l -> l.startsWith(prefix)).toList();
    }

    private static String last(String prefix) {
        List<String> lines = lines(prefix);
        assertTrue(!lines.isEmpty(), "nothing sent");
        return lines.get(lines.size() - 1);
    }
}
