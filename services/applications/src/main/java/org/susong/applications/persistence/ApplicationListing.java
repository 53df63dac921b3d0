package org.susong.applications.persistence;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.function.Consumer;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.susong.applications.domain.Listing.Count;
import org.susong.applications.domain.Listing.Filter;
import org.susong.applications.domain.Listing.Page;
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

    public Page page(Filter filter, String cursor, int limit) {
        List<Bson> conditions = conditions(filter);
        if (cursor != null) {
            conditions.add(after(cursor));
        }
        List<Row> rows = new ArrayList<>(limit + 1);
        applications.find(Filters.and(conditions)).projection(ROW_FIELDS).sort(ORDER).limit(limit + 1)
                .forEach(d -> rows.add(row(d)));
        if (rows.size() <= limit) {
            return new Page(rows, null);
        }
        Row last = rows.get(limit - 1);
        return new Page(rows.subList(0, limit), encode(last));
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
        conditions.add(Filters.exists("createdAt"));
        return conditions;
    }

    private static Bson after(String cursor) {
        String[] parts;
        try {
            parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|", 2);
        } catch (IllegalArgumentException e) {
            throw new BadCursor();
        }
        if (parts.length != 2 || !parts[0].matches("[0-9]{1,15}")) {
            throw new BadCursor();
        }
        Date at = new Date(Long.parseLong(parts[0]));
        return Filters.or(Filters.lt("createdAt", at), Filters.and(Filters.eq("createdAt", at), Filters.lt("_id", parts[1])));
    }

    /** A cursor this service did not give out. */
    public static final class BadCursor extends RuntimeException {
        public BadCursor() {
            super("the cursor is not one this service gave out");
        }
    }

    private static String encode(Row row) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((row.createdAt().toEpochMilli() + "|" + row.id())
                .getBytes(StandardCharsets.UTF_8));
    }

    private static Row row(Document d) {
        Date submitted = d.getDate("submittedAt");
        return new Row(d.getString("_id"), d.getString("applicantUscc"), d.getString("measureCode"), d.getString("district"),
                d.getString("period"), d.getString("status"), d.getDate("createdAt").toInstant(),
                submitted == null ? null : submitted.toInstant(), d.getString("proposalId"));
    }
}
