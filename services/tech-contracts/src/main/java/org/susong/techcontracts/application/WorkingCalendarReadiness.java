package org.susong.techcontracts.application;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Stub. */
@Readiness
@ApplicationScoped
public class WorkingCalendarReadiness implements HealthCheck {

    WorkingCalendarReadiness(ReferenceData reference, Clock clock) {
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("working-calendar").up().build();
    }
}
