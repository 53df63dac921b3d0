package org.susong.applications.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import org.susong.applications.application.ApplicantService;
import org.susong.applications.domain.Applicant;
import org.susong.applications.domain.ApplicantType;
import org.susong.commons.ids.District;
import org.susong.commons.ids.Uscc;
import org.susong.commons.rest.ProblemException;
import org.susong.commons.security.CurrentUser;
import org.susong.commons.security.Principal;

@Path("/applicants")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ApplicantResource {

    /** Registration of an applicant. {@code checkOverrideReason}: an officer's reason to accept a code whose check fails. */
    public record RegisterApplicantRequest(
            @NotBlank @Size(min = 18, max = 18, message = "must have 18 characters") String uscc,
            @NotBlank @Size(max = 200) String name,
            @NotNull ApplicantType type,
            @NotBlank String district,
            @Size(max = 500) String checkOverrideReason) {
    }

    public record ApplicantView(String uscc, String name, ApplicantType type, String district, boolean checkCharacterValid,
                                String checkOverrideReason, Instant registeredAt) {
        static ApplicantView of(Applicant a) {
            return new ApplicantView(a.uscc().value(), a.name(), a.type(), a.district().english(),
                    a.checkOverride() == null, a.checkOverride() == null ? null : a.checkOverride().reason(),
                    a.registeredAt());
        }
    }

    private final ApplicantService applicants;
    private final CurrentUser currentUser;

    ApplicantResource(ApplicantService applicants, CurrentUser currentUser) {
        this.applicants = applicants;
        this.currentUser = currentUser;
    }

    @POST
    public Response register(@Valid @NotNull RegisterApplicantRequest request) {
        Principal principal = currentUser.require();
        Uscc.shapeProblem(request.uscc().trim().toUpperCase()).ifPresent(problem -> {
            throw ProblemException.badRequest("uscc", problem);
        });
        District district = District.parse(request.district()).orElseThrow(() -> ProblemException.badRequest("district",
                "unknown district '" + request.district() + "'; one of " + District.allowed()));
        Applicant applicant = applicants.register(principal, new ApplicantService.RegisterCommand(request.uscc(),
                request.name(), request.type(), district, request.checkOverrideReason()));
        return Response.created(URI.create("/applicants/" + applicant.uscc())).entity(ApplicantView.of(applicant)).build();
    }

    @GET
    @Path("/{uscc}")
    public ApplicantView get(@PathParam("uscc") String uscc) {
        currentUser.require();
        return applicants.find(uscc).map(ApplicantView::of).orElseThrow(() -> ProblemException.notFound("applicant", uscc));
    }
}
