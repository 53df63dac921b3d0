package org.susong.eligibility.domain;

import java.util.EnumSet;
import java.util.Set;
import org.susong.commons.states.StoredText;
import org.susong.commons.states.Transitions;

/**
 * Where a cap intent ({@code cap_intents.state}, stored as its name; issue 21 item 2) stands: written before its share
 * is taken, marked once the share is on the ledger, and released when the share is given back.
 */
public enum IntentState implements Transitions<IntentState>, StoredText {
    /** Written; its share may or may not be on the ledger yet (the resumer finishes it). */
    PENDING,
    /** Its share is on the ledger ({@code result}). */
    APPLIED,
    /** Its share was given back ({@code released}). */
    RELEASED;

    @Override
    public Set<IntentState> next() {
        return switch (this) {
            case PENDING -> EnumSet.of(APPLIED, RELEASED);
            case APPLIED -> EnumSet.of(RELEASED);
            case RELEASED -> EnumSet.noneOf(IntentState.class);
        };
    }

    /** The state of the stored text; none (null) stays none. */
    public static IntentState of(String stored) {
        return StoredText.of(IntentState.class, stored);
    }
}
