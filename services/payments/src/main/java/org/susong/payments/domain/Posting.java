package org.susong.payments.domain;

/** One line of a journal entry: a signed amount in fen on an account (debit positive, credit negative). */
public record Posting(String account, long fen) {
}
