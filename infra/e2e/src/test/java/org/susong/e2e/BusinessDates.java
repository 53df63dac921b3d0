package org.susong.e2e;

import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneId;
import org.susong.infra.local.BusinessDate;
import org.susong.infra.local.PlatformProcesses;

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

    /**
     * Moves one service's business clock on by {@code days} while the others keep theirs (issue 19: a call's scoring
     * phase starts the day after its window): the service is stopped (SIGKILL, as a crash) and started again on the
     * platform's business date plus {@code days}, anchored at the same moment, so it runs exactly that many days ahead.
     * The platform's own date is left as it was: a later restart of any service reads it again. Answers the moved date.
     */
    static LocalDate moveOn(PlatformProcesses platform, String service, int days) throws IOException {
        BusinessDate set = platform.businessDate().orElseThrow(() -> new IllegalStateException(
                "the platform runs on the real date: no business date to move (susong.clock.business-date)"));
        platform.kill(service);
        platform.withBusinessDate(new BusinessDate(set.date().plusDays(days), set.setAt()));
        try {
            platform.restart(service);
        } finally {
            platform.withBusinessDate(set);
        }
        return set.today().plusDays(days);
    }
}
