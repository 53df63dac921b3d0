package org.susong.payments.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.susong.commons.states.Transitions;

class EnvelopeStateTest {

    @Test
    void anEnvelopeIsReservedThenReleasedWhenItsCallCloses() {
        assertEquals(EnvelopeState.RESERVED, EnvelopeState.RESERVING.moveTo(EnvelopeState.RESERVED));
        assertEquals(EnvelopeState.RELEASING, EnvelopeState.RESERVED.moveTo(EnvelopeState.RELEASING));
        assertEquals(EnvelopeState.CLOSED, EnvelopeState.RELEASING.moveTo(EnvelopeState.CLOSED));
        assertTrue(EnvelopeState.CLOSED.isFinal());
    }

    @Test
    void aRefusedEnvelopeHasNothingToGiveBack() {
        assertEquals(EnvelopeState.REFUSED, EnvelopeState.RESERVING.moveTo(EnvelopeState.REFUSED));
        assertTrue(EnvelopeState.REFUSED.isFinal());
        assertThrows(Transitions.IllegalTransition.class, () -> EnvelopeState.REFUSED.moveTo(EnvelopeState.RELEASING));
        assertThrows(Transitions.IllegalTransition.class, () -> EnvelopeState.RESERVING.moveTo(EnvelopeState.RELEASING));
    }

    @Test
    void theStoredNamesStay() {
        assertEquals(List.of("RESERVING", "RESERVED", "REFUSED", "RELEASING", "CLOSED"),
                EnumSet.allOf(EnvelopeState.class).stream().map(Enum::name).toList());
    }
}
