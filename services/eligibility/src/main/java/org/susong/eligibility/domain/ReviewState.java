package org.susong.eligibility.domain;

import java.util.EnumSet;
import java.util.Set;
import org.susong.commons.states.StoredText;
import org.susong.commons.states.Transitions;

/**
 * Where the review of a {@code REVIEW_REQUIRED} decision stands ({@code reviewState}, stored as its name; issue 21
 * item 2). Each step is a conditional update on the state read (persistence {@code DecisionStates}), so of two officers
 * one wins; the moves below are the ones {@code ReviewService} makes.
 */
public enum ReviewState implements Transitions<ReviewState>, StoredText {
    /** Waiting for an officer. */
    OPEN,
    /** A maker approved above the maker-checker threshold; a second, different officer confirms. */
    AWAITING_SECOND,
    /** A rejection is giving back the shares an interrupted approval took; only its retry completes it. */
    REJECTING,
    /** An appeal's lower re-decision is giving the difference back to the caps; only the same amount completes it. */
    LOWERING,
    /** Decided: the outcome is the officer's. */
    DONE;

    @Override
    public Set<ReviewState> next() {
        return switch (this) {
            case OPEN -> EnumSet.of(AWAITING_SECOND, REJECTING, LOWERING, DONE);
            case AWAITING_SECOND -> EnumSet.of(REJECTING, LOWERING, DONE);
            case REJECTING, LOWERING -> EnumSet.of(DONE);
            case DONE -> EnumSet.noneOf(ReviewState.class);
        };
    }

    /** Whether an officer may still take an upholding of the appeal here (not while a rejection or lowering runs). */
    public boolean takesUpholding() {
        return this == OPEN || this == AWAITING_SECOND;
    }

    /** The state of the stored text; none (null: not a review) stays none. */
    public static ReviewState of(String stored) {
        return StoredText.of(ReviewState.class, stored);
    }
}
