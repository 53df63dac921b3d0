package org.susong.payments.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.susong.commons.states.Transitions;

class BatchStateTest {

    @Test
    void aBatchMovesFromOpenThroughItsFileToReconciled() {
        assertEquals(BatchState.EXPORTING, BatchState.OPEN.moveTo(BatchState.EXPORTING));
        assertEquals(BatchState.EXPORTED, BatchState.EXPORTING.moveTo(BatchState.EXPORTED));
        assertEquals(BatchState.RECONCILED, BatchState.EXPORTED.moveTo(BatchState.RECONCILED));
    }

    @Test
    void onlyABatchWithAFileTheBankHasNotBookedIsVoided() {
        assertEquals(EnumSet.of(BatchState.EXPORTING, BatchState.EXPORTED),
                EnumSet.copyOf(EnumSet.allOf(BatchState.class).stream().filter(s -> s.canMoveTo(BatchState.VOIDED)).toList()));
        assertTrue(batch(BatchState.EXPORTED).voidable());
        assertFalse(batch(BatchState.OPEN).voidable());
        assertFalse(batch(BatchState.RECONCILED).voidable());
        assertThrows(Transitions.IllegalTransition.class, () -> BatchState.OPEN.moveTo(BatchState.VOIDED));
    }

    @Test
    void aSecondFileNeedsVoidAndReissue() {
        assertThrows(Transitions.IllegalTransition.class, () -> BatchState.EXPORTED.moveTo(BatchState.EXPORTING));
        assertThrows(Transitions.IllegalTransition.class, () -> BatchState.EXPORTING.moveTo(BatchState.OPEN));
        assertTrue(BatchState.RECONCILED.isFinal());
        assertTrue(BatchState.VOIDED.isFinal());
    }

    @Test
    void theStoredNamesStay() {
        assertEquals(List.of("OPEN", "EXPORTING", "EXPORTED", "RECONCILED", "VOIDED"),
                EnumSet.allOf(BatchState.class).stream().map(Enum::name).toList());
        assertTrue(batch(BatchState.OPEN).open());
        assertTrue(batch(BatchState.VOIDED).voided());
    }

    private static Batch batch(BatchState state) {
        return new Batch("B-20260615-2026A4-1", "2026:A4", "2026-06-15", 1, state, Instant.EPOCH, List.of(), 0, null, null,
                null, null, null, null);
    }
}
