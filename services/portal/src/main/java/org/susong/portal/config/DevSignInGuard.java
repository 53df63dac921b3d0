package org.susong.portal.config;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;

/**
 * A portal started in {@code prod} with the development sign-in on would let anyone who reaches it act as anyone
 * towards the services (as the header stub does, which the services refuse in prod for the same reason: commons
 * {@code ProdIdentityGuard}): it refuses to start and says why.
 */
@ApplicationScoped
public class DevSignInGuard {

    void check(@Observes StartupEvent start, PortalConfig config) {
        refuseIn(ConfigUtils.getProfiles(), config.devSignIn());
    }

    static void refuseIn(List<String> profiles, boolean devSignIn) {
        if (devSignIn && profiles.contains("prod")) {
            throw new IllegalStateException("susong.portal.dev-sign-in=true in the prod profile: the development sign-in "
                    + "lets anyone act as any role and district, so the portal refuses to start. Turn it off; the "
                    + "identity provider's sign-in (OIDC) is the production one (docs/services/portal.md).");
        }
    }
}
