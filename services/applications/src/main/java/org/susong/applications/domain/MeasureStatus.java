package org.susong.applications.domain;

import java.util.Optional;
import org.susong.commons.states.StoredText;

/**
 * A measure's status as eligibility publishes it ({@code MeasurePublished.v1} {@code status}); the projection keeps the
 * text as received. Eligibility moves a measure between them; this service only asks whether it takes applications.
 */
public enum MeasureStatus implements StoredText {
    /** Takes applications (within its validity window). */
    OPEN,
    /** Takes no new applications; appeals and payments of earlier awards go on. */
    CLOSED,
    /** Published for information only: never applied for. */
    INFORMATIONAL;

    /** Whether a new application may be filed under a measure in this status. */
    public boolean takesApplications() {
        return this == OPEN;
    }

    /** The status of the text as published; empty for a value this service does not know (it takes no applications). */
    public static Optional<MeasureStatus> of(String status) {
        return StoredText.find(MeasureStatus.class, status);
    }
}
