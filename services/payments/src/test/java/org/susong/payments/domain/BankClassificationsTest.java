package org.susong.payments.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 21 item 2: the bank files' classifications as enums, stored and answered as the strings they were. */
class BankClassificationsTest {

    @Test
    void reconciliationOutcomesKeepTheirStoredNames() {
        assertEquals(List.of("SETTLED", "RETURNED", "REOPENED", "ALREADY_BOOKED", "UNMATCHED", "AMOUNT_MISMATCH", "IGNORED",
                        "STALE", "DUPLICATE_PAYMENT", "NO_REFERENCE", "OTHER_FILE"),
                EnumSet.allOf(ReconciliationOutcome.class).stream().map(Enum::name).toList());
    }

    @Test
    void onlyABookedEntryOrOneWithoutStatusIsReconciled() {
        assertTrue(BankEntryStatus.of("BOOK").reconciled());
        assertTrue(BankEntryStatus.of(null).reconciled());
        assertFalse(BankEntryStatus.of("PDNG").reconciled());
        assertFalse(BankEntryStatus.of("INFO").reconciled());
        assertEquals(BankEntryStatus.OTHER, BankEntryStatus.of("book"), "codes are read as the file spells them");
        assertEquals(BankEntryStatus.OTHER, BankEntryStatus.of("ABSENT"), "not a code of the list");
        assertFalse(BankEntryStatus.of("XXXX").reconciled());
    }

    @Test
    void onlyRjctIsARejection() {
        assertEquals(BankTransactionStatus.RJCT, BankTransactionStatus.of("RJCT"));
        assertEquals(BankTransactionStatus.ACSC, BankTransactionStatus.of("ACSC"));
        assertEquals(BankTransactionStatus.OTHER, BankTransactionStatus.of(null));
        assertEquals(BankTransactionStatus.OTHER, BankTransactionStatus.of("rjct"));
        assertEquals(BankTransactionStatus.OTHER, BankTransactionStatus.of("OTHER"), "not a code of the list");
    }
}
