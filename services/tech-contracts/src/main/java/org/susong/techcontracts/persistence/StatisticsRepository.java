package org.susong.techcontracts.persistence;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.susong.commons.ids.District;

/**
 * Technology-market figures computed on demand with aggregation pipelines over the registered
 * contracts' {@code stats} sub-documents ({@code $match → $group → $sort}, all supported by the local
 * store). Refused, submitted and cancelled contracts carry no {@code stats} and so never count.
 */
@ApplicationScoped
public class StatisticsRepository {

    /** The dimensions a year's figures can be broken down by (names of {@code stats} fields). */
    public enum Dimension {
        MONTH("month"),
        TYPE("type"),
        DISTRICT("district"),
        FOREIGN("foreign"),
        BRICS("brics");

        private final String field;

        Dimension(String field) {
            this.field = field;
        }
    }

    /** One group's totals; {@code key} is null for a year's total. */
    public record Row(int year, Object key, long count, long contractFen, long technicalFen) {
    }

    private final MongoCollection<Document> contracts;

    StatisticsRepository(MongoDatabase database) {
        this.contracts = database.getCollection(ContractRepository.COLLECTION);
    }

    /** Totals per registration year of the given years, optionally split by a dimension and of one district only. */
    public List<Row> totals(List<Integer> years, Dimension by, Optional<District> district) {
        Bson match = district.map(d -> Filters.and(Filters.in("stats.year", years), Filters.eq("stats.district", d.name())))
                .orElse(Filters.in("stats.year", years));
        Object id = by == null ? new Document("year", "$stats.year")
                : new Document("year", "$stats.year").append("key", "$stats." + by.field);
        List<Row> rows = new ArrayList<>();
        contracts.aggregate(List.of(
                Aggregates.match(match),
                Aggregates.group(id, Accumulators.sum("count", 1),
                        Accumulators.sum("contractFen", "$stats.contractFen"),
                        Accumulators.sum("technicalFen", "$stats.technicalFen")),
                Aggregates.sort(Sorts.ascending("_id.year", "_id.key")))).forEach(d -> {
                    Document key = d.get("_id", Document.class);
                    rows.add(new Row(key.get("year", Number.class).intValue(), key.get("key"),
                            d.get("count", Number.class).longValue(), d.get("contractFen", Number.class).longValue(),
                            d.get("technicalFen", Number.class).longValue()));
                });
        return rows;
    }
}
