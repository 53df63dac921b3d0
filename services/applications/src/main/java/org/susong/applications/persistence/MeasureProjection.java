package org.susong.applications.persistence;

import com.mongodb.MongoException;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.susong.applications.domain.MeasureStatus;
import org.susong.commons.persistence.MongoErrors;

/**
 * This service's copy of the measure catalogue, built from eligibility's {@code MeasurePublished}
 * events: what a submission is checked against (known, open, required facts).
 */
@ApplicationScoped
public class MeasureProjection {

    /**
     * {@code factsSchema}: the JSON Schema text the facts must satisfy, or null (then only {@code requiredFacts});
     * {@code validFrom}/{@code validTo}: the measure's validity window, null in projections kept before it was read.
     */
    public record Measure(String code, int version, String status, List<String> requiredFacts, String factsSchema,
                          LocalDate validFrom, LocalDate validTo) {

        public Measure(String code, int version, String status, List<String> requiredFacts) {
            this(code, version, status, requiredFacts, null, null, null);
        }

        /** Whether the measure's status takes applications; a status this service does not know takes none. */
        public boolean takesApplications() {
            return MeasureStatus.of(status).map(MeasureStatus::takesApplications).orElse(false);
        }

        /**
         * The periods an application may be for: the business years of the validity window up to the current
         * one (a late filing for an earlier year of the measure is possible, a future year is not); only the
         * current year while the window is unknown.
         */
        public List<String> periods(int currentYear) {
            if (validFrom == null || validTo == null) {
                return List.of(String.valueOf(currentYear));
            }
            List<String> years = new java.util.ArrayList<>();
            for (int year = validFrom.getYear(); year <= Math.min(validTo.getYear(), currentYear); year++) {
                years.add(String.valueOf(year));
            }
            return years;
        }
    }

    private final MongoCollection<Document> measures;

    MeasureProjection(MongoDatabase database) {
        this.measures = database.getCollection("measures");
    }

    /**
     * Keeps the newer version only: versions may arrive in any order, from two writers (the live and the replay
     * channel, or two replicas). One guarded upsert: it replaces a document holding an older version, or inserts
     * the first one; when a version as new or newer is kept, the insert fails on the key and nothing changes.
     */
    public void upsert(Measure measure) {
        Document document = new Document("_id", measure.code()).append("version", measure.version())
                .append("status", measure.status()).append("requiredFacts", measure.requiredFacts())
                .append("factsSchema", measure.factsSchema()) // as text: "$schema" is no valid field name in a document
                .append("validFrom", measure.validFrom() == null ? null : measure.validFrom().toString())
                .append("validTo", measure.validTo() == null ? null : measure.validTo().toString());
        try {
            measures.replaceOne(Filters.and(Filters.eq("_id", measure.code()), Filters.lt("version", measure.version())),
                    document, new ReplaceOptions().upsert(true));
        } catch (MongoException e) {
            if (!MongoErrors.isDuplicateKey(e)) {
                throw e;
            }
        }
    }

    public Optional<Measure> find(String code) {
        Document d = measures.find(Filters.eq("_id", code)).first();
        return d == null ? Optional.empty() : Optional.of(new Measure(d.getString("_id"), d.getInteger("version"),
                d.getString("status"), d.getList("requiredFacts", String.class, List.of()), d.getString("factsSchema"),
                date(d.getString("validFrom")), date(d.getString("validTo"))));
    }

    private static LocalDate date(String text) {
        return text == null ? null : LocalDate.parse(text);
    }
}
