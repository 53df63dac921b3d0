package org.susong.eligibility.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.susong.commons.rest.ApiContract;
import org.susong.commons.rest.ListParams;
import org.susong.commons.rest.Page;
import org.susong.commons.rest.ProblemException;
import org.susong.commons.security.CurrentUser;
import org.susong.commons.security.Principal;
import org.susong.eligibility.application.CallService;
import org.susong.eligibility.domain.Call;
import org.susong.eligibility.domain.CallState;
import org.susong.eligibility.domain.Measure;

/**
 * Calls for proposals (issue 19, C1 competitive allocation): opening, scoring, conflicts, ranking and awards, and
 * cancelling a call never ranked.
 */
@Tag(name = "calls", description = "Calls for proposals with a budget envelope (C1 competitive allocation): an administrator "
        + "opens one, officers score its applications after the window, an administrator ranks and awards them.")
@Path("/calls")
@Produces(MediaType.APPLICATION_JSON)
public class CallResource {

    /** A call to open. */
    @Schema(example = "{\"measureCode\": \"C1\", \"titleEn\": \"2026 growth-stage round\", \"titleZh\": \"2026年成长期企业竞争性分配\", "
            + "\"envelopeFen\": 400000000, \"submissionFrom\": \"2026-06-01\", \"submissionTo\": \"2026-06-30\", "
            + "\"eligibilityCriteria\": [{\"name\": \"growth\", \"expr\": \"facts.stage == 'GROWTH'\", \"en\": \"a growth-stage "
            + "enterprise\", \"zh\": \"成长期企业\"}], \"scoringCriteria\": [{\"name\": \"innovation\", \"weight\": 60, \"en\": "
            + "\"innovation\", \"zh\": \"创新性\"}, {\"name\": \"market\", \"weight\": 40, \"en\": \"market\", \"zh\": \"市场前景\"}], "
            + "\"partialAwardAllowed\": false, \"disbursementMode\": \"GRANT\"}")
    public record OpenCallRequest(@Schema(required = true) String measureCode, @Schema(required = true) String titleEn,
                                  @Schema(required = true) String titleZh,
                                  @Schema(required = true, description = "The envelope: the most the call awards") Long envelopeFen,
                                  @Schema(required = true, format = "date") String submissionFrom,
                                  @Schema(required = true, format = "date", description = "Last day of the window "
                                          + "(Asia/Shanghai); scoring starts the day after") String submissionTo,
                                  @Schema(description = "CEL criteria over the measure's variables (facts, p, businessYear, "
                                          + "businessDate), on top of the measure's own") List<Measure.CriterionSpec> eligibilityCriteria,
                                  @Schema(required = true, description = "Weights (1-100) adding up to 100")
                                  List<Call.ScoringCriterion> scoringCriteria,
                                  @Schema(description = "Whether the last application reached may get what remains of the "
                                          + "envelope (default false)") Boolean partialAwardAllowed,
                                  @Schema(enumeration = {"GRANT", "INVESTMENT"}, description = "How the call's awards are "
                                          + "paid (issue 19 item 4): GRANT, or INVESTMENT into the measure's fund (C1 "
                                          + "拨改投: the fund's scope checked, an award outside it a grant); default the "
                                          + "measure's mode") String disbursementMode) {
    }

    /** An officer's scores: 0-100 points for every criterion of the call, and a comment. */
    @Schema(example = "{\"scores\": {\"innovation\": 80, \"market\": 70}, \"comment\": \"credible plan, strong team\"}")
    public record ScoreRequest(@Schema(required = true) Map<String, Integer> scores, @Schema(required = true) String comment) {
    }

    /** A declared conflict of interest. */
    @Schema(example = "{\"reason\": \"former employer of the applicant's CTO\"}")
    public record ConflictRequest(@Schema(required = true) String reason) {
    }

    /** Why a call is cancelled (1-500 characters), told to its applicants. */
    @Schema(example = "{\"reason\": \"the 2026 C1 budget line was cut by the municipal budget adjustment\"}")
    public record CancelRequest(@Schema(required = true, minLength = 1, maxLength = 500) String reason) {
    }

    private final CallService calls;
    private final CurrentUser currentUser;

    CallResource(CallService calls, CurrentUser currentUser) {
        this.calls = calls;
        this.currentUser = currentUser;
    }

