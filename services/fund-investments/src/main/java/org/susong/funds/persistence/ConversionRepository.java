package org.susong.funds.persistence;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.susong.commons.messaging.Outbox;
import org.susong.commons.persistence.MongoErrors;
import org.susong.funds.domain.Conversion;

/**
 * Conversions, one document each under payments' conversion id: the intent (PENDING), its outcome
 * and the outbox of its ConversionCompleted or ConversionRejected event. A delivery claims it
 * (PENDING -> APPLYING, with a time limit) before it moves the fund; each outcome is one conditional
 * write (only by the delivery holding the claim), so a redelivered request never publishes twice.
 */
@ApplicationScoped
public class ConversionRepository {

    public static final String COLLECTION = "conversions";
    static final String STATE = "state";
    static final String CLAIM = "claim";

    private final MongoCollection<Document> conversions;

    ConversionRepository(MongoDatabase database) {
        this.conversions = database.getCollection(COLLECTION);
    }

    /** Records the request PENDING under its id; false when the conversion is already there. */
    public boolean insertIfAbsent(Conversion conversion, Instant now) {
        Document document = toDocument(conversion).append("receivedAt", Date.from(now));
        document.putAll(Outbox.initialFields(List.of()));
        return MongoErrors.insertIfAbsent(conversions, document);
    }

    public Optional<Conversion> find(String id) {
        return Optional.ofNullable(conversions.find(Filters.eq("_id", id)).projection(Projections.exclude(Outbox.FIELD))
                .first()).map(ConversionRepository::fromDocument);
    }

    /**
     * Claims the conversion for {@code owner} until {@code until} (PENDING -> APPLYING, or a claim that
     * expired before {@code now} taken over). Answers the state it had, empty when it is finished or
     * another delivery's claim still holds.
     */
    public Optional<Conversion.ConversionState> claim(String id, String owner, Instant now, Instant until) {
        Document before = conversions.findOneAndUpdate(Filters.and(Filters.eq("_id", id), Filters.or(
                        Filters.eq(STATE, Conversion.ConversionState.PENDING.name()),
                        Filters.and(Filters.eq(STATE, Conversion.ConversionState.APPLYING.name()),
                                Filters.lt(CLAIM + ".until", Date.from(now))))),
                Updates.combine(Updates.set(STATE, Conversion.ConversionState.APPLYING.name()),
                        Updates.set(CLAIM, new Document("owner", owner).append("until", Date.from(until)))),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.BEFORE).projection(Projections.include(STATE)));
        return Optional.ofNullable(before).map(d -> Conversion.ConversionState.valueOf(d.getString(STATE)));
    }

    /** Extends the claim of {@code owner}; false when it no longer holds the conversion. */
    public boolean renew(String id, String owner, Instant until) {
        return conversions.updateOne(held(id, owner), Updates.set(CLAIM + ".until", Date.from(until)))
                .getModifiedCount() == 1;
    }

    /** COMPLETED with its position and event, if still claimed by {@code owner}; false otherwise. */
    public boolean complete(Conversion completed, String owner, List<Document> outbox) {
        return conversions.updateOne(held(completed.id(), owner), Updates.combine(Updates.unset(CLAIM),
                Updates.set(STATE, completed.state().name()),
                Updates.set("investmentId", completed.investmentId()),
                Updates.set("finishedAt", Date.from(completed.finishedAt())),
                Outbox.append(outbox))).getModifiedCount() == 1;
    }

    /** REJECTED with its reason and event, if still claimed by {@code owner}; false otherwise. */
    public boolean reject(Conversion rejected, String owner, List<Document> outbox) {
        return conversions.updateOne(held(rejected.id(), owner), Updates.combine(Updates.unset(CLAIM),
                Updates.set(STATE, rejected.state().name()),
                Updates.set("rejection", new Document("code", rejected.rejection().code().name())
                        .append("reason", rejected.rejection().reason())),
                Updates.set("finishedAt", Date.from(rejected.finishedAt())),
                Outbox.append(outbox))).getModifiedCount() == 1;
    }

    private static Bson held(String id, String owner) {
        return Filters.and(Filters.eq("_id", id), Filters.eq(STATE, Conversion.ConversionState.APPLYING.name()),
                Filters.eq(CLAIM + ".owner", owner));
    }

    static Document toDocument(Conversion c) {
        Conversion.Request r = c.request();
        return new Document("_id", c.id())
                .append(STATE, c.state().name())
                .append("request", new Document("conversionId", r.conversionId())
                        .append("orderId", r.orderId())
                        .append("decisionId", r.decisionId())
                        .append("applicationId", r.applicationId())
                        .append("beneficiaryUscc", r.beneficiaryUscc())
                        .append("measureCode", r.measureCode())
                        .append("fundCode", r.fundCode())
                        .append("amountFen", r.amountFen())
                        .append("district", r.district())
                        .append("fiscalYear", r.fiscalYear())
                        .append("requestedAt", Date.from(r.requestedAt()))
                        .append("beneficiaryStage", r.beneficiaryStage())
                        .append("beneficiaryField", r.beneficiaryField())
                        .append("eventId", r.eventId()));
    }

    static Conversion fromDocument(Document d) {
        Document r = d.get("request", Document.class);
        Conversion.Request request = new Conversion.Request(r.getString("conversionId"), r.getString("orderId"),
                r.getString("decisionId"), r.getString("applicationId"), r.getString("beneficiaryUscc"),
                r.getString("measureCode"), r.getString("fundCode"), r.get("amountFen", Number.class).longValue(),
                r.getString("district"), r.get("fiscalYear", Number.class).longValue(), r.getDate("requestedAt").toInstant(),
                r.getString("beneficiaryStage"), r.getString("beneficiaryField"), r.getString("eventId"));
        Document j = d.get("rejection", Document.class);
        Date finished = d.getDate("finishedAt");
        return new Conversion(d.getString("_id"), request, Conversion.ConversionState.valueOf(d.getString(STATE)),
                d.getString("investmentId"), j == null ? null
                : new Conversion.Rejection(Conversion.ReasonCode.valueOf(j.getString("code")), j.getString("reason")),
                finished == null ? null : finished.toInstant());
    }
}
