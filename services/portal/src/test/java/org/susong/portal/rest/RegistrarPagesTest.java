package org.susong.portal.rest;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.susong.portal.domain.District;
import org.susong.portal.domain.Person;
import org.susong.portal.domain.Role;

/**
 * The registry's pages (role {@code registrar}, issue 18 item 3) against {@link RegistryFake}: the review queue
 * ({@code Page<ContractView>}), a contract ({@code ContractView} with {@code PartyView}, {@code AmendmentView},
 * {@code ReasonView}), its registration and refusal ({@code POST /contracts/{id}/registration}, {@code .../refusal} with
 * {@code ContractResource.RefusalRequest}), and a year's statistics ({@code StatisticsResource.YearView}, its CSV).
 * Each test signs in as its own user, so the fake's record of requests is read per user.
 */
@QuarkusTest
@WithTestResource(DownstreamFake.class)
class RegistrarPagesTest {

    private static Person registrar(String user) {
        return Person.of(user, Role.REGISTRAR, null, null, null);
    }

    @Test
    void the_queue_lists_every_districts_submitted_contracts_as_the_registrar_in_both_languages() {
        SignedIn.as(registrar("reg-queue")).when().get("/registrar/queue").then().statusCode(200)
                .body(containsString("<html lang=\"zh-CN\">"), containsString("待审核的技术合同（全市）"),
                        containsString("href=\"/registrar/contracts/TC-REG00002\""),
                        containsString("href=\"/registrar/contracts/TC-REG00001\""),
                        containsString("海洋微藻提取工艺技术许可"), containsString("技术许可"), containsString("技术开发"),
                        containsString("厦门集美海洋生物科技有限公司"), containsString("Nairobi Marine Foods Ltd"),
                        containsString("集美区"), containsString("思明区"),
                        containsString("990,000.00"), containsString("3,825,000.00"), // technical amounts in yuan
                        containsString("2026-11-23"), containsString("2026-12-07 （暂定）"), // submitted, review due
                        containsString("<th scope=\"col\">合同类型</th>"), containsString("<caption"),
                        containsString("href=\"/registrar/queue?cursor=q2\""));
        List<String> asked = asked("reg-queue");
        assertEquals(1, asked.size(), asked.toString());
        // every district (no district filter), SUBMITTED, a page of 50, as the registrar
        assertTrue(asked.get(0).startsWith("GET /contracts?status=SUBMITTED&limit=50 | X-User=reg-queue X-Roles=registrar"),
                asked.get(0));
        SignedIn.as(registrar("reg-queue")).queryParam("lang", "en").when().get("/registrar/queue").then()
                .statusCode(200).body(containsString("<html lang=\"en\">"),
                        containsString("Contracts awaiting review (city-wide)"), containsString("Licensing"),
                        containsString("Development"), containsString("Jimei"), containsString("(provisional)"),
                        containsString("<th scope=\"col\">Submitted on</th>"), not(containsString("合同类型")));
        SignedIn.as(registrar("reg-queue")).queryParam("cursor", "q2").when().get("/registrar/queue").then()
                .statusCode(200).body(containsString("TC-REG00003"), not(containsString("TC-REG00002")));
        assertTrue(asked("reg-queue").get(2).startsWith("GET /contracts?status=SUBMITTED&cursor=q2&limit=50"));
    }

    @Test
    void the_home_page_leads_a_registrar_to_the_queue() {
        SignedIn.as(registrar("reg-home")).when().get("/").then().statusCode(303)
                .header("Location", containsString("/registrar/queue"));
    }