    @Operation(operationId = "openCall", summary = "Open a call for proposals",
            description = "An administrator opens a call for an OPEN measure with an amount rule (C1): an envelope in fen, a "
                    + "submission window, eligibility criteria in CEL (compiled as a measure's: 400 naming "
                    + "`eligibilityCriteria[i].expr`) and scoring criteria whose weights add up to 100 (else 422 `field` "
                    + "scoringCriteria). Its awards are paid as `disbursementMode` says: GRANT, or INVESTMENT into the "
                    + "measure's fund (default the measure's mode; another value: 400, INVESTMENT on a measure paying into "
                    + "no fund: 422, each naming `disbursementMode`). Published as `CallOpened.v1`. Applications name the call in the fact `callId`. "
                    + "Payments reserves the envelope on the measure's budget line; when the line cannot hold it the call "
                    + "becomes REFUSED (state and phase) and takes no application. With an `Idempotency-Key`, a repeat by the "
                    + "same administrator answers the call the first request opened (`Idempotent-Replayed: true`), never a "
                    + "second call; a different body under the same key: 422 naming `Idempotency-Key`.")
    @APIResponse(responseCode = "201", description = "Opened (or the answer to a replayed Idempotency-Key)",
            headers = {@Header(name = "Location", ref = ApiContract.LOCATION),
                    @Header(name = "Idempotent-Replayed", ref = ApiContract.IDEMPOTENT_REPLAYED)},
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = CallService.CallView.class)))
    @POST
    @RolesAllowed(Principal.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    public Response open(@HeaderParam("Idempotency-Key") @Size(max = 100) String idempotencyKey, OpenCallRequest request) {
        Principal admin = currentUser.requireAnyRole(Principal.ADMIN);
        if (request == null) {
            throw ProblemException.badRequest("body", "the call is missing");
        }
        CallService.Opened opened = calls.open(new CallService.OpenCommand(request.measureCode(), request.titleEn(),
                request.titleZh(), request.envelopeFen(), request.submissionFrom(), request.submissionTo(),
                request.eligibilityCriteria(), request.scoringCriteria(), request.partialAwardAllowed(),
                request.disbursementMode()), admin,
                idempotencyKey == null || idempotencyKey.isBlank() ? null : idempotencyKey);
        return Response.created(URI.create("/calls/" + opened.call().callId())).entity(opened.call())
                .header("Idempotent-Replayed", String.valueOf(opened.replayed())).build();
    }

    @Operation(operationId = "listCalls", summary = "List calls for proposals",
            description = "Newest first, as published with their state and phase, paged by a keyset cursor (`nextCursor`). "
                    + "Filters: state (OPEN, RANKING, AWARDED, REFUSED, CANCELLED; another: 400 `field` state), measureCode.")
    @GET
    @RolesAllowed({Principal.APPLICANT, Principal.OFFICER, Principal.FINANCE, Principal.ADMIN, Principal.AUDITOR})
    public Page<CallService.CallView> list(@QueryParam("state") String state, @QueryParam("measureCode") String measureCode,
                                           @QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        return calls.list(ListParams.oneOf("state", state, CallState.class), ListParams.text(measureCode), cursor,
                ListParams.limit(limit));
    }

    @Operation(operationId = "listCallApplications", summary = "List a call's applications with their score sheets",
            description = "In submission order, paged by a keyset cursor (`nextCursor`): what each asks, its sheet (scorers "
                    + "done and required, the mean score once complete) and, once ranked, its rank and what the latest round "
                    + "awards it. Officers see their district's applications, administrators and auditors all; 404 for an "
                    + "unknown call.")
    @GET
    @RolesAllowed({Principal.OFFICER, Principal.ADMIN, Principal.AUDITOR})
    @Path("/{callId}/applications")
    public Page<CallService.EntryView> applications(@PathParam("callId") String callId, @QueryParam("cursor") String cursor,
                                                    @QueryParam("limit") Integer limit) {
        return calls.entries(callId, currentUser.require(), cursor, ListParams.limit(limit));
    }

    @Operation(operationId = "getCall", summary = "Read a call",
            description = "As published (envelope, window, criteria, weights, tie-break, disbursement mode), with its state "
                    + "and phase.")
    @GET
    @RolesAllowed({Principal.APPLICANT, Principal.OFFICER, Principal.FINANCE, Principal.ADMIN, Principal.AUDITOR})
    @Path("/{callId}")
    public CallService.CallView call(@PathParam("callId") String callId) {
        return calls.find(callId);
    }

    @Operation(operationId = "scoreCallApplication", summary = "Score an application to a call",
            description = "An officer of the application's district, after the window closed and before the ranking (else 409 "
                    + "`field` phase): 0-100 points for every criterion (400 `field` scores.<name>) and a comment. An officer "
                    + "scoring twice: 409 `field` officer; one who declared a conflict: 403 `field` officer; a complete sheet "
                    + "(one officer, two above the configured amount): 409 `field` scores.")
    @POST
    @RolesAllowed(Principal.OFFICER)
    @Path("/{callId}/applications/{applicationId}/scores")
    @Consumes(MediaType.APPLICATION_JSON)
    public CallService.Sheet score(@PathParam("callId") String callId, @PathParam("applicationId") String applicationId,
                                   ScoreRequest request) {
        Principal officer = currentUser.requireAnyRole(Principal.OFFICER);
        if (request == null) {
            throw ProblemException.badRequest("body", "the scores are missing");
        }
        return calls.score(callId, applicationId, officer, new CallService.ScoreCommand(request.scores(), request.comment()));
    }

    @Operation(operationId = "getCallScoreSheet", summary = "Read an application's score sheet",
            description = "Each officer's points, comment and weighted score, the declared conflicts and the mean score once "
                    + "complete. Officers of the application's district, administrators and auditors.")
    @GET
    @RolesAllowed({Principal.OFFICER, Principal.ADMIN, Principal.AUDITOR})
    @Path("/{callId}/applications/{applicationId}/scores")
    public CallService.Sheet sheet(@PathParam("callId") String callId, @PathParam("applicationId") String applicationId) {
        return calls.sheet(callId, applicationId, currentUser.require());
    }

    @Operation(operationId = "declareCallConflict", summary = "Declare a conflict of interest on an application",
            description = "The officer is excluded from scoring it (403 `field` officer). After scoring it: 409 `field` officer; "
                    + "after the ranking: 409 `field` phase. Declaring again changes nothing.")
    @POST
    @RolesAllowed(Principal.OFFICER)
    @Path("/{callId}/applications/{applicationId}/conflicts")
    @Consumes(MediaType.APPLICATION_JSON)
    public CallService.Sheet conflict(@PathParam("callId") String callId, @PathParam("applicationId") String applicationId,
                                      ConflictRequest request) {
        Principal officer = currentUser.requireAnyRole(Principal.OFFICER);
        if (request == null) {
            throw ProblemException.badRequest("body", "the reason is missing");
        }
        return calls.declareConflict(callId, applicationId, officer, request.reason());
    }

    @Operation(operationId = "cancelCall", summary = "Cancel a call that has not been ranked",
            description = "An administrator cancels an OPEN call (in or after its window, before its ranking) with a reason "
                    + "(1-500 characters, else 400 `field` reason): the call becomes CANCELLED and `CallClosed.v1` with "
                    + "`usedFen` 0 and the reason is published (payments gives the whole envelope back to the budget line), "
                    + "then every application to it is decided REJECTED as not funded, saying the call was cancelled and why "
                    + "(en/zh). A ranking and a cancel are guarded on the same OPEN state: one wins. A call ranking or "
                    + "ranked, or refused: 409 `field` phase with `currentStatus`, nothing changed. A call cancelled before: "
                    + "the decisions still missing (a crash) are written, then 409 `field` phase, `currentStatus` CANCELLED.")
    @APIResponse(responseCode = "200", description = "Cancelled",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = CallService.CallView.class)))
    @POST
    @RolesAllowed(Principal.ADMIN)
    @Path("/{callId}/cancellation")
    @Consumes(MediaType.APPLICATION_JSON)
    public CallService.CallView cancel(@PathParam("callId") String callId, CancelRequest request) {
        Principal admin = currentUser.requireAnyRole(Principal.ADMIN);
        if (request == null) {
            throw ProblemException.badRequest("reason", "the reason is missing");
        }
        return calls.cancel(callId, admin, request.reason());
    }

    @Operation(operationId = "rankCall", summary = "Rank a call and award its envelope",
            description = "After the window, with every application scored (else 409 `field` phase / scores): the ranking "
                    + "(weighted score, then earlier submission, then application id) is stored first, then each application "
                    + "is decided: awards from the top while the envelope lasts (a partial award for the last only if the "
                    + "call allows it), the rest REJECTED as not funded with their rank and the cut-off score. Running it "
                    + "again returns the stored ranking and writes no second decision.")
    @POST
    @RolesAllowed(Principal.ADMIN)
    @Path("/{callId}/rank")
    public CallService.RankResult rank(@PathParam("callId") String callId) {
        return calls.rank(callId, currentUser.requireAnyRole(Principal.ADMIN));
    }

    @Operation(operationId = "getCallRanking", summary = "Read a ranked call's ranking and its later rounds",
            description = "The ranked list as published for its public notice: each application's rank, score, what it asked "
                    + "and was awarded in the first round, and its decision; then each later round (issue 19: an award's "
                    + "order released before payment, after an objection upheld in its public notice or a withdrawal, hands "
                    + "its share of the envelope on in rank order): the awards released and why, what every ranked "
                    + "application is awarded in that round, its cut-off and what it uses. A round never lowers an award. "
                    + "A call not ranked: 409 `field` phase with `currentStatus`.")
    @APIResponse(responseCode = "200", description = "The ranking and its later rounds",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = CallService.RankResult.class)))
    @APIResponse(responseCode = "409", description = "The call is not ranked (`field` phase, `currentStatus`)")
    @GET
    @RolesAllowed({Principal.OFFICER, Principal.FINANCE, Principal.ADMIN, Principal.AUDITOR})
    @Path("/{callId}/ranking")
    public CallService.RankResult ranking(@PathParam("callId") String callId) {
        return calls.ranking(callId);
    }
}
