package org.susong.eligibility.domain;

import org.susong.commons.states.StoredText;

/**
 * Where a call stands as stored in {@code calls.state} (issue 19). OPEN takes applications (and, after its window, is
 * scored); RANKING has its ranking stored (intent) and its decisions being written; AWARDED has every decision and its
 * {@code CallClosed}; REFUSED: payments could not reserve its envelope; CANCELLED: an administrator cancelled it
 * before its ranking. The stored text ({@link StoredText#stored()}, the constant's name) is unchanged from the strings stored
 * before this type existed.
 */
public enum CallState implements StoredText {
    OPEN, RANKING, AWARDED, REFUSED, CANCELLED;

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
    public enum Entry implements StoredText {
        AWAITING_SCORING;

        /** The entry state of a stored text; an unknown text is a broken document (thrown, never guessed). */
        public static Entry of(String stored) {
            return read(Entry.class, stored, "call entry state");
        }
    }

    /** What the ranking gives an application: an award (APPROVED) or NOT_FUNDED (the rank answer's {@code outcome}). */
    public enum Award implements StoredText {
        APPROVED, NOT_FUNDED;

        public static Award of(long awardedFen) {
            return awardedFen > 0 ? APPROVED : NOT_FUNDED;
        }
    }

    /** Strict: a call's document always holds its state, so none is as broken as an unknown text. */
    private static <E extends Enum<E> & StoredText> E read(Class<E> type, String stored, String what) {
        if (stored == null) {
            throw new IllegalStateException("no " + what);
        }
        try {
            return StoredText.of(type, stored);
        } catch (IllegalArgumentException unknown) {
            throw new IllegalStateException(what + ": " + unknown.getMessage(), unknown);
        }
    }
}
