package org.susong.portal.rest;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.susong.portal.domain.District;
import org.susong.portal.domain.Person;
import org.susong.portal.domain.Role;

/**
 * The officer's call pages (competitive allocation, C1; issue 19 item 5) against {@link DownstreamFake}, whose calls
 * ({@link CallsFake}) answer fixtures copying eligibility's records: {@code Page<CallView>} for the calls,
 * {@code CallView} for a call, {@code Page<EntryView>} for its applications, {@code RankResult} (with
 * {@code RankedView}, {@code RoundView}, {@code WithdrawnView}, {@code AwardView}) for the ranking, {@code Sheet}
 * (with {@code OfficerScore}, {@code Conflict}) for a score sheet, commons' {@code Problem} for 404, 409 and 500.
 */
@QuarkusTest
@WithTestResource(DownstreamFake.class)
class CallPagesTest {

    private static final Person HULI_OFFICER = SignedIn.officer("officer-1", District.HULI);
    private static final String AS = "X-User=officer-1 X-Roles=officer X-District=HULI";
    private static final String RANKED = "CALL-C1-7F3A2B1C";
    private static final String SCORING = "CALL-C1-9D8E7F6A";

    @Test
    void the_calls_newest_first_in_chinese_asked_as_the_officer() {
        String html = SignedIn.as(HULI_OFFICER).when().get("/officer/calls").then().statusCode(200).extract()
                .asString();
        contains(html, "<h1>竞争性分配申报批次</h1>", "<caption id=\"calls-caption\">申报批次（最新在前）</caption>",
                "<th scope=\"col\" class=\"num\">资金总额（元）</th>",
                "<a href=\"/officer/calls/" + RANKED + "\"><code>" + RANKED + "</code></a>",
                "<span lang=\"zh-CN\">2026年拨改投第一批</span>", "10,000,000.00", "2026-09-01 至 2026-09-30",
                "data-call-state=\"AWARDED\">已分配<", "data-call-phase=\"RANKED\">已排名<",
                "data-call-state=\"OPEN\">进行中<", "data-call-phase=\"SCORING\">评分中<", "<td class=\"num\">4</td>",
                "<label for=\"state\">状态</label>", "href=\"/officer/calls?cursor=c2\" rel=\"next\"");
        // newest first, as the service answers
        assertTrue(html.indexOf(SCORING) < html.indexOf(RANKED));
        assertTrue(asked("GET /calls?").stream().anyMatch(r -> r.contains("limit=50") && r.contains(AS)
                && !r.contains("state=")), String.join("\n", asked("GET /calls?")));

        // the next page, and a state filter named in the query
        SignedIn.as(HULI_OFFICER).queryParam("cursor", "c2").when().get("/officer/calls").then().statusCode(200)
                .body(containsString("2025年拨改投第四批"), containsString(">已撤销<"), not(containsString("rel=\"next\"")));
        SignedIn.as(HULI_OFFICER).queryParam("state", "OPEN").when().get("/officer/calls").then().statusCode(200)
                .body(containsString("<option value=\"OPEN\" selected>进行中</option>"));
        assertTrue(asked("GET /calls?").stream().anyMatch(r -> r.contains("state=OPEN") && r.contains(AS)));
    }

    @Test
    void the_calls_in_english_and_an_unknown_state_refused_without_asking() {
        SignedIn.as(HULI_OFFICER).queryParam("lang", "en").when().get("/officer/calls").then().statusCode(200)
                .body(containsString("<h1>Calls for competitive allocation</h1>"),
                        containsString("<span lang=\"en\">Grant-to-investment 2026, first call</span>"),
                        containsString("2026-09-01 to 2026-09-30"), containsString(">Awarded<"),
                        containsString(">Scoring<"), containsString(">Envelope (yuan)<"),
                        not(containsString("2026年拨改投第一批")));
        int before = SignedIn.downstreamRequests().lines().toList().size();
        SignedIn.as(HULI_OFFICER).queryParam("state", "PAID").when().get("/officer/calls").then().statusCode(400)
                .body(containsString("未知的申报批次状态：PAID"));
        assertEquals(before, SignedIn.downstreamRequests().lines().toList().size(), "nothing asked");
    }

