package org.susong.payments.persistence;

import com.mongodb.client.model.Indexes;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.susong.payments.domain.BankFile;
import org.susong.payments.domain.BankFileItem;
import org.susong.payments.domain.ReconciliationOutcome;
import org.susong.commons.persistence.MongoErrors;

/**
 * BankFile bank files (camt.053 statements, pain.002 status reports), one document per file
 * ({@code _id = <kind>:<message id>}) with its hash and its reconciliation report: importing the same
 * file again changes nothing; another file under the same id is refused.
 */
@ApplicationScoped
public class StatementRepository {

    private final MongoCollection<Document> statements;

    StatementRepository(MongoDatabase database) {
        this.statements = database.getCollection("bank_files");
    }

    /** Secondary indexes (issue 14): the statement items of an order (a multikey index), the files newest first. */
    void indexes(@Observes StartupEvent event) {
        statements.createIndex(Indexes.ascending("items.orderId"));
        statements.createIndex(Indexes.descending("importedAt"));
    }

    public boolean insert(BankFile i) {
        List<Document> items = new ArrayList<>();
        for (BankFileItem item : i.items()) {
            items.add(new Document("reference", item.reference()).append("endToEndId", item.endToEndId())
                    .append("kind", item.kind()).append("amountFen", item.amountFen()).append("orderId", item.orderId())
                    .append("outcome", item.outcome().name()));
        }
        return MongoErrors.insertIfAbsent(statements, new Document("_id", i.id()).append("kind", i.kind()).append("hash", i.hash())
                .append("importedAt", Date.from(i.importedAt())).append("importedBy", i.importedBy()).append("items", items));
    }

    /** The booking references (entry references) of the statement items that settled this order. */
    public java.util.Set<String> settledBy(String orderId) {
        java.util.Set<String> references = new java.util.HashSet<>();
        for (Document d : statements.find(Filters.elemMatch("items", Filters.and(Filters.eq("orderId", orderId),
                Filters.eq("outcome", ReconciliationOutcome.SETTLED.name()))))) {
            for (Document i : d.getList("items", Document.class, List.of())) {
                if (orderId.equals(i.getString("orderId")) && ReconciliationOutcome.SETTLED.name().equals(i.getString("outcome"))) {
                    references.add(i.getString("reference"));
                }
            }
        }
        return references;
    }

    public Optional<BankFile> find(String id) {
        return Optional.ofNullable(statements.find(Filters.eq("_id", id)).first()).map(StatementRepository::imported);
    }

    public List<BankFile> all() {
        List<BankFile> result = new ArrayList<>();
        for (Document d : statements.find().sort(Sorts.descending("importedAt"))) {
            result.add(imported(d));
        }
        return result;
    }

    private static BankFile imported(Document d) {
        List<BankFileItem> items = new ArrayList<>();
        for (Document i : d.getList("items", Document.class, List.of())) {
            items.add(new BankFileItem(i.getString("reference"), i.getString("endToEndId"), i.getString("kind"),
                    i.get("amountFen", Number.class).longValue(), i.getString("orderId"),
                    ReconciliationOutcome.valueOf(i.getString("outcome"))));
        }
        return new BankFile(d.getString("_id"), d.getString("kind"), d.getString("hash"), d.getDate("importedAt").toInstant(),
                d.getString("importedBy"), items);
    }
}
