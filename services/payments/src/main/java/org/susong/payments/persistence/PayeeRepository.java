package org.susong.payments.persistence;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.susong.commons.persistence.MongoErrors;
import org.susong.payments.domain.Payee;
import org.susong.payments.domain.PaymentOrder;

/**
 * Payee account snapshots from applications, one per decision ({@code _id} = decision id), kept
 * whenever they arrive (before or after the decision): an order is exported only once its snapshot is held.
 */
@ApplicationScoped
public class PayeeRepository {

    public record StoredPayee(String decisionId, String applicationId, String applicantUscc, Payee payee, String sourceEventId,
                              String sourceHash) {
    }

    private final MongoCollection<Document> payees;

    PayeeRepository(MongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database) {
        this.payees = mongo.getDatabase(database).getCollection("payees");
    }

    /** False when the decision already has a snapshot. */
    public boolean insert(StoredPayee s, Instant now) {
        Payee p = s.payee();
        return MongoErrors.insertIfAbsent(payees, new Document("_id", s.decisionId()).append("applicationId", s.applicationId())
                .append("applicantUscc", s.applicantUscc()).append("accountName", p.accountName())
                .append("accountNumber", p.accountNumber()).append("bankCode", p.bankCode()).append("bankName", p.bankName())
                .append("snapshottedAt", Date.from(p.snapshottedAt())).append("sourceEventId", s.sourceEventId())
                .append("sourceHash", s.sourceHash()).append("receivedAt", Date.from(now)));
    }

    /**
     * The snapshot of the order's decision, only if it names the order's beneficiary (issue 23: a snapshot for another
     * USCC, e.g. one that arrived before the decision, is never paid to).
     */
    public Optional<StoredPayee> forOrder(PaymentOrder order) {
        return find(order.decisionId()).filter(p -> sameUscc(p.applicantUscc(), order.beneficiaryUscc()));
    }

    /** USCCs compared as codes: without case or surrounding spaces. */
    public static boolean sameUscc(String a, String b) {
        return a != null && b != null && a.trim().equalsIgnoreCase(b.trim());
    }

    public Optional<StoredPayee> find(String decisionId) {
        Document d = payees.find(Filters.eq("_id", decisionId)).first();
        if (d == null) {
            return Optional.empty();
        }
        return Optional.of(new StoredPayee(d.getString("_id"), d.getString("applicationId"), d.getString("applicantUscc"),
                new Payee(d.getString("accountName"), d.getString("accountNumber"), d.getString("bankCode"),
                        d.getString("bankName"), d.getDate("snapshottedAt").toInstant()),
                d.getString("sourceEventId"), d.getString("sourceHash")));
    }
}
