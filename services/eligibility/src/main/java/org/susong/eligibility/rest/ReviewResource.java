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
import org.susong.commons.rest.ListParams;
import org.susong.commons.rest.Page;
import org.susong.commons.rest.ProblemException;
import org.susong.commons.security.CurrentUser;
import org.susong.commons.security.Principal;
import org.susong.eligibility.application.DecisionQueries;
import org.susong.eligibility.application.ReviewService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.susong.eligibility.domain.ReviewFilter;

/** The officers' review queue and their decisions (maker-checker above the configured amount). */
@Tag(name = "reviews", description = "The officers' review queue of decisions that need a person, and their decisions (maker-checker above the configured amount).")
@Path("/reviews")
@Produces(MediaType.APPLICATION_JSON)
public class ReviewResource {

    /**
     * An officer's decision: APPROVED (amountFen optional when one was computed; required for a measure whose amount an
     * officer sets, A3) or REJECTED, with a reason.
     */
    @Schema(example = "{\"outcome\": \"APPROVED\", \"amountFen\": 80000000, \"reason\": \"result landed at a Haicang firm, contract seen\"}")
    public record ReviewRequest(@Schema(enumeration = {"APPROVED", "REJECTED", "UPHELD"}, required = true, description = "UPHELD only on an "
            + "appeal's decision (the appealed decision stands)") String outcome,
                                @Schema(description = "The amount to award in fen, positive and within the measure's cap (or "
                                        + "its sourced ceiling); optional when one was computed, required when the measure "
                                        + "computes none (A3: the officer sets it)") Long amountFen,
                                @Schema(required = true, description = "Why: stated in the decision the applicant reads "
                                        + "(for an amount an officer set, in both languages, with who set it)") String reason) {
    }

    private final ReviewService reviews;
    private final DecisionQueries decisions;
    private final CurrentUser currentUser;

    ReviewResource(ReviewService reviews, DecisionQueries decisions, CurrentUser currentUser) {
        this.reviews = reviews;
        this.decisions = decisions;
        this.currentUser = currentUser;
    }

    /**
     * Open reviews, oldest first, keyset-paged: a district officer's district only (from the principal, in the
     * query; another district's {@code district} filter finds nothing); an auditor every district, optionally
     * filtered. Filters: district (any case), measure, applicant (USCC), from/to (decision dates, inclusive).
     */
    @Operation(operationId = "listOpenReviews", summary = "List the open reviews",
            description = "Decisions whose outcome is REVIEW_REQUIRED and that await an officer: a district officer sees their "
                    + "district only; an auditor every district, optionally filtered by `district`. Oldest first, paged by a keyset "
                    + "cursor (`nextCursor`); filters: district (any case), measure, applicant (USCC), from/to (decision "
                    + "dates, inclusive).")
    @GET
    @RolesAllowed({Principal.OFFICER, Principal.AUDITOR})
    public Page<DecisionResource.DecisionView> queue(@QueryParam("district") String district,
                                                     @QueryParam("measure") String measure,
                                                     @QueryParam("applicant") String applicant,
                                                     @QueryParam("from") String from, @QueryParam("to") String to,
                                                     @QueryParam("cursor") String cursor,
                                                     @QueryParam("limit") Integer limit) {
        Principal principal = currentUser.require();
        ListParams.Dates dates = ListParams.dates(from, to);
        ReviewFilter filter = new ReviewFilter(
                ListParams.district("district", district), ListParams.text(measure),
                ListParams.text(applicant).map(a -> a.toUpperCase(java.util.Locale.ROOT)), dates.from(), dates.to());
        return decisions.openReviews(principal, filter, cursor, ListParams.limit(limit)).map(DecisionResource::view);
    }

    @Operation(operationId = "decideReview", summary = "Decide a review",
            description = "APPROVED (with `amountFen`, optional when one was computed, required for a measure whose amount "
                    + "an officer sets - A3) or REJECTED, with a reason. The amount is bounded by the measure's cap or sourced "
                    + "ceiling (422 `field` amountFen above it); a missing or non-positive amount is 400 `field` amountFen, a "
                    + "missing reason 400 `field` reason; nothing is applied. Above the configured amount a second, different "
                    + "officer must confirm the same amount (`reviewState` AWAITING_SECOND, then DONE; the maker confirming "
                    + "its own: 409 `field` officer; another amount: 409 `field` amountFen); the cap is charged only when the "
                    + "decision is DONE. The decision's explanation says, in English and Chinese, that a person set the "
                    + "amount, who and why. A decision that awaits no review: 409 with its `outcome`. After an approval "
                    + "interrupted once the cap was charged, only the same amount completes it (another: 409 `field` "
                    + "amountFen, `heldFen`); a rejection gives the charged shares back (`reviewState` REJECTING until "
                    + "done; only a rejection completes it). An appeal's decision (`appeal` in the queue: the grounds, the "
                    + "documents, what the appealed decision holds) is UPHELD (the decision stands: same outcome and amount, "
                    + "nothing charged; what an interrupted approval of the appeal charged is given back, `reviewState` "
                    + "UPHOLDING until done, only an uphold completes it) or re-decided: APPROVED with an amount (a higher one takes only the "
                    + "extra from the caps; a lower one gives the difference back, `reviewState` LOWERING until done, only the "
                    + "same amount completes it: another 409 `field` amountFen with `loweringFen`) or REJECTED.")
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
