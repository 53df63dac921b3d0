package org.susong.eligibility.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.susong.commons.rest.ProblemException;
import org.susong.commons.security.CurrentUser;
import org.susong.eligibility.application.DecisionService;

@Path("/decisions")
@Produces(MediaType.APPLICATION_JSON)
public class DecisionResource {

    public record CriterionView(String name, boolean passed, String en, String zh) {
    }

    public record DecisionView(String decisionId, String applicationId, String applicantUscc, String measureCode,
                               String outcome, long amountFen, String ruleVersion, String businessDate,
                               Map<String, Object> inputs, List<CriterionView> criteria, String explanationEn,
                               String explanationZh, String decidedAt, String notice) {
    }

    private final DecisionService decisions;
    private final CurrentUser currentUser;

    DecisionResource(DecisionService decisions, CurrentUser currentUser) {
        this.decisions = decisions;
        this.currentUser = currentUser;
    }

    /** The decision on an application with its inputs, each criterion's result and the amount's computation. */
    @GET
    @Path("/{applicationId}")
    public DecisionView decision(@PathParam("applicationId") String applicationId) {
        currentUser.require();
        Document d = decisions.findByApplication(applicationId)
                .orElseThrow(() -> ProblemException.notFound("decision for application", applicationId));
        List<CriterionView> criteria = d.getList("criteria", Document.class).stream()
                .map(c -> new CriterionView(c.getString("name"), c.getBoolean("passed"), c.getString("en"), c.getString("zh")))
                .toList();
        String notice = "REJECTED".equals(d.getString("outcome"))
                ? "You may apply for administrative reconsideration within 60 days of learning of this decision"
                + " (Administrative Reconsideration Law of the PRC); appeals inside the platform come with issue 3."
                : null;
        return new DecisionView(d.getString("_id"), d.getString("applicationId"), d.getString("applicantUscc"),
                d.getString("measureCode"), d.getString("outcome"), d.get("amountFen", Number.class).longValue(),
                d.getString("ruleVersion"), d.getString("businessDate"), d.get("inputs", Document.class), criteria,
                d.getString("explanationEn"), d.getString("explanationZh"), d.getDate("decidedAt").toInstant().toString(),
                notice);
    }
}
