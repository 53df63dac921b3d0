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

/**
 * Bulk registration from a CSV file (header line with the column names below) or JSON lines (one
 * {@link ContractRequest} per line). Answers 200 with counts and a report of every row not
 * registered (line, field, reason); valid rows are registered even when others fail.
 */
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

    @POST
    @RolesAllowed(Principal.REGISTRAR)
    @Consumes({"application/x-ndjson", "application/jsonl", "application/json-lines"})
    public BulkService.Report jsonLines(String body) {
        var principal = currentUser.require();
        List<BulkService.Row> parsed = new ArrayList<>();
        String[] lines = body.split("\r?\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            try {
                ContractRequest request = rows.readValue(lines[i]);
                parsed.add(new BulkService.Row(i + 1, request.toCommand(), null));
            } catch (JsonMappingException e) {
                String field = e.getPath().stream().map(r -> r.getFieldName() == null ? "[" + r.getIndex() + "]"
                        : r.getFieldName()).collect(Collectors.joining("."));
                parsed.add(new BulkService.Row(i + 1, null, ProblemException.badRequest(field.isEmpty() ? null : field,
                        "wrong type or format: " + e.getOriginalMessage())));
            } catch (JsonProcessingException e) {
                parsed.add(new BulkService.Row(i + 1, null, ProblemException.badRequest(null, "malformed JSON: "
                        + e.getOriginalMessage())));
            }
        }
        return bulk.register(principal, parsed);
    }

    @POST
    @RolesAllowed(Principal.REGISTRAR)
    @Consumes("text/csv")
    public BulkService.Report csv(String body) {
        var principal = currentUser.require();
        String[] lines = body.split("\r?\n");
        if (lines.length == 0 || lines[0].isBlank()) {
            throw ProblemException.badRequest(null, "a CSV file starts with a header line: " + String.join(",", CSV_COLUMNS));
        }
        List<String> header = Csv.split(lines[0]);
        for (String column : header) {
            if (!CSV_COLUMNS.contains(column.trim())) {
                throw ProblemException.badRequest(column, "unknown CSV column; columns: " + String.join(",", CSV_COLUMNS));
            }
        }
        List<BulkService.Row> parsed = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            try {
                List<String> cells = Csv.split(lines[i]);
                if (cells.size() != header.size()) {
                    throw ProblemException.badRequest(null, cells.size() + " cells, the header has " + header.size());
                }
                Map<String, String> row = new HashMap<>();
                for (int c = 0; c < header.size(); c++) {
                    String cell = cells.get(c).trim();
                    row.put(header.get(c).trim(), cell.isEmpty() ? null : cell);
                }
                parsed.add(new BulkService.Row(i + 1, command(row), null));
            } catch (ProblemException e) {
                parsed.add(new BulkService.Row(i + 1, null, e));
            }
        }
        return bulk.register(principal, parsed);
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
