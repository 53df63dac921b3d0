package org.susong.payments.domain;

import java.util.EnumSet;
import java.util.Set;
import org.susong.commons.states.Transitions;

/**
 * The states of a disbursement batch ({@link Batch}), stored and shown by their names: OPEN (orders join), EXPORTING
 * (file hash and order list fixed; orders being instructed), EXPORTED (released to the bank channel), RECONCILED (every
 * order booked by a statement), VOIDED (two people, with the bank's recall; its orders go into a new batch).
 */
public enum BatchState implements Transitions<BatchState> {
    OPEN,
    EXPORTING,
    EXPORTED,
    RECONCILED,
    VOIDED;

    @Override
    public Set<BatchState> next() {
        return switch (this) {
            case OPEN -> EnumSet.of(EXPORTING);
            // only a batch with a file is voided; one the bank booked (RECONCILED) never is
            case EXPORTING -> EnumSet.of(EXPORTED, VOIDED);
            case EXPORTED -> EnumSet.of(RECONCILED, VOIDED);
            case RECONCILED, VOIDED -> EnumSet.noneOf(BatchState.class);
        };
    }
}
