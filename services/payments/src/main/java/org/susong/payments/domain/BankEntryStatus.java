package org.susong.payments.domain;

import java.util.Arrays;

/**
 * A camt.053 entry's status ({@code Sts/Cd}, ISO 20022 ExternalEntryStatus1Code; issue 21 item 2): only a booked entry
 * is reconciled. A code outside the list is {@link #OTHER}; an entry without a status, {@link #ABSENT}.
 */
public enum BankEntryStatus {
    BOOK, PDNG, INFO, FUTR, OTHER, ABSENT;

    /** The status of this code as the file spells it. */
    public static BankEntryStatus of(String code) {
        if (code == null) {
            return ABSENT;
        }
        return Arrays.stream(values()).filter(s -> s != OTHER && s != ABSENT && s.name().equals(code)).findFirst()
                .orElse(OTHER);
    }

    /** Reconciled: booked, or without a status (statements that carry none are booking statements). */
    public boolean reconciled() {
        return this == BOOK || this == ABSENT;
    }
}
