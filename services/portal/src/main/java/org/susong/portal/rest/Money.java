package org.susong.portal.rest;

import io.quarkus.qute.TemplateExtension;
import java.util.Locale;

/**
 * The finance pages' numbers in templates: {@code {money:yuan(fen)}} (integer fen as yuan, "3,000,000.00", as
 * {@link Formats}) and {@code {money:share(basisPoints)}} ("12.34%").
 */
@TemplateExtension(namespace = "money")
public final class Money {

    private Money() {
    }

    static String yuan(long fen) {
        return Formats.yuan(fen);
    }

    static String share(long basisPoints) {
        return String.format(Locale.ROOT, "%d.%02d%%", basisPoints / 100, Math.abs(basisPoints % 100));
    }

    /** When something happened, in Xiamen's time ("2026-06-15 17:00"); empty for none. */
    static String time(String iso) {
        return Formats.time(iso);
    }
}