    @Test
    void a_ranked_call_shows_the_call_its_district_applications_the_ranking_and_the_later_rounds() {
        String html = SignedIn.as(HULI_OFFICER).when().get("/officer/calls/" + RANKED).then().statusCode(200)
                .extract().asString();
        // the call as published
        contains(html, "<dd lang=\"zh-CN\">2026年拨改投第一批</dd>", "<dd lang=\"en\">Grant-to-investment 2026, first call</dd>",
                "<code>C1@1</code>", "<dd class=\"num\">10,000,000.00</dd>", "2026-09-01 至 2026-09-30",
                "data-partial=\"true\">是<", "<dd class=\"num\">3,000,000.00</dd>",
                "<span lang=\"zh-CN\">加权得分高者在前；得分相同的，提交时间早者在前，再按申请编号从小到大</span>",
                "<span lang=\"en\">higher weighted score first;", "<dd>拨改投</dd>",
                "<caption id=\"eligibility-caption\">资格条件</caption>",
                "<td lang=\"zh-CN\" class=\"wrap\">经认定的高新技术企业</td>",
                "<td lang=\"en\" class=\"wrap\">a recognised high-tech enterprise</td>",
                "<caption id=\"scoring-caption\">评分标准</caption>", "<td class=\"num\">60</td>",
                "<td lang=\"zh-CN\" class=\"wrap\">创新性</td>");
        // its applications of the district, each linked to its page and its score sheet
        contains(html, "<caption id=\"entries-caption\">湖里区的申请 · 2 项（仅显示前 2 项，另有更多）</caption>",
                "<a href=\"/officer/applications/APP-C1HULI01\"><code>APP-C1HULI01</code></a>",
                "<td class=\"num\">4,000,000.00</td>", "data-sheet-state=\"AWARDED\">已分配<",
                "<td class=\"num\">2 / 2</td>", "<td class=\"num\">88.40</td>", "<td class=\"num\">1</td>",
                "href=\"/officer/calls/" + RANKED + "/applications/APP-C1HULI01\">APP-C1HULI01 的评分表</a>",
                "href=\"/officer/calls/" + RANKED + "?cursor=e2\" rel=\"next\"");
        // another district's entry, should the service answer one, is not shown among the district's
        String entries = html.substring(html.indexOf("id=\"s-entries\""), html.indexOf("id=\"s-ranking\""));
        assertFalse(entries.contains("APP-C1SIM001"), entries);
        // the ranking (round 1): outcome in words, the cut-off and the envelope used
        contains(html, "<caption id=\"ranking-caption\">排名（第 1 轮）</caption>", "data-award=\"APPROVED\">获得资助<",
                "data-award=\"NOT_FUNDED\">未获资助<", "id=\"ranking-cut-off\">79.25<",
                "id=\"ranking-used\">10,000,000.00<", "当前为第 3 轮", "<code>D-APP-C1JIME01</code>");
        // the later rounds: the award released and why, what each is awarded then, cut-off and used
        contains(html, "<h3 id=\"round-2\">第 2 轮</h3>", "2026-10-20 10:00",
                "<caption id=\"released-2-caption\">第 2 轮释放的资助</caption>",
                "data-release=\"OBJECTION_UPHELD\">公示异议成立<", "id=\"round-2-cut-off\">70.00<",
                "id=\"round-2-used\">9,000,000.00<", "<caption id=\"awards-2-caption\">第 2 轮各申请的资助金额</caption>",
                "<h3 id=\"round-3\">第 3 轮</h3>", "data-release=\"WITHDRAWN\">申请人撤回<",
                "id=\"round-3-used\">7,000,000.00<", "id=\"round-3-cut-off\">79.25<");
        String round3 = html.substring(html.indexOf("id=\"round-3\""));
        contains(round3, "<a href=\"/officer/applications/APP-C1HULI02\"><code>APP-C1HULI02</code></a></th>\n"
                + "    <td class=\"num\">3,000,000.00</td>");
        assertFalse(html.contains("not-ranked"));
        assertTrue(asked("GET /calls/" + RANKED + "/applications?").stream().anyMatch(r -> r.contains("limit=50")
                && r.contains(AS)), String.join("\n", asked("GET /calls/" + RANKED + "/applications?")));
        assertFalse(asked("GET /calls/" + RANKED + "/ranking | " + AS).isEmpty());
        assertFalse(asked("GET /calls/" + RANKED + " | " + AS).isEmpty());
    }

