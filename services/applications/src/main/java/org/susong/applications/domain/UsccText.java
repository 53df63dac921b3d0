package org.susong.applications.domain;

import java.text.Normalizer;
import java.util.Locale;

/**
 * A USCC as someone typed it, made canonical before any key is built from it (issue 23 item 8): Unicode
 * NFKC (full-width digits and letters become ASCII, an ideographic space a space), spaces and hyphens
 * dropped, upper case. So "９１３５ 0200-ma…" and "91350200MA…" are one applicant, one duplicate slot,
 * one idempotency scope. The shape (18 characters of the GB 32100 alphabet) is checked after this.
 */
public final class UsccText {

    private UsccText() {
    }

    public static String canonical(String typed) {
        if (typed == null) {
            return null;
        }
        return Normalizer.normalize(typed, Normalizer.Form.NFKC).replaceAll("[\\s\\-\\u2010-\\u2015\\u2212]", "")
                .toUpperCase(Locale.ROOT);
    }
}
