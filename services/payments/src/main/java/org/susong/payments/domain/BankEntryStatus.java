package org.susong.payments.domain;

import org.susong.commons.states.StoredText;

/**
 * A camt.053 entry's status ({@code Sts/Cd}, ISO 20022 ExternalEntryStatus1Code; issue 21 item 2): only a booked entry
 * is reconciled. A code outside the list is {@link #OTHER}; an entry without a status, {@link #ABSENT}.
 */
public enum BankEntryStatus implements StoredText {
    BOOK, PDNG, INFO, FUTR, OTHER, ABSENT;

    /** The status of this code as the file spells it. */
    public static BankEntryStatus of(String code) {
        if (code == null) {
            return ABSENT;
        }
        // ABSENT is no code of the list: a file spelling it is OTHER, not reconciled
        return StoredText.find(BankEntryStatus.class, code).filter(s -> s != ABSENT).orElse(OTHER);
    }

    /** Reconciled: booked, or without a status (statements that carry none are booking statements). */
    public boolean reconciled() {
        return this == BOOK || this == ABSENT;
    }
}
