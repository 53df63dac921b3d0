package org.susong.payments.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.susong.commons.ids.District;
import org.susong.commons.ids.Uscc;
import org.susong.contracts.EventContracts;
import org.susong.testing.CloudEventRecords;
import org.susong.testing.ContractValidation;
import org.susong.testing.LocalInfraTestResource;
import org.susong.payments.application.BankFiles;
import org.susong.payments.application.IntakeService;
import org.susong.payments.application.OrderService;
import org.susong.payments.application.PaymentProcessor;
import org.susong.payments.domain.OrderState;
import org.susong.payments.domain.Payee;
import org.susong.payments.domain.PaymentOrder;
import org.susong.payments.persistence.ApplicantRepository;

/**
 * Issue 20 item 6, payments' part, through {@code applications.events} on the real local broker and store: an applicant's
 * approved district change moves its open orders to the new district's officers (the old district's no longer see them,
 * nor resolve their holds), its paid orders keep the district they were decided in and are read by the new district's
 * officers too; a redelivered and a late older change move nothing back; a decision taken in after the change follows it.
 * A rename names the creditor of the next instruction; what is already in a bank file keeps what was sent.
 */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
@ExtendWith(ContractValidation.class)
class ApplicantChangesTest extends ProcessorSteps {

    static final String RENAMED = "susong.applications.ApplicantRenamed.v1";
    static final String DISTRICT_CHANGED = "susong.applications.ApplicantDistrictChanged.v1";
    static final String PAYER = "35001000000000000000";
    static final String SNAPSHOTTED = "2026-06-15T02:00:01Z";
    static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    ApplicantRepository applicants;

    /** A USCC of its own per test (the projection is per applicant: other tests' Huli beneficiary must stay in Huli). */
    static String freshUscc() {
        String first17 = "9135020" + String.format("%010d", ThreadLocalRandom.current().nextLong(10_000_000_000L));
        return first17 + Uscc.checkCharacterFor(first17);
    }

    static RequestSpecification officerOf(String district) {
        return given().header("X-User", "officer-" + district.toLowerCase()).header("X-Roles", "officer")
                .header("X-District", district);
    }

