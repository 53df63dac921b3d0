package org.susong.payments.persistence;

import com.mongodb.client.model.Indexes;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.bson.Document;
import org.susong.commons.persistence.MongoErrors;
import org.susong.payments.domain.Payee;
import org.susong.payments.domain.PaymentOrder;

/**
 * Payee account snapshots from applications, one per decision and USCC ({@code _id} = decision id/USCC; before issue
 * 23's review one per decision, {@code _id} = decision id), kept whenever they arrive (before or after the decision): an
 * order is exported only once its beneficiary's snapshot is held. A snapshot naming another USCC never takes the
 * beneficiary's place; it is kept only to show on the order that one was refused.
 */
@ApplicationScoped
public class PayeeRepository {

    public record StoredPayee(String decisionId, String applicationId, String applicantUscc, Payee payee, String sourceEventId,
                              String sourceHash) {
    }

    private final MongoCollection<Document> payees;

    PayeeRepository(MongoDatabase database) {
        this.payees = database.getCollection("payees");
    }

    /** Secondary index (issue 14): a decision's snapshots (those refused are shown on its order). */
    void indexes(@Observes StartupEvent event) {
        payees.createIndex(Indexes.ascending("decisionId"));
    }

    /** False when the decision already has a snapshot for this USCC. */
    public boolean insert(StoredPayee s, Instant now) {
        return MongoErrors.insertIfAbsent(payees, document(s, now));
    }

    /**
     * The snapshots of a consumed batch in one unordered bulk insert (issue 14), each as {@link #insert}: one whose
     * decision already has a snapshot for its USCC is left as it is.
     *
     * @return the indexes of the snapshots that were there already
     */
    public java.util.Set<Integer> insertAll(java.util.List<StoredPayee> snapshots, Instant now) {
        return MongoErrors.insertAllIfAbsent(payees, snapshots.stream().map(s -> document(s, now)).toList());
    }

    /**
     * A newer snapshot of the same decision and USCC (the beneficiary's account changed, issue 20 item 2) takes the kept
     * one's place, in one write conditional on the kept one being older: of two concurrent ones the newest stays.
     *
     * @return whether it took the place
     */
    public boolean replaceIfNewer(StoredPayee s, Instant now) {
        Document d = document(s, now);
        d.remove("_id");
        return payees.updateOne(Filters.and(Filters.eq("_id", keyOf(s)), Filters.lt("snapshottedAt",
                Date.from(s.payee().snapshottedAt()))), new Document("$set", d)).getModifiedCount() == 1;
    }

    /** The kept snapshots of these decision and USCC pairs, by {@link #keyOf} (one read). */
    public java.util.Map<String, StoredPayee> findAll(java.util.List<StoredPayee> snapshots) {
        java.util.Map<String, StoredPayee> found = new java.util.HashMap<>();
        if (snapshots.isEmpty()) {
            return found;
        }
        for (Document d : payees.find(Filters.in("_id", snapshots.stream().map(PayeeRepository::keyOf).distinct().toList()))) {
            found.put(d.getString("_id"), stored(d));
        }
        return found;
    }

    /** The key a snapshot is kept under: its decision and USCC. */
    public static String keyOf(StoredPayee s) {
        return key(s.decisionId(), s.applicantUscc());
    }

    private static Document document(StoredPayee s, Instant now) {
        Payee p = s.payee();
        return new Document("_id", key(s.decisionId(), s.applicantUscc()))
                .append("decisionId", s.decisionId()).append("applicationId", s.applicationId())
                .append("applicantUscc", s.applicantUscc()).append("accountName", p.accountName())
                .append("accountNumber", p.accountNumber()).append("bankCode", p.bankCode()).append("bankName", p.bankName())
                .append("snapshottedAt", Date.from(p.snapshottedAt())).append("sourceEventId", s.sourceEventId())
                .append("sourceHash", s.sourceHash()).append("receivedAt", Date.from(now));
    }

    /**
     * The snapshot of the order's decision, only if it names the order's beneficiary (issue 23: a snapshot for another
     * USCC, e.g. one that arrived before the decision, is never paid to).
     */
    public Optional<StoredPayee> forOrder(PaymentOrder order) {
        return find(order.decisionId(), order.beneficiaryUscc())
                .or(() -> one(Filters.eq("_id", order.decisionId()))) // kept before snapshots were keyed by USCC
                .filter(p -> sameUscc(p.applicantUscc(), order.beneficiaryUscc()));
    }

    /** The snapshots the orders pay, as {@link #forOrder} finds each, by order id: one read for all the orders. */
    public java.util.Map<String, StoredPayee> forOrders(java.util.List<PaymentOrder> orders) {
        java.util.Map<String, StoredPayee> result = new java.util.HashMap<>();
        if (orders.isEmpty()) {
            return result;
        }
        java.util.Set<String> ids = new java.util.HashSet<>();
        orders.forEach(o -> {
            ids.add(key(o.decisionId(), o.beneficiaryUscc()));
            ids.add(o.decisionId()); // kept before snapshots were keyed by USCC
        });
        java.util.Map<String, StoredPayee> byId = new java.util.HashMap<>();
        for (Document d : payees.find(Filters.in("_id", ids))) {
            byId.put(d.getString("_id"), stored(d));
        }
        for (PaymentOrder o : orders) {
            StoredPayee p = byId.getOrDefault(key(o.decisionId(), o.beneficiaryUscc()), byId.get(o.decisionId()));
            if (p != null && sameUscc(p.applicantUscc(), o.beneficiaryUscc())) {
                result.put(o.id(), p);
            }
        }
        return result;
    }

    /** The USCCs of the snapshots of the order's decision that name someone else than its beneficiary (refused). */
    public java.util.List<String> refusedFor(PaymentOrder order) {
        java.util.List<String> refused = new java.util.ArrayList<>();
        for (Document d : payees.find(Filters.or(Filters.eq("decisionId", order.decisionId()),
                Filters.eq("_id", order.decisionId())))) {
            if (!sameUscc(d.getString("applicantUscc"), order.beneficiaryUscc())) {
                refused.add(d.getString("applicantUscc"));
            }
        }
        return refused;
    }

    private static String key(String decisionId, String uscc) {
        return decisionId + "/" + (uscc == null ? "" : uscc.trim().toUpperCase(java.util.Locale.ROOT));
    }

    /** USCCs compared as codes: without case or surrounding spaces. */
    public static boolean sameUscc(String a, String b) {
        return a != null && b != null && a.trim().equalsIgnoreCase(b.trim());
    }

    public Optional<StoredPayee> find(String decisionId, String uscc) {
        return one(Filters.eq("_id", key(decisionId, uscc)));
    }

    private Optional<StoredPayee> one(org.bson.conversions.Bson filter) {
        return Optional.ofNullable(payees.find(filter).first()).map(PayeeRepository::stored);
    }

    private static StoredPayee stored(Document d) {
        String decisionId = d.getString("decisionId") == null ? d.getString("_id") : d.getString("decisionId");
        return new StoredPayee(decisionId, d.getString("applicationId"), d.getString("applicantUscc"),
                new Payee(d.getString("accountName"), d.getString("accountNumber"), d.getString("bankCode"),
                        d.getString("bankName"), d.getDate("snapshottedAt").toInstant()),
                d.getString("sourceEventId"), d.getString("sourceHash"));
    }
}
