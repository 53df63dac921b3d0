package org.susong.applications.persistence;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.function.Consumer;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.susong.commons.persistence.Keyset;
import org.susong.commons.rest.Page;
import org.susong.commons.ids.District;
import org.susong.applications.domain.Listing.Count;
import org.susong.applications.domain.Listing.Filter;
import org.susong.applications.domain.Listing.Row;

/**
 * Portal queries over applications: filters on indexed fields, a stable order (newest first,
 * ties by id) and a keyset cursor, so a page never repeats or skips an application while others
 * are added.
 */
@ApplicationScoped
public class ApplicationListing {

    private static final Bson ORDER = Sorts.descending("createdAt", "_id");
    private static final Bson ROW_FIELDS = Projections.include("applicantUscc", "measureCode", "district", "period", "status",
            "createdAt", "submittedAt", "proposalId");

    private final MongoCollection<Document> applications;

    ApplicationListing(ApplicationRepository repository) {
        this.applications = repository.collection();
    }

    /** A page of the list, newest first (ties by id), keyset-paged ({@link Keyset}). */
    public Page<Row> page(Filter filter, String cursor, int limit) {
        return Keyset.page(applications, Filters.and(conditions(filter)), "createdAt", cursor, limit, ROW_FIELDS,
                ApplicationListing::row);
    }

    /** Every matching row in list order (CSV export). */
    public void each(Filter filter, Consumer<Row> consumer) {
        applications.find(Filters.and(conditions(filter))).projection(ROW_FIELDS).sort(ORDER).batchSize(1000)
                .forEach(d -> consumer.accept(row(d)));
    }

    /** Counts per status and measure, for dashboards. */
    public List<Count> counts(Filter filter) {
        List<Count> counts = new ArrayList<>();
        applications.aggregate(List.of(Aggregates.match(Filters.and(conditions(filter))),
                Aggregates.group(new Document("status", "$status").append("measureCode", "$measureCode"),
                        Accumulators.sum("count", 1)))).forEach(d -> {
            Document key = d.get("_id", Document.class);
            counts.add(new Count(key.getString("status"), key.getString("measureCode"), d.get("count", Number.class).longValue()));
        });
        counts.sort(java.util.Comparator.comparing(Count::measureCode).thenComparing(Count::status));
        return counts;
    }

    private static List<Bson> conditions(Filter f) {
        List<Bson> conditions = new ArrayList<>();
        if (f.district() != null) {
            conditions.add(Filters.eq("district", f.district().name()));
        }
        if (f.status() != null) {
            conditions.add(Filters.eq("status", f.status()));
        }
        if (f.measureCode() != null) {
            conditions.add(Filters.eq("measureCode", f.measureCode()));
        }
        if (f.applicantUscc() != null) {
            conditions.add(Filters.eq("applicantUscc", f.applicantUscc()));
        }
        if (f.year() != null) {
            conditions.add(Filters.eq("year", f.year()));
        }
        conditions.addAll(Keyset.onDates("createdAt", java.util.Optional.ofNullable(f.from()),
                java.util.Optional.ofNullable(f.to())));
        conditions.add(Filters.exists("createdAt"));
        return conditions;
    }

    private static Row row(Document d) {
        Date submitted = d.getDate("submittedAt");
        return new Row(d.getString("_id"), d.getString("applicantUscc"), d.getString("measureCode"),
                District.parse(d.getString("district")).orElse(null),
                d.getString("period"), d.getString("status"), d.getDate("createdAt").toInstant(),
                submitted == null ? null : submitted.toInstant(), d.getString("proposalId"));
    }
}
