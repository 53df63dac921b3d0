package org.susong.payments.rest;

import org.susong.payments.domain.DisbursementMode;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoClient;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.susong.commons.persistence.migrations.MigrationRunner;
import org.susong.commons.persistence.migrations.SchemaMigrations;
import org.susong.contracts.EventContracts;
import org.susong.testing.CloudEventRecords;
import org.susong.testing.ContractValidation;
import org.susong.testing.LocalInfraTestResource;
import org.susong.payments.domain.OrderState;
import org.susong.payments.persistence.BudgetLineRepository;
import org.susong.payments.persistence.RecoveryRepository;

/** Grant-to-investment (C1) and recovery (clawback) on the real local broker and store. */
@QuarkusTest
@ExtendWith(ContractValidation.class)
@WithTestResource(LocalInfraTestResource.class)
class ConversionAndRecoveryTest extends ProcessorSteps {

    @Inject
    MongoClient mongo;
    @Inject
    SchemaMigrations schema;

    static String investment(String fallback) {
        return ",\"disbursementMode\":\"INVESTMENT\",\"fundCode\":\"XM-ANGEL-1\",\"fallback\":\"" + fallback
                + "\",\"beneficiaryStage\":\"START_UP\",\"beneficiaryField\":\"digitalisation\"";
    }

    static void decideInvestment(String app, long amountFen, String fallback) {
        Fixtures.publish("eligibility.events", "susong.eligibility.EligibilityDecided.v1", "D-" + app,
                Fixtures.decision(app, "APPROVED", "C1", 2025, amountFen, investment(fallback)));
    }

    static void fundAnswers(String app, boolean completed, String conversionId) {
        String common = "\"conversionId\":\"" + conversionId + "\",\"orderId\":\"PO-D-" + app + "\",\"decisionId\":\"D-" + app
                + "\",\"applicationId\":\"" + app + "\",\"fundCode\":\"XM-ANGEL-1\"";
        if (completed) {
            Fixtures.publish("fund-investments.events", "susong.fund-investments.ConversionCompleted.v1", conversionId, "{"
                    + common + ",\"investmentId\":\"INV-" + app + "\",\"beneficiaryUscc\":\"" + Fixtures.USCC
                    + "\",\"amountFen\":80000000,\"completedAt\":\"2026-06-16T02:00:00Z\"}");
        } else {
            Fixtures.publish("fund-investments.events", "susong.fund-investments.ConversionRejected.v1", conversionId, "{"
                    + common + ",\"reasonCode\":\"FUND_CLOSED\",\"reason\":\"the fund is closed\",\"rejectedAt\":\"2026-06-16T02:00:00Z\"}");
        }
    }

    OrderState state(String id) {
        return orders.find(id).map(o -> o.state()).orElse(null);
    }

    @Test
    void an_investment_decision_is_converted_by_the_fund_without_a_bank_transfer() {
        String app = Fixtures.app("APP-CV");
        String id = "PO-D-" + app;
        long disbursed = lines.find("2025:C1").orElseThrow().disbursedFen();
        decideInvestment(app, 80_000_000, "GRANT");
        await().atMost(Duration.ofSeconds(20)).until(() -> state(id) == OrderState.CONVERTING);
        await().atMost(Duration.ofSeconds(10)).until(() -> Fixtures.types(id).contains("ConversionRequested.v1"));
        String request = Fixtures.events(id).stream().filter(r -> CloudEventRecords.header(r, "ce_type")
                .endsWith("ConversionRequested.v1")).findFirst().orElseThrow().value();
        assertTrue(request.contains("\"conversionId\":\"CV-D-" + app + "\"") && request.contains("\"fundCode\":\"XM-ANGEL-1\"")
                && request.contains("\"beneficiaryStage\":\"START_UP\""), request);
        assertEquals(List.of(), EventContracts.violations("susong.payments.ConversionRequested.v1", request));

        fundAnswers(app, true, "CV-D-" + app);
        await().atMost(Duration.ofSeconds(20)).until(() -> state(id) == OrderState.CONVERTED);
        assertEquals(disbursed + 80_000_000, lines.find("2025:C1").orElseThrow().disbursedFen());
        fundAnswers(app, true, "CV-D-" + app); // redelivered: nothing more
        await().atMost(Duration.ofSeconds(10)).until(() -> Fixtures.types(id).contains("PaymentConverted.v1"));
        assertEquals(null, orders.find(id).orElseThrow().batchId(), "no bank transfer");
        Fixtures.events(id).forEach(r -> assertEquals(List.of(), EventContracts.violations(CloudEventRecords.header(r, "ce_type"),
                r.value())));
        assertEquals(disbursed + 80_000_000, lines.find("2025:C1").orElseThrow().disbursedFen());
    }

