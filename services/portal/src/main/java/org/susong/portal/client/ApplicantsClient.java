package org.susong.portal.client;

import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The applications service's applicants ({@code ApplicantResource}, the same service and URL as
 * {@link ApplicationsClient}): the applicant's own record. The bank-account changes are not here: applications takes
 * them from an officer of the applicant's district only ({@code requestBankAccountChange}, {@code OFFICER}).
 */
@RegisterRestClient(configKey = "applications")
@Path("/applicants")
@Produces(MediaType.APPLICATION_JSON)
public interface ApplicantsClient {

    /** {@code getApplicant}: the record as it stands now, the account number masked; 404 when the person may not see it. */
    @GET
    @Path("/{uscc}")
    ApplicantRecord get(@BeanParam CallerIdentity as, @PathParam("uscc") String uscc);

    @ClientExceptionMapper
    static RuntimeException toError(Response response) {
        return ServiceError.of("applications", response);
    }
}
