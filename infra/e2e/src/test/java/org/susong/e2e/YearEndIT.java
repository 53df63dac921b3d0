package org.susong.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.susong.e2e.AfterDecisionIT.fen;
import static org.susong.e2e.AfterDecisionIT.line;
import static org.susong.e2e.AfterDecisionIT.orders;
import static org.susong.e2e.AfterDecisionIT.paidOnceOnTheLine;
import static org.susong.e2e.PlatformIT.approveAsFinance;
import static org.susong.e2e.PlatformIT.awaitDecision;
import static org.susong.e2e.PlatformIT.awaitPaid;
import static org.susong.e2e.PlatformIT.port;
import static org.susong.e2e.PlatformIT.register;
import static org.susong.e2e.PlatformIT.submit;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.susong.infra.local.BusinessDate;
import org.susong.infra.local.PlatformProcesses;
import org.susong.testing.Principals;

/**
 * Issue 20's year-end journey ("a year closed with a carried-over waitlist paid from the next year's line"), on a
 * platform as {@code ./platform run} starts it, with the business date moved across a year's end: the services start on
 * 2025-12-29 with B2's year-end rule CARRY_OVER (payments' {@code year-end.rule-by-measure.B2}, given to the service
 * JVMs as a system property); a B2 award decided in 2025 waits on the emptied 2025 B2 line; payments is stopped and
 * started again on 2026-01-05 (its business clock: the year 2025 is over), finance closes 2024 and then 2025; the
 * report carries the waitlisted order into 2026's B2 line, where it goes through B2's public notice and finance's
 * approval and is paid once, from the 2026 line, the 2025 line's disbursed figure unchanged. {@code ./platform audit}
 * passes after it.
 */
class YearEndIT {

    static final LocalDate DECEMBER = LocalDate.of(2025, 12, 29);
    static final LocalDate JANUARY = LocalDate.of(2026, 1, 5);
    static PlatformProcesses platform;

    @BeforeAll
    static void start() throws Exception {
        platform = E2ePlatforms.startSeeded("susong-year-end", p -> p
                .withBusinessDate(new BusinessDate(DECEMBER, Instant.now().truncatedTo(ChronoUnit.MILLIS)))
                // the JVM reads JAVA_TOOL_OPTIONS at start: payments takes the rule, the other services ignore it
                .withServiceEnvironment(Map.of("JAVA_TOOL_OPTIONS",
                        "-Dsusong.payments.year-end.rule-by-measure.B2=CARRY_OVER")));
    }

    @AfterAll
    static void stop() {
        E2ePlatforms.stop(platform);
    }

    static RequestSpecification admin(String user) {
        return PlatformIT.as(Principals.admin(user), "payments");
    }

    static RequestSpecification finance() {
        return given().port(port("payments")).headers(PlatformIT.FINANCE.headers());
    }

    /** Takes everything available off a line (above 10,000,000 CNY: a second administrator approves, issue 23). */
    static void empty(String lineId) {
        long available = fen(line(lineId), "availableFen");
        String adjustment = admin("admin-e2e-1").header("Idempotency-Key", UUID.randomUUID().toString())
                .body(Map.of("amountFen", -available, "reason", "e2e: the year-end journey needs a full 2025 B2 line"))
                .post("/budgets/lines/" + lineId + "/adjustments").then().statusCode(202)
                .body("state", equalTo("AWAITING_APPROVAL")).extract().path("id");
        admin("admin-e2e-2").body("{}").post("/budgets/lines/" + lineId + "/adjustments/" + adjustment + "/approvals").then()
                .statusCode(200).body("state", equalTo("APPLIED"));
        assertEquals(0L, fen(line(lineId), "availableFen"), lineId + " emptied");
    }

    static Map<String, Object> order(String applicationId) {
        List<Map<String, Object>> orders = orders(applicationId);
        assertEquals(1, orders.size(), "one order: " + orders);
        return orders.get(0);
    }

