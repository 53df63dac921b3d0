package org.susong.portal.domain;

import java.util.List;
import org.susong.commons.rest.CsvCells;
import java.util.stream.Collectors;

/**
 * CSV as the services export it (applications' {@code /applications/export.csv}): RFC 4180, CRLF line ends, and text
 * a spreadsheet would run as a formula shown instead (issue 23 item 12, CSV injection). The cell rule is commons'
 * {@link CsvCells} (the portal depends on commons since the evaluation read model); {@code CsvTest} holds it to the
 * same cases.
 */
public final class Csv {

    /** The UTF-8 byte-order mark, so spreadsheet programs read Chinese text right. */
    public static final String BOM = "\uFEFF";

    private Csv() {
    }

    /** One cell: commons' {@link CsvCells#cell} (RFC 4180 quoting, formula-like text prefixed with an apostrophe). */
    public static String cell(Object value) {
        return CsvCells.cell(value);
    }

    /** One line of cells, ended by CRLF. */
    public static String line(List<?> cells) {
        return cells.stream().map(Csv::cell).collect(Collectors.joining(",")) + "\r\n";
    }
}