    @Test
    void a_rejected_conversion_pays_a_grant_or_is_held_for_a_decision_by_its_fallback() {
        String grant = Fixtures.app("APP-CVG");
        decideInvestment(grant, 60_000_000, "GRANT");
        await().atMost(Duration.ofSeconds(20)).until(() -> state("PO-D-" + grant) == OrderState.CONVERTING);
        fundAnswers(grant, false, "CV-D-" + grant);
        Fixtures.payee(grant);
        await().atMost(Duration.ofSeconds(20)).until(() -> state("PO-D-" + grant) == OrderState.SETTLED);
        assertEquals(DisbursementMode.GRANT, orders.find("PO-D-" + grant).orElseThrow().mode());

        String hold = Fixtures.app("APP-CVH");
        decideInvestment(hold, 70_000_000, "HOLD");
        await().atMost(Duration.ofSeconds(20)).until(() -> state("PO-D-" + hold) == OrderState.CONVERTING);
        long available = lines.find("2025:C1").orElseThrow().availableFen();
        fundAnswers(hold, false, "CV-D-" + hold);
        await().atMost(Duration.ofSeconds(20)).until(() -> state("PO-D-" + hold) == OrderState.ON_HOLD);
        String holdId = orders.find("PO-D-" + hold).orElseThrow().hold().id();
        Fixtures.districtOfficer("officer-1").contentType("application/json").body("{\"outcome\":\"UPHELD\"}")
                .post("/payments/PO-D-" + hold + "/holds/" + holdId + "/resolution").then().statusCode(200)
                .body("releaseReason", equalTo("CONVERSION_REJECTED"));
        assertEquals(available + 70_000_000, lines.find("2025:C1").orElseThrow().availableFen());
    }

    @Test
    void a_revocation_opens_a_receivable_for_paid_money_tracks_repayments_and_releases_unpaid_orders() {
        String app = Fixtures.app("APP-RC");
        String uscc = "91350203MA2YH5XK3C"; // a beneficiary of this test only: no other payment offsets its recovery
        Fixtures.publish("eligibility.events", "susong.eligibility.EligibilityDecided.v1", "D-" + app,
                Fixtures.decision(app, "APPROVED", "B1", 2024, 40_000_000, null).replace(Fixtures.USCC, uscc));
        Fixtures.payee(app, uscc);
        await().atMost(Duration.ofSeconds(20)).until(() -> state("PO-D-" + app) == OrderState.SETTLED);
        BudgetLineRepository.Line before = lines.find("2024:B1").orElseThrow();

        String revocation = "RV-D-" + app + "-1";
        String payload = "{\"revocationId\":\"" + revocation + "\",\"decisionId\":\"D-" + app + "\",\"applicationId\":\"" + app
                + "\",\"beneficiaryUscc\":\"" + uscc + "\",\"measureCode\":\"B1\",\"amountFen\":40000000,"
                + "\"reason\":\"certificate revoked\",\"cause\":\"HNTE-2024-001\",\"requestedAt\":\"2026-07-01T02:00:00Z\"}";
        Fixtures.publish("eligibility.events", "susong.eligibility.RevocationRequested.v1", revocation, payload);
        String recovery = "RC-" + revocation;
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> Fixtures.officer("finance-1").get("/recoveries/" + recovery)
                .then().statusCode(200).body("state", equalTo("OPEN")));
        BudgetLineRepository.Line opened = lines.find("2024:B1").orElseThrow();
        assertEquals(before.disbursedFen() - 40_000_000, opened.disbursedFen());
        assertEquals(before.receivableFen() + 40_000_000, opened.receivableFen());
        await().atMost(Duration.ofSeconds(10)).until(() -> Fixtures.types(recovery).contains("RecoveryOpened.v1"));

