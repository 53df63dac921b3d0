package org.susong.applications.config;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * A bank-account cooling-off too short to let the applicant object (PT0S makes a second officer's approval the account
 * at once) refuses to start outside the local, test and dev profiles; a negative one anywhere. The floor is
 * {@code susong.applications.bank-account.cooling-off-floor} (PT24H unless set).
 */
@ApplicationScoped
public class CoolingOffGuard {

    /** Profiles whose short cooling-offs (local PT5S, test PT2S) are for watching a change take effect. */
    static final Set<String> SHORT_ALLOWED = Set.of("local", "test", "dev");

    void check(@Observes StartupEvent start, ApplicationsConfig config) {
        require(ConfigUtils.getProfiles(), config.bankAccount().coolingOff(), config.bankAccount().coolingOffFloor());
    }

    static void require(List<String> profiles, Duration coolingOff, Duration floor) {
        boolean shortAllowed = profiles.stream().anyMatch(SHORT_ALLOWED::contains);
        if (!shortAllowed && coolingOff.compareTo(floor) < 0) {
            throw new IllegalStateException("susong.applications.bank-account.cooling-off=" + coolingOff + " is below"
                    + " the floor " + floor + " (susong.applications.bank-account.cooling-off-floor) in the profiles "
                    + profiles + ": the applicant would have no time to object to a bank-account change it did not"
                    + " ask for, so this service refuses to start. Short periods are for the local, test and dev"
                    + " profiles only.");
        }
        if (coolingOff.isNegative()) {
            throw new IllegalStateException("susong.applications.bank-account.cooling-off=" + coolingOff
                    + " is negative: an approved bank-account change would be effective before its approval");
        }
    }
}