    /** The contract's example with these fields, checked against its schema, published as applications does. */
    static void publish(String type, String eventId, String uscc, Map<String, String> fields) {
        try {
            ObjectNode body = (ObjectNode) JSON.readTree(EventContracts.example(type));
            body.put("uscc", uscc);
            fields.forEach(body::put);
            String payload = JSON.writeValueAsString(body);
            assertEquals(List.of(), EventContracts.violations(type, payload));
            Fixtures.kafka().produceStrings().fromRecords(Fixtures.fromOwner(CloudEventRecords.event("applications.events",
                    eventId, type, uscc, payload, Map.of()))).awaitCompletion();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static void moved(String eventId, String uscc, String from, String to, String effectiveAt) {
        publish(DISTRICT_CHANGED, eventId, uscc, Map.of("changeId", "ARC-" + eventId.substring(0, 8), "fromDistrict", from,
                "toDistrict", to, "effectiveAt", effectiveAt));
    }

    static void renamed(String eventId, String uscc, String previous, String name, String effectiveAt) {
        publish(RENAMED, eventId, uscc, Map.of("changeId", "ARC-" + eventId.substring(0, 8), "previousName", previous,
                "name", name, "effectiveAt", effectiveAt));
    }

    /** An approved B1 decision of this beneficiary decided in Huli, taken in (reserved: IN_NOTICE with the processor paused). */
    String order(String app, String uscc, long amount) {
        orders.onApprovedDecision(new OrderService.ApprovedDecision(UUID.randomUUID().toString(), "h-" + app, "D-" + app, app,
                uscc, "B1", 2025, "HULI", amount));
        return PaymentOrder.idFor("D-" + app);
    }

    void snapshot(String app, String uscc, String name, String at) {
        intake.onPayeeSnapshot(new IntakeService.PayeeSnapshot(UUID.randomUUID().toString(), "p-" + app + at, "D-" + app, app,
                uscc, new Payee(name, "6222020200110000001", "102393000019", "ICBC Xiamen", Instant.parse(at))));
    }

    /** Out of its notice and approved, then into today's open batch of its line. */
    String batched(String id) {
        approvals.endNotices();
        approvals.routeApproved();
        disbursements.batchApproved();
        PaymentOrder order = orders.find(id).orElseThrow();
        assertEquals(OrderState.BATCHED, order.state());
        return order.batchId();
    }

    /** Batched, exported, instructed and booked by the paying account's statement. */
    void paid(String id, String app, long amount) {
        String batchId = batched(id);
        disbursements.export(batchId);
        disbursements.instruct(batchId);
        upload("ST-AC-" + app, new BankFiles.Entry("BK-" + app, true, amount, "BOOK", List.of(new BankFiles.Detail(id, amount,
                null))), "SETTLED");
        assertEquals(OrderState.SETTLED, orders.find(id).orElseThrow().state());
    }

    /** A camt.053 of the paying account with this one entry, uploaded by finance: the entry's outcome. */
    void upload(String statementId, BankFiles.Entry entry, String outcome) {
        byte[] file = files.writeStatement(statementId, clock.instant(), PAYER, List.of(entry));
        Fixtures.officer("finance-1").contentType("application/xml").body(file).post("/reconciliation/statements").then()
                .statusCode(200).body("items[0].outcome", equalTo(outcome));
    }

    District districtOf(String id) {
        return orders.find(id).orElseThrow().district();
    }

    @Test
    void a_district_change_moves_the_open_orders_and_the_new_district_reads_the_paid_ones() {
        pause();
        String uscc = freshUscc();
        String paidApp = Fixtures.app("APP-MV-PAID");
        String paid = order(paidApp, uscc, 1_100_000);
        snapshot(paidApp, uscc, "Xiamen Mover Co., Ltd.", SNAPSHOTTED);
        paid(paid, paidApp, 1_100_000);
        String open = order(Fixtures.app("APP-MV-OPEN"), uscc, 1_200_000);
        String held = order(Fixtures.app("APP-MV-HELD"), uscc, 1_300_000);
        assertEquals(OrderState.IN_NOTICE, orders.find(open).orElseThrow().state());
        Fixtures.officer("finance-1").contentType("application/json").body("{\"reason\":\"the project never started\"}")
                .post("/payments/" + held + "/objections").then().statusCode(200).body("state", equalTo("ON_HOLD"));
        String holdId = orders.find(held).orElseThrow().hold().id();

        String change = UUID.randomUUID().toString();
        moved(change, uscc, "HULI", "SIMING", "2026-06-20T02:00:00Z");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertEquals(District.SIMING, districtOf(open));
            assertEquals(District.SIMING, districtOf(held));
        });
        assertEquals(District.HULI, districtOf(paid), "a paid order keeps the district it was decided and paid in");

        // the new district's officers read all three; the old one's only the paid order; a third district's none
        officerOf("Siming").get("/payments/" + open).then().statusCode(200).body("district", equalTo("SIMING"));
        officerOf("Siming").get("/payments/" + paid).then().statusCode(200).body("district", equalTo("HULI"));
        officerOf("Huli").get("/payments/" + open).then().statusCode(404);
        officerOf("Huli").get("/payments/" + held).then().statusCode(404);
        officerOf("Huli").get("/payments/" + paid).then().statusCode(200);
        officerOf("Jimei").get("/payments/" + paid).then().statusCode(404);
        officerOf("Siming").queryParam("applicant", uscc).get("/payments").then().statusCode(200)
                .body("items.id", containsInAnyOrder(open, held, paid));
        officerOf("Huli").queryParam("applicant", uscc).get("/payments").then().statusCode(200)
                .body("items.id", containsInAnyOrder(paid));
        // the hold is resolved by an officer of where the applicant is now: the old district's answer is 404
        String dismissal = "{\"outcome\":\"DISMISSED\"}";
        officerOf("Huli").contentType("application/json").body(dismissal)
                .post("/payments/" + held + "/holds/" + holdId + "/resolution").then().statusCode(404);
        assertEquals(OrderState.ON_HOLD, orders.find(held).orElseThrow().state());
        officerOf("Siming").contentType("application/json").body(dismissal)
                .post("/payments/" + held + "/holds/" + holdId + "/resolution").then().statusCode(200)
                .body("state", equalTo("IN_NOTICE"));

        // a later move to Jimei; then the first change again (a redelivery, same event id) and a late older change to
        // Tongan: both keep Jimei. A rename of the same applicant (same key, so read after them) says they were read.
        moved(UUID.randomUUID().toString(), uscc, "SIMING", "JIMEI", "2026-06-21T02:00:00Z");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertEquals(District.JIMEI, districtOf(open)));
        moved(change, uscc, "HULI", "SIMING", "2026-06-20T02:00:00Z");
        moved(UUID.randomUUID().toString(), uscc, "HULI", "TONGAN", "2026-06-19T02:00:00Z");
        renamed(UUID.randomUUID().toString(), uscc, "Xiamen Mover Co., Ltd.", "Xiamen Moved Co., Ltd.",
                "2026-06-22T02:00:00Z");
        await().atMost(Duration.ofSeconds(20)).until(() -> applicants.name(uscc).isPresent());
        assertEquals(District.JIMEI, districtOf(open), "a redelivered or older change moves nothing back");
        assertEquals(District.JIMEI, districtOf(held));
        assertEquals(District.HULI, districtOf(paid));
        assertEquals(District.JIMEI, applicants.district(uscc).orElseThrow().district());
        officerOf("Siming").get("/payments/" + open).then().statusCode(404);
        officerOf("Siming").get("/payments/" + paid).then().statusCode(404);
        officerOf("Jimei").get("/payments/" + paid).then().statusCode(200);

