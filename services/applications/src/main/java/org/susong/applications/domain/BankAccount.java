package org.susong.applications.domain;

import java.time.Instant;

/**
 * An applicant's bank account for payments. The account name must be the registered name (a
 * grant is paid only to the beneficiary itself), the bank is named by its CNAPS code (12 digits,
 * 中国现代化支付系统行号). Shown masked; the full number only travels to payments in the payee snapshot.
 */
public record BankAccount(String accountName, String accountNumber, String bankCode, String bankName, Instant effectiveAt) {

    /** Checks a proposed account against the registered name; names the offending field. */
    public static BankAccount validate(String registeredName, String accountName, String accountNumber, String bankCode,
                                       String bankName, Instant effectiveAt) {
        if (!sameName(accountName, registeredName)) {
            throw new InvalidInput("bankAccount.accountName", "the account name must be the registered name '"
                    + registeredName + "'");
        }
        String number = accountNumber == null ? "" : accountNumber.replace(" ", "");
        if (!number.matches("[0-9]{8,32}")) {
            throw new InvalidInput("bankAccount.accountNumber", "an account number has 8 to 32 digits");
        }
        if (bankCode == null || !bankCode.matches("[0-9]{12}")) {
            throw new InvalidInput("bankAccount.bankCode", "a CNAPS bank code has 12 digits");
        }
        return new BankAccount(accountName.trim(), number, bankCode, bankName == null || bankName.isBlank() ? null
                : bankName.trim(), effectiveAt);
    }

    /** Whether two names are one (as {@link #validate} compares an account name with the registered name). */
    public static boolean sameName(String one, String other) {
        return one != null && other != null && normalise(one).equals(normalise(other));
    }

    /** Full-width and half-width brackets and spaces do not make two names different. */
    static String normalise(String name) {
        return name.trim().replace('（', '(').replace('）', ')').replace(" ", "").replace("\u3000", "");
    }

    public String maskedNumber() {
        return mask(accountNumber);
    }

    /** All but the last four digits hidden: {@code ************1234}. */
    public static String mask(String number) {
        return org.susong.commons.security.FieldCipher.mask(number);
    }

    /** Masked (issue 23 item 11): a log line or an exception message never carries the whole number. */
    @Override
    public String toString() {
        return "BankAccount[accountName=" + accountName + ", accountNumber=" + mask(accountNumber) + ", bankCode=" + bankCode
                + ", bankName=" + bankName + ", effectiveAt=" + effectiveAt + "]";
    }

    public boolean sameAccount(BankAccount other) {
        return other != null && accountNumber.equals(other.accountNumber) && bankCode.equals(other.bankCode)
                && accountName.equals(other.accountName);
    }
}
