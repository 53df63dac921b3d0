package org.susong.commons.ids;

/**
 * An officer's acceptance of a unified social credit code whose check character fails. Some real
 * pilot-era codes fail GB 32100-2015's check, so a failed check is a finding an officer may
 * override with a reason (architecture.md), not a hard wall.
 */
public record UsccOverride(String officer, String reason, char expected) {

    /**
     * Checks a code where it enters the platform.
     *
     * @param field  the request field that carried the code, named in the failure
     * @return null when the check character is right; the override when an officer gave a reason
     * @throws UsccCheckFailed when the check fails and no officer's reason accepts it
     */
    public static UsccOverride require(Uscc uscc, String field, String reason, boolean actorIsOfficer, String actor) {
        if (uscc.checkCharacterValid()) {
            return null;
        }
        if (reason == null || reason.isBlank() || !actorIsOfficer) {
            throw new UsccCheckFailed(field, uscc);
        }
        return new UsccOverride(actor, reason.trim(), uscc.expectedCheckCharacter());
    }

    /** The check character does not match; carries the field and the character the standard expects. */
    public static final class UsccCheckFailed extends RuntimeException {
        private final String field;
        private final char expected;

        public UsccCheckFailed(String field, Uscc uscc) {
            super("the check character of " + uscc + " should be '" + uscc.expectedCheckCharacter() + "' (GB 32100-2015);"
                    + " an officer may accept the code anyway by giving a reason");
            this.field = field;
            this.expected = uscc.expectedCheckCharacter();
        }

        public String field() {
            return field;
        }

        public char expected() {
            return expected;
        }
    }
}
