package org.susong.portal.client;

import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * Eligibility's calls of competitive measures (C1, issue 19): the calls, a call, its applications, an application's
 * score sheet and the ranking. The same service as {@link EligibilityClient} ({@code quarkus.rest-client.eligibility.url}),
 * identity as for every client. The service narrows what an officer sees to its district.
 */
@RegisterRestClient(configKey = "eligibility")
@Produces(MediaType.APPLICATION_JSON)
public interface CallsClient {

    /** {@code GET /calls}: the calls, newest first, optionally of one state; commons {@code Page}. */
    @GET
    @Path("/calls")
    ServicePage<Call> calls(@BeanParam CallerIdentity as, @QueryParam("state") String state,
                            @QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit);

    /** {@code GET /calls/{callId}}: the call as published, with its state, phase and number of applications. */
    @GET
    @Path("/calls/{callId}")
    Call call(@BeanParam CallerIdentity as, @PathParam("callId") String callId);

    /** {@code GET /calls/{callId}/applications}: its applications in submission order (an officer: its district's). */
    @GET
    @Path("/calls/{callId}/applications")
    ServicePage<CallEntry> applications(@BeanParam CallerIdentity as, @PathParam("callId") String callId,
                                        @QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit);

    /** {@code GET /calls/{callId}/applications/{applicationId}/scores}: an application's score sheet. */
    @GET
    @Path("/calls/{callId}/applications/{applicationId}/scores")
    ScoreSheet sheet(@BeanParam CallerIdentity as, @PathParam("callId") String callId,
                     @PathParam("applicationId") String applicationId);

    /** {@code GET /calls/{callId}/ranking}: the ranking and its later rounds; 409 (field {@code phase}) while not ranked. */
    @GET
    @Path("/calls/{callId}/ranking")
    Ranking ranking(@BeanParam CallerIdentity as, @PathParam("callId") String callId);

    @ClientExceptionMapper
    static RuntimeException toError(Response response) {
        return ServiceError.of("eligibility", response);
    }
}
