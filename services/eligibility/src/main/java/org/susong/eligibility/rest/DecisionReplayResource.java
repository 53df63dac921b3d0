package org.susong.eligibility.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.susong.commons.rest.ProblemException;
import org.susong.commons.security.Principal;
import org.susong.eligibility.application.DecisionReplay;

/**
 * The decisions replay (issue 16 item 9), read by {@code ./platform replay-decisions}: every stored decision decided
 * again from what it stores under the rule version it pinned, and each difference listed; auditors and admins only.
 */
@Tag(name = "audit", description = "The audit of the service's invariants, read by `./platform audit`.")
@Path("/admin/decisions/replay")
@Produces(MediaType.APPLICATION_JSON)
public class DecisionReplayResource {

    static final int PAGE = 200;
    static final int MAX_LIMIT = 10_000;

    private final DecisionReplay replay;

    DecisionReplayResource(DecisionReplay replay) {
        this.replay = replay;
    }

    @Operation(operationId = "replayDecisions", summary = "Replay every decision and report the differences",
            description = "Recomputes, for every stored decision, its outcome, its criteria up to the ledger (name and "
                    + "result) and its proposed amount before caps from its stored facts and the registry values and "
                    + "fund scope it read (`basis`), under the measure version it pinned (the code the live path runs), "
                    + "and checks its granted amount against the cap shares it recorded, not against today's ledger. "
                    + "A decision on an application to a call (issue 19) is replayed by ranking its call again from the "
                    + "stored score sheets under the call as published, compared per application (its rank, award and "
                    + "the cut-off on the call; outcome, amount and the ranking's words on the decision). "
                    + "Read-only; pages through the decisions by id. The report: `decisions` read, `replayed`, `skipped` "
                    + "(automatic awards; decisions made before decisions stored their registry values, with the "
                    + "reason), `differing` decisions, and each difference `{decisionId, field, stored, recomputed}` "
                    + "(fields: outcome, criteria, proposedFen, amountFen, inputs, reviewRequired, ruleVersion; for a "
                    + "call: rank, awardedFen, cutOffScore, callRanking); "
                    + "`truncated` when more than `limit` differences or skips were found. Auditors and admins only.")
    @GET
    @RolesAllowed({Principal.AUDITOR, Principal.ADMIN})
    public DecisionReplay.Report replay(@Parameter(description = "Most differences (and skips) listed, 1-10000; all are counted")
                                        @QueryParam("limit") @DefaultValue("1000") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ProblemException.badRequest("limit", "limit must be between 1 and " + MAX_LIMIT);
        }
        return replay.replayAll(PAGE, limit);
    }
}
