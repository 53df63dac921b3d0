package org.susong.payments.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import org.susong.testing.LocalInfraTestResource;
import org.susong.payments.persistence.OutageReads;

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

    /**
     * Review checklist, gauges during an outage: while the store cannot be read every series reads NaN ("unknown"), not
     * the values from before the outage (an order stuck since then would look fine, a line's available fen frozen); the
     * next good read replaces them.
     */
    @Test
    void during_a_store_outage_every_series_reads_unknown_not_its_value_from_before() {
        java.util.concurrent.atomic.AtomicBoolean down = new java.util.concurrent.atomic.AtomicBoolean();
        io.micrometer.core.instrument.simple.SimpleMeterRegistry registry = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        PaymentsGauges own = new PaymentsGauges(OutageReads.lines(mongo, "payments", down::get),
                OutageReads.audit(mongo, "payments", down::get), clock, registry);
        List<String[]> series = List.of(new String[] {"susong.budget.line.allocated.fen", "line", "2025:B1"},
                new String[] {"susong.budget.line.reserved.fen", "line", "2025:B1"},
                new String[] {"susong.budget.line.disbursed.fen", "line", "2025:B1"},
                new String[] {"susong.budget.line.available.fen", "line", "2025:B1"},
                new String[] {"susong.payments.orders", "state", "ON_HOLD"},
                new String[] {"susong.payments.orders.oldest.seconds", "state", "SETTLING"},
                new String[] {"susong.intents.oldest.pending.seconds", "collection", "withdrawals"});
        own.refresh();
        for (String[] s : series) {
            assertFalse(Double.isNaN(gauge(registry, s).value()), s[0] + "{" + s[2] + "} is read before the outage");
        }

        down.set(true);
        own.refresh();
        for (String[] s : series) {
            assertTrue(Double.isNaN(gauge(registry, s).value()), s[0] + "{" + s[2] + "} keeps its value from before the"
                    + " outage: " + gauge(registry, s).value());
        }

        down.set(false);
        own.refresh();
        long available = mongo.getDatabase("payments").getCollection("budget_lines").find(Filters.eq("_id", "2025:B1"))
                .first().get("availableFen", Number.class).longValue();
        assertEquals(available, gauge(registry, series.get(3)).value(),
                "the next good read replaces it");
    }

    /** The gauge of one series: name, tag, tag value. */
    private static io.micrometer.core.instrument.Gauge gauge(io.micrometer.core.instrument.MeterRegistry registry, String[] s) {
        return registry.get(s[0]).tag(s[1], s[2]).gauge();
    }

    /** The value of one series (name and labels as Micrometer writes them: labels sorted by name). */
    private static double value(String metrics, String series) {
        return metrics.lines().filter(l -> l.startsWith(series + " ")).findFirst()
                .map(l -> Double.parseDouble(l.substring(series.length() + 1))).orElseThrow(() -> new AssertionError(series + " not found"));
    }
}
