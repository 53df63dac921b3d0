package org.susong.commons.persistence.migrations;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** DOWN until the start-up schema migrations have run ({@link SchemaMigrations}). */
@Readiness
@ApplicationScoped
public class MigrationsReadiness implements HealthCheck {

    private final SchemaMigrations migrations;

    MigrationsReadiness(SchemaMigrations migrations) {
        this.migrations = migrations;
    }

    @Override
    public HealthCheckResponse call() {
        MigrationRunner.Report done = migrations.report();
        var response = HealthCheckResponse.named("schema-migrations");
        return done == null ? response.down().withData("state", "migrating").build()
                : response.up().withData("applied", done.ran().size() + done.alreadyDone().size()).build();
    }
}
