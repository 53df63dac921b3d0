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
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Comparator;
import java.util.List;
import org.susong.commons.rest.ListParams;
import org.susong.commons.rest.Page;
import org.susong.commons.rest.ProblemException;
import org.susong.commons.security.CurrentUser;
import org.susong.commons.security.Principal;
import org.susong.eligibility.application.CatalogueService;
import org.susong.eligibility.domain.Measure;
import org.susong.eligibility.domain.MeasureProposal;

@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class MeasureResource {


    private final CatalogueService catalogue;
    private final CurrentUser currentUser;

    MeasureResource(CatalogueService catalogue, CurrentUser currentUser) {
        this.catalogue = catalogue;
        this.currentUser = currentUser;
    }

    /** The measure catalogue, current versions, with placeholders named; by code, keyset-paged. */
    @GET
    @RolesAllowed({Principal.APPLICANT, Principal.OFFICER, Principal.FINANCE, Principal.ADMIN, Principal.AUDITOR,
            Principal.REGISTRAR, Principal.FUND_MANAGER})
    @Path("measures")
    public Page<Measure> measures(@QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        List<Measure> byCode = catalogue.all().stream().sorted(Comparator.comparing(Measure::code)).toList();
        return Page.of(byCode, Measure::code, cursor, ListParams.limit(limit));
    }

    @GET
    @RolesAllowed({Principal.APPLICANT, Principal.OFFICER, Principal.FINANCE, Principal.ADMIN, Principal.AUDITOR,
            Principal.REGISTRAR, Principal.FUND_MANAGER})
    @Path("measures/{code}")
    public Measure measure(@PathParam("code") String code) {
        return catalogue.find(code).orElseThrow(() -> ProblemException.notFound("measure", code));
    }

    /** A published version as it was published (decisions pin one). */
    @GET
    @RolesAllowed({Principal.APPLICANT, Principal.OFFICER, Principal.FINANCE, Principal.ADMIN, Principal.AUDITOR,
            Principal.REGISTRAR, Principal.FUND_MANAGER})
    @Path("measures/{code}/versions/{version}")
    public Measure version(@PathParam("code") String code, @PathParam("version") int version) {
        return catalogue.findVersion(code, version).orElseThrow(() -> ProblemException.notFound("measure version",
                code + "@" + version));
    }

    /**
     * Proposes the next version of a measure (an administrator; maker-checker). The body is the whole definition;
     * CEL expressions, the facts schema, and ceilings against the catalogue's sourced limits are checked first
     * (400 naming the field). Nothing is published until a second administrator approves: 202 with the proposal.
     */
    @POST
    @RolesAllowed(Principal.ADMIN)
    @Path("admin/measures/{code}/versions")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response propose(@PathParam("code") String code, Measure definition) {
        Principal admin = currentUser.require();
        if (definition == null) {
            throw ProblemException.badRequest("body", "the measure definition is missing");
        }
        CatalogueService.Proposed proposed = catalogue.propose(code, definition, admin.user());
        return Response.accepted(proposed).location(URI.create("/admin/measures/" + code + "/proposals/"
                + proposed.proposalId())).build();
    }

    /** A proposed version as its approver reads it before approving: the definition, who proposed it, its state. */
    @GET
    @RolesAllowed({Principal.ADMIN, Principal.AUDITOR})
    @Path("admin/measures/{code}/proposals/{proposalId}")
    public MeasureProposal proposal(@PathParam("code") String code, @PathParam("proposalId") String proposalId) {
        return catalogue.proposal(code, proposalId).orElseThrow(() -> ProblemException.notFound("measure proposal",
                proposalId));
    }

    /**
     * A second administrator approves a proposed version, which is published (201). The proposer approving their
     * own proposal, a proposal already decided, or one overtaken by another version: 409. Decisions already made
     * keep the version they pinned.
     */
    @POST
    @RolesAllowed(Principal.ADMIN)
    @Path("admin/measures/{code}/proposals/{proposalId}/approval")
    public Response approve(@PathParam("code") String code, @PathParam("proposalId") String proposalId) {
        Principal admin = currentUser.require();
        CatalogueService.Published published = catalogue.approve(code, proposalId, admin.user(), admin.asActor());
        return Response.created(URI.create("/measures/" + code + "/versions/" + published.version())).entity(published)
                .build();
    }

    /** Loads the catalogue of domain.md (version 1 of each measure); running it again creates nothing. */
    @POST
    @RolesAllowed(Principal.ADMIN)
    @Path("admin/seed")
    public CatalogueService.SeedResult seed() {
        return catalogue.seed(currentUser.require().asActor());
    }
}
