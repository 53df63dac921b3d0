package org.susong.payments.persistence;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Reads the journal: the entries kept on the documents that moved money (orders, allocations,
 * recoveries). Raw documents, so that the invariant check can also report an entry that does not balance.
 */
@ApplicationScoped
public class JournalRepository {

    static final List<String> COLLECTIONS = List.of(OrderRepository.COLLECTION, AllocationRepository.COLLECTION,
            RecoveryRepository.COLLECTION, CallEnvelopeRepository.COLLECTION);

    private final MongoDatabase database;

    JournalRepository(MongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database) {
        this.database = mongo.getDatabase(database);
    }

    /** One raw entry with the collection it was found in. */
    public record RawEntry(String collection, Document entry) {
    }

    public List<RawEntry> all() {
        List<RawEntry> entries = new ArrayList<>();
        for (String collection : COLLECTIONS) {
            for (Document d : database.getCollection(collection).find(Filters.exists(Journals.FIELD + ".0"))
                    .projection(Projections.include(Journals.FIELD))) {
                for (Document e : d.getList(Journals.FIELD, Document.class, List.of())) {
                    entries.add(new RawEntry(collection, e));
                }
            }
        }
        return entries;
    }
}
