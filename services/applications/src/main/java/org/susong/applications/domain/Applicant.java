package org.susong.applications.domain;

import java.time.Instant;
import org.susong.commons.ids.District;
import org.susong.commons.ids.Uscc;
import org.susong.commons.ids.UsccOverride;

/**
 * A beneficiary known to the platform, identified by its unified social credit code. A code that
 * fails its check character is only registered with an officer's override and reason.
 */
public record Applicant(Uscc uscc, String name, ApplicantType type, District district, UsccOverride checkOverride,
                        Instant registeredAt, String registeredBy) {

    /**
     * Registers an applicant. A failed check character needs an officer and a reason.
     *
     * @throws UsccOverride.UsccCheckFailed when the check fails and no acceptable override is given
     */
    public static Applicant register(Uscc uscc, String name, ApplicantType type, District district, String overrideReason,
                                     boolean actorIsOfficer, String actor, Instant now) {
        UsccOverride override = UsccOverride.require(uscc, "uscc", overrideReason, actorIsOfficer, actor);
        return new Applicant(uscc, name.trim(), type, district, override, now, actor);
    }
}
