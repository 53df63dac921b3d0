package org.susong.payments.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;
import org.susong.commons.security.Principal;
import org.susong.testing.AccessContract;
import org.susong.testing.AccessContract.Case;
import org.susong.testing.AccessContract.Operation;
import org.susong.testing.AccessContract.Rule;
import org.susong.testing.ContractValidation;
import org.susong.testing.LocalInfraTestResource;
import org.susong.testing.OidcTestProfile;
import org.susong.testing.TestTokens;
import org.susong.payments.application.BankFiles;
import org.susong.payments.application.IntakeService;
import org.susong.payments.application.OrderService;
import org.susong.payments.application.RecoveryService;
import org.susong.payments.bank.Iso20022Files;
import org.susong.payments.domain.OrderState;
import org.susong.payments.domain.Payee;
import org.susong.payments.domain.PaymentOrder;

/**
 * Issue 13 "Done when" and issue 23 item 1 (deny by default) for payments: every operation of the OpenAPI document
 * x {no token, a wrong role, another district or USCC, its own} with real bearer tokens, as the canvas lists under
 * "Access rules". Fixtures: orders and recoveries of a Huli beneficiary and of a Siming one, made through payments'
 * own application services with the processor paused, so each stays in the state its rule needs; the recovery to repay
 * is opened first, on an order the running processor has paid.
 */
@QuarkusTest
@ExtendWith(ContractValidation.class)
@TestProfile(OidcTestProfile.class)
@WithTestResource(LocalInfraTestResource.class)
class AccessRulesTest extends ProcessorSteps {

    static final String HULI_USCC = Fixtures.USCC;
    static final String SIMING_USCC = "91350203M000200Y18";
    /** The beneficiary of the open recovery the repayment rule repays: no other fixture pays it. */
    static final String REPAYING_USCC = "91350206M000300Y19";

    static final String FINANCE = TestTokens.subject("finance-a").roles(Principal.FINANCE).sign();
    static final String ADMIN = TestTokens.subject("admin-a").roles(Principal.ADMIN).sign();
    static final String AUDITOR = TestTokens.subject("auditor-a").roles(Principal.AUDITOR).sign();
    static final String REGISTRAR = TestTokens.subject("registrar-a").roles(Principal.REGISTRAR).sign();
    static final String NO_ROLE = TestTokens.subject("nobody").sign();
    static final String HULI_OFFICER = TestTokens.subject("officer-huli").roles(Principal.OFFICER).district("Huli").sign();
    static final String SIMING_OFFICER = TestTokens.subject("officer-siming").roles(Principal.OFFICER).district("Siming")
            .sign();
    static final String HULI_APPLICANT = TestTokens.subject("applicant-huli").roles(Principal.APPLICANT).uscc(HULI_USCC)
            .sign();
    static final String SIMING_APPLICANT = TestTokens.subject("applicant-siming").roles(Principal.APPLICANT)
            .uscc(SIMING_USCC).sign();

    @Inject
    RecoveryService recoveries;

    /** An order of that beneficiary and district, reserved and past its notice (AWAITING_APPROVAL above 1,000,000 CNY). */
    String order(String uscc, String district, long amountFen) {
        String app = Fixtures.app("APP-AC");
        orders.onApprovedDecision(new OrderService.ApprovedDecision(UUID.randomUUID().toString(), "h-" + app, "D-" + app, app,
                uscc, "B3a", 2025, district, amountFen));
        approvals.endNotices();
        return PaymentOrder.idFor("D-" + app);
    }

    String awaitingApproval(String uscc, String district) {
        String id = order(uscc, district, 150_000_000);
        assertEquals(OrderState.AWAITING_APPROVAL, orders.find(id).orElseThrow().state(), id);
        return id;
    }

    /** A recovery of that beneficiary and district (its order has not arrived: it waits, nothing moves). */
    String recovery(String uscc, String district) {
        String decision = "D-" + Fixtures.app("APP-RC");
        String revocation = "RV-" + decision + "-1";
        recoveries.onRevocationRequested(new RecoveryService.Revocation(UUID.randomUUID().toString(), "r-" + revocation,
                revocation, decision, decision.substring(2), uscc, 1_000, "contract cancelled", district));
        return RecoveryService.idFor(revocation);
    }

