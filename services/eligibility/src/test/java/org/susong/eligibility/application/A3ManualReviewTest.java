package org.susong.eligibility.application;

import static org.susong.testing.TestBroker.kafka;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.susong.contracts.EventContracts;
import org.susong.testing.CloudEventRecords;
import org.susong.testing.LocalInfraTestResource;
import org.susong.testing.TestBroker;

/**
 * Issue 16 item 1, A3 can be paid. The source: 鼓励金砖国家知名高校院所及国际知名技术转移机构、科技合作组织等在孵化园设立技术转移机构,
 * <b>给予经费资助</b>; 对促成金砖国家科技成果在厦转化落地或厦门科技成果在金砖国家转化的技术转移机构<b>给予奖励</b>; 支持举办金砖国家创新创业类大赛、
 * “加速营”类项目并<b>给予经费支持</b> - funding, rewards and support without an amount. A3 is a MANUAL_REVIEW measure: an
 * eligible application goes to the officers' queue, an officer sets the amount (and says why) within the placeholder cap
 * of 3,000,000 CNY per beneficiary per year ({@code measures.json:A3.capFen}), a second officer confirms an amount above
 * the maker-checker threshold (1,000,000 CNY, {@code susong.eligibility.maker-checker-above-fen}), the cap ledger is
 * charged intent first under the decision's id, and the decision says in both languages that a person set the amount,
 * who and why. Real store and broker; business date 2026-06-15 (%test).
 */
@QuarkusTest
@ExtendWith(TestBroker.class)
@WithTestResource(LocalInfraTestResource.class)
class A3ManualReviewTest extends DecisionStores {

    static final String DECIDED = "susong.eligibility.EligibilityDecided.v1";
    static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    ReviewService reviews;

    /** A public institution (事业单位, category 12): A3's transfer institutions are universities' and institutes'. */
    static String institution() {
        return "12" + CapsAndReviewsTest.uscc().substring(2);
    }

    static Map<String, Object> landing() {
        return Map.of("strand", "LANDING_REWARD", "projectName", "BRICS photovoltaic result landed in Xiamen",
                "bricsCountry", "Brazil");
    }

    /** An eligible A3 application of {@code uscc}, decided; the decision as stored. */
    Document applied(String uscc, Map<String, Object> facts) {
        String applicationId = CapsAndReviewsTest.app("A3");
        decisions.decide(CapsAndReviewsTest.submission(applicationId, uscc, "A3", "XIANGAN", facts));
        return repository.findLatest(applicationId).orElseThrow();
    }

    Document reread(Document d) {
        return repository.find(d.getString("_id")).orElseThrow();
    }

    long used(String uscc) {
        return ledgers.ledger("CAP|A3|" + uscc + "|2026").map(l -> l.get("usedFen", Number.class).longValue()).orElse(0L);
    }

    static RequestSpecification officer(String user) {
        return CapsAndReviewsTest.officer(user);
    }

    static Map<String, Object> body(String outcome, Long amountFen, String reason) {
        Map<String, Object> body = new HashMap<>();
        body.put("outcome", outcome);
        if (amountFen != null) {
            body.put("amountFen", amountFen);
        }
        if (reason != null) {
            body.put("reason", reason);
        }
        return body;
    }

