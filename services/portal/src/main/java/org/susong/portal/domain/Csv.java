package org.susong.portal.domain;

import java.util.List;
import java.util.stream.Collectors;

/**
 * CSV as the services export it (applications' {@code /applications/export.csv}): RFC 4180, CRLF line ends, and text
 * a spreadsheet would run as a formula shown instead (issue 23 item 12, CSV injection). The rule is commons'
 * {@code CsvCells}; the portal does not depend on commons (it knows the services only through their APIs), so it
 * keeps this copy, which {@code CsvTest} holds to the same cases.
 */
public final class Csv {

    /** The UTF-8 byte-order mark, so spreadsheet programs read Chinese text right. */
    public static final String BOM = "\uFEFF";

    private Csv() {
    }

    /**
     * One cell: null is empty; text (not a number) starting with =, +, -, @, a tab or a carriage return gets a leading
     * apostrophe; a cell holding a comma, quote or line break is quoted, its quotes doubled.
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

    /** One line of cells, ended by CRLF. */
    public static String line(List<?> cells) {
        return cells.stream().map(Csv::cell).collect(Collectors.joining(",")) + "\r\n";
    }
}
