package org.susong.eligibility.persistence;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.susong.commons.messaging.TransientFailure;
import org.susong.eligibility.domain.Award;
import org.susong.eligibility.domain.CapLedger;
import org.susong.testing.UnsatisfiedWriteConcern;

/**
 * A bulk write the store did not confirm durable (a write concern error, with no write error or with duplicate keys
 * only) is a transient failure the consumer retries, never a batch taken as written: decisions, cap intents and cap
 * counters alike (docs/architecture.md#rule-4, the intent before its counter).
 */
class UnsatisfiedWriteConcernTest {

    @Test
    void a_batch_of_decisions_not_known_durable_is_retried_not_settled() {
        List<Document> batch = List.of(new Document("_id", "D-APP-1"), new Document("_id", "D-APP-2"));
        assertThrows(TransientFailure.class,
                () -> new DecisionRepository(UnsatisfiedWriteConcern.database(), null).insertAll(batch));
        assertThrows(TransientFailure.class,
                () -> new DecisionRepository(UnsatisfiedWriteConcern.database(0), null).insertAll(batch),
                "one decision existed: the other is not known to be written either");
    }

    @Test
    void cap_intents_and_counters_not_known_durable_are_retried_not_settled() {
        Award award = new Award("CAP|91350200MA31G8Q17K|2026", "D-APP-1", 100_000, 100_000, 0, 1_000_000, null);
        assertThrows(TransientFailure.class,
                () -> new LedgerRepository(UnsatisfiedWriteConcern.database()).insertIntents(List.of(award), new Date()));
        CapLedger counter = CapLedger.fresh("CAP|91350200MA31G8Q17K|2026", 1_000_000, false);
        counter.take("D-APP-1", 100_000);
        assertThrows(TransientFailure.class,
                () -> new LedgerRepository(UnsatisfiedWriteConcern.database(0)).applyTaken(List.of(counter)),
                "a counter another writer created (a duplicate key) beside writes not known durable");
    }
}
