package org.susong.applications.application;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import org.susong.commons.messaging.TransientFailure;

/** Test only: an endpoint whose store is "unavailable", to see how REST answers a transient failure. */
@Path("/test-only/transient-failure")
public class TransientFailureProbe {

    @GET
    @PermitAll // a test probe that holds no data and always fails
    public String fail() {
        throw new TransientFailure("the store is unavailable (test probe)");
    }
}
