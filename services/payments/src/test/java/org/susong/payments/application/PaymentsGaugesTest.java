package org.susong.payments.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.susong.infra.local.LocalInfraTestResource;

/**
 * Issue 17: the gauges the stuck-order, intent and budget alerts read show, on /q/metrics, an order held for two
 * hours, the intent collections, and a line's available fen as the store holds it.
 */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
class PaymentsGaugesTest {

    @Inject
    MongoClient mongo;

    @Inject
    PaymentsGauges gauges;

    @Inject
    java.time.Clock clock; // the service's business clock (the test profile pins its date): ages are counted on it

    @Test
    void an_old_held_order_the_intent_collections_and_a_lines_available_amount_are_on_the_metrics_endpoint() {
        String id = "PO-GAUGE-" + UUID.randomUUID().toString().substring(0, 8);
        MongoCollection<Document> orders = mongo.getDatabase("payments").getCollection("payment_orders");
        Date twoHoursAgo = Date.from(clock.instant().minusSeconds(7_200));
        orders.insertOne(new Document("_id", id).append("decisionId", "D-" + id).append("applicationId", "A-" + id)
                .append("state", "ON_HOLD").append("budgetLine", "2025:B1").append("amountFen", 100L)
                .append("updatedAt", twoHoursAgo).append("journal", List.of()).append("outbox", List.of()));
        try {
            gauges.refresh();
            String metrics = RestAssured.get("/q/metrics").then().statusCode(200).extract().asString();
            assertTrue(value(metrics, "susong_payments_orders_oldest_seconds{state=\"ON_HOLD\"}") >= 7200, metrics);
            assertTrue(value(metrics, "susong_payments_orders{state=\"ON_HOLD\"}") >= 1);
            assertEquals(0, value(metrics, "susong_payments_orders_oldest_seconds{state=\"SETTLING\"}"),
                    "a state without orders is published as 0, so the series exists");
            assertTrue(metrics.contains("susong_intents_oldest_pending_seconds{collection=\"allocations\"} "),
                    "each intent collection has its series (a pending allocation here would be taken over by the resumer)");
            long available = mongo.getDatabase("payments").getCollection("budget_lines").find(Filters.eq("_id", "2025:B1"))
                    .first().get("availableFen", Number.class).longValue();
            assertEquals(available, value(metrics, "susong_budget_line_available_fen{line=\"2025:B1\",measure=\"B1\",year=\"2025\"}"));
        } finally {
            orders.deleteOne(Filters.eq("_id", id));
        }
    }

    /** The value of one series (name and labels as Micrometer writes them: labels sorted by name). */
    private static double value(String metrics, String series) {
        return metrics.lines().filter(l -> l.startsWith(series + " ")).findFirst()
                .map(l -> Double.parseDouble(l.substring(series.length() + 1))).orElseThrow(() -> new AssertionError(series + " not found"));
    }
}
