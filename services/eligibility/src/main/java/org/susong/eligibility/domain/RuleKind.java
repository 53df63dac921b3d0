package org.susong.eligibility.domain;

import org.susong.commons.states.StoredText;

/** How a measure's rule decides ({@code rule.kind}, stored as its name; issue 21 item 2). */
public enum RuleKind implements StoredText {
    /** No rule the platform applies (an informational measure). */
    NONE,
    /** CEL criteria and amount, decided automatically. */
    CEL,
    /** An officer decides and sets the amount. */
    MANUAL_REVIEW
}
