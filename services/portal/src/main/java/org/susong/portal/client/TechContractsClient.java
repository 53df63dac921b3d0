package org.susong.portal.client;

import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The tech-contracts service (port 8084 locally; {@code quarkus.rest-client.tech-contracts.url}); identity as for applications. */
@RegisterRestClient(configKey = "tech-contracts")
@Path("/contracts")
@Produces(MediaType.APPLICATION_JSON)
public interface TechContractsClient {

    /**
     * {@code listContracts}: the contracts the person sees (a district officer its district's), newest first; filters
     * by district and status (and type, applicant, from/to, not used yet).
     */
    @GET
    ServicePage<Contract> list(@BeanParam CallerIdentity as, @QueryParam("district") String districtFilter,
                               @QueryParam("status") String status, @QueryParam("limit") Integer limit);

    /** {@code listOverdueReviews}: reviews past their due date, oldest due first; a district officer sees its district. */
    @GET
    @Path("/overdue")
    ServicePage<OverdueContract> overdue(@BeanParam CallerIdentity as, @QueryParam("limit") Integer limit);

    @ClientExceptionMapper
    static RuntimeException toError(Response response) {
        return ServiceError.of("tech-contracts", response);
    }
}
