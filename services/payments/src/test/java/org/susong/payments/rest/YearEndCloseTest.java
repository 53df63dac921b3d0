package org.susong.payments.rest;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.susong.commons.persistence.GuardedCounter;
import org.susong.testing.ContractValidation;
import org.susong.testing.LocalInfraTestResource;
import org.susong.payments.application.LedgerService;
import org.susong.payments.application.OrderMoves;
import org.susong.payments.application.OrderService;
import org.susong.payments.domain.YearEndKind;
import org.susong.payments.domain.YearEndOutcome;
import org.susong.payments.domain.Ledger;
import org.susong.payments.domain.OrderState;
import org.susong.payments.domain.PaymentOrder;
import org.susong.payments.persistence.BudgetLineRepository;
import org.susong.payments.persistence.OrderRepository;
import org.susong.payments.persistence.YearEndRepository;

/**
 * Issue 20 item 1, year-end, on the real local broker and store (its own store: this profile's application). B2 carries
 * over (profile: {@code year-end.rule-by-measure.B2=CARRY_OVER}), every other measure lapses
 * ({@code waitlist-lapses-at-year-end} true). Business date 2026-06-15: 2024 and 2025 are over, closed in order.
 */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
@TestProfile(YearEndCloseTest.CarryB2.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(ContractValidation.class)
class YearEndCloseTest {

    public static class CarryB2 implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("susong.payments.year-end.rule-by-measure.B2", "CARRY_OVER");
        }
    }

    @Inject
    OrderService orders;
    @Inject
    OrderRepository orderRepository;
    @Inject
    OrderMoves moves;
    @Inject
    BudgetLineRepository lines;
    @Inject
    YearEndRepository closes;
    @Inject
    LedgerService ledger;
    @Inject
    org.susong.payments.application.BudgetService budgets;
    @Inject
    Clock clock;

    @AfterEach
    void journal_balances() {
        Fixtures.assertJournalBalances(ledger);
    }

    /** An order of a decision taken in directly, left in a state holding its reservation (no payee: AWAITING_PAYEE). */
    String order(String app, String measure, int year, long fen, OrderState until) {
        orders.onApprovedDecision(new OrderService.ApprovedDecision(UUID.randomUUID().toString(), "h-" + app, "D-" + app, app,
                Fixtures.USCC, measure, year, "HULI", fen));
        String id = PaymentOrder.idFor("D-" + app);
        await().atMost(Duration.ofSeconds(20)).until(() -> orders.find(id).orElseThrow().state() == until);
        return id;
    }

    BudgetLineRepository.Line line(String id) {
        return lines.find(id).orElseThrow();
    }

    void empty(String line) {
        long available = line(line).availableFen();
        if (available > 0) {
            Fixtures.adjustNow(budgets, line, -available, "test: empty the line before the year-end");
        }
    }

    static List<Map<String, Object>> items(JsonPath report, String line) {
        return report.getList("lines.find { it.line == '" + line + "' }.orders");
    }

    static Map<String, Object> item(JsonPath report, String line, String orderId) {
        return items(report, line).stream().filter(i -> orderId.equals(i.get("orderId"))).findFirst().orElseThrow();
    }

    @Test
    @Order(1)
    void a_close_crashed_half_way_and_run_again_moves_every_carried_reservation_exactly_once() {
        // two reservations and a waitlisted order of 2024:B2 (carry over), one reservation of 2024:A4 (lapse)
        String r1 = order(Fixtures.app("APP-YC"), "B2", 2024, 30_000_000, OrderState.AWAITING_PAYEE);
        String r2 = order(Fixtures.app("APP-YC"), "B2", 2024, 20_000_000, OrderState.AWAITING_PAYEE);
        empty("2024:B2");
        String w1 = order(Fixtures.app("APP-YC"), "B2", 2024, 5_000_000, OrderState.WAITLISTED);
        String l1 = order(Fixtures.app("APP-YC"), "A4", 2024, 40_000_000, OrderState.AWAITING_PAYEE);
        BudgetLineRepository.Line from = line("2024:B2");
        BudgetLineRepository.Line into = line("2025:B2");
        long a4Available = line("2024:A4").availableFen();

        // the crash, as a runner that died would leave it: the close started (never finished), every order planned,
        // r1 carried on the order and on the closing line only, r2 carried on the order only, w1 and l1 untouched
        assertTrue(closes.start(2024, "finance-crashed;finance;;", clock.instant()));
        for (String id : List.of(r1, r2, w1)) {
            PaymentOrder o = orders.find(id).orElseThrow();
            closes.plan(new YearEndRepository.Item("YE-2024:" + id, "YE-2024", id, "B2", "2024:B2", "2025:B2", "CARRY_OVER",
                    o.state() == OrderState.WAITLISTED ? YearEndKind.WAITLISTED : YearEndKind.UNPAID, o.amount().fen(), 0,
                    YearEndOutcome.PLANNED, null, false));
        }
        closes.plan(new YearEndRepository.Item("YE-2024:" + l1, "YE-2024", l1, "A4", "2024:A4", "2025:A4", "LAPSE",
                YearEndKind.UNPAID, 40_000_000, 0, YearEndOutcome.PLANNED, null, false));
        for (String id : List.of(r1, r2)) {
            OrderRepository.Stored s = orderRepository.find(id).orElseThrow();
            long fen = s.order().amount().fen();
            assertTrue(closes.intend("YE-2024:" + id, YearEndKind.UNPAID, fen, fen));
            assertTrue(moves.move(s, s.order().carriedOver(2025,
                    Ledger.carryOut(id, 2024, "2024:B2", fen, clock.instant(), "finance-crashed;finance;;", "year-end 2024"),
                    Ledger.carryIn(id, 2024, "2025:B2", fen, clock.instant(), "finance-crashed;finance;;", "year-end 2024")),
                    "finance-crashed;finance;;", "YE-2024"));
        }
        assertEquals(GuardedCounter.Outcome.APPLIED, lines.carryOut("2024:B2", r1 + ":carry-out:2024", 30_000_000));

        // run again: it finishes what the crash left, once
        JsonPath report = Fixtures.officer("finance-1").post("/budgets/2024/close").then().statusCode(200)
                .body("state", equalTo("CLOSED")).extract().jsonPath();
        for (String id : List.of(r1, r2, w1)) {
            assertEquals("CARRIED_OVER", item(report, "2024:B2", id).get("outcome"), id);
            assertEquals("2025:B2", orders.find(id).orElseThrow().budgetLineId());
        }
        assertEquals(30_000_000, item(report, "2024:B2", r1).get("movedFen"));
        assertEquals(0, item(report, "2024:B2", w1).get("movedFen"));
        assertEquals(50_000_000, report.getInt("lines.find { it.line == '2024:B2' }.carriedOverFen"));
        assertEquals(5_000_000, report.getInt("lines.find { it.line == '2024:B2' }.carriedOverWaitlistedFen"));
        assertEquals("2025:B2", report.getString("lines.find { it.line == '2024:B2' }.carriedInto"));
        assertEquals("LAPSED", item(report, "2024:A4", l1).get("outcome"));
        assertEquals(40_000_000, report.getInt("lines.find { it.line == '2024:A4' }.releasedFen"));

        // exact totals: each carried reservation left the closing line once and arrived on the next year's once
        BudgetLineRepository.Line fromAfter = line("2024:B2");
        BudgetLineRepository.Line intoAfter = line("2025:B2");
        assertEquals(from.allocatedFen() - 50_000_000, fromAfter.allocatedFen());
        assertEquals(from.reservedFen() - 50_000_000, fromAfter.reservedFen());
        assertEquals(from.availableFen(), fromAfter.availableFen());
        assertEquals(into.allocatedFen() + 50_000_000, intoAfter.allocatedFen());
        // (the carried waitlisted order may be served from 2025:B2 meanwhile: reserved and available together)
        assertEquals(into.reservedFen() + into.availableFen() + 50_000_000, intoAfter.reservedFen() + intoAfter.availableFen());
        assertTrue(fromAfter.inFlight().stream().noneMatch(i -> i.contains(":carry-")), "intent ids forgotten");
        assertTrue(intoAfter.inFlight().stream().noneMatch(i -> i.contains(":carry-")), "intent ids forgotten");
        await().atMost(Duration.ofSeconds(20)).until(() -> orders.find(l1).orElseThrow().state() == OrderState.RELEASED);
        assertEquals(org.susong.payments.domain.ReleaseReason.YEAR_END_LAPSED, orders.find(l1).orElseThrow().releaseReason());
        assertEquals(a4Available + 40_000_000, line("2024:A4").availableFen());

        // once: a second close is refused, and leaves every line as it is
        Fixtures.officer("finance-2").post("/budgets/2024/close").then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("closed"))
                .body("report", equalTo("/budgets/2024/close"));
        assertEquals(intoAfter.allocatedFen(), line("2025:B2").allocatedFen());
        Fixtures.officer("finance-1").get("/budgets/2024/close").then().statusCode(200).body("state", equalTo("CLOSED"))
                .body("totals.carriedOverFen", equalTo(50_000_000));
    }

    @Test
    @Order(2)
    void a_carried_over_waitlisted_decision_is_paid_from_the_next_years_line_and_a_lapse_releases() {
        // 2025:B2 (carry over): a reservation without its payee and, the line emptied, a waitlisted decision
        String reservedApp = Fixtures.app("APP-YE");
        String reserved = order(reservedApp, "B2", 2025, 70_000_000, OrderState.AWAITING_PAYEE);
        empty("2025:B2");
        String waitingApp = Fixtures.app("APP-YE");
        String waiting = order(waitingApp, "B2", 2025, 90_000_000, OrderState.WAITLISTED);
        // 2025:A4 (lapse): a reservation and a waitlisted decision
        String lapsing = order(Fixtures.app("APP-YE"), "A4", 2025, 60_000_000, OrderState.AWAITING_PAYEE);
        empty("2025:A4");
        String lapsingWaiting = order(Fixtures.app("APP-YE"), "A4", 2025, 10_000_000, OrderState.WAITLISTED);
        BudgetLineRepository.Line b2From = line("2025:B2");
        BudgetLineRepository.Line b2Into = line("2026:B2");

        // not over yet: 2026 cannot be closed on 2026-06-15; nor can a year whose year before is open (2027 has none)
        Fixtures.officer("finance-1").post("/budgets/2026/close").then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("not over"));
        Fixtures.officer("finance-1").post("/budgets/2031/close").then().statusCode(404);
        Fixtures.officer("finance-1").get("/budgets/2025/close").then().statusCode(404);

        JsonPath report = Fixtures.officer("finance-1").post("/budgets/2025/close").then().statusCode(200)
                .body("state", equalTo("CLOSED")).body("year", equalTo(2025)).extract().jsonPath();
        assertEquals("CARRY_OVER", report.getString("lines.find { it.line == '2025:B2' }.rule"));
        assertEquals("LAPSE", report.getString("lines.find { it.line == '2025:A4' }.rule"));
        assertEquals("CARRIED_OVER", item(report, "2025:B2", reserved).get("outcome"));
        assertEquals("CARRIED_OVER", item(report, "2025:B2", waiting).get("outcome"));
        assertEquals("WAITLISTED", item(report, "2025:B2", waiting).get("kind"));
        // (2024's carried orders, now on 2025:B2 without a payee, are carried again: the totals hold them too)
        assertEquals(70_000_000, item(report, "2025:B2", reserved).get("movedFen"));
        assertEquals(90_000_000, item(report, "2025:B2", waiting).get("orderFen"));
        assertEquals(0, item(report, "2025:B2", waiting).get("movedFen"));
        long carried = report.getLong("lines.find { it.line == '2025:B2' }.carriedOverFen");
        assertTrue(carried >= 70_000_000 + 50_000_000, "the reservation and 2024's two carried ones: " + carried);
        assertEquals(60_000_000, report.getInt("lines.find { it.line == '2025:A4' }.releasedFen"));
        assertEquals(10_000_000, report.getInt("lines.find { it.line == '2025:A4' }.lapsedWaitlistedFen"));

        // the reservation moved between the lines, journaled (two entries, kind CARRY_OVER)
        assertEquals(b2From.allocatedFen() - carried, line("2025:B2").allocatedFen());
        assertEquals(b2From.reservedFen() - carried, line("2025:B2").reservedFen());
        assertEquals(b2Into.allocatedFen() + carried, line("2026:B2").allocatedFen());
        assertEquals(2, Fixtures.events(reserved).stream().filter(r -> r.value().contains("CARRY_OVER")).count(),
                "the carry-over journaled as two LedgerEntryPosted, out of 2025:B2 and into 2026:B2");

        // the carried waitlisted decision is served and paid from the next year's line
        Fixtures.payee(waitingApp);
        Fixtures.payee(reservedApp);
        await().atMost(Duration.ofSeconds(30)).until(() -> orders.find(waiting).orElseThrow().state() == OrderState.SETTLED
                && orders.find(reserved).orElseThrow().state() == OrderState.SETTLED);
        assertEquals("2026:B2", orders.find(waiting).orElseThrow().budgetLineId());
        assertEquals(2025, orders.find(waiting).orElseThrow().fiscalYear(), "still the award of 2025");
        assertEquals(b2Into.disbursedFen() + 160_000_000, line("2026:B2").disbursedFen());
        assertEquals(b2From.disbursedFen(), line("2025:B2").disbursedFen(), "the closed line paid nothing of them");
        PaymentsServiceTest.user().get("/payments/" + waiting).then().statusCode(200).body("budgetLine", equalTo("2026:B2"));

        // the lapse released: the reservation back on the closed line, both orders told (applications closes them)
        await().atMost(Duration.ofSeconds(20)).until(() -> orders.find(lapsing).orElseThrow().state() == OrderState.RELEASED
                && orders.find(lapsingWaiting).orElseThrow().state() == OrderState.RELEASED);
        assertEquals(org.susong.payments.domain.ReleaseReason.YEAR_END_LAPSED, orders.find(lapsing).orElseThrow().releaseReason());
        assertEquals(org.susong.payments.domain.ReleaseReason.WAITLIST_LAPSED, orders.find(lapsingWaiting).orElseThrow().releaseReason());
        assertEquals(60_000_000, line("2025:A4").availableFen());
        assertEquals(List.of("BudgetWaitlisted.v1", "BudgetReleased.v1"), Fixtures.types(lapsingWaiting));

        // a second close of the year: 409, nothing moves
        long into = line("2026:B2").allocatedFen();
        Fixtures.admin("admin-1").post("/budgets/2025/close").then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("closed once"));
        assertEquals(into, line("2026:B2").allocatedFen());
    }
}
