package org.susong.techcontracts.rest;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.susong.commons.rest.ProblemException;
import org.susong.commons.security.CurrentUser;
import org.susong.commons.security.Principal;
import org.susong.techcontracts.application.BulkService;
import org.susong.techcontracts.application.ContractCommand;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Bulk registration from a CSV file (header line with the column names below) or JSON lines (one
 * {@link ContractRequest} per line). Answers 200 with counts and a report of every row not
 * registered (line, field, reason); valid rows are registered even when others fail. Only a
 * registrar's request is read (the role is checked before the body), as a stream that stops at the
 * row cap; these are the only paths with the large body limit ({@code susong.http.large-body-paths}).
 */
@Tag(name = "contracts")
@Path("/contracts/bulk")
@Produces(MediaType.APPLICATION_JSON)
public class BulkResource {

    /** The CSV columns (any order; missing optional columns are empty). */
    public static final List<String> CSV_COLUMNS = List.of("title", "type", "sellerUscc", "sellerName", "sellerCountry",
            "buyerUscc", "buyerName", "buyerCountry", "sellerDistrict", "signingDate", "termStart", "termEnd",
            "contractAmountFen", "technicalTransactionAmountFen", "registrationNumber", "registeredOn");

    private final BulkService bulk;
    private final CurrentUser currentUser;
    private final ObjectReader rows;

    BulkResource(BulkService bulk, CurrentUser currentUser, ObjectMapper json) {
        this.bulk = bulk;
        this.currentUser = currentUser;
        this.rows = json.readerFor(ContractRequest.class);
    }

