package org.susong.payments.rest;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.susong.contracts.EventContracts;
import org.susong.testing.CloudEventRecords;
import org.susong.testing.ContractValidation;
import org.susong.testing.LocalInfraTestResource;
import org.susong.payments.application.LedgerService;
import org.susong.payments.application.OrderService;
import org.susong.payments.domain.OrderState;
import org.susong.payments.domain.PaymentOrder;
import org.susong.payments.persistence.BudgetLineRepository;

/**
 * Public notice, objections, maker-checker, bulk approval, releases (withdrawal, objection upheld,
 * waitlist lapse, appeal) and the FIFO waitlist, on the real local broker and store. Test profile:
 * automatic approval up to 1,000,000 CNY, two officers above 2,000,000 CNY.
 */
@QuarkusTest
@ExtendWith(ContractValidation.class)
@WithTestResource(LocalInfraTestResource.class)
class ApprovalAndReleaseTest {

    @Inject
    OrderService orders;
    @Inject
    BudgetLineRepository lines;
    @Inject
    LedgerService ledger;

    @AfterEach
    void journal_balances() {
        Fixtures.assertJournalBalances(ledger);
    }

    String order(String measure, int year, long amountFen, OrderState until) {
        String app = Fixtures.app("APP-AP");
        orders.onApprovedDecision(new OrderService.ApprovedDecision(UUID.randomUUID().toString(), "h-" + app, "D-" + app, app,
                Fixtures.USCC, measure, year, "HULI", amountFen));
        String id = PaymentOrder.idFor("D-" + app);
        await().atMost(Duration.ofSeconds(20)).until(() -> orders.find(id).orElseThrow().state() == until);
        return id;
    }

    OrderState state(String id) {
        return orders.find(id).orElseThrow().state();
    }

    /** Past the reservation: neither waiting nor with its charge still in flight. */
    boolean reserved(String id) {
        OrderState s = state(id);
        return s != OrderState.WAITLISTED && s != OrderState.RESERVING;
    }

    @Test
    void maker_checker_refuses_the_same_officer_twice_and_approves_with_a_second_one() {
        // 3,000,000 CNY is above the test profile's dual-approval amount of 2,000,000 CNY
        String id = order("B3a", 2026, 300_000_000, OrderState.AWAITING_APPROVAL);
        Fixtures.officer("finance-1").post("/payments/" + id + "/approvals").then().statusCode(200)
                .body("state", equalTo("AWAITING_APPROVAL")).body("approvals", equalTo(List.of("finance-1")))
                .body("approvalsRequired", equalTo(2));
        Fixtures.officer("finance-1").post("/payments/" + id + "/approvals").then().statusCode(409)
                .contentType("application/problem+json").body("state", equalTo("AWAITING_APPROVAL"));
        io.restassured.RestAssured.given().header("X-User", "clerk").header("X-Roles", "officer")
                .post("/payments/" + id + "/approvals").then().statusCode(403);
        Fixtures.officer("finance-2").post("/payments/" + id + "/approvals").then().statusCode(200)
                .body("approvals", equalTo(List.of("finance-1", "finance-2")));
        await().atMost(Duration.ofSeconds(10)).until(() -> state(id) == OrderState.AWAITING_PAYEE);
        Fixtures.officer("finance-1").get("/payments/" + id).then().body("waitingFor",
                equalTo("the payee account snapshot from applications"));
        await().atMost(Duration.ofSeconds(10)).until(() -> Fixtures.types(id).contains("PaymentApproved.v1"));
        String approvedBy = Fixtures.events(id).stream().filter(r -> CloudEventRecords.header(r, "ce_type").endsWith("PaymentApproved.v1"))
                .findFirst().orElseThrow().value();
        assertTrue(approvedBy.contains("\"approvedBy\":\"finance-1,finance-2\""), approvedBy);
    }

