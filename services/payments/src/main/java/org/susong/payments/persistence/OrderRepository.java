package org.susong.payments.persistence;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.susong.commons.messaging.Outbox;
import org.susong.commons.messaging.OutboxConfig;
import org.susong.commons.messaging.OutboxFullException;
import org.susong.commons.money.Money;
import org.susong.commons.persistence.MongoErrors;
import org.susong.payments.domain.OrderState;
import org.susong.payments.domain.PaymentOrder;

/**
 * Payment orders, one document per approved decision ({@code _id = PO-<decisionId>}), each with
 * the event that caused it (id + payload hash) and its own outbox. Every transition is a
 * conditional update on the current state, so N replicas running the same step do it once.
 */
@ApplicationScoped
public class OrderRepository {

    public static final String COLLECTION = "payment_orders";

    private final MongoCollection<Document> orders;
    private final int outboxMax;

    OrderRepository(MongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database,
                    OutboxConfig outbox) {
        this.orders = mongo.getDatabase(database).getCollection(COLLECTION);
        this.outboxMax = outbox.outboxMaxPending();
    }

    /** A stored order with its event sequence and the hash of the event that created it. */
    public record Stored(PaymentOrder order, long lastSequence, String sourceEventId, String sourceHash, Date updatedAt) {
    }

    /** False when the decision already has its order. */
    public boolean insert(PaymentOrder order, String sourceEventId, String sourceHash, Date now) {
        return MongoErrors.insertIfAbsent(orders, toDocument(order).append("sourceEventId", sourceEventId).append("sourceHash", sourceHash)
                    .append("createdAt", now).append("updatedAt", now).append(Outbox.SEQUENCE_FIELD, 0L)
                    .append(Outbox.FIELD, List.of()));
    }

    /**
     * Moves an order from one state to the next and appends the transition's events, in one write.
     *
     * @return false when the order was no longer in {@code from} (another replica did it)
     * @throws OutboxFullException when the order's outbox is full (the broker is not draining it)
     */
    public boolean transition(PaymentOrder next, OrderState from, List<Document> outbox, Date now) {
        Bson filter = Filters.and(Filters.eq("_id", next.id()), Filters.eq("state", from.name()),
                Outbox.hasRoom(outboxMax, outbox.size()));
        List<Bson> updates = new ArrayList<>();
        updates.add(Updates.set("state", next.state().name()));
        updates.add(Updates.set("noticeEndsAt", next.noticeEndsAt() == null ? null : Date.from(next.noticeEndsAt())));
        updates.add(Updates.set("bankReference", next.bankReference()));
        updates.add(Updates.set("updatedAt", now));
        if (!outbox.isEmpty()) {
            updates.add(Outbox.append(outbox));
        }
        if (orders.updateOne(filter, Updates.combine(updates)).getModifiedCount() == 1) {
            return true;
        }
        Document current = orders.find(Filters.eq("_id", next.id())).first();
        if (current != null && from.name().equals(current.getString("state")) && Outbox.pending(current) + outbox.size() > outboxMax) {
            throw new OutboxFullException(next.id());
        }
        return false;
    }

    public Optional<Stored> find(String id) {
        return Optional.ofNullable(orders.find(Filters.eq("_id", id)).first()).map(OrderRepository::stored);
    }

    public List<Stored> inState(OrderState state, int limit) {
        List<Stored> result = new ArrayList<>();
        for (Document d : orders.find(Filters.eq("state", state.name())).sort(Sorts.ascending("createdAt")).limit(limit)) {
            result.add(stored(d));
        }
        return result;
    }

    public List<PaymentOrder> forApplication(String applicationId) {
        List<PaymentOrder> result = new ArrayList<>();
        for (Document d : orders.find(Filters.eq("applicationId", applicationId))) {
            result.add(fromDocument(d));
        }
        return result;
    }

    private static Stored stored(Document d) {
        return new Stored(fromDocument(d), Outbox.lastSequence(d), d.getString("sourceEventId"), d.getString("sourceHash"),
                d.getDate("updatedAt"));
    }

    private static Document toDocument(PaymentOrder o) {
        return new Document("_id", o.id()).append("decisionId", o.decisionId()).append("applicationId", o.applicationId())
                .append("beneficiaryUscc", o.beneficiaryUscc()).append("measureCode", o.measureCode())
                .append("fiscalYear", o.fiscalYear()).append("district", o.district()).append("amountFen", o.amount().fen())
                .append("state", o.state().name()).append("budgetLine", o.budgetLineId())
                .append("noticeEndsAt", o.noticeEndsAt() == null ? null : Date.from(o.noticeEndsAt()))
                .append("bankReference", o.bankReference());
    }

    private static PaymentOrder fromDocument(Document d) {
        Date notice = d.getDate("noticeEndsAt");
        return new PaymentOrder(d.getString("_id"), d.getString("decisionId"), d.getString("applicationId"),
                d.getString("beneficiaryUscc"), d.getString("measureCode"), d.getInteger("fiscalYear"),
                d.getString("district"), Money.ofFen(d.get("amountFen", Number.class).longValue()),
                OrderState.valueOf(d.getString("state")), notice == null ? null : notice.toInstant(),
                d.getString("bankReference"));
    }
}
