package org.susong.commons.money;

import java.time.LocalDate;

/**
 * Names of budget lines that more than one service must spell the same way. Payments owns the lines; eligibility
 * reads their available amounts from payments' journal to refuse a call's envelope the line cannot hold (issue 19).
 */
public final class BudgetLines {

    /** The account whose postings add up to a line's available amount. */
    public static final String AVAILABLE = "available";

    private BudgetLines() {
    }

    /** The line a call's envelope is reserved on: the year its submission window ends and its measure. */
    public static String envelopeLine(String measureCode, LocalDate submissionTo) {
        return submissionTo.getYear() + ":" + measureCode;
    }

    /** A line's account {@code name} in payments' chart of accounts ({@code <line>/<name>}). */
    public static String account(String line, String name) {
        return line + "/" + name;
    }
}