    @Test
    void a_submitted_contract_shows_its_terms_parties_and_the_two_forms_in_both_languages() {
        SignedIn.as(registrar("reg-view")).when().get("/registrar/contracts/TC-REG00001").then().statusCode(200)
                .body(containsString("技术合同 TC-REG00001"), containsString("高效钙钛矿叠层电池制备技术开发"),
                        containsString("待审核"), containsString("厦门思明光电研究院有限公司"),
                        containsString("91440300MA5G0T7Q2H"), containsString("4,500,000.00"),
                        containsString("3,825,000.00"), containsString("2,250,000.00"), // an instalment
                        containsString("2026-11-26"), containsString("非金砖国家"),
                        containsString("action=\"/registrar/contracts/TC-REG00001/registration\""),
                        containsString("action=\"/registrar/contracts/TC-REG00001/refusal\""),
                        containsString("<legend>不予登记的理由（至少一项）</legend>"),
                        containsString("value=\"NOT_A_TECHNOLOGY_CONTRACT\""), containsString("value=\"SEAL_PROBLEMS\""),
                        containsString("<label for=\"text-OTHER\">说明：其他"), containsString("不属于技术合同"));
        SignedIn.as(registrar("reg-view")).queryParam("lang", "en").when().get("/registrar/contracts/TC-REG00001")
                .then().statusCode(200).body(containsString("Contract TC-REG00001"), containsString("Submitted"),
                        containsString("Register the contract"), containsString("Refuse the contract"),
                        containsString("Not a technology contract"), containsString("Explanation: Other"));
        assertTrue(asked("reg-view").get(0).startsWith("GET /contracts/TC-REG00001 | X-User=reg-view X-Roles=registrar"));
    }

    @Test
    void a_registered_contract_shows_its_number_and_amendment_refusal_without_the_forms() {
        SignedIn.as(registrar("reg-view2")).when().get("/registrar/contracts/TC-REG00004").then().statusCode(200)
                .body(containsString("2026350200000311"), containsString("已登记"), containsString("补充协议提高合同金额"),
                        containsString("不予批准"), containsString("材料缺失或无效: 补充协议未盖章"),
                        containsString("3,600,000.00"), not(containsString("/registration\"")),
                        not(containsString("/refusal\"")));
        SignedIn.as(registrar("reg-view2")).when().get("/registrar/contracts/TC-NOPE0000").then().statusCode(404)
                .body(containsString("未找到技术合同 TC-NOPE0000"));
    }

    @Test
    void registering_sends_one_post_as_the_registrar_and_shows_the_number_issued() {
        SignedIn.as(registrar("reg-register")).contentType("application/x-www-form-urlencoded").when()
                .post("/registrar/contracts/TC-REG00001/registration").then().statusCode(200)
                .body(containsString("已予登记，登记编号 2026350200004217。"), containsString("已登记"),
                        not(containsString("action=\"/registrar/contracts/TC-REG00001/registration\"")));
        List<String> posts = asked("reg-register").stream().filter(l -> l.startsWith("POST")).toList();
        assertEquals(1, posts.size(), posts.toString());
        assertTrue(posts.get(0).startsWith("POST /contracts/TC-REG00001/registration | X-User=reg-register "
                + "X-Roles=registrar"), posts.get(0));
    }

    @Test
    void an_invalid_refusal_is_400_on_the_form_naming_the_field_and_nothing_is_sent() {
        // no reason chosen
        refusal(registrar("reg-bad"), List.of(), "", "").when().post("/registrar/contracts/TC-REG00001/refusal")
                .then().statusCode(400).body(containsString("请至少选择一项理由。"), containsString("role=\"alert\""),
                        containsString("aria-invalid=\"true\" aria-describedby=\"reasons-error\""),
                        containsString("action=\"/registrar/contracts/TC-REG00001/refusal\""));
        // OTHER without its text: that field marked, the other typed text kept
        refusal(registrar("reg-bad"), List.of("SEAL_PROBLEMS", "OTHER"), "印章与登记名称不符", "").when()
                .post("/registrar/contracts/TC-REG00001/refusal").then().statusCode(400)
                .body(containsString("选择“其他”须填写说明。"), containsString("href=\"#text-OTHER\""),
                        containsString("id=\"text-OTHER\" name=\"text.OTHER\" value=\"\" maxlength=\"2000\" "
                                + "aria-invalid=\"true\" aria-describedby=\"text-OTHER-error\""),
                        containsString("value=\"印章与登记名称不符\""),
                        containsString("value=\"SEAL_PROBLEMS\" checked"));
        // a code the service does not know, in English
        refusal(registrar("reg-bad"), List.of("MAYBE"), "", "").queryParam("lang", "en").when()
                .post("/registrar/contracts/TC-REG00001/refusal").then().statusCode(400)
                .body(containsString("Unknown reason: MAYBE."), containsString("nothing was sent"));
        // a text for a reason not chosen
        refusal(registrar("reg-bad"), List.of("OTHER"), "印章问题的说明", "另有原因").when()
                .post("/registrar/contracts/TC-REG00001/refusal").then().statusCode(400)
                .body(containsString("填写了说明，但未选择此理由"));
        assertTrue(asked("reg-bad").stream().noneMatch(l -> l.startsWith("POST")), asked("reg-bad").toString());
    }

