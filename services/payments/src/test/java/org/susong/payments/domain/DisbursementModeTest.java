package org.susong.payments.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.susong.commons.states.Transitions;

class DisbursementModeTest {

    @Test
    void anInvestmentFallsBackToAGrantNeverTheOtherWay() {
        assertEquals(DisbursementMode.GRANT, DisbursementMode.INVESTMENT.moveTo(DisbursementMode.GRANT));
        assertTrue(DisbursementMode.GRANT.isFinal());
        assertThrows(Transitions.IllegalTransition.class, () -> DisbursementMode.GRANT.moveTo(DisbursementMode.INVESTMENT));
    }

    @Test
    void theStoredNamesStay() {
        assertEquals(List.of("GRANT", "INVESTMENT"), EnumSet.allOf(DisbursementMode.class).stream().map(Enum::name).toList());
    }
}
