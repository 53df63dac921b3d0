package org.susong.portal.rest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.susong.portal.domain.Csv;
import org.susong.portal.domain.EvaluationFigures;

/**
 * The evaluation's rows as files for the committee: CSV (the portal's {@link Csv}: UTF-8 with a byte-order mark, RFC
 * 4180, formula-like text defused) and XLSX (Apache POI; numbers as numeric cells, text as text, so a formula-like
 * text is never a formula). Both end with the totals row ({@code year} empty, {@code measure} "TOTAL").
 */
final class EvaluationExports {

    private EvaluationExports() {
    }

    static String csv(List<EvaluationFigures.Row> rows, EvaluationFigures.Row totals) {
        StringBuilder out = new StringBuilder(Csv.BOM).append(Csv.line(EvaluationFormats.COLUMNS));
        for (List<Object> cells : lines(rows, totals)) {
            out.append(Csv.line(cells));
        }
        return out.toString();
    }

    static byte[] xlsx(List<EvaluationFigures.Row> rows, EvaluationFigures.Row totals) {
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = book.createSheet("evaluation");
            Row header = sheet.createRow(0);
            for (int i = 0; i < EvaluationFormats.COLUMNS.size(); i++) {
                header.createCell(i).setCellValue(EvaluationFormats.COLUMNS.get(i));
            }
            int n = 1;
            for (List<Object> cells : lines(rows, totals)) {
                Row row = sheet.createRow(n++);
                for (int i = 0; i < cells.size(); i++) {
                    Object v = cells.get(i);
                    if (v == null) {
                        continue;
                    }
                    Cell cell = row.createCell(i);
                    if (v instanceof Long number) {
                        // exact: every count and fen amount here is far below 2^53
                        cell.setCellValue(number.doubleValue());
                    } else {
                        cell.setCellValue(v.toString());
                    }
                }
            }
            book.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<List<Object>> lines(List<EvaluationFigures.Row> rows, EvaluationFigures.Row totals) {
        List<List<Object>> lines = new ArrayList<>();
        rows.forEach(r -> lines.add(EvaluationFormats.cells(r)));
        List<Object> total = EvaluationFormats.cells(totals);
        total.set(2, "TOTAL");
        lines.add(total);
        return lines;
    }
}
