package org.susong.commons.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;
import com.mongodb.ServerAddress;
import com.mongodb.WriteConcernResult;
import com.mongodb.WriteError;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.bulk.BulkWriteResult;
import com.mongodb.bulk.WriteConcernError;
import java.util.List;
import java.util.Set;
import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;
import org.susong.commons.messaging.EventConsumer;
import org.susong.commons.messaging.TransientFailure;

/**
 * A unique index refusing a write reads as a duplicate key whichever write refused it, a single one or a bulk; a bulk
 * write whose write concern was not satisfied is transient (retried in place) as a single write's is.
 */
class MongoErrorsTest {

    static final ServerAddress STORE = new ServerAddress("127.0.0.1", 27017);

    @Test
    void a_single_write_refused_by_a_unique_index_is_a_duplicate_key() {
        assertTrue(MongoErrors.isDuplicateKey(new MongoWriteException(
                new WriteError(11000, "E11000 duplicate key", new BsonDocument()), STORE, Set.of())));
        assertFalse(MongoErrors.isDuplicateKey(new MongoWriteException(
                new WriteError(121, "Document failed validation", new BsonDocument()), STORE, Set.of())));
    }

    @Test
    void a_bulk_write_whose_every_refusal_is_a_duplicate_key_is_a_duplicate_key() {
        assertTrue(MongoErrors.isDuplicateKey(bulk(null, 11000)));
        assertTrue(MongoErrors.isDuplicateKey(bulk(null, 11000, 11000)), "two documents of an unordered bulk");
    }

    @Test
    void a_bulk_write_with_another_refusal_or_a_write_concern_error_is_no_duplicate_key() {
        assertFalse(MongoErrors.isDuplicateKey(bulk(null, 11000, 121)), "a validation failure beside the duplicate");
        assertFalse(MongoErrors.isDuplicateKey(bulk(writeConcernError(), 11000)),
                "not known to be durable: the caller must not settle it as done");
        assertFalse(MongoErrors.isDuplicateKey(bulk(null)), "no write error at all");
    }

    @Test
    void a_bulk_write_whose_write_concern_was_not_satisfied_is_transient() {
        assertTrue(EventConsumer.isTransient(bulk(writeConcernError())));
        assertTrue(EventConsumer.isTransient(bulk(writeConcernError(), 11000)),
                "the retry finds the documents the first attempt wrote");
        assertTrue(EventConsumer.isTransient(new IllegalStateException("saving a batch", bulk(writeConcernError()))));
        assertTrue(EventConsumer.isTransient(new com.mongodb.MongoWriteConcernException(writeConcernError(),
                WriteConcernResult.unacknowledged(), STORE, Set.of())));
    }

    @Test
    void a_bulk_write_refused_for_another_reason_is_not_transient() {
        assertFalse(EventConsumer.isTransient(bulk(null, 121)));
        assertFalse(EventConsumer.isTransient(bulk(writeConcernError(), 121)),
                "a validation failure would fail every retry: the record is dead-lettered, not retried for ever");
    }

    @Test
    void an_unordered_bulk_write_not_known_durable_is_transient_even_with_no_or_only_duplicate_refusals() {
        TransientFailure none = assertThrows(TransientFailure.class,
                () -> MongoErrors.refusedByUniqueIndex(bulk(writeConcernError()), "inserting 2 documents into decisions"));
        assertEquals("inserting 2 documents into decisions: write concern not satisfied", none.getMessage());
        assertThrows(TransientFailure.class, () -> MongoErrors.refusedByUniqueIndex(bulk(writeConcernError(), 11000), "x"),
                "a duplicate beside it does not make the other writes durable");
    }

    @Test
    void an_unordered_bulk_write_answers_the_writes_a_unique_index_refused_and_throws_any_other_refusal() {
        assertEquals(Set.of(1, 3), MongoErrors.refusedByUniqueIndex(new MongoBulkWriteException(
                BulkWriteResult.acknowledged(0, 0, 0, 0, List.of(), List.of()), List.of(
                        new BulkWriteError(11000, "dup", new BsonDocument(), 1),
                        new BulkWriteError(11000, "dup", new BsonDocument(), 3)), null, STORE, Set.of()), "x"),
                "the positions of the refused writes in the bulk, not their order among the errors");
        MongoBulkWriteException invalid = bulk(null, 11000, 121);
        assertSame(invalid, assertThrows(MongoBulkWriteException.class,
                () -> MongoErrors.refusedByUniqueIndex(invalid, "x")));
        MongoBulkWriteException invalidNotDurable = bulk(writeConcernError(), 121);
        assertSame(invalidNotDurable, assertThrows(MongoBulkWriteException.class,
                () -> MongoErrors.refusedByUniqueIndex(invalidNotDurable, "x")),
                "a validation failure beside a write concern error is dead-lettered, not retried until the concern clears");
    }

    @Test
    void a_read_back_after_a_bulk_write_not_known_durable_is_refused() {
        assertThrows(TransientFailure.class, () -> MongoErrors.requireDurable(bulk(writeConcernError(), 11000), "moving"));
        MongoErrors.requireDurable(bulk(null, 11000), "moving"); // durable, some refused: the caller reads back
    }

    static WriteConcernError writeConcernError() {
        return new WriteConcernError(64, "WriteConcernFailed", "waiting for replication timed out", new BsonDocument());
    }

    static MongoBulkWriteException bulk(WriteConcernError writeConcernError, int... codes) {
        List<BulkWriteError> errors = new java.util.ArrayList<>();
        for (int i = 0; i < codes.length; i++) {
            errors.add(new BulkWriteError(codes[i], "refused", new BsonDocument(), i));
        }
        return new MongoBulkWriteException(BulkWriteResult.acknowledged(0, 0, 0, 0, List.of(), List.of()), errors,
                writeConcernError, STORE, Set.of());
    }
}
