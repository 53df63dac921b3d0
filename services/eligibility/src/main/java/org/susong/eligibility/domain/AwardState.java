package org.susong.eligibility.domain;

import org.susong.commons.states.StoredText;

/**
 * Where an automatic award's proposal stands ({@code proposals.<seq>.state} of {@code awards}, and the award's own
 * {@code state}; stored as its name; issue 21 item 2). The persistence guards move it ({@code AwardWrites.claim}:
 * PROPOSED to FINALISED; a contract's cancellation: CANCELLED); the application only asks where it is.
 */
public enum AwardState implements StoredText {
    /** Proposed, holding its cap share; the applicant's decision finalises it. */
    PROPOSED,
    /** Nothing proposed: the caps were used up. */
    CAP_EXHAUSTED,
    /** Claimed by the decision that finalised it. */
    FINALISED,
    /** The contract was cancelled: it holds nothing more. */
    CANCELLED;

    /** The state of the stored text; none (null) stays none. */
    public static AwardState of(String stored) {
        return StoredText.of(AwardState.class, stored);
    }
}
