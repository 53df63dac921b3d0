package org.susong.eligibility.domain;

import java.util.Optional;
import org.susong.commons.states.StoredText;

/**
 * What an officer's review step says ({@code outcome} of a review command, stored on {@code maker} and each of
 * {@code reviews} as its name; issue 21 item 2). {@link #UPHELD} only on an appeal's decision: the appealed decision
 * stands as it was.
 */
public enum Verdict implements StoredText {
    APPROVED,
    REJECTED,
    UPHELD;

    /** The verdict of a command's or a stored step's text; empty for any other text (a command's 400). */
    public static Optional<Verdict> find(String text) {
        return StoredText.find(Verdict.class, text);
    }
}
