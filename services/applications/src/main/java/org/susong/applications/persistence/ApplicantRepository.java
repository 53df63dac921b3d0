package org.susong.applications.persistence;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Date;
import java.util.Optional;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.susong.applications.domain.Applicant;
import org.susong.applications.domain.ApplicantType;
import org.susong.commons.ids.District;
import org.susong.commons.ids.Uscc;
import org.susong.commons.persistence.MongoErrors;

/** The applicant registry: one document per USCC (the USCC is the id). */
@ApplicationScoped
public class ApplicantRepository {

    private final MongoCollection<Document> applicants;

    ApplicantRepository(MongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database) {
        this.applicants = mongo.getDatabase(database).getCollection("applicants");
    }

    /** False when an applicant with this USCC already exists. */
    public boolean insert(Applicant a) {
        Document document = new Document("_id", a.uscc().value())
                .append("name", a.name())
                .append("type", a.type().name())
                .append("district", a.district().name())
                .append("registeredAt", Date.from(a.registeredAt()))
                .append("registeredBy", a.registeredBy())
                .append("version", 1L);
        if (a.checkOverride() != null) {
            document.append("checkOverride", new Document("officer", a.checkOverride().officer())
                    .append("reason", a.checkOverride().reason())
                    .append("expected", String.valueOf(a.checkOverride().expected())));
        }
        return MongoErrors.insertIfAbsent(applicants, document);
    }

    public Optional<Applicant> find(String uscc) {
        Document d = applicants.find(Filters.eq("_id", uscc)).first();
        if (d == null) {
            return Optional.empty();
        }
        Document o = d.get("checkOverride", Document.class);
        org.susong.commons.ids.UsccOverride override = o == null ? null
                : new org.susong.commons.ids.UsccOverride(o.getString("officer"), o.getString("reason"), o.getString("expected").charAt(0));
        return Optional.of(new Applicant(new Uscc(d.getString("_id")), d.getString("name"),
                ApplicantType.valueOf(d.getString("type")), District.valueOf(d.getString("district")), override,
                d.getDate("registeredAt").toInstant(), d.getString("registeredBy")));
    }
}
