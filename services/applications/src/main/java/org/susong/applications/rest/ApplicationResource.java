package org.susong.applications.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.susong.applications.application.ApplicationService;
import org.susong.applications.application.LifecycleService;
import org.susong.applications.domain.Application;
import org.susong.commons.rest.ProblemException;
import org.susong.commons.security.CurrentUser;
import org.susong.commons.security.Principal;

@Path("/applications")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ApplicationResource {

    public record SubmitApplicationRequest(
            @NotBlank @Size(max = 18) String applicantUscc,
            @NotBlank @Size(max = 16) String measureCode,
            @NotNull Map<String, Object> facts) {
    }

    public record TimelineEntry(Instant at, String kind, String status, String actor, String cause, String detail) {
    }

    public record ApplicationView(String id, String applicantUscc, String measureCode, String district, String status,
                                  Map<String, Object> facts, Instant submittedAt, List<TimelineEntry> timeline) {
        static ApplicationView of(Application a) {
            return new ApplicationView(a.id(), a.applicantUscc(), a.measureCode(), a.district().english(),
                    a.status().name(), a.facts(), a.submittedAt(), a.timeline().stream()
                    .map(f -> new TimelineEntry(f.at(), f.kind(), f.status().name(), f.actor(), f.eventId(), f.detail()))
                    .toList());
        }
    }

    private final ApplicationService applications;
    private final LifecycleService lifecycle;
    private final CurrentUser currentUser;

    ApplicationResource(ApplicationService applications, LifecycleService lifecycle, CurrentUser currentUser) {
        this.applications = applications;
        this.lifecycle = lifecycle;
        this.currentUser = currentUser;
    }

    /**
     * Submits an application. With an {@code Idempotency-Key}, a repeat of the same body returns the
     * original answer and a different body under the same key is refused with 422.
     */
    @POST
    public Response submit(@HeaderParam("Idempotency-Key") @Size(max = 100) String idempotencyKey,
                           @Valid @NotNull SubmitApplicationRequest request) {
        Principal principal = currentUser.require();
        ApplicationService.Submitted submitted = applications.submit(principal, new ApplicationService.SubmitCommand(
                request.applicantUscc().trim().toUpperCase(), request.measureCode().trim(), request.facts()), idempotencyKey);
        Document body = submitted.response();
        String id = body.getString("id");
        return Response.status(Response.Status.CREATED)
                .location(URI.create("/applications/" + id))
                .header("Idempotent-Replayed", String.valueOf(submitted.replayed()))
                .entity(Map.of("id", id, "status", body.getString("status")))
                .build();
    }

    @GET
    @Path("/{id}")
    public ApplicationView get(@PathParam("id") String id) {
        Principal principal = currentUser.require();
        Application application = lifecycle.find(id).filter(a -> visibleTo(principal, a))
                .orElseThrow(() -> ProblemException.notFound("application", id));
        return ApplicationView.of(application);
    }

    /** District officers see their district; applicants their own enterprise; others (admins, auditors) all. */
    static boolean visibleTo(Principal principal, Application application) {
        if (principal.hasRole(Principal.OFFICER) && principal.district().isPresent()) {
            return principal.district().get().equalsIgnoreCase(application.district().name())
                    || principal.district().get().equalsIgnoreCase(application.district().english());
        }
        if (principal.hasRole(Principal.APPLICANT)) {
            return principal.actingFor().map(application.applicantUscc()::equals).orElse(false);
        }
        return true;
    }
}
