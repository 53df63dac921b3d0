package org.susong.eligibility.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.susong.commons.rest.ProblemException;
import org.susong.commons.security.CurrentUser;
import org.susong.commons.security.Principal;
import org.susong.eligibility.application.ReviewService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The officers' review queue and their decisions (maker-checker above the configured amount). */
@Tag(name = "reviews", description = "The officers' review queue of decisions that need a person, and their decisions (maker-checker above the configured amount).")
@Path("/reviews")
@Produces(MediaType.APPLICATION_JSON)
public class ReviewResource {

    /** An officer's decision: APPROVED (amountFen optional when one was computed) or REJECTED, with a reason. */
    @Schema(example = "{\"outcome\": \"APPROVED\", \"amountFen\": 20000000, \"reason\": \"certificate checked against the register\"}")
    public record ReviewRequest(@Schema(enumeration = {"APPROVED", "REJECTED"}, required = true) String outcome,
                                @Schema(description = "The amount to award; optional when one was computed") Long amountFen,
                                String reason) {
    }

    private final ReviewService reviews;
    private final CurrentUser currentUser;

    ReviewResource(ReviewService reviews, CurrentUser currentUser) {
        this.reviews = reviews;
        this.currentUser = currentUser;
    }

    /**
     * Open reviews: a district officer's district only (from the principal, in the query; another district's
     * {@code district} filter finds nothing); an auditor every district, optionally filtered.
     */
    @Operation(operationId = "listOpenReviews", summary = "List the open reviews",
            description = "Decisions whose outcome is REVIEW_REQUIRED and that await an officer: a district officer sees their "
                    + "district only; an auditor every district, optionally filtered by `district`.")
    @GET
    @RolesAllowed({Principal.OFFICER, Principal.AUDITOR})
    public List<DecisionResource.DecisionView> queue(@QueryParam("district") String district) {
        Principal principal = currentUser.require();
        return reviews.queue(principal, district).stream().map(DecisionResource::view).toList();
    }

    @Operation(operationId = "decideReview", summary = "Decide a review",
            description = "APPROVED (with `amountFen`, optional when one was computed) or REJECTED, with a reason. Above the "
                    + "configured amount a second officer must confirm (`reviewState` AWAITING_SECOND, then DONE); a decision "
                    + "that awaits no review: 409 with its `outcome`.")
    @POST
    @RolesAllowed(Principal.OFFICER)
    @Path("/{decisionId}/decision")
    @Consumes(MediaType.APPLICATION_JSON)
    public ReviewService.ReviewResult decide(@PathParam("decisionId") String decisionId, ReviewRequest request) {
        Principal officer = currentUser.requireAnyRole(Principal.OFFICER);
        if (request == null) {
            throw ProblemException.badRequest("body", "the review decision is missing");
        }
        return reviews.decide(decisionId, officer, new ReviewService.ReviewCommand(request.outcome(), request.amountFen(),
                request.reason()));
    }
}
