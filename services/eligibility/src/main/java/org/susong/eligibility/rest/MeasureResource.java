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
import org.susong.commons.seed.Seeder;
import org.susong.eligibility.application.CatalogueService;
import org.susong.eligibility.domain.Measure;
import org.susong.eligibility.domain.MeasureProposal;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.susong.commons.rest.ApiContract;

@Tag(name = "measures", description = "The catalogue of support measures (docs/policy.md): current and published versions; "
        + "administrators propose and approve new versions (maker-checker).")
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class MeasureResource {


    private final CatalogueService catalogue;
    private final CurrentUser currentUser;

    MeasureResource(CatalogueService catalogue, CurrentUser currentUser) {
        this.catalogue = catalogue;
        this.currentUser = currentUser;
    }

    /** The measure catalogue, current versions, with placeholders and readings named; by code, keyset-paged. */
    @GET
    @RolesAllowed({Principal.APPLICANT, Principal.OFFICER, Principal.FINANCE, Principal.ADMIN, Principal.AUDITOR,
            Principal.REGISTRAR, Principal.FUND_MANAGER})
    @Operation(operationId = "listMeasures", summary = "List the measure catalogue",
            description = "Current version of every measure, with its validity window, required facts, cap, the placeholders "
                    + "it still has (values no source gives yet) and its readings (the source's words it interprets, "
                    + "quoted, with the fields and criteria that apply them: e.g. the validity window read from 有效期3年).")
    @Path("measures")
    public Page<Measure> measures(@QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        List<Measure> byCode = catalogue.all().stream().sorted(Comparator.comparing(Measure::code)).toList();
        return Page.of(byCode, Measure::code, cursor, ListParams.limit(limit));
    }

    @GET
    @RolesAllowed({Principal.APPLICANT, Principal.OFFICER, Principal.FINANCE, Principal.ADMIN, Principal.AUDITOR,
            Principal.REGISTRAR, Principal.FUND_MANAGER})
    @Operation(operationId = "getMeasure", summary = "Read a measure's current version",
            description = "With its validity window, required facts and facts schema, rule, cap, placeholders and readings "
                    + "(the source's words this version interprets, quoted, and what applies them).")
    @Path("measures/{code}")
    public Measure measure(@PathParam("code") String code) {
        return catalogue.find(code).orElseThrow(() -> ProblemException.notFound("measure", code));
    }

    /** A published version as it was published (decisions pin one). */
    @GET
    @RolesAllowed({Principal.APPLICANT, Principal.OFFICER, Principal.FINANCE, Principal.ADMIN, Principal.AUDITOR,
            Principal.REGISTRAR, Principal.FUND_MANAGER})
    @Operation(operationId = "getMeasureVersion", summary = "Read a published version of a measure",
            description = "As it was published; decisions pin the version (`ruleVersion`, e.g. `B1@1`) they were made with.")
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
    @Operation(operationId = "proposeMeasureVersion", summary = "Propose the next version of a measure (maker)",
            description = "The body is the whole definition; CEL expressions, the facts schema, and ceilings against the catalogue's "
                    + "sourced limits are checked first (400 naming the field). Nothing is published until a second administrator "
                    + "approves.")
    @RequestBody(required = true, description = "The whole measure definition (as `GET /measures/{code}` answers it)",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = org.susong.eligibility.domain.Measure.class),
                    examples = @ExampleObject(name = "B1", value = """
                            {"code": "B1", "titleZh": "高新技术企业等一次性奖励",
                            "titleEn": "One-time rewards: national high-tech enterprise, little giant, single champion, innovation demonstration",
                            "status": "OPEN", "beneficiaryTypes": ["ENTERPRISE"], "validFrom": "2024-01-01",
                            "validTo": "2026-12-31", "requiredFacts": ["category", "certificateNumber", "certificationYear"],
                            "factsSchema": {"type": "object", "required": ["category", "certificateNumber",
                            "certificationYear"], "properties": {"category": {"enum": ["HIGH_TECH_ENTERPRISE", "LITTLE_GIANT",
                            "SINGLE_CHAMPION", "TECH_INNOVATION_DEMO"]}, "certificateNumber": {"type": "string",
                            "maxLength": 40}, "certificationYear": {"type": "integer"}}}, "rule": {"kind": "CEL",
                            "criteria": [{"name": "category",
                            "expr": "facts.category in ['HIGH_TECH_ENTERPRISE', 'LITTLE_GIANT', 'SINGLE_CHAMPION', 'TECH_INNOVATION_DEMO']",
                            "en": "the certification is one of B1's four categories (high-tech enterprise, little giant, single champion, technology-innovation demonstration)",
                            "zh": "认定类别属于 B1 的四类（高新技术企业、专精特新“小巨人”、制造业单项冠军、技术创新示范企业）"}], "amount": "p.tiers[facts.category]",
                            "params": {"tiers": {"HIGH_TECH_ENTERPRISE": 30000000, "LITTLE_GIANT": 50000000,
                            "SINGLE_CHAMPION": 500000000, "TECH_INNOVATION_DEMO": 100000000}, "firstYear": 2024,
                            "lastYear": 2026}, "rounding": "HALF_UP_FEN_V1", "minFen": 20000000, "maxFen": 500000000},
                            "sourceRule": "200,000 to 5,000,000 one-time", "capFen": 500000000, "capPeriod": "CERTIFICATE",
                            "capGroup": "B1", "capYearBasis": null,
                            "capKey": "facts.category + ':' + string(facts.certificateNumber)", "claimKey": null,
                            "budgetLine": "B1", "disbursementMode": "GRANT", "fallback": null,
                            "placeholders": [], "version": 2}""")))
    @APIResponse(responseCode = "202", description = "Proposed: waiting for a second administrator",
            headers = @Header(name = "Location", ref = ApiContract.LOCATION),
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = CatalogueService.Proposed.class)))
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
    @Operation(operationId = "getMeasureProposal", summary = "Read a proposed measure version",
            description = "The definition, who proposed it, and its state, as the approver reads it before approving.")
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
    @Operation(operationId = "approveMeasureProposal", summary = "Approve and publish a proposed version (checker)",
            description = "A second administrator; the proposer approving their own proposal, a proposal already decided, or one "
                    + "overtaken by another version: 409. Decisions already made keep the version they pinned.")
    @APIResponse(responseCode = "201", description = "Published", headers = @Header(name = "Location", ref = ApiContract.LOCATION),
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = CatalogueService.Published.class)))
    @POST
    @RolesAllowed(Principal.ADMIN)
    @Path("admin/measures/{code}/proposals/{proposalId}/approval")
    public Response approve(@PathParam("code") String code, @PathParam("proposalId") String proposalId) {
        Principal admin = currentUser.require();
        CatalogueService.Published published = catalogue.approve(code, proposalId, admin.user(), admin.asActor());
        return Response.created(URI.create("/measures/" + code + "/versions/" + published.version())).entity(published)
                .build();
    }

    /** Loads the catalogue of docs/policy.md (version 1 of each measure); running it again creates nothing. */
    @Operation(operationId = "seedMeasures", summary = "Load the measure catalogue (version 1 of each)",
            description = "Idempotent: running it again creates nothing and lists the measures that existed.")
    @POST
    @RolesAllowed(Principal.ADMIN)
    @Path("admin/seed")
    public Seeder.SeedResult seed() {
        return catalogue.seed(currentUser.require().asActor());
    }
}
