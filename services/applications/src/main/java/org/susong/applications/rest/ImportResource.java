package org.susong.applications.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.susong.applications.application.ImportService;
import org.susong.commons.rest.ProblemException;
import org.susong.commons.security.CurrentUser;
import org.susong.commons.security.Principal;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Bulk import of applicants and applications from CSV (RFC 4180, header line) or JSON lines.
 * Answers 200 with a report of every row (CREATED, UPDATED, UNCHANGED or FAILED with field and
 * reason); district officers only, for their district (checked per row); the role is checked before the
 * body is read.
 *
 * <p>Applicant columns: {@code uscc, name, type, district, contactPerson, contactPhone, contactEmail,
 * checkOverrideReason}. Application columns: {@code applicantUscc, measureCode, period} and one
 * {@code fact.<name>} column per fact (JSON lines: an object {@code facts}).
 */
@Tag(name = "imports", description = "Bulk import of applicants and applications from CSV or JSON lines, with a report of every row.")
@Path("/imports")
@Produces(MediaType.APPLICATION_JSON)
public class ImportResource {

    private static final CsvMapper CSV = new CsvMapper();
    private static final CsvSchema HEADER = CsvSchema.emptySchema().withHeader();

    private final ImportService imports;
    private final CurrentUser currentUser;
    private final ObjectMapper json;

    ImportResource(ImportService imports, CurrentUser currentUser, ObjectMapper json) {
        this.imports = imports;
        this.currentUser = currentUser;
        this.json = json;
    }

    @Operation(operationId = "importApplicantsCsv", summary = "Import applicants (CSV)",
            description = "District officers, for their district (checked per row). Every row is reported: CREATED, UPDATED, "
                    + "UNCHANGED or FAILED with the field and reason; a failed row does not stop the others. Columns: uscc, name, type, district, contactPerson, contactPhone, contactEmail, checkOverrideReason.")
    @RequestBody(required = true, content = @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING),
            examples = @ExampleObject(name = "rows", value = "uscc,name,type,district,contactPerson,contactPhone,contactEmail,checkOverrideReason\n91350200MA0000001W,厦门示例科技有限公司,ENTERPRISE,Huli,Chen Li,+86 592 555 0100,chen.li@example.cn,\n")))
    @POST
    @RolesAllowed(Principal.OFFICER)
    @Path("/applicants")
    @Consumes("text/csv")
    public ImportService.Report applicantsCsv(String body) {
        return imports.applicants(officer(), csv(body));
    }

    @Operation(operationId = "importApplicantsJsonLines", summary = "Import applicants (JSON lines)",
            description = "District officers, for their district (checked per row). Every row is reported: CREATED, UPDATED, "
                    + "UNCHANGED or FAILED with the field and reason; a failed row does not stop the others. One JSON object per line with the CSV columns as members.")
    @RequestBody(required = true, content = @Content(mediaType = "application/x-ndjson", schema = @Schema(type = SchemaType.STRING),
            examples = @ExampleObject(name = "rows", value = "{\"uscc\": \"91350200MA0000001W\", \"name\": \"厦门示例科技有限公司\", \"type\": \"ENTERPRISE\", \"district\": \"Huli\"}\n")))
    @POST
    @RolesAllowed(Principal.OFFICER)
    @Path("/applicants")
    @Consumes({"application/x-ndjson", "application/jsonl"})
    public ImportService.Report applicantsJsonLines(String body) {
        return imports.applicants(officer(), jsonLines(body));
    }

    @Operation(operationId = "importApplicationsCsv", summary = "Import applications (CSV)",
            description = "District officers, for their district (checked per row). Every row is reported: CREATED, UPDATED, "
                    + "UNCHANGED or FAILED with the field and reason; a failed row does not stop the others. Columns: applicantUscc, measureCode, period and one fact.<name> per fact; submit=true submits them, otherwise drafts.")
    @RequestBody(required = true, content = @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING),
            examples = @ExampleObject(name = "rows", value = "applicantUscc,measureCode,period,fact.category,fact.certificateNumber,fact.certificationYear,fact.certificationKind\n91350200MA0000001W,B1,2026,HIGH_TECH_ENTERPRISE,GR202535000123,2025,FIRST\n")))
    @POST
    @RolesAllowed(Principal.OFFICER)
    @Path("/applications")
    @Consumes("text/csv")
    public ImportService.Report applicationsCsv(@QueryParam("submit") boolean submit, String body) {
        return imports.applications(officer(), csv(body), submit);
    }

    @Operation(operationId = "importApplicationsJsonLines", summary = "Import applications (JSON lines)",
            description = "District officers, for their district (checked per row). Every row is reported: CREATED, UPDATED, "
                    + "UNCHANGED or FAILED with the field and reason; a failed row does not stop the others. One object per line: applicantUscc, measureCode, period, facts; submit=true submits them, otherwise drafts.")
    @RequestBody(required = true, content = @Content(mediaType = "application/x-ndjson", schema = @Schema(type = SchemaType.STRING),
            examples = @ExampleObject(name = "rows", value = "{\"applicantUscc\": \"91350200MA0000001W\", \"measureCode\": \"B1\", \"period\": \"2026\", \"facts\": {\"category\": \"HIGH_TECH_ENTERPRISE\", \"certificateNumber\": \"GR202535000123\", \"certificationYear\": 2025, \"certificationKind\": \"FIRST\"}}\n")))
    @POST
    @RolesAllowed(Principal.OFFICER)
    @Path("/applications")
    @Consumes({"application/x-ndjson", "application/jsonl"})
    public ImportService.Report applicationsJsonLines(@QueryParam("submit") boolean submit, String body) {
        return imports.applications(officer(), jsonLines(body), submit);
    }

    private Principal officer() {
        return currentUser.require();
    }

    static List<ImportService.Row> csv(String body) {
        String text = body.startsWith("\uFEFF") ? body.substring(1) : body;
        List<ImportService.Row> rows = new ArrayList<>();
        try (MappingIterator<Map<String, String>> it = CSV.readerForMapOf(String.class).with(HEADER).readValues(text)) {
            int line = 1;
            while (it.hasNextValue()) {
                line++;
                try {
                    Map<String, String> cells = it.nextValue();
                    rows.add(new ImportService.Row(line, new LinkedHashMap<>(cells), null));
                } catch (RuntimeException e) {
                    rows.add(new ImportService.Row(line, null, "unreadable CSV line: " + e.getMessage()));
                }
            }
        } catch (IOException | RuntimeException e) {
            throw ProblemException.badRequest(null, "the CSV file cannot be read: " + e.getMessage());
        }
        if (rows.isEmpty()) {
            throw ProblemException.badRequest(null, "the CSV file has a header line and no rows");
        }
        return rows;
    }

    List<ImportService.Row> jsonLines(String body) {
        List<ImportService.Row> rows = new ArrayList<>();
        String[] lines = body.split("\r?\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            try {
                Map<String, Object> cells = json.readValue(lines[i], json.getTypeFactory()
                        .constructMapType(LinkedHashMap.class, String.class, Object.class));
                rows.add(new ImportService.Row(i + 1, cells, null));
            } catch (JsonProcessingException e) {
                rows.add(new ImportService.Row(i + 1, null, "malformed JSON: " + e.getOriginalMessage()));
            }
        }
        return rows;
    }
}
