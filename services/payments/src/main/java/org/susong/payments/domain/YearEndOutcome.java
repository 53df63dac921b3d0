package org.susong.payments.domain;

import java.util.EnumSet;
import java.util.Set;
import org.susong.commons.states.Transitions;

/**
 * What a year-end close did with one order, stored and shown by its name: PLANNED until done, then CARRIED_OVER, LAPSED,
 * LEFT (in a bank file, charged to the closed year) or SKIPPED (another writer moved the order first). Once done, never
 * again.
 */
public enum YearEndOutcome implements Transitions<YearEndOutcome> {
    PLANNED,
    CARRIED_OVER,
    LAPSED,
    LEFT,
    SKIPPED;

    @Override
    public Set<YearEndOutcome> next() {
        return this == PLANNED ? EnumSet.complementOf(EnumSet.of(PLANNED)) : EnumSet.noneOf(YearEndOutcome.class);
    }
}