    @Test
    void the_call_page_in_english_names_the_release_reasons() {
        SignedIn.as(HULI_OFFICER).queryParam("lang", "en").when().get("/officer/calls/" + RANKED).then().statusCode(200)
                .body(containsString("<h1>Call " + RANKED + " · <span lang=\"en\">Grant-to-investment 2026, first call"),
                        containsString(">an objection upheld in its public notice<"),
                        containsString(">withdrawn by the applicant<"), containsString(">Funded<"),
                        containsString(">Not funded<"), containsString("<h3 id=\"round-2\">Round 2</h3>"),
                        containsString("Awards released in round 3"), containsString("Applications of Huli"),
                        containsString("data-partial=\"true\">Yes<"), containsString(">Converted to investment<"),
                        not(containsString("公示异议成立")));
    }

    @Test
    void a_call_not_ranked_says_so_and_is_no_error() {
        SignedIn.as(HULI_OFFICER).when().get("/officer/calls/" + SCORING).then().statusCode(200)
                .body(containsString("<p id=\"not-ranked\">尚未排名。</p>"), not(containsString("ranking-error")),
                        not(containsString("HTTP 409")), containsString("data-call-phase=\"SCORING\">评分中<"),
                        containsString("data-sheet-state=\"AWAITING_SCORING\">待评分<"),
                        containsString("<td class=\"num\">0 / 1</td>"), containsString("data-partial=\"false\">否<"));
        SignedIn.as(HULI_OFFICER).queryParam("lang", "en").when().get("/officer/calls/" + SCORING).then()
                .statusCode(200).body(containsString("Not ranked yet."));
        assertFalse(asked("GET /calls/" + SCORING + "/ranking | " + AS).isEmpty(), "the ranking was asked");
    }

    @Test
    void the_score_sheet_names_the_criteria_in_the_pages_language_with_the_conflicts() {
        String path = "/officer/calls/" + RANKED + "/applications/APP-C1HULI01";
        String html = SignedIn.as(HULI_OFFICER).when().get(path).then().statusCode(200).extract().asString();
        contains(html, "<h1>申请 APP-C1HULI01 的评分表</h1>", "<caption id=\"scores-caption\">各评分人的打分</caption>",
                "data-criterion=\"innovation\"><span lang=\"zh-CN\">创新性（权重 60）</span>",
                "data-criterion=\"feasibility\"><span lang=\"zh-CN\">可行性（权重 40）</span>",
                "<th scope=\"row\">officer-1</th>\n    <td class=\"num\">90</td><td class=\"num\">85</td>",
                "<td class=\"wrap\">技术路线清晰</td>", "<td class=\"num\">88.00</td>", "<td class=\"num\">88.80</td>",
                "2026-10-08 09:15", "<caption id=\"conflicts-caption\">利益冲突声明</caption>",
                "<th scope=\"row\">officer-3</th>", "申请主体法定代表人为本人亲属", "2026-10-07 16:00",
                "id=\"mean-score\">88.40<", "data-sheet-state=\"AWARDED\">已分配<", "<dd class=\"num\">4,000,000.00</dd>",
                "href=\"/officer/calls/" + RANKED + "\"");
        assertFalse(asked("GET /calls/" + RANKED + "/applications/APP-C1HULI01/scores | " + AS).isEmpty());
        SignedIn.as(HULI_OFFICER).queryParam("lang", "en").when().get(path).then().statusCode(200)
                .body(containsString("<span lang=\"en\">Innovation (weight 60)</span>"),
                        containsString("Declared conflicts of interest"), containsString("Score sheet of application"),
                        not(containsString("创新性")));
        // not complete yet: no mean, no scores, no conflicts
        SignedIn.as(HULI_OFFICER).when().get("/officer/calls/" + SCORING + "/applications/APP-C1HULI03").then()
                .statusCode(200).body(containsString("评分未完成（0 / 1）"), containsString("尚无人评分。"),
                        containsString("无利益冲突声明。"));
    }

