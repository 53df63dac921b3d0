package org.susong.payments.domain;

import java.util.Set;
import org.susong.commons.states.StoredText;

/**
 * Why an order's money went back to its line ({@code BudgetReleased.v1}'s {@code reason}, docs/events.md; issue 21
 * item 2: a classification, without moves). Stored and published as its name, the strings of before.
 */
public enum ReleaseReason implements StoredText {
    WITHDRAWN,
    OBJECTION_UPHELD,
    WAITLIST_LAPSED,
    /** A year-end close with the measure's rule LAPSE released an order holding its unpaid reservation. */
    YEAR_END_LAPSED,
    CONVERSION_REJECTED,
    APPEAL_REJECTED,
    RECOVERED,
    /** An approved re-decision on appeal replaces the superseded decision's unpaid order (eligibility keeps the cap). */
    SUPERSEDED;

    /** The reasons of a lapse: the money was not paid in time (a waitlist, a year-end close). */
    public static final Set<ReleaseReason> LAPSES = java.util.EnumSet.of(WAITLIST_LAPSED, YEAR_END_LAPSED);

    /** The reason of this stored name; none (null) stays none. */
    public static ReleaseReason ofStored(String name) {
        return StoredText.of(ReleaseReason.class, name);
    }
}
