package org.susong.applications.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.susong.applications.application.ApplicationService;
import org.susong.applications.application.ResubmissionService;
import org.susong.applications.domain.ApplicationStatus;
import org.susong.applications.rest.ApplicationResource.AttachmentRequest;
import org.susong.commons.rest.ApiContract;
import org.susong.commons.security.CurrentUser;
import org.susong.commons.security.Principal;

/** Resubmission of a rejected application as a new one (issue 20 item 5). */
@Tag(name = "applications")
@Path("/applications")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ResubmissionResource {

    /** Corrected facts and attachments; either left out keeps the rejected application's. */
    @Schema(description = "A resubmission: corrected facts and attachments (left out: those of the rejected application)",
            example = """
                    {"facts": {"category": "HIGH_TECH_ENTERPRISE", "certificateNumber": "GR202635000456",
                     "certificationYear": 2026}}""")
    public record ResubmitRequest(Map<String, Object> facts,
                                  @Valid List<@Valid @NotNull AttachmentRequest> attachments) {
    }

    /** The answer to a resubmission: the new application, submitted, and the rejected one it resubmits. */
    @Schema(example = "{\"id\": \"APP-20260615-8Q2M4K9DXC\", \"status\": \"SUBMITTED\", \"resubmissionOf\": \"APP-20260402-7Q2M4K9D0A\"}")
    public record ResubmittedView(String id, @Schema(implementation = ApplicationStatus.class) String status,
                                  String resubmissionOf) {
    }

    private final ResubmissionService resubmissions;
    private final CurrentUser currentUser;

    ResubmissionResource(ResubmissionService resubmissions, CurrentUser currentUser) {
        this.resubmissions = resubmissions;
        this.currentUser = currentUser;
    }

    @Operation(operationId = "resubmitApplication", summary = "Resubmit a rejected application as a new one",
            description = "Only a REJECTED application (409 with `currentStatus` otherwise), once (409 with `resubmittedAs` "
                    + "naming the first resubmission): a new application of the same applicant, measure and period, submitted "
                    + "and decided under the measure's current version; it is checked as a new application is now (facts "
                    + "against the current version, the measure open and in its window, the period one the measure still "
                    + "takes: 422 naming the field). The rejected application is CLOSED by it (no appeal after it), so the "
                    + "period is held by one live application. Both timelines show the link (`resubmissionOf`, "
                    + "`resubmittedAs`). With an `Idempotency-Key`, a repeat of the same body returns the original answer "
                    + "(`Idempotent-Replayed: true`).")
    @APIResponse(responseCode = "201", description = "The resubmission, submitted (or the original answer to a replayed Idempotency-Key)",
            headers = {@Header(name = "Location", ref = ApiContract.LOCATION),
                    @Header(name = "Idempotent-Replayed", ref = ApiContract.IDEMPOTENT_REPLAYED)},
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ResubmittedView.class)))
    @POST
    @Path("/{id}/resubmission")
    @RolesAllowed({Principal.OFFICER, Principal.APPLICANT})
    public Response resubmit(@PathParam("id") String id,
                             @HeaderParam("Idempotency-Key") @Size(max = 100) String idempotencyKey,
                             @Valid @NotNull ResubmitRequest request) {
        ApplicationService.Submitted submitted = resubmissions.resubmit(currentUser.require(), id,
                new ResubmissionService.ResubmitCommand(request.facts(), request.attachments() == null ? null
                        : request.attachments().stream().map(AttachmentRequest::toDomain).toList()),
                idempotencyKey);
        return ApplicationResource.created(submitted.id(), submitted.replayed(), new ResubmittedView(submitted.id(),
                submitted.status(), submitted.resubmissionOf()));
    }
}
