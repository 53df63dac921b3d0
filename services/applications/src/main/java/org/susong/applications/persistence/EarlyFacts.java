package org.susong.applications.persistence;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.susong.applications.domain.Fact;
import org.susong.commons.persistence.MongoErrors;

/**
 * Facts about an application that arrived before the application itself (possible for
 * system-initiated applications): kept by event id, never dead-lettered, applied on creation.
 */
@ApplicationScoped
public class EarlyFacts {

    private final MongoCollection<Document> facts;

    EarlyFacts(MongoDatabase database) {
        this.facts = database.getCollection("early_facts");
    }

    /** Keeps the fact once by its event id; the fact kept before under that id (may be this one) is returned. */
    public Fact keep(String applicationId, Fact fact) {
        Document document = ApplicationRepository.timeline(List.of(fact)).get(0);
        document.remove("eventId");
        if (MongoErrors.insertIfAbsent(facts, new Document("_id", fact.eventId()).append("applicationId", applicationId)
                .append("fact", document))) {
            return fact;
        }
        Document kept = facts.find(Filters.eq("_id", fact.eventId())).first().get("fact", Document.class);
        kept.put("_id", fact.eventId());
        return ApplicationRepository.fact(kept, "_id");
    }

    public List<Fact> forApplication(String applicationId) {
        List<Fact> result = new ArrayList<>();
        for (Document d : facts.find(Filters.eq("applicationId", applicationId))) {
            Document fact = d.get("fact", Document.class);
            fact.put("_id", d.getString("_id"));
            result.add(ApplicationRepository.fact(fact, "_id"));
        }
        return result;
    }
}
