package org.susong.payments.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.susong.commons.states.Transitions;

class WithdrawalStateTest {

    @Test
    void aPendingWithdrawalIsAcceptedOrRefusedOnce() {
        assertEquals(WithdrawalState.ACCEPTED, WithdrawalState.PENDING.moveTo(WithdrawalState.ACCEPTED));
        assertEquals(WithdrawalState.REFUSED, WithdrawalState.PENDING.moveTo(WithdrawalState.REFUSED));
        assertTrue(WithdrawalState.ACCEPTED.isFinal());
        assertThrows(Transitions.IllegalTransition.class, () -> WithdrawalState.REFUSED.moveTo(WithdrawalState.ACCEPTED));
        assertThrows(Transitions.IllegalTransition.class, () -> WithdrawalState.ACCEPTED.moveTo(WithdrawalState.PENDING));
    }

    @Test
    void theStoredNamesStay() {
        assertEquals(List.of("PENDING", "ACCEPTED", "REFUSED"),
                EnumSet.allOf(WithdrawalState.class).stream().map(Enum::name).toList());
    }
}
