package org.susong.eligibility.domain;

/** Whether a measure takes applications. */
public enum MeasureStatus {
    /** Applications are taken and decided. */
    OPEN,
    /** Closed to new applications. */
    CLOSED,
    /** Listed so people know it exists; the source gives no money rule the platform could apply. */
    INFORMATIONAL
}
