package org.susong.portal.client;

import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The eligibility service (port 8082 locally; {@code quarkus.rest-client.eligibility.url}); identity as for applications. */
@RegisterRestClient(configKey = "eligibility")
@Produces(MediaType.APPLICATION_JSON)
public interface EligibilityClient {

    /** {@code getDecisionForApplication}: the current decision; 404 while there is none (or the person may not see it). */
    @GET
    @Path("/decisions/{applicationId}")
    Decision decision(@BeanParam CallerIdentity as, @PathParam("applicationId") String applicationId);

    /**
     * {@code listOpenReviews}: REVIEW_REQUIRED decisions awaiting an officer, oldest first; a district officer's own
     * district only (the service narrows it; the portal names it too).
     */
    @GET
    @Path("/reviews")
    ServicePage<Decision> openReviews(@BeanParam CallerIdentity as, @QueryParam("district") String districtFilter,
                                      @QueryParam("limit") Integer limit);

    /** {@code listMeasures}: the catalogue's current versions, by code, keyset-paged (every role may read it). */
    @GET
    @Path("/measures")
    ServicePage<MeasureView> measures(@BeanParam CallerIdentity as, @QueryParam("cursor") String cursor,
                                      @QueryParam("limit") Integer limit);

    /** {@code getMeasure}: a measure's current version with its facts schema; 404 for an unknown code. */
    @GET
    @Path("/measures/{code}")
    MeasureView measure(@BeanParam CallerIdentity as, @PathParam("code") String code);

    /** {@code getMeasureVersion}: the published version a decision pins ({@code ruleVersion}), with its placeholders. */
    @GET
    @Path("/measures/{code}/versions/{version}")
    MeasureVersion measureVersion(@BeanParam CallerIdentity as, @PathParam("code") String code,
                                  @PathParam("version") int version);

    /**
     * {@code decideReview}: an officer's decision on a review (the service checks the district, the amount against
     * the caps, the maker-checker and the state; each refusal is a problem naming its field).
     */
    @POST
    @Path("/reviews/{decisionId}/decision")
    @Consumes(MediaType.APPLICATION_JSON)
    void decideReview(@BeanParam CallerIdentity as, @PathParam("decisionId") String decisionId,
                      ReviewRequest request);

    @ClientExceptionMapper
    static RuntimeException toError(Response response) {
        return ServiceError.of("eligibility", response);
    }
}
