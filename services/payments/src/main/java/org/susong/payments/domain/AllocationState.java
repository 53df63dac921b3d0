package org.susong.payments.domain;

import java.util.EnumSet;
import java.util.Set;
import org.susong.commons.states.Transitions;

/**
 * The states of an allocation or adjustment of a budget line ({@link Allocation}), stored and shown by their names:
 * AWAITING_APPROVAL (a large adjustment, until a second administrator approves it), PENDING (the intent: the line moves
 * at most once, a resumer finishes it after a crash), then APPLIED or REFUSED (the line had less available than it takes).
 */
public enum AllocationState implements Transitions<AllocationState> {
    AWAITING_APPROVAL,
    PENDING,
    APPLIED,
    REFUSED;

    @Override
    public Set<AllocationState> next() {
        return switch (this) {
            case AWAITING_APPROVAL -> EnumSet.of(PENDING);
            case PENDING -> EnumSet.of(APPLIED, REFUSED);
            case APPLIED, REFUSED -> EnumSet.noneOf(AllocationState.class);
        };
    }
}
