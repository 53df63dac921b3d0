package org.susong.payments.domain;

import java.time.Instant;
import java.util.List;
import org.susong.commons.money.BudgetLines;

/**
 * The chart of accounts of a budget line and the entries every money movement posts. Per line
 * {@code L}: {@code L/appropriation} (the fiscal source; credit = allocated), {@code L/available},
 * {@code L/reserved}, {@code L/disbursed}, {@code L/receivable} (recoveries still owed). So for
 * every line: allocated = available + reserved + disbursed + receivable, the invariant the
 * check endpoint proves against the line's counters.
 */
public final class Ledger {

    public static final String APPROPRIATION = "appropriation";
    public static final String AVAILABLE = BudgetLines.AVAILABLE;
    public static final String RESERVED = "reserved";
    public static final String DISBURSED = "disbursed";
    public static final String RECEIVABLE = "receivable";
    public static final List<String> LINE_ACCOUNTS = List.of(AVAILABLE, RESERVED, DISBURSED, RECEIVABLE);

    private Ledger() {
    }

    public static String account(String line, String name) {
        return BudgetLines.account(line, name);
    }

    /** Budget allocated to (positive) or taken from (negative) a line. */
    public static JournalEntry allocation(String id, String document, String line, long signedFen, Instant at, String actor,
                                          String reason) {
        return move(id, "ALLOCATION", document, line, APPROPRIATION, AVAILABLE, signedFen, at, actor, reason);
    }

    public static JournalEntry reservation(String document, String line, long fen, Instant at, String actor) {
        return reservation(document, document, line, fen, at, actor, "reserved");
    }

    /**
     * A reservation of one attempt of the document (issue 20 item 2): {@code key} is the order id for its first
     * instruction and {@code <order>:R<n>} for the n-th re-send, so every attempt's entries have their own ids.
     */
    public static JournalEntry reservation(String document, String key, String line, long fen, Instant at, String actor,
                                           String reason) {
        return move(key + ":reserve", "RESERVATION", document, line, AVAILABLE, RESERVED, fen, at, actor, reason);
    }

    /**
     * An award's order takes its reservation from its call's envelope (issue 19): the money stays reserved on the line
     * (the envelope's reservation moved it from available when the call opened), so the entry moves it within the
     * reserved account, from the call to the order, and changes no balance.
     */
    public static JournalEntry envelopeDraw(String document, String callId, String line, long fen, Instant at, String actor) {
        return move(document + ":reserve", "ENVELOPE_DRAW", document, line, RESERVED, RESERVED, fen, at, actor,
                "reserved from the envelope of call " + callId);
    }

    /** A call's envelope reserved on its line when the call opened (issue 19). */
    public static JournalEntry envelopeReserved(String callId, String line, long fen, Instant at, String actor) {
        return move(callId + ":envelope", "ENVELOPE_RESERVATION", callId, line, AVAILABLE, RESERVED, fen, at, actor,
                "the envelope of call " + callId);
    }

    /** What its awards did not draw of a closed call's envelope, given back to available (issue 19). */
    public static JournalEntry envelopeReleased(String callId, String line, long fen, Instant at, String actor) {
        return move(callId + ":envelope:release", "ENVELOPE_RELEASE", callId, line, RESERVED, AVAILABLE, fen, at, actor,
                "the unused envelope of closed call " + callId);
    }

    /** A disbursement of one attempt ({@code key}, as {@link #reservation(String, String, String, long, Instant, String, String)}). */
    public static JournalEntry disbursement(String document, String key, String line, long fen, Instant at, String actor,
                                            String reason) {
        return move(key + ":disburse", "DISBURSEMENT", document, line, RESERVED, DISBURSED, fen, at, actor, reason);
    }

    /** A return of one attempt ({@code key}): the whole amount, disbursed back to available. */
    public static JournalEntry returned(String document, String key, String line, long fen, Instant at, String actor,
                                        String reason) {
        return move(key + ":return", "RETURN", document, line, DISBURSED, AVAILABLE, fen, at, actor, reason);
    }

    /** The offset withheld from one attempt ({@code key}) applied to the recovery (on the recovery's line). */
    public static JournalEntry offset(String document, String key, String recoveryLine, long fen, Instant at, String actor,
                                      String reason) {
        return move(key + ":offset", "REPAYMENT", document, recoveryLine, RECEIVABLE, AVAILABLE, fen, at, actor, reason);
    }

    /**
     * The bank returned a payment from which {@code fen} was withheld for a recovery (issue 20 item 3): the offset is
     * undone on the recovery's line, available back to receivable (kind RETURN), id {@code <key>:offset-back}.
     */
    public static JournalEntry offsetBack(String document, String key, String recoveryLine, long fen, Instant at, String actor,
                                          String reason) {
        return move(key + ":offset-back", "RETURN", document, recoveryLine, AVAILABLE, RECEIVABLE, fen, at, actor, reason);
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
        return disbursement(document, document, line, fen, at, actor, reason);
    }

    public static JournalEntry returned(String document, String line, long fen, Instant at, String actor, String reason) {
        return returned(document, document, line, fen, at, actor, reason);
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
        return offset(document, document, recoveryLine, fen, at, actor, reason);
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
