package org.susong.commons.rest;

/** One CSV cell for every export of every service (issue 23 item 12: CSV injection). */
public final class CsvCells {

    private CsvCells() {
    }

    /**
     * RFC 4180: a cell holding a comma, quote or line break is quoted; null is empty. Text (not a
     * number) starting with =, +, -, @, a tab or a carriage return - which spreadsheets skip before
     * running what follows - gets a leading apostrophe, so a spreadsheet shows it instead of running it.
     */
    public static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        if (!(value instanceof Number) && !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }
}