    @Test
    void a_sheet_or_call_the_officer_may_not_see_is_a_404_page() {
        // a service answering another district's sheet anyway: nothing of it shown
        SignedIn.as(HULI_OFFICER).when().get("/officer/calls/" + RANKED + "/applications/APP-C1SIM001").then()
                .statusCode(404).body(containsString("未找到申请 APP-C1SIM001 的评分表"), not(containsString("思明区的评语")));
        SignedIn.as(HULI_OFFICER).when().get("/officer/calls/" + RANKED + "/applications/APP-NOPE0000").then()
                .statusCode(404);
        SignedIn.as(HULI_OFFICER).when().get("/officer/calls/CALL-NOPE").then().statusCode(404)
                .body(containsString("未找到申报批次 CALL-NOPE：它不存在，或您无权查看。"),
                        containsString("href=\"/officer/calls\""));
        assertTrue(asked("GET /calls/CALL-NOPE/").isEmpty(), "nothing more asked of an unknown call");
    }

    @Test
    void a_failing_section_is_its_sentence_and_the_others_show() {
        SignedIn.as(SignedIn.officer("calls-entries-down", District.HULI)).when().get("/officer/calls/" + RANKED)
                .then().statusCode(200)
                .body(containsString("id=\"entries-error\">eligibility 服务出错（HTTP 500），请稍后再试。"),
                        containsString("2026年拨改投第一批"), containsString("data-release=\"WITHDRAWN\">申请人撤回<"),
                        not(containsString("boom")));
        // nothing could be read: the page answers the failure (502), each section its sentence
        SignedIn.as(SignedIn.officer("calls-down", District.HULI)).when().get("/officer/calls/" + RANKED).then()
                .statusCode(502).body(containsString("id=\"call-error\""), containsString("id=\"entries-error\""),
                        containsString("id=\"ranking-error\""), not(containsString("Exception")));
        SignedIn.as(SignedIn.officer("calls-down", District.HULI)).when().get("/officer/calls").then()
                .statusCode(502).body(containsString("eligibility 服务出错（HTTP 500）"));
        SignedIn.as(SignedIn.officer("calls-down", District.HULI)).when()
                .get("/officer/calls/" + RANKED + "/applications/APP-C1HULI01").then().statusCode(502);
    }

    @Test
    void another_roles_call_pages_are_refused_without_asking_and_the_officers_pages_link_them() {
        int before = SignedIn.downstreamRequests().lines().toList().size();
        Person applicant = SignedIn.applicant("me", SignedIn.USCC);
        Person finance = Person.of("fin-1", Role.FINANCE, null, null, null);
        for (Person p : List.of(applicant, finance)) {
            SignedIn.as(p).when().get("/officer/calls").then().statusCode(403).body(containsString("此页面不属于您的角色"));
            SignedIn.as(p).when().get("/officer/calls/" + RANKED).then().statusCode(403);
            SignedIn.as(p).when().get("/officer/calls/" + RANKED + "/applications/APP-C1HULI01").then().statusCode(403);
        }
        assertEquals(before, SignedIn.downstreamRequests().lines().toList().size());
        SignedIn.as(HULI_OFFICER).when().get("/officer/applications").then().statusCode(200)
                .body(containsString("<a href=\"/officer/calls\">竞争性分配</a>"));
        SignedIn.as(HULI_OFFICER).queryParam("lang", "en").when().get("/officer/queue").then().statusCode(200)
                .body(containsString("<a href=\"/officer/calls\">Calls</a>"));
    }

    private static void contains(String html, String... parts) {
        for (String part : parts) {
            assertTrue(html.contains(part), "missing: " + part + "\n" + html);
        }
    }

    private static List<String> asked(String prefix) {
        return SignedIn.downstreamRequests().lines().filter(l -> l.startsWith(prefix)).toList();
    }
}
