package org.susong.payments.persistence;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.susong.payments.domain.JournalEntry;

/**
 * Reads the journal: the entries kept on the documents that moved money (orders, allocations,
 * recoveries). Raw documents, so that the invariant check can also report an entry that does not balance.
 */
@ApplicationScoped
public class JournalRepository {

    static final List<String> COLLECTIONS = List.of(OrderRepository.COLLECTION, AllocationRepository.COLLECTION,
            RecoveryRepository.COLLECTION, CallEnvelopeRepository.COLLECTION);

    private final MongoDatabase database;

    JournalRepository(MongoDatabase database) {
        this.database = database;
    }

    /**
     * One entry with the collection it was found in: {@code entry} when it reads as a journal entry, else
     * {@code problem} ("its id: why it does not read", e.g. it does not balance).
     */
    public record RawEntry(String collection, JournalEntry entry, String problem) {
    }

    public List<RawEntry> all() {
        List<RawEntry> entries = new ArrayList<>();
        for (String collection : COLLECTIONS) {
            for (Document d : database.getCollection(collection).find(Filters.exists(Journals.FIELD + ".0"))
                    .projection(Projections.include(Journals.FIELD))) {
                for (Document e : d.getList(Journals.FIELD, Document.class, List.of())) {
                    entries.add(read(collection, e));
                }
            }
        }
        return entries;
    }

    /** One stored entry decoded, or the reason it cannot be, prefixed with its id (the ledger check lists it). */
    static RawEntry read(String collection, Document e) {
        try {
            return new RawEntry(collection, Journals.fromDocument(e), null);
        } catch (IllegalArgumentException ex) {
            return new RawEntry(collection, null, e.getString("id") + ": " + ex.getMessage());
        }
    }
}
