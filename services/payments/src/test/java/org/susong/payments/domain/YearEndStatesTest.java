package org.susong.payments.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.susong.commons.states.Transitions;

/** The year-end close's state, its items' outcomes and kinds. */
class YearEndStatesTest {

    @Test
    void aRunningCloseClosesOnce() {
        assertEquals(YearEndState.CLOSED, YearEndState.RUNNING.moveTo(YearEndState.CLOSED));
        assertTrue(YearEndState.CLOSED.isFinal());
        assertThrows(Transitions.IllegalTransition.class, () -> YearEndState.CLOSED.moveTo(YearEndState.RUNNING));
        assertEquals(List.of("RUNNING", "CLOSED"), EnumSet.allOf(YearEndState.class).stream().map(Enum::name).toList());
    }

    @Test
    void aPlannedItemIsDoneOnceWithOneOutcome() {
        assertEquals(EnumSet.of(YearEndOutcome.CARRIED_OVER, YearEndOutcome.LAPSED, YearEndOutcome.LEFT, YearEndOutcome.SKIPPED),
                YearEndOutcome.PLANNED.next());
        assertThrows(Transitions.IllegalTransition.class, () -> YearEndOutcome.PLANNED.moveTo(YearEndOutcome.PLANNED));
        assertThrows(Transitions.IllegalTransition.class, () -> YearEndOutcome.LAPSED.moveTo(YearEndOutcome.CARRIED_OVER));
        assertEquals(List.of("PLANNED", "CARRIED_OVER", "LAPSED", "LEFT", "SKIPPED"),
                EnumSet.allOf(YearEndOutcome.class).stream().map(Enum::name).toList());
    }

    @Test
    void anOrdersKindIsWhatItHoldsWhenPlanned() {
        assertEquals(YearEndKind.WAITLISTED, YearEndKind.of(OrderState.WAITLISTED));
        assertEquals(YearEndKind.RESERVED, YearEndKind.of(OrderState.ON_HOLD));
        assertEquals(YearEndKind.UNPAID, YearEndKind.of(OrderState.AWAITING_PAYEE));
        assertEquals(YearEndKind.IN_BANK_FILE, YearEndKind.of(OrderState.INSTRUCTED));
        assertEquals(List.of("WAITLISTED", "RESERVED", "UNPAID", "IN_BANK_FILE"),
                EnumSet.allOf(YearEndKind.class).stream().map(Enum::name).toList());
    }
}
