package org.susong.commons.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Issue 23 item 12: a cell of the CSV export that starts like a formula is defused, so a spreadsheet
 * shows it as text - also when a tab or carriage return comes first (spreadsheets skip them and then
 * run what follows).
 */
class CsvCellsTest {

    @Test
    void formula_starts_are_defused_also_behind_a_tab_or_carriage_return() {
        assertEquals("'=HYPERLINK(\"\"x\"\")", unquoted(CsvCells.cell("=HYPERLINK(\"x\")")));
        assertEquals("'+1", CsvCells.cell("+1"));
        assertEquals("'-1", CsvCells.cell("-1"));
        assertEquals("'@SUM(A1)", CsvCells.cell("@SUM(A1)"));
        assertEquals("'\t=1+2", CsvCells.cell("\t=1+2"));
        assertEquals("\"'\r=1+2\"", CsvCells.cell("\r=1+2"));
        assertEquals("plain", CsvCells.cell("plain"));
        assertEquals("\"a,b\"", CsvCells.cell("a,b"));
        assertEquals("-5", CsvCells.cell(-5L), "a negative amount is a number, not a formula");
        assertEquals("", CsvCells.cell(null));
    }

    private static String unquoted(String cell) {
        return cell.startsWith("\"") ? cell.substring(1, cell.length() - 1) : cell;
    }
}
