package org.susong.techcontracts.persistence;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.susong.commons.ids.District;
import org.susong.commons.ids.Uscc;
import org.susong.commons.messaging.Outbox;
import org.susong.commons.money.Money;
import org.susong.commons.persistence.MongoErrors;
import org.susong.techcontracts.domain.ContractStatus;
import org.susong.techcontracts.domain.ContractTerms;
import org.susong.techcontracts.domain.ContractType;
import org.susong.techcontracts.domain.RegistrationNumber;
import org.susong.techcontracts.domain.TechContract;

/**
 * Technology contracts, one document each with its outbox. Dates are kept as ISO strings: a
 * signing date is a calendar date, not an instant, and must not shift with a time zone.
 */
@ApplicationScoped
public class ContractRepository {

    public static final String COLLECTION = "contracts";
    static final String DUPLICATE_KEY = "duplicateKey";
    static final String REGISTRATION_NUMBER = "registrationNumber";

    private final MongoCollection<Document> contracts;

    ContractRepository(MongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database) {
        this.contracts = mongo.getDatabase(database).getCollection(COLLECTION);
    }

    void indexes(@Observes StartupEvent event) {
        // the duplicate guard: two concurrent registrations of the same contract cannot both land.
        // Look-ups must filter on exactly {duplicateKey} for the local store to use this index.
        contracts.createIndex(Indexes.ascending(DUPLICATE_KEY), new IndexOptions().unique(true));
        // a registration number is issued once, whatever happens to the counter
        contracts.createIndex(Indexes.ascending(REGISTRATION_NUMBER), new IndexOptions().unique(true));
    }

    /**
     * Inserts the contract with its first outbox entries in one write.
     *
     * @return false when a unique index refused it (the same contract, or the same number, exists)
     */
    public boolean insert(TechContract contract, List<Document> outbox) {
        Document document = toDocument(contract).append("version", 1L);
        document.putAll(Outbox.initialFields(outbox));
        return MongoErrors.insertIfAbsent(contracts, document);
    }

    /** The id of the contract registered with these parties, date and amounts, if any. */
    public Optional<String> findIdByDuplicateKey(String duplicateKey) {
        return Optional.ofNullable(contracts.find(Filters.eq(DUPLICATE_KEY, duplicateKey))
                .projection(Projections.include("_id")).first()).map(d -> d.getString("_id"));
    }

    public Optional<TechContract> find(String id) {
        return Optional.ofNullable(contracts.find(Filters.eq("_id", id)).first()).map(ContractRepository::fromDocument);
    }

    private static Document toDocument(TechContract c) {
        ContractTerms t = c.terms();
        return new Document("_id", c.id())
                .append(REGISTRATION_NUMBER, c.registrationNumber().value())
                .append("status", c.status().name())
                .append("title", t.title())
                .append("type", t.type().name())
                .append("sellerUscc", t.seller().value())
                .append("buyerUscc", t.buyer().value())
                .append("sellerDistrict", t.sellerDistrict().name())
                .append("signingDate", t.signingDate().toString())
                .append("contractAmountFen", t.contractAmount().fen())
                .append("technicalTransactionAmountFen", t.technicalTransactionAmount().fen())
                .append("registeredOn", c.registeredOn().toString())
                .append("registeredAt", Date.from(c.registeredAt()))
                .append("registeredBy", c.registeredBy())
                .append(DUPLICATE_KEY, t.duplicateKey());
    }

    static TechContract fromDocument(Document d) {
        ContractTerms terms = new ContractTerms(d.getString("title"), ContractType.valueOf(d.getString("type")),
                new Uscc(d.getString("sellerUscc")), new Uscc(d.getString("buyerUscc")),
                District.valueOf(d.getString("sellerDistrict")), LocalDate.parse(d.getString("signingDate")),
                Money.ofFen(d.get("contractAmountFen", Number.class).longValue()),
                Money.ofFen(d.get("technicalTransactionAmountFen", Number.class).longValue()));
        return new TechContract(d.getString("_id"), new RegistrationNumber(d.getString(REGISTRATION_NUMBER)), terms,
                ContractStatus.valueOf(d.getString("status")), LocalDate.parse(d.getString("registeredOn")),
                d.getDate("registeredAt").toInstant(), d.getString("registeredBy"));
    }
}
