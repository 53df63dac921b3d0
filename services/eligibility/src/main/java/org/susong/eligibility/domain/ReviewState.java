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
    /**
     * An appeal is being upheld: the shares an interrupted or concurrent approval of it took are going back; only the
     * uphold's retry completes it.
     */
    UPHOLDING,
    /** Decided: the outcome is the officer's. */
    DONE;

    @Override
    public Set<ReviewState> next() {
        return switch (this) {
            case OPEN -> EnumSet.of(AWAITING_SECOND, REJECTING, LOWERING, UPHOLDING, DONE);
            case AWAITING_SECOND -> EnumSet.of(REJECTING, LOWERING, UPHOLDING, DONE);
            case REJECTING, LOWERING, UPHOLDING -> EnumSet.of(DONE);
            case DONE -> EnumSet.noneOf(ReviewState.class);
        };
    }

    /**
     * Whether an officer may still take an upholding of the appeal here (not while a rejection or lowering runs; an
     * uphold under way is finished by its retry).
     */
    public boolean takesUpholding() {
        return this == OPEN || this == AWAITING_SECOND || this == UPHOLDING;
    }

    /**
     * Whether no approval can complete from here on: a rejection or an uphold under way, a lowering (which completes
     * only its own lower amount, taking nothing), or done. An approval that took shares and lost its write to such a
     * state gives them back; in any other (OPEN, AWAITING_SECOND) an approval may still complete with them.
     */
    public boolean closedToApprovals() {
        return this == REJECTING || this == UPHOLDING || this == LOWERING || this == DONE;
    }

    /** The state of the stored text; none (null: not a review) stays none. */
    public static ReviewState of(String stored) {
        return StoredText.of(ReviewState.class, stored);
    }
}
