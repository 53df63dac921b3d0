package org.susong.commons.seed;

import java.util.List;

/**
 * A service's seed data (its measures, its budget lines): written once, what exists already is left as it is. Run
 * at start-up by {@link SeedOnStart} when {@code susong.seed.on-start} is true, and by the service's seed endpoint.
 */
public interface Seeder {

    /** What a seeding created and what it found already there (by id). */
    record SeedResult(List<String> created, List<String> existing) {
    }

    SeedResult seed(String actor);
}
