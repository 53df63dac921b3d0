package org.susong.eligibility.domain;

import org.susong.commons.states.StoredText;

/** What a decision says ({@code outcome}, stored and published in {@code EligibilityDecided.v1} as its name). */
public enum Outcome implements StoredText {
    APPROVED,
    REJECTED,
    /** A criterion needs a person: an officer decides. */
    REVIEW_REQUIRED;

    /** The outcome of the stored text; none (null) stays none. */
    public static Outcome of(String stored) {
        return StoredText.of(Outcome.class, stored);
    }
}
