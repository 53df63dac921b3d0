package org.susong.eligibility.domain;

import java.util.Arrays;

/**
 * Where a call stands as stored in {@code calls.state} (issue 19). OPEN takes applications (and, after its window, is
 * scored); RANKING has its ranking stored (intent) and its decisions being written; AWARDED has every decision and its
 * {@code CallClosed}; REFUSED: payments could not reserve its envelope; CANCELLED: an administrator cancelled it
 * before its ranking. The stored text is the constant's {@link #stored()} text, unchanged from the strings stored
 * before this type existed.
 */
public enum CallState {
    OPEN("OPEN"),
    RANKING("RANKING"),
    AWARDED("AWARDED"),
    REFUSED("REFUSED"),
    CANCELLED("CANCELLED");

    private final String stored;

    CallState(String stored) {
        this.stored = stored;
    }

    /** The text stored in {@code calls.state} and shown in answers. */
    public String stored() {
        return stored;
    }

    /** Ranked: its ranking is stored (RANKING, AWARDED). */
    public boolean ranked() {
        return this == RANKING || this == AWARDED;
    }

    /** The state of a stored text; an unknown text is a broken document (thrown, never guessed). */
    public static CallState of(String stored) {
        return Arrays.stream(values()).filter(s -> s.stored.equals(stored)).findFirst()
                .orElseThrow(() -> new IllegalStateException("unknown call state '" + stored + "'"));
    }

    /**
     * An application's entry in a call ({@code call_entries.state}): entered and awaiting its score sheets. Once the
     * call is ranked the sheet shows the call's state.
     */
    public enum Entry {
        AWAITING_SCORING("AWAITING_SCORING");

        private final String stored;

        Entry(String stored) {
            this.stored = stored;
        }

        public String stored() {
            return stored;
        }

        /** The entry state of a stored text; an unknown text is a broken document (thrown, never guessed). */
        public static Entry of(String stored) {
            return Arrays.stream(values()).filter(s -> s.stored.equals(stored)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("unknown call entry state '" + stored + "'"));
        }
    }

    /** What the ranking gives an application: an award (APPROVED) or NOT_FUNDED (the rank answer's {@code outcome}). */
    public enum Award {
        APPROVED, NOT_FUNDED;

        public static Award of(long awardedFen) {
            return awardedFen > 0 ? APPROVED : NOT_FUNDED;
        }
    }
}
