package org.susong.eligibility.persistence;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.susong.commons.messaging.Outbox;
import org.susong.commons.persistence.MongoErrors;
import org.susong.eligibility.domain.Measure;
import org.susong.eligibility.domain.MeasureStatus;

/** The measure catalogue: one document per measure code holding its current version and outbox. */
@ApplicationScoped
public class MeasureRepository {

    public static final String COLLECTION = "measures";

    private final MongoCollection<Document> measures;

    MeasureRepository(MongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database) {
        this.measures = mongo.getDatabase(database).getCollection(COLLECTION);
    }

    /** Inserts the first version; false when the measure already exists (seeding twice changes nothing). */
    public boolean insertFirst(Measure measure, List<Document> outbox) {
        Document document = toDocument(measure);
        document.putAll(Outbox.initialFields(outbox));
        return MongoErrors.insertIfAbsent(measures, document);
    }

    public Optional<Measure> find(String code) {
        return Optional.ofNullable(measures.find(Filters.eq("_id", code)).first()).map(MeasureRepository::fromDocument);
    }

    public List<Measure> all() {
        List<Measure> result = new ArrayList<>();
        for (Document d : measures.find().sort(Sorts.ascending("_id"))) {
            result.add(fromDocument(d));
        }
        return result;
    }

    static Document toDocument(Measure m) {
        return new Document("_id", m.code()).append("version", m.version()).append("titleZh", m.titleZh())
                .append("titleEn", m.titleEn()).append("status", m.status().name())
                .append("beneficiaryTypes", m.beneficiaryTypes()).append("validFrom", m.validFrom().toString())
                .append("validTo", m.validTo().toString()).append("requiredFacts", m.requiredFacts())
                .append("rule", m.rule()).append("sourceRule", m.sourceRule()).append("capFen", m.capFen())
                .append("capPeriod", m.capPeriod()).append("budgetLine", m.budgetLine())
                .append("disbursementMode", m.disbursementMode()).append("placeholders", m.placeholders());
    }

    static Measure fromDocument(Document d) {
        Number cap = d.get("capFen", Number.class);
        return new Measure(d.getString("_id"), d.getInteger("version"), d.getString("titleZh"), d.getString("titleEn"),
                MeasureStatus.valueOf(d.getString("status")), d.getList("beneficiaryTypes", String.class),
                LocalDate.parse(d.getString("validFrom")), LocalDate.parse(d.getString("validTo")),
                d.getList("requiredFacts", String.class), d.getString("rule"), d.getString("sourceRule"),
                cap == null ? null : cap.longValue(), d.getString("capPeriod"), d.getString("budgetLine"),
                d.getString("disbursementMode"), d.getList("placeholders", String.class));
    }
}
