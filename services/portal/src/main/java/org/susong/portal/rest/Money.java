package org.susong.portal.rest;

import io.quarkus.qute.TemplateExtension;
import java.util.Locale;

/**
 * The pages' amounts in templates (every page's, not only finance's): {@code {money:yuan(fen)}} (integer fen as yuan, "3,000,000.00", as
 * {@link Formats}) and {@code {money:share(basisPoints)}} ("12.34%"), {@code {money:plain(fen)}} (yuan, no separators, for data attributes).
 */
@TemplateExtension(namespace = "money")
public final class Money {

    private Money() {
    }

    /** Integer fen as yuan; empty for none (an amount the service has not set yet). */
    static String yuan(Long fen) {
        return fen == null ? "" : Formats.yuan(fen);
    }

    /** Integer fen as yuan without separators ("1234567.89"), for a chart's data attributes. */
    static String plain(long fen) {
        return Formats.yuan(fen).replace(",", "");
    }

    static String share(long basisPoints) {
        return String.format(Locale.ROOT, "%d.%02d%%", basisPoints / 100, Math.abs(basisPoints % 100));
    }

    /** When something happened, in Xiamen's time ("2026-06-15 17:00"); empty for none. */
    static String time(String iso) {
        return Formats.time(iso);
    }
}
