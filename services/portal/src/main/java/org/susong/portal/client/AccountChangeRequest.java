package org.susong.portal.client;

/**
 * Applications' {@code ApplicantResource.BankAccountRequest} ({@code POST /applicants/{uscc}/bank-account-changes},
 * {@code requestBankAccountChange}): the account the applicant asks to be paid on from now. The number is the full one
 * (the service seals it); {@link #toString()} masks it as the service does, so no log line of the portal holds it.
 */
public record AccountChangeRequest(String accountName, String accountNumber, String bankCode, String bankName) {

    @Override
    public String toString() {
        String n = accountNumber == null ? "" : accountNumber;
        String masked = n.length() <= 4 ? "****" : "*".repeat(n.length() - 4) + n.substring(n.length() - 4);
        return "AccountChangeRequest[accountName=" + accountName + ", accountNumber=" + masked + ", bankCode=" + bankCode
                + ", bankName=" + bankName + "]";
    }
}
