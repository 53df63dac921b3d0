package org.susong.funds.application;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import org.susong.funds.persistence.FundRepository;

/**
 * Brings fund documents of older formats to the current one at start-up, on every replica (each
 * step is conditional and idempotent). Today one step: the first seed format, whose capital was an
 * array, which the capital, call and conversion updates cannot move ({@link FundRepository#migrateFirstFormat}).
 * A generic migration runner in commons is to replace this.
 */
@ApplicationScoped
public class FundFormatMigration {

    private static final Logger LOG = Logger.getLogger(FundFormatMigration.class);

    private final FundRepository funds;

    FundFormatMigration(FundRepository funds) {
        this.funds = funds;
    }

    void onStart(@Observes StartupEvent event) {
        migrate();
    }

    /** @return how many fund documents were migrated */
    public int migrate() {
        int migrated = funds.migrateFirstFormat();
        if (migrated > 0) {
            LOG.infof("%d fund documents of the first seed format migrated (capital by source, called, uncommitted)",
                    migrated);
        }
        return migrated;
    }
}
