package org.susong.payments.rest;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.susong.testing.ContractValidation;
import org.susong.testing.LocalInfraTestResource;
import org.susong.payments.application.BankFiles;
import org.susong.payments.application.IntakeService;
import org.susong.payments.application.OrderService;
import org.susong.payments.domain.OrderState;
import org.susong.payments.domain.Payee;
import org.susong.payments.domain.PaymentOrder;

/**
 * Issue 23 item 6, bank statements: checked for the paying account and currency, every statement of a file is read,
 * and a second debit for a settled order is a duplicate payment, never a re-import.
 */
@QuarkusTest
@ExtendWith(ContractValidation.class)
@WithTestResource(LocalInfraTestResource.class)
class BankStatementChecksTest extends ProcessorSteps {

    static final String PAYING = "35001000000000000000";

    /** An order approved automatically, batched, exported and instructed: waiting for the bank's statement. */
    String instructed(long amountFen) {
        String app = Fixtures.app("APP-ST");
        orders.onApprovedDecision(new OrderService.ApprovedDecision(UUID.randomUUID().toString(), "h-" + app, "D-" + app, app,
                Fixtures.USCC, "B1", 2024, "HULI", amountFen));
        String id = PaymentOrder.idFor("D-" + app);
        intake.onPayeeSnapshot(new IntakeService.PayeeSnapshot(UUID.randomUUID().toString(), "p-" + app, "D-" + app, app,
                Fixtures.USCC, new Payee("Xiamen Test Co.", "6222020200112233445", "102393000019", "ICBC Xiamen",
                Instant.parse("2026-06-15T02:00:01Z"))));
        approvals.endNotices();
        approvals.routeApproved();
        disbursements.batchApproved();
        String batch = orders.find(id).orElseThrow().batchId();
        disbursements.export(batch);
        disbursements.instruct(batch);
        assertEquals(OrderState.INSTRUCTED, orders.find(id).orElseThrow().state());
        return id;
    }

    String statement(String account, String reference, String orderId, long fen) {
        return new String(files.writeStatement("ST-" + UUID.randomUUID().toString().substring(0, 12), clock.instant(), account,
                List.of(new BankFiles.Entry(reference, true, fen, "BOOK", List.of(new BankFiles.Detail(orderId, fen, null))))),
                StandardCharsets.UTF_8);
    }

    OrderState state(String id) {
        return orders.find(id).orElseThrow().state();
    }

    @Test
    void a_statement_of_another_account_or_in_another_currency_is_refused_and_moves_nothing() {
        pause();
        String id = instructed(1_200_000);
        Fixtures.officer("finance-1").contentType("application/xml").body(statement("62220000999988887777", "BK-A1", id, 1_200_000))
                .post("/reconciliation/statements").then().statusCode(422).body("field", equalTo("account"));
        assertEquals(OrderState.INSTRUCTED, state(id), "another account's statement settles nothing");
        String dollars = statement(PAYING, "BK-A2", id, 1_200_000).replace("Ccy=\"CNY\"", "Ccy=\"USD\"");
        Fixtures.officer("finance-1").contentType("application/xml").body(dollars)
                .post("/reconciliation/statements").then().statusCode(422).body("field", equalTo("currency"));
        assertEquals(OrderState.INSTRUCTED, state(id), "a statement in dollars settles nothing");
    }

