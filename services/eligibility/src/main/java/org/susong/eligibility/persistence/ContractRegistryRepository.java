package org.susong.eligibility.persistence;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.susong.commons.persistence.MongoErrors;

/**
 * Eligibility's projection of the technology-contract registry (tech-contracts' events), one document
 * per registration number ({@code _id}): contract id, state ({@code REGISTERED} | {@code CANCELLED}),
 * seller and buyer USCC, technical transaction amount, registration date, last amendment number applied.
 * Written only by the {@code contracts-in} consumer (one partition per contract: its events in order);
 * read when a B3b application is decided.
 */
@ApplicationScoped
public class ContractRegistryRepository {

    public static final String COLLECTION = "tech_contracts";

    private final MongoCollection<Document> contracts;

    ContractRegistryRepository(MongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database) {
        this.contracts = mongo.getDatabase(database).getCollection(COLLECTION);
    }

    public Optional<Document> find(String registrationNumber) {
        return Optional.ofNullable(contracts.find(Filters.eq("_id", registrationNumber)).first());
    }

    /** A registration; a redelivery (or a registration after its cancellation was projected) changes nothing. */
    public boolean insertIfAbsent(Document contract) {
        return MongoErrors.insertIfAbsent(contracts, contract);
    }

    /** Applies an amendment numbered {@code amendmentNumber} once, in order, to a registered contract. */
    public boolean amend(String contractId, int amendmentNumber, Bson changes) {
        return contracts.updateOne(Filters.and(Filters.eq("contractId", contractId), Filters.eq("state", "REGISTERED"),
                        Filters.lt("amendmentNumber", amendmentNumber)),
                Updates.combine(changes, Updates.set("amendmentNumber", amendmentNumber))).getModifiedCount() == 1;
    }

    /** Marks the contract cancelled; false when no projected contract has this id. */
    public boolean cancel(String contractId, Bson changes) {
        return contracts.updateOne(Filters.eq("contractId", contractId),
                Updates.combine(Updates.set("state", "CANCELLED"), changes)).getMatchedCount() == 1;
    }
}