    /**
     * A recovery OPEN for money paid: an order of that beneficiary paid by the running processor (simulated bank) until
     * SETTLED, then revoked in part. The beneficiary is this fixture's alone: no other order is offset against it.
     */
    String openRecovery(String uscc) {
        String id = order(uscc, "HULI", 1_000_000);
        PaymentOrder order = orders.find(id).orElseThrow();
        intake.onPayeeSnapshot(new IntakeService.PayeeSnapshot(UUID.randomUUID().toString(), "p-" + id, order.decisionId(),
                order.applicationId(), uscc, new Payee("Xiamen Repaying Co.", "6222020200112239999", "102393000019",
                "ICBC Xiamen", Instant.parse("2026-06-15T02:00:01Z"))));
        await().atMost(Duration.ofSeconds(60)).until(() -> orders.find(id).orElseThrow().state() == OrderState.SETTLED);
        String revocation = "RV-" + order.decisionId() + "-1";
        recoveries.onRevocationRequested(new RecoveryService.Revocation(UUID.randomUUID().toString(), "r-" + revocation,
                revocation, order.decisionId(), order.applicationId(), uscc, 1_000, "contract cancelled", "HULI"));
        String recovery = RecoveryService.idFor(revocation);
        assertEquals(org.susong.payments.domain.RecoveryState.OPEN, recoveries.find(recovery).state(), recovery);
        return recovery;
    }

    static Case none(int status) {
        return new Case("no token", null, status);
    }

    static Case as(String who, String token, int status) {
        return new Case(who, token, status);
    }

