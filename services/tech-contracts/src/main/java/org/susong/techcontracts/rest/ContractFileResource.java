package org.susong.techcontracts.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.susong.commons.files.FileResponses;
import org.susong.commons.files.StoredFile;
import org.susong.commons.rest.ApiContract;
import org.susong.commons.rest.ListParams;
import org.susong.commons.rest.Page;
import org.susong.commons.security.CurrentUser;
import org.susong.commons.security.Principal;
import org.susong.techcontracts.application.ContractFileService;

/**
 * A contract's files (issue 20 item 7): the signed contract uploaded as the raw body with its type in
 * {@code Content-Type}, listed, and downloaded with its SHA-256 - the same commons FileStore as applications'
 * attachments.
 */
@Tag(name = "contract-files", description = "The files of a contract (the signed contract): kept in the service's own "
        + "store with their SHA-256; registrars, admins and the contract's parties.")
@Path("/contracts/{id}/files")
public class ContractFileResource {

    @Schema(description = "A file kept with a contract")
    public record ContractFileView(String id, String fileName, String contentType, long sizeBytes,
                                   @Schema(description = FileResponses.SHA256)
                                   String sha256,
                                   Instant uploadedAt, String uploadedBy,
                                   @Schema(description = FileResponses.RETAIN_UNTIL)
                                   Instant retainUntil) {
        static ContractFileView of(StoredFile f) {
            return new ContractFileView(f.id(), f.fileName(), f.contentType(), f.sizeBytes(), f.sha256(), f.uploadedAt(),
                    f.uploadedBy(), f.retainUntil());
        }
    }

    private final ContractFileService files;
    private final CurrentUser currentUser;

    ContractFileResource(ContractFileService files, CurrentUser currentUser) {
        this.files = files;
        this.currentUser = currentUser;
    }

    @Operation(operationId = "uploadContractFile", summary = "Upload a contract's file",
            description = FileResponses.UPLOAD_RULES + " Registrars, admins and the contract's parties (seller or "
                    + "buyer); another enterprise's contract answers 404.")
    @RequestBody(ref = ApiContract.FILE_UPLOAD)
    @APIResponse(responseCode = "201", description = "Kept; `Location` is its download",
            headers = @Header(name = "Location", ref = ApiContract.LOCATION),
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ContractFileView.class)))
    @APIResponse(responseCode = "415", description = "A file type not accepted (`field`: `Content-Type`)")
    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Principal.REGISTRAR, Principal.ADMIN, Principal.APPLICANT})
    public Response upload(@PathParam("id") String id,
                           @Parameter(description = "The file's name (up to 255 characters, no path)", required = true,
                                   example = "contract-signed.pdf") @QueryParam("fileName") String fileName,
                           @Context HttpHeaders headers, InputStream body) {
        StoredFile stored = files.upload(currentUser.require(), id, FileResponses.fileName(fileName),
                headers.getHeaderString(HttpHeaders.CONTENT_TYPE), body);
        return Response.created(URI.create("/contracts/" + id + "/files/" + stored.id()))
                .type(MediaType.APPLICATION_JSON).entity(ContractFileView.of(stored)).build();
    }

    @Operation(operationId = "listContractFiles", summary = "List a contract's files",
            description = "In the order they were uploaded, paged by cursor. Registrars, admins and the contract's parties.")
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Principal.REGISTRAR, Principal.ADMIN, Principal.APPLICANT})
    public Page<ContractFileView> list(@PathParam("id") String id, @QueryParam("cursor") String cursor,
                                       @QueryParam("limit") Integer limit) {
        int max = ListParams.limit(limit);
        return files.list(currentUser.require(), id, cursor, max).map(ContractFileView::of);
    }

    @Operation(operationId = "downloadContractFile", summary = "Download a contract's file",
            description = FileResponses.DOWNLOAD_RULES + " Registrars, admins and the contract's parties; a file of "
                    + "another contract is 404.")
    @APIResponse(responseCode = "200", ref = ApiContract.FILE_DOWNLOAD)
    @GET
    @Path("/{fileId}")
    @Produces(MediaType.WILDCARD)
    @RolesAllowed({Principal.REGISTRAR, Principal.ADMIN, Principal.APPLICANT})
    public Response download(@PathParam("id") String id, @PathParam("fileId") String fileId) {
        return FileResponses.download(files.download(currentUser.require(), id, fileId));
    }
}
