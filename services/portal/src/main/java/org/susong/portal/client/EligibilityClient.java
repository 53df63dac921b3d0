package org.susong.portal.client;

import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The eligibility service (port 8082 locally; {@code quarkus.rest-client.eligibility.url}); identity as for applications. */
@RegisterRestClient(configKey = "eligibility")
@Path("/decisions")
@Produces(MediaType.APPLICATION_JSON)
public interface EligibilityClient {

    /** {@code getDecisionForApplication}: the current decision; 404 while there is none (or the person may not see it). */
    @GET
    @Path("/{applicationId}")
    Decision decision(@HeaderParam("X-User") String user, @HeaderParam("X-Roles") String roles,
                      @HeaderParam("X-District") String district, @HeaderParam("X-Acting-For") String actingFor,
                      @HeaderParam("X-Funds") String funds, @PathParam("applicationId") String applicationId);

    @ClientExceptionMapper
    static RuntimeException toError(Response response) {
        return ServiceError.of("eligibility", response);
    }
}
