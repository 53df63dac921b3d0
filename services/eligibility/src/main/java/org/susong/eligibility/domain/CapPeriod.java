package org.susong.eligibility.domain;

import org.susong.commons.states.StoredText;

/** What a measure's cap counts per ({@code capPeriod}, stored and published as its name; issue 21 item 2). */
public enum CapPeriod implements StoredText {
    /** Per beneficiary and cap year. */
    YEAR,
    /** Per project ({@code capKey} names it). */
    PROJECT,
    /** Once per certificate ({@code capKey} names it): a second award of the same certificate takes nothing. */
    CERTIFICATE
}
