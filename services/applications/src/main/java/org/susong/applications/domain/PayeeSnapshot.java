package org.susong.applications.domain;

import java.time.Instant;

/** The applicant's bank account as it was when a decision approved the application: payments pays this one. */
public record PayeeSnapshot(String decisionId, String accountName, String accountNumber, String bankCode, String bankName,
                            Instant snapshottedAt) {

    public String maskedNumber() {
        return BankAccount.mask(accountNumber);
    }
}
