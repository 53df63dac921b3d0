package org.susong.applications.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Issue 23 item 12: a cell of the CSV export that starts like a formula is defused, so a spreadsheet
 * shows it as text - also when a tab or carriage return comes first (spreadsheets skip them and then
 * run what follows).
 */
class CsvCellTest {

    @Test
    void formula_starts_are_defused_also_behind_a_tab_or_carriage_return() {
        assertEquals("'=HYPERLINK(\"\"x\"\")", unquoted(ApplicationResource.csv("=HYPERLINK(\"x\")")));
        assertEquals("'+1", ApplicationResource.csv("+1"));
        assertEquals("'-1", ApplicationResource.csv("-1"));
        assertEquals("'@SUM(A1)", ApplicationResource.csv("@SUM(A1)"));
        assertEquals("'\t=1+2", ApplicationResource.csv("\t=1+2"));
        assertEquals("\"'\r=1+2\"", ApplicationResource.csv("\r=1+2"));
        assertEquals("plain", ApplicationResource.csv("plain"));
        assertEquals("\"a,b\"", ApplicationResource.csv("a,b"));
    }

    private static String unquoted(String cell) {
        return cell.startsWith("\"") ? cell.substring(1, cell.length() - 1) : cell;
    }
}
