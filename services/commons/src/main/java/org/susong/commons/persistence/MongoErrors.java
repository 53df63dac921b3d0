package org.susong.commons.persistence;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import org.bson.Document;

/** Reading MongoDB failures the same way everywhere. */
public final class MongoErrors {

    private MongoErrors() {
    }

    /**
     * Inserts the document unless one with the same id (or unique key) exists: the create-keyed-by-a-
     * deterministic-id half of idempotency (architecture rule 3, docs/architecture.md#rule-3).
     *
     * @return true when inserted, false when the key was taken
     */
    public static boolean insertIfAbsent(MongoCollection<Document> collection, Document document) {
        try {
            collection.insertOne(document);
            return true;
        } catch (MongoException e) {
            if (isDuplicateKey(e)) {
                return false;
            }
            throw e;
        }
    }

    /**
     * {@link #insertIfAbsent} for many documents in one unordered bulk insert (one round trip): each document is inserted
     * unless its id (or unique key) is taken, independently of the others, so a batch redelivered after a crash in the
     * middle of this write inserts exactly the documents the crash left out. A write concern error (not known to be
     * durable) is a {@link org.susong.commons.messaging.TransientFailure}: the caller's retry inserts again, idempotently.
     *
     * @return the indexes (in {@code documents}) of the documents whose key was taken
     */
    public static java.util.Set<Integer> insertAllIfAbsent(MongoCollection<Document> collection,
                                                           java.util.List<Document> documents) {
        if (documents.isEmpty()) {
            return java.util.Set.of();
        }
        try {
            collection.insertMany(documents, new com.mongodb.client.model.InsertManyOptions().ordered(false));
            return java.util.Set.of();
        } catch (com.mongodb.MongoBulkWriteException e) {
            return refusedByUniqueIndex(e, "inserting " + documents.size() + " documents into "
                    + collection.getNamespace().getCollectionName());
        }
    }

    /**
     * {@code writes} (inserts, updates, deletes) in one unordered bulk write, each applied or refused independently of the
     * others. What a unique index refused is answered, not thrown (an insert of a key another writer took: the caller
     * reads again); a write concern error (not known to be durable) is a
     * {@link org.susong.commons.messaging.TransientFailure}, as in {@link #insertAllIfAbsent}; any other refusal is thrown.
     *
     * @return the indexes (in {@code writes}) of the writes a unique index refused
     */
    public static <T> java.util.Set<Integer> bulkWriteUnordered(MongoCollection<T> collection,
                                                                java.util.List<? extends com.mongodb.client.model.WriteModel<? extends T>> writes) {
        if (writes.isEmpty()) {
            return java.util.Set.of();
        }
        try {
            collection.bulkWrite(writes, new com.mongodb.client.model.BulkWriteOptions().ordered(false));
            return java.util.Set.of();
        } catch (com.mongodb.MongoBulkWriteException e) {
            return refusedByUniqueIndex(e, "writing " + writes.size() + " documents of "
                    + collection.getNamespace().getCollectionName());
        }
    }

    /**
     * How an unordered bulk write failed: a refusal other than a duplicate key is {@code e} itself (a validation failure
     * fails every retry: {@code EventConsumer.isTransient} dead-letters it, write concern error or not); else a write
     * concern error (not known to be durable, even when every write error is a duplicate key or there is none) is a
     * {@link org.susong.commons.messaging.TransientFailure} ({@link #requireDurable}); otherwise the indexes of the writes
     * a unique index refused.
     */
    static java.util.Set<Integer> refusedByUniqueIndex(com.mongodb.MongoBulkWriteException e, String what) {
        java.util.Set<Integer> existing = new java.util.HashSet<>();
        for (var error : e.getWriteErrors()) {
            if (error.getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            existing.add(error.getIndex());
        }
        requireDurable(e, what);
        return existing;
    }

    /**
     * For a caller that reads back what a failed bulk write applied (a guarded bulk of moves, marked by a token): a write
     * concern error means what it reads back is not known to be durable, so it is a
     * {@link org.susong.commons.messaging.TransientFailure} (the call is retried; the guards make the retry idempotent),
     * as insertOne's MongoWriteConcernException is. Nothing happens without one.
     */
    public static void requireDurable(com.mongodb.MongoBulkWriteException e, String what) {
        if (e.getWriteConcernError() != null) {
            throw new org.susong.commons.messaging.TransientFailure(what + ": write concern not satisfied", e);
        }
    }

    /**
     * A projection's "the newer wins" write: {@code update} the document {@code filter} finds (its id and a guard that
     * the stored version is older), inserting it when there is none. When the filter misses because a newer version is
     * kept, the insert fails on the id; when two first writes race, the loser's insert fails too although its version
     * may be the newer - so on a duplicate key the conditional update alone, without the insert, decides.
     *
     * @return whether this version was written
     */
    public static boolean upsertIfNewer(MongoCollection<Document> collection, org.bson.conversions.Bson filter,
                                        org.bson.conversions.Bson update) {
        try {
            com.mongodb.client.result.UpdateResult result = collection.updateOne(filter, update,
                    new com.mongodb.client.model.UpdateOptions().upsert(true));
            return result.getModifiedCount() == 1 || result.getUpsertedId() != null;
        } catch (MongoException e) {
            if (!isDuplicateKey(e)) {
                throw e;
            }
            return collection.updateOne(filter, update).getModifiedCount() == 1;
        }
    }

    /**
     * A unique index refused the write: the thing keyed by that id already exists. For a bulk write: every write error
     * is a duplicate key and the write concern was satisfied. An unordered bulk has then written all its other
     * documents; an ordered one stopped at the first refusal, so a caller of an ordered bulk must not read this as
     * "all done".
     */
    public static boolean isDuplicateKey(MongoException e) {
        if (e instanceof MongoWriteException write) {
            return write.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
        }
        if (e instanceof com.mongodb.MongoBulkWriteException bulk) {
            return bulk.getWriteConcernError() == null && onlyDuplicateKeys(bulk);
        }
        return e.getCode() == 11000;
    }

    /** The bulk write was refused on at least one document, and only by a unique index (its write concern aside). */
    public static boolean onlyDuplicateKeys(com.mongodb.MongoBulkWriteException bulk) {
        return !bulk.getWriteErrors().isEmpty() && bulk.getWriteErrors().stream()
                .allMatch(w -> ErrorCategory.fromErrorCode(w.getCode()) == ErrorCategory.DUPLICATE_KEY);
    }
}
