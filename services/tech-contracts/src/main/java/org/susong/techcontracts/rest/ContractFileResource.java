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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
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
                                   @Schema(description = "SHA-256 of the content, 64 lower-case hex digits; the download "
                                           + "sends it as `X-Checksum-SHA256` after checking the content against it")
                                   String sha256,
                                   Instant uploadedAt, String uploadedBy,
                                   @Schema(description = "When the retention ends and the file is deleted")
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
            description = "The body is the file itself, its type in `Content-Type` (`susong.files.content-types`: PDF, PNG, "
                    + "JPEG; another type 415), at most `susong.files.max-size` (10 MB; 413 above). Its first bytes must "
                    + "be those of its type and the virus scan must pass it (422, `field` `Content-Type` or `file`); a "
                    + "refused file is not kept. Registrars, admins and the contract's parties (seller or buyer); another "
                    + "enterprise's contract answers 404.")
    @RequestBody(required = true, description = "The file's bytes as they are",
            content = {@Content(mediaType = "application/pdf", schema = @Schema(type = SchemaType.STRING, format = "binary",
                    example = "%PDF-1.7 ... (the PDF file's bytes)")),
                    @Content(mediaType = "image/png", schema = @Schema(type = SchemaType.STRING, format = "binary",
                            example = "(the PNG file's bytes, beginning 89 50 4E 47)")),
                    @Content(mediaType = "image/jpeg", schema = @Schema(type = SchemaType.STRING, format = "binary",
                            example = "(the JPEG file's bytes, beginning FF D8 FF)"))})
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
            description = "The content as uploaded, checked against its SHA-256 before it is sent (a damaged file is not "
                    + "served: 500). Registrars, admins and the contract's parties; a file of another contract is 404.")
    @APIResponse(responseCode = "200", description = "The file",
            headers = {@Header(name = FileResponses.CHECKSUM_HEADER, description = "SHA-256 of the content (hex)",
                    schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "Content-Disposition", description = "attachment, with the file's name",
                            schema = @Schema(type = SchemaType.STRING))},
            content = {@Content(mediaType = "application/pdf", schema = @Schema(type = SchemaType.STRING, format = "binary")),
                    @Content(mediaType = "image/png", schema = @Schema(type = SchemaType.STRING, format = "binary")),
                    @Content(mediaType = "image/jpeg", schema = @Schema(type = SchemaType.STRING, format = "binary"))})
    @GET
    @Path("/{fileId}")
    @Produces(MediaType.WILDCARD)
    @RolesAllowed({Principal.REGISTRAR, Principal.ADMIN, Principal.APPLICANT})
    public Response download(@PathParam("id") String id, @PathParam("fileId") String fileId) {
        return FileResponses.download(files.download(currentUser.require(), id, fileId));
    }
}
