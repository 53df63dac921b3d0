package org.susong.payments.domain;

/**
 * An earlier bank instruction of a payment order that the bank returned (issue 20 item 2): the end-to-end id and file it
 * went in, what it transferred to which account ({@code payee}, as it was copied into that file), the booking that settled it and the offset withheld from it. Kept on the order after the
 * order is instructed again with a new end-to-end id, so a late debit or credit naming it is recognised (reported, never
 * acted on) and the old file still rebuilds to its hash.
 */
public record Instruction(String endToEndId, String batchId, long transferFen, String settlingBooking, String offsetRecoveryId,
                          long offsetFen, Payee payee) {
}
