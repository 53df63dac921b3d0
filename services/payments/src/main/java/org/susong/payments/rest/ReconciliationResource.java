package org.susong.payments.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.function.Supplier;
import org.susong.commons.rest.ListParams;
import org.susong.commons.rest.Page;
import org.susong.commons.rest.ProblemException;
import org.susong.commons.security.CurrentUser;
import org.susong.commons.security.Principal;
import org.susong.payments.application.BankFiles;
import org.susong.payments.application.ReconciliationService;
import org.susong.payments.config.DutyRoles;
import org.susong.payments.domain.BankFile;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The bank's files: camt.053 statements and pain.002 status reports, and the reconciliation reports. */
@Tag(name = "reconciliation", description = "The bank's files (camt.053 statements, pain.002 status reports) and the reconciliation reports.")
@Path("/reconciliation")
@Produces(MediaType.APPLICATION_JSON)
public class ReconciliationResource {

    private final ReconciliationService reconciliation;
    private final CurrentUser currentUser;

    ReconciliationResource(ReconciliationService reconciliation, CurrentUser currentUser) {
        this.reconciliation = reconciliation;
        this.currentUser = currentUser;
    }

    /** A camt.053 statement of the paying account: debits settle orders, credits return them. */
    @Operation(operationId = "importStatement", summary = "Import a camt.053 statement",
            description = "Of the paying account: debits settle orders, credits return them. Importing the same file again changes "
                    + "nothing; another file under the same id: 409; a statement of another account or matching nothing: 422.")
    @RequestBody(required = true, content = {@Content(mediaType = "application/xml", schema = @Schema(type = SchemaType.STRING, format = "binary"),
            examples = @ExampleObject(name = "camt.053", value = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.08\">...</Document>")),
            @Content(mediaType = "text/xml", schema = @Schema(type = SchemaType.STRING, format = "binary"),
            examples = @ExampleObject(name = "camt.053", value = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.08\">...</Document>"))})
    @POST
    @Path("/statements")
    @Consumes({MediaType.APPLICATION_XML, MediaType.TEXT_XML})
    @RolesAllowed(DutyRoles.BANK_FILE_IMPORTER)
    public BankFile statement(byte[] xml) {
        Principal p = currentUser.require();
        return handle(() -> reconciliation.importStatement(xml, p.asActor()));
    }

    /** A pain.002 status report: rejected transactions reopen their orders. */
    @Operation(operationId = "importStatusReport", summary = "Import a pain.002 status report",
            description = "Rejected transactions reopen their orders.")
    @RequestBody(required = true, content = {@Content(mediaType = "application/xml", schema = @Schema(type = SchemaType.STRING, format = "binary"),
            examples = @ExampleObject(name = "pain.002", value = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pain.002.001.10\">...</Document>")),
            @Content(mediaType = "text/xml", schema = @Schema(type = SchemaType.STRING, format = "binary"),
            examples = @ExampleObject(name = "pain.002", value = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pain.002.001.10\">...</Document>"))})
    @POST
    @Path("/status-reports")
    @Consumes({MediaType.APPLICATION_XML, MediaType.TEXT_XML})
    @RolesAllowed(DutyRoles.BANK_FILE_IMPORTER)
    public BankFile statusReport(byte[] xml) {
        Principal p = currentUser.require();
        return handle(() -> reconciliation.importStatusReport(xml, p.asActor()));
    }

    /** Every imported file with its items: what was settled, returned, reopened, and what matched nothing. */
    @Operation(operationId = "listReconciliationReports", summary = "List the imported bank files",
            description = "Every imported file with its items: what was settled, returned, reopened, and what matched nothing.")
    @GET
    @Path("/reports")
    @RolesAllowed({Principal.FINANCE, Principal.ADMIN, Principal.AUDITOR})
    public Page<BankFile> reports(@QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        // imported bank files are tens a year: paged in memory
        return Page.of(reconciliation.reports(), BankFile::id, cursor, ListParams.limit(limit));
    }

    private static BankFile handle(Supplier<BankFile> action) {
        try {
            return action.get();
        } catch (BankFiles.MalformedFile e) {
            throw ProblemException.badRequest("body", e.getMessage());
        } catch (ReconciliationService.NothingMatched e) {
            throw ProblemException.unprocessable("body", e.getMessage());
        } catch (ReconciliationService.NotOurStatement e) {
            throw ProblemException.unprocessable(e.field(), e.getMessage());
        } catch (ReconciliationService.DifferentFile e) {
            throw ProblemException.conflict(e.getMessage());
        }
    }
}
