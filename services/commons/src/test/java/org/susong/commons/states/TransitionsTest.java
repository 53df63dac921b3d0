package org.susong.commons.states;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TransitionsTest {

    enum Light implements Transitions<Light> {
        RED, GREEN, OFF;

        @Override
        public Set<Light> next() {
            return switch (this) {
                case RED -> EnumSet.of(GREEN, OFF);
                case GREEN -> EnumSet.of(RED);
                case OFF -> EnumSet.noneOf(Light.class);
            };
        }
    }

    @Test
    void anAllowedMoveAnswersTheNewState() {
        assertEquals(Light.GREEN, Light.RED.moveTo(Light.GREEN));
        assertTrue(Light.GREEN.canMoveTo(Light.RED));
    }

    @Test
    void anIllegalMoveIsRefusedAndNamesBothStates() {
        assertFalse(Light.GREEN.canMoveTo(Light.OFF));
        Transitions.IllegalTransition refused = assertThrows(Transitions.IllegalTransition.class,
                () -> Light.GREEN.moveTo(Light.OFF));
        assertEquals("no move from GREEN to OFF; GREEN moves to [RED]", refused.getMessage());
    }

    @Test
    void aStateWithoutMovesIsFinal() {
        assertTrue(Light.OFF.isFinal());
        assertFalse(Light.RED.isFinal());
        assertFalse(Light.OFF.canMoveTo(Light.OFF));
    }
}
