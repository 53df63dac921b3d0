package org.susong.payments.domain;

import java.util.EnumSet;
import java.util.Set;
import org.susong.commons.states.Transitions;

/**
 * The states of a fiscal year's close, stored and shown by their names: RUNNING (the intent: written first, finished by
 * running the close again or by the resumer after a crash), CLOSED (every order of the year carried over, lapsed or left).
 */
public enum YearEndState implements Transitions<YearEndState> {
    RUNNING,
    CLOSED;

    @Override
    public Set<YearEndState> next() {
        return this == RUNNING ? EnumSet.of(CLOSED) : EnumSet.noneOf(YearEndState.class);
    }
}
