package org.susong.applications.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.susong.commons.ids.Ids;

/** The id of a system-initiated application: derived from the proposal id, shaped like any application id. */
class DerivedIdTest {

    @Test
    void the_same_proposal_gives_the_same_id_of_the_usual_shape_and_length() {
        LocalDate day = LocalDate.of(2026, 11, 29);
        String id = Ids.derivedId("APP", day, "AP-TC-2026-000123-1");
        assertEquals(id, Ids.derivedId("APP", day, "AP-TC-2026-000123-1"));
        assertNotEquals(id, Ids.derivedId("APP", day, "AP-TC-2026-000123-2"));
        assertTrue(id.matches("APP-20261129-[0-9A-HJKMNP-TV-Z]{10}"), id);
        assertTrue(("PO-D-" + id + "-R9").length() <= 35, "order id of the third appeal still fits pain.001 EndToEndId");
    }
}