    @Test
    void a_valid_refusal_is_sent_with_its_reasons_and_shows_the_answer() {
        refusal(registrar("reg-refuse"), List.of("NOT_A_TECHNOLOGY_CONTRACT", "OTHER"), "", " 设备采购清单占合同金额的九成 ")
                .when().post("/registrar/contracts/TC-REG00001/refusal").then().statusCode(200)
                .body(containsString("已决定不予登记。"), containsString("不予登记</dd>"), containsString("不属于技术合同"),
                        containsString("设备采购清单占合同金额的九成"));
        List<String> posts = asked("reg-refuse").stream().filter(l -> l.startsWith("POST")).toList();
        assertEquals(1, posts.size(), posts.toString());
        String sent = posts.get(0);
        assertTrue(sent.startsWith("POST /contracts/TC-REG00001/refusal | X-User=reg-refuse X-Roles=registrar"), sent);
        // ContractResource.RefusalRequest: the chosen codes in the service's order, OTHER with its trimmed text
        assertTrue(sent.endsWith("body={\"reasons\":[{\"code\":\"NOT_A_TECHNOLOGY_CONTRACT\",\"text\":null},"
                + "{\"code\":\"OTHER\",\"text\":\"设备采购清单占合同金额的九成\"}]}"), sent);
    }

    @Test
    void the_services_409_is_its_sentence() {
        SignedIn.as(registrar("registrar-twice")).contentType("application/x-www-form-urlencoded").when()
                .post("/registrar/contracts/TC-REG00001/registration").then().statusCode(409)
                .body(containsString("tech-contracts 服务拒绝了请求（HTTP 409）：contract TC-REG00001 is REGISTERED and "
                        + "cannot be registered (only a SUBMITTED one can)"),
                        containsString("href=\"/registrar/contracts/TC-REG00001\""), not(containsString("Exception")));
        refusal(registrar("registrar-twice"), List.of("SEAL_PROBLEMS"), "", "").queryParam("lang", "en").when()
                .post("/registrar/contracts/TC-REG00001/refusal").then().statusCode(409)
                .body(containsString("The tech-contracts service refused the request (HTTP 409): contract TC-REG00001"));
    }

    @Test
    void the_statistics_are_the_services_figures_in_both_languages_with_its_csv() {
        SignedIn.as(registrar("reg-stats")).when().get("/registrar/statistics/2023").then().statusCode(200)
                .body(containsString("2023 年技术合同登记统计"),
                        // the fake's figures (StatisticsResource.YearView), not the portal's
                        containsString("<td class=\"num\">8,025</td>"), containsString("17,358,123,456.78"),
                        containsString("14,022,334,455.66"), containsString("<td class=\"num\">6,201</td>"),
                        containsString("+29.41 %"), containsString("+33.41 %"),
                        containsString("按合同类型"), containsString("技术开发"), containsString("<td class=\"num\">5111</td>"),
                        containsString("按卖方所在区"), containsString("湖里区"), containsString("<td class=\"num\">4321</td>"),
                        containsString("12 月"), containsString("涉外合同"), containsString("金砖国家成员国"),
                        containsString("<caption id=\"district-caption\">"), containsString("scope=\"row\""),
                        containsString("href=\"/registrar/statistics/2023.csv\""),
                        // the chart: ECharts served by the portal (no CDN), aria-hidden beside its table
                        containsString("<div class=\"chart\" id=\"chart-district\" aria-hidden=\"true\""),
                        containsString("<script src=\"/webjars/echarts/5.3.1/dist/echarts.min.js\" defer>"),
                        not(containsString("<script src=\"http")));
        SignedIn.as(registrar("reg-stats")).queryParam("lang", "en").when().get("/registrar/statistics/2023").then()
                .statusCode(200).body(containsString("Contract registrations of 2023"), containsString("December"),
                        containsString("By the seller&#39;s district"), containsString("With a foreign party"),
                        containsString("Huli"), containsString("Growth on the year before"));
        String csv = SignedIn.as(registrar("reg-stats")).when().get("/registrar/statistics/2023.csv").then()
                .statusCode(200).header("Content-Type", containsString("text/csv")).extract().asString();
        assertTrue(csv.startsWith("year,dimension,key,count,contractAmountFen,technicalTransactionAmountFen\n"
                + "2023,total,,8025,1735812345678,1402233445566\n"), csv);
        io.restassured.RestAssured.given().when().get("/webjars/echarts/5.3.1/dist/echarts.min.js").then()
                .statusCode(200).body(containsString("echarts"));
        io.restassured.RestAssured.given().when().get("/registrar-chart.js").then().statusCode(200)
                .body(containsString("echarts.init"));
        List<String> asked = asked("reg-stats");
        assertEquals(List.of("GET /statistics/contracts/2023", "GET /statistics/contracts/2023",
                "GET /statistics/contracts/2023/csv"), asked.stream().map(l -> l.substring(0, l.indexOf(" |"))).toList());
    }

