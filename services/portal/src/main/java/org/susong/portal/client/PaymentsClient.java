package org.susong.portal.client;

import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The payments service (port 8083 locally; {@code quarkus.rest-client.payments.url}); identity as for applications. */
@RegisterRestClient(configKey = "payments")
@Path("/payments")
@Produces(MediaType.APPLICATION_JSON)
public interface PaymentsClient {

    /**
     * {@code listPayments}: the orders the person sees (a district officer its district's, an applicant its USCC's),
     * newest first; filters by application, state and district.
     */
    @GET
    ServicePage<Payment> list(@BeanParam CallerIdentity as, @QueryParam("applicationId") String applicationId,
                              @QueryParam("state") String state, @QueryParam("district") String districtFilter,
                              @QueryParam("limit") Integer limit);

    /**
     * {@code resolvePaymentHold}: an officer of the order's district other than the objector; {@code UPHELD} releases
     * the money to the budget line, {@code DISMISSED} lets the order go on; 409 for the objector or a hold no longer open.
     */
    @POST
    @Path("/{id}/holds/{holdId}/resolution")
    @Consumes(MediaType.APPLICATION_JSON)
    Payment resolveHold(@BeanParam CallerIdentity as, @PathParam("id") String orderId, @PathParam("holdId") String holdId,
                        HoldResolution resolution);

    @ClientExceptionMapper
    static RuntimeException toError(Response response) {
        return ServiceError.of("payments", response);
    }
}
