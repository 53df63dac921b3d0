package org.susong.payments.rest;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.prowidesoftware.swift.model.mx.MxPain00100109;
import com.prowidesoftware.swift.model.mx.dic.CreditTransferTransaction34;
import com.prowidesoftware.swift.model.mx.dic.PaymentInstruction30;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
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
import org.susong.payments.bank.Iso20022Files;
import org.susong.payments.domain.OrderState;
import org.susong.payments.domain.Payee;
import org.susong.payments.domain.PaymentOrder;
import org.susong.payments.persistence.BudgetLineRepository;

/**
 * Batches, pain.001 files and reconciliation on the real local broker and store. Tests that need an
 * order to stand still in a step pause the processor (Quarkus Scheduler) and drive the steps themselves.
 */
@QuarkusTest
@ExtendWith(ContractValidation.class)
@WithTestResource(LocalInfraTestResource.class)
class DisbursementTest extends ProcessorSteps {

    @Inject
    org.susong.payments.persistence.BatchRepository batches;

    /** Orders of the given amounts on a line, approved automatically, with payees, in today's open batch. */
    List<String> batched(String measure, int year, long... amounts) {
        List<String> ids = new java.util.ArrayList<>();
        for (long amount : amounts) {
            String app = Fixtures.app("APP-BT");
            orders.onApprovedDecision(new OrderService.ApprovedDecision(UUID.randomUUID().toString(), "h-" + app, "D-" + app, app,
                    Fixtures.USCC, measure, year, "HULI", amount));
            intake.onPayeeSnapshot(new IntakeService.PayeeSnapshot(UUID.randomUUID().toString(), "p-" + app, "D-" + app, app,
                    Fixtures.USCC, new Payee("Xiamen Test Co. " + app, "62220202001122" + ids.size(), "102393000019",
                    "ICBC Xiamen", Instant.parse("2026-06-15T02:00:01Z"))));
            ids.add(PaymentOrder.idFor("D-" + app));
        }
        approvals.endNotices();
        approvals.routeApproved();
        disbursements.batchApproved();
        for (String id : ids) {
            assertEquals(OrderState.BATCHED, orders.find(id).orElseThrow().state(), id);
        }
        return ids;
    }

    String batchOf(String orderId) {
        return orders.find(orderId).orElseThrow().batchId();
    }

    @Test
    void the_exported_pain001_parses_back_with_the_library_its_totals_match_and_every_download_is_identical() {
        String app = Fixtures.app("APP-FILE");
        Fixtures.decide(app, "B1", 2024, 25_000_000);
        Fixtures.payee(app);
        String orderId = "PO-D-" + app;
        await().atMost(Duration.ofSeconds(20)).until(() -> orders.find(orderId).map(o -> o.state() == OrderState.SETTLED)
                .orElse(false));
        String batchId = batchOf(orderId);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> Fixtures.officer("finance-1").get("/batches/" + batchId).then()
                .statusCode(200).body("state", equalTo("RECONCILED")));

        byte[] first = Fixtures.officer("finance-1").get("/batches/" + batchId + "/file").then().statusCode(200)
                .contentType("application/xml").extract().asByteArray();
        byte[] again = Fixtures.officer("finance-2").get("/batches/" + batchId + "/file").then().statusCode(200).extract()
                .asByteArray();
        assertArrayEquals(first, again, "a re-download gives the same bytes");

