package org.susong.payments.domain;

import java.util.EnumSet;
import java.util.Set;
import org.susong.commons.states.Transitions;

/**
 * The states of a withdrawal request (one per application), stored and shown by their names: PENDING (being applied to
 * the application's orders), then ACCEPTED (its orders released, or none yet) or REFUSED (money already instructed).
 */
public enum WithdrawalState implements Transitions<WithdrawalState> {
    PENDING,
    ACCEPTED,
    REFUSED;

    @Override
    public Set<WithdrawalState> next() {
        return this == PENDING ? EnumSet.of(ACCEPTED, REFUSED) : EnumSet.noneOf(WithdrawalState.class);
    }

}
