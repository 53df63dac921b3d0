package org.susong.applications.persistence;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.susong.applications.domain.Application;
import org.susong.applications.domain.ApplicationStatus;
import org.susong.applications.domain.Fact;
import org.susong.commons.ids.District;
import org.susong.commons.messaging.Outbox;
import org.susong.commons.messaging.TransientFailure;
import org.susong.commons.persistence.MongoErrors;

/** Applications, each one document with its timeline, its idempotency record and its outbox. */
@ApplicationScoped
public class ApplicationRepository {

    public static final String COLLECTION = "applications";

    private final MongoCollection<Document> applications;

    ApplicationRepository(MongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database) {
        this.applications = mongo.getDatabase(database).getCollection(COLLECTION);
    }

    void indexes(@Observes StartupEvent event) {
        // one application per (applicant, idempotency key); sparse: system-initiated ones have none
        applications.createIndex(Indexes.ascending("idempotencyKey"), new IndexOptions().unique(true).sparse(true));
    }

    /** Whether the key was free: false means an application with this idempotency key already exists. */
    public boolean insert(Application application, List<Document> outbox, String idempotencyKey, String requestHash,
                          Document response) {
        Document document = toDocument(application)
                .append("version", 1L)
                .append("requestHash", requestHash)
                .append("response", response);
        document.putAll(Outbox.initialFields(outbox));
        if (idempotencyKey != null) {
            document.append("idempotencyKey", idempotencyKey);
        }
        return MongoErrors.insertIfAbsent(applications, document);
    }

    public Optional<Document> findRawByIdempotencyKey(String idempotencyKey) {
        return Optional.ofNullable(applications.find(Filters.eq("idempotencyKey", idempotencyKey)).first());
    }

    public Optional<Versioned> find(String id) {
        return Optional.ofNullable(applications.find(Filters.eq("_id", id)).first())
                .map(d -> new Versioned(fromDocument(d), d.get("version", Number.class).longValue()));
    }

    /** An application with the version it was read at, for optimistic updates. */
    public record Versioned(Application application, long version) {
    }

    /** Saves a new timeline if nobody changed the application since it was read. */
    public void saveTimeline(Application application, long expectedVersion) {
        long modified = applications.updateOne(
                Filters.and(Filters.eq("_id", application.id()), Filters.eq("version", expectedVersion)),
                Updates.combine(
                        Updates.set("timeline", timeline(application.timeline())),
                        Updates.set("status", application.status().name()),
                        Updates.inc("version", 1L))).getModifiedCount();
        if (modified != 1) {
            throw new TransientFailure("application " + application.id() + " changed concurrently; retrying");
        }
    }

    private Document toDocument(Application a) {
        return new Document("_id", a.id())
                .append("applicantUscc", a.applicantUscc())
                .append("measureCode", a.measureCode())
                .append("district", a.district().name())
                .append("facts", new Document(a.facts()))
                .append("submittedAt", Date.from(a.submittedAt()))
                .append("submittedBy", a.submittedBy())
                .append("status", a.status().name())
                .append("timeline", timeline(a.timeline()));
    }

    private static List<Document> timeline(List<Fact> facts) {
        List<Document> entries = new ArrayList<>();
        for (Fact f : facts) {
            entries.add(new Document("eventId", f.eventId()).append("kind", f.kind()).append("status", f.status().name())
                    .append("at", Date.from(f.at())).append("actor", f.actor()).append("detail", f.detail()));
        }
        return entries;
    }

    static Application fromDocument(Document d) {
        List<Fact> facts = new ArrayList<>();
        for (Document f : d.getList("timeline", Document.class, List.of())) {
            facts.add(new Fact(f.getString("eventId"), f.getString("kind"), ApplicationStatus.valueOf(f.getString("status")),
                    f.getDate("at").toInstant(), f.getString("actor"), f.getString("detail")));
        }
        Document claimed = d.get("facts", Document.class);
        return new Application(d.getString("_id"), d.getString("applicantUscc"), d.getString("measureCode"),
                District.valueOf(d.getString("district")), claimed == null ? java.util.Map.of() : claimed,
                d.getDate("submittedAt").toInstant(), d.getString("submittedBy"), facts);
    }
}
