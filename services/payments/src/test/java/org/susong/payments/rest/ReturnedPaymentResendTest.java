package org.susong.payments.rest;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.susong.testing.ContractValidation;
import org.susong.testing.LocalInfraTestResource;
import org.susong.payments.application.BankFiles;
import org.susong.payments.application.IntakeService;
import org.susong.payments.application.OrderService;
import org.susong.payments.application.PaymentProcessor;
import org.susong.payments.domain.OrderState;
import org.susong.payments.domain.Payee;
import org.susong.payments.domain.PaymentOrder;
import org.susong.payments.persistence.BudgetLineRepository;

/**
 * Issue 20 item 2 on the real local broker and store: a payment the bank returned waits for a corrected account (a newer
 * payee snapshot from applications), then the same order is instructed again with a new end-to-end id and settled once;
 * the bank's late files about the first instruction are recognised and change nothing.
 */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
@ExtendWith(ContractValidation.class)
class ReturnedPaymentResendTest extends ProcessorSteps {

    static final String PAYER = "35001000000000000000";
    static final String FIRST = "2026-06-15T02:00:01Z";

    static String snapshot(String app, String accountNumber, String snapshottedAt) {
        return "{\"applicationId\":\"" + app + "\",\"decisionId\":\"D-" + app + "\",\"applicantUscc\":\"" + Fixtures.USCC
                + "\",\"accountName\":\"Xiamen Test Co., Ltd.\",\"accountNumber\":\"" + accountNumber + "\","
                + "\"bankCode\":\"102393000019\",\"bankName\":\"ICBC Xiamen\",\"snapshottedAt\":\"" + snapshottedAt + "\"}";
    }

    static void publishSnapshot(String app, String accountNumber, String snapshottedAt) {
        Fixtures.publish("applications.events", "susong.applications.PayeeAccountSnapshotted.v1", app,
                snapshot(app, accountNumber, snapshottedAt));
    }

    void upload(String statementId, BankFiles.Entry entry, String outcome) {
        byte[] file = files.writeStatement(statementId, clock.instant(), PAYER, List.of(entry));
        Fixtures.officer("finance-1").contentType("application/xml").body(file).post("/reconciliation/statements").then()
                .statusCode(200).body("items[0].outcome", equalTo(outcome));
    }

    /** An order of the line paid by the bank (statement uploaded) and then returned by it (closed account). */
    String paidAndReturned(String app, String measure, int year, long amount) {
        orders.onApprovedDecision(new OrderService.ApprovedDecision(UUID.randomUUID().toString(), "h-" + app, "D-" + app, app,
                Fixtures.USCC, measure, year, "HULI", amount));
        intake.onPayeeSnapshot(new IntakeService.PayeeSnapshot(UUID.randomUUID().toString(), "p-" + app, "D-" + app, app,
                Fixtures.USCC, new Payee("Xiamen Test Co., Ltd.", "6222020200110000001", "102393000019", "ICBC Xiamen",
                Instant.parse(FIRST))));
        String id = PaymentOrder.idFor("D-" + app);
        approvals.endNotices();
        approvals.routeApproved();
        disbursements.batchApproved();
        String batchId = orders.find(id).orElseThrow().batchId();
        disbursements.export(batchId);
        disbursements.instruct(batchId);
        assertEquals(OrderState.INSTRUCTED, orders.find(id).orElseThrow().state());
        upload("ST-PAY-" + app, new BankFiles.Entry("BK-" + app, true, amount, "BOOK", List.of(new BankFiles.Detail(id, amount,
                null))), "SETTLED");
        upload("ST-RET-" + app, new BankFiles.Entry("BK-RT-" + app, false, amount, "BOOK", List.of(new BankFiles.Detail(id,
                amount, "AC04"))), "RETURNED");
        assertEquals(OrderState.RETURNED, orders.find(id).orElseThrow().state());
        return id;
    }

