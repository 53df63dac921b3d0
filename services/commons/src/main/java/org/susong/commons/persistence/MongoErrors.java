package org.susong.commons.persistence;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoException;
import com.mongodb.MongoWriteException;

/** Reading MongoDB failures the same way everywhere. */
public final class MongoErrors {

    private MongoErrors() {
    }

    /** A unique index refused the write: the thing keyed by that id already exists. */
    public static boolean isDuplicateKey(MongoException e) {
        if (e instanceof MongoWriteException write) {
            return write.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
        }
        return e.getCode() == 11000;
    }
}
