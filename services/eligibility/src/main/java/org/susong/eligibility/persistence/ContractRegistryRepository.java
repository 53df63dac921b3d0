package org.susong.eligibility.persistence;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoException;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.susong.commons.persistence.MongoErrors;

/**
 * Eligibility's projection of the technology-contract registry (tech-contracts' events), one document
 * per registration number ({@code _id}): contract id, state ({@code REGISTERED} | {@code CANCELLED}),
 * seller and buyer USCC, technical transaction amount and registration date as registered, every
 * amendment received ({@code amendments.<n>}: the terms after it) and the cancellation. Each event is
 * <b>one upsert</b> on the registration number that keeps what the others wrote, so the events can
 * arrive in any order (a registration dead-lettered and replayed after its amendment or cancellation,
 * two channels or replicas at once) and the document ends the same. Written by the {@code contracts-in}
 * and {@code replay-in} consumers; read when a B3b application is decided and a registration rewarded.
 */
@ApplicationScoped
public class ContractRegistryRepository {

    public static final String COLLECTION = "tech_contracts";

    private final MongoCollection<Document> contracts;

    ContractRegistryRepository(MongoDatabase database) {
        this.contracts = database.getCollection(COLLECTION);
    }

    public Optional<RegisteredContract> find(String registrationNumber) {
        return Optional.ofNullable(contracts.find(Filters.eq("_id", registrationNumber)).first())
                .map(RegisteredContract::fromMap);
    }

    /**
     * A registration: the registration date and contract id, and - unless an amendment or cancellation
     * came first and holds them - the state {@code REGISTERED}, parties and amount. A redelivery changes
     * nothing; a cancellation projected before stays (the state is never set back).
     */
    public void registered(String number, String eventId, String contractId, String sellerUscc, String buyerUscc,
                           long technicalFen, String registeredOn, Date at) {
        upsert(number, registration(number, eventId, contractId, sellerUscc, buyerUscc, technicalFen, registeredOn, at));
    }

    /** A registration as one of a batch: the same upsert as {@link #registered}. */
    public record Registration(String number, String eventId, String contractId, String sellerUscc, String buyerUscc,
                               long technicalFen, String registeredOn) {
    }

    /**
     * The registrations of a batch (issue 14 item 2): the upserts of {@link #registered}, in their order, as one
     * ordered bulk write - two registrations of one number apply in offset order. Each upsert is idempotent, so a
     * redelivered batch changes nothing; an insert that lost to another writer's on the key is written again (the
     * whole bulk: the upserts before it are no-ops the second time).
     */
    public void registeredAll(List<Registration> registrations, Date at) {
        if (registrations.isEmpty()) {
            return;
        }
        List<UpdateOneModel<Document>> writes = new ArrayList<>(registrations.size());
        for (Registration r : registrations) {
            writes.add(new UpdateOneModel<>(Filters.eq("_id", r.number()), registration(r.number(), r.eventId(),
                    r.contractId(), r.sellerUscc(), r.buyerUscc(), r.technicalFen(), r.registeredOn(), at),
                    new UpdateOptions().upsert(true)));
        }
        try {
            contracts.bulkWrite(writes, new BulkWriteOptions().ordered(true));
        } catch (MongoBulkWriteException e) {
            if (!MongoErrors.isDuplicateKey(e)) {
                throw e;
            }
            contracts.bulkWrite(writes, new BulkWriteOptions().ordered(true));
        }
    }

    private static Bson registration(String number, String eventId, String contractId, String sellerUscc,
                                     String buyerUscc, long technicalFen, String registeredOn, Date at) {
        return Updates.combine(Updates.set("contractId", contractId), Updates.set("registeredOn", registeredOn),
                Updates.setOnInsert("registrationNumber", number), Updates.setOnInsert("state", "REGISTERED"),
                Updates.setOnInsert("sellerUscc", sellerUscc), Updates.setOnInsert("buyerUscc", buyerUscc),
                Updates.setOnInsert("technicalTransactionAmountFen", technicalFen),
                Updates.setOnInsert("amendmentNumber", 0), Updates.setOnInsert("causeEventId", eventId),
                Updates.setOnInsert("at", at));
    }

    /** An amendment, kept under its number whenever it comes (before the registration too); repeatable. */
    public void amended(String number, String eventId, String contractId, int amendmentNumber, long technicalFen,
                        String sellerUscc, String buyerUscc, Date at) {
        upsert(number, Updates.combine(Updates.set("amendments." + amendmentNumber, new Document("eventId", eventId)
                        .append("technicalTransactionAmountFen", technicalFen).append("sellerUscc", sellerUscc)
                        .append("buyerUscc", buyerUscc)), Updates.max("amendmentNumber", amendmentNumber),
                Updates.set("contractId", contractId), Updates.setOnInsert("registrationNumber", number),
                Updates.setOnInsert("state", "REGISTERED"), Updates.setOnInsert("causeEventId", eventId),
                Updates.setOnInsert("at", at)));
    }

    /**
     * A cancellation, in one write whether or not the registration was projected (a contract registered
     * before this projection existed, or whose registration is still to come, is recorded as cancelled
     * with the terms the cancellation states).
     */
    public void cancelled(String number, String eventId, String contractId, String cancelledOn, String reason,
                          String sellerUscc, String buyerUscc, long technicalFen, Date at) {
        upsert(number, Updates.combine(Updates.set("state", "CANCELLED"), Updates.set("cancelledOn", cancelledOn),
                Updates.set("cancelReason", reason), Updates.set("cancelEventId", eventId),
                Updates.set("contractId", contractId), Updates.setOnInsert("registrationNumber", number),
                Updates.setOnInsert("sellerUscc", sellerUscc), Updates.setOnInsert("buyerUscc", buyerUscc),
                Updates.setOnInsert("technicalTransactionAmountFen", technicalFen),
                Updates.setOnInsert("amendmentNumber", 0), Updates.setOnInsert("causeEventId", eventId),
                Updates.setOnInsert("at", at)));
    }

    /**
     * One upsert on the registration number. Two writers inserting the first document at once: the loser's
     * insert fails on the key, and its update is then applied to the document the winner inserted.
     */
    private void upsert(String number, Bson update) {
        Bson byNumber = Filters.eq("_id", number);
        try {
            contracts.updateOne(byNumber, update, new UpdateOptions().upsert(true));
        } catch (MongoException e) {
            if (!MongoErrors.isDuplicateKey(e)) {
                throw e;
            }
            contracts.updateOne(byNumber, update, new UpdateOptions().upsert(true));
        }
    }
}