    /** The decision's EligibilityDecided with {@code outcome}, as published on eligibility.events. */
    static JsonNode published(String decisionId, String outcome) {
        ConsumerRecord<String, String> r = await().atMost(Duration.ofSeconds(30)).until(() -> kafka().consumeStrings()
                .fromTopics("eligibility.events", Duration.ofSeconds(2)).awaitCompletion().getRecords().stream()
                .filter(e -> decisionId.equals(e.key()) && DECIDED.equals(CloudEventRecords.header(e, "ce_type"))
                        && e.value().contains("\"outcome\":\"" + outcome + "\"")).toList(), l -> !l.isEmpty()).get(0);
        assertEquals(List.of(), EventContracts.violations(DECIDED, r.value()));
        try {
            return JSON.readTree(r.value());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void an_eligible_a3_application_waits_for_an_officer_who_sets_the_amount_and_says_why() {
        // 对促成金砖国家科技成果在厦转化落地……的技术转移机构给予奖励: eligible, no amount in the source -> the officers' queue
        String uscc = institution();
        Document d = applied(uscc, landing());
        String id = d.getString("_id");
        assertEquals("REVIEW_REQUIRED", d.getString("outcome"));
        assertEquals("OPEN", d.getString("reviewState"));
        assertNull(d.get("proposedFen"), "no amount is computed: the source gives none");
        assertEquals("A3@1", d.getString("ruleVersion"));
        given().header("X-User", "xa-1").header("X-Roles", "officer").header("X-District", "XIANGAN")
                .queryParam("measure", "A3").queryParam("limit", 200).get("/reviews").then().statusCode(200)
                .body("items.decisionId", hasItem(id));
        published(id, "REVIEW_REQUIRED");

        // bad input: refused naming the field, nothing applied (the review stays open, nothing taken from the cap)
        String path = "/reviews/" + id + "/decision";
        officer("xa-1").body(body("APPROVED", null, "landing confirmed")).post(path).then().statusCode(400)
                .contentType("application/problem+json").body("field", equalTo("amountFen"));
        officer("xa-1").body(body("APPROVED", 0L, "landing confirmed")).post(path).then().statusCode(400)
                .body("field", equalTo("amountFen"));
        officer("xa-1").body(body("APPROVED", -100L, "landing confirmed")).post(path).then().statusCode(400)
                .body("field", equalTo("amountFen"));
        officer("xa-1").body(body("APPROVED", 300_000_001L, "landing confirmed")).post(path).then().statusCode(422)
                .contentType("application/problem+json").body("field", equalTo("amountFen"));
        officer("xa-1").body(body("APPROVED", 80_000_000L, null)).post(path).then().statusCode(400)
                .body("field", equalTo("reason"));
        officer("xa-1").body(body("APPROVED", 80_000_000L, "  ")).post(path).then().statusCode(400)
                .body("field", equalTo("reason"));
        given().header("X-User", "app-1").header("X-Roles", "applicant").contentType(ContentType.JSON)
                .body(body("APPROVED", 80_000_000L, "mine")).post(path).then().statusCode(403);
        Document untouched = reread(d);
        assertEquals("REVIEW_REQUIRED", untouched.getString("outcome"));
        assertEquals("OPEN", untouched.getString("reviewState"));
        assertEquals(0L, used(uscc), "no refused review took anything from the A3 cap");

        // 800,000 CNY, within the threshold: one officer decides
        officer("xa-1").body(body("APPROVED", 80_000_000L, "result landed at a Haicang firm, contract seen"))
                .post(path).then().statusCode(200).body("reviewState", equalTo("DONE")).body("outcome", equalTo("APPROVED"))
                .body("amountFen", equalTo(80_000_000));
        Document done = reread(d);
        assertEquals("APPROVED", done.getString("outcome"));
        assertEquals(80_000_000L, done.get("amountFen", Number.class).longValue());
        assertEquals(80_000_000L, used(uscc), "the cap ledger holds the amount the officer set");
        assertEquals(1, done.getList("capShares", Document.class).size(), "one share of the A3 cap, taken under the decision's id");
        String en = done.getString("explanationEn");
        String zh = done.getString("explanationZh");
        assertTrue(en.contains("set by a person") && en.contains("xa-1") && en.contains("contract seen")
                && en.contains("800,000.00 CNY"), en);
        assertTrue(en.contains("给予经费资助") && en.contains("placeholder cap"), "the placeholder is stated: " + en);
        assertTrue(zh.contains("由审核人员 xa-1 人工确定") && zh.contains("理由：result landed") && zh.contains("800,000.00 CNY")
                && zh.contains("暂定上限"), zh);
        assertTrue(!java.util.regex.Pattern.compile("facts\\.|review\\.|\\{\\{").matcher(en + zh).find(),
                "the words are filled in: " + en + " / " + zh);
        // (service level) the decision event carries the officer's amount, the words and the A3 budget line
        JsonNode event = published(id, "APPROVED");
        assertEquals(80_000_000L, event.get("amountFen").asLong());
        assertEquals("A3", event.get("measureCode").asText());
        assertEquals("A3", event.get("budgetLine").asText());
        assertEquals(en, event.get("explanation").get("en").asText());
        assertEquals(zh, event.get("explanation").get("zh").asText());

        // decided: a second decision on it is refused
        officer("xa-2").body(body("REJECTED", null, "late")).post(path).then().statusCode(409);
    }

    @Test
    void above_the_threshold_a_second_officer_confirms_and_the_maker_cannot_and_the_yearly_cap_holds() {
        // 支持举办金砖国家创新创业类大赛、“加速营”类项目并给予经费支持: 2,500,000 CNY, above the 1,000,000 CNY maker-checker threshold
        String uscc = institution();
        Document d = applied(uscc, Map.of("strand", "CONTEST_SUPPORT", "projectName", "BRICS accelerator camp 2026",
                "bricsCountry", "India", "requestedFen", 300_000_000L));
        String path = "/reviews/" + d.getString("_id") + "/decision";
        officer("xa-1").body(body("APPROVED", 250_000_000L, "budget of the camp checked")).post(path).then()
                .statusCode(200).body("reviewState", equalTo("AWAITING_SECOND")).body("amountFen", equalTo(250_000_000));
        assertEquals(0L, used(uscc), "nothing is charged before the second officer confirms");
        assertEquals("REVIEW_REQUIRED", reread(d).getString("outcome"));
        // the maker cannot confirm its own approval (principals compared by id); a different amount is no confirmation
        officer("xa-1").body(body("APPROVED", 250_000_000L, "me again")).post(path).then().statusCode(409)
                .contentType("application/problem+json").body("field", equalTo("officer"));
        officer("xa-2").body(body("APPROVED", 260_000_000L, "a bit more")).post(path).then().statusCode(409)
                .body("field", equalTo("amountFen"));
        officer("xa-2").body(body("APPROVED", 300_000_001L, "above the cap")).post(path).then().statusCode(422)
                .body("field", equalTo("amountFen"));
        assertEquals("AWAITING_SECOND", reread(d).getString("reviewState"));
        assertEquals(0L, used(uscc));
        officer("xa-2").body(body("APPROVED", 250_000_000L, "camp budget confirmed")).post(path).then().statusCode(200)
                .body("reviewState", equalTo("DONE")).body("outcome", equalTo("APPROVED")).body("amountFen", equalTo(250_000_000));
        Document done = reread(d);
        assertEquals(250_000_000L, used(uscc));
        String en = done.getString("explanationEn");
        assertTrue(en.contains("xa-1 (maker), xa-2 (checker)") && en.contains("budget of the camp checked")
                && en.contains("camp budget confirmed"), en);
        assertTrue(done.getString("explanationZh").contains("xa-1 (maker), xa-2 (checker)"), done.getString("explanationZh"));

        // the same beneficiary in the same year: 3,000,000 CNY placeholder cap, 500,000 CNY left of it
        Document second = applied(uscc, landing());
        officer("xa-3").body(body("APPROVED", 100_000_000L, "second landing")).post("/reviews/" + second.getString("_id")
                + "/decision").then().statusCode(200).body("outcome", equalTo("APPROVED")).body("amountFen", equalTo(50_000_000));
        Document limited = reread(second);
        assertEquals(300_000_000L, used(uscc), "never above the A3 cap");
        Document cap = CapsAndReviewsTest.criterion(limited, "annualCap");
        assertTrue(cap.getString("en").contains("only 500,000.00 CNY remained"), cap.toJson());
        assertTrue(limited.getString("explanationEn").contains("limited to 500,000.00 CNY"), limited.getString("explanationEn"));
        // another beneficiary is not touched by this one's cap
        assertEquals(0L, used(institution()));
    }

    @Test
    void an_a3_application_without_the_facts_is_rejected_and_a_manual_review_version_without_a_cap_is_refused() {
        Document rejected = applied(institution(), Map.of("strand", "SOMETHING_ELSE", "projectName", "x", "bricsCountry", "Brazil"));
        assertEquals("REJECTED", rejected.getString("outcome"));
        assertEquals(0L, rejected.get("amountFen", Number.class).longValue());
        Document blank = applied(institution(), Map.of("strand", "TRANSFER_INSTITUTION_FUNDING", "projectName", "x",
                "bricsCountry", "   "));
        assertEquals("REJECTED", blank.getString("outcome"));
        assertEquals(false, CapsAndReviewsTest.criterion(blank, "bricsCountry").getBoolean("passed"));

        // an officer's amount is never unbounded: a MANUAL_REVIEW version that takes applications names its cap
        Map<String, Object> definition = given().header("X-User", "o").header("X-Roles", "officer").get("/measures/A3")
                .then().statusCode(200).extract().jsonPath().getMap("");
        definition.put("capFen", null);
        definition.put("capPeriod", null);
        CapsAndReviewsTest.admin().body(definition).post("/admin/measures/A3/versions").then().statusCode(400)
                .contentType("application/problem+json").body("field", equalTo("capFen"));
        given().header("X-User", "o").header("X-Roles", "officer").get("/measures/A3").then().body("version", equalTo(1))
                .body("status", equalTo("OPEN")).body("rule.kind", equalTo("MANUAL_REVIEW"))
                .body("capFen", equalTo(300_000_000)).body("placeholders", not(org.hamcrest.Matchers.empty()));
    }

    /** An officer's approval of {@code amountFen} that crashes after the ledger step, before the decision update. */
    void approveAndCrash(String path, long amountFen) {
        crashAt("review-limited", () -> officer("xa-1").body(body("APPROVED", amountFen, "landing confirmed")).post(path)
                .then().statusCode(500));
    }

    /** Runs {@code request} with the process killed at {@code step} of a review. */
    void crashAt(String step, Runnable request) {
        crashAt(reviews, step, request);
    }

    /** Runs {@code request} with the process killed at {@code step} of a review of {@code reviews}. */
    static void crashAt(ReviewService reviews, String step, Runnable request) {
        reviews.crashPoint(s -> {
            if (step.equals(s)) {
                throw new IllegalStateException("killed at " + s);
            }
        });
        try {
            request.run();
        } finally {
            reviews.crashPoint(s -> { });
        }
    }

    @Test
    void a_retry_after_a_crash_between_the_ledger_and_the_decision_states_the_amount_the_ledger_holds() {
        String uscc = institution();
        Document d = applied(uscc, landing());
        String path = "/reviews/" + d.getString("_id") + "/decision";
        approveAndCrash(path, 80_000_000L);
        assertEquals(80_000_000L, used(uscc), "the ledger step ran: the share is held for the decision");
        assertEquals("OPEN", reread(d).getString("reviewState"), "the decision update did not");

        // another (lower) amount than the share holds: refused, naming the amount, nothing taken or given back
        officer("xa-1").body(body("APPROVED", 50_000_000L, "landing confirmed, less")).post(path).then().statusCode(409)
                .contentType("application/problem+json").body("field", equalTo("amountFen"));
        assertEquals(80_000_000L, used(uscc));
        assertEquals("OPEN", reread(d).getString("reviewState"));

        // the same amount completes, once
        officer("xa-1").body(body("APPROVED", 80_000_000L, "landing confirmed")).post(path).then().statusCode(200)
                .body("reviewState", equalTo("DONE")).body("amountFen", equalTo(80_000_000));
        officer("xa-1").body(body("APPROVED", 80_000_000L, "landing confirmed")).post(path).then().statusCode(409);
        Document done = reread(d);
        assertEquals(80_000_000L, done.get("amountFen", Number.class).longValue());
        assertEquals(80_000_000L, used(uscc), "charged once");
        assertEquals(1, done.getList("capShares", Document.class).size());
        assertTrue(done.getString("explanationEn").contains("800,000.00 CNY"), done.getString("explanationEn"));
    }

    @Test
    void a_review_rejected_after_a_crash_between_the_ledger_and_the_decision_gives_the_share_back() {
        String uscc = institution();
        Document d = applied(uscc, landing());
        String id = d.getString("_id");
        String path = "/reviews/" + id + "/decision";
        approveAndCrash(path, 80_000_000L);
        assertEquals(80_000_000L, used(uscc), "the ledger step ran: the share is held for the decision");

        officer("xa-2").body(body("REJECTED", null, "landing not proven after all")).post(path).then().statusCode(200)
                .body("reviewState", equalTo("DONE")).body("outcome", equalTo("REJECTED"));
        Document rejected = reread(d);
        assertEquals("REJECTED", rejected.getString("outcome"));
        assertEquals(0L, used(uscc), "the cap is back to what it was before the review");
        assertEquals("RELEASED", ledgers.intent(id + "|CAP|A3|" + uscc + "|2026").orElseThrow().getString("state"));
        // a repeated rejection finds the review done and gives nothing back twice
        officer("xa-2").body(body("REJECTED", null, "again")).post(path).then().statusCode(409);
        assertEquals(0L, used(uscc));
    }

    @Test
    void a_rejection_that_crashes_after_giving_the_share_back_is_finished_by_its_retry_and_gives_nothing_twice() {
        String uscc = institution();
        Document d = applied(uscc, landing());
        String path = "/reviews/" + d.getString("_id") + "/decision";
        approveAndCrash(path, 80_000_000L);
        crashAt("review-released", () -> officer("xa-2").body(body("REJECTED", null, "landing not proven")).post(path)
                .then().statusCode(500));
        assertEquals(0L, used(uscc), "the share was given back before the crash");
        assertEquals("REJECTING", reread(d).getString("reviewState"), "the rejection was written first");
        // no approval completes a rejection under way
        officer("xa-1").body(body("APPROVED", 80_000_000L, "landing confirmed")).post(path).then().statusCode(409);
        assertEquals(0L, used(uscc));
        officer("xa-2").body(body("REJECTED", null, "landing not proven")).post(path).then().statusCode(200)
                .body("reviewState", equalTo("DONE")).body("outcome", equalTo("REJECTED"));
        assertEquals("REJECTED", reread(d).getString("outcome"));
        assertEquals(0L, used(uscc), "nothing given back twice");
    }
}
