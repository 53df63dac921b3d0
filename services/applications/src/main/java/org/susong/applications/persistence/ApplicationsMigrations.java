package org.susong.applications.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import org.susong.commons.persistence.migrations.Migration;
import org.susong.commons.persistence.migrations.ServiceMigrations;

/**
 * The stored formats of applications and the steps from older ones (issue 21 item 6, run by commons'
 * SchemaMigrations before the consumers and the scheduled sweeps start). Not migrated, on purpose: a free-text
 * period (no rule recovers the period an officer meant) and a pending account change without {@code requestedByUser}
 * (the maker's principal id was never stored; guessing it is what the fix removed): see docs/services/applications.md.
 */
@ApplicationScoped
public class ApplicationsMigrations implements ServiceMigrations {

    private final ApplicationRepository applications;
    private final LegacyApplications legacy;

    ApplicationsMigrations(ApplicationRepository applications, LegacyApplications legacy) {
        this.applications = applications;
        this.legacy = legacy;
    }

    @Override
    public Map<String, Integer> formatVersions() {
        return Map.of(ApplicationRepository.COLLECTION, 2, "applicants", 1, "application_views", 1, "early_facts", 1,
                "measures", 1, "pending_proposals", 1);
    }

    @Override
    public List<Migration> migrations() {
        return List.of(new Migration("0001-application-created-at-open-slot",
                "applications stored with submittedAt only get createdAt, period, openSlot and an idempotency expiry",
                db -> {
                    // the runner goes before the index observers: the step needs the unique openSlot index to find taken slots
                    applications.createIndexes();
                    return legacy.migrate();
                }));
    }
}
