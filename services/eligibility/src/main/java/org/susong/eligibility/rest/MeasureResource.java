package org.susong.eligibility.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.susong.commons.rest.ProblemException;
import org.susong.commons.security.CurrentUser;
import org.susong.commons.security.Principal;
import org.susong.eligibility.application.CatalogueService;
import org.susong.eligibility.domain.Measure;

@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class MeasureResource {

    private final CatalogueService catalogue;
    private final CurrentUser currentUser;

    MeasureResource(CatalogueService catalogue, CurrentUser currentUser) {
        this.catalogue = catalogue;
        this.currentUser = currentUser;
    }

    /** The measure catalogue, current versions, with placeholders named. */
    @GET
    @Path("measures")
    public List<Measure> measures() {
        currentUser.require();
        return catalogue.all();
    }

    @GET
    @Path("measures/{code}")
    public Measure measure(@PathParam("code") String code) {
        currentUser.require();
        return catalogue.find(code).orElseThrow(() -> ProblemException.notFound("measure", code));
    }

    /** Loads the catalogue of domain.md (version 1 of each measure); running it again creates nothing. */
    @POST
    @Path("admin/seed")
    public CatalogueService.SeedResult seed() {
        Principal admin = currentUser.requireAnyRole(Principal.ADMIN);
        return catalogue.seed(admin.asActor());
    }
}
