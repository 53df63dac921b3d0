package org.susong.commons.seed;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Seeds at start-up when {@code susong.seed.on-start} is true (tests, demos), after the schema migrations (their
 * observer runs first), as the system actor.
 */
@ApplicationScoped
public class SeedOnStart {

    static final String SYSTEM = "system;system;;";

    void onStart(@Observes StartupEvent event, Instance<Seeder> seeders,
                 @ConfigProperty(name = "susong.seed.on-start", defaultValue = "false") boolean seed) {
        if (seed) {
            seeders.forEach(s -> s.seed(SYSTEM));
        }
    }
}
