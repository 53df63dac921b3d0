package org.susong.portal.client;

import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The applications service (port 8081 locally; {@code quarkus.rest-client.applications.url}). The identity travels as
 * {@link CallerIdentity}: the signed-in user's access token with the identity provider, else the development header stub.
 */
@RegisterRestClient(configKey = "applications")
@Path("/applications")
@Produces(MediaType.APPLICATION_JSON)
public interface ApplicationsClient {

    /** {@code listApplications}: newest first, keyset-paged; the service narrows it to what the person may see. */
    @GET
    ApplicationPage list(@BeanParam CallerIdentity as, @QueryParam("district") String districtFilter,
                         @QueryParam("status") String status, @QueryParam("applicant") String applicant,
                         @QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit);

    /** {@code getApplication}: one application with its timeline; 404 when it does not exist or the person may not see it. */
    @GET
    @Path("/{id}")
    ApplicationDetail get(@BeanParam CallerIdentity as, @PathParam("id") String id);

    /**
     * {@code submitApplication}: a new application as the signed-in applicant (201 with its id). With the same
     * {@code Idempotency-Key} and body the service answers the first application again, so a double submit makes one.
     * The facts are checked against the measure's schema there too: the first violation is a 422 problem naming
     * {@code facts.<name>}.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    SubmittedApplication submit(@BeanParam CallerIdentity as, @HeaderParam("Idempotency-Key") String idempotencyKey,
                                NewApplication application);

    /**
     * {@code appealApplication}: the applicant's appeal of the current decision (202 with the application, APPEALED);
     * 409 with {@code currentStatus} when the state allows none, 422 naming {@code appealDeadline} after the deadline.
     */
    @POST
    @Path("/{id}/appeal")
    @Consumes(MediaType.APPLICATION_JSON)
    ApplicationDetail appeal(@BeanParam CallerIdentity as, @PathParam("id") String id, AppealRequest appeal);

    /**
     * {@code withdrawApplication}: a draft is withdrawn at once (200), another waits for payments' answer (202,
     * {@code withdrawalPending}); 409 for a settled application, one already waiting, or one payments refused before.
     */
    @POST
    @Path("/{id}/withdrawal")
    @Consumes(MediaType.APPLICATION_JSON)
    ApplicationDetail withdraw(@BeanParam CallerIdentity as, @PathParam("id") String id, WithdrawalRequest withdrawal);

    @ClientExceptionMapper
    static RuntimeException toError(Response response) {
        return ServiceError.of("applications", response);
    }
}
