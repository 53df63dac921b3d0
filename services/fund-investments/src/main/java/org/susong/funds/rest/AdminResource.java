package org.susong.funds.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.susong.commons.security.CurrentUser;
import org.susong.commons.security.Principal;
import org.susong.funds.application.FundSeeder;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Tag(name = "funds")
@Path("/admin")
@Produces(MediaType.APPLICATION_JSON)
public class AdminResource {

    private final FundSeeder seeder;
    private final CurrentUser currentUser;

    AdminResource(FundSeeder seeder, CurrentUser currentUser) {
        this.seeder = seeder;
        this.currentUser = currentUser;
    }

    /** Seeds the funds of measure C2 (placeholder sizes); safe to repeat: answers what was created and what was there. */
    @Operation(operationId = "seedFunds", summary = "Load the funds of measure C2",
            description = "Placeholder sizes; safe to repeat: answers what was created and what was there.")
    @POST
    @Path("/seed")
    @RolesAllowed(Principal.ADMIN)
    public FundSeeder.SeedReport seed() {
        currentUser.requireAnyRole(Principal.ADMIN);
        return seeder.seed();
    }
}
