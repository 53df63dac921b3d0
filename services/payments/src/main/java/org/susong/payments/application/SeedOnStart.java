package org.susong.payments.application;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Seeds the budget lines at start-up when {@code susong.seed.on-start} is true (tests, demos). */
@ApplicationScoped
public class SeedOnStart {

    void onStart(@Observes StartupEvent event, BudgetService budgets,
                 @ConfigProperty(name = "susong.seed.on-start", defaultValue = "false") boolean seed) {
        if (seed) {
            budgets.seed("system;system;;");
        }
    }
}
