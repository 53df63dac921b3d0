package org.susong.payments.persistence;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.susong.commons.persistence.GuardedCounter;
import org.susong.commons.persistence.MongoErrors;

/**
 * Budget lines, one document per fiscal year x measure ({@code _id = "2026:B1"}). Amounts move only
 * through {@link GuardedCounter}: guarded by {@code availableFen >= amount}, at most once per intent.
 * Lines carry no events (a hot document must stay small): the orders that move them do.
 */
@ApplicationScoped
public class BudgetLineRepository {

    public record Line(String id, int year, String measureCode, long allocatedFen, long reservedFen, long disbursedFen,
                       long availableFen, boolean placeholder, String note) {
    }

    private final MongoCollection<Document> lines;

    BudgetLineRepository(MongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database) {
        this.lines = mongo.getDatabase(database).getCollection("budget_lines");
    }

    /** False when the line exists already. */
    public boolean insert(Line line, String actor) {
        return MongoErrors.insertIfAbsent(lines, new Document("_id", line.id()).append("year", line.year()).append("measureCode", line.measureCode())
                    .append("allocatedFen", line.allocatedFen()).append("reservedFen", 0L).append("disbursedFen", 0L)
                    .append("availableFen", line.allocatedFen()).append("placeholder", line.placeholder())
                    .append("note", line.note()).append("allocatedBy", actor).append(GuardedCounter.APPLIED, List.of()));
    }

    /** Reserves the amount for the order if available allows; at most once per order. */
    public GuardedCounter.Outcome reserve(String lineId, String orderId, long amountFen) {
        return GuardedCounter.apply(lines, lineId, orderId, Filters.gte("availableFen", amountFen),
                Updates.combine(Updates.inc("availableFen", -amountFen), Updates.inc("reservedFen", amountFen)));
    }

    /** Moves a settled order's amount from reserved to disbursed, at most once. */
    public GuardedCounter.Outcome disburse(String lineId, String orderId, long amountFen) {
        return GuardedCounter.apply(lines, lineId, orderId + ":settle", Filters.gte("reservedFen", amountFen),
                Updates.combine(Updates.inc("reservedFen", -amountFen), Updates.inc("disbursedFen", amountFen)));
    }

    public void forget(String lineId, String intentId) {
        GuardedCounter.forget(lines, lineId, intentId);
    }

    public List<Line> forYear(int year) {
        List<Line> result = new ArrayList<>();
        for (Document d : lines.find(Filters.eq("year", year)).sort(Sorts.ascending("_id"))) {
            result.add(new Line(d.getString("_id"), d.getInteger("year"), d.getString("measureCode"),
                    d.get("allocatedFen", Number.class).longValue(), d.get("reservedFen", Number.class).longValue(),
                    d.get("disbursedFen", Number.class).longValue(), d.get("availableFen", Number.class).longValue(),
                    d.getBoolean("placeholder", false), d.getString("note")));
        }
        return result;
    }
}
