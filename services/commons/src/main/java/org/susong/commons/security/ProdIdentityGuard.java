package org.susong.commons.security;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;

/**
 * A service started in {@code prod} with the header stub on would let anyone who reaches its port
 * act as anyone: it refuses to start and says why.
 */
@ApplicationScoped
public class ProdIdentityGuard {

    void check(@Observes StartupEvent start, IdentityConfig config) {
        refuseStubIn(ConfigUtils.getProfiles(), config.headerStub());
    }

    static void refuseStubIn(List<String> profiles, boolean headerStub) {
        if (headerStub && profiles.contains("prod")) {
            throw new IllegalStateException("susong.identity.header-stub=true in the prod profile: the header stub "
                    + "trusts X-User/X-Roles from any caller, so this service refuses to start. Turn it off and "
                    + "configure OIDC (quarkus.oidc.auth-server-url, quarkus.oidc.token.audience); see docs/security.md.");
        }
    }
}
