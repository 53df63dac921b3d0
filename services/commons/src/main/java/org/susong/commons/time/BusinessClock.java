package org.susong.commons.time;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The one clock of a service. Business dates (fiscal year, cap year, validity, deadlines) are
 * read in Asia/Shanghai; {@code susong.clock.fixed} pins the instant for demos and tests.
 */
@ApplicationScoped
public class BusinessClock {

    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    @Produces
    @DefaultBean
    @ApplicationScoped
    Clock clock(@ConfigProperty(name = "susong.clock.fixed") Optional<Instant> fixed) {
        return of(fixed, Optional.empty(), Optional.empty());
    }

    static Clock of(Optional<Instant> fixed, Optional<java.time.LocalDate> businessDate, Optional<Instant> setAt) {
        return fixed.map(instant -> Clock.fixed(instant, ZONE)).orElseGet(() -> Clock.system(ZONE));
    }
}
