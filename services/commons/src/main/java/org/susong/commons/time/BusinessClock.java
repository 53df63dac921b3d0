package org.susong.commons.time;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The one clock of a service. Business dates (fiscal year, cap year, validity, deadlines) are
 * read in Asia/Shanghai.
 * <ul>
 *   <li>{@code susong.clock.fixed} (an instant) stops the clock there: for tests that need one exact instant.</li>
 *   <li>{@code susong.clock.business-date} (a date, env {@code SUSONG_CLOCK_BUSINESS_DATE}) is a business date set
 *   for a demo or the end-to-end suite: the clock reads that date, at the Asia/Shanghai time of day of the moment
 *   it was set ({@code susong.clock.business-date-set-at}, an instant; default: when this service started), and
 *   runs on at normal speed from there (an offset clock), so timers, public-notice windows and payment rounds work.
 *   {@code ./platform run --business-date} sets both for every service, so all read the same time, also a service
 *   the launcher starts again later.</li>
 * </ul>
 * Both at once is a configuration error. Without either, the system clock.
 */
@ApplicationScoped
public class BusinessClock {

    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    @Produces
    @DefaultBean
    @ApplicationScoped
    Clock clock(@ConfigProperty(name = "susong.clock.fixed") Optional<Instant> fixed,
                @ConfigProperty(name = "susong.clock.business-date") Optional<LocalDate> businessDate,
                @ConfigProperty(name = "susong.clock.business-date-set-at") Optional<Instant> setAt) {
        return of(fixed, businessDate, setAt);
    }

    static Clock of(Optional<Instant> fixed, Optional<LocalDate> businessDate, Optional<Instant> setAt) {
        if (fixed.isPresent() && businessDate.isPresent()) {
            throw new IllegalStateException("susong.clock.fixed (" + fixed.get() + ") and susong.clock.business-date ("
                    + businessDate.get() + ") are both set; set one of them");
        }
        if (fixed.isPresent()) {
            return Clock.fixed(fixed.get(), ZONE);
        }
        Clock system = Clock.system(ZONE);
        if (businessDate.isEmpty()) {
            return system;
        }
        Instant anchor = setAt.orElseGet(system::instant);
        Instant start = businessDate.get().atTime(LocalTime.ofInstant(anchor, ZONE)).atZone(ZONE).toInstant();
        return Clock.offset(system, Duration.between(anchor, start));
    }
}
