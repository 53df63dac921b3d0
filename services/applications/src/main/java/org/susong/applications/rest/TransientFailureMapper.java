package org.susong.applications.rest;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.susong.commons.messaging.TransientFailure;
import org.susong.commons.rest.Problem;

/**
 * A failure that goes away by itself (store or broker unavailable, a full outbox) is 503 with
 * {@code Retry-After}, not a 500: the client may repeat the request (with its Idempotency-Key).
 */
public class TransientFailureMapper {

    static final int RETRY_AFTER_SECONDS = 5;

    @ServerExceptionMapper
    public Response transientFailure(TransientFailure e, UriInfo uri) {
        return Response.status(503).type(Problem.MEDIA_TYPE).header("Retry-After", RETRY_AFTER_SECONDS)
                .entity(new Problem("https://susong.xm.gov.cn/problems/503", "Service unavailable", 503, e.getMessage()
                        + "; try again", uri == null ? null : uri.getPath(), null, null, Map.of())).build();
    }
}
