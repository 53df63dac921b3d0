package org.susong.techcontracts.persistence;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Projections;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.susong.techcontracts.domain.ContractStatus;

/** Read-only scans for the audit (issue 12): contracts and the registration serial counters. Nothing is written. */
@ApplicationScoped
public class AuditReads {

    /**
     * A contract as the audit sees it; {@code reviewSince} is the day the review under way began (the
     * submission or the latest amendment), null when no review is under way.
     */
    public record ContractRow(String id, ContractStatus status, String registrationNumber, boolean counted, String reviewDueOn,
                              String reviewSince) {
    }

    private final MongoDatabase database;

    AuditReads(MongoDatabase database) {
        this.database = database;
    }

    public List<ContractRow> contracts() {
        List<ContractRow> rows = new ArrayList<>();
        for (Document d : database.getCollection(ContractRepository.COLLECTION).find().projection(Projections.include("status",
                ContractCodec.REGISTRATION_NUMBER, ContractCodec.STATS, ContractCodec.REVIEW_DUE_ON, "submittedOn",
                "amendments.proposedOn"))) {
            String due = d.getString(ContractCodec.REVIEW_DUE_ON);
            String since = null;
            if (due != null) {
                since = d.getString("submittedOn");
                for (Document a : d.getList("amendments", Document.class, List.of())) {
                    String proposed = a.getString("proposedOn");
                    if (proposed != null && (since == null || proposed.compareTo(since) > 0)) {
                        since = proposed;
                    }
                }
            }
            String status = d.getString("status");
            rows.add(new ContractRow(d.getString("_id"), status == null ? null : ContractStatus.valueOf(status),
                    d.getString(ContractCodec.REGISTRATION_NUMBER),
                    d.get(ContractCodec.STATS) != null, due, since));
        }
        return rows;
    }

    /** The last serial taken per registry and year ({@code <registry>-<year>}). */
    public Map<String, Long> serialCounters() {
        Map<String, Long> counters = new HashMap<>();
        for (Document d : database.getCollection("registration_counters").find()) {
            Number last = d.get("last", Number.class);
            counters.put(d.getString("_id"), last == null ? 0 : last.longValue());
        }
        return counters;
    }
}
