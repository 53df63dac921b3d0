package org.susong.commons.rest;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.List;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.susong.commons.messaging.LogContext;

/**
 * The application and decision a request is about, in the log lines written while it is served
 * (issue 17 item 5): the path parameters {@code applicationId} and {@code decisionId}, and {@code id}
 * under {@code /applications}, as the MDC entries of {@link LogContext} (the trace and span ids are put
 * there by Quarkus' OpenTelemetry). Quarkus keeps the MDC on the request's own context; the entries are
 * removed again when the response is written.
 */
public class RequestLogContext {

    private static final List<String> KEYS = List.of(LogContext.APPLICATION_ID, LogContext.DECISION_ID);

    @ServerRequestFilter
    public void put(ContainerRequestContext request) {
        MultivaluedMap<String, String> parameters = request.getUriInfo().getPathParameters();
        String application = parameters.getFirst("applicationId");
        if (application == null && request.getUriInfo().getPath().replaceFirst("^/", "").startsWith("applications/")) {
            application = parameters.getFirst("id");
        }
        if (application != null) {
            MDC.put(LogContext.APPLICATION_ID, application);
        }
        String decision = parameters.getFirst("decisionId");
        if (decision != null) {
            MDC.put(LogContext.DECISION_ID, decision);
        }
    }

    @ServerResponseFilter
    public void remove() {
        KEYS.forEach(MDC::remove);
    }
}
