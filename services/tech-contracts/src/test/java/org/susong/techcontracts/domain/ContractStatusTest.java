package org.susong.techcontracts.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.susong.commons.states.Transitions;

/** The moves of a contract's status and of an amendment's outcome. */
class ContractStatusTest {

    @Test
    void aSubmittedContractIsRegisteredOrRefusedAndOnlyARegisteredOneIsCancelled() {
        assertEquals(EnumSet.of(ContractStatus.REGISTERED, ContractStatus.REFUSED), ContractStatus.SUBMITTED.next());
        assertEquals(ContractStatus.CANCELLED, ContractStatus.REGISTERED.moveTo(ContractStatus.CANCELLED));
        assertThrows(Transitions.IllegalTransition.class, () -> ContractStatus.SUBMITTED.moveTo(ContractStatus.CANCELLED));
        assertThrows(Transitions.IllegalTransition.class, () -> ContractStatus.REFUSED.moveTo(ContractStatus.REGISTERED));
        assertTrue(ContractStatus.CANCELLED.isFinal());
        assertEquals(List.of("SUBMITTED", "REGISTERED", "REFUSED", "CANCELLED"),
                EnumSet.allOf(ContractStatus.class).stream().map(Enum::name).toList());
    }

    @Test
    void anAmendmentIsDecidedOnce() {
        assertEquals(EnumSet.of(Amendment.Outcome.APPROVED, Amendment.Outcome.REFUSED, Amendment.Outcome.WITHDRAWN),
                Amendment.Outcome.PENDING.next());
        assertThrows(Transitions.IllegalTransition.class, () -> Amendment.Outcome.APPROVED.moveTo(Amendment.Outcome.WITHDRAWN));
        assertThrows(Transitions.IllegalTransition.class, () -> Amendment.Outcome.REFUSED.moveTo(Amendment.Outcome.PENDING));
        assertEquals(List.of("PENDING", "APPROVED", "REFUSED", "WITHDRAWN"),
                EnumSet.allOf(Amendment.Outcome.class).stream().map(Enum::name).toList());
    }
}
