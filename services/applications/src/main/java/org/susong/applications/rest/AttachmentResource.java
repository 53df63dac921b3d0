package org.susong.applications.rest;

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
import org.susong.applications.application.AttachmentService;
import org.susong.applications.domain.AttachmentKind;
import org.susong.commons.files.FileResponses;
import org.susong.commons.files.FileStore;
import org.susong.commons.files.StoredFile;
import org.susong.commons.rest.ApiContract;
import org.susong.commons.rest.ListParams;
import org.susong.commons.rest.Page;
import org.susong.commons.security.CurrentUser;
import org.susong.commons.security.Principal;

/**
 * An application's files (issue 20 item 7): uploaded as the raw body with its type in {@code Content-Type} (a portal
 * sends a file as it is, no multipart form to build), listed, and downloaded with their SHA-256.
 */
@Tag(name = "attachments", description = "Files of an application (certificates, contracts, audit reports): kept in the "
        + "service's own store with their SHA-256, under the application's access rules.")
@Path("/applications/{id}/attachments")
public class AttachmentResource {

    @Schema(description = "A file kept with an application")
    public record AttachmentView(String id, String fileName,
                                 @Schema(implementation = AttachmentKind.class) String kind,
                                 @Schema(description = "The file's type, as accepted at upload") String contentType,
                                 long sizeBytes,
                                 @Schema(description = FileResponses.SHA256)
                                 String sha256,
                                 Instant uploadedAt, String uploadedBy,
                                 @Schema(description = FileResponses.RETAIN_UNTIL)
                                 Instant retainUntil) {
        static AttachmentView of(StoredFile f) {
            return new AttachmentView(f.id(), f.fileName(), f.kind(), f.contentType(), f.sizeBytes(), f.sha256(),
                    f.uploadedAt(), f.uploadedBy(), f.retainUntil());
        }
    }

    private final AttachmentService attachments;
    private final CurrentUser currentUser;

    AttachmentResource(AttachmentService attachments, CurrentUser currentUser) {
        this.attachments = attachments;
        this.currentUser = currentUser;
    }

    @Operation(operationId = "uploadAttachment", summary = "Upload a file to an application",
            description = FileResponses.UPLOAD_RULES + " Its district's officer or the applicant itself; another "
                    + "district's or USCC's application answers 404. The upload is a fact on the timeline "
                    + "(`ATTACHMENT_UPLOADED`).")
    @RequestBody(ref = ApiContract.FILE_UPLOAD)
    @APIResponse(responseCode = "201", description = "Kept; `Location` is its download",
            headers = @Header(name = "Location", ref = ApiContract.LOCATION),
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = AttachmentView.class)))
    @APIResponse(responseCode = "415", description = "A file type not accepted (`field`: `Content-Type`)")
    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Principal.OFFICER, Principal.APPLICANT})
    public Response upload(@PathParam("id") String id,
                           @Parameter(description = "The file's name (up to 255 characters, no path)", required = true,
                                   example = "certificate.pdf") @QueryParam("fileName") String fileName,
                           @Parameter(description = "What the file is", required = true,
                                   schema = @Schema(implementation = AttachmentKind.class)) @QueryParam("kind") String kind,
                           @Context HttpHeaders headers, InputStream body) {
        StoredFile stored = attachments.upload(currentUser.require(), id, FileResponses.fileName(fileName),
                ListParams.oneOf("kind", kind, AttachmentKind.class).orElseThrow(() ->
                        org.susong.commons.rest.ProblemException.badRequest("kind", "kind is required")),
                headers.getHeaderString(HttpHeaders.CONTENT_TYPE), body);
        return Response.created(URI.create("/applications/" + id + "/attachments/" + stored.id()))
                .type(MediaType.APPLICATION_JSON).entity(AttachmentView.of(stored)).build();
    }

    @Operation(operationId = "listAttachments", summary = "List an application's files",
            description = "In the order they were uploaded, paged by cursor. Whoever may read the application.")
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Principal.OFFICER, Principal.APPLICANT, Principal.AUDITOR, Principal.ADMIN})
    public Page<AttachmentView> list(@PathParam("id") String id, @QueryParam("cursor") String cursor,
                                     @QueryParam("limit") Integer limit) {
        int max = ListParams.limit(limit);
        return attachments.list(currentUser.require(), id, cursor, max).map(AttachmentView::of);
    }

    @Operation(operationId = "downloadAttachment", summary = "Download a file of an application",
            description = FileResponses.DOWNLOAD_RULES + " Whoever may read the application; a file of another "
                    + "application is 404.")
    @APIResponse(responseCode = "200", ref = ApiContract.FILE_DOWNLOAD)
    @GET
    @Path("/{fileId}")
    @Produces(MediaType.WILDCARD)
    @RolesAllowed({Principal.OFFICER, Principal.APPLICANT, Principal.AUDITOR, Principal.ADMIN})
    public Response download(@PathParam("id") String id, @PathParam("fileId") String fileId) {
        FileStore.Download download = attachments.download(currentUser.require(), id, fileId);
        return FileResponses.download(download);
    }
}
