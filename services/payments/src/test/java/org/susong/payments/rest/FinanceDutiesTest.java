package org.susong.payments.rest;

import org.susong.payments.domain.BatchState;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.susong.testing.ContractValidation;
import org.susong.testing.LocalInfraTestResource;
import org.susong.payments.application.IntakeService;
import org.susong.payments.application.OrderService;
import org.susong.payments.domain.OrderState;
import org.susong.payments.domain.Payee;
import org.susong.payments.domain.PaymentOrder;

/**
 * Issue 23 item 6, separation of duties in finance: approval, batch export, batch void and bank-file import are
 * distinct permissions; a void of an exported batch needs a second person and a bank recall reference; bulk
 * approval takes an explicit filter; maker-checker compares principal ids.
 */
@QuarkusTest
@ExtendWith(ContractValidation.class)
@WithTestResource(LocalInfraTestResource.class)
class FinanceDutiesTest extends ProcessorSteps {

    static RequestSpecification as(String user, String roles) {
        return given().header("X-User", user).header("X-Roles", roles);
    }

    String order(long amountFen) {
        String app = Fixtures.app("APP-FD");
        orders.onApprovedDecision(new OrderService.ApprovedDecision(UUID.randomUUID().toString(), "h-" + app, "D-" + app, app,
                Fixtures.USCC, "B3a", 2025, "HULI", amountFen));
        approvals.endNotices();
        return PaymentOrder.idFor("D-" + app);
    }

    /** An order approved automatically, with its payee, batched and exported: returns its batch. */
    String exportedBatch() {
        String id = order(1_500_000);
        PaymentOrder o = orders.find(id).orElseThrow();
        intake.onPayeeSnapshot(new IntakeService.PayeeSnapshot(UUID.randomUUID().toString(), "p-" + id, o.decisionId(),
                o.applicationId(), Fixtures.USCC, new Payee("Xiamen Test Co.", "6222020200112233445", "102393000019",
                "ICBC Xiamen", Instant.parse("2026-06-15T02:00:01Z"))));
        approvals.routeApproved();
        disbursements.batchApproved();
        String batch = orders.find(id).orElseThrow().batchId();
        disbursements.export(batch);
        return batch;
    }

    @Test
    void approval_export_void_and_bank_file_import_are_distinct_permissions() {
        pause();
        String id = order(150_000_000);
        String batch = exportedBatch();
        // an approver approves, and can neither export, void nor import a bank file
        as("approver-1", "payment-approver").post("/payments/" + id + "/approvals").then().statusCode(200);
        as("approver-1", "payment-approver").post("/batches/" + batch + "/exports").then().statusCode(403);
        as("approver-1", "payment-approver").contentType("application/json")
                .body("{\"reason\":\"r\",\"recallReference\":\"RCL-1\"}").post("/batches/" + batch + "/void").then()
                .statusCode(403);
        as("approver-1", "payment-approver").contentType("application/xml").body("<Document/>")
                .post("/reconciliation/statements").then().statusCode(403);
        // an exporter, a voider and an importer cannot approve
        for (String role : List.of("batch-exporter", "batch-voider", "bank-file-importer")) {
            as("clerk-" + role, role).post("/payments/" + order(150_000_000) + "/approvals").then().statusCode(403);
        }
        as("importer-1", "bank-file-importer").contentType("application/xml").body("<Document><oops")
                .post("/reconciliation/statements").then().statusCode(400);
    }

    @Test
    void a_void_of_an_exported_batch_needs_a_second_person_and_a_bank_recall_reference() {
        pause();
        String batch = exportedBatch();
        Fixtures.officer("finance-1").contentType("application/json").body("{\"reason\":\"wrong execution date\"}")
                .post("/batches/" + batch + "/void").then().statusCode(400).body("field", equalTo("recallReference"));
        Fixtures.officer("finance-1").contentType("application/json")
                .body("{\"reason\":\"wrong execution date\",\"recallReference\":\"RCL-20260615-1\"}")
                .post("/batches/" + batch + "/void").then().statusCode(202).body("state", equalTo("EXPORTING"))
                .body("voidRequestedBy", equalTo("finance-1"));
        assertEquals(BatchState.EXPORTING, disbursements.find(batch).orElseThrow().state(), "one person does not void a file");
        // the same person again is not a second person
        Fixtures.officer("finance-1").contentType("application/json")
                .body("{\"reason\":\"wrong execution date\",\"recallReference\":\"RCL-20260615-1\"}")
                .post("/batches/" + batch + "/void").then().statusCode(409);
        Fixtures.officer("finance-2").contentType("application/json")
                .body("{\"reason\":\"wrong execution date\",\"recallReference\":\"RCL-20260615-1\"}")
                .post("/batches/" + batch + "/void").then().statusCode(200).body("state", equalTo("VOIDED"))
                .body("voidedBy", equalTo("finance-2")).body("recallReference", equalTo("RCL-20260615-1"));
    }

    @Test
    void bulk_approval_refuses_an_empty_filter_and_returns_what_it_approved() {
        pause();
        String id = order(150_000_000);
        Fixtures.officer("finance-1").contentType("application/json").body("{}").post("/payments/approvals").then()
                .statusCode(400).body("field", equalTo("filter"));
        assertEquals(OrderState.AWAITING_APPROVAL, orders.find(id).orElseThrow().state(), "{} approved nothing");
        Fixtures.officer("finance-1").contentType("application/json").body("{\"orderIds\":[\"" + id + "\"]}")
                .post("/payments/approvals").then().statusCode(200).body("approved", equalTo(List.of(id)));
    }

    @Test
    void a_user_id_with_a_semicolon_is_compared_whole_and_cannot_approve_its_own_order_twice() {
        pause();
        // above 2,000,000 CNY: two different officers
        String id = order(300_000_000);
        Fixtures.officer("finance-1;finance;;").post("/payments/" + id + "/approvals").then().statusCode(200);
        Fixtures.officer("finance-1;finance;;").post("/payments/" + id + "/approvals").then().statusCode(409);
        Fixtures.officer("finance-1").post("/payments/" + id + "/approvals").then().statusCode(200)
                .body("approvals", hasItem("finance-1;finance;;")).body("state", equalTo("APPROVED"));
    }
}
