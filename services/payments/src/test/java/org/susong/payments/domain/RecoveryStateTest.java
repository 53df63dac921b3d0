package org.susong.payments.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.susong.commons.states.Transitions;

class RecoveryStateTest {

    @Test
    void aWaitingRecoveryOpensOrClosesAndAnOpenOneCloses() {
        assertEquals(EnumSet.of(RecoveryState.OPEN, RecoveryState.CLOSED), RecoveryState.WAITING.next());
        assertEquals(RecoveryState.CLOSED, RecoveryState.OPEN.moveTo(RecoveryState.CLOSED));
    }

    @Test
    void aClosedRecoveryIsOwedAgainOnlyAsOpen() {
        // an offset given back after the bank returned the payment (issue 20 item 3)
        assertEquals(RecoveryState.OPEN, RecoveryState.CLOSED.moveTo(RecoveryState.OPEN));
        assertThrows(Transitions.IllegalTransition.class, () -> RecoveryState.CLOSED.moveTo(RecoveryState.WAITING));
        assertThrows(Transitions.IllegalTransition.class, () -> RecoveryState.OPEN.moveTo(RecoveryState.WAITING));
    }

    @Test
    void theStoredNamesStay() {
        assertEquals(List.of("WAITING", "OPEN", "CLOSED"), EnumSet.allOf(RecoveryState.class).stream().map(Enum::name).toList());
    }
}
