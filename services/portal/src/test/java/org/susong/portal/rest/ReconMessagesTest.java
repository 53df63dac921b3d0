package org.susong.portal.rest;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The reconciliation's bundle as {@link RegistrarMessagesTest} checks the registrar's. */
class ReconMessagesTest {

    @Test
    void the_english_file_has_exactly_the_reconciliations_words() throws Exception {
        RegistrarMessagesTest.assertEnglishHasExactly(ReconMsg.class, "/messages/rcn_en.properties");
    }

    @Test
    void the_bundle_has_at_most_300_words() {
        assertTrue(ReconMsg.class.getDeclaredMethods().length <= 300);
    }
}
