package org.susong.payments.domain;

import java.time.Instant;
import java.util.List;

/**
 * A balanced double-entry journal entry: its postings add up to zero. The id is deterministic
 * ({@code <document>:<kind>}), so the same movement posted again after a crash is the same entry.
 * Emitted from the outbox of the document that moved the money and kept on that document.
 */
public record JournalEntry(String id, String kind, String documentId, String budgetLine, Instant at, String actor,
                           String reason, List<Posting> postings) {

    public JournalEntry {
        postings = List.copyOf(postings);
        long sum = 0;
        for (Posting p : postings) {
            sum = Math.addExact(sum, p.fen());
        }
        if (sum != 0 || postings.size() < 2) {
            throw new IllegalArgumentException("journal entry " + id + " does not balance: " + postings);
        }
    }

    public long amountFen() {
        return postings.stream().mapToLong(Posting::fen).filter(f -> f > 0).sum();
    }
}
