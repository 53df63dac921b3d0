package org.susong.applications.domain;

import java.util.Optional;
import org.susong.commons.states.StoredText;

/**
 * The outcome of an eligibility decision ({@code EligibilityDecided.v1} {@code outcome}) and the status it gives the
 * application in the decision's round; the timeline keeps it as the fact kind {@code DECIDED_<outcome>}.
 */
public enum DecisionOutcome implements StoredText {
    APPROVED(ApplicationStatus.APPROVED),
    REJECTED(ApplicationStatus.REJECTED),
    /** Eligibility could not decide automatically: an officer reviews it. */
    REVIEW_REQUIRED(ApplicationStatus.UNDER_REVIEW);

    private final ApplicationStatus status;

    DecisionOutcome(ApplicationStatus status) {
        this.status = status;
    }

    /** The status the decision establishes in its round. */
    public ApplicationStatus status() {
        return status;
    }

    /** The timeline fact kind of the decision, e.g. {@code DECIDED_APPROVED}. */
    public String factKind() {
        return FactKind.DECIDED_PREFIX + name();
    }

    /** The outcome of the text as published; empty for a value this service does not know. */
    public static Optional<DecisionOutcome> of(String outcome) {
        return StoredText.find(DecisionOutcome.class, outcome);
    }
}
