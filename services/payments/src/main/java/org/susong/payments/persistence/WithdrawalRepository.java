package org.susong.payments.persistence;

import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.susong.commons.messaging.Outbox;
import org.susong.commons.persistence.MongoErrors;
import org.susong.payments.domain.WithdrawalState;

/**
 * Withdrawal requests, one per application ({@code _id = W-<applicationId>}), kept so that a
 * decision arriving after the withdrawal creates no payable order. States ({@link WithdrawalState}): PENDING (being applied
 * to the application's orders), ACCEPTED, REFUSED. Accept/refuse events without an order come from
 * this document's own outbox.
 */
@ApplicationScoped
public class WithdrawalRepository {

    public static final String COLLECTION = "withdrawals";

    public record Withdrawal(String id, String applicationId, String decisionId, String reason, String requestedBy,
                             WithdrawalState state, String sourceEventId, String sourceHash, long lastSequence) {
    }

    private final MongoCollection<Document> withdrawals;

    WithdrawalRepository(MongoDatabase database) {
        this.withdrawals = database.getCollection(COLLECTION);
    }

    /** Secondary indexes (issue 14): the processor's pending withdrawals, the relay sweeper's first entry (sparse). */
    void indexes(@Observes StartupEvent event) {
        withdrawals.createIndex(Indexes.ascending("state"));
        withdrawals.createIndex(Indexes.ascending(Outbox.FIELD + ".0"), new IndexOptions().sparse(true));
    }

    public static String idFor(String applicationId) {
        return "W-" + applicationId;
    }

    public boolean insert(Withdrawal w, Date now) {
        return MongoErrors.insertIfAbsent(withdrawals, document(w, now));
    }

    /**
     * The withdrawals of a consumed batch in one unordered bulk insert (issue 14), each as {@link #insert}.
     *
     * @return the indexes of those whose application had a withdrawal already
     */
    public java.util.Set<Integer> insertAll(List<Withdrawal> requested, Date now) {
        return MongoErrors.insertAllIfAbsent(withdrawals, requested.stream().map(w -> document(w, now)).toList());
    }

    /** The withdrawals of these ids, by id (one read). */
    public java.util.Map<String, Withdrawal> findAll(java.util.Collection<String> ids) {
        java.util.Map<String, Withdrawal> found = new java.util.HashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        for (Document d : withdrawals.find(Filters.in("_id", List.copyOf(new java.util.LinkedHashSet<>(ids))))) {
            found.put(d.getString("_id"), withdrawal(d));
        }
        return found;
    }

    private static Document document(Withdrawal w, Date now) {
        return new Document("_id", w.id()).append("applicationId", w.applicationId())
                .append("decisionId", w.decisionId()).append("reason", w.reason()).append("requestedBy", w.requestedBy())
                .append("state", w.state().name()).append("sourceEventId", w.sourceEventId()).append("sourceHash", w.sourceHash())
                .append("createdAt", now).append(Outbox.FIELD, List.of()).append(Outbox.SEQUENCE_FIELD, 0L);
    }

    public Optional<Withdrawal> find(String id) {
        return Optional.ofNullable(withdrawals.find(Filters.eq("_id", id)).first()).map(WithdrawalRepository::withdrawal);
    }

    /**
     * Of these applications, those with a withdrawal that was not refused (pending or accepted: a refused one leaves the
     * orders alone), in one read. The only rule of what is withdrawn: every order path asks it here.
     */
    public java.util.Set<String> withdrawnAmong(List<String> applicationIds) {
        java.util.Set<String> withdrawn = new java.util.HashSet<>();
        if (applicationIds.isEmpty()) {
            return withdrawn;
        }
        for (Document d : withdrawals.find(Filters.in("_id", applicationIds.stream().map(WithdrawalRepository::idFor).toList()))) {
            if (!WithdrawalState.REFUSED.name().equals(d.getString("state"))) {
                withdrawn.add(d.getString("applicationId"));
            }
        }
        return withdrawn;
    }

    public List<Withdrawal> pending() {
        List<Withdrawal> result = new ArrayList<>();
        for (Document d : withdrawals.find(Filters.eq("state", WithdrawalState.PENDING.name()))) {
            result.add(withdrawal(d));
        }
        return result;
    }

    /** PENDING -> the outcome, with its events; false when another writer decided it first. */
    public boolean decide(String id, WithdrawalState outcome, List<Document> outbox, Date now) {
        String state = WithdrawalState.PENDING.moveTo(outcome).name();
        var update = outbox.isEmpty() ? Updates.combine(Updates.set("state", state), Updates.set("decidedAt", now))
                : Updates.combine(Updates.set("state", state), Updates.set("decidedAt", now), Outbox.append(outbox));
        return withdrawals.updateOne(Filters.and(Filters.eq("_id", id), Filters.eq("state", WithdrawalState.PENDING.name())), update)
                .getModifiedCount() == 1;
    }

    private static Withdrawal withdrawal(Document d) {
        return new Withdrawal(d.getString("_id"), d.getString("applicationId"), d.getString("decisionId"), d.getString("reason"),
                d.getString("requestedBy"), WithdrawalState.valueOf(d.getString("state")), d.getString("sourceEventId"), d.getString("sourceHash"),
                Outbox.lastSequence(d));
    }
}
