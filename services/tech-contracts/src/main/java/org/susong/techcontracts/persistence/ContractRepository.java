package org.susong.techcontracts.persistence;

import static org.susong.techcontracts.persistence.ContractCodec.DUPLICATE_KEY;
import static org.susong.techcontracts.persistence.ContractCodec.REGISTRATION_NUMBER;
import static org.susong.techcontracts.persistence.ContractCodec.REVIEW_DUE_ON;
import static org.susong.techcontracts.persistence.ContractCodec.STATS;

import com.mongodb.MongoException;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Updates;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.susong.commons.idempotency.IdempotencyRecords;
import org.susong.commons.ids.District;
import org.susong.commons.messaging.Outbox;
import org.susong.commons.messaging.OutboxConfig;
import org.susong.commons.messaging.OutboxFullException;
import org.susong.commons.persistence.MongoErrors;
import org.susong.techcontracts.domain.TechContract;

/**
 * Technology contracts, one document each with its outbox. Every change is one atomic write of
 * that document: the new state, its outgoing events, the version and, for a refused or cancelled
 * contract, the removal of its duplicate key (which lets the same contract be submitted again).
 */
@ApplicationScoped
public class ContractRepository {

    public static final String COLLECTION = "contracts";

    /** A contract as loaded, with what the next write needs. */
    public record Stored(TechContract contract, long version, long lastSequence) {
    }

    /** Where a page of overdue reviews ends: the deadline and id of its last contract. */
    public record After(LocalDate dueOn, String id) {
    }

    /** How a conditional write ended. */
    public enum WriteResult {
        WRITTEN,
        /** Another writer changed the contract since it was loaded. */
        CONFLICT,
        /** A unique index refused it: the duplicate key (or number) belongs to another contract. */
        DUPLICATE
    }

    private final MongoCollection<Document> contracts;
    private final OutboxConfig outbox;

    ContractRepository(MongoDatabase database,
                       OutboxConfig outbox) {
        this.contracts = database.getCollection(COLLECTION);
        this.outbox = outbox;
    }

    void indexes(@Observes StartupEvent event) {
        // Both keys are absent on some contracts (submitted ones have no number; refused and cancelled
        // ones give up their duplicate key), so the unique indexes are sparse. The first slice made them
        // non-sparse: replace those. Look-ups must filter on exactly {duplicateKey} or
        // {registrationNumber} for the local store to use these indexes.
        for (Document index : contracts.listIndexes()) {
            Document key = index.get("key", Document.class);
            boolean ours = key.containsKey(DUPLICATE_KEY) || key.containsKey(REGISTRATION_NUMBER);
            if (ours && !index.getBoolean("sparse", false)) {
                contracts.dropIndex(index.getString("name"));
            }
        }
        contracts.createIndex(Indexes.ascending(DUPLICATE_KEY), new IndexOptions().unique(true).sparse(true));
        contracts.createIndex(Indexes.ascending(REGISTRATION_NUMBER), new IndexOptions().unique(true).sparse(true));
        // one contract per (acting party, Idempotency-Key) of POST /contracts
        IdempotencyRecords.index(contracts);
    }

    /**
     * Inserts a new contract with its first outbox entries in one write.
     *
     * @return false when a unique index refused it (the same contract, or the same number, exists)
     */
    public boolean insert(TechContract contract, List<Document> entries) {
        return insert(contract, entries, null);
    }

    /**
     * {@link #insert(TechContract, List)} with the Idempotency-Key record of the request that filed it, in the same write.
     *
     * @return false when a unique index refused it (the same contract, number or key exists)
     */
    public boolean insert(TechContract contract, List<Document> entries, IdempotencyRecords.Record idempotency) {
        Document document = newDocument(contract, entries);
        if (idempotency != null) {
            idempotency.appendTo(document);
        }
        return MongoErrors.insertIfAbsent(contracts, document);
    }

    /**
     * The answer kept with a live Idempotency-Key record (a record past its retention is forgotten here); 422 naming
     * {@code Idempotency-Key} when {@code requestHash} is not the body the key filed.
     */
    public Optional<IdempotencyRecords.Replayed> replay(String scopedKey, String requestHash, Instant now) {
        return IdempotencyRecords.replay(contracts, scopedKey, requestHash, now, "contractId");
    }

    /** Forgets Idempotency-Key records past their retention; the contracts stay. Returns how many. */
    public long purgeIdempotency(Instant now) {
        return IdempotencyRecords.purge(contracts, now);
    }

    /** A new contract and the outbox entries of its first events (commons {@code Outbox.entries}). */
    public record NewContract(TechContract contract, List<Document> entries) {
    }

