package org.susong.commons.states;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class StoredTextTest {

    enum Kind implements StoredText {
        FIRST, RENEWED,
        /** A constant stored under another text than its name. */
        LATER {
            @Override
            public String stored() {
                return "later-on";
            }
        }
    }

    @Test
    void aStoredTextReadsBackAsItsConstantAndBack() {
        for (Kind k : Kind.values()) {
            assertEquals(k, StoredText.of(Kind.class, k.stored()));
            assertEquals(k.stored(), StoredText.text(k));
        }
        assertEquals(Kind.LATER, StoredText.of(Kind.class, "later-on"));
    }

    @Test
    void noneStaysNone() {
        assertNull(StoredText.of(Kind.class, null));
        assertNull(StoredText.text(null));
        assertEquals(Optional.empty(), StoredText.find(Kind.class, null));
    }

    @Test
    void anUnknownTextIsRefusedNamingItAndTheKnownTexts() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> StoredText.of(Kind.class, "first"));
        assertEquals("unknown Kind 'first'; known: [FIRST, RENEWED, later-on]", refused.getMessage());
        assertTrue(StoredText.find(Kind.class, "LATER").isEmpty(), "the name is not the text when stored() differs");
    }
}
