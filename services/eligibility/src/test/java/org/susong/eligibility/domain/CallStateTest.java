package org.susong.eligibility.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The call's states as a type: the texts stored before it existed, read back strictly (plain JUnit). */
class CallStateTest {

    @Test
    void the_stored_texts_are_those_stored_before_and_an_unknown_text_is_refused() {
        List<String> before = List.of("OPEN", "RANKING", "AWARDED", "REFUSED", "CANCELLED");
        assertEquals(before, Arrays.stream(CallState.values()).map(CallState::stored).toList());
        before.forEach(text -> assertEquals(text, CallState.of(text).stored()));
        assertEquals("AWAITING_SCORING", CallState.Entry.of("AWAITING_SCORING").stored());
        assertEquals(List.of(CallState.RANKING, CallState.AWARDED),
                Arrays.stream(CallState.values()).filter(CallState::ranked).toList());
        assertEquals(CallState.Award.NOT_FUNDED, CallState.Award.of(0));
        assertEquals(CallState.Award.APPROVED, CallState.Award.of(1));
        assertThrows(IllegalStateException.class, () -> CallState.of("open"));
        assertThrows(IllegalStateException.class, () -> CallState.of(null));
        assertThrows(IllegalStateException.class, () -> CallState.Entry.of("SCORED"));
    }
}
