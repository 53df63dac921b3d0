package org.susong.commons.audit;

/**
 * A service's audit of its own invariants (issue 12): one CDI bean per service implements it, and commons'
 * {@link AuditResource} answers it at {@code GET /admin/audit}.
 */
public interface ServiceAudit {

    /** The checks over the service's own store, with what is waiting, in progress and finished. */
    AuditReport report();
}
