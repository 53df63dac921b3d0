package org.susong.payments.application;

/** The reasons of {@code BudgetReleased.v1} (docs/events.md). */
public final class ReleaseReasons {

    public static final String WITHDRAWN = "WITHDRAWN";
    public static final String OBJECTION_UPHELD = "OBJECTION_UPHELD";
    public static final String WAITLIST_LAPSED = "WAITLIST_LAPSED";
    /** A year-end close with the measure's rule LAPSE released an order holding its unpaid reservation. */
    public static final String YEAR_END_LAPSED = "YEAR_END_LAPSED";
    public static final String CONVERSION_REJECTED = "CONVERSION_REJECTED";
    public static final String APPEAL_REJECTED = "APPEAL_REJECTED";
    public static final String RECOVERED = "RECOVERED";
    /** An approved re-decision on appeal replaces the superseded decision's unpaid order (eligibility keeps the cap). */
    public static final String SUPERSEDED = "SUPERSEDED";

    private ReleaseReasons() {
    }
}