    @Test
    void without_a_year_the_page_is_the_latest_year_with_registrations() {
        SignedIn.as(registrar("reg-latest")).when().get("/registrar/statistics").then().statusCode(200)
                .body(containsString("2023 年技术合同登记统计"), containsString("8,025"));
        List<String> asked = asked("reg-latest");
        assertTrue(asked.get(0).startsWith("GET /statistics/contracts/" + LocalDate.now(ZoneId.of("Asia/Shanghai"))
                .getYear()), asked.toString());
        assertTrue(asked.get(asked.size() - 1).startsWith("GET /statistics/contracts/2023 |"), asked.toString());
        assertTrue(asked.size() <= 5, asked.toString());
        // a year with nothing says so; a year that is none is not sent
        SignedIn.as(registrar("reg-latest")).when().get("/registrar/statistics/2025").then().statusCode(200)
                .body(containsString("2025 年没有已登记的合同。"));
        int before = asked("reg-latest").size();
        SignedIn.as(registrar("reg-latest")).when().get("/registrar/statistics/23").then().statusCode(400)
                .body(containsString("年份无效：23"));
        assertEquals(before, asked("reg-latest").size());
    }

    @Test
    void another_role_is_refused_and_nothing_is_asked() {
        for (Person other : List.of(SignedIn.officer("reg-officer", District.HULI),
                SignedIn.applicant("reg-applicant", SignedIn.USCC))) {
            SignedIn.as(other).when().get("/registrar/queue").then().statusCode(403);
            SignedIn.as(other).when().get("/registrar/contracts/TC-REG00001").then().statusCode(403);
            SignedIn.as(other).contentType("application/x-www-form-urlencoded").when()
                    .post("/registrar/contracts/TC-REG00001/registration").then().statusCode(403);
            refusal(other, List.of("OTHER"), "", "x").when().post("/registrar/contracts/TC-REG00001/refusal").then()
                    .statusCode(403);
            SignedIn.as(other).when().get("/registrar/statistics/2023").then().statusCode(403)
                    .body(containsString("此页面不属于您的角色"));
            SignedIn.as(other).when().get("/registrar/statistics/2023.csv").then().statusCode(403);
            assertEquals(List.of(), asked(other.user()));
        }
        SignedIn.as(registrar("registrar-down")).when().get("/registrar/queue").then().statusCode(502)
                .body(containsString("tech-contracts 服务出错（HTTP 500）"), not(containsString("boom")));
    }

    /** A refusal form: the chosen codes, the SEAL_PROBLEMS text and the OTHER text. */
    private static RequestSpecification refusal(Person as, List<String> codes, String sealText, String otherText) {
        RequestSpecification form = SignedIn.as(as).contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .formParam("text.SEAL_PROBLEMS", sealText).formParam("text.OTHER", otherText);
        for (String code : codes) {
            form = form.formParam("code", code);
        }
        return form;
    }

    /** What the fake was asked by {@code user}, in order. */
    private static List<String> asked(String user) {
        return SignedIn.downstreamRequests().lines().filter(l -> l.contains("X-User=" + user + " ")).toList();
    }
}
