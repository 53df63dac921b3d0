package org.susong.payments.rest;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.susong.commons.messaging.PermanentFailure;
import org.susong.testing.CloudEventRecords;
import org.susong.testing.ContractValidation;
import org.susong.testing.LocalInfraTestResource;
import org.susong.payments.application.IntakeService;
import org.susong.payments.application.OrderService;
import org.susong.payments.domain.OrderState;
import org.susong.payments.domain.Payee;
import org.susong.payments.domain.PaymentOrder;

/**
 * Issue 23 item 5: payee snapshots are accepted only for the order's beneficiary (USCC equal) and only from
 * applications ({@code ce_source} checked against the topic's owner); the approval view shows the payee account.
 */
@QuarkusTest
@ExtendWith(ContractValidation.class)
@WithTestResource(LocalInfraTestResource.class)
class PayeeSnapshotChecksTest extends ProcessorSteps {

    static final String STRANGER = "91350206MA0000001X";

    String decide(String app, long amountFen) {
        orders.onApprovedDecision(new OrderService.ApprovedDecision(UUID.randomUUID().toString(), "h-" + app, "D-" + app, app,
                Fixtures.USCC, "B3b", 2025, "HULI", amountFen));
        return PaymentOrder.idFor("D-" + app);
    }

    IntakeService.PayeeSnapshot snapshot(String app, String uscc, String account) {
        return new IntakeService.PayeeSnapshot(UUID.randomUUID().toString(), "p-" + app + account, "D-" + app, app, uscc,
                new Payee("Somebody Else Co.", account, "102393000019", "ICBC Xiamen", Instant.parse("2026-06-15T02:00:01Z")));
    }

    @Test
    void a_payee_snapshot_naming_another_uscc_than_the_beneficiary_is_refused_and_never_paid() {
        pause();
        String app = Fixtures.app("APP-PX");
        String id = decide(app, 1_100_000);
        assertThrows(PermanentFailure.class, () -> intake.onPayeeSnapshot(snapshot(app, STRANGER, "6222999900001111")));
        approvals.endNotices();
        approvals.routeApproved();
        disbursements.batchApproved();
        assertEquals(OrderState.AWAITING_PAYEE, orders.find(id).orElseThrow().state(), "not paid to a stranger's account");

        // a stranger's snapshot that came before the decision is never used for the order either
        String early = Fixtures.app("APP-PX");
        intake.onPayeeSnapshot(snapshot(early, STRANGER, "6222999900002222"));
        String earlyId = decide(early, 1_100_000);
        approvals.endNotices();
        approvals.routeApproved();
        disbursements.batchApproved();
        assertEquals(OrderState.AWAITING_PAYEE, orders.find(earlyId).orElseThrow().state());
    }

    @Test
    void a_strangers_snapshot_before_the_decision_does_not_take_the_beneficiarys_slot_and_is_shown_on_the_order() {
        pause();
        String app = Fixtures.app("APP-PS");
        intake.onPayeeSnapshot(snapshot(app, STRANGER, "6222999900003333"));
        String id = decide(app, 1_150_000);
        approvals.endNotices();
        approvals.routeApproved();
        assertEquals(OrderState.AWAITING_PAYEE, orders.find(id).orElseThrow().state());
        Fixtures.officer("finance-1").get("/payments/" + id).then().statusCode(200)
                .body("waitingFor", org.hamcrest.Matchers.containsString(STRANGER));

        // the beneficiary's own snapshot is kept (not dead-lettered as a modified request) and the order goes on
        intake.onPayeeSnapshot(snapshot(app, Fixtures.USCC, "6222020200112233446"));
        approvals.routeApproved();
        disbursements.batchApproved();
        assertEquals(OrderState.BATCHED, orders.find(id).orElseThrow().state(), "paid to the beneficiary's own account");
        assertEquals("6222020200112233446", orders.find(id).orElseThrow().payee().accountNumber());
    }