    /**
     * Inserts many new contracts (bulk registration), unordered: each is still one atomic document. Not known to be
     * durable (a write concern error): a {@code TransientFailure} (commons {@code MongoErrors.insertAllIfAbsent}), so
     * the bulk registration reports the chunk's rows NOT_STORED (run again), never registered.
     *
     * @return the positions in {@code batch} that a unique index refused
     */
    public Set<Integer> insertAll(List<NewContract> batch) {
        List<Document> documents = new ArrayList<>(batch.size());
        for (NewContract item : batch) {
            documents.add(newDocument(item.contract(), item.entries()));
        }
        return MongoErrors.insertAllIfAbsent(contracts, documents);
    }

    /**
     * Replaces the state of a loaded contract and appends its events, if nobody changed it since.
     * (On the local store the {_id, version} filter scans the collection: see the canvas.)
     */
    public WriteResult update(Stored loaded, TechContract next, List<Document> entries) {
        Document state = ContractCodec.state(next);
        List<Bson> updates = new ArrayList<>();
        for (Map.Entry<String, Object> field : state.entrySet()) {
            updates.add(field.getValue() == null ? Updates.unset(field.getKey())
                    : Updates.set(field.getKey(), field.getValue()));
        }
        for (String optional : List.of(DUPLICATE_KEY, REGISTRATION_NUMBER, REVIEW_DUE_ON, STATS)) {
            if (!state.containsKey(optional)) {
                updates.add(Updates.unset(optional));
            }
        }
        updates.add(Updates.inc("version", 1L));
        if (!entries.isEmpty()) {
            updates.add(Outbox.append(entries));
        }
        Bson filter = Filters.and(Filters.eq("_id", next.id()), Filters.eq("version", loaded.version()),
                Outbox.hasRoom(outbox.outboxMaxPending(), entries.size()));
        try {
            if (contracts.updateOne(filter, Updates.combine(updates)).getModifiedCount() == 1) {
                return WriteResult.WRITTEN;
            }
        } catch (MongoException e) {
            if (MongoErrors.isDuplicateKey(e)) {
                return WriteResult.DUPLICATE;
            }
            throw e;
        }
        Optional<Stored> now = find(next.id());
        if (now.isPresent() && now.get().version() == loaded.version()) {
            throw new OutboxFullException("the outbox of " + next.id() + " is full; the broker may be down");
        }
        return WriteResult.CONFLICT;
    }

    /** The id of the contract holding this duplicate key (submitted or registered), if any. */
    public Optional<String> findIdByDuplicateKey(String duplicateKey) {
        return Optional.ofNullable(contracts.find(Filters.eq(DUPLICATE_KEY, duplicateKey))
                .projection(Projections.include("_id")).first()).map(d -> d.getString("_id"));
    }

    /** The id of the contract registered under this number, if any. */
    public Optional<String> findIdByRegistrationNumber(String number) {
        return Optional.ofNullable(contracts.find(Filters.eq(REGISTRATION_NUMBER, number))
                .projection(Projections.include("_id")).first()).map(d -> d.getString("_id"));
    }

    public Optional<Stored> find(String id) {
        return Optional.ofNullable(contracts.find(Filters.eq("_id", id)).first()).map(d -> new Stored(
                ContractCodec.contract(d), d.get("version", Number.class).longValue(), Outbox.lastSequence(d)));
    }

    /**
     * Contracts whose open review (submission or amendment) should have ended before {@code today},
     * oldest deadline first (ties by id); only the seller district's when one is given (filtered before
     * the limit); after {@code after} (the last contract of the previous page) when given.
     */
    public List<TechContract> overdue(LocalDate today, Optional<District> district, Optional<After> after, int limit) {
        List<TechContract> found = new ArrayList<>();
        List<Bson> filters = new ArrayList<>(List.of(Filters.lt(REVIEW_DUE_ON, today.toString())));
        district.ifPresent(d -> filters.add(Filters.eq(ContractCodec.SELLER_DISTRICT, d.name())));
        after.ifPresent(last -> filters.add(Filters.or(Filters.gt(REVIEW_DUE_ON, last.dueOn().toString()),
                Filters.and(Filters.eq(REVIEW_DUE_ON, last.dueOn().toString()), Filters.gt("_id", last.id())))));
        contracts.find(Filters.and(filters)).sort(new Document(REVIEW_DUE_ON, 1).append("_id", 1)).limit(limit)
                .forEach(d -> found.add(ContractCodec.contract(d)));
        return found;
    }

    /** Contracts still carrying unpublished events (benchmarks: has the outbox drained?). */
    public long withPendingEvents() {
        return contracts.countDocuments(Filters.exists(Outbox.FIELD + ".0", true));
    }

    private static Document newDocument(TechContract contract, List<Document> entries) {
        Document document = new Document("_id", contract.id());
        // absent rather than null: smaller documents are written (and scanned) faster by the local store
        ContractCodec.state(contract).forEach((field, value) -> {
            if (value != null && !(value instanceof List<?> list && list.isEmpty())) {
                document.append(field, value);
            }
        });
        document.append("version", 1L);
        document.putAll(Outbox.initialFields(entries));
        return document;
    }
}