    @Test
    void an_objection_holds_the_payment_and_when_upheld_the_money_goes_back_to_the_line() {
        String id = order("B3a", 2026, 150_000_000, OrderState.AWAITING_APPROVAL);
        long available = lines.find("2026:B3a").orElseThrow().availableFen();
        String holdId = Fixtures.districtOfficer("officer-7").contentType("application/json")
                .body("{\"reason\":\"the enterprise moved out of Xiamen last year\"}").post("/payments/" + id + "/objections")
                .then().statusCode(200).body("state", equalTo("ON_HOLD")).extract().path("hold.id");
        Fixtures.officer("finance-1").post("/payments/" + id + "/approvals").then().statusCode(409);
        Fixtures.districtOfficer("officer-7").contentType("application/json").body("{}")
                .post("/payments/" + id + "/objections").then().statusCode(400).body("field", equalTo("reason"));
        await().atMost(Duration.ofSeconds(10)).until(() -> Fixtures.types(id).contains("PaymentOnHold.v1"));

        Fixtures.districtOfficer("officer-1").contentType("application/json").body("{\"outcome\":\"UPHELD\"}")
                .post("/payments/" + id + "/holds/" + holdId + "/resolution").then().statusCode(200)
                .body("state", equalTo("RELEASED")).body("releaseReason", equalTo("OBJECTION_UPHELD"));
        assertEquals(available + 150_000_000, lines.find("2026:B3a").orElseThrow().availableFen());
        await().atMost(Duration.ofSeconds(10)).until(() -> Fixtures.types(id).contains("BudgetReleased.v1"));
        Fixtures.events(id).forEach(r -> assertEquals(List.of(), EventContracts.violations(CloudEventRecords.header(r, "ce_type"),
                r.value())));
    }

    @Test
    void a_dismissed_objection_lets_the_order_go_on_and_bulk_approval_approves_a_filtered_set() {
        String held = order("B3b", 2026, 120_000_000, OrderState.AWAITING_APPROVAL);
        String other = order("B3b", 2026, 130_000_000, OrderState.AWAITING_APPROVAL);
        String holdId = Fixtures.officer("finance-9").contentType("application/json").body("{\"reason\":\"check the contract\"}")
                .post("/payments/" + held + "/objections").then().statusCode(200).extract().path("hold.id");
        Fixtures.districtOfficer("officer-1").contentType("application/json").body("{\"outcome\":\"DISMISSED\"}")
                .post("/payments/" + held + "/holds/" + holdId + "/resolution").then().statusCode(200)
                .body("state", equalTo("AWAITING_APPROVAL"));
        Fixtures.officer("finance-1").contentType("application/json")
                .body("{\"measureCode\":\"B3b\",\"orderIds\":[\"" + held + "\",\"" + other + "\"]}")
                .post("/payments/approvals").then().statusCode(200).body("approved", hasItem(held)).body("approved", hasItem(other));
        await().atMost(Duration.ofSeconds(10)).until(() -> state(held) == OrderState.AWAITING_PAYEE
                && state(other) == OrderState.AWAITING_PAYEE);
    }

    @Test
    void withdrawals_release_open_orders_are_remembered_before_the_decision_and_are_refused_once_paid() {
        // before the decision: remembered, the decision then creates no payable order and reserves nothing
        String early = Fixtures.app("APP-WD");
        long available = lines.find("2026:B3b").orElseThrow().availableFen();
        Fixtures.withdraw(early);
        await().atMost(Duration.ofSeconds(10)).until(() -> Fixtures.types(early).contains("WithdrawalAccepted.v1"));
        Fixtures.decide(early, "B3b", 2026, 50_000_000);
        String earlyOrder = "PO-D-" + early;
        await().atMost(Duration.ofSeconds(20)).until(() -> orders.find(earlyOrder).map(o -> o.state() == OrderState.RELEASED)
                .orElse(false));
        assertEquals(org.susong.payments.domain.ReleaseReason.WITHDRAWN, orders.find(earlyOrder).orElseThrow().releaseReason());
        assertEquals(available, lines.find("2026:B3b").orElseThrow().availableFen(), "nothing was reserved");

        // an open order: released, money back, accepted with the released amount
        String open = order("B3b", 2026, 140_000_000, OrderState.AWAITING_APPROVAL);
        String openApp = orders.find(open).orElseThrow().applicationId();
        Fixtures.withdraw(openApp);
        await().atMost(Duration.ofSeconds(20)).until(() -> state(open) == OrderState.RELEASED);
        assertEquals(available, lines.find("2026:B3b").orElseThrow().availableFen(), "the reservation went back");
        await().atMost(Duration.ofSeconds(10)).until(() -> Fixtures.types(openApp).contains("WithdrawalAccepted.v1"));
        assertTrue(Fixtures.events(openApp).get(0).value().contains("\"releasedFen\":140000000"));

        // paid: refused
        String paid = Fixtures.app("APP-WD");
        Fixtures.decide(paid, "B3b", 2026, 20_000_000);
        Fixtures.payee(paid);
        await().atMost(Duration.ofSeconds(20)).until(() -> orders.find("PO-D-" + paid).map(o -> o.state() == OrderState.SETTLED)
                .orElse(false));
        Fixtures.withdraw(paid);
        await().atMost(Duration.ofSeconds(10)).until(() -> Fixtures.types(paid).contains("WithdrawalRefused.v1"));
        assertEquals(OrderState.SETTLED, state("PO-D-" + paid));
        for (String key : List.of(early, openApp, paid)) {
            Fixtures.events(key).forEach(r -> assertEquals(List.of(), EventContracts.violations(
                    CloudEventRecords.header(r, "ce_type"), r.value())));
        }
    }

