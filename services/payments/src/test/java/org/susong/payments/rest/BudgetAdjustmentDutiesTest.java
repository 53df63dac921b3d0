package org.susong.payments.rest;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.susong.testing.ContractValidation;
import org.susong.testing.LocalInfraTestResource;
import java.time.LocalDate;
import org.susong.commons.ids.Hashes;
import org.susong.commons.time.BusinessClock;
import org.susong.payments.application.LedgerService;
import org.susong.payments.persistence.AllocationRepository;
import org.susong.payments.persistence.BudgetLineRepository;

/**
 * Issue 23 item 6, budget adjustments: an Idempotency-Key (a retry applies once), an upper bound per adjustment
 * ({@code adjustment-max-fen}) and a second administrator above {@code adjustment-dual-above-fen}.
 */
@QuarkusTest
@ExtendWith(ContractValidation.class)
@WithTestResource(LocalInfraTestResource.class)
class BudgetAdjustmentDutiesTest {

    @Inject
    Clock clock;

    static final String LINE = "2024:B3a";

    @Inject
    BudgetLineRepository lines;
    @Inject
    LedgerService ledger;
    @Inject
    AllocationRepository allocations;

    @AfterEach
    void journal_balances() {
        Fixtures.assertJournalBalances(ledger);
    }

    long allocated() {
        return lines.find(LINE).orElseThrow().allocatedFen();
    }

    @Test
    void a_retried_adjustment_with_the_same_idempotency_key_applies_once() {
        String key = UUID.randomUUID().toString();
        long before = allocated();
        String first = Fixtures.admin("admin-1").header("Idempotency-Key", key).contentType("application/json")
                .body("{\"amountFen\":700,\"reason\":\"retry test\"}").post("/budgets/lines/" + LINE + "/adjustments")
                .then().statusCode(200).body("state", equalTo("APPLIED")).extract().path("id");
        Fixtures.admin("admin-1").header("Idempotency-Key", key).contentType("application/json")
                .body("{\"amountFen\":700,\"reason\":\"retry test\"}").post("/budgets/lines/" + LINE + "/adjustments")
                .then().statusCode(200).body("id", equalTo(first));
        assertEquals(before + 700, allocated(), "the retry applied nothing");
        // the same key for another adjustment is a client error, never a second adjustment
        Fixtures.admin("admin-1").header("Idempotency-Key", key).contentType("application/json")
                .body("{\"amountFen\":900,\"reason\":\"retry test\"}").post("/budgets/lines/" + LINE + "/adjustments")
                .then().statusCode(409);
        Fixtures.admin("admin-1").contentType("application/json").body("{\"amountFen\":700,\"reason\":\"no key\"}")
                .post("/budgets/lines/" + LINE + "/adjustments").then().statusCode(400).body("field", equalTo("Idempotency-Key"));
        assertEquals(before + 700, allocated());
    }

    @Test
    void an_adjustment_above_the_upper_bound_is_refused() {
        long before = allocated();
        // the bound is 1,000,000,000 CNY a move (adjustment-max-fen)
        Fixtures.admin("admin-1").header("Idempotency-Key", UUID.randomUUID().toString()).contentType("application/json")
                .body("{\"amountFen\":100000000001,\"reason\":\"fat finger\"}").post("/budgets/lines/" + LINE + "/adjustments")
                .then().statusCode(400).body("field", equalTo("amountFen"));
        assertEquals(before, allocated());
    }

    @Test
    void an_adjustment_above_the_threshold_waits_for_a_second_administrator() {
        long before = allocated();
        // above 10,000,000 CNY (adjustment-dual-above-fen): a second, different administrator
        String id = Fixtures.admin("admin-1").header("Idempotency-Key", UUID.randomUUID().toString())
                .contentType("application/json").body("{\"amountFen\":1500000000,\"reason\":\"mid-year top-up\"}")
                .post("/budgets/lines/" + LINE + "/adjustments").then().statusCode(202)
                .body("state", equalTo("AWAITING_APPROVAL")).extract().path("id");
        assertEquals(before, allocated(), "one administrator moves no large amount");
        Fixtures.admin("admin-1").post("/budgets/lines/" + LINE + "/adjustments/" + id + "/approvals").then().statusCode(409);
        Fixtures.officer("finance-1").post("/budgets/lines/" + LINE + "/adjustments/" + id + "/approvals").then()
                .statusCode(403);
        Fixtures.admin("admin-2").post("/budgets/lines/" + LINE + "/adjustments/" + id + "/approvals").then().statusCode(200)
                .body("state", equalTo("APPLIED")).body("approvedBy", equalTo("admin-2"));
        assertEquals(before + 1_500_000_000L, allocated());
        Fixtures.admin("admin-3").post("/budgets/lines/" + LINE + "/adjustments/" + id + "/approvals").then().statusCode(409);
        assertEquals(before + 1_500_000_000L, allocated(), "applied once");
    }

