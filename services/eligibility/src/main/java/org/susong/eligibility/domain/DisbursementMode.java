package org.susong.eligibility.domain;

import org.susong.commons.states.StoredText;

/** How a measure's money is paid ({@code disbursementMode}, stored and published as its name; issue 21 item 2). */
public enum DisbursementMode implements StoredText {
    /** A grant to the beneficiary. */
    GRANT,
    /** An investment into the measure's fund ({@code fundCode}). */
    INVESTMENT,
    /** Either, as the application chooses. */
    EITHER
}