    @Test
    void every_statement_of_a_file_is_read() {
        pause();
        String first = instructed(1_300_000);
        String second = instructed(1_400_000);
        String one = statement(PAYING, "BK-M1", first, 1_300_000);
        String two = statement(PAYING, "BK-M2", second, 1_400_000);
        Matcher stmt = Pattern.compile("<(\\w+:)?Stmt>.*</(\\w+:)?Stmt>", Pattern.DOTALL).matcher(two);
        org.junit.jupiter.api.Assertions.assertTrue(stmt.find(), two);
        int end = one.lastIndexOf("</" + (stmt.group(1) == null ? "" : stmt.group(1)) + "Stmt>") + ("</Stmt>".length()
                + (stmt.group(1) == null ? 0 : stmt.group(1).length()));
        String both = one.substring(0, end) + stmt.group() + one.substring(end);
        Fixtures.officer("finance-1").contentType("application/xml").body(both).post("/reconciliation/statements").then()
                .statusCode(200).body("items.size()", equalTo(2)).body("items[1].outcome", equalTo("SETTLED"));
        assertEquals(OrderState.SETTLED, state(first));
        assertEquals(OrderState.SETTLED, state(second), "the second statement of the file was read");
    }

    @Test
    void a_second_debit_for_a_settled_order_is_a_duplicate_payment_not_a_re_import() {
        pause();
        String id = instructed(1_600_000);
        Fixtures.officer("finance-1").contentType("application/xml").body(statement(PAYING, "BK-D1", id, 1_600_000))
                .post("/reconciliation/statements").then().statusCode(200).body("items[0].outcome", equalTo("SETTLED"));
        // the same booking reported again in a later statement is only already booked
        Fixtures.officer("finance-1").contentType("application/xml").body(statement(PAYING, "BK-D1", id, 1_600_000))
                .post("/reconciliation/statements").then().statusCode(200).body("items[0].outcome", equalTo("ALREADY_BOOKED"));
        // another booking debiting the same order: the money went out twice
        Fixtures.officer("finance-1").contentType("application/xml").body(statement(PAYING, "BK-D2", id, 1_600_000))
                .post("/reconciliation/statements").then().statusCode(200)
                .body("items[0].outcome", equalTo("DUPLICATE_PAYMENT")).body("items[0].orderId", equalTo(id));
        assertEquals(OrderState.SETTLED, state(id));
    }

    /** The statement with the entry's reference only where the bank may put it instead of NtryRef (optional in .08). */
    String statementWithoutEntryReference(String accountServicerReference, String orderId, long fen) {
        String xml = statement(PAYING, "NTRYREF-TO-DROP", orderId, fen)
                .replaceAll("<(\\w+:)?NtryRef>NTRYREF-TO-DROP</(\\w+:)?NtryRef>", "");
        return accountServicerReference == null ? xml : xml.replaceAll("(</(\\w+:)?BookgDt>)",
                "$1<$2AcctSvcrRef>" + accountServicerReference + "</$2AcctSvcrRef>");
    }

    @Test
    void entries_without_an_entry_reference_are_told_apart_by_the_account_servicer_reference_or_flagged() {
        pause();
        String id = instructed(1_700_000);
        Fixtures.officer("finance-1").contentType("application/xml").body(statementWithoutEntryReference("AS-N1", id, 1_700_000))
                .post("/reconciliation/statements").then().statusCode(200).body("items[0].outcome", equalTo("SETTLED"))
                .body("items[0].reference", equalTo("AS-N1"));
        Fixtures.officer("finance-1").contentType("application/xml").body(statementWithoutEntryReference("AS-N1", id, 1_700_000))
                .post("/reconciliation/statements").then().statusCode(200).body("items[0].outcome", equalTo("ALREADY_BOOKED"));
        // another booking (another servicer reference) of the same order: the money went out twice
        Fixtures.officer("finance-1").contentType("application/xml").body(statementWithoutEntryReference("AS-N2", id, 1_700_000))
                .post("/reconciliation/statements").then().statusCode(200).body("items[0].outcome", equalTo("DUPLICATE_PAYMENT"));
        // no reference at all: it cannot be told from the settling booking; flagged for an officer, nothing applied
        Fixtures.officer("finance-1").contentType("application/xml").body(statementWithoutEntryReference(null, id, 1_700_000))
                .post("/reconciliation/statements").then().statusCode(200).body("items[0].outcome", equalTo("NO_REFERENCE"));
        assertEquals(OrderState.SETTLED, state(id));
    }
}
