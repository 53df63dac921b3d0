package org.susong.commons.faults;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.ServerAddress;
import com.mongodb.connection.ClusterId;
import com.mongodb.connection.ConnectionDescription;
import com.mongodb.connection.ServerId;
import com.mongodb.event.CommandFailedEvent;
import com.mongodb.event.CommandStartedEvent;
import com.mongodb.event.CommandSucceededEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.junit.jupiter.api.Test;

/** The test-only fault point of the end-to-end kill tests (issue 14): where it halts, and never in prod. */
class HaltAfterWritesTest {

    static final ConnectionDescription CONNECTION = new ConnectionDescription(new ServerId(new ClusterId(), new ServerAddress()));
    final List<Integer> halts = new ArrayList<>();
    int requestId;

    void command(HaltAfterWrites listener, String name, String collection, boolean succeeds) {
        int id = ++requestId;
        listener.commandStarted(new CommandStartedEvent(null, 1, id, CONNECTION, "db", name,
                new BsonDocument(name, new BsonString(collection))));
        if (succeeds) {
            listener.commandSucceeded(new CommandSucceededEvent(null, 1, id, CONNECTION, "db", name, new BsonDocument(), 1));
        } else {
            listener.commandFailed(new CommandFailedEvent(null, 1, id, CONNECTION, "db", name, 1, new RuntimeException("refused")));
        }
    }

    @Test
    void it_halts_right_after_the_nth_acknowledged_write_on_its_collection_and_counts_nothing_else() {
        HaltAfterWrites listener = new HaltAfterWrites(Optional.of("budget_lines:2"), List.of("local"), halts::add);
        command(listener, "update", "budget_lines", true);
        command(listener, "find", "budget_lines", true);
        command(listener, "update", "payment_orders", true);
        command(listener, "update", "budget_lines", false);
        command(listener, "insert", "budget_lines_archive", true);
        assertEquals(List.of(), halts, "one acknowledged write on budget_lines so far");
        command(listener, "update", "budget_lines", true);
        assertEquals(List.of(137), halts);
    }

    @Test
    void unset_or_in_prod_it_never_halts() {
        for (HaltAfterWrites listener : List.of(new HaltAfterWrites(Optional.empty(), List.of("local"), halts::add),
                new HaltAfterWrites(Optional.of("budget_lines:1"), List.of("prod"), halts::add))) {
            command(listener, "update", "budget_lines", true);
        }
        assertEquals(List.of(), halts);
    }

    @Test
    void the_prod_profile_refuses_to_start_with_it_set() {
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> HaltAfterWrites.refuseIn(List.of("prod"), Optional.of("cap_ledgers:1")));
        assertTrue(refused.getMessage().contains("susong.faults.halt-after-writes") && refused.getMessage().contains("test-only"),
                refused.getMessage());
        assertDoesNotThrow(() -> HaltAfterWrites.refuseIn(List.of("prod"), Optional.empty()));
        assertDoesNotThrow(() -> HaltAfterWrites.refuseIn(List.of("local"), Optional.of("cap_ledgers:1")));
    }

    @Test
    void a_setting_it_cannot_read_stops_the_start() {
        for (String bad : List.of("cap_ledgers", "cap_ledgers:0", ":3", "cap_ledgers:x")) {
            assertThrows(IllegalArgumentException.class, () -> new HaltAfterWrites(Optional.of(bad), List.of("local"), halts::add),
                    bad);
        }
    }
}