    @Test
    void a_returned_payment_waits_for_a_newer_account_and_is_resent_on_the_same_order_with_a_new_end_to_end_id_and_settled_once() {
        pause();
        String app = Fixtures.app("APP-RS");
        long amount = 2_300_000;
        BudgetLineRepository.Line before = lines.find("2025:B1").orElseThrow();
        String id = paidAndReturned(app, "B1", 2025, amount);
        String firstBatch = orders.find(id).orElseThrow().batchId();
        BudgetLineRepository.Line returned = lines.find("2025:B1").orElseThrow();
        assertEquals(before.availableFen(), returned.availableFen(), "the returned money is back on the line");
        assertEquals(before.disbursedFen(), returned.disbursedFen());

        // the snapshot the returned payment used, again (a redelivery), and an older one: nothing is re-sent
        intake.onPayeeSnapshot(new IntakeService.PayeeSnapshot(UUID.randomUUID().toString(), "p-" + app, "D-" + app, app,
                Fixtures.USCC, new Payee("Xiamen Test Co., Ltd.", "6222020200110000001", "102393000019", "ICBC Xiamen",
                Instant.parse(FIRST))));
        publishSnapshot(app, "6222020200119999999", "2026-06-14T02:00:00Z");
        scheduler.resume(PaymentProcessor.IDENTITY);
        await().pollDelay(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(10)).until(() -> true);
        assertEquals(OrderState.RETURNED, orders.find(id).orElseThrow().state(), "no newer account: it waits");
        assertEquals(returned.availableFen(), lines.find("2025:B1").orElseThrow().availableFen(), "nothing reserved again");

        // the applicant's corrected account (maker-checker change in applications): a newer snapshot, published twice
        publishSnapshot(app, "6222020200112222222", "2026-06-15T05:00:00Z");
        publishSnapshot(app, "6222020200112222222", "2026-06-15T05:00:00Z");
        await().atMost(Duration.ofSeconds(40)).until(() -> orders.find(id).orElseThrow().state() == OrderState.SETTLED);
        PaymentOrder paid = orders.find(id).orElseThrow();
        assertNotEquals(firstBatch, paid.batchId(), "a new instruction in a new file");
        assertNotEquals(id, paid.bankReference(), "with a new end-to-end id");
        assertEquals("6222020200112222222", paid.payee().accountNumber(), "to the corrected account");
        Fixtures.officer("finance-1").get("/payments/" + id).then().statusCode(200).body("state", equalTo("SETTLED"))
                .body("bankReference", equalTo(paid.bankReference()));
        BudgetLineRepository.Line after = lines.find("2025:B1").orElseThrow();
        assertEquals(before.disbursedFen() + amount, after.disbursedFen(), "paid once");
        assertEquals(before.returnedFen() + amount, after.returnedFen());
        assertEquals(before.reservedFen(), after.reservedFen(), "nothing left reserved");
        assertEquals(before.availableFen() - amount, after.availableFen());

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            List<String> types = Fixtures.types(id);
            assertEquals(1, types.stream().filter("PaymentOrderReopened.v1"::equals).count(), types.toString());
            assertEquals(2, types.stream().filter("PaymentDisbursed.v1"::equals).count(), types.toString());
        });

        // the bank's late files about the first instruction (the old end-to-end id): recognised, nothing applied
        pause();
        upload("ST-LATE-RET-" + app, new BankFiles.Entry("BK-RT2-" + app, false, amount, "BOOK", List.of(new BankFiles.Detail(id,
                amount, "AC04"))), "ALREADY_BOOKED");
        upload("ST-LATE-PAY-" + app, new BankFiles.Entry("BK-" + app, true, amount, "BOOK", List.of(new BankFiles.Detail(id,
                amount, null))), "ALREADY_BOOKED");
        upload("ST-LATE-DUP-" + app, new BankFiles.Entry("BK-DUP-" + app, true, amount, "BOOK", List.of(new BankFiles.Detail(id,
                amount, null))), "DUPLICATE_PAYMENT");
        assertEquals(OrderState.SETTLED, orders.find(id).orElseThrow().state());
        BudgetLineRepository.Line late = lines.find("2025:B1").orElseThrow();
        assertEquals(after.disbursedFen(), late.disbursedFen());
        assertEquals(after.availableFen(), late.availableFen());
    }
}