    io.restassured.response.Response adjust(String admin, long amountFen) {
        return Fixtures.adjuster(admin).contentType("application/json")
                .body("{\"amountFen\":" + amountFen + ",\"reason\":\"split test\"}").post("/budgets/lines/" + LINE + "/adjustments");
    }

    @Test
    void adjustments_split_below_the_threshold_wait_for_a_second_administrator_once_the_days_total_crosses_it() {
        String admin = "admin-split-" + UUID.randomUUID();
        long before = allocated();
        // 3 x 4,000,000 CNY, each below the 10,000,000 CNY threshold (adjustment-dual-above-fen), together above it
        adjust(admin, 400_000_000L).then().statusCode(200).body("state", equalTo("APPLIED"));
        adjust(admin, -400_000_000L).then().statusCode(200).body("state", equalTo("APPLIED"));
        String third = adjust(admin, 400_000_000L).then().statusCode(202).body("state", equalTo("AWAITING_APPROVAL"))
                .extract().path("id");
        assertEquals(before, allocated(), "the adjustment that crosses the day's total moves nothing alone");
        Fixtures.admin(admin).post("/budgets/lines/" + LINE + "/adjustments/" + third + "/approvals").then().statusCode(409);
        Fixtures.admin("admin-2").post("/budgets/lines/" + LINE + "/adjustments/" + third + "/approvals").then()
                .statusCode(200).body("state", equalTo("APPLIED"));
        assertEquals(before + 400_000_000L, allocated());
    }

    @Test
    void two_concurrent_adjustments_below_the_threshold_crossing_it_together_apply_at_most_one_alone() throws Exception {
        String admin = "admin-race-" + UUID.randomUUID();
        long before = allocated();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<io.restassured.response.Response>> answers = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return adjust(admin, 600_000_000L);
                }));
            }
            start.countDown();
            int applied = 0;
            int waiting = 0;
            for (Future<io.restassured.response.Response> answer : answers) {
                io.restassured.response.Response r = answer.get();
                if (r.statusCode() == 200) {
                    assertEquals("APPLIED", r.path("state"));
                    applied++;
                } else {
                    assertEquals(202, r.statusCode(), r.asString());
                    assertEquals("AWAITING_APPROVAL", r.path("state"));
                    waiting++;
                }
            }
            assertTrue(applied <= 1, "at most one of the two applies alone, not " + applied);
            assertEquals(2, applied + waiting);
            assertEquals(before + applied * 600_000_000L, allocated());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void a_retry_or_a_redo_after_a_crash_counts_an_adjustment_once_in_the_days_total() {
        String admin = "admin-retry-" + UUID.randomUUID();
        long before = allocated();
        String key = UUID.randomUUID().toString();
        String body = "{\"amountFen\":600000000,\"reason\":\"retry count\"}";
        for (int i = 0; i < 2; i++) {
            Fixtures.admin(admin).header("Idempotency-Key", key).contentType("application/json").body(body)
                    .post("/budgets/lines/" + LINE + "/adjustments").then().statusCode(200).body("state", equalTo("APPLIED"));
        }
        // a crash after the day's total counted an adjustment, before its intent was written: its retry counts it once
        String crashed = UUID.randomUUID().toString();
        allocations.countWithinDailyLimit(admin, LINE, LocalDate.now(clock.withZone(BusinessClock.ZONE)),
                "AL-" + Hashes.sha256(admin + "\n" + crashed).substring(0, 32), 300_000_000L, 1_000_000_000L);
        Fixtures.admin(admin).header("Idempotency-Key", crashed).contentType("application/json")
                .body("{\"amountFen\":300000000,\"reason\":\"after a crash\"}").post("/budgets/lines/" + LINE + "/adjustments")
                .then().statusCode(200).body("state", equalTo("APPLIED"));
        // 6,000,000 + 3,000,000 + 1,000,000 CNY: exactly the threshold, still alone
        adjust(admin, 100_000_000L).then().statusCode(200).body("state", equalTo("APPLIED"));
        adjust(admin, 1L).then().statusCode(202).body("state", equalTo("AWAITING_APPROVAL"));
        assertEquals(before + 1_000_000_000L, allocated());
    }
}
