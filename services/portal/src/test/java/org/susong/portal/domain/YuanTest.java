package org.susong.portal.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** An officer's typed amount read as exact fen (the A3 review's 800,000.00 CNY is 80,000,000 fen), never a double. */
class YuanTest {

    @Test
    void yuan_with_at_most_two_decimals_and_separators_is_exact_fen() {
        assertEquals(OptionalLong.of(80_000_000L), Yuan.toFen("800000"));
        assertEquals(OptionalLong.of(80_000_000L), Yuan.toFen("800,000.00"));
        assertEquals(OptionalLong.of(10L), Yuan.toFen("0.1"));
        assertEquals(OptionalLong.of(1L), Yuan.toFen("0.01"));
        assertEquals(OptionalLong.of(29L), Yuan.toFen(" 0.29 ")); // 0.29 as a double is 0.28999...
        assertEquals(OptionalLong.of(999_999_999_999_999L), Yuan.toFen("9999999999999.99"));
    }

    @Test
    void blank_is_no_amount_and_anything_else_is_refused() {
        assertTrue(Yuan.toFen("").isEmpty());
        assertTrue(Yuan.toFen(null).isEmpty());
        for (String bad : new String[] {"12.345", "-5", "0", "0.00", "1e6", "abc", "12.", ".5", "99999999999999"}) {
            assertThrows(IllegalArgumentException.class, () -> Yuan.toFen(bad), bad);
        }
    }
}
