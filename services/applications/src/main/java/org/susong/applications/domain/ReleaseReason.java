package org.susong.applications.domain;

import java.util.Optional;
import org.susong.commons.states.StoredText;

/**
 * Why payments released an order's money ({@code BudgetReleased.v1} {@code reason}) and what that
 * means for the application. A release is final for the order, so each reason either ends the
 * application (its status no longer {@link ApplicationStatus#open()}, its duplicate slot freed) or
 * names the fact that decides instead. {@code ReleaseReasonContractTest} keeps this list equal to the
 * reasons of payments' event contract.
 */
public enum ReleaseReason implements StoredText {
    /** The applicant withdrew. */
    WITHDRAWN(ApplicationStatus.WITHDRAWN),
    /** An officer upheld an objection raised during the public notice. */
    OBJECTION_UPHELD(ApplicationStatus.CLOSED),
    /** The budget line never freed enough money for a waitlisted order. */
    WAITLIST_LAPSED(ApplicationStatus.CLOSED),
    /** The fiscal year was closed with the measure's rule LAPSE while the order held its unpaid reservation. */
    YEAR_END_LAPSED(ApplicationStatus.CLOSED),
    /** A fund refused the conversion and an officer upheld the hold instead of paying a grant. */
    CONVERSION_REJECTED(ApplicationStatus.CLOSED),
    /** The award was revoked before it was paid. */
    RECOVERED(ApplicationStatus.CLOSED),
    /**
     * The order of a decision that a re-decision (appeal or re-evaluation, {@code supersedes}) replaced
     * without approving: that decision, in its own later round, decides the status; this fact only informs.
     */
    APPEAL_REJECTED(null),
    /**
     * The unpaid order of a decision that a re-decision approved again on appeal ({@code supersedes}): the
     * re-decision's own order replaces it, and that decision, in its own later round, decides the status.
     */
    SUPERSEDED(null);

    private final ApplicationStatus status;

    ReleaseReason(ApplicationStatus status) {
        this.status = status;
    }

    /** The status the release establishes in its round; empty when a later round's decision decides. */
    public Optional<ApplicationStatus> status() {
        return Optional.ofNullable(status);
    }

    /** The reason of the text as published; empty for a value this service does not know. */
    public static Optional<ReleaseReason> of(String reason) {
        return StoredText.find(ReleaseReason.class, reason);
    }
}
