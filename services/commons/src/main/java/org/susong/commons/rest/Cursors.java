package org.susong.commons.rest;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Keyset cursors: the sort key(s) of a page's last item, joined and base64url-encoded, so a client
 * passes them back unread. A cursor this service did not give out is a 400 naming {@code cursor}.
 */
public final class Cursors {

    private static final String SEPARATOR = "\u001f";

    private Cursors() {
    }

    public static String encode(String... parts) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(String.join(SEPARATOR, parts)
                .getBytes(StandardCharsets.UTF_8));
    }

    /** The parts of a cursor, or 400 {@code cursor}. */
    public static String[] decode(String cursor) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            return text.split(SEPARATOR, -1);
        } catch (IllegalArgumentException e) {
            throw bad();
        }
    }

    /** The parts of a cursor that must have exactly {@code count} of them, or 400 {@code cursor}. */
    public static String[] decode(String cursor, int count) {
        String[] parts = decode(cursor);
        if (parts.length != count) {
            throw bad();
        }
        return parts;
    }

    public static ProblemException bad() {
        return ProblemException.badRequest("cursor", "the cursor is not one this service gave out");
    }
}