    @Test
    void a_waitlisted_b2_award_of_2025_is_carried_over_by_the_year_end_close_and_paid_once_from_the_2026_line()
            throws Exception {
        // December 2025: the 2025 B2 line is spent, a B2 award (1/2 of 2,400,000 CNY national funding) waits on it
        empty("2025:B2");
        String uscc = register(301);
        String id = submit(Map.of("applicantUscc", uscc, "measureCode", "B2", "facts", Map.of("projectNumber",
                "2025YFB" + UUID.randomUUID().toString().substring(0, 8), "programme", "MAJOR_SCIENCE_2030",
                "nationalFundingFen", 240_000_000L)));
        Map<String, Object> decision = awaitDecision(id);
        assertEquals("APPROVED", decision.get("outcome"), decision.toString());
        assertEquals(120_000_000L, fen(decision, "amountFen"));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertEquals("WAITLISTED", order(id).get("state"), "waits on the spent 2025 line"));
        Map<String, Object> waiting = order(id);
        assertEquals("2025:B2", waiting.get("budgetLine"), waiting.toString());
        assertEquals(2025, ((Number) waiting.get("fiscalYear")).intValue(), waiting.toString());
        Map<String, Object> closedLineBefore = line("2025:B2");
        Map<String, Object> nextLineBefore = line("2026:B2");
        finance().post("/budgets/2025/close").then().statusCode(409); // 2025 is not over yet on payments' clock

        // January 2026 on payments' clock: 2025 is over; the years close in order
        platform.terminate("payments");
        platform.awaitExit("payments", Duration.ofSeconds(60));
        platform.withBusinessDate(new BusinessDate(JANUARY, Instant.now().truncatedTo(ChronoUnit.MILLIS)));
        platform.restart("payments");
        finance().post("/budgets/2025/close").then().statusCode(409); // 2024 first
        finance().post("/budgets/2024/close").then().statusCode(200).body("state", equalTo("CLOSED"));
        JsonPath report = finance().post("/budgets/2025/close").then().statusCode(200).body("state", equalTo("CLOSED"))
                .extract().jsonPath();
        System.out.println("year-end report 2025: " + report.prettify());
        Map<String, Object> b2 = report.getMap("lines.find { it.line == '2025:B2' }");
        assertEquals("CARRY_OVER", b2.get("rule"), b2.toString());
        assertEquals("2026:B2", b2.get("carriedInto"), b2.toString());
        assertEquals(1, ((Number) b2.get("carriedOverWaitlistedOrders")).intValue(), b2.toString());
        assertEquals(120_000_000L, fen(b2, "carriedOverWaitlistedFen"), b2.toString());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> items = (List<Map<String, Object>>) b2.get("orders");
        assertTrue(items.stream().anyMatch(i -> ("PO-D-" + id).equals(i.get("orderId"))
                && "CARRIED_OVER".equals(i.get("outcome"))), items.toString());
        finance().post("/budgets/2025/close").then().statusCode(409); // a closed year is closed once

        // paid once, from the 2026 line, after B2's public notice and finance's approval
        approveAsFinance(id);
        awaitPaid(id);
        Map<String, Object> paid = order(id);
        assertEquals(2025, ((Number) paid.get("fiscalYear")).intValue(), "the award's year stays: " + paid);
        paidOnceOnTheLine(id, "2026:B2", nextLineBefore, 120_000_000L);
        Map<String, Object> closedLineAfter = line("2025:B2");
        assertEquals(fen(closedLineBefore, "disbursedFen"), fen(closedLineAfter, "disbursedFen"),
                "nothing paid from the closed line: " + closedLineAfter);
        assertEquals(fen(closedLineBefore, "reservedFen"), fen(closedLineAfter, "reservedFen"), closedLineAfter.toString());
        new PlatformIT().the_audit_passes();
    }
}