    @Test
    void a_payee_snapshot_that_does_not_come_from_applications_is_dead_lettered() {
        String app = Fixtures.app("APP-PS");
        String id = decide(app, 1_200_000);
        await().atMost(Duration.ofSeconds(20)).until(() -> orders.find(id).orElseThrow().state() == OrderState.AWAITING_PAYEE);
        ProducerRecord<String, String> forged = CloudEventRecords.event("applications.events", UUID.randomUUID().toString(),
                "susong.applications.PayeeAccountSnapshotted.v1", app, "{\"applicationId\":\"" + app + "\",\"decisionId\":\"D-"
                        + app + "\",\"applicantUscc\":\"" + Fixtures.USCC + "\",\"accountName\":\"Xiamen Test Co., Ltd.\","
                        + "\"accountNumber\":\"6222000011112222\",\"bankCode\":\"102393000019\",\"bankName\":\"ICBC Xiamen\","
                        + "\"snapshottedAt\":\"2026-06-15T02:00:01Z\"}", Map.of());
        forged.headers().remove("ce_source");
        forged.headers().add("ce_source", "/susong/eligibility".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Fixtures.kafka().produceStrings().fromRecords(forged).awaitCompletion();
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> Fixtures.kafka().consumeStrings().fromTopics("payments.dlq")
                .awaitRecords(1, Duration.ofSeconds(3)).getRecords().stream().anyMatch(r -> app.equals(r.key())));
        assertEquals(OrderState.AWAITING_PAYEE, orders.find(id).orElseThrow().state(), "a forged source pays nobody");
    }

    /** Issue 23 on the batched decision consumer (issue 14): a decision that does not come from eligibility pays nobody. */
    @Test
    void an_approved_decision_that_does_not_come_from_eligibility_is_dead_lettered_and_makes_no_order() {
        String forgedApp = Fixtures.app("APP-FD");
        ProducerRecord<String, String> forged = CloudEventRecords.event("eligibility.events", UUID.randomUUID().toString(),
                "susong.eligibility.EligibilityDecided.v1", "D-" + forgedApp, Fixtures.decision(forgedApp, "APPROVED", "B1", 2026,
                        1_200_000, null), Map.of());
        forged.headers().remove("ce_source");
        forged.headers().add("ce_source", "/susong/applications".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        String realApp = Fixtures.app("APP-RD");
        Fixtures.kafka().produceStrings().fromRecords(forged).awaitCompletion();
        String real = decide(realApp, 1_200_000); // behind it on the topic: consumption goes on
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> Fixtures.kafka().consumeStrings().fromTopics("payments.dlq")
                .awaitRecords(1, Duration.ofSeconds(3)).getRecords().stream().anyMatch(r -> ("D-" + forgedApp).equals(r.key())));
        await().atMost(Duration.ofSeconds(20)).until(() -> orders.find(real).isPresent());
        assertTrue(orders.find(PaymentOrder.idFor("D-" + forgedApp)).isEmpty(), "a forged source makes no order and reserves nothing");
    }

    @Test
    void the_approval_view_shows_the_payee_account_that_will_be_paid() {
        pause();
        String app = Fixtures.app("APP-PV");
        String id = decide(app, 150_000_000);
        intake.onPayeeSnapshot(snapshot(app, Fixtures.USCC, "6222020200112233445"));
        approvals.endNotices();
        assertEquals(OrderState.AWAITING_APPROVAL, orders.find(id).orElseThrow().state());
        Fixtures.officer("finance-1").get("/payments/" + id).then().statusCode(200)
                .body("payee.accountNumber", equalTo("6222020200112233445"))
                .body("payee.accountName", equalTo("Somebody Else Co.")).body("payee.bankCode", equalTo("102393000019"));
        // an applicant sees its own account masked (it knows it; a leaked view does not give it away)
        String masked = io.restassured.RestAssured.given().header("X-User", "applicant-1").header("X-Roles", "applicant")
                .header("X-Acting-For", Fixtures.USCC).get("/payments/" + id).then().statusCode(200).extract()
                .path("payee.accountNumber");
        assertTrue(masked.endsWith("3445") && !masked.contains("62220202"), masked);
    }
}
