package org.susong.commons.persistence.migrations;

import com.mongodb.client.MongoDatabase;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Runs the service's {@link ServiceMigrations} at start-up (issue 21 item 6), before anything reads or writes its
 * documents: the observer's priority ({@value #PRIORITY}) is below the scheduler's start (0) and the messaging
 * connectors' (1000), so no job and no consumer runs on an old format, and below the repositories' index observers
 * (default priority), so a step that needs an index creates it itself. Readiness ({@link MigrationsReadiness}) is DOWN
 * until the run has finished; a run that fails (a step threw, data of a newer build) stops the start.
 */
@ApplicationScoped
public class SchemaMigrations {

    /** Before {@code SimpleScheduler.start} (0) and {@code SmallRyeReactiveMessagingLifecycle} (1000). */
    static final int PRIORITY = -100;

    private static final Logger LOG = Logger.getLogger(SchemaMigrations.class);

    private final MongoDatabase database;
    private final Instance<ServiceMigrations> declared;
    private final Duration lease;
    private volatile MigrationRunner.Report report;

    SchemaMigrations(MongoDatabase database,
                     Instance<ServiceMigrations> declared,
                     @ConfigProperty(name = "susong.migrations.lease", defaultValue = "PT1M") Duration lease) {
        this.database = database;
        this.declared = declared;
        this.lease = lease;
    }

    void onStart(@Observes @Priority(PRIORITY) StartupEvent event) {
        run();
    }

    /** The start-up run; another call runs what is pending since (tests that wrote an old format). */
    public MigrationRunner.Report run() {
        if (!declared.isResolvable()) {
            throw new IllegalStateException("the service declares no ServiceMigrations bean (one per service)");
        }
        String owner = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();
        // lease instants are wall time shared by replicas, not the business clock
        MigrationRunner.Report done = new MigrationRunner(database, Clock.systemUTC(), lease,
                Duration.ofMillis(500), owner).run(declared.get());
        if (!done.ran().isEmpty()) {
            LOG.infof("database %s: migrations %s run, %s already done", database.getName(), done.ran(), done.alreadyDone());
        }
        report = done;
        return done;
    }

    /** The last finished run, or null while the start-up run has not finished. */
    MigrationRunner.Report report() {
        return report;
    }
}
