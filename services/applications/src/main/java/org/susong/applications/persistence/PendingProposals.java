package org.susong.applications.persistence;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.susong.commons.persistence.MongoErrors;

/**
 * Award proposals whose beneficiary is not a registered applicant yet: kept by proposal id (the
 * event is an early fact, never dead-lettered) until the applicant registers.
 */
@ApplicationScoped
public class PendingProposals {

    /** The proposal as received: its id, the beneficiary, the event id and payload. */
    public record Pending(String proposalId, String beneficiaryUscc, String eventId, String actor, String payload) {
    }

    private final MongoCollection<Document> proposals;

    PendingProposals(MongoDatabase database) {
        this.proposals = database.getCollection("pending_proposals");
    }

    public void keep(Pending p, Instant now) {
        MongoErrors.insertIfAbsent(proposals, new Document("_id", p.proposalId()).append("beneficiaryUscc", p.beneficiaryUscc())
                .append("eventId", p.eventId()).append("actor", p.actor()).append("payload", p.payload())
                .append("receivedAt", Date.from(now)));
    }

    /** Proposals still waiting for this applicant. */
    public List<Pending> waitingFor(String uscc) {
        List<Pending> result = new ArrayList<>();
        proposals.find(Filters.and(Filters.eq("beneficiaryUscc", uscc), Filters.exists("applicationId", false)))
                .forEach(d -> result.add(new Pending(d.getString("_id"), d.getString("beneficiaryUscc"),
                        d.getString("eventId"), d.getString("actor"), d.getString("payload"))));
        return result;
    }

    /**
     * Beneficiaries with proposals still waiting (the follow-up sweep looks whether they registered
     * meanwhile). All of them: a cut before that look would starve a registered one behind those that
     * never register.
     */
    public Iterable<String> waitingBeneficiaries() {
        return proposals.distinct("beneficiaryUscc", Filters.exists("applicationId", false), String.class);
    }

    /** Marks a proposal as turned into an application (kept for the audit trail). */
    public void resolved(String proposalId, String applicationId) {
        proposals.updateOne(Filters.eq("_id", proposalId), Updates.set("applicationId", applicationId));
    }
}