        Fixtures.officer("finance-1").contentType("application/json").body("{\"amountFen\":50000000,\"reference\":\"BANK-1\"}")
                .post("/recoveries/" + recovery + "/repayments").then().statusCode(409);
        Fixtures.officer("finance-1").contentType("application/json").body("{\"amountFen\":15000000,\"reference\":\"BANK-1\"}")
                .post("/recoveries/" + recovery + "/repayments").then().statusCode(200).body("repaidFen", equalTo(15_000_000))
                .body("state", equalTo("OPEN"));
        Fixtures.officer("finance-1").contentType("application/json").body("{\"amountFen\":25000000,\"reference\":\"BANK-2\"}")
                .post("/recoveries/" + recovery + "/repayments").then().statusCode(200).body("state", equalTo("CLOSED"));
        BudgetLineRepository.Line repaid = lines.find("2024:B1").orElseThrow();
        assertEquals(before.receivableFen(), repaid.receivableFen());
        assertEquals(before.availableFen() + 40_000_000, repaid.availableFen(), "the recovered money is back on the line");

        // an order not yet paid is simply released
        String unpaid = Fixtures.app("APP-RC");
        Fixtures.decide(unpaid, "B3b", 2026, 150_000_000);
        await().atMost(Duration.ofSeconds(20)).until(() -> state("PO-D-" + unpaid) == OrderState.AWAITING_APPROVAL);
        Fixtures.publish("eligibility.events", "susong.eligibility.RevocationRequested.v1", "RV-D-" + unpaid + "-1",
                payload.replace(app, unpaid).replace("40000000", "150000000"));
        await().atMost(Duration.ofSeconds(20)).until(() -> state("PO-D-" + unpaid) == OrderState.RELEASED);
        assertEquals(org.susong.payments.domain.ReleaseReason.RECOVERED, orders.find("PO-D-" + unpaid).orElseThrow().releaseReason());
        Fixtures.events(recovery).forEach(r -> assertEquals(List.of(), EventContracts.violations(
                CloudEventRecords.header(r, "ce_type"), r.value())));

