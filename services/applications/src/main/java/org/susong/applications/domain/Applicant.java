package org.susong.applications.domain;

import java.time.Instant;
import org.susong.commons.ids.District;
import org.susong.commons.ids.Uscc;

/**
 * A beneficiary known to the platform, identified by its unified social credit code. A code that
 * fails its check character is only registered with an officer's override and reason.
 */
public record Applicant(Uscc uscc, String name, ApplicantType type, District district, CheckOverride checkOverride,
                        Instant registeredAt, String registeredBy) {

    /** Who accepted a code whose check character fails, and why. */
    public record CheckOverride(String officer, String reason, char expected) {
    }

    /**
     * Registers an applicant. A failed check character needs an officer and a reason.
     *
     * @throws UsccCheckFailed when the check fails and no acceptable override is given
     */
    public static Applicant register(Uscc uscc, String name, ApplicantType type, District district, String overrideReason,
                                     boolean actorIsOfficer, String actor, Instant now) {
        CheckOverride override = null;
        if (!uscc.checkCharacterValid()) {
            if (overrideReason == null || overrideReason.isBlank() || !actorIsOfficer) {
                throw new UsccCheckFailed(uscc, uscc.expectedCheckCharacter());
            }
            override = new CheckOverride(actor, overrideReason.trim(), uscc.expectedCheckCharacter());
        }
        return new Applicant(uscc, name.trim(), type, district, override, now, actor);
    }

    /** The check character of a USCC does not match; carries the character GB 32100-2015 expects. */
    public static final class UsccCheckFailed extends RuntimeException {
        private final char expected;

        public UsccCheckFailed(Uscc uscc, char expected) {
            super("the check character of " + uscc + " should be '" + expected + "' (GB 32100-2015); an officer may"
                    + " register it anyway with a reason");
            this.expected = expected;
        }

        public char expected() {
            return expected;
        }
    }
}
