package org.susong.e2e;

import java.time.LocalDate;
import java.time.ZoneId;
import org.susong.infra.local.BusinessDate;

/**
 * The business date the end-to-end suite runs the services on (failsafe's {@code susong.clock.business-date}, from
 * {@code -Dsusong.e2e.business-date}, default 2026-06-15: inside the measures' 2024-2026 window whatever the machine's
 * date), so the tests' dates (certificate years, signing dates) agree with the services' clock.
 */
final class BusinessDates {

    private static final BusinessDate SET = BusinessDate.fromSystemProperty().orElse(null);

    private BusinessDates() {
    }

    /** Today on the services' business clock (the real date when no business date is set). */
    static LocalDate today() {
        return SET == null ? LocalDate.now(ZoneId.of("Asia/Shanghai")) : SET.today();
    }
}
