package org.susong.payments.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.susong.payments.domain.JournalEntry;
import org.susong.payments.domain.Posting;

/** The journal is decoded in persistence: the ledger check gets entries, or each unreadable one's id and reason. */
class JournalRepositoryTest {

    static final Instant AT = Instant.parse("2026-06-15T02:00:00Z");

    @Test
    void a_balanced_entry_is_read_as_a_journal_entry() {
        JournalEntry entry = new JournalEntry("PO-1:reserve", "reserve", "PO-1", "2026:M1", AT, "system", null,
                List.of(new Posting("2026:M1/available", -500), new Posting("2026:M1/reserved", 500)));
        JournalRepository.RawEntry read = JournalRepository.read("payment_orders", Journals.toDocument(entry));
        assertEquals(entry, read.entry());
        assertNull(read.problem());
        assertEquals("payment_orders", read.collection());
    }

    @Test
    void an_entry_that_does_not_balance_is_named_with_its_id_and_why() {
        Document stored = new Document("id", "PO-2:reserve").append("kind", "reserve").append("document", "PO-2")
                .append("line", "2026:M1").append("at", Date.from(AT)).append("actor", "system")
                .append("postings", List.of(new Document("account", "2026:M1/available").append("fen", -500L),
                        new Document("account", "2026:M1/reserved").append("fen", 400L)));
        JournalRepository.RawEntry read = JournalRepository.read("payment_orders", stored);
        assertNull(read.entry());
        assertEquals("PO-2:reserve: journal entry PO-2:reserve does not balance: [Posting[account=2026:M1/available,"
                + " fen=-500], Posting[account=2026:M1/reserved, fen=400]]", read.problem());
    }
}
