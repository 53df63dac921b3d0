package org.susong.applications.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the applications service ({@code susong.applications.*}). */
@ConfigMapping(prefix = "susong.applications")
public interface ApplicationsConfig {

    Idempotency idempotency();

    BankAccount bankAccount();

    Imports imports();

    FollowUp followUp();

    interface Idempotency {
        /** How long an Idempotency-Key and its answer are kept on the application (the store has no TTL). */
        @WithDefault("PT24H")
        Duration retention();

        /** How often expired idempotency records are purged (scheduler interval). */
        @WithDefault("1h")
        String purgeEvery();
    }

    interface BankAccount {
        /** Time between a checker's approval of a bank-account change and its effect (placeholder: no source gives one). */
        @WithDefault("P3D")
        Duration coolingOff();

        /**
         * The least cooling-off the service starts with outside the local, test and dev profiles ({@code CoolingOffGuard});
         * lowering it is a decision to document, not a tuning knob.
         */
        @WithDefault("PT24H")
        Duration coolingOffFloor();

        /** How often approved changes whose cooling-off has passed are made effective (scheduler interval). */
        @WithDefault("1m")
        String promoteEvery();
    }

    interface Imports {
        /** Most rows one import file may hold. */
        @WithDefault("20000")
        int maxRows();
    }

    interface FollowUp {
        /** How often the sweep finishes follow-up work a failed request left (waiting proposals, waiting payee snapshots). */
        @WithDefault("1m")
        String sweepEvery();
    }
}
