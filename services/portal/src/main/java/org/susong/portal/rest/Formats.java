package org.susong.portal.rest;

import io.quarkus.qute.TemplateExtension;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import org.susong.portal.client.ApplicationRow;
import org.susong.portal.client.Decision;

/** How pages show amounts and times: yuan with two decimals, times in Xiamen's zone. */
public final class Formats {

    private static final ZoneId XIAMEN = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(XIAMEN);

    private Formats() {
    }

    /** {@code {decision.yuan}}: the amount decided, integer fen shown as yuan ("3,000,000.00"). */
    @TemplateExtension
    static String yuan(Decision decision) {
        return yuan(decision.amountFen());
    }

    static String yuan(long fen) {
        String sign = fen < 0 ? "-" : "";
        long abs = Math.abs(fen);
        return sign + String.format(Locale.ROOT, "%,d.%02d", abs / 100, abs % 100);
    }

    /** {@code {row.submitted}}: when it was submitted, in Xiamen's time; empty for a draft. */
    @TemplateExtension
    static String submitted(ApplicationRow row) {
        return time(row.submittedAt());
    }

    static String time(String iso) {
        if (iso == null || iso.isBlank()) {
            return "";
        }
        try {
            return MINUTES.format(Instant.parse(iso));
        } catch (DateTimeParseException e) {
            return iso;
        }
    }
}
