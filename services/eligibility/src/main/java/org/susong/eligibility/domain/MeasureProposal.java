package org.susong.eligibility.domain;

import java.util.EnumSet;
import java.util.Set;
import org.susong.commons.states.StoredText;
import org.susong.commons.states.Transitions;

/**
 * A measure version proposed by one administrator and published only when a second one approves it
 * (maker-checker, issue 23). {@code basedOn} is the version it follows (a version published meanwhile makes it
 * stale); ids are principal ids (token subjects).
 */
public record MeasureProposal(String proposalId, String code, State state, int basedOn, String proposedBy,
                              String approvedBy, Measure definition) {

    /** Where a proposal stands ({@code proposals.<id>.state}, stored and answered as its name; issue 21 item 2). */
    public enum State implements Transitions<State>, StoredText {
        /** Waiting for a second administrator. */
        PROPOSED,
        /** Approved and published (by {@code approvedBy}). */
        PUBLISHED;

        @Override
        public Set<State> next() {
            return this == PROPOSED ? EnumSet.of(PUBLISHED) : EnumSet.noneOf(State.class);
        }

        /** The state of the stored text; none (null) stays none. */
        public static State of(String stored) {
            return StoredText.of(State.class, stored);
        }
    }
}