    @Test
    void the_waitlist_is_first_in_first_out_when_the_line_grows_and_lapses_at_year_end() {
        // 2026:C1 is emptied for this test (a journaled adjustment); three decisions wait: 3,000,000 then 1,000,000 twice
        long available = lines.find("2026:C1").orElseThrow().availableFen();
        // above 10,000,000 CNY: a second administrator approves it (issue 23)
        String emptied = Fixtures.adjuster("admin-1").contentType("application/json")
                .body("{\"amountFen\":" + (-available) + ",\"reason\":\"test: empty the line\"}")
                .post("/budgets/lines/2026:C1/adjustments").then().statusCode(202).body("state", equalTo("AWAITING_APPROVAL"))
                .extract().path("id");
        Fixtures.admin("admin-2").post("/budgets/lines/2026:C1/adjustments/" + emptied + "/approvals").then().statusCode(200)
                .body("state", equalTo("APPLIED"));
        String head = order("C1", 2026, 300_000_000, OrderState.WAITLISTED);
        String second = order("C1", 2026, 100_000_000, OrderState.WAITLISTED);
        String third = order("C1", 2026, 100_000_000, OrderState.WAITLISTED);
        Fixtures.adjuster("admin-1").contentType("application/json").body("{\"amountFen\":-1,\"reason\":\"too much\"}")
                .post("/budgets/lines/2026:C1/adjustments").then().statusCode(409);

        adjust("2026:C1", 200_000_000);
        // the head does not fit: nobody behind it overtakes (strict FIFO), for several processing rounds
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> state(second) == OrderState.WAITLISTED);
        assertEquals(OrderState.WAITLISTED, state(head));
        adjust("2026:C1", 150_000_000);
        await().atMost(Duration.ofSeconds(20)).until(() -> reserved(head));
        assertEquals(50_000_000, lines.find("2026:C1").orElseThrow().availableFen());
        assertEquals(OrderState.WAITLISTED, state(second));
        adjust("2026:C1", 150_000_000);
        await().atMost(Duration.ofSeconds(20)).until(() -> reserved(second) && reserved(third));
        assertEquals(0, lines.find("2026:C1").orElseThrow().availableFen());
        Fixtures.officer("finance-1").get("/budgets/lines/2026:C1/allocations").then().statusCode(200)
                .body("items.reason", hasItem("test: empty the line"));

