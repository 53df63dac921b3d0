package org.susong.payments.domain;

import java.util.EnumSet;
import java.util.Set;
import org.susong.commons.states.Transitions;

/**
 * The states of a recovery order ({@link Recovery}), stored and shown by their names: WAITING (the order is still on
 * its way to the bank), OPEN (a receivable on the order's line), CLOSED (repaid, or nothing was paid out).
 */
public enum RecoveryState implements Transitions<RecoveryState> {
    WAITING,
    OPEN,
    CLOSED;

    @Override
    public Set<RecoveryState> next() {
        return switch (this) {
            // the order was paid: a receivable; or it was not (released, returned, superseded): nothing to recover
            case WAITING -> EnumSet.of(OPEN, CLOSED);
            // repaid, by payments or offsets
            case OPEN -> EnumSet.of(CLOSED);
            // the bank returned a payment from which an offset was withheld: the debt is owed again (issue 20 item 3)
            case CLOSED -> EnumSet.of(OPEN);
        };
    }
}
