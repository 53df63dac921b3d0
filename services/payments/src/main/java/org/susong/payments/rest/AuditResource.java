package org.susong.payments.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.susong.commons.audit.AuditReport;
import org.susong.commons.security.Principal;
import org.susong.payments.application.PaymentsAudit;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The audit of payments' invariants (issue 12), read by {@code ./platform audit}; auditors and admins only. */
@Tag(name = "audit", description = "The audit of the service's invariants, read by `./platform audit`.")
@Path("/admin/audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    private final PaymentsAudit audit;

    AuditResource(PaymentsAudit audit) {
        this.audit = audit;
    }

    @Operation(operationId = "audit", summary = "Audit the service's invariants",
            description = "Each check with its result, and the work waiting, in progress and finished (auditors and admins).")
    @GET
    @RolesAllowed({Principal.AUDITOR, Principal.ADMIN})
    public AuditReport audit() {
        return audit.report();
    }
}