    @Operation(operationId = "importContractsJsonLines", summary = "Import registered contracts (JSON lines)",
            description = "Registrar only: contracts registered before the platform, each with its registration number. The report "
                    + "counts registered, duplicate, invalid and not-stored rows and lists every row not registered with its "
                    + "field and reason.")
    @RequestBody(required = true, content = @Content(mediaType = "application/x-ndjson", schema = @Schema(type = SchemaType.STRING),
            examples = @ExampleObject(name = "rows", value = "{\"title\": \"Battery recycling know-how licence\", \"type\": \"LICENSING\", \"sellerUscc\": \"91350200MA0000001W\", \"buyerUscc\": \"91350200MA00000020\", \"sellerDistrict\": \"Huli\", \"signingDate\": \"2026-06-06\", \"contractAmountFen\": 80000000, \"technicalTransactionAmountFen\": 80000000, \"registrationNumber\": \"3502062026000123\", \"registeredOn\": \"2026-06-10\"}\n")))
    @POST
    @RolesAllowed(Principal.REGISTRAR)
    @Consumes({"application/x-ndjson", "application/jsonl", "application/json-lines"})
    public BulkService.Report jsonLines(InputStream body) throws IOException {
        var principal = currentUser.require();
        List<BulkService.Row> parsed = new ArrayList<>();
        Lines lines = new Lines(body);
        int number = 0;
        for (String line = lines.next(); line != null; line = lines.next()) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            capped(parsed);
            parsed.add(jsonRow(number, line));
        }
        return bulk.register(principal, parsed);
    }

    private BulkService.Row jsonRow(int number, String line) {
        try {
            ContractRequest request = rows.readValue(line);
            return new BulkService.Row(number, request.toCommand(), null);
        } catch (JsonMappingException e) {
            String field = e.getPath().stream().map(r -> r.getFieldName() == null ? "[" + r.getIndex() + "]"
                    : r.getFieldName()).collect(Collectors.joining("."));
            return new BulkService.Row(number, null, ProblemException.badRequest(field.isEmpty() ? null : field,
                    "wrong type or format: " + e.getOriginalMessage()));
        } catch (JsonProcessingException e) {
            return new BulkService.Row(number, null, ProblemException.badRequest(null, "malformed JSON: "
                    + e.getOriginalMessage()));
        }
    }

    @Operation(operationId = "importContractsCsv", summary = "Import registered contracts (CSV)",
            description = "Registrar only: contracts registered before the platform, each with its registration number. The report "
                    + "counts registered, duplicate, invalid and not-stored rows and lists every row not registered with its "
                    + "field and reason.")
    @RequestBody(required = true, content = @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING),
            examples = @ExampleObject(name = "rows", value = "title,type,sellerUscc,buyerUscc,sellerDistrict,signingDate,contractAmountFen,technicalTransactionAmountFen,registrationNumber,registeredOn\nBattery recycling know-how licence,LICENSING,91350200MA0000001W,91350200MA00000020,Huli,2026-06-06,80000000,80000000,3502062026000123,2026-06-10\n")))
    @POST
    @RolesAllowed(Principal.REGISTRAR)
    @Consumes("text/csv")
    public BulkService.Report csv(InputStream body) throws IOException {
        var principal = currentUser.require();
        List<BulkService.Row> parsed = new ArrayList<>();
        Lines lines = new Lines(body);
        String first = lines.next();
        if (first == null || first.isBlank()) {
            throw ProblemException.badRequest(null, "a CSV file starts with a header line: "
                    + String.join(",", CSV_COLUMNS));
        }
        List<String> header = Csv.split(first);
        for (String column : header) {
            if (!CSV_COLUMNS.contains(column.trim())) {
                throw ProblemException.badRequest(column, "unknown CSV column; columns: " + String.join(",", CSV_COLUMNS));
            }
        }
        int number = 1;
        for (String line = lines.next(); line != null; line = lines.next()) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            capped(parsed);
            parsed.add(csvRow(number, header, line));
        }
        return bulk.register(principal, parsed);
    }

    private static BulkService.Row csvRow(int number, List<String> header, String line) {
        try {
            List<String> cells = Csv.split(line);
            if (cells.size() != header.size()) {
                throw ProblemException.badRequest(null, cells.size() + " cells, the header has " + header.size());
            }
            Map<String, String> row = new HashMap<>();
            for (int c = 0; c < header.size(); c++) {
                String cell = cells.get(c).trim();
                row.put(header.get(c).trim(), cell.isEmpty() ? null : cell);
            }
            return new BulkService.Row(number, command(row), null);
        } catch (ProblemException e) {
            return new BulkService.Row(number, null, e);
        }
    }

    /**
     * The body's lines (UTF-8, ended by LF or CRLF), each returned as soon as its end has arrived:
     * a file is never held whole as text, and a refusal at the row cap never waits for more of the
     * body (a Reader would block filling its buffer). The stream is never closed here: closing
     * Quarkus' request stream reads the rest of the body.
     */
    static final class Lines {
        private final InputStream in;
        private final byte[] buffer = new byte[8192];
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();
        private int start;
        private int end;

        Lines(InputStream in) {
            this.in = in;
        }

        /** The next line, or null at the end of the body. */
        String next() throws IOException {
            while (true) {
                for (int i = start; i < end; i++) {
                    if (buffer[i] == '\n') {
                        line.write(buffer, start, i - start);
                        start = i + 1;
                        return take();
                    }
                }
                line.write(buffer, start, end - start);
                start = 0;
                end = Math.max(0, in.read(buffer));
                if (end == 0) {
                    return line.size() == 0 ? null : take();
                }
            }
        }

        private String take() {
            String text = line.toString(StandardCharsets.UTF_8);
            line.reset();
            return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
        }
    }

    /** Reading stops at the first row beyond the cap: 413, the rest of the body is never read. */
    private void capped(List<BulkService.Row> parsed) {
        if (parsed.size() >= bulk.maxRows()) {
            throw BulkService.tooManyRows("more than " + bulk.maxRows(), bulk.maxRows());
        }
    }

    private static ContractCommand command(Map<String, String> r) {
        return new ContractCommand(r.get("title"), r.get("type"),
                new ContractCommand.PartyInput(r.get("sellerUscc"), r.get("sellerName"), r.get("sellerCountry"), null),
                new ContractCommand.PartyInput(r.get("buyerUscc"), r.get("buyerName"), r.get("buyerCountry"), null),
                r.get("sellerDistrict"), date(r, "signingDate"), date(r, "termStart"), date(r, "termEnd"),
                number(r, "contractAmountFen"), number(r, "technicalTransactionAmountFen"), List.of(), List.of(),
                r.get("registrationNumber"), date(r, "registeredOn"));
    }

    private static LocalDate date(Map<String, String> row, String column) {
        String text = row.get(column);
        try {
            return text == null ? null : LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(column, "'" + text + "' is not an ISO date");
        }
    }

    private static Long number(Map<String, String> row, String column) {
        String text = row.get(column);
        try {
            return text == null ? null : Long.valueOf(text);
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest(column, "'" + text + "' is not a whole number of fen");
        }
    }

    /** RFC 4180 cells of one line: commas separate, double quotes enclose, "" is a quote. */
    static final class Csv {
        private Csv() {
        }

        static List<String> split(String line) {
            List<String> cells = new ArrayList<>();
            StringBuilder cell = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < line.length(); i++) {
                char ch = line.charAt(i);
                if (quoted) {
                    if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        cell.append('"');
                        i++;
                    } else if (ch == '"') {
                        quoted = false;
                    } else {
                        cell.append(ch);
                    }
                } else if (ch == '"') {
                    quoted = true;
                } else if (ch == ',') {
                    cells.add(cell.toString());
                    cell.setLength(0);
                } else {
                    cell.append(ch);
                }
            }
            if (quoted) {
                throw ProblemException.badRequest(null, "unterminated quoted cell");
            }
            cells.add(cell.toString());
            return cells;
        }
    }
}
