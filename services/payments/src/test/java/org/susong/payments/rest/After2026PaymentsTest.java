package org.susong.payments.rest;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.susong.testing.ContractValidation;
import org.susong.testing.LocalInfraTestResource;
import org.susong.payments.persistence.BudgetLineRepository;

/**
 * Issue 24 item 5, after 2026: the measures take no new application after 2026-12-31, but awards decided in
 * 2024-2026 are still paid. Payments runs here on the business date 2027-01-05 (commons BusinessClock's
 * {@code susong.clock.business-date}); an award of the fiscal year 2026 is reserved on its 2026 line and settled.
 */
@QuarkusTest
@ExtendWith(ContractValidation.class)
@WithTestResource(LocalInfraTestResource.class)
@TestProfile(After2026PaymentsTest.After2026.class)
class After2026PaymentsTest {

    /** The business clock after the policy's window. */
    public static class After2026 implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("susong.clock.business-date", "2027-01-05");
        }
    }

    @Inject
    Clock clock;
    @Inject
    BudgetLineRepository lines;

    @Test
    void an_award_decided_in_2026_is_reserved_on_its_2026_line_and_paid_in_2027() {
        assertEquals(LocalDate.of(2027, 1, 5), LocalDate.now(clock));
        String app = "APP-2027-" + UUID.randomUUID().toString().substring(0, 8);
        long before = PaymentsServiceTest.line(lines, 2026, "B1").disbursedFen();

        Fixtures.decide(app, "B1", 2026, 30_000_000);
        Fixtures.payee(app);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> PaymentsServiceTest.user().queryParam("applicationId", app)
                .get("/payments").then().statusCode(200).body("items.size()", equalTo(1)).body("items[0].state", equalTo("SETTLED"))
                .body("items[0].budgetLine", equalTo(PaymentsServiceTest.line(lines, 2026, "B1").id())));
        assertEquals(before + 30_000_000, PaymentsServiceTest.line(lines, 2026, "B1").disbursedFen());
    }

    @Test
    void there_is_no_2027_budget_and_the_answer_says_where_2026_awards_are_paid_from() {
        // what a portal asks on its first day of 2027: not a validation error (400) but "no such budget" (404), naming
        // the budget that still pays 2026 awards
        PaymentsServiceTest.user().get("/budgets/2027").then().statusCode(404).contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.containsString("no budget for fiscal year 2027"))
                .body("detail", org.hamcrest.Matchers.containsString("/budgets/2026"))
                .body("budgetYears", equalTo(java.util.List.of(2024, 2025, 2026)))
                .body("paidFrom", equalTo("/budgets/2026"));
        PaymentsServiceTest.user().get("/budgets/2023").then().statusCode(404).contentType("application/problem+json")
                .body("budgetYears", equalTo(java.util.List.of(2024, 2025, 2026)));
        // the 2026 lines still answer, and are the ones that pay
        PaymentsServiceTest.user().get("/budgets/2026").then().statusCode(200).body("year", equalTo(2026))
                .body("lines.id", org.hamcrest.Matchers.hasItem(PaymentsServiceTest.line(lines, 2026, "B1").id()));
    }

    @Test
    void a_line_balance_asked_without_a_date_is_the_balance_on_the_business_date() {
        String line = PaymentsServiceTest.line(lines, 2026, "B1").id();
        PaymentsServiceTest.user().get("/ledger/lines/" + line + "/balance").then().statusCode(200)
                .body("at", equalTo(LocalDate.now(clock).toString()));
    }
}
