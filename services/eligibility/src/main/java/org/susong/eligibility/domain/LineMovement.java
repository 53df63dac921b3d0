package org.susong.eligibility.domain;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A journal entry of payments (its {@code LedgerEntryPosted.v1}) as it changes a budget line's available amount: the
 * sum of its postings on {@code <line>/available} (debit positive: an allocation adds, a reservation takes).
 */
public record LineMovement(String entryId, String line, String kind, long availableFen, Instant postedAt) {

    /** The account whose postings a line's available amount adds up ({@code <line>/available}, payments' chart). */
    public static String availableAccount(String line) {
        return line + "/available";
    }

    /** The line a call's envelope is reserved on: the year its window ends and its measure (as payments names it). */
    public static String envelopeLine(String measureCode, LocalDate submissionTo) {
        return submissionTo.getYear() + ":" + measureCode;
    }
}
