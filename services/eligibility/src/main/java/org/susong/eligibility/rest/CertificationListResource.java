package org.susong.eligibility.rest;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.susong.commons.rest.ApiContract;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.susong.commons.rest.ProblemException;
import org.susong.commons.security.CurrentUser;
import org.susong.commons.security.Principal;
import org.susong.eligibility.application.CertificationLists;
import org.susong.eligibility.domain.CertificationList;

/**
 * The certification lists B1 is checked against (issue 16 item 3): an administrator imports a year's list of one
 * category as CSV (RFC 4180, header line; columns {@code uscc, name, certificateNumber, certificationKind}); every
 * listed enterprise is awarded without an application (免申即享) once a second administrator approves the import
 * (maker-checker). All or nothing: a file with a bad row is refused (422, each bad row named by line and field in
 * {@code violations}), nothing kept.
 */
@Tag(name = "certification-lists", description = "The national certification lists B1 is checked against (high-tech "
        + "enterprises, little giants, single champions, technology-innovation demonstration enterprises), imported by "
        + "administrators; an import awards every listed enterprise without an application (免申即享).")
@Path("/admin/certification-lists")
@Produces(MediaType.APPLICATION_JSON)
public class CertificationListResource {

    private static final CsvMapper CSV = new CsvMapper();

    private final CertificationLists lists;
    private final CurrentUser currentUser;

    CertificationListResource(CertificationLists lists, CurrentUser currentUser) {
        this.lists = lists;
        this.currentUser = currentUser;
    }

    @Operation(operationId = "importCertificationList", summary = "Propose a year's certification list (CSV, maker)",
            description = "Administrators. Columns: uscc, name, certificateNumber, certificationKind (FIRST or RENEWED, "
                    + "required: a little giant counts only when first certified). All or nothing: any bad row (by line and "
                    + "field in `violations`: USCC shape or check character, a missing certificate number or kind, an "
                    + "enterprise twice in the file or already listed differently) refuses the file, 422, nothing kept. "
                    + "A good file is kept for a second administrator (maker-checker: an import pays): 202, nothing listed "
                    + "or awarded yet. At most `susong.eligibility.certifications.max-rows` rows (413).")
    @RequestBody(required = true, content = @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING),
            examples = @ExampleObject(name = "rows", value = "uscc,name,certificateNumber,certificationKind\n"
                    + "91350200MA0000001W,厦门示例科技有限公司,GR202535100123,FIRST\n")))
    @APIResponse(responseCode = "202", description = "Checked and kept: waiting for a second administrator",
            headers = @Header(name = "Location", ref = ApiContract.LOCATION),
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = CertificationLists.Proposed.class)))
    @POST
    @RolesAllowed(Principal.ADMIN)
    @Path("{list}/{year}")
    @Consumes("text/csv")
    public Response importCsv(
            @Parameter(description = "the list: HIGH_TECH_ENTERPRISE, LITTLE_GIANT, SINGLE_CHAMPION or TECH_INNOVATION_DEMO")
            @PathParam("list") String list,
            @Parameter(description = "the year of the certifications (2000 to the current year)") @PathParam("year") int year,
            String body) {
        CertificationLists.Proposed proposed = lists.importList(list, year, csv(body == null ? "" : body),
                currentUser.require().user());
        return Response.accepted(proposed).location(URI.create("/admin/certification-lists/imports/"
                + proposed.importId())).build();
    }

    @Operation(operationId = "getCertificationListImport", summary = "Read a proposed list import",
            description = "Administrators and auditors: the list, year, rows, state (PROPOSED, APPROVED), who proposed and "
                    + "who approved it.")
    @GET
    @RolesAllowed({Principal.ADMIN, Principal.AUDITOR})
    @Path("imports/{importId}")
    public CertificationLists.Proposed importOf(@PathParam("importId") String importId) {
        return lists.findImport(importId).orElseThrow(() -> ProblemException.notFound("list import", importId));
    }

    @Operation(operationId = "approveCertificationListImport", summary = "Approve a list import (checker): list and award",
            description = "A second administrator (the proposer: 409). The entries are listed and every listed enterprise is "
                    + "awarded its B1 reward without an application (免申即享), once per list, year and enterprise: a list "
                    + "imported again reports UNCHANGED and awards nobody twice. Approving an approved import again applies "
                    + "what a crash left out and awards nobody twice.")
    @POST
    @RolesAllowed(Principal.ADMIN)
    @Path("imports/{importId}/approval")
    public CertificationLists.Report approve(@PathParam("importId") String importId) {
        Principal admin = currentUser.require();
        return lists.approve(importId, admin.user(), admin.asActor());
    }

    @Operation(operationId = "getCertificationListEntry", summary = "Read one enterprise's entry on a list",
            description = "Administrators and auditors: the certificate and kind a year's list states for an enterprise, "
                    + "and the import that listed it; 404 when the enterprise is not on that list.")
    @GET
    @RolesAllowed({Principal.ADMIN, Principal.AUDITOR})
    @Path("{list}/{year}/{uscc}")
    public CertificationLists.ListedEntry entry(@PathParam("list") String list, @PathParam("year") int year,
                                                   @PathParam("uscc") String uscc) {
        CertificationList named = CertificationList.of(list).orElseThrow(() -> ProblemException.notFound(
                "certification list", list));
        return lists.findEntry(named, year, uscc)
                .orElseThrow(() -> ProblemException.notFound("list entry", named.name() + "/" + year + "/" + uscc));
    }

    /** The rows of a CSV body with a header line; an unreadable line is a row of its own (reported by line). */
    static List<CertificationLists.Row> csv(String body) {
        String text = body.startsWith("\uFEFF") ? body.substring(1) : body;
        List<CertificationLists.Row> rows = new ArrayList<>();
        try (MappingIterator<Map<String, String>> it = CSV.readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(text)) {
            for (int line = 2; it.hasNextValue(); line++) {
                try {
                    rows.add(new CertificationLists.Row(line, it.nextValue(), null));
                } catch (RuntimeException e) {
                    rows.add(new CertificationLists.Row(line, Map.of(), "unreadable CSV line: " + e.getMessage()));
                }
            }
        } catch (IOException | RuntimeException e) {
            throw ProblemException.badRequest(null, "the CSV file cannot be read: " + e.getMessage());
        }
        return rows;
    }
}
