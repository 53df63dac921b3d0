package org.susong.eligibility.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the eligibility service. */
@ConfigMapping(prefix = "susong.eligibility")
public interface EligibilityConfig {

    /** B1 tiers in fen per category. PLACEHOLDERS: the source gives only the 200,000-5,000,000 CNY range. */
    B1Tiers b1();

    interface B1Tiers {
        /** First-time or renewed national high-tech enterprise certification (placeholder 300,000 CNY). */
        @WithDefault("30000000")
        long highTechEnterpriseFen();

        /** First-time national specialised "little giant" SME (placeholder 500,000 CNY). */
        @WithDefault("50000000")
        long littleGiantFen();

        /** National manufacturing single-champion demonstration enterprise (placeholder 5,000,000 CNY). */
        @WithDefault("500000000")
        long singleChampionFen();

        /** National technology-innovation demonstration enterprise (placeholder 1,000,000 CNY). */
        @WithDefault("100000000")
        long techInnovationDemoFen();
    }
}
