package org.susong.payments.domain;

/**
 * What an order was when a year-end close planned (or was about to move) it, stored and shown by its name: WAITLISTED
 * (it holds no money), RESERVED (in notice, waiting for an officer, or held), UNPAID (approved, not yet in a bank file),
 * IN_BANK_FILE. A classification, not a state: it has no moves.
 */
public enum YearEndKind {
    WAITLISTED,
    RESERVED,
    UNPAID,
    IN_BANK_FILE;

    /** The kind of an order in {@code state}. */
    public static YearEndKind of(OrderState state) {
        return switch (state) {
            case WAITLISTED -> WAITLISTED;
            case IN_NOTICE, AWAITING_APPROVAL, ON_HOLD -> RESERVED;
            case APPROVED, AWAITING_PAYEE -> UNPAID;
            default -> IN_BANK_FILE;
        };
    }
}