    @TestFactory
    Stream<DynamicTest> every_operation_answers_401_403_404_and_2xx_as_the_canvas_lists() {
        String toRepay = openRecovery(REPAYING_USCC);
        pause();
        String huli = awaitingApproval(HULI_USCC, "HULI");
        String siming = awaitingApproval(SIMING_USCC, "SIMING");
        String huliApp = orders.find(huli).orElseThrow().applicationId();
        String simingApp = orders.find(siming).orElseThrow().applicationId();
        String toObject = awaitingApproval(HULI_USCC, "HULI");
        String simingToObject = awaitingApproval(SIMING_USCC, "SIMING");
        String toBulkApprove = awaitingApproval(HULI_USCC, "HULI");
        String held = awaitingApproval(HULI_USCC, "HULI");
        String holdId = approvals.object(held, "check the contract", "citizen-1", "citizen-1;;;").hold().id();
        String simingHeld = awaitingApproval(SIMING_USCC, "SIMING");
        String simingHoldId = approvals.object(simingHeld, "check the contract", "citizen-1", "citizen-1;;;").hold().id();
        String huliRecovery = recovery(HULI_USCC, "HULI");
        String simingRecovery = recovery(SIMING_USCC, "SIMING");

        // an order paid automatically (below 1,000,000 CNY), with its payee, in an OPEN batch of its own line
        String batched = order(HULI_USCC, "HULI", 1_000_000);
        String batchedDecision = orders.find(batched).orElseThrow().decisionId();
        intake.onPayeeSnapshot(new IntakeService.PayeeSnapshot(UUID.randomUUID().toString(), "p-" + batched, batchedDecision,
                orders.find(batched).orElseThrow().applicationId(), HULI_USCC, new Payee("Xiamen Test Co.",
                "6222020200112233445", "102393000019", "ICBC Xiamen", Instant.parse("2026-06-15T02:00:01Z"))));
        approvals.routeApproved();
        disbursements.batchApproved();
        String batch = orders.find(batched).orElseThrow().batchId();
        String date = disbursements.find(batch).orElseThrow().date();

        String statement = new String(files.writeStatement("ST-ACCESS-" + UUID.randomUUID().toString().substring(0, 8),
                clock.instant(), "35001000000000000000", List.of(new BankFiles.Entry("BK-PENDING", true, 100, "PDNG",
                        List.of()))), StandardCharsets.UTF_8);
        String statusReport = new String(Iso20022Files.statusReport("RJ-ACCESS-" + UUID.randomUUID().toString().substring(0, 8),
                clock.instant(), "B-ELSEWHERE", List.of(new BankFiles.TransactionStatus(huli, "ACCP", null))),
                StandardCharsets.UTF_8);

        String largeAdjustment = budgets.adjust("2025:B3a", 1_500_000_000L, "access test: a large top-up",
                UUID.randomUUID().toString(), "admin-b", "admin-b;admin;;").id();

        List<Rule> rules = new ArrayList<>();
        // payment orders: city-wide for finance, admin, auditor; a district officer its district; an applicant its USCC
        rules.add(Rule.of("GET /payments/{id}", "/payments/" + huli, null, none(401), as("registrar", REGISTRAR, 403),
                as("no role", NO_ROLE, 403), as("Siming officer", SIMING_OFFICER, 404),
                as("Siming applicant", SIMING_APPLICANT, 404), as("Huli officer", HULI_OFFICER, 200),
                as("Huli applicant", HULI_APPLICANT, 200), as("auditor", AUDITOR, 200), as("finance", FINANCE, 200)));
        // a list: another district's application answers an empty list (filtered in the query; see the list test)
        rules.add(Rule.of("GET /payments", "/payments?applicationId=" + huliApp, null, none(401),
                as("registrar", REGISTRAR, 403), as("Siming officer", SIMING_OFFICER, 200),
                as("Huli officer", HULI_OFFICER, 200), as("Huli applicant", HULI_APPLICANT, 200), as("auditor", AUDITOR, 200)));
        // the published notice (公示): every role reads it, a principal without one does not
        rules.add(Rule.of("GET /payments/notices", none(401), as("no role", NO_ROLE, 403), as("Siming applicant",
                SIMING_APPLICANT, 200), as("registrar", REGISTRAR, 200)));
        // approval: finance only (city-wide, no district)
        rules.add(Rule.of("POST /payments/{id}/approvals", "/payments/" + huli + "/approvals", null, none(401),
                as("Huli officer", HULI_OFFICER, 403), as("auditor", AUDITOR, 403), as("admin", ADMIN, 403),
                as("finance", FINANCE, 200)));
        rules.add(Rule.of("POST /payments/approvals", "/payments/approvals", "{\"orderIds\":[\"" + toBulkApprove + "\"]}",
                none(401), as("Huli officer", HULI_OFFICER, 403), as("auditor", AUDITOR, 403), as("finance", FINANCE, 200)));
        // objection: every role but the auditor; past its notice only on an order the principal sees
        rules.add(Rule.of("POST /payments/{id}/objections", "/payments/" + toObject + "/objections",
                "{\"reason\":\"the enterprise moved away\"}", none(401), as("auditor", AUDITOR, 403),
                as("no role", NO_ROLE, 403), as("Siming officer", SIMING_OFFICER, 404),
                as("Siming applicant", SIMING_APPLICANT, 404), as("Huli officer", HULI_OFFICER, 200)));
        rules.add(new Rule(Operation.of("POST /payments/{id}/objections"), "/payments/" + simingToObject + "/objections",
                "{\"reason\":\"the enterprise moved away\"}", "application/json",
                List.of(as("Huli applicant on a Siming order", HULI_APPLICANT, 404))));
        // a hold is resolved by an officer of the order's district who is not the objector (issue 23 item 7)
        rules.add(Rule.of("POST /payments/{id}/holds/{holdId}/resolution", "/payments/" + held + "/holds/" + holdId
                        + "/resolution", "{\"outcome\":\"DISMISSED\"}", none(401), as("Huli applicant", HULI_APPLICANT, 403),
                as("finance", FINANCE, 403), as("auditor", AUDITOR, 403), as("Siming officer", SIMING_OFFICER, 404), as("Huli officer", HULI_OFFICER, 200)));
        rules.add(new Rule(Operation.of("POST /payments/{id}/holds/{holdId}/resolution"), "/payments/" + simingHeld
                + "/holds/" + simingHoldId + "/resolution", "{\"outcome\":\"DISMISSED\"}", "application/json",
                List.of(as("Huli officer on a Siming hold", HULI_OFFICER, 404))));

        // budgets and the ledger: finance, admin, auditor read; only admin adjusts and seeds
        for (String op : List.of("GET /budgets/{year}|/budgets/2025", "GET /budgets|/budgets",
                "GET /budgets/lines/{lineId}/allocations|/budgets/lines/2025:B3a/allocations",
                "GET /ledger/lines/{lineId}/balance|/ledger/lines/2025:B3a/balance", "GET /ledger/check|/ledger/check")) {
            String[] parts = op.split("\\|");
            rules.add(Rule.of(parts[0], parts[1], null, none(401), as("Huli officer", HULI_OFFICER, 403),
                    as("Huli applicant", HULI_APPLICANT, 403), as("finance", FINANCE, 200), as("auditor", AUDITOR, 200),
                    as("admin", ADMIN, 200)));
        }
        // an adjustment carries its Idempotency-Key (issue 23); the role is decided before the key is taken
        rules.add(Rule.of("POST /budgets/lines/{lineId}/adjustments", "/budgets/lines/2025:B3a/adjustments",
                "{\"amountFen\":1,\"reason\":\"access test\"}", none(401), as("finance", FINANCE, 403),
                as("auditor", AUDITOR, 403), as("admin", ADMIN, 200))
                .withHeader("Idempotency-Key", UUID.randomUUID().toString()));
        rules.add(Rule.of("POST /budgets/lines/{lineId}/adjustments/{id}/approvals", "/budgets/lines/2025:B3a/adjustments/"
                + largeAdjustment + "/approvals", null, none(401), as("finance", FINANCE, 403), as("auditor", AUDITOR, 403),
                as("admin (another than its requester)", ADMIN, 200)));
        // year-end (issue 20 item 1): finance and admin close a year, finance, admin and auditor read its report
        rules.add(Rule.of("POST /budgets/{year}/close", "/budgets/2024/close", null, none(401),
                as("Huli officer", HULI_OFFICER, 403), as("Huli applicant", HULI_APPLICANT, 403), as("auditor", AUDITOR, 403),
                as("registrar", REGISTRAR, 403), as("finance", FINANCE, 200)));
        rules.add(Rule.of("GET /budgets/{year}/close", "/budgets/2024/close", null, none(401),
                as("Huli officer", HULI_OFFICER, 403), as("Huli applicant", HULI_APPLICANT, 403), as("auditor", AUDITOR, 200),
                as("finance", FINANCE, 200), as("admin", ADMIN, 200)));
        rules.add(Rule.of("POST /admin/seed", "/admin/seed", null, none(401), as("finance", FINANCE, 403),
                as("auditor", AUDITOR, 403), as("admin", ADMIN, 200)));
        rules.add(Rule.of("GET /admin/audit", none(401), as("finance", FINANCE, 403), as("auditor", AUDITOR, 200),
                as("admin", ADMIN, 200)));

        // batches and bank files: finance (reads: admin and auditor too; the file with its accounts: auditor)
        rules.add(Rule.of("GET /batches", "/batches?date=" + date, null, none(401), as("Huli officer", HULI_OFFICER, 403),
                as("auditor", AUDITOR, 200), as("finance", FINANCE, 200)));
        rules.add(Rule.of("GET /batches/{id}", "/batches/" + batch, null, none(401), as("Huli officer", HULI_OFFICER, 403),
                as("auditor", AUDITOR, 200), as("finance", FINANCE, 200)));
        rules.add(Rule.of("POST /batches/{id}/exports", "/batches/" + batch + "/exports", null, none(401),
                as("auditor", AUDITOR, 403), as("admin", ADMIN, 403), as("finance", FINANCE, 200)));
        rules.add(Rule.of("GET /batches/{id}/file", "/batches/" + batch + "/file", null, none(401),
                as("admin", ADMIN, 403), as("auditor", AUDITOR, 200), as("finance", FINANCE, 200)));
        // own: 202, the first of the two people a void needs records the request (issue 23)
        rules.add(Rule.of("POST /batches/{id}/void", "/batches/" + batch + "/void",
                "{\"reason\":\"access test\",\"recallReference\":\"RCL-ACCESS\"}", none(401), as("auditor", AUDITOR, 403),
                as("admin", ADMIN, 403), as("finance", FINANCE, 202)));
        rules.add(new Rule(Operation.of("POST /reconciliation/statements"), "/reconciliation/statements", statement,
                "application/xml", List.of(none(401), as("auditor", AUDITOR, 403), as("admin", ADMIN, 403),
                as("finance", FINANCE, 200))));
        rules.add(new Rule(Operation.of("POST /reconciliation/status-reports"), "/reconciliation/status-reports", statusReport,
                "application/xml", List.of(none(401), as("auditor", AUDITOR, 403), as("admin", ADMIN, 403),
                as("finance", FINANCE, 200))));
        rules.add(Rule.of("GET /reconciliation/reports", none(401), as("Huli officer", HULI_OFFICER, 403),
                as("auditor", AUDITOR, 200), as("finance", FINANCE, 200)));

        // recoveries: scoped like orders; repayments by finance
        rules.add(Rule.of("GET /recoveries/{id}", "/recoveries/" + huliRecovery, null, none(401),
                as("registrar", REGISTRAR, 403), as("Siming officer", SIMING_OFFICER, 404),
                as("Siming applicant", SIMING_APPLICANT, 404), as("Huli officer", HULI_OFFICER, 200),
                as("Huli applicant", HULI_APPLICANT, 200), as("auditor", AUDITOR, 200)));
        rules.add(Rule.of("GET /recoveries", "/recoveries?beneficiaryUscc=" + HULI_USCC, null, none(401),
                as("registrar", REGISTRAR, 403), as("Siming officer", SIMING_OFFICER, 200),
                as("Huli officer", HULI_OFFICER, 200), as("finance", FINANCE, 200)));
        // a repayment of an OPEN recovery (money paid, then revoked): finance, city-wide
        rules.add(Rule.of("POST /recoveries/{id}/repayments", "/recoveries/" + toRepay + "/repayments",
                "{\"amountFen\":100,\"reference\":\"BANK-1\"}", none(401), as("Huli officer", HULI_OFFICER, 403),
                as("auditor", AUDITOR, 403), as("Huli applicant", HULI_APPLICANT, 403), as("finance", FINANCE, 200)));
        rules.add(Rule.of("POST /recoveries/{id}/repayments", "/recoveries/" + simingRecovery + "/repayments",
                "{\"amountFen\":100,\"reference\":\"BANK-1\"}", as("admin", ADMIN, 403)));
        rules.add(Rule.of("GET /recoveries/{id}", "/recoveries/" + simingRecovery, null,
                as("Huli officer on a Siming recovery", HULI_OFFICER, 404)));
        rules.add(Rule.of("GET /payments/{id}", "/payments/" + siming, null,
                as("Huli officer on a Siming order", HULI_OFFICER, 404), as("Huli applicant on a Siming order", HULI_APPLICANT, 404),
                as("Siming officer", SIMING_OFFICER, 200)));
        rules.add(Rule.of("GET /payments", "/payments?applicationId=" + simingApp, null,
                as("Siming applicant", SIMING_APPLICANT, 200)));
        return AccessContract.check(RestAssured.port, rules);
    }

