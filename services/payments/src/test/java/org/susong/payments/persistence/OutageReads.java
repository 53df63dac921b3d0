package org.susong.payments.persistence;

import com.mongodb.MongoTimeoutException;
import com.mongodb.client.MongoClient;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Readers of the real store whose reads fail, as the driver reports a store it cannot reach (a server selection
 * timeout), while {@code down} says the store is down: for what must show an outage instead of the values from before.
 */
public final class OutageReads {

    private OutageReads() {
    }

    public static BudgetLineRepository lines(MongoClient mongo, String database, BooleanSupplier down) {
        return new BudgetLineRepository(mongo.getDatabase(database)) {
            @Override
            public List<Line> all() {
                failWhile(down);
                return super.all();
            }
        };
    }

    public static AuditReads audit(MongoClient mongo, String database, BooleanSupplier down) {
        return new AuditReads(mongo.getDatabase(database)) {
            @Override
            public List<OrderRow> orders() {
                failWhile(down);
                return super.orders();
            }

            @Override
            public List<IntentRow> otherIntents() {
                failWhile(down);
                return super.otherIntents();
            }
        };
    }

    private static void failWhile(BooleanSupplier down) {
        if (down.getAsBoolean()) {
            throw new MongoTimeoutException("Timed out while waiting for a server (test: the store is down)");
        }
    }
}
