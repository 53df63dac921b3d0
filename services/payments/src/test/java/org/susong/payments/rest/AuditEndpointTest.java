package org.susong.payments.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.susong.infra.local.Audit;
import org.susong.testing.AuditContract;
import org.susong.testing.LocalInfraTestResource;

/** Issue 12: payments' audit endpoint names a breach made by hand in its store, and only auditors and admins read it. */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
class AuditEndpointTest {

    static final AuditContract AUDIT = AuditContract.of("payments");

    @Test
    void a_second_order_for_a_decision_and_a_line_moved_by_hand_are_breaches_and_only_auditors_and_admins_may_look() throws Exception {
        AUDIT.readOnlyByAuditorsAndAdmins("finance");

        String decision = "D-AUDIT-" + UUID.randomUUID().toString().substring(0, 8);
        MongoCollection<Document> orders = AUDIT.collection("payment_orders");
        MongoCollection<Document> lines = AUDIT.collection("budget_lines");
        orders.insertMany(List.of(order("PO-" + decision, decision), order("PO-" + decision + "-AGAIN", decision)));
        lines.updateOne(Filters.eq("_id", "2025:B1"), Updates.inc("availableFen", 7L));
        try {
            Audit.Reading report = AUDIT.read("auditor");
            assertTrue(report.breachIds("payments.one-order-per-decision").contains(decision));
            assertTrue(report.breachIds("payments.budget-line-equals-journal").contains("2025:B1"));
        } finally {
            orders.deleteMany(Filters.regex("_id", "^PO-" + decision));
            lines.updateOne(Filters.eq("_id", "2025:B1"), Updates.inc("availableFen", -7L));
        }
        Audit.Reading after = AUDIT.read("auditor");
        assertEquals(List.of(), after.breachIds("payments.one-order-per-decision").stream().filter(decision::equals).toList());
        assertEquals(List.of(), after.breachIds("payments.budget-line-equals-journal").stream().filter("2025:B1"::equals).toList());
    }

    /** The fields the audit reads; a settled order moves nothing any more, so the processor leaves it alone. */
    static Document order(String id, String decision) {
        return new Document("_id", id).append("decisionId", decision).append("applicationId", decision.substring(2))
                .append("state", "SETTLED").append("budgetLine", "2025:B1").append("amountFen", 100L)
                .append("updatedAt", new java.util.Date()).append("journal", List.of()).append("outbox", List.of());
    }
}
