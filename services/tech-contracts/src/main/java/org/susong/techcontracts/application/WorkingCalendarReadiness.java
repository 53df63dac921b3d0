package org.susong.techcontracts.application;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;
import java.util.stream.Collectors;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Tells ops, in the readiness answer, which of this and next business year the working calendar lacks (issue 24
 * item 5). It stays UP: a deadline counted over such a year is still computed (Monday-Friday less the holidays fixed
 * by date) and flagged provisional; the data says which years to add ({@code calendar-file}), as the gauge
 * {@code susong.tech_contracts.calendar.missing.years} and the start-up warning do.
 */
@Readiness
@ApplicationScoped
public class WorkingCalendarReadiness implements HealthCheck {

    private final ReferenceData reference;
    private final Clock clock;

    WorkingCalendarReadiness(ReferenceData reference, Clock clock) {
        this.reference = reference;
        this.clock = clock;
    }

    @Override
    public HealthCheckResponse call() {
        List<Integer> missing = reference.missingYears(clock);
        HealthCheckResponseBuilder response = HealthCheckResponse.named("working-calendar").up();
        if (missing.isEmpty()) {
            return response.build();
        }
        return response.withData("missingYears", missing.stream().map(String::valueOf).collect(Collectors.joining(",")))
                .withData("warning", "the working calendar lacks " + missing + ": review deadlines over those years are"
                        + " Monday-Friday less the fixed-date holidays and flagged provisional; add the State Council's"
                        + " holiday notice to susong.tech-contracts.review.calendar-file")
                .build();
    }
}
