package org.susong.eligibility.domain;

import java.util.EnumSet;
import java.util.Set;
import org.susong.commons.states.StoredText;
import org.susong.commons.states.Transitions;

/**
 * Where a certification-list import stands ({@code state} of a list import, stored as its name; issue 21 item 2):
 * checked and proposed by one administrator, approved by a second (maker-checker).
 */
public enum ImportState implements Transitions<ImportState>, StoredText {
    /** Checked, nothing listed yet: a second administrator approves it. */
    PROPOSED,
    /** Approved: its entries are listed and awarded (an approval again finishes what is missing). */
    APPROVED;

    @Override
    public Set<ImportState> next() {
        return this == PROPOSED ? EnumSet.of(APPROVED) : EnumSet.noneOf(ImportState.class);
    }

    /** The state of the stored text; none (null) stays none. */
    public static ImportState of(String stored) {
        return StoredText.of(ImportState.class, stored);
    }
}
