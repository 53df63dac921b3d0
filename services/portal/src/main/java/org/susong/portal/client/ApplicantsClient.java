package org.susong.portal.client;

import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The applications service's applicants ({@code ApplicantResource}, the same service and URL as
 * {@link ApplicationsClient}): the applicant's own record and its request for a new bank account (the maker; an
 * officer of its district approves it, the portal has no approval of its own).
 */
@RegisterRestClient(configKey = "applications")
@Path("/applicants")
@Produces(MediaType.APPLICATION_JSON)
public interface ApplicantsClient {

    /** {@code getApplicant}: the record as it stands now, the account number masked; 404 when the person may not see it. */
    @GET
    @Path("/{uscc}")
    ApplicantRecord get(@BeanParam CallerIdentity as, @PathParam("uscc") String uscc);

    /**
     * {@code requestBankAccountChange}: 202 with the record, the change pending and awaiting its checker; 422 naming
     * {@code bankAccount.<field>} (the name is not the registered one, the number or code malformed), 409 while an
     * approved change is in its cooling-off.
     */
    @POST
    @Path("/{uscc}/bank-account-changes")
    @Consumes(MediaType.APPLICATION_JSON)
    ApplicantRecord requestAccountChange(@BeanParam CallerIdentity as, @PathParam("uscc") String uscc,
                                         AccountChangeRequest request);

    /** {@code listPendingApplicantChanges}: {@code kind} BANK_ACCOUNT or REGISTRATION, the officer's district only. */
    @GET
    @Path("/pending-changes")
    ServicePage<PendingChange> pendingChanges(@BeanParam CallerIdentity as, @QueryParam("kind") String kind,
                                              @QueryParam("cursor") String cursor, @QueryParam("limit") int limit);

    /** {@code approveBankAccountChange}: the checker (403 for the maker, 409 for a change no longer pending). */
    @POST
    @Path("/{uscc}/bank-account-changes/{changeId}/approval")
    ApplicantRecord approveAccountChange(@BeanParam CallerIdentity as, @PathParam("uscc") String uscc,
                                         @PathParam("changeId") String changeId);

    /** {@code rejectBankAccountChange}: any officer of the district, the reason required (422 {@code reason}). */
    @POST
    @Path("/{uscc}/bank-account-changes/{changeId}/rejection")
    @Consumes(MediaType.APPLICATION_JSON)
    ApplicantRecord rejectAccountChange(@BeanParam CallerIdentity as, @PathParam("uscc") String uscc,
                                        @PathParam("changeId") String changeId, ChangeRejection rejection);

    /** {@code approveRegistrationChange}: the checker (409 for the maker or a change no longer pending). */
    @POST
    @Path("/{uscc}/registration-changes/{changeId}/approval")
    ApplicantRecord approveRegistrationChange(@BeanParam CallerIdentity as, @PathParam("uscc") String uscc,
                                              @PathParam("changeId") String changeId);

    /** {@code rejectRegistrationChange}: the reason required (422 {@code reason}). */
    @POST
    @Path("/{uscc}/registration-changes/{changeId}/rejection")
    @Consumes(MediaType.APPLICATION_JSON)
    ApplicantRecord rejectRegistrationChange(@BeanParam CallerIdentity as, @PathParam("uscc") String uscc,
                                             @PathParam("changeId") String changeId, ChangeRejection rejection);

    @ClientExceptionMapper
    static RuntimeException toError(Response response) {
        return ServiceError.of("applications", response);
    }
}
