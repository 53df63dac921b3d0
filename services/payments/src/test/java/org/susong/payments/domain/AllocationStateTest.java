package org.susong.payments.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.susong.commons.states.Transitions;

class AllocationStateTest {

    @Test
    void aLargeAdjustmentIsApprovedBeforeTheLineMoves() {
        assertEquals(EnumSet.of(AllocationState.PENDING), AllocationState.AWAITING_APPROVAL.next());
        assertThrows(Transitions.IllegalTransition.class,
                () -> AllocationState.AWAITING_APPROVAL.moveTo(AllocationState.APPLIED), "no line moves without approval");
    }

    @Test
    void aPendingAllocationIsAppliedOrRefusedOnce() {
        assertEquals(AllocationState.APPLIED, AllocationState.PENDING.moveTo(AllocationState.APPLIED));
        assertEquals(AllocationState.REFUSED, AllocationState.PENDING.moveTo(AllocationState.REFUSED));
        assertThrows(Transitions.IllegalTransition.class, () -> AllocationState.APPLIED.moveTo(AllocationState.REFUSED));
        assertThrows(Transitions.IllegalTransition.class, () -> AllocationState.REFUSED.moveTo(AllocationState.PENDING));
    }

    @Test
    void theStoredNamesStay() {
        assertEquals(List.of("AWAITING_APPROVAL", "PENDING", "APPLIED", "REFUSED"),
                EnumSet.allOf(AllocationState.class).stream().map(Enum::name).toList());
    }
}
