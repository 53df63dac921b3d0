package org.susong.applications.domain;

import java.time.Instant;

/** The applicant's bank account as it was when a decision approved the application: payments pays this one. */
public record PayeeSnapshot(String decisionId, String accountName, String accountNumber, String bankCode, String bankName,
                            Instant snapshottedAt) {

    public String maskedNumber() {
        return BankAccount.mask(accountNumber);
    }

    /** Masked (issue 23 item 11): a log line or an exception message never carries the whole number. */
    @Override
    public String toString() {
        return "PayeeSnapshot[decisionId=" + decisionId + ", accountName=" + accountName + ", accountNumber="
                + maskedNumber() + ", bankCode=" + bankCode + ", bankName=" + bankName + ", snapshottedAt=" + snapshottedAt + "]";
    }
}