    /** Issue 13: the actor recorded is the token's subject; a development header beside the token changes nothing. */
    @Test
    void the_actor_recorded_is_the_tokens_subject_never_a_header() {
        pause();
        String approved = awaitingApproval(HULI_USCC, "HULI");
        given().auth().oauth2(FINANCE).header("X-User", "someone-else").post("/payments/" + approved + "/approvals").then()
                .statusCode(200).body("approvals", org.hamcrest.Matchers.equalTo(List.of("finance-a")));
        String held = awaitingApproval(HULI_USCC, "HULI");
        given().auth().oauth2(HULI_OFFICER).header("X-User", "someone-else").contentType("application/json")
                .body("{\"reason\":\"a related party\"}").post("/payments/" + held + "/objections").then().statusCode(200)
                .body("hold.by", org.hamcrest.Matchers.equalTo("officer-huli"));
    }

    /** Lists are filtered in the query: another district's or USCC's rows never appear (issue 13, item 3). */
    @Test
    void a_district_officers_and_an_applicants_lists_hold_no_row_of_another_district_or_uscc() {
        pause();
        String siming = awaitingApproval(SIMING_USCC, "SIMING");
        String app = orders.find(siming).orElseThrow().applicationId();
        String recovery = recovery(SIMING_USCC, "SIMING");
        for (String token : List.of(HULI_OFFICER, HULI_APPLICANT)) {
            assertEquals(List.of(), given().auth().oauth2(token).get("/payments?applicationId=" + app).then().statusCode(200)
                    .extract().jsonPath().getList("items.id"));
            assertEquals(List.of(), given().auth().oauth2(token).get("/recoveries?beneficiaryUscc=" + SIMING_USCC).then()
                    .statusCode(200).extract().jsonPath().getList("items.id"));
        }
        assertEquals(List.of(siming), given().auth().oauth2(SIMING_OFFICER).get("/payments?applicationId=" + app).then()
                .statusCode(200).extract().jsonPath().getList("items.id"));
        assertEquals(List.of(siming), given().auth().oauth2(SIMING_APPLICANT).get("/payments?applicationId=" + app).then()
                .statusCode(200).extract().jsonPath().getList("items.id"));
        given().auth().oauth2(SIMING_OFFICER).get("/recoveries?beneficiaryUscc=" + SIMING_USCC).then().statusCode(200)
                .body("items.id", org.hamcrest.Matchers.hasItem(recovery));
    }
}
