package org.susong.commons.rest;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The paths that take a large body: listed exactly, or with {@code *} for one segment (an upload under an id). */
class BodyTooLargePathsTest {

    static final List<String> LARGE = List.of("/contracts/bulk", "/applications/*/attachments");

    @Test
    void a_star_stands_for_exactly_one_non_empty_segment() {
        assertTrue(BodyTooLarge.large(LARGE, "/contracts/bulk"));
        assertTrue(BodyTooLarge.large(LARGE, "/applications/APP-20260615-ABC/attachments"));
        assertFalse(BodyTooLarge.large(LARGE, "/applications//attachments"));
        assertFalse(BodyTooLarge.large(LARGE, "/applications/a/b/attachments"));
        assertFalse(BodyTooLarge.large(LARGE, "/applications/APP-1/attachments/x"));
        assertFalse(BodyTooLarge.large(LARGE, "/applications"));
        assertFalse(BodyTooLarge.large(LARGE, "/contracts/bulk2"));
    }
}