        // a decision made in the old district, taken in after the move (the topics are not ordered): it follows the applicant
        String lateApp = Fixtures.app("APP-MV-LATE");
        Fixtures.publish("eligibility.events", "susong.eligibility.EligibilityDecided.v1", "D-" + lateApp,
                Fixtures.decision(lateApp, "APPROVED", "B1", 2025, 1_400_000, null).replace(Fixtures.USCC, uscc));
        String late = PaymentOrder.idFor("D-" + lateApp);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertEquals(District.JIMEI,
                orders.find(late).map(PaymentOrder::district).orElse(null)));
    }

    @Test
    void a_rename_names_the_creditor_of_the_next_instruction_and_a_file_already_sent_keeps_the_old_name() {
        pause();
        String uscc = freshUscc();
        String sentApp = Fixtures.app("APP-RN-SENT");
        String sent = order(sentApp, uscc, 1_000_000);
        snapshot(sentApp, uscc, "Xiamen Old Name Co., Ltd.", SNAPSHOTTED);
        String sentBatch = batched(sent);
        disbursements.export(sentBatch);
        disbursements.instruct(sentBatch);
        String nextApp = Fixtures.app("APP-RN-NEXT");
        String next = order(nextApp, uscc, 1_000_000);
        snapshot(nextApp, uscc, "Xiamen Old Name Co., Ltd.", SNAPSHOTTED);
        Fixtures.officer("finance-1").get("/payments/" + next).then().statusCode(200)
                .body("payee.accountName", equalTo("Xiamen Old Name Co., Ltd."));

        renamed(UUID.randomUUID().toString(), uscc, "Xiamen Old Name Co., Ltd.", "Xiamen New Name Co., Ltd.",
                "2026-06-20T02:00:00Z");
        // a late older rename (effective before) and the view: the name as registered now is the latest
        renamed(UUID.randomUUID().toString(), uscc, "Xiamen Oldest Co., Ltd.", "Xiamen Old Name Co., Ltd.",
                "2026-06-10T02:00:00Z");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> Fixtures.officer("finance-1").get("/payments/" + next)
                .then().statusCode(200).body("payee.accountName", equalTo("Xiamen New Name Co., Ltd.")));
        assertEquals("Xiamen New Name Co., Ltd.", applicants.name(uscc).orElseThrow().name());

        String nextBatch = batched(next);
        PaymentOrder batchedNext = orders.find(next).orElseThrow();
        assertEquals("Xiamen New Name Co., Ltd.", batchedNext.payee().accountName(), "the creditor as registered now");
        assertEquals("6222020200110000001", batchedNext.payee().accountNumber(), "the account is the snapshot's");
        disbursements.export(nextBatch);
        String nextFile = new String(disbursements.file(nextBatch), StandardCharsets.UTF_8);
        assertTrue(nextFile.contains("Xiamen New Name Co., Ltd."), nextFile);
        // the file sent before the rename is rebuilt as it was sent (its stored hash checked): the old name
        assertEquals("Xiamen Old Name Co., Ltd.", orders.find(sent).orElseThrow().payee().accountName());
        String sentFile = new String(disbursements.file(sentBatch), StandardCharsets.UTF_8);
        assertTrue(sentFile.contains("Xiamen Old Name Co., Ltd.") && !sentFile.contains("New Name"), sentFile);

        // a snapshot taken after the rename already carries the new name: used as it is
        String laterApp = Fixtures.app("APP-RN-LATER");
        String later = order(laterApp, uscc, 1_000_000);
        snapshot(laterApp, uscc, "Xiamen New Name Co., Ltd.", "2026-06-21T02:00:00Z");
        batched(later);
        assertEquals("Xiamen New Name Co., Ltd.", orders.find(later).orElseThrow().payee().accountName());
    }

    @Test
    void a_returned_order_sent_again_after_a_rename_names_the_new_name_and_its_first_file_keeps_the_old() {
        pause();
        String uscc = freshUscc();
        String app = Fixtures.app("APP-RN-RS");
        long amount = 1_050_000;
        String id = order(app, uscc, amount);
        snapshot(app, uscc, "Xiamen Before Co., Ltd.", SNAPSHOTTED);
        paid(id, app, amount);
        String firstBatch = orders.find(id).orElseThrow().batchId();
        upload("ST-RT-" + app, new BankFiles.Entry("BK-RT-" + app, false, amount, "BOOK", List.of(new BankFiles.Detail(id,
                amount, "AC04"))), "RETURNED");
        assertEquals(OrderState.RETURNED, orders.find(id).orElseThrow().state());

        renamed(UUID.randomUUID().toString(), uscc, "Xiamen Before Co., Ltd.", "Xiamen After Co., Ltd.",
                "2026-06-20T02:00:00Z");
        await().atMost(Duration.ofSeconds(20)).until(() -> applicants.name(uscc).isPresent());
        // the corrected account, snapshotted before the rename took effect (so under the old name)
        snapshot(app, uscc, "Xiamen Before Co., Ltd.", "2026-06-18T02:00:00Z");
        scheduler.resume(PaymentProcessor.IDENTITY);
        await().atMost(Duration.ofSeconds(40)).until(() -> orders.find(id).orElseThrow().state() == OrderState.SETTLED);
        PaymentOrder resent = orders.find(id).orElseThrow();
        assertEquals(1, resent.resends());
        assertEquals("Xiamen After Co., Ltd.", resent.payee().accountName(), "the re-sent instruction's creditor");
        assertEquals("Xiamen Before Co., Ltd.", resent.instructionIn(firstBatch).payee().accountName(),
                "the returned instruction keeps what was sent");
        String firstFile = new String(disbursements.file(firstBatch), StandardCharsets.UTF_8);
        assertTrue(firstFile.contains("Xiamen Before Co., Ltd.") && !firstFile.contains("After"), firstFile);
    }
}
