package org.susong.applications.persistence;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.BiConsumer;
import org.bson.Document;
import org.susong.applications.domain.Application;
import org.susong.applications.domain.ApplicationStatus;
import org.susong.commons.messaging.Outbox;

/** Read-only scan for the audit (issue 12): every accepted (not draft) application. Nothing is written. */
@ApplicationScoped
public class AuditReads {

    private final MongoCollection<Document> applications;

    AuditReads(MongoDatabase database) {
        this.applications = database.getCollection(ApplicationRepository.COLLECTION);
    }

    /**
     * Each accepted application with the status stored beside it (what list queries filter on); a
     * document that cannot be read as an application goes to {@code unreadable} with the reason.
     */
    public void accepted(BiConsumer<Application, String> each, BiConsumer<String, String> unreadable) {
        for (Document d : applications.find(Filters.ne("status", ApplicationStatus.DRAFT.name()))
                .projection(Projections.exclude("response", Outbox.FIELD))) {
            Application application;
            try {
                application = ApplicationRepository.fromDocument(d);
            } catch (RuntimeException e) {
                unreadable.accept(String.valueOf(d.get("_id")), e.toString());
                continue;
            }
            each.accept(application, d.getString("status"));
        }
    }
}
