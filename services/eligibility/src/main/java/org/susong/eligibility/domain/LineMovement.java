package org.susong.eligibility.domain;

import java.time.Instant;

/**
 * A journal entry of payments (its {@code LedgerEntryPosted.v1}) as it changes a budget line's available amount: the
 * sum of its postings on {@code <line>/available} (debit positive: an allocation adds, a reservation takes).
 */
public record LineMovement(String entryId, String line, String kind, long availableFen, Instant postedAt) {
}
