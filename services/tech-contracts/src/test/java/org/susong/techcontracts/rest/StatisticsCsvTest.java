package org.susong.techcontracts.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.susong.techcontracts.application.StatisticsService;

/**
 * Issue 23 item 12: a CSV export never hands a spreadsheet a formula. The statistics' keys are the
 * service's own (month, type, district, foreign, BRICS standing), but a cell is neutralised whatever
 * it holds: a leading {@code = + - @}, tab or carriage return gets an apostrophe, and a cell with a
 * comma, quote or line break is quoted.
 */
class StatisticsCsvTest {

    static String line(Object key) {
        StringBuilder out = new StringBuilder();
        StatisticsResource.line(out, 2026, "type", new StatisticsService.Figures(key, 1, 2, 3));
        return out.toString();
    }

    @Test
    void a_cell_a_spreadsheet_would_run_as_a_formula_is_neutralised() {
        assertEquals("2026,type,\"'=HYPERLINK(\"\"http://x.example\"\",\"\"x\"\")\",1,2,3\n",
                line("=HYPERLINK(\"http://x.example\",\"x\")"));
        assertEquals("2026,type,'+1,1,2,3\n", line("+1"));
        assertEquals("2026,type,'@SUM(A1),1,2,3\n", line("@SUM(A1)"));
        assertEquals("2026,type,\"a,b\",1,2,3\n", line("a,b"));
    }

    @Test
    void the_services_own_keys_are_written_as_they_are() {
        assertEquals("2026,type,DEVELOPMENT,1,2,3\n", line("DEVELOPMENT"));
        assertEquals("2026,type,12,1,2,3\n", line(12));
        assertEquals("2026,type,true,1,2,3\n", line(true));
        assertEquals("2026,type,,1,2,3\n", line(null));
    }
}
