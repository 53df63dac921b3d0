package org.susong.payments.domain;

import java.time.Instant;
import org.susong.commons.security.FieldCipher;

/**
 * The payee account snapshotted by applications when the decision was approved (never re-read later). The account
 * number is kept as it arrived: sealed ({@code env1:...}, issue 23 item 11; opened by {@code PayeeAccounts} for the
 * bank file and the approvers' view) or, for snapshots published before sealing, in plaintext.
 */
public record Payee(String accountName, String accountNumber, String bankCode, String bankName, Instant snapshottedAt) {

    /**
     * The payee as the creditor of an instruction written now (issue 20 item 6): when the applicant was renamed after
     * this snapshot was taken, the creditor's name is its registered name; a snapshot taken after the rename already
     * carries it (applications takes no snapshot under the old name after a rename), and so does one without a rename.
     * The account (number, bank) is the snapshot's.
     */
    public Payee registeredAs(ApplicantName renamed) {
        if (renamed == null || !renamed.effectiveAt().isAfter(snapshottedAt) || renamed.name().equals(accountName)) {
            return this;
        }
        return new Payee(renamed.name(), accountNumber, bankCode, bankName, snapshottedAt);
    }

    /** Masked: a log line, an exception message or a dead letter never carries the whole number. */
    @Override
    public String toString() {
        return "Payee[accountName=" + accountName + ", accountNumber=" + FieldCipher.mask(accountNumber) + ", bankCode="
                + bankCode + ", bankName=" + bankName + ", snapshottedAt=" + snapshottedAt + "]";
    }
}
