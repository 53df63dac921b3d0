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
    OPEN, RANKING, AWARDED, REFUSED, CANCELLED;

    /** The text stored in {@code calls.state} and shown in answers (the constant's name). */
    public String stored() {
        return name();
    }

    /** Ranked: its ranking is stored (RANKING, AWARDED). */
    public boolean ranked() {
        return this == RANKING || this == AWARDED;
    }

    /** The state of a stored text; an unknown text is a broken document (thrown, never guessed). */
    public static CallState of(String stored) {
        return read(CallState.class, stored, "call state");
    }

    /**
     * An application's entry in a call ({@code call_entries.state}): entered and awaiting its score sheets. Once the
     * call is ranked the sheet shows the call's state.
     */
    public enum Entry {
        AWAITING_SCORING;

        /** The text stored in {@code call_entries.state} (the constant's name). */
        public String stored() {
            return name();
        }

        /** The entry state of a stored text; an unknown text is a broken document (thrown, never guessed). */
        public static Entry of(String stored) {
            return read(Entry.class, stored, "call entry state");
        }
    }

    /** What the ranking gives an application: an award (APPROVED) or NOT_FUNDED (the rank answer's {@code outcome}). */
    public enum Award {
        APPROVED, NOT_FUNDED;

        public static Award of(long awardedFen) {
            return awardedFen > 0 ? APPROVED : NOT_FUNDED;
        }
    }

    private static <E extends Enum<E>> E read(Class<E> type, String stored, String what) {
        return Arrays.stream(type.getEnumConstants()).filter(s -> s.name().equals(stored)).findFirst()
                .orElseThrow(() -> new IllegalStateException("unknown " + what + " '" + stored + "'"));
    }
}
