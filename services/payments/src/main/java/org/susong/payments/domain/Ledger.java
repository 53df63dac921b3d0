package org.susong.payments.domain;

import java.time.Instant;
import java.util.List;

/**
 * The chart of accounts of a budget line and the entries every money movement posts. Per line
 * {@code L}: {@code L/appropriation} (the fiscal source; credit = allocated), {@code L/available},
 * {@code L/reserved}, {@code L/disbursed}, {@code L/receivable} (recoveries still owed). So for
 * every line: allocated = available + reserved + disbursed + receivable, the invariant the
 * check endpoint proves against the line's counters.
 */
public final class Ledger {

    public static final String APPROPRIATION = "appropriation";
    public static final String AVAILABLE = "available";
    public static final String RESERVED = "reserved";
    public static final String DISBURSED = "disbursed";
    public static final String RECEIVABLE = "receivable";
    public static final List<String> LINE_ACCOUNTS = List.of(AVAILABLE, RESERVED, DISBURSED, RECEIVABLE);

    private Ledger() {
    }

    public static String account(String line, String name) {
        return line + "/" + name;
    }

    /** Budget allocated to (positive) or taken from (negative) a line. */
    public static JournalEntry allocation(String id, String document, String line, long signedFen, Instant at, String actor,
                                          String reason) {
        return move(id, "ALLOCATION", document, line, APPROPRIATION, AVAILABLE, signedFen, at, actor, reason);
    }

    public static JournalEntry reservation(String document, String line, long fen, Instant at, String actor) {
        return move(document + ":reserve", "RESERVATION", document, line, AVAILABLE, RESERVED, fen, at, actor, "reserved");
    }

    public static JournalEntry release(String document, String line, long fen, Instant at, String actor, String reason) {
        return move(document + ":release", "RELEASE", document, line, RESERVED, AVAILABLE, fen, at, actor, reason);
    }

    /** The revoked part of an order back to the line (one entry per revocation, id {@code <order>:release:<cause>}). */
    public static JournalEntry partialRelease(String document, String cause, String line, long fen, Instant at, String actor,
                                              String reason) {
        return move(document + ":release:" + cause, "RELEASE", document, line, RESERVED, AVAILABLE, fen, at, actor, reason);
    }

    public static JournalEntry disbursement(String document, String line, long fen, Instant at, String actor, String reason) {
        return move(document + ":disburse", "DISBURSEMENT", document, line, RESERVED, DISBURSED, fen, at, actor, reason);
    }

    public static JournalEntry returned(String document, String line, long fen, Instant at, String actor, String reason) {
        return move(document + ":return", "RETURN", document, line, DISBURSED, AVAILABLE, fen, at, actor, reason);
    }

    public static JournalEntry recoveryOpened(String document, String line, long fen, Instant at, String actor, String reason) {
        return move(document + ":open", "RECOVERY", document, line, DISBURSED, RECEIVABLE, fen, at, actor, reason);
    }

    public static JournalEntry repayment(String id, String document, String line, long fen, Instant at, String actor,
                                         String reason) {
        return move(id, "REPAYMENT", document, line, RECEIVABLE, AVAILABLE, fen, at, actor, reason);
    }

    /** Part of a payment withheld and applied to the beneficiary's recovery (on the recovery's line). */
    public static JournalEntry offset(String document, String recoveryLine, long fen, Instant at, String actor, String reason) {
        return move(document + ":offset", "REPAYMENT", document, recoveryLine, RECEIVABLE, AVAILABLE, fen, at, actor, reason);
    }

    /**
     * A year-end carry-over, the closing year's side: the order's reservation leaves the line with its appropriation
     * (allocated and reserved both fall), id {@code <order>:carry-out:<closed year>}.
     */
    public static JournalEntry carryOut(String document, int closedYear, String line, long fen, Instant at, String actor,
                                        String reason) {
        return move(document + ":carry-out:" + closedYear, "CARRY_OVER", document, line, RESERVED, APPROPRIATION, fen, at, actor,
                reason);
    }

    /** A year-end carry-over, the next year's side: the reservation arrives with its appropriation. */
    public static JournalEntry carryIn(String document, int closedYear, String line, long fen, Instant at, String actor,
                                       String reason) {
        return move(document + ":carry-in:" + closedYear, "CARRY_OVER", document, line, APPROPRIATION, RESERVED, fen, at, actor,
                reason);
    }

    private static JournalEntry move(String id, String kind, String document, String line, String from, String to, long fen,
                                     Instant at, String actor, String reason) {
        if (fen == 0) {
            throw new IllegalArgumentException("a journal entry moves a non-zero amount");
        }
        return new JournalEntry(id, kind, document, line, at, actor, reason,
                List.of(new Posting(account(line, from), -fen), new Posting(account(line, to), fen)));
    }
}