        // a recovery stored before recoveries carried a district (issue 13): its district's officer cannot see it
        mongo.getDatabase("payments").getCollection(RecoveryRepository.COLLECTION)
                .updateOne(Filters.eq("_id", recovery), Updates.unset("district"));
        Fixtures.districtOfficer("officer-1").get("/recoveries/" + recovery).then().statusCode(404);
        // until a start on a store of a build before the migration runner (nothing recorded) gives it its order's
        mongo.getDatabase("payments").getCollection(MigrationRunner.COLLECTION)
                .deleteOne(Filters.eq("_id", "0001-recovery-district"));
        assertEquals(List.of("0001-recovery-district"), schema.run().ran());
        assertEquals(List.of(), schema.run().ran(), "a second start runs nothing");
        Fixtures.districtOfficer("officer-1").get("/recoveries/" + recovery).then().statusCode(200)
                .body("state", equalTo("CLOSED"));
    }

    @Test
    void an_open_recovery_is_offset_against_the_beneficiarys_next_payments() {
        String uscc = "91350200MA31G8Q17K"; // a beneficiary of this test only
        String paid = Fixtures.app("APP-OF");
        Fixtures.publish("eligibility.events", "susong.eligibility.EligibilityDecided.v1", "D-" + paid,
                Fixtures.decision(paid, "APPROVED", "B3a", 2024, 30_000_000, null).replace(Fixtures.USCC, uscc));
        Fixtures.payee(paid, uscc);
        await().atMost(Duration.ofSeconds(20)).until(() -> state("PO-D-" + paid) == OrderState.SETTLED);
        BudgetLineRepository.Line before = lines.find("2024:B3a").orElseThrow();
        String revocation = "RV-D-" + paid + "-1";
        Fixtures.publish("eligibility.events", "susong.eligibility.RevocationRequested.v1", revocation, "{\"revocationId\":\""
                + revocation + "\",\"decisionId\":\"D-" + paid + "\",\"applicationId\":\"" + paid + "\",\"beneficiaryUscc\":\""
                + uscc + "\",\"measureCode\":\"B3a\",\"amountFen\":30000000,\"reason\":\"project abandoned\","
                + "\"cause\":\"B3a-2024-7\",\"requestedAt\":\"2026-07-01T02:00:00Z\"}");
        String recovery = "RC-" + revocation;
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> Fixtures.officer("finance-1").get("/recoveries/" + recovery)
                .then().statusCode(200).body("state", equalTo("OPEN")));

        // 100,000 CNY owed to the beneficiary: all of it goes to the debt, no bank transfer
        String full = Fixtures.app("APP-OF");
        Fixtures.publish("eligibility.events", "susong.eligibility.EligibilityDecided.v1", "D-" + full,
                Fixtures.decision(full, "APPROVED", "B1", 2026, 10_000_000, null).replace(Fixtures.USCC, uscc));
        Fixtures.payee(full, uscc);
        await().atMost(Duration.ofSeconds(20)).until(() -> state("PO-D-" + full) == OrderState.SETTLED);
        assertEquals(null, orders.find("PO-D-" + full).orElseThrow().batchId(), "nothing to transfer");
        assertEquals(10_000_000, orders.find("PO-D-" + full).orElseThrow().offsetFen());

        // 500,000 CNY: the remaining 200,000 CNY of the debt is withheld, 300,000 CNY transferred
        String part = Fixtures.app("APP-OF");
        Fixtures.publish("eligibility.events", "susong.eligibility.EligibilityDecided.v1", "D-" + part,
                Fixtures.decision(part, "APPROVED", "B1", 2026, 50_000_000, null).replace(Fixtures.USCC, uscc));
        Fixtures.payee(part, uscc);
        await().atMost(Duration.ofSeconds(20)).until(() -> state("PO-D-" + part) == OrderState.SETTLED);
        var order = orders.find("PO-D-" + part).orElseThrow();
        assertEquals(20_000_000, order.offsetFen());
        assertEquals(30_000_000, order.transferFen());
        byte[] file = Fixtures.officer("finance-1").get("/batches/" + order.batchId() + "/file").then().statusCode(200).extract()
                .asByteArray();
        assertTrue(new String(file, java.nio.charset.StandardCharsets.UTF_8).contains("300000.00"), "the file transfers the rest");
        Fixtures.officer("finance-1").get("/recoveries/" + recovery).then().body("state", equalTo("CLOSED"))
                .body("repaidFen", equalTo(30_000_000));
        BudgetLineRepository.Line after = lines.find("2024:B3a").orElseThrow();
        assertEquals(before.receivableFen(), after.receivableFen());
        assertEquals(before.availableFen() + 30_000_000, after.availableFen(), "the recovered money is back on its line");
        await().atMost(Duration.ofSeconds(10)).until(() -> Fixtures.events("PO-D-" + part).stream()
                .anyMatch(r -> r.value().contains("\"offsetFen\":20000000")));
    }
}
