package org.susong.funds.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Reference data the service seeds itself with. */
@ConfigMapping(prefix = "susong.seed")
public interface SeedConfig {

    /** Seed the funds at start-up (the run command calls {@code POST /admin/seed} instead). */
    @WithDefault("false")
    boolean onStart();

    /** Class-path resource holding the funds to seed. */
    @WithDefault("seed/funds.json")
    String fundsResource();
}
