package org.susong.portal.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 4180 and CSV injection (issue 23 item 12), the same cases commons' CsvCells holds the services' exports to. */
class CsvTest {

    @Test
    void commas_quotes_and_line_breaks_are_quoted_with_quotes_doubled() {
        assertEquals("\"Xiamen Marine Sensors Co., Ltd.\"", Csv.cell("Xiamen Marine Sensors Co., Ltd."));
        assertEquals("\"say \"\"hi\"\"\"", Csv.cell("say \"hi\""));
        assertEquals("\"two\nlines\"", Csv.cell("two\nlines"));
        assertEquals("\"a\r\nb\"", Csv.cell("a\r\nb"));
        assertEquals("厦门海洋传感器有限公司", Csv.cell("厦门海洋传感器有限公司"));
        assertEquals("", Csv.cell(null));
    }

    @Test
    void text_a_spreadsheet_would_run_as_a_formula_is_shown_instead() {
        assertEquals("'=1+2", Csv.cell("=1+2"));
        assertEquals("'+1", Csv.cell("+1"));
        assertEquals("'-1", Csv.cell("-1"));
        assertEquals("'@SUM(A1)", Csv.cell("@SUM(A1)"));
        assertEquals("'\tx", Csv.cell("\tx"));
        assertEquals("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"", Csv.cell("=HYPERLINK(\"http://x\",\"y\")"));
        assertEquals("\"'\rx\"", Csv.cell("\rx"));
    }

    @Test
    void numbers_keep_their_sign() {
        assertEquals("-100", Csv.cell(-100L));
        assertEquals("300000000", Csv.cell(300_000_000L));
    }

    @Test
    void a_line_is_its_cells_joined_by_commas_and_ended_by_crlf() {
        assertEquals("APP-1,\"a,b\",,'=x\r\n", Csv.line(Arrays.asList("APP-1", "a,b", null, "=x")));
        assertEquals("\r\n", Csv.line(List.of()));
    }
}