        // a past year's waitlist lapses only by that year's close (YearEndCloseTest), never by itself
    }

    @Test
    void a_decision_rejected_on_appeal_releases_the_order_it_supersedes() {
        String id = order("B3b", 2026, 110_000_000, OrderState.AWAITING_APPROVAL);
        String app = orders.find(id).orElseThrow().applicationId();
        long available = lines.find("2026:B3b").orElseThrow().availableFen();
        Fixtures.publish("eligibility.events", "susong.eligibility.EligibilityDecided.v1", "D-" + app + "-R1",
                Fixtures.decision(app, "REJECTED", "B3b", 2026, 0, ",\"disbursementMode\":\"GRANT\",\"supersedes\":\"D-" + app + "\"")
                        .replace("\"decisionId\":\"D-" + app + "\"", "\"decisionId\":\"D-" + app + "-R1\""));
        await().atMost(Duration.ofSeconds(20)).until(() -> state(id) == OrderState.RELEASED);
        assertEquals(org.susong.payments.domain.ReleaseReason.APPEAL_REJECTED, orders.find(id).orElseThrow().releaseReason());
        assertEquals(available + 110_000_000, lines.find("2026:B3b").orElseThrow().availableFen());
    }

    /**
     * Issue 19 item 3, found by the second reader of the call rounds: an award whose objection was upheld in its notice
     * (order RELEASED, OBJECTION_UPHELD) is re-decided higher by a later round of its call (a partial award grown, the
     * round computed before the objection reached eligibility). The re-decision's order is born released for the same
     * reason: nothing reserved, nothing paid, the line as after the objection.
     */
    @Test
    void a_re_decision_of_an_award_whose_objection_was_upheld_is_born_released() {
        String id = order("B3a", 2026, 150_000_000, OrderState.AWAITING_APPROVAL);
        String app = orders.find(id).orElseThrow().applicationId();
        String holdId = Fixtures.districtOfficer("officer-7").contentType("application/json")
                .body("{\"reason\":\"the plan was copied from another applicant\"}").post("/payments/" + id + "/objections")
                .then().statusCode(200).extract().path("hold.id");
        Fixtures.districtOfficer("officer-1").contentType("application/json").body("{\"outcome\":\"UPHELD\"}")
                .post("/payments/" + id + "/holds/" + holdId + "/resolution").then().statusCode(200)
                .body("releaseReason", equalTo("OBJECTION_UPHELD"));
        long available = lines.find("2026:B3a").orElseThrow().availableFen();
        Fixtures.publish("eligibility.events", "susong.eligibility.EligibilityDecided.v1", "D-" + app + "-R1",
                Fixtures.decision(app, "APPROVED", "B3a", 2026, 200_000_000, ",\"disbursementMode\":\"GRANT\",\"supersedes\":\"D-"
                        + app + "\"").replace("\"decisionId\":\"D-" + app + "\"", "\"decisionId\":\"D-" + app + "-R1\""));
        String grown = PaymentOrder.idFor("D-" + app + "-R1");
        await().atMost(Duration.ofSeconds(20)).until(() -> orders.find(grown).map(o -> o.state() == OrderState.RELEASED)
                .orElse(false));
        assertEquals(org.susong.payments.domain.ReleaseReason.OBJECTION_UPHELD, orders.find(grown).orElseThrow().releaseReason());
        assertEquals(available, lines.find("2026:B3a").orElseThrow().availableFen(), "nothing reserved for the re-decision");
    }

    @Test
    void bad_requests_are_problems_that_name_the_field_or_the_state() {
        Fixtures.adjuster("admin-1").contentType("application/json").body("{\"amountFen\":0,\"reason\":\"x\"}")
                .post("/budgets/lines/2026:B1/adjustments").then().statusCode(400).body("field", equalTo("amountFen"));
        Fixtures.adjuster("admin-1").contentType("application/json").body("{\"amountFen\":5,\"reason\":\"x\"}")
                .post("/budgets/lines/2031:B1/adjustments").then().statusCode(404);
        Fixtures.officer("finance-1").get("/ledger/lines/2026:B1/balance?at=yesterday").then().statusCode(400)
                .body("field", equalTo("at"));
        Fixtures.officer("finance-1").get("/ledger/lines/2026:B1/balance?at=2024-01-01").then().statusCode(200)
                .body("allocatedFen", equalTo(0));
        Fixtures.officer("finance-1").get("/ledger/check").then().statusCode(200);
        Fixtures.officer("finance-1").get("/budgets").then().statusCode(200).body("years.size()", equalTo(3))
                .body("totals.fiscalCommitmentFen", equalTo(3_000_000_000_000L));
        Fixtures.officer("finance-1").get("/payments/notices").then().statusCode(200);
        Fixtures.officer("finance-1").post("/batches/B-NOPE/exports").then().statusCode(404);
    }

    void adjust(String line, long amountFen) {
        Fixtures.adjuster("admin-1").contentType("application/json").body("{\"amountFen\":" + amountFen + ",\"reason\":\"test: grow\"}")
                .post("/budgets/lines/" + line + "/adjustments").then().statusCode(200);
    }
}
