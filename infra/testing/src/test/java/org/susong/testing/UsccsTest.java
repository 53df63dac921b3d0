package org.susong.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.susong.commons.ids.Uscc;

class UsccsTest {

    @Test
    void a_code_of_a_series_is_the_enterprise_prefix_the_series_the_padded_number_and_a_check_the_services_accept() {
        String code = Usccs.valid("MK", 42);
        assertEquals("91350200MK0000042", code.substring(0, 17));
        assertEquals(code, Uscc.parse(code).value());
        assertTrue(Uscc.shapeProblem(code).isEmpty(), code);
        assertEquals(Usccs.valid("MA", 42), Usccs.valid(42));
        assertNotEquals(Usccs.valid("MK", 42), Usccs.valid("MJ", 42));
    }

    @Test
    void other_categories_and_regions_and_longer_series_fill_17_characters() {
        assertEquals("12350200MA0000007", Usccs.of("12350200", "MA", 7).substring(0, 17));
        assertEquals("91350200RUN000123", Usccs.valid("RUN", 123).substring(0, 17));
        String random = Usccs.random("MB");
        assertTrue(random.startsWith("91350200MB") && Uscc.shapeProblem(random).isEmpty(), random);
    }

    @Test
    void a_number_that_does_not_fit_the_series_is_refused() {
        assertThrows(IllegalArgumentException.class, () -> Usccs.valid("MA", 10_000_000));
        assertThrows(IllegalArgumentException.class, () -> Usccs.valid("MA", -1));
    }
}
