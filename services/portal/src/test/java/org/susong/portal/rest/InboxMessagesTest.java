package org.susong.portal.rest;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The inbox's bundle as {@link RegistrarMessagesTest} checks the registrar's. */
class InboxMessagesTest {

    @Test
    void the_english_file_has_exactly_the_inboxs_words() throws Exception {
        RegistrarMessagesTest.assertEnglishHasExactly(InboxMsg.class, "/messages/inb_en.properties");
    }

    @Test
    void the_bundle_has_at_most_300_words() {
        assertTrue(InboxMsg.class.getDeclaredMethods().length <= 300);
    }
}
