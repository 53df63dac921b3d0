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

    /** A unique index refused the write: the thing keyed by that id already exists. */
    public static boolean isDuplicateKey(MongoException e) {
        if (e instanceof MongoWriteException write) {
            return write.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
        }
        return e.getCode() == 11000;
    }
}
