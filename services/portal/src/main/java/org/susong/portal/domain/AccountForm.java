package org.susong.portal.domain;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The applicant's bank-account change form as typed (kept to show again), and what is wrong with it, by the rules of
 * applications' {@code BankAccountRequest} and {@code BankAccount.validate}: a name (at most 200 characters; the
 * service alone knows the registered name it must equal), a number of 8 to 32 digits (spaces ignored), a 12-digit
 * CNAPS bank code, a bank name of at most 200 characters or none. Checked here so that nothing malformed is sent; the
 * service checks again and decides.
 */
public record AccountForm(String accountName, String accountNumber, String bankCode, String bankName) {

    /** The form's field names, which are also the service's ({@code bankAccount.<field>}). */
    public static final String NAME = "accountName";
    public static final String NUMBER = "accountNumber";
    public static final String CODE = "bankCode";
    public static final String BANK = "bankName";

    /** What is wrong, by field in the form's order: {@code required}, {@code tooLong} or {@code malformed}. */
    public Map<String, String> problems() {
        Map<String, String> problems = new LinkedHashMap<>();
        if (blank(accountName)) {
            problems.put(NAME, "required");
        } else if (accountName.strip().length() > 200) {
            problems.put(NAME, "tooLong");
        }
        if (blank(accountNumber)) {
            problems.put(NUMBER, "required");
        } else if (!number().matches("[0-9]{8,32}")) {
            problems.put(NUMBER, "malformed");
        }
        if (blank(bankCode)) {
            problems.put(CODE, "required");
        } else if (!bankCode.strip().matches("[0-9]{12}")) {
            problems.put(CODE, "malformed");
        }
        if (!blank(bankName) && bankName.strip().length() > 200) {
            problems.put(BANK, "tooLong");
        }
        return problems;
    }

    /** The number without spaces, as the service reads it. */
    public String number() {
        return accountNumber == null ? "" : accountNumber.replace(" ", "").replace("\u3000", "").strip();
    }

    /** The name, code and bank name trimmed, the number without spaces; a blank bank name left out. */
    public AccountForm trimmed() {
        return new AccountForm(accountName == null ? null : accountName.strip(), number(),
                bankCode == null ? null : bankCode.strip(), blank(bankName) ? null : bankName.strip());
    }

    /** Masked as everywhere else: the form's number never reaches a log line. */
    @Override
    public String toString() {
        return "AccountForm[accountName=" + accountName + ", accountNumber=****, bankCode=" + bankCode + "]";
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
