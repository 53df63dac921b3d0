package org.susong.commons.audit;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.susong.commons.security.CurrentUser;
import org.susong.commons.security.Principal;

/**
 * {@code GET /admin/audit} of every service (issue 12): the report of the service's one {@link ServiceAudit}, read
 * by {@code ./platform audit}; auditors and admins only (checked by the annotation and again on the principal, as
 * the deny-by-default services do for every endpoint).
 */
@Tag(name = "audit", description = "The audit of the service's invariants, read by `./platform audit`.")
@Path("/admin/audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    private final ServiceAudit audit;
    private final CurrentUser currentUser;

    AuditResource(ServiceAudit audit, CurrentUser currentUser) {
        this.audit = audit;
        this.currentUser = currentUser;
    }

    @Operation(operationId = "audit", summary = "Audit the service's invariants",
            description = "Each check with its result, and the work waiting, in progress and finished (auditors and admins).")
    @GET
    @RolesAllowed({AuditReport.AUDITOR, Principal.ADMIN})
    public AuditReport audit() {
        currentUser.requireAnyRole(AuditReport.AUDITOR, Principal.ADMIN);
        return audit.report();
    }
}
