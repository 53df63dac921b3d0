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
 * The tech-contracts service as the registrar's pages call it (the same service and URL as {@link TechContractsClient},
 * {@code quarkus.rest-client.tech-contracts.url}): the review queue, a contract, the two review writes (registration,
 * refusal) and the year's statistics. Identity as for every client: {@link CallerIdentity}.
 */
@RegisterRestClient(configKey = "tech-contracts")
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public interface RegistryClient {

    /** {@code listContracts} with {@code status} (a registrar sees every district's), newest first, keyset-paged. */
    @GET
    @Path("contracts")
    ServicePage<ContractDetail> list(@BeanParam CallerIdentity as, @QueryParam("status") String status,
                                     @QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit);

    /** {@code getContract}: with its parties, terms, review dates, refusals and amendments (404 when not visible). */
    @GET
    @Path("contracts/{id}")
    ContractDetail get(@BeanParam CallerIdentity as, @PathParam("id") String id);

    /** {@code registerContract}: the 16-digit number is issued; 409 with {@code currentStatus} when not SUBMITTED. */
    @POST
    @Path("contracts/{id}/registration")
    ContractDetail register(@BeanParam CallerIdentity as, @PathParam("id") String id);

    /** {@code refuseContract}: one or more coded reasons ({@code ContractResource.RefusalRequest}). */
    @POST
    @Path("contracts/{id}/refusal")
    @Consumes(MediaType.APPLICATION_JSON)
    ContractDetail refuse(@BeanParam CallerIdentity as, @PathParam("id") String id, RefusalRequest request);

    /** {@code getContractStatistics}: the registered contracts of a year, totals, growth and breakdowns. */
    @GET
    @Path("statistics/contracts/{year}")
    ContractStatistics statistics(@BeanParam CallerIdentity as, @PathParam("year") int year);

    /** {@code getContractStatisticsCsv}: the same figures as CSV, one line per group (a few dozen lines). */
    @GET
    @Path("statistics/contracts/{year}/csv")
    @Produces("text/csv")
    String statisticsCsv(@BeanParam CallerIdentity as, @PathParam("year") int year);

    @ClientExceptionMapper
    static RuntimeException toError(Response response) {
        return ServiceError.of("tech-contracts", response);
    }
}
