package org.susong.payments.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Supplier;
import org.susong.commons.rest.ListParams;
import org.susong.commons.rest.Page;
import org.susong.commons.rest.ProblemException;
import org.susong.commons.security.CurrentUser;
import org.susong.commons.security.Principal;
import org.susong.payments.application.DisbursementService;
import org.susong.payments.config.DutyRoles;
import org.susong.payments.domain.Batch;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Disbursement batches and their pain.001 files. */
@Tag(name = "batches", description = "Disbursement batches and their pain.001 files: export, download, void and re-issue.")
@Path("/batches")
@Produces(MediaType.APPLICATION_JSON)
public class BatchResource {

    /** A void: why, and the bank's reference of the recall of the file (pain.001 already sent). */
    @Schema(example = "{\"reason\": \"the bank rejected the whole file\", \"recallReference\": \"RCL-20260615-01\"}")
    public record VoidRequest(@NotBlank @Size(max = 1000) String reason, @NotBlank @Size(max = 35) String recallReference) {
    }

    private final DisbursementService disbursements;
    private final CurrentUser currentUser;

    BatchResource(DisbursementService disbursements, CurrentUser currentUser) {
        this.disbursements = disbursements;
        this.currentUser = currentUser;
    }

    /** The batches of a business date (yyyy-MM-dd), paged (a day's batches are few: paged in memory). */
    @Operation(operationId = "listBatches", summary = "List the batches of a business date",
            description = "`date` as yyyy-MM-dd; by id, paged by a keyset cursor (`nextCursor`).")
    @GET
    @RolesAllowed({Principal.FINANCE, Principal.ADMIN, Principal.AUDITOR})
    public Page<Batch> forDate(@QueryParam("date") @NotBlank @jakarta.validation.constraints.Pattern(
            regexp = "\\d{4}-\\d{2}-\\d{2}") String date, @QueryParam("cursor") String cursor,
                               @QueryParam("limit") Integer limit) {
        return Page.of(disbursements.forDate(date), Batch::id, cursor, ListParams.limit(limit));
    }

    @Operation(operationId = "getBatch", summary = "Read a batch",
            description = "Its budget line, date, state, orders and control sum, and the file's hash once exported.")
    @GET
    @Path("/{id}")
    @RolesAllowed({Principal.FINANCE, Principal.ADMIN, Principal.AUDITOR})
    public Batch get(@PathParam("id") String id) {
        return disbursements.find(id).orElseThrow(() -> ProblemException.notFound("batch", id));
    }

    /** The exported pain.001: the same bytes on every download (checked against the hash stored at export). */
    @Operation(operationId = "downloadBatchFile", summary = "Download a batch's pain.001 file",
            description = "The same bytes on every download (checked against the hash stored at export); 409 before export.")
    @APIResponse(responseCode = "200", description = "The pain.001.001.09 file (attachment <id>.pain.001.xml)",
            content = @Content(mediaType = "application/xml", schema = @Schema(type = SchemaType.STRING),
                    examples = @ExampleObject(name = "pain.001", value = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                            + "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pain.001.001.09\"><CstmrCdtTrfInitn>...</CstmrCdtTrfInitn></Document>")))
    @APIResponse(responseCode = "409", description = "The batch has no file yet: it is not exported (OPEN)")
    @GET
    @Path("/{id}/file")
    @Produces(MediaType.APPLICATION_XML)
    @RolesAllowed({Principal.FINANCE, Principal.AUDITOR})
    public Response file(@PathParam("id") String id) {
        byte[] file = handle(id, () -> disbursements.file(id));
        return Response.ok(file, MediaType.APPLICATION_XML_TYPE)
                .header("Content-Disposition", "attachment; filename=\"" + id + ".pain.001.xml\"").build();
    }

    /** Exports an open batch now (instead of waiting for the daily export time). */
    @Operation(operationId = "exportBatch", summary = "Export an open batch now",
            description = "Instead of waiting for the daily export time; writes its pain.001 file.")
    @POST
    @Path("/{id}/exports")
    @RolesAllowed(DutyRoles.BATCH_EXPORTER)
    public Batch export(@PathParam("id") String id) {
        return handle(id, () -> disbursements.export(id));
    }

    /**
     * Voids an exported batch, two people: the first call records the request (202, nothing else changes); a second,
     * different person with the same recall reference voids it (200), and its orders go into a new batch with a new file.
     */
    @Operation(operationId = "voidBatch", summary = "Void an exported batch (two people)",
            description = "The first call records the request (202, nothing else changes); a second, different person with the same "
                    + "recall reference voids it (200), and its orders go into a new batch with a new file.")
    @APIResponse(responseCode = "200", description = "Voided; its orders are in a new batch",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Batch.class)))
    @APIResponse(responseCode = "202", description = "Void requested: waiting for a second person",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Batch.class)))
    @POST
    @Path("/{id}/void")
    @RolesAllowed(DutyRoles.BATCH_VOIDER)
    public Response voidBatch(@PathParam("id") String id, @Valid @NotNull VoidRequest request) {
        Principal p = currentUser.require();
        Batch batch = handle(id, () -> disbursements.voidAndReissue(id, request.reason(), request.recallReference(), p.user()));
        return Response.status(batch.voided() ? 200 : 202).entity(batch).build();
    }

    private static <T> T handle(String id, Supplier<T> action) {
        try {
            return action.get();
        } catch (NoSuchElementException e) {
            throw ProblemException.notFound("batch", id);
        } catch (DisbursementService.EmptyBatch | DisbursementService.BatchConflict e) {
            throw ProblemException.conflict(e.getMessage());
        }
    }
}
