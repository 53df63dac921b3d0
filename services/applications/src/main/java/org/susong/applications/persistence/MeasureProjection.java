package org.susong.applications.persistence;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * This service's copy of the measure catalogue, built from eligibility's {@code MeasurePublished}
 * events: what a submission is checked against (known, open, required facts).
 */
@ApplicationScoped
public class MeasureProjection {

    /** {@code factsSchema}: the JSON Schema text the facts must satisfy, or null (then only {@code requiredFacts}). */
    public record Measure(String code, int version, String status, List<String> requiredFacts, String factsSchema) {

        public Measure(String code, int version, String status, List<String> requiredFacts) {
            this(code, version, status, requiredFacts, null);
        }
    }

    private final MongoCollection<Document> measures;

    MeasureProjection(MongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database) {
        this.measures = mongo.getDatabase(database).getCollection("measures");
    }

    /** Keeps the newer version only: versions may arrive in any order. */
    public void upsert(Measure measure) {
        Document current = measures.find(Filters.eq("_id", measure.code())).first();
        if (current != null && current.getInteger("version", 0) >= measure.version()) {
            return;
        }
        Document document = new Document("_id", measure.code()).append("version", measure.version())
                .append("status", measure.status()).append("requiredFacts", measure.requiredFacts())
                .append("factsSchema", measure.factsSchema()); // as text: "$schema" is no valid field name in a document
        if (current == null) {
            measures.replaceOne(Filters.eq("_id", measure.code()), document, new ReplaceOptions().upsert(true));
        } else {
            measures.replaceOne(Filters.and(Filters.eq("_id", measure.code()), Filters.eq("version", current.getInteger("version"))),
                    document);
        }
    }

    public Optional<Measure> find(String code) {
        Document d = measures.find(Filters.eq("_id", code)).first();
        return d == null ? Optional.empty() : Optional.of(new Measure(d.getString("_id"), d.getInteger("version"),
                d.getString("status"), d.getList("requiredFacts", String.class, List.of()), d.getString("factsSchema")));
    }
}
