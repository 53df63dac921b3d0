package org.susong.payments.domain;

import java.util.EnumSet;
import java.util.Set;
import org.susong.commons.states.Transitions;

/**
 * The states of a call's envelope on its budget line (issue 19), stored by their names: RESERVING (the intent written
 * when the call opened, before the line moves), RESERVED or REFUSED (the line had less available), RELEASING (the call
 * closed: the intent to give the unused envelope back), CLOSED (given back).
 */
public enum EnvelopeState implements Transitions<EnvelopeState> {
    RESERVING,
    RESERVED,
    REFUSED,
    RELEASING,
    CLOSED;

    @Override
    public Set<EnvelopeState> next() {
        return switch (this) {
            case RESERVING -> EnumSet.of(RESERVED, REFUSED);
            case RESERVED -> EnumSet.of(RELEASING);
            case RELEASING -> EnumSet.of(CLOSED);
            case REFUSED, CLOSED -> EnumSet.noneOf(EnvelopeState.class);
        };
    }
}