        MxPain00100109 mx = MxPain00100109.parse(new String(first, StandardCharsets.UTF_8));
        var header = mx.getCstmrCdtTrfInitn().getGrpHdr();
        PaymentInstruction30 instruction = mx.getCstmrCdtTrfInitn().getPmtInf().get(0);
        BigDecimal sum = instruction.getCdtTrfTxInf().stream().map(tx -> tx.getAmt().getInstdAmt().getValue())
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        assertEquals(0, header.getCtrlSum().compareTo(sum), "the control sum is the sum of the transfers");
        assertEquals(Integer.toString(instruction.getCdtTrfTxInf().size()), header.getNbOfTxs());
        assertEquals(batchId, header.getMsgId());
        assertTrue(header.getMsgId().length() <= 35 && instruction.getPmtInfId().length() <= 35);
        CreditTransferTransaction34 ours = instruction.getCdtTrfTxInf().stream()
                .filter(tx -> orderId.equals(tx.getPmtId().getEndToEndId())).findFirst().orElseThrow();
        assertEquals(0, new BigDecimal("250000.00").compareTo(ours.getAmt().getInstdAmt().getValue()), "250,000 CNY = 25,000,000 fen");
        assertEquals("6222020200112233445", ours.getCdtrAcct().getId().getOthr().getId(), "the snapshotted payee account");
        instruction.getCdtTrfTxInf().forEach(tx -> assertTrue(tx.getPmtId().getEndToEndId().length() <= 35));
        Fixtures.officer("finance-1").get("/reconciliation/reports").then().statusCode(200);
    }

    @Test
    void a_crash_during_export_gives_no_second_different_file_and_only_void_and_reissue_makes_another() {
        pause();
        List<String> ids = batched("B3b", 2025, 1_000_000, 2_000_000);
        String batchId = batchOf(ids.get(0));
        assertEquals(batchId, batchOf(ids.get(1)));
        // the exporter built the file and died before storing its hash: nothing was released
        byte[] builtBeforeTheCrash = disbursements.draft(batchId).file();
        disbursements.export(batchId);
        assertArrayEquals(builtBeforeTheCrash, disbursements.file(batchId), "the export after the crash is the same file");
        Fixtures.officer("finance-1").post("/batches/" + batchId + "/exports").then().statusCode(409);
        Fixtures.officer("finance-1").contentType("application/json").body("{\"recallReference\":\"RCL-1\"}")
                .post("/batches/" + batchId + "/void").then().statusCode(400).body("field", equalTo("reason"));

        // two people (issue 23): one requests the void with the bank's recall reference, another confirms it
        String voidBody = "{\"reason\":\"wrong execution date\",\"recallReference\":\"RCL-1\"}";
        Fixtures.officer("finance-1").contentType("application/json").body(voidBody)
                .post("/batches/" + batchId + "/void").then().statusCode(202).body("state", equalTo("EXPORTING"));
        Fixtures.officer("finance-2").contentType("application/json").body(voidBody)
                .post("/batches/" + batchId + "/void").then().statusCode(200).body("state", equalTo("VOIDED"))
                .body("voidReason", equalTo("wrong execution date"));
        ids.forEach(id -> assertEquals(OrderState.APPROVED, orders.find(id).orElseThrow().state()));
        long disbursedBefore = lines.find("2025:B3b").orElseThrow().disbursedFen();

        scheduler.resume(PaymentProcessor.IDENTITY);
        await().atMost(Duration.ofSeconds(20)).until(() -> ids.stream()
                .allMatch(id -> orders.find(id).orElseThrow().state() == OrderState.SETTLED));
        String reissued = batchOf(ids.get(0));
        assertNotEquals(batchId, reissued, "the orders went into a new batch");
        byte[] second = Fixtures.officer("finance-1").get("/batches/" + reissued + "/file").then().statusCode(200).extract()
                .asByteArray();
        assertEquals(reissued, MxPain00100109.parse(new String(second, StandardCharsets.UTF_8)).getCstmrCdtTrfInitn().getGrpHdr()
                .getMsgId(), "the reissued file has its own MsgId");
        assertEquals(disbursedBefore + 3_000_000, lines.find("2025:B3b").orElseThrow().disbursedFen(), "paid once");
        Fixtures.officer("finance-1").get("/batches/" + batchId + "/file").then().statusCode(200);
    }

    @Test
    void pain002_reopens_camt053_settles_and_returns_and_unmatched_items_are_reported() {
        pause();
        List<String> ids = batched("B1", 2025, 3_000_000, 4_000_000, 5_000_000);
        String batchId = batchOf(ids.get(0));
        disbursements.export(batchId);
        disbursements.instruct(batchId);
        ids.forEach(id -> assertEquals(OrderState.INSTRUCTED, orders.find(id).orElseThrow().state()));
        BudgetLineRepository.Line before = lines.find("2025:B1").orElseThrow();

        byte[] rejection = Iso20022Files.statusReport("RJ-" + batchId, clock.instant(), batchId,
                List.of(new BankFiles.TransactionStatus(ids.get(0), "RJCT", "AC04")));
        Fixtures.officer("finance-1").contentType("application/xml").body(rejection).post("/reconciliation/status-reports")
                .then().statusCode(200).body("items[0].outcome", equalTo("REOPENED"));
        assertEquals(OrderState.APPROVED, orders.find(ids.get(0)).orElseThrow().state());

        // one batch booking for two transfers, matched on the transaction details; one debit nobody knows
        byte[] statement = files.writeStatement("ST-" + batchId, clock.instant(), "35001000000000000000", List.of(
                new BankFiles.Entry("BK-1", true, 9_000_000, "BOOK", List.of(new BankFiles.Detail(ids.get(1), 4_000_000, null),
                        new BankFiles.Detail(ids.get(2), 5_000_000, null))),
                new BankFiles.Entry("BK-2", true, 700, "BOOK", List.of(new BankFiles.Detail("PO-D-NOBODY", 700, null)))));
        Fixtures.officer("finance-1").contentType("application/xml").body(statement).post("/reconciliation/statements").then()
                .statusCode(200).body("items.size()", equalTo(3)).body("items[0].outcome", equalTo("SETTLED"))
                .body("items[1].outcome", equalTo("SETTLED")).body("items[2].outcome", equalTo("UNMATCHED"));
        assertEquals(OrderState.SETTLED, orders.find(ids.get(1)).orElseThrow().state());
        assertEquals(OrderState.SETTLED, orders.find(ids.get(2)).orElseThrow().state());
        assertEquals(before.disbursedFen() + 9_000_000, lines.find("2025:B1").orElseThrow().disbursedFen());
        // the same statement again changes nothing
        Fixtures.officer("finance-1").contentType("application/xml").body(statement).post("/reconciliation/statements").then()
                .statusCode(200).body("items[0].outcome", equalTo("SETTLED"));
        assertEquals(before.disbursedFen() + 9_000_000, lines.find("2025:B1").orElseThrow().disbursedFen());

        byte[] returned = files.writeStatement("ST-RT-" + batchId, clock.instant(), "35001000000000000000", List.of(
                new BankFiles.Entry("BK-3", false, 5_000_000, "BOOK", List.of(new BankFiles.Detail(ids.get(2), 5_000_000, "AC04")))));
        Fixtures.officer("finance-1").contentType("application/xml").body(returned).post("/reconciliation/statements").then()
                .statusCode(200).body("items[0].outcome", equalTo("RETURNED"));
        assertEquals(OrderState.RETURNED, orders.find(ids.get(2)).orElseThrow().state());
        BudgetLineRepository.Line after = lines.find("2025:B1").orElseThrow();
        assertEquals(before.disbursedFen() + 4_000_000, after.disbursedFen());
        assertEquals(before.returnedFen() + 5_000_000, after.returnedFen());
        assertEquals(before.availableFen() + 5_000_000, after.availableFen(), "the returned money is back on the line");
        await().atMost(Duration.ofSeconds(10)).until(() -> Fixtures.types(ids.get(2)).contains("PaymentReturned.v1"));

        Fixtures.officer("finance-1").contentType("application/xml").body("<Document><oops".getBytes(StandardCharsets.UTF_8))
                .post("/reconciliation/statements").then().statusCode(400).contentType("application/problem+json");
        byte[] strangers = files.writeStatement("ST-X-" + batchId, clock.instant(), "35001000000000000000", List.of(
                new BankFiles.Entry("BK-9", true, 100, "BOOK", List.of(new BankFiles.Detail("PO-D-NOBODY-ELSE", 100, null)))));
        Fixtures.officer("finance-1").contentType("application/xml").body(strangers).post("/reconciliation/statements").then()
                .statusCode(422);

        // the rejected order goes into a new batch and is paid once
        scheduler.resume(PaymentProcessor.IDENTITY);
        await().atMost(Duration.ofSeconds(20)).until(() -> orders.find(ids.get(0)).orElseThrow().state() == OrderState.SETTLED);
        assertNotEquals(batchId, batchOf(ids.get(0)));
    }

    /** Exports and instructs the order's batch, voids it, and puts the order into a new exported file; returns the voided id. */
    String voidedAndReissued(String orderId) {
        String first = batchOf(orderId);
        disbursements.export(first);
        disbursements.instruct(first);
        disbursements.voidAndReissue(first, "wrong execution date", "RCL-1", "finance-1");
        disbursements.voidAndReissue(first, "wrong execution date", "RCL-1", "finance-2");
        disbursements.batchApproved();
        String second = batchOf(orderId);
        assertNotEquals(first, second);
        disbursements.export(second);
        disbursements.instruct(second);
        assertEquals(OrderState.INSTRUCTED, orders.find(orderId).orElseThrow().state());
        return first;
    }

    @Test
    void a_late_rejection_of_a_voided_file_does_not_reopen_an_order_that_is_in_a_newer_file() {
        pause();
        String id = batched("B1", 2025, 3_100_000).get(0);
        String voided = voidedAndReissued(id);
        String current = batchOf(id);

        // the bank's pain.002 about the voided file arrives after the order went into the new one
        byte[] late = Iso20022Files.statusReport("RJ-" + voided, clock.instant(), voided,
                List.of(new BankFiles.TransactionStatus(id, "RJCT", "AC04")));
        Fixtures.officer("finance-1").contentType("application/xml").body(late).post("/reconciliation/status-reports")
                .then().statusCode(200).body("items[0].outcome", equalTo("STALE"));
        assertEquals(OrderState.INSTRUCTED, orders.find(id).orElseThrow().state(), "still instructed in " + current);
        disbursements.batchApproved();
        assertEquals(current, batchOf(id), "not put into a third file: it would be paid twice");

        // a rejection of the file it is in reopens it
        byte[] rejection = Iso20022Files.statusReport("RJ-" + current, clock.instant(), current,
                List.of(new BankFiles.TransactionStatus(id, "RJCT", "AC04")));
        Fixtures.officer("finance-1").contentType("application/xml").body(rejection).post("/reconciliation/status-reports")
                .then().statusCode(200).body("items[0].outcome", equalTo("REOPENED"));
        assertEquals(OrderState.APPROVED, orders.find(id).orElseThrow().state());
    }

    @Test
    void a_debit_from_an_executed_but_voided_file_is_reported_as_a_duplicate_payment_not_as_already_booked() {
        pause();
        String id = batched("B3b", 2025, 2_200_000).get(0);
        String voided = voidedAndReissued(id);
        String current = batchOf(id);
        long disbursed = lines.find("2025:B3b").orElseThrow().disbursedFen();

        byte[] booked = files.writeStatement("ST-" + current, clock.instant(), "35001000000000000000", List.of(
                new BankFiles.Entry("BK-" + current, true, 2_200_000, "BOOK",
                        List.of(new BankFiles.Detail(id, 2_200_000, null, current)))));
        Fixtures.officer("finance-1").contentType("application/xml").body(booked).post("/reconciliation/statements").then()
                .statusCode(200).body("items[0].outcome", equalTo("SETTLED"));
        assertEquals(disbursed + 2_200_000, lines.find("2025:B3b").orElseThrow().disbursedFen());

        // the bank executed the voided file as well: a second debit for the same order
        byte[] duplicate = files.writeStatement("ST-" + voided, clock.instant(), "35001000000000000000", List.of(
                new BankFiles.Entry("BK-" + voided, true, 2_200_000, "BOOK",
                        List.of(new BankFiles.Detail(id, 2_200_000, null, voided)))));
        Fixtures.officer("finance-1").contentType("application/xml").body(duplicate).post("/reconciliation/statements").then()
                .statusCode(200).body("items[0].outcome", equalTo("DUPLICATE_PAYMENT")).body("items[0].orderId", equalTo(id));
        assertEquals(disbursed + 2_200_000, lines.find("2025:B3b").orElseThrow().disbursedFen(), "booked once");

        // the same debit of the current file reported again (another statement) is only already booked
        byte[] again = files.writeStatement("ST-AGAIN-" + current, clock.instant(), "35001000000000000000", List.of(
                new BankFiles.Entry("BK-" + current, true, 2_200_000, "BOOK",
                        List.of(new BankFiles.Detail(id, 2_200_000, null, current)))));
        Fixtures.officer("finance-1").contentType("application/xml").body(again).post("/reconciliation/statements").then()
                .statusCode(200).body("items[0].outcome", equalTo("ALREADY_BOOKED"));
    }

    @Test
    void an_empty_batch_is_not_exported() {
        String id = "B-20200101-2026B1-1";
        batches.insert(id, "2026:B1", "2020-01-01", 1, clock.instant());
        Fixtures.officer("finance-1").post("/batches/" + id + "/exports").then().statusCode(409)
                .contentType("application/problem+json");
        Fixtures.officer("finance-1").get("/batches/" + id + "/file").then().statusCode(409);
        Fixtures.officer("finance-1").get("/batches?date=2020-01-01").then().statusCode(200).body("items[0].state", equalTo("OPEN"));
    }
}
