package org.susong.eligibility.domain;

/** What a decision says. */
public enum Outcome {
    APPROVED,
    REJECTED,
    /** A criterion needs a person: an officer decides. */
    REVIEW_REQUIRED
}
