package org.susong.eligibility.persistence;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.susong.commons.persistence.MongoErrors;

/**
 * Decisions, one document per decision (id derived from the application), with their inputs,
 * criteria, amount, pinned rule version, the event that caused them (id and payload hash) and
 * their outbox. Certificate claims make B1 "one award per certificate" hold across applications.
 */
@ApplicationScoped
public class DecisionRepository {

    public static final String COLLECTION = "decisions";

    private final MongoCollection<Document> decisions;
    private final MongoCollection<Document> claims;

    DecisionRepository(MongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database) {
        this.decisions = mongo.getDatabase(database).getCollection(COLLECTION);
        this.claims = mongo.getDatabase(database).getCollection("certificate_claims");
    }

    public Optional<Document> find(String decisionId) {
        return Optional.ofNullable(decisions.find(Filters.eq("_id", decisionId)).first());
    }

    public Optional<Document> findByApplication(String applicationId) {
        return find(DecisionIds.forApplication(applicationId));
    }

    /** False when the decision exists already (a redelivery raced us). */
    public boolean insert(Document decision) {
        return MongoErrors.insertIfAbsent(decisions, decision);
    }

    /**
     * Claims a certificate for a decision. Returns the decision that holds the claim: this one
     * (first claim, or a retry after a crash) or an earlier one (already rewarded).
     */
    public String claimCertificate(String certificateKey, String decisionId) {
        if (MongoErrors.insertIfAbsent(claims, new Document("_id", certificateKey).append("decisionId", decisionId))) {
            return decisionId;
        }
        Document holder = claims.find(Filters.eq("_id", certificateKey)).first();
        return holder == null ? decisionId : holder.getString("decisionId");
    }
}
