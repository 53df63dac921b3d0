package org.susong.applications.domain;

import java.time.Instant;

/**
 * One value an applicant was registered under: its name or its district (the district's code), in effect from
 * {@code effectiveFrom} until the next value of the same field; {@code changeId} the approved change that set it
 * (none for the value given at registration).
 */
public record RegisteredValue(Field field, String value, Instant effectiveFrom, String changeId) {

    /** Which registered value; written and answered in lower case ({@code name}, {@code district}). */
    public enum Field {
        NAME, DISTRICT;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static Field ofWire(String wire) {
            return valueOf(wire.toUpperCase(java.util.Locale.ROOT));
        }
    }
}
