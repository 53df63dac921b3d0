package org.susong.eligibility.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.susong.commons.ids.District;
import org.susong.commons.rest.ProblemException;
import org.susong.commons.security.CurrentUser;
import org.susong.commons.security.Principal;
import org.susong.eligibility.application.ApplicantDistricts;
import org.susong.eligibility.application.DecisionQueries;
import org.susong.eligibility.domain.DecisionRecord;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.susong.commons.states.StoredText;

@Tag(name = "decisions", description = "Eligibility decisions on applications, with their inputs, criteria, computation and the public notice.")
@Path("/decisions")
@Produces(MediaType.APPLICATION_JSON)
public class DecisionResource {

    public record CriterionView(String name, boolean passed, String en, String zh) {
    }

    public record NoticeView(String en, String zh, String appealDeadline) {
    }

    public record DecisionView(String decisionId, String applicationId, String applicantUscc, District district,
                               String measureCode,
                               @Schema(implementation = org.susong.eligibility.domain.Outcome.class) String outcome,
                               long amountFen, Long proposedFen, String ruleVersion, String businessDate,
                               @Schema(format = "date", example = "2026-06-15", description = "The day the submission "
                                       + "was judged on: the validity, the rule, the cap year and the fiscal year read "
                                       + "it. The submission day for a first decision; an appeal or a review keeps the "
                                       + "original decision's, so it can lie before `businessDate` (the day decided).")
                               String judgedOn,
                               Map<String, Object> inputs, List<CriterionView> criteria, String explanationEn,
                               String explanationZh, String computationEn, String computationZh,
                               List<Map<String, Object>> capShares, Integer capYear, String proposalId, String supersedes,
                               String supersededBy,
                               @Schema(enumeration = {"OPEN", "AWAITING_SECOND", "REJECTING", "LOWERING", "UPHOLDING", "DONE"},
                                       description = "Only for REVIEW_REQUIRED decisions") String reviewState,
                               String decidedAt, String appealDeadline,
                               NoticeView notice,
                               @Schema(description = "On an appeal's decision (D-<applicationId>-R<n>): the decision "
                                       + "appealed (appealedDecisionId, appealedOutcome, heldFen: what it holds on the "
                                       + "caps), the applicant's grounds and document references, the appeal's event")
                               Map<String, Object> appeal) {
    }

    private final DecisionQueries decisions;
    private final CurrentUser currentUser;
    private final ApplicantDistricts districts;

    DecisionResource(DecisionQueries decisions, CurrentUser currentUser, ApplicantDistricts districts) {
        this.decisions = decisions;
        this.currentUser = currentUser;
        this.districts = districts;
    }

    /**
     * The current decision on an application (after appeals, the latest re-decision) with its inputs,
     * the remaining cap it saw, each criterion's result, the amount's computation and the notice.
     */
    @Operation(operationId = "getDecisionForApplication", summary = "Read the current decision on an application",
            description = "After appeals, the latest re-decision; with its inputs, the remaining cap it saw, each criterion's result, "
                    + "the amount's computation and the notice. Decisions the principal may not see answer 404.")
    @GET
    @RolesAllowed({Principal.APPLICANT, Principal.OFFICER, Principal.AUDITOR})
    @Path("/{applicationId}")
    public DecisionView decision(@PathParam("applicationId") String applicationId) {
        Principal principal = currentUser.require();
        return view(decisions.findByApplication(applicationId).filter(d -> visible(principal, d))
                .orElseThrow(() -> ProblemException.notFound("decision for application", applicationId)));
    }

    /** One decision by its id (e.g. an earlier round: {@code D-<applicationId>}). */
    @Operation(operationId = "getDecision", summary = "Read a decision by its id",
            description = "E.g. an earlier round: `D-<applicationId>`.")
    @GET
    @RolesAllowed({Principal.APPLICANT, Principal.OFFICER, Principal.AUDITOR})
    @Path("/by-id/{decisionId}")
    public DecisionView byId(@PathParam("decisionId") String decisionId) {
        Principal principal = currentUser.require();
        return view(decisions.find(decisionId).filter(d -> visible(principal, d))
                .orElseThrow(() -> ProblemException.notFound("decision", decisionId)));
    }

    /**
     * Auditors read every decision; a district officer its district's and those of the applicants that moved into its
     * district (issue 20 item 6: their history comes with them), an applicant its own USCC's. Anything else answers as
     * if the decision did not exist (404), so its existence is not revealed.
     */
    boolean visible(Principal principal, DecisionRecord decision) {
        if (principal.sees(decision.districtName(), decision.applicantUscc(), Principal.AUDITOR)) {
            return true;
        }
        return principal.hasRole(Principal.OFFICER) && districts.current(decision.applicantUscc())
                .filter(d -> principal.inDistrict(d.name())).isPresent();
    }

    static DecisionView view(DecisionRecord d) {
        List<CriterionView> criteria = d.criteria().stream()
                .map(c -> new CriterionView(c.name(), c.passed(), c.en(), c.zh()))
                .toList();
        return new DecisionView(d.decisionId(), d.applicationId(), d.applicantUscc(), d.district(), d.measureCode(),
                StoredText.text(d.outcome()), d.amountFen(), d.proposedFen(), d.ruleVersion(), d.businessDate(), d.judgedOn().toString(),
                d.inputs(), criteria, d.explanationEn(), d.explanationZh(), d.computationEn(), d.computationZh(),
                d.capShares(), d.capYear(), d.proposalId(), d.supersedes(), d.supersededBy(), StoredText.text(d.reviewState()),
                d.decidedAt().toString(), d.appealDeadline(),
                d.notice() == null ? null : new NoticeView(d.notice().en(), d.notice().zh(), d.notice().appealDeadline()),
                d.appeal());
    }
}
